//! The arrears on My day, at the server-corrected time (`Snapshot::now`): the butler's
//! arrears to call or visit (finance's second notice is out, no call or visit since), and,
//! for supervisors and the office, the arrears escalated to the manager (unpaid
//! `arrears_escalate_days` after the call or visit), with the promised date and since when.
//! The lists are `model::arrears::for_day`.

use crate::context::use_ui;
use crate::i18n::arrears_words::{fee_label, W};
use crate::model::arrears::{for_day, money, ArrearsRow, StageFilter};
use crate::model::reports::date_value;
use crate::pages::arrears::arrears_rows;
use crate::platform::{format_time, utc_offset_min};
use leptos::prelude::*;
use shared::arrears::Stage;
use shared::{RecordId, Role};

/// The day's arrears sections for the signed-in role.
#[component]
pub fn DayArrears() -> impl IntoView {
    let ui = use_ui();
    let rows = arrears_rows();
    let area = move || {
        ui.snap.with(|s| s.session.as_ref().and_then(|s| s.me.area_id.clone()).map(RecordId))
    };
    let list = move |stage: StageFilter| {
        Signal::derive(move || {
            let a = area();
            rows.with(|r| for_day(r, a.as_ref(), stage))
        })
    };
    view! {
        <Show when=move || ui.role() == Some(Role::Butler)>
            <DayList id="day-arrears-to-chase" title=W::DayToChase items=list(StageFilter::ToChase) />
        </Show>
        <Show when=move || ui.is_office()>
            <DayList id="day-arrears-escalated" title=W::DayEscalated items=list(StageFilter::Escalated) />
        </Show>
    }
}

#[component]
fn DayList(id: &'static str, title: W, items: Signal<Vec<ArrearsRow>>) -> impl IntoView {
    let ui = use_ui();
    let w = move |k: W| k.text(ui.lang.get());
    let count = move || items.with(Vec::len);
    view! {
        <section id=id class="day-section card">
            <h2 class="sub">
                {move || w(title)} " "
                <span class="count" data-count=move || count().to_string()>{count}</span>
            </h2>
            <Show when=move || count() == 0>
                <p class="empty">{move || ui.t(crate::i18n::Key::DayNothing)}</p>
            </Show>
            <ul>
                <For
                    each=move || items.get()
                    key=|r| format!("{r:?}")
                    children=move |r| {
                        let since = match r.stage {
                            Stage::Escalated { since_ms } => Some((W::Since, since_ms)),
                            Stage::ToChase { notice_ms } => Some((W::SecondNoticeAt, notice_ms)),
                            _ => None,
                        };
                        let fee = r.fee;
                        view! {
                            <li>
                                <a class="day-item day-arrears" href=format!("/arrears/unit/{}", r.unit) data-id=r.id.to_string()>
                                    <span class="unit" translate="no">{r.unit_number.clone()}</span>
                                    " " <span class="fee">{move || fee.map(|f| fee_label(f, ui.lang.get()))}</span>
                                    " " <span class="amount">{money(r.amount)}</span>
                                    {r.promised_at.map(|p| view! {
                                        " " <span class="promised">{move || w(W::Promised)} " " {date_value(p, utc_offset_min())}</span>
                                    })}
                                    {since.map(|(label, s)| view! { " " <span class="since">{move || w(label)} " " {format_time(s as u64)}</span> })}
                                </a>
                            </li>
                        }
                    }
                />
            </ul>
        </section>
    }
}
