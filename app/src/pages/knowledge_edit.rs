//! `/knowledge/new` and `/knowledge/:id`: an answer of the knowledge base, new or edited, by
//! office staff and supervisors (`Writers::Office`; others see the page's gate). Saving is
//! one offline edit (`model::knowledge::kb_edits`); "delete" marks it deleted.
//!
//! DOM: `input#kb-question`, `textarea#kb-answer`, `input#kb-keywords`, `input#kb-category`,
//! `input#kb-sort`, `button#kb-save`, `button#kb-delete`, `#kb-error`.

use crate::components::page_heading::PageHeading;
use crate::context::use_ui;
use crate::i18n::{fd, kb_error_text, Fd, Key};
use crate::model::knowledge::{
    delete_edits, entries, form_of, kb_edits, may_edit, KbError, KbForm,
};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use shared::RecordId;

#[component]
pub fn KnowledgeEditPage() -> impl IntoView {
    let ui = use_ui();
    let lang = move || ui.lang.get();
    let navigate = use_navigate();
    let given = use_params_map().with_untracked(|p| p.get("id")).unwrap_or_default();
    let existing = Some(RecordId::from(given.as_str())).filter(RecordId::is_valid);
    let id = existing.clone().unwrap_or_else(RecordId::new_v7);
    let start = existing
        .as_ref()
        .and_then(|e| {
            ui.snap.with_untracked(|s| entries(&s.state).into_iter().find(|x| &x.id == e))
        })
        .map(|e| form_of(&e))
        .unwrap_or_default();
    let question = RwSignal::new(start.question);
    let answer = RwSignal::new(start.answer);
    let keywords = RwSignal::new(start.keywords);
    let category = RwSignal::new(start.category);
    let sort = RwSignal::new(start.sort);
    let error = RwSignal::new(None::<KbError>);
    let save_error = RwSignal::new(None::<Key>);
    let (id2, nav2) = (id.clone(), navigate.clone());
    let save = move |_| {
        let form = KbForm {
            question: question.get_untracked(),
            answer: answer.get_untracked(),
            keywords: keywords.get_untracked(),
            category: category.get_untracked(),
            sort: sort.get_untracked(),
        };
        match kb_edits(&id, &form) {
            Err(e) => error.set(Some(e)),
            Ok(edits) => {
                error.set(None);
                let navigate = navigate.clone();
                ui.save(edits, save_error, move || navigate("/knowledge", Default::default()));
            }
        }
    };
    let delete = move |_| {
        let navigate = nav2.clone();
        ui.save(delete_edits(&id2), save_error, move || navigate("/knowledge", Default::default()));
    };
    let is_edit = existing.is_some();
    view! {
        <form class="card kb-form frontdesk" on:submit=|ev| ev.prevent_default() novalidate>
            <PageHeading>{move || fd(if is_edit { Fd::KbEdit } else { Fd::KbNew }, lang())}</PageHeading>
            <Show when=move || ui.role().is_some_and(may_edit) fallback=move || view! { <p class="muted">{ui.t(Key::NotForRole)}</p> }>
                <label for="kb-question">{move || fd(Fd::KbQuestion, lang())}</label>
                <input id="kb-question" type="text" bind:value=question />
                <label for="kb-answer">{move || fd(Fd::KbAnswer, lang())}</label>
                <textarea id="kb-answer" rows="6" bind:value=answer></textarea>
                <label for="kb-keywords">{move || fd(Fd::KbKeywords, lang())}</label>
                <input id="kb-keywords" type="text" bind:value=keywords />
                <label for="kb-category">{move || fd(Fd::KbCategory, lang())}</label>
                <input id="kb-category" type="text" bind:value=category />
                <label for="kb-sort">{move || fd(Fd::KbSort, lang())}</label>
                <input id="kb-sort" type="text" inputmode="numeric" bind:value=sort />
                <p id="kb-error" class="error" role="alert">
                    {move || error.get().map(|e| kb_error_text(e, lang()))}
                    {move || save_error.get().map(|k| ui.t(k))}
                </p>
                <div class="actions">
                    <button id="kb-save" class="primary" type="button" on:click=save.clone()>{move || fd(Fd::Save, lang())}</button>
                    {is_edit.then(|| view! { <button id="kb-delete" type="button" on:click=delete.clone()>{move || fd(Fd::KbDelete, lang())}</button> })}
                    <a class="button" href="/knowledge">{move || fd(Fd::KbBack, lang())}</a>
                </div>
            </Show>
        </form>
    }
}
