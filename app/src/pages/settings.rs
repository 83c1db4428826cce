//! `/settings` (supervisors only): the deadline numbers over their defaults (the one
//! `settings` record), the classifier tree with its routing — names, department and default
//! assignee per node, add a node, hide one — and the departments' default assignees.

use crate::components::page_heading::PageHeading;
use crate::context::use_ui;
use crate::i18n::{level_label, setting_label, Key};
use crate::model::setting_input::{self, SettingInput};
use crate::model::{deadlines, names};
use crate::sync::FieldEdit;
use leptos::prelude::*;
use serde_json::json;
use shared::fields::read;
use shared::names::{field, kind};
use shared::request::classifier::{self, Level, Node};
use shared::request::deadline::Settings;
use shared::RecordId;

/// The settings, or a clear "only supervisors" message.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let ui = use_ui();
    view! {
        <section id="settings" class="settings">
            <PageHeading>{move || ui.t(Key::SettingsTitle)}</PageHeading>
            <Show
                when=move || ui.is_supervisor()
                fallback=move || view! { <p class="empty supervisors-only">{move || ui.t(Key::SupervisorsOnly)}</p> }
            >
                <p class="settings-links">
                    <a id="settings-checklists" href="/checklists">{move || crate::i18n::Ck::Title.text(ui.lang.get())}</a>
                </p>
                <DeadlineForm />
                <ClassifierEditor />
                <DepartmentAssignees />
            </Show>
        </section>
    }
}

/// Every number of [`Settings::FIELDS`], its default beside it.
#[component]
fn DeadlineForm() -> impl IntoView {
    let ui = use_ui();
    let current = Memo::new(move |_| ui.snap.with(|s| deadlines::settings(&s.state)));
    // Each value as its control shows it (`model::setting_input`: a time, a switch, a number).
    let inputs: Vec<(&'static str, i64, RwSignal<String>)> = Settings::FIELDS
        .iter()
        .map(|(name, get, _)| {
            let now = setting_input::shown(name, get(&current.get_untracked()));
            (*name, get(&Settings::DEFAULT), RwSignal::new(now))
        })
        .collect();
    let error = RwSignal::new(None::<Key>);
    let saved = RwSignal::new(false);
    let typed = StoredValue::new(inputs.iter().map(|(n, _, s)| (*n, *s)).collect::<Vec<_>>());
    let save = move |_| {
        let values: Vec<(&'static str, String)> = typed.with_value(|t| {
            t.iter().map(|(n, s)| (*n, setting_input::stored_text(n, &s.get_untracked()))).collect()
        });
        match deadlines::settings_edits(&current.get_untracked(), &values) {
            Err(_) => error.set(Some(Key::SettingsBadNumber)),
            Ok(edits) => ui.save(edits, error, move || saved.set(true)),
        }
    };
    view! {
        <div class="card settings-deadlines">
            <h2 class="sub">{move || ui.t(Key::SettingsDeadlines)}</h2>
            {inputs.into_iter().map(|(name, default, value)| view! { <SettingControl name default value /> }).collect_view()}
            <button id="settings-save" on:click=save>{move || ui.t(Key::Save)}</button>
            <Show when=move || saved.get()><span class="saved">{move || ui.t(Key::SettingsSaved)}</span></Show>
            <p class="error" role="alert">{move || error.get().map(|k| ui.t(k))}</p>
        </div>
    }
}

/// One setting asked with its control: a time input, a switch, or a number; its default
/// beside it, as the control shows it.
#[component]
fn SettingControl(name: &'static str, default: i64, value: RwSignal<String>) -> impl IntoView {
    let ui = use_ui();
    let id = format!("setting-{name}");
    let default_text = move || match setting_input::input_of(name) {
        SettingInput::Switch => {
            ui.t(if default == 1 { Key::SettingOn } else { Key::SettingOff }).to_owned()
        }
        _ => setting_input::shown(name, default),
    };
    let control = match setting_input::input_of(name) {
        SettingInput::TimeOfDay => view! {
            <input type="time" name=name id=id bind:value=value />
        }
        .into_any(),
        SettingInput::Switch => view! {
            <input
                type="checkbox"
                role="switch"
                class="switch"
                name=name
                id=id
                prop:checked=move || setting_input::is_on(&value.get())
                on:change=move |ev| value.set(setting_input::switch_text(event_target_checked(&ev)))
            />
        }
        .into_any(),
        SettingInput::Number => {
            let range = Settings::range(name);
            view! {
                <input type="number" min=range.start().to_string() max=range.end().to_string() name=name id=id bind:value=value />
            }
            .into_any()
        }
    };
    view! {
        <label class="setting" class:setting-switch=setting_input::input_of(name) == SettingInput::Switch>
            <span>{move || setting_label(name, ui.lang.get())}</span>
            {control}
            <small>{move || ui.t(Key::SettingsDefault).replace("{n}", &default_text())}</small>
        </label>
    }
}

/// The classifier nodes, each editable, and a form to add one.
#[component]
fn ClassifierEditor() -> impl IntoView {
    let ui = use_ui();
    let nodes = Memo::new(move |_| ui.snap.with(|s| classifier::nodes(&s.state)));
    let level = RwSignal::new(Level::Topic);
    let parent = RwSignal::new(String::new());
    let (zh, en) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let error = RwSignal::new(None::<Key>);
    let add = move |_| {
        if zh.get_untracked().trim().is_empty() && en.get_untracked().trim().is_empty() {
            return error.set(Some(Key::SettingsNameRequired));
        }
        let id = RecordId::new_v7();
        let e = |f: &str, v| FieldEdit::new(classifier::KIND, &id, f, v);
        let mut edits = vec![
            e(field::LEVEL, json!(level.get_untracked())),
            e(field::NAME_ZH, json!(zh.get_untracked().trim())),
            e(field::NAME_EN, json!(en.get_untracked().trim())),
        ];
        let p = RecordId(parent.get_untracked());
        if level.get_untracked() == Level::Problem && p.is_valid() {
            edits.push(e(field::PARENT, json!(p)));
        }
        ui.save(edits, error, move || {
            zh.set(String::new());
            en.set(String::new());
        });
    };
    let topics = move || {
        nodes.with(|n| n.iter().filter(|n| n.level == Level::Topic).cloned().collect::<Vec<_>>())
    };
    view! {
        <div class="card settings-classifier">
            <h2 class="sub">{move || ui.t(Key::SettingsClassifier)}</h2>
            <table class="classifier-table">
                <thead><tr>
                    <th>{move || ui.t(Key::SettingsLevel)}</th>
                    <th>{move || ui.t(Key::SettingsNameZh)}</th>
                    <th>{move || ui.t(Key::SettingsNameEn)}</th>
                    <th>{move || ui.t(Key::BulkDepartment)}</th>
                    <th>{move || ui.t(Key::BulkAssignee)}</th>
                    <th><span class="sr-only">{move || ui.t(Key::ColActions)}</span></th>
                </tr></thead>
                <tbody>
                    <For each=move || nodes.get() key=|n| format!("{n:?}") children=move |n| view! { <NodeRow n=n /> } />
                </tbody>
            </table>
            <div class="add-node">
                <select id="node-level" aria-label=move || ui.t(Key::SettingsLevel) on:change=move |ev| if let Some(l) = Level::parse(&event_target_value(&ev)) { level.set(l) }>
                    {Level::ALL.iter().map(|&l| view! { <option value=l.as_str() selected=l == Level::Topic>{move || level_label(l, ui.lang.get())}</option> }).collect_view()}
                </select>
                <Show when=move || level.get() == Level::Problem>
                    <select id="node-parent" aria-label=move || ui.t(Key::SettingsParent) on:change=move |ev| parent.set(event_target_value(&ev))>
                        <option value="">{move || ui.t(Key::SettingsParent)}</option>
                        {move || topics().into_iter().map(|t| view! { <option translate="no" value=t.id.0.clone()>{t.name_zh.clone()}</option> }).collect_view()}
                    </select>
                </Show>
                <input id="node-name-zh" aria-label=move || ui.t(Key::SettingsNameZh) placeholder=move || ui.t(Key::SettingsNameZh) bind:value=zh />
                <input id="node-name-en" aria-label=move || ui.t(Key::SettingsNameEn) placeholder=move || ui.t(Key::SettingsNameEn) bind:value=en />
                <button id="node-add" on:click=add>{move || ui.t(Key::SettingsAdd)}</button>
            </div>
            <p class="error" role="alert">{move || error.get().map(|k| ui.t(k))}</p>
        </div>
    }
}

/// One node: names, department and assignee (saved as the `classifier` record of its id), and
/// hiding it.
#[component]
fn NodeRow(n: Node) -> impl IntoView {
    let ui = use_ui();
    let (zh, en) = (RwSignal::new(n.name_zh.clone()), RwSignal::new(n.name_en.clone()));
    let dept = RwSignal::new(n.department.clone().map(|d| d.0).unwrap_or_default());
    let person = RwSignal::new(n.assignee.clone().map(|d| d.0).unwrap_or_default());
    let depts = Memo::new(move |_| ui.snap.with(|s| names(&s.state, kind::DEPARTMENT)));
    let staff = Memo::new(move |_| ui.snap.with(|s| names(&s.state, kind::STAFF)));
    let error = RwSignal::new(None::<Key>);
    let id = StoredValue::new(n.id.clone());
    let reference = |v: String| json!(Some(RecordId(v)).filter(RecordId::is_valid));
    let save = move |_| {
        let e = |f: &str, v| FieldEdit::new(classifier::KIND, &id.get_value(), f, v);
        let edits = vec![
            e(field::NAME_ZH, json!(zh.get_untracked().trim())),
            e(field::NAME_EN, json!(en.get_untracked().trim())),
            e(field::DEPARTMENT, reference(dept.get_untracked())),
            e(field::ASSIGNEE, reference(person.get_untracked())),
        ];
        ui.save(edits, error, || {});
    };
    let hide = move |_| {
        ui.save(
            vec![FieldEdit::new(classifier::KIND, &id.get_value(), field::DELETED, json!(true))],
            error,
            || {},
        );
    };
    let routes = n.level != Level::Place;
    view! {
        <tr class="classifier-node" data-id=n.id.to_string() data-level=n.level.as_str()>
            <td>{move || level_label(n.level, ui.lang.get())}</td>
            <td><input class="node-zh" aria-label=move || ui.t(Key::SettingsNameZh) bind:value=zh /></td>
            <td><input class="node-en" aria-label=move || ui.t(Key::SettingsNameEn) bind:value=en /></td>
            <td>{routes.then(|| view! {
                <select class="node-department" aria-label=move || ui.t(Key::Department) on:change=move |ev| dept.set(event_target_value(&ev))>
                    <option value="">"—"</option>
                    {move || depts.get().into_iter().map(|(d, name)| { let sel = d.0 == dept.get_untracked(); view! { <option translate="no" value=d.0 selected=sel>{name}</option> } }).collect_view()}
                </select>
            })}</td>
            <td>{routes.then(|| view! {
                <select class="node-assignee" aria-label=move || ui.t(Key::Assignee) on:change=move |ev| person.set(event_target_value(&ev))>
                    <option value="">"—"</option>
                    {move || staff.get().into_iter().map(|(p, name)| { let sel = p.0 == person.get_untracked(); view! { <option translate="no" value=p.0 selected=sel>{name}</option> } }).collect_view()}
                </select>
            })}</td>
            <td>
                <button class="node-save" on:click=save>{move || ui.t(Key::Save)}</button>
                <button class="ghost node-hide" on:click=hide>{move || ui.t(Key::SettingsHide)}</button>
                <span class="error" role="alert">{move || error.get().map(|k| ui.t(k))}</span>
            </td>
        </tr>
    }
}

/// Each department's default assignee (who routed requests go to when a node names nobody).
#[component]
fn DepartmentAssignees() -> impl IntoView {
    let ui = use_ui();
    let depts = Memo::new(move |_| ui.snap.with(|s| names(&s.state, kind::DEPARTMENT)));
    let staff = Memo::new(move |_| ui.snap.with(|s| names(&s.state, kind::STAFF)));
    let error = RwSignal::new(None::<Key>);
    let current = move |d: &RecordId| {
        ui.snap.with(|s| {
            let f = s.state.field(&shared::Kind::new(kind::DEPARTMENT), d, field::DEFAULT_ASSIGNEE);
            f.and_then(|f| read::text(&f.value)).unwrap_or_default().to_owned()
        })
    };
    view! {
        <div class="card settings-departments">
            <h2 class="sub">{move || ui.t(Key::SettingsDepartments)}</h2>
            <For
                each=move || depts.get()
                key=|d| d.clone()
                children=move |(d, name)| {
                    let now = current(&d);
                    let id = StoredValue::new(d.clone());
                    let set = move |ev: leptos::ev::Event| {
                        let v = Some(RecordId(event_target_value(&ev))).filter(RecordId::is_valid);
                        ui.save(vec![FieldEdit::new(kind::DEPARTMENT, &id.get_value(), field::DEFAULT_ASSIGNEE, json!(v))], error, || {});
                    };
                    view! {
                        <label class="department-assignee" data-id=d.to_string()>
                            <span translate="no">{name}</span>
                            <select on:change=set>
                                <option value="">"—"</option>
                                {move || staff.get().into_iter().map(|(p, n)| { let sel = p.0 == now; view! { <option translate="no" value=p.0 selected=sel>{n}</option> } }).collect_view()}
                            </select>
                        </label>
                    }
                }
            />
            <p class="error" role="alert">{move || error.get().map(|k| ui.t(k))}</p>
        </div>
    }
}
