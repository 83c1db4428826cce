//! What the renovation pages share: a labelled value of a `<dl>`, a local date.

use crate::context::use_ui;
use crate::i18n::Rn;
use crate::platform::utc_offset_min;
use leptos::prelude::*;

/// A local date `YYYY-MM-DD` (empty when unset).
pub fn date_text(ms: Option<i64>) -> String {
    ms.map(|m| crate::register::form::ms_to_date(m, utc_offset_min())).unwrap_or_default()
}

/// One `<dt>`/`<dd>` pair: a label of the renovation pages and a value the users wrote.
#[component]
pub fn Field(label: Rn, value: String) -> impl IntoView {
    let ui = use_ui();
    let value = if value.trim().is_empty() { "—".to_owned() } else { value };
    view! {
        <dt>{move || label.text(ui.lang.get())}</dt>
        <dd translate="no">{value}</dd>
    }
}
