//! `/knowledge`: the knowledge base (知识库) — every answer the office keeps, searched offline
//! per keystroke on every tablet (`model::knowledge::search`: every term in the question,
//! answer or keywords; question hits first). Office staff and supervisors add and edit
//! (`/knowledge/new`, `/knowledge/:id`: `pages::knowledge_edit`).
//!
//! DOM: `input#kb-search`, `a#kb-new` (office and supervisors), `ul#kb-hits` of `li.kb-hit
//! [data-kb]` (question, answer; `a.kb-edit` for the office).

use crate::components::page_heading::PageHeading;
use crate::context::use_ui;
use crate::i18n::{fd, Fd};
use crate::model::knowledge::{entries, may_edit, search};
use crate::pages::frontdesk::DeskNav;
use leptos::prelude::*;

#[component]
pub fn KnowledgePage() -> impl IntoView {
    let ui = use_ui();
    let lang = move || ui.lang.get();
    let all = Memo::new(move |_| ui.snap.with(|s| entries(&s.state)));
    let query = RwSignal::new(String::new());
    let hits = Memo::new(move |_| {
        let q = query.get();
        all.with(|a| search(a, &q).into_iter().cloned().collect::<Vec<_>>())
    });
    let editor = move || ui.role().is_some_and(may_edit);
    view! {
        <section class="frontdesk knowledge-page">
            <PageHeading>{move || fd(Fd::KbTitle, lang())}</PageHeading>
            <DeskNav />
            <div class="card kb-search">
                <label for="kb-search">{move || fd(Fd::KbSearch, lang())}</label>
                <input id="kb-search" type="search" autocomplete="off" prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev)) />
                <Show when=editor>
                    <a id="kb-new" class="button" href="/knowledge/new">{move || fd(Fd::KbNew, lang())}</a>
                </Show>
            </div>
            <Show when=move || hits.with(|h| !h.is_empty()) fallback=move || view! { <p class="muted">{fd(Fd::KbNoHits, lang())}</p> }>
                <ul id="kb-hits" class="kb-hits">
                    <For each=move || hits.get() key=|e| e.clone() let:e>
                        {
                            let href = format!("/knowledge/{}", e.id);
                            view! {
                                <li class="kb-hit card" data-kb=e.id.0.clone()>
                                    <h2 class="kb-question" translate="no">{e.question.clone()}</h2>
                                    <p class="kb-answer" translate="no">{e.answer.clone()}</p>
                                    <p class="muted" translate="no">{e.category.clone()}" · "{e.keywords.clone()}</p>
                                    <Show when=editor>
                                        <a class="kb-edit button" href=href.clone()>{move || fd(Fd::KbEdit, lang())}</a>
                                    </Show>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </Show>
        </section>
    }
}
