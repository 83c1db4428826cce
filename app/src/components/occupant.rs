//! A person on a unit's page: name, key-customer mark, role, move-in – move-out, note, and
//! each phone as a tap-to-call link; for people living there, the edit and move-out
//! buttons, whose panel opens under the card.

use super::person_form::{error_key, Editing, Panel, PersonEditor};
use crate::context::use_ui;
use crate::i18n::{person_role_label, Key};
use crate::platform::{today, utc_offset_min};
use crate::register::form::{move_out_edits, ms_to_date};
use crate::register::unit::{tel_href, Occupant, UnitDetail};
use leptos::prelude::*;
use shared::RecordId;

/// The card of link `link`, read from `detail`: each part follows every edit and sync on its
/// own, so an open form under the card keeps what is typed when the person's pending mark
/// or a phone changes.
#[component]
pub fn OccupantCard(
    link: RecordId,
    detail: Memo<Option<UnitDetail>>,
    panel: RwSignal<Panel>,
) -> impl IntoView {
    let ui = use_ui();
    let key = link.clone();
    let occ = Memo::new(move |_| {
        detail.with(|d| {
            let d = d.as_ref()?;
            d.current.iter().chain(&d.moved_out).find(|o| o.link_id == key).cloned()
        })
    });
    let key = link.clone();
    let here = Memo::new(move |_| {
        detail.with(|d| d.as_ref().is_some_and(|d| d.current.iter().any(|o| o.link_id == key)))
    });
    let get = move |f: fn(&Occupant) -> String| occ.with(|o| o.as_ref().map(f).unwrap_or_default());
    let flag = move |f: fn(&Occupant) -> bool| occ.with(|o| o.as_ref().is_some_and(f));
    let phones = Memo::new(move |_| {
        occ.with(|o| {
            let o = o.as_ref()?;
            let both = [o.phone.clone(), o.phone2.clone()];
            Some(both.into_iter().filter_map(|p| tel_href(&p).map(|h| (h, p))).collect::<Vec<_>>())
        })
        .unwrap_or_default()
    });
    let dates = move || {
        let offset = utc_offset_min();
        let (from, to) = occ.with(|o| o.as_ref().map_or((None, None), |o| (o.from, o.to)));
        let from = from.map(|ms| ms_to_date(ms, offset)).unwrap_or_else(|| "…".into());
        let to = to.map(|ms| ms_to_date(ms, offset));
        format!("{from} – {}", to.as_deref().unwrap_or(ui.t(Key::Present)))
    };
    let role = move || {
        let role = occ.with(|o| o.as_ref().and_then(|o| o.role));
        role.map(|r| person_role_label(r, ui.lang.get())).unwrap_or("—")
    };
    let toggle = move |p: Panel| panel.update(|cur| *cur = if *cur == p { Panel::None } else { p });
    let (edit, out) = (Panel::Edit(link.clone()), Panel::MoveOut(link.clone()));
    let (edit2, out2) = (edit.clone(), out.clone());
    let link2 = link.clone();
    view! {
        <li
            data-testid=move || if here.get() { "unit-person" } else { "moved-out-person" }
            class="occupant"
            data-person-id=move || get(|o| o.person_id.to_string())
            data-link-id=link.to_string()
            data-pending=move || flag(|o| o.pending).to_string()
        >
            <div class="who">
                <span class="person-name">{move || get(|o| o.name.clone())}</span>
                <Show when=move || flag(|o| o.key_customer)>
                    <span class="badge key" title=move || ui.t(Key::KeyCustomer)>{move || ui.t(Key::KeyCustomerMark)}</span>
                </Show>
                <span class="role chip">{role}</span>
                <Show when=move || flag(|o| o.pending)>
                    <span class="badge pending">{move || ui.t(Key::PendingMarker)}</span>
                </Show>
            </div>
            <div class="dates">{dates}</div>
            <div class="phones">
                {move || phones.get().into_iter().map(|(href, p)| {
                    let label = p.clone();
                    view! {
                        <a class="tel" href=href aria-label=move || format!("{} {label}", ui.t(Key::Call))>
                            <span aria-hidden="true">"☎ "</span>{p}
                        </a>
                    }
                }).collect_view()}
            </div>
            <Show when=move || !get(|o| o.note.clone()).is_empty()>
                <p class="person-note">{move || get(|o| o.note.clone())}</p>
            </Show>
            <Show when=move || here.get() && ui.may_edit_people()>
                <div class="occupant-actions">
                    <button class="edit-person" on:click={
                        let edit = edit.clone();
                        move |_| toggle(edit.clone())
                    }>{move || ui.t(Key::EditPerson)}</button>
                    <button class="move-out" on:click={
                        let out = out.clone();
                        move |_| toggle(out.clone())
                    }>{move || ui.t(Key::MoveOut)}</button>
                </div>
            </Show>
            {move || {
                let p = panel.get();
                // The form starts from the person as they are when it opens (untracked).
                match occ.get_untracked() {
                    Some(o) if p == edit2 => view! { <PersonEditor what=Editing::Person(o) panel=panel /> }.into_any(),
                    Some(_) if p == out2 => view! { <MoveOutPanel link=link2.clone() panel=panel /> }.into_any(),
                    _ => ().into_any(),
                }
            }}
        </li>
    }
}

/// The move-out day (today unless changed) and its confirmation.
#[component]
fn MoveOutPanel(link: RecordId, panel: RwSignal<Panel>) -> impl IntoView {
    let ui = use_ui();
    let day = RwSignal::new(today());
    let error = RwSignal::new(None::<Key>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match move_out_edits(&link, &day.get_untracked(), utc_offset_min()) {
            Ok(edits) => ui.save(edits, error, move || panel.set(Panel::None)),
            Err(e) => error.set(Some(error_key(e))),
        }
    };
    view! {
        <form id="move-out" class="move-out-form" on:submit=save novalidate>
            <label for="move-out-date">{move || ui.t(Key::MoveOutDate)}</label>
            <input id="move-out-date" type="date" bind:value=day />
            <p id="move-out-error" class="error" role="alert">{move || error.get().map(|k| ui.t(k))}</p>
            <div class="form-buttons">
                <button id="move-out-save" class="primary" type="submit">{move || ui.t(Key::ConfirmMoveOut)}</button>
                <button type="button" class="cancel" on:click=move |_| panel.set(Panel::None)>{move || ui.t(Key::Cancel)}</button>
            </div>
        </form>
    }
}
