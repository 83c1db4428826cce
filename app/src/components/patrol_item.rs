//! One checklist item of a round under way and its answer: pass / fail (and not applicable)
//! buttons, a reading checked against the item's range, a text, or a single choice; a note;
//! and, once failed, the button that opens the finding's photos, shown right under the item
//! (one `Photos` section at a time, for the answer chosen). An answered item is marked; a
//! reading outside its range says that it became a finding.

use crate::components::photos::Photos;
use crate::context::use_ui;
use crate::i18n::{Key, Pt};
use crate::model::patrol::{self as model, AnswerValue, RoundView};
use leptos::prelude::*;
use shared::blob::PhotoParent;
use shared::patrol::template::{self, Item};
use shared::patrol::{answer_id, AnswerResult, ItemType};
use shared::RecordId;

/// One item and its answer.
#[component]
pub fn ItemRow(
    round: RoundView,
    item: Item,
    building: Signal<Option<RecordId>>,
    /// The floor walked, when the site counts coverage by floor.
    floor: Signal<Option<i64>>,
    photos_for: RwSignal<Option<RecordId>>,
    error: RwSignal<Option<Key>>,
) -> impl IntoView {
    let ui = use_ui();
    let it = StoredValue::new(item.clone());
    let rid = StoredValue::new(round.id.clone());
    let answer = move || {
        rid.with_value(|r| {
            answer_id(r, &it.with_value(|i| i.id.clone()), building.get().as_ref(), floor.get())
        })
    };
    let current = Memo::new(move |_| {
        let id = answer();
        ui.snap.with(|s| {
            rid.with_value(|r| model::answers(&s.state, r)).into_iter().find(|a| a.id == id)
        })
    });
    let note = RwSignal::new(String::new());
    let typed = RwSignal::new(String::new());
    let send = move |value: AnswerValue| {
        let Some(actor) = ui.actor() else { return };
        let (b, fl) = (building.get_untracked(), floor.get_untracked());
        let edits = ui.snap.with_untracked(|s| {
            rid.with_value(|r| {
                it.with_value(|i| {
                    model::answer_edits(
                        &s.state,
                        r,
                        i,
                        (b.as_ref(), fl),
                        &value,
                        &note.get_untracked(),
                        &actor,
                    )
                })
            })
        });
        match edits {
            Ok(e) => ui.save(e, error, || {}),
            Err(_) => error.set(Some(Key::PatrolBadValue)),
        }
    };
    let choose = move |option: String| {
        let Some(actor) = ui.actor() else { return };
        let (b, fl) = (building.get_untracked(), floor.get_untracked());
        let o = RecordId(option);
        let edits = ui.snap.with_untracked(|s| {
            rid.with_value(|r| {
                it.with_value(|i| {
                    model::choice_edits(
                        &s.state,
                        r,
                        i,
                        (b.as_ref(), fl),
                        &o,
                        &note.get_untracked(),
                        &actor,
                    )
                })
            })
        });
        if let Ok(e) = edits {
            ui.save(e, error, || {});
        }
    };
    let result = move || current.get().and_then(|a| a.result).map(|r| r.as_str()).unwrap_or("");
    let out_of_range = move || {
        current.with(|a| {
            a.as_ref().is_some_and(|a| it.with_value(|i| model::reading_is_finding(i, a)))
        })
    };
    let photos_here = move || photos_for.get().is_some_and(|p| p == answer());
    let options = ui.snap.with_untracked(|s| template::options(&s.state, &item.id));
    let label = move || {
        it.with_value(|i| {
            if ui.lang.get() == crate::i18n::Lang::En {
                i.text_en.clone()
            } else {
                i.text_zh.clone()
            }
        })
    };
    let range = match (item.min, item.max) {
        (Some(a), Some(b)) => format!(" [{a}–{b}]"),
        (Some(a), None) => format!(" [≥{a}]"),
        (None, Some(b)) => format!(" [≤{b}]"),
        _ => String::new(),
    };
    let range_text = range.trim().to_owned();
    let input = match item.ty {
        ItemType::PassFail => view! {
            <button class="ans-pass" on:click=move |_| send(AnswerValue::Verdict(AnswerResult::Pass))>{move || ui.t(Key::PatrolPass)}</button>
            <button class="ans-fail" on:click=move |_| send(AnswerValue::Verdict(AnswerResult::Fail))>{move || ui.t(Key::PatrolFail)}</button>
        }.into_any(),
        ItemType::Number => view! {
            <input class="ans-number" type="text" inputmode="decimal" bind:value=typed />
            <button class="ans-save" on:click=move |_| {
                match typed.get_untracked().trim().parse::<f64>() {
                    Ok(n) => send(AnswerValue::Number(n)),
                    Err(_) => error.set(Some(Key::PatrolBadValue)),
                }
            }>{move || ui.t(Key::Save)}</button>
        }.into_any(),
        ItemType::Text => view! {
            <input class="ans-text" bind:value=typed />
            <button class="ans-save" on:click=move |_| send(AnswerValue::Text(typed.get_untracked()))>{move || ui.t(Key::Save)}</button>
        }.into_any(),
        ItemType::Choice => view! {
            <select class="ans-choice" on:change=move |ev| choose(event_target_value(&ev))>
                <option value="">"—"</option>
                {options.into_iter().map(|o| view! { <option value=o.id.0.clone()>{format!("{} / {}", o.label_zh, o.label_en)}</option> }).collect_view()}
            </select>
        }.into_any(),
    };
    view! {
        <li class="patrol-item" class:answered=move || !result().is_empty() data-item=item.id.0.clone() data-result=result data-photo-required=item.photo_on_fail.to_string()>
            <span class="text">{label}{range}</span>
            {input}
            <button class="ans-na" on:click=move |_| send(AnswerValue::NotApplicable)>{move || ui.t(Key::PatrolNa)}</button>
            <input class="ans-note" placeholder=move || ui.t(Key::PatrolNote) bind:value=note />
            <Show when=move || result() == "fail">
                <button class="ans-photos" on:click=move |_| photos_for.set(Some(answer()))>{move || ui.t(Key::PatrolTakePhoto)}</button>
            </Show>
            <span class="result">{move || match result() { "pass" => ui.t(Key::PatrolPass), "fail" => ui.t(Key::PatrolFail), "na" => ui.t(Key::PatrolNa), _ => "" }}</span>
            <Show when=out_of_range>
                <p class="ans-out-of-range" role="status">{
                    let r = range_text.clone();
                    move || Pt::OutOfRange.text(ui.lang.get()).replace("{r}", &r)
                }</p>
            </Show>
            <Show when=photos_here>
                <div id="patrol-photos" class="patrol-photos">
                    <p>{move || ui.t(Key::PatrolPhotosOf)}</p>
                    <Photos parent_kind=PhotoParent::PatrolAnswer parent_id=answer() />
                </div>
            </Show>
        </li>
    }
}
