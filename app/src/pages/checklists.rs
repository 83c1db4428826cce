//! `/checklists` (supervisors only): the patrol and quality checklists — pick one, edit its
//! draft (sections and items: type, range, photo on fail, where a finding goes; options of a
//! single choice), publish it. The rules are `model::checklist_edit`'s.

use crate::components::page_heading::PageHeading;
use crate::context::use_ui;
use crate::i18n::{covers_label, item_type_label, purpose_label, Ck, Key};
use crate::model::checklist_edit::{self as edit, ItemError, ItemForm};
use leptos::prelude::*;
use shared::patrol::template::{self, Item, Section, Template};
use shared::patrol::{Covers, ItemType};
use shared::request::classifier::{self, Level};
use shared::RecordId;
use std::collections::HashMap;

/// The editor, or a clear "only supervisors" message.
#[component]
pub fn ChecklistsPage() -> impl IntoView {
    let ui = use_ui();
    let l = move |k: Ck| k.text(ui.lang.get());
    let templates = Memo::new(move |_| ui.snap.with(|s| template::templates(&s.state)));
    let chosen = RwSignal::new(String::new());
    let current = Memo::new(move |_| {
        let id = chosen.get();
        templates.with(|ts| ts.iter().find(|t| t.id.0 == id).or(ts.first()).cloned())
    });
    view! {
        <section id="checklists" class="checklists">
            <PageHeading>{move || l(Ck::Title)}</PageHeading>
            <Show
                when=move || ui.is_supervisor()
                fallback=move || view! { <p class="empty supervisors-only">{move || ui.t(Key::SupervisorsOnly)}</p> }
            >
                <p class="hint">{move || l(Ck::Intro)}</p>
                <label class="template-pick">
                    <span>{move || l(Ck::Template)}</span>
                    <select id="checklist-template" on:change=move |ev| chosen.set(event_target_value(&ev))>
                        {move || templates.get().into_iter().map(|t| {
                            let selected = current.with_untracked(|c| c.as_ref().map(|c| c.id == t.id)) == Some(true);
                            let name = if ui.lang.get() == crate::i18n::Lang::Zh { t.name_zh.clone() } else { t.name_en.clone() };
                            view! { <option value=t.id.0.clone() selected=selected>{format!("{name} · {}", purpose_label(t.purpose, ui.lang.get()))}</option> }
                        }).collect_view()}
                    </select>
                </label>
                {move || current.get().map(|t| view! { <TemplateEditor t=t /> })}
            </Show>
        </section>
    }
}

/// One checklist's draft, its sections, and publishing.
#[component]
fn TemplateEditor(t: Template) -> impl IntoView {
    let ui = use_ui();
    let l = move |k: Ck| k.text(ui.lang.get());
    let t = StoredValue::new(t);
    let draft = Memo::new(move |_| ui.snap.with(|s| edit::draft(&s.state, &t.get_value())));
    let pending = Memo::new(move |_| ui.snap.with(|s| edit::has_changes(&s.state, &t.get_value())));
    let topics = Memo::new(move |_| ui.snap.with(|s| topic_names(&s.state)));
    let error = RwSignal::new(None::<Key>);
    let published = RwSignal::new(false);
    let publish = move |_| {
        if let Some(edits) = ui.snap.with_untracked(|s| edit::publish(&s.state, &t.get_value())) {
            ui.save(edits, error, move || published.set(true));
        }
    };
    let (zh, en) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let covers = RwSignal::new(Covers::Common);
    let section_error = RwSignal::new(None::<Ck>);
    let add_section = move |_| {
        let edits = ui.snap.with_untracked(|s| {
            edit::add_section(
                &s.state,
                &t.get_value(),
                &zh.get_untracked(),
                &en.get_untracked(),
                covers.get_untracked(),
            )
        });
        match edits {
            None => section_error.set(Some(Ck::SectionNameRequired)),
            Some(edits) => {
                section_error.set(None);
                ui.save(edits, error, move || {
                    zh.set(String::new());
                    en.set(String::new());
                });
            }
        }
    };
    view! {
        <div class="card checklist-draft" data-version=move || t.with_value(|t| t.version)>
            <p class="versions">
                <span>{move || format!("{} v{}", l(Ck::Published), t.with_value(|t| t.version))}</span>
                " · "
                <span>{move || format!("{} v{}", l(Ck::Draft), t.with_value(edit::draft_version))}</span>
                " · "
                <span id="checklist-pending" class:pending=move || pending.get()>
                    {move || l(if pending.get() { Ck::Pending } else { Ck::NoPending })}
                </span>
            </p>
            <button id="checklist-publish" disabled=move || !pending.get() on:click=publish>{move || l(Ck::Publish)}</button>
            <Show when=move || published.get() && !pending.get()><span class="saved">{move || l(Ck::PublishedNow)}</span></Show>
            <p class="error" role="alert">{move || error.get().map(|k| ui.t(k))}</p>
        </div>
        <For
            each=move || draft.get()
            key=|(s, items)| format!("{s:?}{items:?}")
            children=move |(section, items)| view! { <SectionCard t=t.get_value() section=section items=items topics=topics /> }
        />
        <div class="card add-section">
            <h2 class="sub">{move || l(Ck::AddSection)}</h2>
            <input id="section-name-zh" placeholder=move || l(Ck::SectionZh) bind:value=zh />
            <input id="section-name-en" placeholder=move || l(Ck::SectionEn) bind:value=en />
            <select id="section-covers" aria-label=move || l(Ck::Covers) on:change=move |ev| if let Some(c) = Covers::parse(&event_target_value(&ev)) { covers.set(c) }>
                {Covers::ALL.iter().map(|&c| view! { <option value=c.as_str()>{move || covers_label(c, ui.lang.get())}</option> }).collect_view()}
            </select>
            <button id="section-add" on:click=add_section>{move || l(Ck::AddSection)}</button>
            <p class="error" role="alert">{move || section_error.get().map(l)}</p>
        </div>
    }
}

/// The classifier's node names (Chinese, English) by id: read once per replica change for the
/// whole editor, not once per item row.
type TopicNames = HashMap<RecordId, (String, String)>;

fn topic_names(state: &shared::ReplicaState) -> TopicNames {
    classifier::nodes(state).into_iter().map(|n| (n.id, (n.name_zh, n.name_en))).collect()
}

/// A section of the draft: its items, each editable, and a form to add one.
#[component]
fn SectionCard(
    t: Template,
    section: Section,
    items: Vec<Item>,
    topics: Memo<TopicNames>,
) -> impl IntoView {
    let ui = use_ui();
    let l = move |k: Ck| k.text(ui.lang.get());
    let adding = RwSignal::new(false);
    let error = RwSignal::new(None::<Key>);
    let (tv, sv) = (StoredValue::new(t), StoredValue::new(section.clone()));
    let remove_section =
        move |_| ui.save(edit::remove_section(&tv.get_value(), &sv.get_value()), error, || {});
    let empty = items.is_empty();
    let name = move || {
        if ui.lang.get() == crate::i18n::Lang::Zh {
            sv.with_value(|s| s.name_zh.clone())
        } else {
            sv.with_value(|s| s.name_en.clone())
        }
    };
    view! {
        <div class="card checklist-section" data-id=section.id.0.clone()>
            <h2 class="sub">
                {name}
                // What it covers, unless the name already says it (`edit::covers_note`).
                {section.covers.map(|c| view! {
                    {move || edit::covers_note(&name(), covers_label(c, ui.lang.get())).map(|n| view! { " " <small class="covers">{n}</small> })}
                })}
                <button class="ghost section-remove" on:click=remove_section>{move || l(Ck::Remove)}</button>
            </h2>
            {empty.then(|| view! { <p class="empty">{move || l(Ck::Empty)}</p> })}
            <ol class="checklist-items">
                {items.into_iter().map(|item| view! { <ItemRow t=tv.get_value() item=item topics=topics /> }).collect_view()}
            </ol>
            <Show
                when=move || adding.get()
                fallback=move || view! { <button class="item-add-open" on:click=move |_| adding.set(true)>{move || l(Ck::AddItem)}</button> }
            >
                <ItemEditor
                    initial=ItemForm { ty: Some(ItemType::PassFail), ..ItemForm::default() }
                    save=Callback::new(move |form: ItemForm| {
                        ui.snap.with_untracked(|s| edit::add_item(&s.state, &tv.get_value(), &sv.get_value().id, &form))
                    })
                    done=Callback::new(move |_| adding.set(false))
                />
            </Show>
            <p class="error" role="alert">{move || error.get().map(|k| ui.t(k))}</p>
        </div>
    }
}

/// One item: what it asks and how, with edit and remove.
#[component]
fn ItemRow(t: Template, item: Item, topics: Memo<TopicNames>) -> impl IntoView {
    let ui = use_ui();
    let l = move |k: Ck| k.text(ui.lang.get());
    let editing = RwSignal::new(false);
    let error = RwSignal::new(None::<Key>);
    let (tv, iv) = (StoredValue::new(t), StoredValue::new(item.clone()));
    let remove =
        move |_| ui.save(edit::remove_item(&tv.get_value(), &iv.get_value()), error, || {});
    let range = match (item.min, item.max) {
        (None, None) => String::new(),
        (a, b) => format!(
            " [{} – {}]",
            a.map(|n| n.to_string()).unwrap_or_default(),
            b.map(|n| n.to_string()).unwrap_or_default()
        ),
    };
    let topic = item.topic.clone();
    let topic_name = move || {
        let id = topic.clone()?;
        let zh = ui.lang.get() == crate::i18n::Lang::Zh;
        topics.with(|m| m.get(&id).map(|(z, e)| if zh { z.clone() } else { e.clone() }))
    };
    view! {
        <li class="checklist-item" data-id=item.id.0.clone()>
            <Show
                when=move || editing.get()
                fallback=move || view! {
                    <span class="item-text">{move || if ui.lang.get() == crate::i18n::Lang::Zh { iv.with_value(|i| i.text_zh.clone()) } else { iv.with_value(|i| i.text_en.clone()) }}</span>
                    <small class="item-type">{move || item_type_label(iv.with_value(|i| i.ty), ui.lang.get())}{range.clone()}</small>
                    {iv.with_value(|i| i.photo_on_fail).then(|| view! { <small class="item-photo">{move || l(Ck::PhotoOnFail)}</small> })}
                    <small class="item-topic">{topic_name.clone()}</small>
                    <button class="ghost item-edit" on:click=move |_| editing.set(true)>{move || l(Ck::Edit)}</button>
                    <button class="ghost item-remove" on:click=remove>{move || l(Ck::Remove)}</button>
                }
            >
                <ItemEditor
                    initial=ui.snap.with_untracked(|s| edit::form_of(&s.state, &iv.get_value()))
                    save=Callback::new(move |form: ItemForm| edit::edit_item(&tv.get_value(), &iv.get_value(), &form))
                    done=Callback::new(move |_| editing.set(false))
                />
            </Show>
            <span class="error" role="alert">{move || error.get().map(|k| ui.t(k))}</span>
        </li>
    }
}

/// The item form: `save` turns it into edits (or says why not), which are saved at once.
#[component]
fn ItemEditor(
    initial: ItemForm,
    save: Callback<ItemForm, Result<Vec<crate::sync::FieldEdit>, ItemError>>,
    done: Callback<()>,
) -> impl IntoView {
    let ui = use_ui();
    let l = move |k: Ck| k.text(ui.lang.get());
    let (zh, en) = (RwSignal::new(initial.text_zh.clone()), RwSignal::new(initial.text_en.clone()));
    let ty = RwSignal::new(initial.ty.unwrap_or(ItemType::PassFail));
    let (min, max) = (RwSignal::new(initial.min.clone()), RwSignal::new(initial.max.clone()));
    let photo = RwSignal::new(initial.photo_on_fail);
    let id_text = |r: &Option<RecordId>| r.as_ref().map(|r| r.0.clone()).unwrap_or_default();
    let (topic, problem) =
        (RwSignal::new(id_text(&initial.topic)), RwSignal::new(id_text(&initial.problem)));
    let row =
        |(a, b, f): (String, String, bool)| (RwSignal::new(a), RwSignal::new(b), RwSignal::new(f));
    let mut start: Vec<_> = initial.options.into_iter().map(row).collect();
    while start.len() < 2 {
        start.push(row(Default::default()));
    }
    let options = RwSignal::new(start);
    let nodes = Memo::new(move |_| ui.snap.with(|s| classifier::nodes(&s.state)));
    let error = RwSignal::new(None::<Ck>);
    let save_error = RwSignal::new(None::<Key>);
    let submit = move |_| {
        let pick =
            |s: RwSignal<String>| Some(RecordId(s.get_untracked())).filter(RecordId::is_valid);
        let form = ItemForm {
            text_zh: zh.get_untracked(),
            text_en: en.get_untracked(),
            ty: Some(ty.get_untracked()),
            min: min.get_untracked(),
            max: max.get_untracked(),
            photo_on_fail: photo.get_untracked(),
            topic: pick(topic),
            problem: pick(problem),
            options: options.with_untracked(|o| {
                o.iter()
                    .map(|(a, b, f)| (a.get_untracked(), b.get_untracked(), f.get_untracked()))
                    .collect()
            }),
        };
        match save.run(form) {
            Err(e) => error.set(Some(match e {
                ItemError::NoText => Ck::NoText,
                ItemError::BadRange => Ck::BadRange,
                ItemError::TooFewOptions => Ck::TooFewOptions,
            })),
            Ok(edits) => {
                error.set(None);
                ui.save(edits, save_error, move || done.run(()));
            }
        }
    };
    let of_level = move |level: Level, parent: Option<String>| {
        nodes.with(|n| {
            n.iter()
                .filter(|n| {
                    n.level == level
                        && (parent.is_none() || n.parent.as_ref().map(|p| &p.0) == parent.as_ref())
                })
                .map(|n| (n.id.0.clone(), n.name_zh.clone()))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div class="item-editor">
            <input class="item-zh" placeholder=move || l(Ck::TextZh) bind:value=zh />
            <input class="item-en" placeholder=move || l(Ck::TextEn) bind:value=en />
            <select class="item-type-pick" aria-label=move || l(Ck::Type) on:change=move |ev| if let Some(t) = ItemType::parse(&event_target_value(&ev)) { ty.set(t) }>
                {ItemType::ALL.iter().map(|&t| view! { <option value=t.as_str() selected=move || ty.get() == t>{move || item_type_label(t, ui.lang.get())}</option> }).collect_view()}
            </select>
            <Show when=move || ty.get() == ItemType::Number>
                <input class="item-min" type="text" inputmode="decimal" placeholder=move || l(Ck::Min) bind:value=min />
                <input class="item-max" type="text" inputmode="decimal" placeholder=move || l(Ck::Max) bind:value=max />
            </Show>
            <label class="check"><input class="item-photo-on-fail" type="checkbox" bind:checked=photo />{move || l(Ck::PhotoOnFail)}</label>
            <select class="item-topic-pick" aria-label=move || l(Ck::Topic) on:change=move |ev| { topic.set(event_target_value(&ev)); problem.set(String::new()); }>
                <option value="">{move || l(Ck::Topic)}</option>
                {move || of_level(Level::Topic, None).into_iter().map(|(id, name)| { let sel = id == topic.get_untracked(); view! { <option value=id selected=sel>{name}</option> } }).collect_view()}
            </select>
            <select class="item-problem-pick" aria-label=move || l(Ck::Problem) on:change=move |ev| problem.set(event_target_value(&ev))>
                <option value="">{move || l(Ck::Problem)}</option>
                {move || of_level(Level::Problem, Some(topic.get())).into_iter().map(|(id, name)| { let sel = id == problem.get_untracked(); view! { <option value=id selected=sel>{name}</option> } }).collect_view()}
            </select>
            <Show when=move || ty.get() == ItemType::Choice>
                <fieldset class="item-options">
                    <legend>{move || l(Ck::Options)}</legend>
                    {move || options.get().into_iter().map(|(a, b, f)| view! {
                        <div class="item-option">
                            <input class="option-zh" placeholder=move || l(Ck::OptionZh) bind:value=a />
                            <input class="option-en" placeholder=move || l(Ck::OptionEn) bind:value=b />
                            <label class="check"><input class="option-fails" type="checkbox" bind:checked=f />{move || l(Ck::OptionFails)}</label>
                        </div>
                    }).collect_view()}
                    <button class="ghost option-add" on:click=move |_| options.update(|o| o.push(row(Default::default())))>{move || l(Ck::AddOption)}</button>
                </fieldset>
            </Show>
            <button class="item-save" on:click=submit>{move || l(Ck::Save)}</button>
            <button class="ghost item-cancel" on:click=move |_| done.run(())>{move || l(Ck::Cancel)}</button>
            <p class="error" role="alert">{move || error.get().map(l).or_else(|| save_error.get().map(|k| ui.t(k)))}</p>
        </div>
    }
}
