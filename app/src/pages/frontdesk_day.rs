//! The missed calls on My day (DOMAIN duty 2: a missed call is returned within
//! `missed_call_h`, 3 h): the desk entries not returned past that time, of the butler's
//! area, of the site for the office and supervisors (`shared::frontdesk::missed::overdue`,
//! at the server-corrected time, re-read every minute). Each links to the desk log.
//!
//! DOM: `#day-missed-calls` with `.count[data-count]` and `li.day-missed-call[data-entry]`.

use crate::components::day_card::DayCard;
use crate::context::use_ui;
use crate::i18n::{fd, Fd};
use crate::model::deadlines;
use crate::model::frontdesk::may_log;
use crate::model::report_tables::time_text;
use crate::platform::utc_offset_min;
use leptos::prelude::*;
use shared::frontdesk::missed::overdue;
use shared::{RecordId, Role};

#[component]
pub fn DayMissedCalls() -> impl IntoView {
    let ui = use_ui();
    let lang = move || ui.lang.get();
    let items = Memo::new(move |_| {
        ui.tick.track();
        let now = ui.now();
        let area = ui.snap.with(|s| {
            let me = s.session.as_ref()?;
            (me.me.role == Role::Butler).then(|| me.me.area_id.clone().map(RecordId)).flatten()
        });
        ui.snap.with(|s| overdue(&s.state, area.as_ref(), &deadlines::settings(&s.state), now))
    });
    let count = move || items.with(Vec::len);
    let offset = utc_offset_min();
    view! {
        <Show when=move || ui.role().is_some_and(may_log)>
            <DayCard id="day-missed-calls" title=Signal::derive(move || fd(Fd::MissedCallsDay, lang())) count=Signal::derive(count)>
                    <For each=move || items.get() key=|m| m.id.clone() let:m>
                        <li class="day-missed-call" data-entry=m.id.0.clone()>
                            <a href="/frontdesk">
                                {time_text(m.at, offset)}" "
                                <span translate="no">{m.caller.clone()}" "{m.phone.clone()}</span>
                            </a>
                        </li>
                    </For>
            </DayCard>
        </Show>
    }
}
