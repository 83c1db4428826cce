//! `/renovations`: the renovations of the user's area (a butler's own; the whole site for
//! the office and supervisors), as one table that is also the office's desk view: a filter
//! (under way, waiting for review, waiting for approval, all), a search, headers that sort
//! on a click, today's check mark, and (office) the export of exactly the rows shown to
//! XLSX and this month's check coverage (`shared::renovation::daily`).
//!
//! DOM: `#renovations`, `#reno-filter` (values `active` `review` `approval` `all`),
//! `#reno-search`, `#reno-new`, `#reno-export`, `#reno-coverage[data-checked][data-active]`,
//! `#reno-table[data-total]`, `tr.reno-row[data-id][data-status][data-checked]` (checked:
//! `yes`, `no`, or empty when not under way today), `a.reno-link`.

use crate::components::page_heading::PageHeading;
use crate::context::use_ui;
use crate::i18n::{Lang, Rn};
use crate::model::deadlines;
use crate::model::renovation::{renovations, RenoFilter};
use crate::model::renovation_desk::{self, cells, RenoColumn};
use crate::platform::utc_offset_min;
use crate::register::table::Sort;
use leptos::prelude::*;
use shared::renovation::daily::Sites;
use shared::report::{Period, PeriodKind};
use shared::{RecordId, Role};

const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn filter_word(f: RenoFilter) -> Rn {
    match f {
        RenoFilter::Active => Rn::FilterActive,
        RenoFilter::Review => Rn::FilterReview,
        RenoFilter::Approval => Rn::FilterApproval,
        RenoFilter::All => Rn::FilterAll,
    }
}

/// The area a list opens on: a butler's own, everyone else's whole scope.
pub fn my_area(ui: &crate::context::Ui) -> Option<RecordId> {
    let me = ui.snap.with(|s| s.session.as_ref().map(|s| (s.me.role, s.me.area_id.clone())));
    match me {
        Some((Role::Butler, area)) => area.map(RecordId),
        _ => None,
    }
}

/// The list and desk table of renovations.
#[component]
pub fn RenovationsPage() -> impl IntoView {
    let ui = use_ui();
    let filter = RwSignal::new(RenoFilter::Active);
    let search = RwSignal::new(String::new());
    let sort = RwSignal::new(Sort { column: RenoColumn::Start, descending: true });
    let rows = Memo::new(move |_| {
        ui.tick.track();
        let (area, now) = (my_area(&ui), ui.now());
        ui.snap.with(|s| renovations(&s.state, area.as_ref(), now, utc_offset_min()))
    });
    let shown = Memo::new(move |_| {
        rows.with(|r| renovation_desk::shown(r, filter.get(), &search.get(), sort.get()))
    });
    let coverage = Memo::new(move |_| {
        ui.tick.track();
        let (area, now, off) = (my_area(&ui), ui.now(), utc_offset_min());
        ui.snap.with(|s| {
            let month = Period::of(PeriodKind::Month, now, off);
            let settings = deadlines::settings(&s.state);
            Sites::from_state(&s.state).coverage(&month, now, area.as_ref(), &settings)
        })
    });
    let may_file = move || ui.role().is_some_and(crate::model::renovation::may_file);
    let error = RwSignal::new(None::<String>);
    let export = move |_| {
        let (lang, off) = (ui.lang.get_untracked(), utc_offset_min());
        let bytes = shown.with_untracked(|o| {
            rows.with_untracked(|r| renovation_desk::workbook(r, o, lang, off))
        });
        let saved = bytes.and_then(|b| {
            let name = format!("{}.xlsx", Rn::DeskTitle.text(lang));
            crate::platform::download_bytes(&name, &b, XLSX_MIME)
        });
        error.set(saved.err());
    };
    let header = move |c: RenoColumn| {
        let state = move || {
            sort.with(|s| match (s.column == c, s.descending) {
                (false, _) => "none",
                (true, false) => "ascending",
                (true, true) => "descending",
            })
        };
        let arrow = move || match state() {
            "ascending" => "▲",
            "descending" => "▼",
            _ => "",
        };
        view! {
            <th data-sort=c.name() aria-sort=state>
                <button class="sort" type="button" on:click=move |_| sort.update(|s| *s = s.clicked(c))>
                    {move || c.label().text(ui.lang.get())}
                    <span class="arrow">{arrow}</span>
                </button>
            </th>
        }
    };
    let t = move |w: Rn| w.text(ui.lang.get());
    view! {
        <section id="renovations" class="renovations">
            <PageHeading>{move || t(Rn::Title)}</PageHeading>
            <div class="reno-toolbar">
                <label for="reno-filter">{move || t(Rn::Show)}</label>
                <select
                    id="reno-filter"
                    prop:value=move || filter.get().name()
                    on:change=move |ev| {
                        if let Some(f) = RenoFilter::parse(&event_target_value(&ev)) {
                            filter.set(f)
                        }
                    }
                >
                    {RenoFilter::ALL.iter().map(|&f| view! {
                        <option value=f.name() selected=move || filter.get() == f>{move || t(filter_word(f))}</option>
                    }).collect_view()}
                </select>
                <input
                    id="reno-search"
                    type="search"
                    aria-label=move || t(Rn::Search)
                    placeholder=move || t(Rn::Search)
                    bind:value=search
                />
                <Show when=may_file>
                    <a id="reno-new" class="button primary" href="/renovations/new">{move || t(Rn::New)}</a>
                </Show>
                <Show when=move || ui.is_office()>
                    <button id="reno-export" type="button" on:click=export>{move || t(Rn::Export)}</button>
                </Show>
                <span class="error" role="alert">{move || error.get()}</span>
            </div>
            <p
                id="reno-coverage"
                class="reno-coverage"
                data-checked=move || coverage.with(|c| c.checked.to_string())
                data-active=move || coverage.with(|c| c.active.to_string())
                data-met=move || coverage.with(|c| c.met.map(|m| m.to_string()).unwrap_or_default())
            >
                {move || coverage.with(|c| {
                    let pct = c.permille.map_or("—".to_owned(), |p| format!("{}.{}%", p / 10, p % 10));
                    let text = t(Rn::CoverageText)
                        .replace("{a}", &c.checked.to_string())
                        .replace("{b}", &c.active.to_string())
                        .replace("{p}", &c.target_pct.to_string());
                    // Each language's own colon and brackets.
                    match ui.lang.get() {
                        Lang::Zh => format!("{}：{pct}（{text}）", t(Rn::Coverage)),
                        Lang::En => format!("{}: {pct} ({text})", t(Rn::Coverage)),
                    }
                })}
            </p>
            <div class="table-scroll">
                <table id="reno-table" class="reno-table desk-table" data-total=move || shown.with(|s| s.len().to_string())>
                    <thead><tr>{RenoColumn::ALL.iter().map(|&c| header(c)).collect_view()}</tr></thead>
                    <tbody>
                        {move || {
                            let lang = ui.lang.get();
                            let off = utc_offset_min();
                            rows.with(|rows| shown.get().into_iter().map(|i| row(&rows[i], lang, off)).collect_view())
                        }}
                    </tbody>
                </table>
            </div>
            <Show when=move || shown.with(Vec::is_empty)>
                <p class="empty">{move || t(Rn::Nothing)}</p>
            </Show>
        </section>
    }
}

fn row(r: &crate::model::renovation::RenovationView, lang: Lang, off: i64) -> impl IntoView {
    let checked = match (r.active_today, r.checked_today) {
        (false, _) => "",
        (true, true) => "yes",
        (true, false) => "no",
    };
    let href = format!("/renovations/{}", r.id);
    let status = r.status.map(|s| s.as_str()).unwrap_or("");
    let cells = cells(r, lang, off);
    view! {
        <tr class="reno-row" data-id=r.id.to_string() data-status=status data-checked=checked>
            {RenoColumn::ALL.iter().zip(cells).map(|(&c, text)| {
                let data = !matches!(c, RenoColumn::Status | RenoColumn::Checked);
                let translate = if data { "no" } else { "yes" };
                match c {
                    RenoColumn::Unit => view! {
                        <td class="d-unit" data-col=c.name() translate="no"><a class="reno-link" href=href.clone()>{text}</a></td>
                    }.into_any(),
                    RenoColumn::Status => view! {
                        <td data-col=c.name()><span class=format!("chip reno-status-{status}")>{text}</span></td>
                    }.into_any(),
                    RenoColumn::Checked => view! {
                        <td data-col=c.name() class:unchecked=checked == "no">{text}</td>
                    }.into_any(),
                    _ => view! { <td data-col=c.name() translate=translate>{text}</td> }.into_any(),
                }
            }).collect_view()}
        </tr>
    }
}
