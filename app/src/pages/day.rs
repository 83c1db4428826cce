//! `/day`, My day (the butler's home page): the new requests of my area, the call-backs due
//! and overdue, the overdue and stuck requests, their counts, the week's call-back coverage
//! and — for the office — this month's repeat-complaint rate. Every entry links to its
//! request. Worked out from the context's request list ([`model::day::my_day`]).

use crate::components::page_heading::PageHeading;
use crate::context::use_ui;
use crate::i18n::{category_label, fill, Key};
use crate::model::{self, day::MyDay, deadlines};
use crate::platform::{format_time, utc_offset_min};
use leptos::prelude::*;
use shared::report::Figure;
use shared::RecordId;

/// One entry: the request, and a due time and flags when it has them.
#[derive(Clone, PartialEq)]
struct Item {
    r: model::RequestView,
    due: Option<i64>,
    overdue: bool,
    stuck: bool,
}

/// My day, for the signed-in user's area (the whole site for the office).
#[component]
pub fn DayPage() -> impl IntoView {
    let ui = use_ui();
    let area = move || {
        ui.snap.with(|s| s.session.as_ref().and_then(|s| s.me.area_id.clone()).map(RecordId))
    };
    let day = Memo::new(move |_| {
        let area = area();
        let now = ui.now();
        let settings = ui.snap.with(|s| deadlines::settings(&s.state));
        ui.requests.with(|l| {
            let d: MyDay = model::day::my_day(l, &settings, area.as_ref(), now);
            let item = |i: usize, due: Option<i64>, overdue: bool| Item {
                r: l.rows[i].clone(),
                due,
                overdue,
                stuck: l.meta[i].timing.stuck,
            };
            let new: Vec<Item> =
                d.new.iter().map(|&i| item(i, l.meta[i].timing.due, false)).collect();
            let cbs: Vec<Item> =
                d.callbacks.iter().map(|c| item(c.row, Some(c.due), c.overdue)).collect();
            let late: Vec<Item> =
                d.overdue.iter().map(|&i| item(i, l.meta[i].timing.due, true)).collect();
            (d, new, cbs, late)
        })
    });
    // The week's call-backs and the month's repeats: report figures (`shared::report`).
    let figures = Memo::new(move |_| {
        let (area, now) = (area(), ui.now());
        ui.snap.with(|s| model::day::day_figures(&s.state, area.as_ref(), now, utc_offset_min()))
    });
    let count = |n: u64| n as usize;
    let coverage_text = move || {
        figures.with(|f| {
            let (c, r) = (&f.complaint_callbacks, &f.repair_callbacks);
            let complaints =
                fill(ui.t(Key::DayComplaintsCovered), &[("a", count(c.num)), ("b", count(c.den))]);
            let repairs = fill(
                ui.t(Key::DayRepairsCovered),
                &[("a", count(r.num)), ("b", count(r.den)), ("p", r.target_pct as usize)],
            );
            (complaints, repairs)
        })
    };
    // Nothing to call back meets the target; the per cent is whole, rounded down.
    let met = |f: &Figure| (f.met != Some(false)).to_string();
    let pct = |f: &Figure| f.pct_floor().map(|p| p.to_string()).unwrap_or_default();
    let repeat_text = move || {
        figures.with(|f| {
            let g = &f.repeats;
            let r = g.permille.map_or("—".to_owned(), |p| format!("{}.{}%", p / 10, p % 10));
            let (a, b) = (count(g.num), count(g.num + g.den));
            fill(ui.t(Key::DayRepeatRate), &[("a", a), ("b", b)]).replace("{r}", &r)
        })
    };
    view! {
        <section id="my-day" class="my-day">
            <PageHeading>{move || ui.t(Key::DayTitle)}</PageHeading>
            <crate::components::thumb::NewRequestButton />
            <crate::components::report_due::DayReports />
            // The call-back figures are theirs who call back: department staff (security at
            // the gate, engineering) do the work, the desk and butlers call back.
            <Show when=move || ui.role().is_some_and(|r| model::offers::callback(r, shared::request::RequestStatus::Done))>
                <div class="day-coverage">
                    <h2 class="sub">{move || ui.t(Key::DayCoverage)}</h2>
                    <p id="coverage-complaints" data-met=move || figures.with(|f| met(&f.complaint_callbacks)) data-pct=move || figures.with(|f| pct(&f.complaint_callbacks))>
                        {move || coverage_text().0}
                    </p>
                    <p id="coverage-repairs" data-met=move || figures.with(|f| met(&f.repair_callbacks)) data-pct=move || figures.with(|f| pct(&f.repair_callbacks))>
                        {move || coverage_text().1}
                    </p>
                    <Show when=move || ui.is_office()>
                        <p id="repeat-rate">{repeat_text}</p>
                    </Show>
                </div>
            </Show>
            <DaySection id="day-new" title=Key::DayNew count=Signal::derive(move || day.with(|d| d.1.len())) extra=Signal::derive(String::new) items=Signal::derive(move || day.with(|d| d.1.clone())) />
            // Only who may call back sees the call-backs due (department staff do the work).
            <Show when=move || ui.role().is_some_and(|r| model::offers::callback(r, shared::request::RequestStatus::Done))>
                <DaySection
                    id="day-callbacks"
                    title=Key::DayCallbacks
                    count=Signal::derive(move || day.with(|d| d.2.len()))
                    extra=Signal::derive(move || format!("{} {}", ui.t(Key::DayOverdueCount), day.with(|d| d.0.callbacks_overdue)))
                    items=Signal::derive(move || day.with(|d| d.2.clone()))
                />
            </Show>
            <DaySection
                id="day-overdue"
                title=Key::DayOverdue
                count=Signal::derive(move || day.with(|d| d.3.len()))
                extra=Signal::derive(move || format!("{} {}", ui.t(Key::DayStuckCount), day.with(|d| d.0.stuck)))
                items=Signal::derive(move || day.with(|d| d.3.clone()))
            />
            // Arrears to chase (butler) and escalated (supervisors, office).
            <crate::pages::arrears_day::DayArrears />
            // Today's renovation sites to check, for who checks them (issue 24).
            <Show when=move || ui.role().is_some_and(model::renovation_check::may_check)>
                <crate::pages::renovation_day::DayRenovations />
            </Show>
            // Keys out past their due time, for the office (issue 25).
            <crate::pages::key_day::DayKeys />
            // Missed calls not returned within `missed_call_h` (issue 25: frontdesk).
            <crate::pages::frontdesk_day::DayMissedCalls />
            // Lift bookings of today and tomorrow, and passes for the gate (issue 25: moving).
            <crate::pages::moving_day::DayMoves />
            // The area's visit plan under way, for its butler.
            <crate::pages::visit_day::DayVisits />
            // Patrol re-checks and coverage for who patrols (`model::nav`).
            <Show when=move || ui.role().is_some_and(|r| model::nav::Tab::Patrol.for_role(r))>
                <crate::pages::patrol_day::DayPatrol />
            </Show>
        </section>
    }
}

/// A section of My day with its count and linked entries.
#[component]
fn DaySection(
    id: &'static str,
    title: Key,
    count: Signal<usize>,
    extra: Signal<String>,
    items: Signal<Vec<Item>>,
) -> impl IntoView {
    let ui = use_ui();
    view! {
        <section id=id class="day-section card">
            <h2 class="sub">
                {move || ui.t(title)} " "
                <span class="count" data-count=move || count.get().to_string()>{move || count.get()}</span>
                " " <small class="extra">{move || extra.get()}</small>
            </h2>
            <Show when=move || count.get() == 0>
                <p class="empty">{move || ui.t(Key::DayNothing)}</p>
            </Show>
            <ul>
                <For
                    each=move || items.get()
                    key=|i| (i.r.id.clone(), i.r.status, i.due, i.overdue, i.stuck)
                    children=move |i| {
                        let category = i.r.category;
                        view! {
                            <li>
                                <a
                                    class="day-item"
                                    class:overdue=i.overdue
                                    class:stuck=i.stuck
                                    href=format!("/requests/{}", i.r.id)
                                    data-id=i.r.id.to_string()
                                    data-overdue=i.overdue.to_string()
                                    data-stuck=i.stuck.to_string()
                                >
                                    <span class="unit" translate="no">{i.r.unit_number.clone()}</span>
                                    " " <span class="category">{move || category.map(|c| category_label(c, ui.lang.get()))}</span>
                                    " " <span class="desc" translate="no">{i.r.description.clone()}</span>
                                    {i.due.map(|d| view! { " " <span class="due">{move || ui.t(Key::DueAt)} " " {format_time(d as u64)}</span> })}
                                    {i.stuck.then(|| view! { " " <span class="badge stuck">{move || ui.t(Key::Stuck)}</span> })}
                                </a>
                            </li>
                        }
                    }
                />
            </ul>
        </section>
    }
}
