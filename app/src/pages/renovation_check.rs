//! `/renovations/:id/check`: today's site check of a renovation, on the tablet, offline —
//! the renovation section of the patrol checklist item by item (pass / fail), photos, the
//! result; a violation needs its description and is saved in ONE edit with its stop order,
//! the stop of the works and the rectification request
//! (`model::renovation_check::check_edits`). Photos taken before saving are stored on the
//! check once it is saved (`parent_kind` `renovation_check`).
//!
//! DOM: `#reno-check[data-id]`, `li.reno-item[data-item]` with `#reno-item-<n>-pass` and
//! `#reno-item-<n>-fail` (n from 0 in the list's order; `aria-pressed`), `#reno-result`
//! (`ok` / `violation`), `#reno-violation`, `#reno-check-note`, `#reno-check-photo-input`,
//! `#reno-check-photos[data-count]`, `#reno-check-error`, `#reno-check-submit`;
//! `#reno-check-blocked` says why the form is hidden (not under way, not the role's).

use super::renovation_detail::error_word;
use crate::components::page_heading::PageHeading;
use crate::components::photo_notice;
use crate::components::photos::save_all;
use crate::context::use_ui;
use crate::i18n::{check_result_label, Lang, Rn};
use crate::model::renovation::renovation;
use crate::model::renovation_check::{check_edits, check_items, CheckForm};
use crate::platform::utc_offset_min;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use shared::blob::PhotoParent;
use shared::renovation::CheckResult;
use shared::RecordId;

/// The check form.
#[component]
pub fn CheckPage() -> impl IntoView {
    let ui = use_ui();
    let navigate = use_navigate();
    let params = use_params_map();
    let id = Memo::new(move |_| RecordId(params.with(|p| p.get("id").unwrap_or_default())));
    let t = move |w: Rn| w.text(ui.lang.get());
    let items = Memo::new(move |_| ui.snap.with(|s| check_items(&s.state)));
    // Why this renovation cannot be checked here, if it cannot: not under way, or not the
    // role's to check (`may_check`, as the server keeps it).
    let blocked = Memo::new(move |_| {
        let active = ui.snap.with(|s| {
            renovation(&s.state, &id.get(), 0, utc_offset_min()).is_some_and(|r| {
                r.status.is_some_and(shared::renovation::RenovationStatus::is_active)
            })
        });
        match (active, ui.role().is_some_and(crate::model::renovation_check::may_check)) {
            (false, _) => Some(Rn::NotActive),
            (true, false) => Some(Rn::NotAllowed),
            (true, true) => None,
        }
    });
    let unit = Memo::new(move |_| {
        ui.snap
            .with(|s| renovation(&s.state, &id.get(), 0, utc_offset_min()).map(|r| r.unit_number))
    });
    let failed = RwSignal::new(Vec::<RecordId>::new());
    let passed = RwSignal::new(Vec::<RecordId>::new());
    let result = RwSignal::new(CheckResult::Ok);
    let violation = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Rn>);
    let saving = RwSignal::new(false);
    let files: RwSignal<Vec<(web_sys::File, String)>, LocalStorage> =
        RwSignal::new_local(Vec::new());
    on_cleanup(move || {
        for (_, url) in files.try_get_untracked().unwrap_or_default() {
            let _ = web_sys::Url::revoke_object_url(&url);
        }
    });
    let mark = move |item: RecordId, fail: bool| {
        let (add, remove) = if fail { (failed, passed) } else { (passed, failed) };
        remove.update(|v| v.retain(|i| i != &item));
        add.update(|v| {
            if !v.contains(&item) {
                v.push(item)
            }
        });
        // A failed item makes the check a violation; the inspector may still say otherwise.
        if fail {
            result.set(CheckResult::Violation);
        }
    };
    let choose_photos = move |ev: web_sys::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(list) = input.files() {
            let more: Vec<_> = (0..list.length())
                .filter_map(|i| list.get(i))
                .map(|f| {
                    let url = web_sys::Url::create_object_url_with_blob(&f).unwrap_or_default();
                    (f, url)
                })
                .collect();
            files.update(|f| f.extend(more));
        }
        input.set_value("");
    };
    let photo_count = move || files.with(Vec::len);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let Some(actor) = ui.actor() else { return error.set(Some(Rn::SaveFailed)) };
        let form = CheckForm {
            failed: failed.get_untracked(),
            result: result.get_untracked(),
            violation: violation.get_untracked(),
            note: note.get_untracked(),
        };
        let (check, request) = (RecordId::new_v7(), RecordId::new_v7());
        let reno = id.get_untracked();
        let edits = ui.snap.with_untracked(|s| {
            let r = renovation(&s.state, &reno, actor.at, utc_offset_min());
            let r = r.ok_or(crate::model::renovation::RenoError::NotActive)?;
            check_edits(&s.state, &r, &check, &request, &form, &actor)
        });
        let edits = match edits {
            Ok(e) => e,
            Err(e) => return error.set(Some(error_word(e))),
        };
        let Some(engine) = ui.engine() else { return error.set(Some(Rn::SaveFailed)) };
        let photos: Vec<web_sys::File> =
            files.with_untracked(|f| f.iter().map(|(f, _)| f.clone()).collect());
        saving.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match crate::update::saving(engine.edit(edits)).await {
                Ok(_) => {
                    ui.sync_now();
                    let failed = save_all(&ui, PhotoParent::RenovationCheck, &check, photos).await;
                    ui.sync_now();
                    let path = format!("/renovations/{reno}");
                    photo_notice::carry(&ui, failed, &path);
                    navigate(&path, Default::default());
                }
                Err(e) => {
                    web_sys::console::error_1(&format!("save failed: {e}").into());
                    error.set(Some(Rn::SaveFailed));
                    saving.set(false);
                }
            }
        });
    };
    view! {
        <section id="reno-check" class="reno-check-page card" data-id=move || id.get().0>
            <PageHeading>{move || t(Rn::CheckTitle)} " · " <span translate="no">{move || unit.get().unwrap_or_default()}</span></PageHeading>
            <p id="reno-check-blocked" class="error" role="status">{move || blocked.get().map(t)}</p>
            <form on:submit=save novalidate class:hidden=move || blocked.get().is_some()>
                <ul class="patrol-items reno-items">
                    {move || {
                        let lang = ui.lang.get();
                        items.get().into_iter().enumerate().map(|(n, item)| {
                            let text = if lang == Lang::Zh || item.text_en.is_empty() { item.text_zh.clone() } else { item.text_en.clone() };
                            let (a, b) = (item.id.clone(), item.id.clone());
                            let (pa, fa) = (item.id.clone(), item.id.clone());
                            view! {
                                <li class="patrol-item reno-item" data-item=item.id.to_string()>
                                    <span class="text">{text}</span>
                                    <button id=format!("reno-item-{n}-pass") type="button" class="verdict pass"
                                        aria-pressed=move || passed.with(|v| v.contains(&pa)).to_string()
                                        on:click=move |_| mark(a.clone(), false)>{move || t(Rn::Pass)}</button>
                                    <button id=format!("reno-item-{n}-fail") type="button" class="verdict fail"
                                        aria-pressed=move || failed.with(|v| v.contains(&fa)).to_string()
                                        on:click=move |_| mark(b.clone(), true)>{move || t(Rn::Fail)}</button>
                                </li>
                            }
                        }).collect_view()
                    }}
                </ul>
                <label for="reno-result">{move || t(Rn::Result)}</label>
                <select id="reno-result" prop:value=move || result.get().as_str() on:change=move |ev| {
                    if let Some(r) = CheckResult::parse(&event_target_value(&ev)) { result.set(r) }
                }>
                    {CheckResult::ALL.iter().map(|&r| view! {
                        <option value=r.as_str() selected=move || result.get() == r>{move || check_result_label(r, ui.lang.get())}</option>
                    }).collect_view()}
                </select>
                <Show when=move || result.get() == CheckResult::Violation>
                    <p class="muted">{move || t(Rn::ViolationHint)}</p>
                    <label for="reno-violation">{move || t(Rn::Violation)}</label>
                    <textarea id="reno-violation" rows="3" bind:value=violation></textarea>
                </Show>
                <label for="reno-check-note">{move || t(Rn::Note)}</label>
                <textarea id="reno-check-note" rows="2" bind:value=note></textarea>
                <label class="photo-attach" for="reno-check-photo-input">{move || t(Rn::Photos)}</label>
                <input id="reno-check-photo-input" type="file" accept="image/*" capture="environment" multiple on:change=choose_photos />
                <span id="reno-check-photos" data-count=move || photo_count().to_string()>
                    {move || (photo_count() > 0).then(|| format!("{} {}", photo_count(), t(Rn::DocumentsPending)))}
                </span>
                <ul class="photo-list pending-photos">
                    {move || files.with(|f| f.iter().map(|(_, url)| view! {
                        <li><img class="photo-thumb pending" src=url.clone() alt=move || t(Rn::Photos) /></li>
                    }).collect_view())}
                </ul>
                <p id="reno-check-error" class="error" role="alert">{move || error.get().map(t)}</p>
                <button id="reno-check-submit" class="primary" type="submit" disabled=move || saving.get()>{move || t(Rn::SaveCheck)}</button>
            </form>
        </section>
    }
}
