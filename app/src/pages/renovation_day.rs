//! My day's renovation part (issue 24 point 1): today's sites of the area still to check,
//! each linking to its check (`model::renovation::to_check_today`).
//!
//! DOM: `#day-renovations`, its `.count[data-count]`, `a.day-reno[data-id]`.

use crate::context::use_ui;
use crate::i18n::{renovation_status_label, Key, Rn};
use crate::model::renovation::to_check_today;
use crate::platform::utc_offset_min;
use leptos::prelude::*;

/// Today's unchecked renovation sites of the user's area.
#[component]
pub fn DayRenovations() -> impl IntoView {
    let ui = use_ui();
    let sites = Memo::new(move |_| {
        ui.tick.track();
        let (area, now) = (super::renovations::my_area(&ui), ui.now());
        ui.snap.with(|s| to_check_today(&s.state, area.as_ref(), now, utc_offset_min()))
    });
    let count = move || sites.with(Vec::len);
    view! {
        <section id="day-renovations" class="day-section card">
            <h2 class="sub">
                {move || Rn::DayUnchecked.text(ui.lang.get())} " "
                <span class="count" data-count=move || count().to_string()>{count}</span>
            </h2>
            <Show when=move || count() == 0>
                <p class="empty">{move || ui.t(Key::DayNothing)}</p>
            </Show>
            <ul>
                {move || {
                    let lang = ui.lang.get();
                    sites.get().into_iter().map(|s| view! {
                        <li>
                            <a class="day-item day-reno" href=format!("/renovations/{}/check", s.id) data-id=s.id.to_string()>
                                <span class="unit" translate="no">{s.unit_number.clone()}</span>
                                " " <span class="status">{s.status.map(|st| renovation_status_label(st, lang))}</span>
                            </a>
                        </li>
                    }).collect_view()
                }}
            </ul>
        </section>
    }
}
