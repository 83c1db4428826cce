//! The person form, for adding someone to a unit (a `person` and its `unit_person` link in
//! one save) or editing someone living there (only what changed is saved). Phones are
//! checked as typed: other characters refuse the save, a mobile number without 11 digits
//! only warns.

use crate::context::use_ui;
use crate::i18n::{person_role_label, Key};
use crate::platform::{today, utc_offset_min};
use crate::register::form::{
    check_phone, edit_person_edits, new_person_edits, PersonError, PersonForm, PhoneCheck,
};
use crate::register::unit::Occupant;
use leptos::prelude::*;
use shared::register::PersonRole;
use shared::RecordId;

/// The one form open on a unit's page: this file's forms, the move-in
/// (`super::move_in`) or an occupant card's move-out (`super::occupant`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Panel {
    None,
    /// Adding a new person.
    Add,
    /// Moving in someone on record.
    MoveIn,
    /// Editing the person of this link.
    Edit(RecordId),
    /// Moving out the person of this link.
    MoveOut(RecordId),
}

/// What the form does.
#[derive(Debug, Clone)]
pub enum Editing {
    /// Adds a new person living in this unit.
    NewIn(RecordId),
    /// Edits this person (and their link's role and move-in day).
    Person(Occupant),
}

/// The message of a refused form.
pub fn error_key(e: PersonError) -> Key {
    match e {
        PersonError::NameRequired => Key::NameRequired,
        PersonError::NameTooLong => Key::NameTooLong,
        PersonError::BadPhone => Key::BadPhone,
        PersonError::NoteTooLong => Key::NoteTooLong,
        PersonError::BadDate => Key::BadDate,
    }
}

/// The form; its element ids start with `person-add-` or `person-edit-`. A save that works
/// closes the panel.
#[component]
pub fn PersonEditor(what: Editing, panel: RwSignal<Panel>) -> impl IntoView {
    let ui = use_ui();
    let offset = utc_offset_min();
    let start = match &what {
        Editing::NewIn(_) => PersonForm::new(PersonRole::Resident, today()),
        Editing::Person(o) => PersonForm::of(o, offset),
    };
    let prefix = if matches!(what, Editing::NewIn(_)) { "person-add" } else { "person-edit" };
    let id = move |s: &str| format!("{prefix}-{s}");
    let name = RwSignal::new(start.name);
    let phone = RwSignal::new(start.phone);
    let phone2 = RwSignal::new(start.phone2);
    let note = RwSignal::new(start.note);
    let key = RwSignal::new(start.key_customer);
    let role = RwSignal::new(start.role);
    let from = RwSignal::new(start.from);
    let error = RwSignal::new(None::<Key>);
    let warning = move |p: RwSignal<String>| {
        move || {
            p.with(|p| check_phone(p) == PhoneCheck::NotElevenDigits)
                .then(|| ui.t(Key::MobileWarning))
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = PersonForm {
            name: name.get_untracked(),
            phone: phone.get_untracked(),
            phone2: phone2.get_untracked(),
            note: note.get_untracked(),
            key_customer: key.get_untracked(),
            role: role.get_untracked(),
            from: from.get_untracked(),
        };
        let edits = match &what {
            Editing::NewIn(unit) => {
                new_person_edits(&RecordId::new_v7(), &RecordId::new_v7(), unit, &form, offset)
            }
            Editing::Person(o) => edit_person_edits(o, &form, offset),
        };
        match edits {
            Err(e) => error.set(Some(error_key(e))),
            Ok(edits) if edits.is_empty() => panel.set(Panel::None),
            Ok(edits) => ui.save(edits, error, move || panel.set(Panel::None)),
        }
    };
    view! {
        <form id=prefix class="person-form" on:submit=submit novalidate>
            <label for=id("name")>{move || ui.t(Key::Name)}</label>
            <input id=id("name") autocomplete="off" bind:value=name />
            <label for=id("phone")>{move || ui.t(Key::Phone)}</label>
            <input id=id("phone") type="tel" inputmode="tel" autocomplete="off" bind:value=phone />
            <p id=id("phone-warning") class="warning" role="status">{warning(phone)}</p>
            <label for=id("phone2")>{move || ui.t(Key::Phone2)}</label>
            <input id=id("phone2") type="tel" inputmode="tel" autocomplete="off" bind:value=phone2 />
            <p id=id("phone2-warning") class="warning" role="status">{warning(phone2)}</p>
            <RoleAndMoveIn prefix=prefix role=role from=from />
            <label class="check" for=id("key")>
                <input id=id("key") type="checkbox" bind:checked=key />
                {move || ui.t(Key::KeyCustomer)}
            </label>
            <label for=id("note")>{move || ui.t(Key::Note)}</label>
            <textarea id=id("note") rows="2" bind:value=note></textarea>
            <p id=id("error") class="error" role="alert">{move || error.get().map(|k| ui.t(k))}</p>
            <div class="form-buttons">
                <button id=id("save") class="primary" type="submit">{move || ui.t(Key::Save)}</button>
                <button type="button" class="cancel" on:click=move |_| panel.set(Panel::None)>
                    {move || ui.t(Key::Cancel)}
                </button>
            </div>
        </form>
    }
}

/// A person's role in the unit and their move-in day, as two fields side by side (ids
/// `{prefix}-role` and `{prefix}-from`): the person form and the move-in form both ask them.
#[component]
pub fn RoleAndMoveIn(
    prefix: &'static str,
    role: RwSignal<PersonRole>,
    from: RwSignal<String>,
) -> impl IntoView {
    let ui = use_ui();
    view! {
        <div class="row2">
            <div>
                <label for=format!("{prefix}-role")>{move || ui.t(Key::Role)}</label>
                <select id=format!("{prefix}-role") on:change=move |ev| {
                    if let Some(r) = PersonRole::parse(&event_target_value(&ev)) { role.set(r) }
                }>
                    {PersonRole::ALL.iter().map(|r| {
                        let r = *r;
                        view! {
                            <option value=r.as_str() selected=move || role.get() == r>
                                {move || person_role_label(r, ui.lang.get())}
                            </option>
                        }
                    }).collect_view()}
                </select>
            </div>
            <div>
                <label for=format!("{prefix}-from")>{move || ui.t(Key::MoveInDate)}</label>
                <input id=format!("{prefix}-from") type="date" bind:value=from />
            </div>
        </div>
    }
}
