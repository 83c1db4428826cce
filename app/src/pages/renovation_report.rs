//! The reports' daily renovation check coverage (issue 24 point 1): for the period chosen
//! on `/reports`, checked site-days ÷ active site-days per area and in all, against the
//! site's target (`shared::renovation::daily`, `model::renovation::coverage_lines`). A
//! butler sees their area's.
//!
//! DOM: `#reno-coverage-report`, `tr.reno-coverage-line[data-checked][data-active]
//! [data-permille][data-met]`, the total `#reno-coverage-total` (same attributes).

use crate::context::use_ui;
use crate::i18n::Rn;
use crate::model::renovation::{coverage_lines, daily::Coverage};
use leptos::prelude::*;
use shared::report::Period;

fn pct(c: &Coverage) -> String {
    c.permille.map_or("—".to_owned(), |p| format!("{}.{}%", p / 10, p % 10))
}

fn line(id: Option<&'static str>, name: String, c: &Coverage) -> impl IntoView {
    view! {
        <tr class="reno-coverage-line" id=id
            data-checked=c.checked data-active=c.active
            data-permille=c.permille.map(|p| p.to_string()).unwrap_or_default()
            data-met=c.met.map(|m| m.to_string()).unwrap_or_default()
            class:met=c.met == Some(true) class:missed=c.met == Some(false)>
            <th scope="row" translate="no">{name}</th>
            <td>{pct(c)}</td>
            <td>{c.checked}</td>
            <td>{c.active}</td>
            <td>{format!("{}%", c.target_pct)}</td>
        </tr>
    }
}

/// The coverage table of `period`.
#[component]
pub fn RenovationCoverage(period: Signal<Period>) -> impl IntoView {
    let ui = use_ui();
    let t = move |w: Rn| w.text(ui.lang.get());
    let data = Memo::new(move |_| {
        let (p, now, area) = (period.get(), ui.now(), super::renovations::my_area(&ui));
        ui.snap.with(|s| coverage_lines(&s.state, &p, now, area.as_ref()))
    });
    view! {
        <section id="reno-coverage-report" class="card report-block">
            <h2>{move || t(Rn::CoverageReport)}</h2>
            <div class="table-scroll">
                <table class="report-table">
                    <thead><tr>
                        <th scope="col">{move || t(Rn::Area)}</th>
                        <th scope="col">{move || t(Rn::CoveragePct)}</th>
                        <th scope="col">{move || t(Rn::SiteDaysChecked)}</th>
                        <th scope="col">{move || t(Rn::SiteDaysActive)}</th>
                        <th scope="col">{move || t(Rn::Target)}</th>
                    </tr></thead>
                    <tbody>
                        {move || data.with(|(lines, total)| {
                            let mut rows: Vec<_> = lines.iter().map(|l| line(None, l.name.clone(), &l.coverage).into_any()).collect();
                            rows.push(line(Some("reno-coverage-total"), t(Rn::Total).to_owned(), total).into_any());
                            rows.into_iter().collect_view()
                        })}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
