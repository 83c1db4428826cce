//! `/patrol/templates` (supervisors): the checklists' draft — the published version plus one
//! — item by item, with a form to add an item (type, range, photo on fail, the classifier
//! topic its findings go to), a button to take one out, and "publish" ([`model::patrol_editor`]).
//!
//! DOM: `#tpl-editor`, `#tpl-template`, `li.tpl-item[data-item]` with `button.item-retire`,
//! `#tpl-section`, `#tpl-text-zh`, `#tpl-text-en`, `#tpl-type`, `#tpl-min`, `#tpl-max`,
//! `#tpl-photo`, `#tpl-topic`, `#tpl-add`, `#tpl-publish`, `#tpl-error`.

use crate::context::use_ui;
use crate::i18n::Key;
use crate::model::patrol_editor::{self as editor, EditorError, ItemForm};
use leptos::prelude::*;
use shared::patrol::template;
use shared::patrol::ItemType;
use shared::request::classifier::{self, Level};
use shared::RecordId;

/// The editor, or a note that it is for supervisors.
#[component]
pub fn TemplateEditorPage() -> impl IntoView {
    let ui = use_ui();
    let templates = Memo::new(move |_| ui.snap.with(|s| template::templates(&s.state)));
    let chosen = RwSignal::new(
        templates.get_untracked().first().map(|t| t.id.0.clone()).unwrap_or_default(),
    );
    let current = Memo::new(move |_| {
        let id = RecordId(chosen.get());
        templates.with(|ts| ts.iter().find(|t| t.id == id).cloned())
    });
    let draft = Memo::new(move |_| {
        current
            .get()
            .map(|t| ui.snap.with(|s| template::checklist(&s.state, &t.id, editor::draft(&t))))
    });
    let (section, zh, en) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let (ty, min, max) = (
        RwSignal::new("pass_fail".to_owned()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let (photo, topic) = (RwSignal::new(true), RwSignal::new(String::new()));
    let error = RwSignal::new(None::<Key>);
    let add = move |_| {
        let Some(t) = current.get_untracked() else { return };
        let num = |s: RwSignal<String>| s.get_untracked().trim().parse::<f64>().ok();
        let form = ItemForm {
            section: RecordId(section.get_untracked()),
            text_zh: zh.get_untracked(),
            text_en: en.get_untracked(),
            ty: ItemType::parse(&ty.get_untracked()).unwrap_or(ItemType::PassFail),
            min: num(min),
            max: num(max),
            photo_on_fail: photo.get_untracked(),
            topic: Some(RecordId(topic.get_untracked())).filter(RecordId::is_valid),
            problem: None,
        };
        let edits = ui
            .snap
            .with_untracked(|s| editor::add_item_edits(&s.state, &t, &RecordId::new_v7(), &form));
        match edits {
            Ok(e) => ui.save(e, error, move || {
                zh.set(String::new());
                en.set(String::new());
            }),
            Err(EditorError::TextRequired) => error.set(Some(Key::SettingsNameRequired)),
            Err(_) => error.set(Some(Key::PatrolBadValue)),
        }
    };
    let publish = move |_| {
        if let Some(t) = current.get_untracked() {
            ui.save(editor::publish_edits(&t), error, || {});
        }
    };
    let topics = move || {
        ui.snap
            .with(|s| classifier::nodes(&s.state))
            .into_iter()
            .filter(|n| n.level == Level::Topic)
            .collect::<Vec<_>>()
    };
    view! {
        <section id="tpl-editor" class="card">
            <h2>{move || ui.t(Key::PatrolTemplates)}</h2>
            <Show when=move || ui.is_supervisor() fallback=move || view! { <p>{move || ui.t(Key::SupervisorsOnly)}</p> }>
                <select id="tpl-template" on:change=move |ev| chosen.set(event_target_value(&ev))>
                    {move || templates.get().into_iter().map(|t| view! { <option value=t.id.0.clone()>{format!("{} / {} v{}", t.name_zh, t.name_en, t.version)}</option> }).collect_view()}
                </select>
                <p>{move || current.get().map(|t| format!("{} v{}", ui.t(Key::PatrolDraft), editor::draft(&t)))}</p>
                {move || draft.get().unwrap_or_default().into_iter().map(|(s, items)| view! {
                    <h3>{format!("{} / {}", s.name_zh, s.name_en)}</h3>
                    <ul>
                        {items.into_iter().map(|i| {
                            let it = i.clone();
                            view! {
                                <li class="tpl-item" data-item=i.id.0.clone()>
                                    {format!("{} / {} · {}", i.text_zh, i.text_en, i.ty.as_str())}
                                    {i.photo_on_fail.then_some(" 📷")}
                                    <button class="item-retire" on:click=move |_| {
                                        if let Some(t) = current.get_untracked() {
                                            ui.save(editor::retire_item_edits(&t, &it), error, || {});
                                        }
                                    }>{move || ui.t(Key::PatrolRetire)}</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }).collect_view()}
                <div class="tpl-add">
                    <select id="tpl-section" on:change=move |ev| section.set(event_target_value(&ev))>
                        <option value="">"—"</option>
                        {move || draft.get().unwrap_or_default().into_iter().map(|(s, _)| view! { <option value=s.id.0.clone()>{s.name_zh.clone()}</option> }).collect_view()}
                    </select>
                    <input id="tpl-text-zh" placeholder="中文" bind:value=zh />
                    <input id="tpl-text-en" placeholder="English" bind:value=en />
                    <select id="tpl-type" on:change=move |ev| ty.set(event_target_value(&ev))>
                        {ItemType::ALL.iter().map(|t| view! { <option value=t.as_str()>{t.as_str()}</option> }).collect_view()}
                    </select>
                    <input id="tpl-min" type="text" inputmode="decimal" placeholder="min" bind:value=min />
                    <input id="tpl-max" type="text" inputmode="decimal" placeholder="max" bind:value=max />
                    <label><input id="tpl-photo" type="checkbox" bind:checked=photo />{move || ui.t(Key::PatrolPhotoOnFail)}</label>
                    <select id="tpl-topic" on:change=move |ev| topic.set(event_target_value(&ev))>
                        <option value="">"—"</option>
                        {move || topics().into_iter().map(|n| view! { <option value=n.id.0.clone()>{format!("{} / {}", n.name_zh, n.name_en)}</option> }).collect_view()}
                    </select>
                    <button id="tpl-add" on:click=add>{move || ui.t(Key::PatrolAddItem)}</button>
                </div>
                <button id="tpl-publish" on:click=publish>{move || ui.t(Key::PatrolPublish)}</button>
                <p id="tpl-error" class="error" role="alert">{move || error.get().map(|k| ui.t(k))}</p>
            </Show>
        </section>
    }
}
