//! My day's reports block for the office and supervisors: links to the printed reports and,
//! for a supervisor, last month's service-quality report flagged from the 15th until it is
//! submitted, red after the 22nd (`shared::report::notes::monthly_due`).
//!
//! DOM: `#day-reports`, `#monthly-due` (`data-overdue`); the links `#link-report-daily`,
//! `#link-report-weekly`, `#link-report-monthly` and `#link-report-kpis` (also on the reports'
//! pages and `/reports`).

use crate::context::use_ui;
use crate::i18n::Rw;
use crate::platform::utc_offset_min;
use leptos::prelude::*;
use shared::report::notes::{monthly_due, notes, MONTHLY_DUE_DAY};
use shared::Role;

/// The reports block of My day (nothing for butlers and department staff).
#[component]
pub fn DayReports() -> impl IntoView {
    let ui = use_ui();
    let due = Memo::new(move |_| {
        ui.tick.track();
        let sup = ui.role() == Some(Role::Supervisor);
        let all = ui.snap.with(|s| notes(&s.state));
        sup.then(|| monthly_due(ui.now(), utc_offset_min(), &all)).flatten()
    });
    let text = move |overdue: bool| {
        let lang = ui.lang.get();
        match overdue {
            true => Rw::MonthlyOverdue.text(lang).to_owned(),
            false => Rw::MonthlyDue.text(lang).replace("{d}", &MONTHLY_DUE_DAY.to_string()),
        }
    };
    view! {
        <Show when=move || ui.is_office()>
            <div id="day-reports" class="day-reports card">
                <h2 class="sub">{move || Rw::Reports.text(ui.lang.get())}</h2>
                {move || due.get().map(|d| view! {
                    <p id="monthly-due" class="monthly-due" class:overdue=d.overdue data-overdue=d.overdue.to_string()>
                        <a href="/reports/monthly">{text(d.overdue)}</a>
                    </p>
                })}
                <ReportLinks />
            </div>
        </Show>
    }
}

/// Links between the three reports (not printed).
#[component]
pub fn ReportLinks() -> impl IntoView {
    let ui = use_ui();
    let location = leptos_router::hooks::use_location();
    let link = move |href: &'static str, id: &'static str, w: Rw| {
        let current = move || (location.pathname.get() == href).then_some("page");
        view! { <a href=href id=id class="report-link" aria-current=current>{move || w.text(ui.lang.get())}</a> }
    };
    view! {
        <nav class="report-links no-print" aria-label=move || Rw::Reports.text(ui.lang.get())>
            {link("/reports", "link-report-kpis", Rw::Kpis)}
            {link("/reports/daily", "link-report-daily", Rw::Daily)}
            {link("/reports/weekly", "link-report-weekly", Rw::Weekly)}
            {link("/reports/monthly", "link-report-monthly", Rw::Monthly)}
        </nav>
    }
}
