//! The printed reports (issue 22 point 3): `/reports/daily` (daily work totals per person),
//! `/reports/weekly` (the weekly summary, opening on last week) and `/reports/monthly` (the
//! monthly service-quality report, opening on last month), with the supervisor's remarks
//! on the last two. Each is drawn from `model::report_tables`' tables, prints on A4
//! (`style.css`, "Printed reports") and exports the same tables to XLSX.
//!
//! DOM: `#report-page[data-report]`, `#report-period`, `#report-prev`, `#report-next`,
//! `#report-print`, `#report-export`, one `table#<id>` per table (`#kpi-table`…), each row's
//! `data-mark` (`met`, `missed`, `total`).

use crate::components::page_heading::PageHeading;
use crate::components::report_due::ReportLinks;
use crate::components::report_note::NotePanel;
use crate::context::use_ui;
use crate::i18n::{Lang, Rw};
use crate::model::report_notes::NoteKey;
use crate::model::report_summaries::{monthly, note_table, weekly};
use crate::model::report_tables::{daily, period_text, workbook, Mark, Names, Table};
use crate::platform::utc_offset_min;
use leptos::prelude::*;
use shared::report::facts::Facts;
use shared::report::kpi::Filter;
use shared::report::notes::{monthly_default, note_for, notes, weekly_default, NoteType};
use shared::report::{monthly as month_figures, weekly as week_figures, Period, PeriodKind};
use shared::{RecordId, Role};

const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Which printed report a page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Report {
    Daily,
    Weekly,
    Monthly,
}

impl Report {
    fn title(self) -> Rw {
        match self {
            Report::Daily => Rw::Daily,
            Report::Weekly => Rw::Weekly,
            Report::Monthly => Rw::Monthly,
        }
    }

    fn note(self) -> Option<NoteType> {
        match self {
            Report::Daily => None,
            Report::Weekly => Some(NoteType::Weekly),
            Report::Monthly => Some(NoteType::Monthly),
        }
    }

    /// The period the page opens on at `now`: today, last week, last month.
    fn first(self, now: i64, offset: i64) -> Period {
        match self {
            Report::Daily => Period::of(PeriodKind::Day, now, offset),
            Report::Weekly => weekly_default(now, offset),
            Report::Monthly => monthly_default(now, offset),
        }
    }

    /// The report's tables of `p` at `now`, of what `all` takes.
    fn tables(
        self,
        f: &Facts,
        p: &Period,
        all: &Filter,
        n: &Names,
        lang: Lang,
        now: i64,
    ) -> Vec<Table> {
        let names = n;
        match self {
            Report::Daily => daily(f, p, all.area.as_ref(), names, lang),
            Report::Weekly => weekly(&week_figures::weekly(f, p, all, now), f, names, lang),
            Report::Monthly => monthly(&month_figures::monthly(f, p, all, now), names, lang),
        }
    }
}

/// `/reports/daily`.
#[component]
pub fn DailyReportPage() -> impl IntoView {
    view! { <PrintedReport report=Report::Daily /> }
}

/// `/reports/weekly`.
#[component]
pub fn WeeklyReportPage() -> impl IntoView {
    view! { <PrintedReport report=Report::Weekly /> }
}

/// `/reports/monthly`.
#[component]
pub fn MonthlyReportPage() -> impl IntoView {
    view! { <PrintedReport report=Report::Monthly /> }
}

#[component]
fn PrintedReport(report: Report) -> impl IntoView {
    let ui = use_ui();
    let offset = utc_offset_min();
    let period = RwSignal::new(report.first(ui.now(), offset));
    let facts = Memo::new(move |_| ui.snap.with(|s| Facts::from_state(&s.state)));
    let names = Memo::new(move |_| ui.snap.with(|s| Names::of(&s.state)));
    let note = Memo::new(move |_| {
        let p = period.get();
        let all = ui.snap.with(|s| notes(&s.state));
        report.note().and_then(|t| note_for(&all, t, p.start, None).cloned())
    });
    // A butler's figures are their area's; the office's and supervisors', the site's.
    let filter = Memo::new(move |_| {
        let me = ui.snap.with(|s| s.session.as_ref().map(|s| (s.me.role, s.me.area_id.clone())));
        match me {
            Some((Role::Butler, area)) => Filter { area: area.map(RecordId), ..Filter::default() },
            _ => Filter::default(),
        }
    });
    let tables = Memo::new(move |_| {
        let (p, lang, all) = (period.get(), ui.lang.get(), filter.get());
        let mut out = facts.with(|f| names.with(|n| report.tables(f, &p, &all, n, lang, ui.now())));
        if report.note().is_some() {
            out.push(names.with(|n| note_table(note.get().as_ref(), n, offset, lang)));
        }
        out
    });
    let t = move |w: Rw| w.text(ui.lang.get());
    let site = move || {
        ui.snap.with(|s| s.session.as_ref().map(|s| s.me.site_name.clone()).unwrap_or_default())
    };
    let period_label = move || period_text(&period.get(), ui.lang.get());
    let printed_at = move || {
        ui.tick.track();
        crate::model::report_tables::time_text(ui.now(), offset)
    };
    let prev = move |_| period.update(|p| *p = p.previous());
    let next = move |_| period.update(|p| *p = Period::of(p.kind, p.end, p.offset_min));
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    let error = RwSignal::new(None::<String>);
    let export = move |_| {
        let title = format!("{} {}", site(), t(report.title())).trim().to_owned();
        let sub = format!(
            "{}: {}  {}: {}",
            t(Rw::Period),
            period_label(),
            t(Rw::PrintedAt),
            printed_at()
        );
        let bytes = tables.with_untracked(|all| workbook(t(report.title()), &sub, all));
        let name = format!("{title} {}.xlsx", period_label());
        let saved = bytes.and_then(|b| crate::platform::download_bytes(&name, &b, XLSX_MIME));
        error.set(saved.err());
    };
    let key = Signal::derive(move || {
        report.note().map(|t| NoteKey {
            note_type: t,
            period_start: period.get().start,
            area: None,
        })
    });
    view! {
        <section id="report-page" class="printed-report" data-report=format!("{report:?}").to_lowercase()>
            <ReportLinks />
            <PageHeading><span translate="no">{site}</span>" · "{move || t(report.title())}</PageHeading>
            <p class="report-period">
                {move || t(Rw::Period)}": "<strong id="report-period">{period_label}</strong>
                <span class="printed-at">{move || t(Rw::PrintedAt)}": "{printed_at}</span>
            </p>
            <div class="report-controls no-print">
                <button id="report-prev" type="button" on:click=prev>{move || t(Rw::Previous)}</button>
                <button id="report-next" type="button" on:click=next>{move || t(Rw::Next)}</button>
                <button id="report-print" type="button" on:click=print>{move || t(Rw::Print)}</button>
                <button id="report-export" type="button" on:click=export>{move || t(Rw::Export)}</button>
                <span class="error" role="alert">{move || error.get()}</span>
            </div>
            {move || tables.get().into_iter().filter(|t| t.id != "note-table").map(|t| view! { <ReportTable table=t /> }).collect_view()}
            {move || key.get().map(|k| view! { <NotePanel report_key=k note=note.into() /> })}
        </section>
    }
}

/// One table with its title; an empty one says so.
#[component]
fn ReportTable(table: Table) -> impl IntoView {
    let mark = |m: Mark| match m {
        Mark::Plain => "",
        Mark::Met => "met",
        Mark::Missed => "missed",
        Mark::Total => "total",
    };
    let heading = format!("{}-title", table.id);
    view! {
        <section class="report-block">
            <h2 id=heading.clone()>{table.title.clone()}</h2>
            {if table.rows.is_empty() {
                view! { <p class="report-empty" id=format!("{}-empty", table.id)>{table.empty.clone()}</p> }.into_any()
            } else {
                view! {
                    <table id=table.id class="report-table print-table" aria-labelledby=heading>
                        <thead><tr>{table.headers.iter().map(|h| view! { <th scope="col">{h.clone()}</th> }).collect_view()}</tr></thead>
                        <tbody>
                            {table.rows.iter().map(|r| view! {
                                <tr data-mark=mark(r.mark) class=mark(r.mark)>
                                    {r.cells.iter().enumerate().map(|(i, c)| {
                                        let written = table.user_cols.contains(&i).then_some("no");
                                        view! { <td translate=written>{c.clone()}</td> }
                                    }).collect_view()}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}
