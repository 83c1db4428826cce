//! Keys overdue on My day, for office staff and supervisors (who keep the key cabinet):
//! `model::keys::for_day` at the server-corrected time.
//!
//! DOM: `#day-keys-overdue li.key-overdue`.

use super::keys::{deposit_rows, OverdueList};
use crate::context::use_ui;
use crate::i18n::service_words::Sv;
use crate::model::keys::for_day;
use leptos::prelude::*;

/// The day's overdue keys.
#[component]
pub fn DayKeys() -> impl IntoView {
    let ui = use_ui();
    let rows = deposit_rows();
    let items = Signal::derive(move || rows.with(|r| for_day(r, None)));
    let count = move || items.with(Vec::len);
    view! {
        <Show when=move || ui.is_office()>
            <section id="day-keys-overdue" class="day-section card">
                <h2 class="sub">
                    {move || Sv::DayOverdueKeys.text(ui.lang.get())} " "
                    <span class="count" data-count=move || count().to_string()>{count}</span>
                </h2>
                <OverdueList items=items />
            </section>
        </Show>
    }
}
