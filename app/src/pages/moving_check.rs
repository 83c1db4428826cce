//! `/moving/in?unit=<id>` and `/moving/out?unit=<id>`: the move-in and move-out checklists
//! (000 §5.0) — who moves in (someone new, or a person on record found by name or phone)
//! or who moves out, the day, documents checked, keys handed over or returned, the meter
//! readings, the resident card issued, and on a move-out the unit's unpaid arrears — saved
//! offline as one edit with the register's link (`model::moving_check::move_edits`).
//!
//! DOM: `#move-form[data-type]`, `#move-search`, `select#move-person` (a person on record;
//! blank: new), `#move-name`, `#move-phone`, `select#move-role`, `select#move-link`,
//! `input#move-day`, `#move-documents`, `#move-keys`, `#move-water`, `#move-electricity`,
//! `#move-gas`, `#move-card`, `#move-arrears`, `#move-note`, `.move-signature` (the pad),
//! `button#move-save`, `#move-error`.

use crate::components::page_heading::PageHeading;
use crate::components::signature::SignaturePad;
use crate::context::use_ui;
use crate::i18n::{move_error_text, mv, person_role_label, Key, Mv};
use crate::model::moving::unit_label;
use crate::model::moving_check::{move_edits, unpaid_arrears, MoveError, MoveForm, Mover};
use crate::platform::{now_ms, today, utc_offset_min};
use crate::register::unit::unit_detail;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::moving::MoveType;
use shared::names::field;
use shared::register::PersonRole;
use shared::RecordId;

#[component]
pub fn MoveInPage() -> impl IntoView {
    view! { <MoveCheck ty=MoveType::MoveIn /> }
}

#[component]
pub fn MoveOutPage() -> impl IntoView {
    view! { <MoveCheck ty=MoveType::MoveOut /> }
}

#[component]
fn MoveCheck(ty: MoveType) -> impl IntoView {
    let ui = use_ui();
    let navigate = use_navigate();
    let lang = move || ui.lang.get();
    let unit = use_query_map().with_untracked(|q| q.get(field::UNIT)).unwrap_or_default();
    let unit = RecordId::from(unit.as_str());
    let u = unit.clone();
    let detail = Memo::new(move |_| {
        ui.snap.with(|s| unit_detail(&s.state, &s.pending_ids, &u, now_ms() as i64))
    });
    let u = unit.clone();
    let label = Memo::new(move |_| ui.snap.with(|s| unit_label(&s.state, &u)));
    let u = unit.clone();
    let arrears = Memo::new(move |_| ui.snap.with(|s| unpaid_arrears(&s.state, &u, ui.now())));
    let blank = MoveForm {
        unit: unit.clone(),
        ty,
        mover: None,
        role: PersonRole::Owner,
        link: None,
        day: today(),
        documents_checked: false,
        keys: String::new(),
        water: String::new(),
        electricity: String::new(),
        gas: String::new(),
        resident_card: String::new(),
        note: String::new(),
        signature: String::new(),
    };
    let signature = RwSignal::new(String::new());
    let form = RwSignal::new(blank);
    let (name, phone, known) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let search = RwSignal::new(String::new());
    let u = unit.clone();
    let found = Memo::new(move |_| {
        let q = search.get();
        ui.register.with(|r| r.find_people(&q, 20, Some(&u)).0)
    });
    let error = RwSignal::new(None::<MoveError>);
    let save_error = RwSignal::new(None::<Key>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(actor) = ui.actor() else { return };
        let mut f = form.get_untracked();
        f.signature = signature.get_untracked();
        let k = known.get_untracked();
        f.mover = if !k.is_empty() {
            Some(Mover::Known(RecordId::from(k.as_str())))
        } else if !name.get_untracked().trim().is_empty() {
            Some(Mover::New { name: name.get_untracked(), phone: phone.get_untracked() })
        } else {
            None
        };
        let ids = (RecordId::new_v7(), RecordId::new_v7(), RecordId::new_v7());
        match move_edits(
            (&ids.0, &ids.1, &ids.2),
            &f,
            arrears.get_untracked(),
            &actor,
            utc_offset_min(),
        ) {
            Err(e) => error.set(Some(e)),
            Ok(edits) => {
                error.set(None);
                let navigate = navigate.clone();
                let to = format!("/unit/{}", f.unit);
                ui.save(edits, save_error, move || navigate(&to, Default::default()));
            }
        }
    };
    let set = move |apply: fn(&mut MoveForm, String)| {
        move |ev: leptos::ev::Event| form.update(|f| apply(f, event_target_value(&ev)))
    };
    let input = move |id: &'static str, w: Mv, apply: fn(&mut MoveForm, String)| {
        view! {
            <label for=id>{move || mv(w, lang())}</label>
            <input id=id inputmode="decimal" on:input=set(apply) />
        }
    };
    let is_in = ty == MoveType::MoveIn;
    view! {
        <form id="move-form" class="move-form card" data-type=ty.as_str() on:submit=save novalidate>
            <PageHeading>{move || mv(if is_in { Mv::MoveIn } else { Mv::MoveOut }, lang())}</PageHeading>
            <p class="move-unit">{move || mv(Mv::Unit, lang())}": "<strong translate="no">{move || label.get()}</strong></p>
            <Show when=move || is_in>
                <fieldset class="move-person">
                    <legend>{move || mv(Mv::Person, lang())}</legend>
                    <label for="move-search">{move || ui.t(Key::MoveInSearch)}</label>
                    <input id="move-search" type="search" autocomplete="off" on:input=move |ev| search.set(event_target_value(&ev)) />
                    <select id="move-person" on:change=move |ev| known.set(event_target_value(&ev))>
                        <option value="">{move || mv(Mv::NewPerson, lang())}</option>
                        {move || found.get().into_iter().map(|p| view! {
                            <option value=p.id.to_string() translate="no">{format!("{} {} {}", p.name, p.phone, p.units)}</option>
                        }).collect_view()}
                    </select>
                    <Show when=move || known.with(String::is_empty)>
                        <label for="move-name">{move || mv(Mv::Name, lang())}</label>
                        <input id="move-name" on:input=move |ev| name.set(event_target_value(&ev)) />
                        <label for="move-phone">{move || mv(Mv::Phone, lang())}</label>
                        <input id="move-phone" type="tel" on:input=move |ev| phone.set(event_target_value(&ev)) />
                    </Show>
                    <label for="move-role">{move || mv(Mv::Role, lang())}</label>
                    <select id="move-role" on:change=set(|f, v| f.role = PersonRole::parse(&v).unwrap_or(f.role))>
                        {PersonRole::ALL.iter().map(|&r| view! {
                            <option value=r.as_str() selected=r == PersonRole::Owner>{move || person_role_label(r, lang())}</option>
                        }).collect_view()}
                    </select>
                </fieldset>
            </Show>
            <Show when=move || !is_in>
                <label for="move-link">{move || mv(Mv::Leaving, lang())}</label>
                <select id="move-link" on:change=set(|f, v| f.link = Some(RecordId::from(v.as_str())).filter(RecordId::is_valid))>
                    <option value="">"—"</option>
                    {move || detail.with(|d| d.as_ref().map(|d| d.current.clone()).unwrap_or_default()).into_iter().map(|o| view! {
                        <option value=o.link_id.to_string() translate="no">{o.name}</option>
                    }).collect_view()}
                </select>
                <p id="move-arrears" class="move-arrears" class:owed=move || arrears.get().is_some()>
                    {move || mv(Mv::Arrears, lang())}": "
                    {move || arrears.get().map(|a| format!("{a:.2}")).unwrap_or_else(|| mv(Mv::NoArrears, lang()).to_owned())}
                </p>
            </Show>
            <label for="move-day">{move || mv(Mv::Day, lang())}</label>
            <input id="move-day" type="date" prop:value=move || form.with(|f| f.day.clone()) on:input=set(|f, v| f.day = v) />
            <label class="check">
                <input id="move-documents" type="checkbox" on:change=move |ev| form.update(|f| f.documents_checked = event_target_checked(&ev)) />
                {move || mv(Mv::Documents, lang())}
            </label>
            {input("move-keys", if is_in { Mv::Keys } else { Mv::KeysOut }, |f, v| f.keys = v)}
            {input("move-water", Mv::Water, |f, v| f.water = v)}
            {input("move-electricity", Mv::Electricity, |f, v| f.electricity = v)}
            {input("move-gas", Mv::Gas, |f, v| f.gas = v)}
            <Show when=move || is_in>
                <label for="move-card">{move || mv(Mv::Card, lang())}</label>
                <input id="move-card" on:input=set(|f, v| f.resident_card = v) />
            </Show>
            <label for="move-note">{move || mv(Mv::Note, lang())}</label>
            <textarea id="move-note" rows="2" on:input=set(|f, v| f.note = v)></textarea>
            <fieldset class="move-signature">
                <legend>{move || mv(Mv::ResidentSigns, lang())}</legend>
                <SignaturePad path=signature />
            </fieldset>
            <p id="move-error" class="error" role="alert">
                {move || error.get().map(|e| move_error_text(e, lang()))}
                {move || save_error.get().map(|k| ui.t(k))}
            </p>
            <div class="actions">
                <button id="move-save" class="primary" type="submit">{move || mv(Mv::SaveCheck, lang())}</button>
                <a class="button" href="/moving">{move || mv(Mv::Cancel, lang())}</a>
            </div>
        </form>
    }
}
