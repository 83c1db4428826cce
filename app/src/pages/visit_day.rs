//! My day's home visits (issue 24 point 3), for the area's butler: the plan under way —
//! households effectively contacted against its target, how many more it needs — and how
//! many households were never visited, linking to `/visits`. The figures are
//! `model::visit::day_figures`: the page's own (`area_visits`) without its household list.
//!
//! DOM: `#day-visits[data-num][data-den][data-met]`, `a#day-visits-link`.

use crate::context::use_ui;
use crate::i18n::{vw, Key, Vw};
use crate::model::deadlines::settings;
use crate::model::visit::{areas_for, day_figures, pct_text};
use crate::pages::visits::visit_facts;
use crate::platform::utc_offset_min;
use leptos::prelude::*;
use shared::visit::coverage::Share;

/// The butler's visits on My day.
#[component]
pub fn DayVisits() -> impl IntoView {
    let ui = use_ui();
    let facts = visit_facts();
    let line = Memo::new(move |_| {
        ui.tick.track();
        let (role, own) = (ui.role()?, super::renovations::my_area(&ui)?);
        let now = ui.now();
        ui.snap.with(|s| {
            let area = areas_for(&s.state, role, Some(&own)).into_iter().next()?;
            let set = settings(&s.state);
            facts.with(|f| Some(day_figures(f, &area.id, now, utc_offset_min(), &set)))
        })
    });
    let w = move |k: Vw| vw(k, ui.lang.get());
    let attr = move |f: fn(&Share) -> String| {
        move || line.with(|l| l.and_then(|l| l.plan).map(|s| f(&s)).unwrap_or_default())
    };
    let text = move || {
        line.with(|l| {
            let Some(l) = l else { return String::new() };
            let plan = match l.plan {
                Some(s) => format!(
                    "{} {} ({}/{}) · {} {}% · {} {}",
                    w(Vw::Coverage),
                    pct_text(s.permille()),
                    s.reached,
                    s.households,
                    w(Vw::Target),
                    s.target_pct,
                    w(Vw::ShortBy),
                    s.short_by()
                ),
                None => w(Vw::NoPlan).to_owned(),
            };
            format!("{plan} · {} {}", w(Vw::NeverVisited), l.never)
        })
    };
    view! {
        <Show when=move || line.with(Option::is_some)>
            <section
                id="day-visits"
                class="day-section card"
                data-num=attr(|s| s.reached.to_string())
                data-den=attr(|s| s.households.to_string())
                data-met=attr(|s| s.met().map(|m| m.to_string()).unwrap_or_default())
            >
                <h2 class="sub">{move || w(Vw::Title)}</h2>
                <p>{text}</p>
                <p><a id="day-visits-link" class="button" href="/visits">{move || ui.t(Key::DutiesVisits)}</a></p>
            </section>
        </Show>
    }
}
