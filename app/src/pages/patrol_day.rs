//! My day's patrol part: the findings whose fix is done and waits for the butler's re-check
//! (pass closes the request, fail reopens it), and the buildings (or floors) to patrol today
//! — red first — with today's rounds against the setting.
//!
//! DOM: `#day-rechecks li.recheck[data-request]` with `button.recheck-pass|recheck-fail`,
//! `#day-cover li.cover[data-building][data-overdue]`.

use crate::context::use_ui;
use crate::i18n::Key;
use crate::model::{deadlines, patrol};
use crate::platform::{format_time, utc_offset_min};
use leptos::prelude::*;
use shared::fields::read;
use shared::names::{field, kind};
use shared::patrol::coverage::area_coverage;
use shared::{Kind, RecordId};

/// The patrol section of My day (the butler's area; nothing for the office without one).
#[component]
pub fn DayPatrol() -> impl IntoView {
    let ui = use_ui();
    let area = move || {
        ui.snap.with(|s| s.session.as_ref().and_then(|s| s.me.area_id.clone()).map(RecordId))
    };
    let rechecks = Memo::new(move |_| {
        let a = area();
        ui.snap.with(|s| {
            patrol::rechecks_due(&s.state, a.as_ref())
                .into_iter()
                .map(|id| {
                    let d = s
                        .state
                        .field(&Kind::new(kind::REQUEST), &id, field::DESCRIPTION)
                        .and_then(|f| read::text(&f.value).map(str::to_owned))
                        .unwrap_or_default();
                    (id, d)
                })
                .collect::<Vec<_>>()
        })
    });
    let cover = Memo::new(move |_| {
        let a = area()?;
        let now = ui.now();
        let day = shared::report::period::day_start(now, utc_offset_min());
        Some(
            ui.snap.with(|s| area_coverage(&s.state, &a, &deadlines::settings(&s.state), now, day)),
        )
    });
    let error = RwSignal::new(None::<Key>);
    let recheck = move |id: RecordId, pass: bool| {
        let Some(actor) = ui.actor() else { return };
        match patrol::recheck_edits(&id, pass, "", &actor) {
            Ok(e) => ui.save(e, error, || {}),
            Err(_) => error.set(Some(Key::PatrolBadValue)),
        }
    };
    view! {
        <section id="day-rechecks" class="day-section card">
            <h2 class="sub">{move || ui.t(Key::DayRechecks)} " "
                <span class="count" data-count=move || rechecks.with(|r| r.len().to_string())>{move || rechecks.with(|r| r.len())}</span>
            </h2>
            // Like My day's other cards: an empty card says so.
            <Show when=move || rechecks.with(Vec::is_empty)>
                <p class="empty">{move || ui.t(Key::DayNothing)}</p>
            </Show>
            <ul>
                {move || rechecks.get().into_iter().map(|(id, desc)| {
                    let (a, b) = (id.clone(), id.clone());
                    view! {
                        <li class="recheck" data-request=id.0.clone()>
                            <a href=format!("/requests/{id}")>{desc}</a> " "
                            <button class="recheck-pass" on:click=move |_| recheck(a.clone(), true)>{move || ui.t(Key::RecheckPass)}</button>
                            <button class="recheck-fail" on:click=move |_| recheck(b.clone(), false)>{move || ui.t(Key::RecheckFail)}</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p class="error" role="alert">{move || error.get().map(|k| ui.t(k))}</p>
        </section>
        <Show when=move || cover.with(Option::is_some)>
            <section id="day-cover" class="day-section card">
                <h2 class="sub">{move || ui.t(Key::DayCoverToday)} " "
                    <small>{move || cover.with(|c| c.as_ref().map(|c| format!("{} {}/{}", ui.t(Key::PatrolRoundsToday), c.rounds_today, c.rounds_needed)).unwrap_or_default())}</small>
                    " " <a href="/patrol">{move || ui.t(Key::PatrolStart)}</a>
                </h2>
                <ul>
                    {move || cover.get().map(|c| c.suggestions().into_iter().cloned().collect::<Vec<_>>()).unwrap_or_default().into_iter().map(|s| view! {
                        <li class="cover" class:overdue=s.overdue data-building=s.spot.building.0.clone() data-overdue=s.overdue.to_string()>
                            <span translate="no">{s.name.clone()}</span> {s.spot.floor.map(|f| format!(" {f}F")).unwrap_or_default()} " · "
                            {s.last.map(|t| format_time(t as u64)).unwrap_or_else(|| ui.t(Key::PatrolNever).to_owned())}
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        </Show>
    }
}
