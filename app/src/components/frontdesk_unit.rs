//! A unit typed by its whole number (`3-0502`, `30502`): the front desk's and the mail log's
//! unit field. Nothing is chosen until the number names exactly one unit of the register
//! (`model::intake_unit::typed_unit`, as the intake's picker); the chosen unit is named
//! under the field, or "no such unit".

use crate::context::use_ui;
use crate::i18n::{fd, Fd};
use crate::model::intake_unit::typed_unit;
use leptos::prelude::*;
use shared::RecordId;

/// `<input id=id>` and the unit it names (`unit`: `None` until one unit matches).
#[component]
pub fn UnitInput(id: &'static str, unit: RwSignal<Option<RecordId>>) -> impl IntoView {
    let ui = use_ui();
    let text = RwSignal::new(String::new());
    let lang = move || ui.lang.get();
    let on_input = move |ev| {
        let v = event_target_value(&ev);
        unit.set(ui.register.with_untracked(|r| typed_unit(r, &v, None)));
        text.set(v);
    };
    // A cleared signal (after a save) clears the field.
    Effect::new(move |_| {
        if unit.get().is_none()
            && ui.register.with_untracked(|r| typed_unit(r, &text.get_untracked(), None)).is_some()
        {
            text.set(String::new());
        }
    });
    let label = move || {
        let u = unit.get()?;
        ui.register.with(|r| r.units.iter().find(|x| x.id == u).map(|x| x.label.clone()))
    };
    view! {
        <label for=id>{move || fd(Fd::Unit, lang())}</label>
        <input id=id type="text" inputmode="text" autocomplete="off" translate="no"
            placeholder=move || fd(Fd::UnitHint, lang()) prop:value=move || text.get() on:input=on_input />
        <span class="unit-chosen" data-unit=move || unit.get().map(|u| u.0).unwrap_or_default()>
            {move || match (label(), text.with(|t| t.trim().is_empty())) {
                (Some(l), _) => view! { <span translate="no">{format!("{}: {l}", fd(Fd::UnitFound, lang()))}</span> }.into_any(),
                (None, true) => ().into_any(),
                (None, false) => view! { <span class="muted">{fd(Fd::UnitNone, lang())}</span> }.into_any(),
            }}
        </span>
    }
}
