//! `/arrears/import` (office staff and supervisors): finance's arrears list from an XLSX or
//! CSV file — check it (a dry run: the counts and every row error), then import it once the
//! check found none. Online only: offline, or with an expired session, it says so. The
//! steps are `model::arrears_import::Step`.

use crate::components::page_heading::PageHeading;
use crate::components::role_gate::NotForRole;
use crate::context::use_ui;
use crate::i18n::arrears_words::W;
use crate::i18n::{fill, Key};
use crate::model::arrears_import::{ArrearsReport, Step};
use crate::register::transfer::ImportFailure;
use leptos::prelude::*;

/// The import page.
#[component]
pub fn ArrearsImportPage() -> impl IntoView {
    let ui = use_ui();
    let w = move |k: W| k.text(ui.lang.get());
    let file: RwSignal<Option<web_sys::File>, LocalStorage> = RwSignal::new_local(None);
    let step = RwSignal::new(Step::Idle);
    let generation = StoredValue::new(0u32);
    let chosen = move || file.with(Option::is_some);
    let run = move |commit: bool| {
        let Some(f) = file.get_untracked() else { return };
        let token = ui.snap.with_untracked(|s| s.session.as_ref().map(|s| s.token.clone()));
        let Some(token) = token else {
            return step.set(Step::Failed(ImportFailure::Unauthorized));
        };
        if !crate::platform::navigator_online() {
            return step.set(Step::Failed(ImportFailure::Offline));
        }
        let checked = step.with_untracked(|s| s.report().cloned()).unwrap_or_default();
        step.set(if commit { Step::Committing(checked) } else { Step::Checking });
        let gen = generation.get_value();
        send(token, f, commit, move |next| {
            if generation.get_value() == gen {
                if matches!(next, Step::Committed(_)) {
                    ui.sync_now();
                }
                step.set(next);
            }
        });
    };
    let status = move || {
        let lang = ui.lang.get();
        step.with(|s| match s {
            Step::Idle => String::new(),
            Step::Checking => W::Checking.text(lang).to_owned(),
            Step::Committing(_) => W::Committing.text(lang).to_owned(),
            Step::Committed(_) => W::Imported.text(lang).to_owned(),
            Step::Checked(r) if !r.errors.is_empty() => {
                fill(W::ErrorsCount.text(lang), &[("n", r.errors.len())])
            }
            Step::Checked(_) => W::NoErrors.text(lang).to_owned(),
            Step::HasErrors(_) => W::Refused.text(lang).to_owned(),
            Step::Failed(ImportFailure::Offline) => W::Offline.text(lang).to_owned(),
            Step::Failed(ImportFailure::Unauthorized) => W::Expired.text(lang).to_owned(),
            Step::Failed(ImportFailure::HasErrors(_)) => W::Refused.text(lang).to_owned(),
            Step::Failed(ImportFailure::Rejected { message, .. }) => {
                format!("{}：{message}", W::Failed.text(lang))
            }
        })
    };
    let failed = move || {
        step.with(|s| match s {
            Step::Failed(_) | Step::HasErrors(_) => true,
            Step::Checked(r) => !r.errors.is_empty(),
            _ => false,
        })
    };
    view! {
        <Show when=move || ui.is_office() fallback=|| view! { <NotForRole /> }>
        <section id="arrears-import" class="arrears-import">
            <PageHeading>{move || w(W::ImportTitle)}</PageHeading>
            <a class="back" href="/arrears">{move || w(W::BackToList)}</a>
            <p class="hint">{move || w(W::ImportHint)}</p>
            <div class="import-controls">
                <input
                    id="arrears-import-file"
                    type="file"
                    accept=".xlsx,.csv"
                    aria-label=move || w(W::ImportTitle)
                    on:change=move |ev| {
                        let input: web_sys::HtmlInputElement = event_target(&ev);
                        generation.update_value(|g| *g = g.wrapping_add(1));
                        file.set(input.files().and_then(|l| l.get(0)));
                        step.set(Step::Idle);
                    }
                />
                <button
                    id="arrears-import-check"
                    type="button"
                    disabled=move || !chosen() || step.with(Step::busy)
                    on:click=move |_| run(false)
                >
                    {move || w(W::Check)}
                </button>
                <button
                    id="arrears-import-commit"
                    type="button"
                    class="primary"
                    disabled=move || !step.with(|s| s.may_commit(chosen()))
                    on:click=move |_| run(true)
                >
                    {move || w(W::Commit)}
                </button>
            </div>
            <p id="arrears-import-status" class="import-status" class:error=failed role="status" aria-live="polite">
                {status}
            </p>
            {move || step.with(|s| s.report().cloned()).map(|r| view! { <Report report=r /> })}
        </section>
        </Show>
    }
}

/// Sends the file and hands the next step to `done` (browser only; natively, a test build,
/// it says offline).
fn send(token: String, file: web_sys::File, commit: bool, done: impl Fn(Step) + 'static) {
    #[cfg(target_arch = "wasm32")]
    leptos::task::spawn_local(async move {
        done(crate::model::arrears_import::net::import(&token, &file, commit).await);
    });
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (token, file, commit);
        done(Step::Failed(ImportFailure::Offline));
    }
}

/// The counts and the row errors of a report.
#[component]
fn Report(report: ArrearsReport) -> impl IntoView {
    let ui = use_ui();
    let c = report.arrears;
    let counts = move || {
        fill(W::Counts.text(ui.lang.get()), &[("n", c.new), ("u", c.updated), ("s", c.unchanged)])
    };
    let mut errors = report.errors.clone();
    errors.sort_by(|a, b| {
        (a.sheet.as_str(), a.row, a.column.as_str()).cmp(&(
            b.sheet.as_str(),
            b.row,
            b.column.as_str(),
        ))
    });
    let table = (!errors.is_empty()).then(|| {
        let rows = errors
            .into_iter()
            .map(|e| {
                view! {
                    <tr data-testid="import-error">
                        <td>{e.sheet}</td>
                        <td>{e.row}</td>
                        <td translate="no">{e.column}</td>
                        <td>{e.reason}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table id="arrears-import-errors" class="register-table import-errors">
                <thead>
                    <tr>
                        <th>{move || ui.t(Key::ImportSheet)}</th>
                        <th>{move || ui.t(Key::ImportRow)}</th>
                        <th>{move || ui.t(Key::ImportColumn)}</th>
                        <th>{move || ui.t(Key::ImportReason)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
    });
    let ignored: Vec<String> = report.ignored.iter().map(|e| e.column.clone()).collect();
    view! {
        <div id="arrears-import-report" class="import-report">
            <p id="arrears-import-counts">{counts}</p>
            {table}
            {(!ignored.is_empty()).then(|| view! {
                <p id="arrears-import-ignored" class="import-ignored">{move || ui.t(Key::ImportIgnored)} " " {ignored.join(", ")}</p>
            })}
        </div>
    }
}
