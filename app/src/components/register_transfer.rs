//! The desk's import and export panel (office staff and supervisors): choose an XLSX or CSV
//! file, check it (a dry run that shows the counts, every row error and the ignored
//! columns), import it once the check found no error; export the register as XLSX or CSV.
//! Both need the server: offline they say so. The rules are in `register::transfer`.

use crate::context::use_ui;
use crate::i18n::{fill, Key};
use crate::platform;
use crate::register::transfer::{net, ExportKind, ImportFailure, ImportReport, ImportStep};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The import panel and the export buttons.
#[component]
pub fn RegisterTransfer() -> impl IntoView {
    view! {
        <div id="register-transfer" class="register-transfer">
            <ImportPanel />
            <ExportPanel />
        </div>
    }
}

/// The signed-in user's token (read without tracking).
fn token() -> Option<String> {
    use_ui().snap.with_untracked(|s| s.session.as_ref().map(|s| s.token.clone()))
}

#[component]
fn ImportPanel() -> impl IntoView {
    let ui = use_ui();
    let file: RwSignal<Option<web_sys::File>, LocalStorage> = RwSignal::new_local(None);
    let step = RwSignal::new(ImportStep::Idle);
    // Bumped when another file is chosen, so a late answer about the old one is dropped.
    let generation = StoredValue::new(0u32);
    let chosen = move || file.with(Option::is_some);

    let run = move |commit: bool| {
        let Some(f) = file.get_untracked() else { return };
        let Some(token) = token() else {
            return step.set(ImportStep::Failed(ImportFailure::Unauthorized));
        };
        if !platform::navigator_online() {
            return step.set(ImportStep::Failed(ImportFailure::Offline));
        }
        let checked = step.with_untracked(|s| s.report().cloned()).unwrap_or_default();
        step.set(if commit { ImportStep::Committing(checked) } else { ImportStep::Checking });
        let gen = generation.get_value();
        spawn_local(async move {
            let result = net::import(&token, &f, commit).await;
            if generation.get_value() != gen {
                return;
            }
            let next = match result {
                Ok(r) if r.committed => {
                    ui.sync_now();
                    ImportStep::Committed(r)
                }
                Ok(r) => ImportStep::Checked(r),
                Err(e) => ImportStep::Failed(e),
            };
            step.set(next);
        });
    };

    let status = move || {
        let t = |k| ui.t(k).to_owned();
        step.with(|s| match s {
            ImportStep::Idle => String::new(),
            ImportStep::Checking => t(Key::ImportChecking),
            ImportStep::Committing(_) => t(Key::ImportCommitting),
            ImportStep::Committed(_) => t(Key::ImportDone),
            ImportStep::Checked(r) if !r.errors.is_empty() => {
                fill(ui.t(Key::ImportErrorsCount), &[("n", r.errors.len())])
            }
            ImportStep::Checked(r) if r.changes_nothing() => t(Key::ImportNothingToChange),
            ImportStep::Checked(_) => t(Key::ImportNoErrors),
            ImportStep::Failed(ImportFailure::Offline) => t(Key::ImportOffline),
            ImportStep::Failed(ImportFailure::Unauthorized) => t(Key::ImportExpired),
            ImportStep::Failed(ImportFailure::HasErrors(_)) => t(Key::ImportRefused),
            ImportStep::Failed(ImportFailure::Rejected { message, .. }) => {
                format!("{}：{message}", ui.t(Key::ImportFailedMsg))
            }
        })
    };
    let failed = move || {
        step.with(|s| {
            matches!(s, ImportStep::Failed(_))
                || matches!(s, ImportStep::Checked(r) if !r.errors.is_empty())
        })
    };
    let report = move || step.with(|s| s.report().cloned());

    view! {
        <section id="register-import" class="register-import">
            <h2 class="sub">{move || ui.t(Key::ImportTitle)}</h2>
            <p class="hint">{move || ui.t(Key::ImportHint)}</p>
            <div class="import-controls">
                <input
                    id="register-import-file"
                    type="file"
                    aria-label=move || ui.t(Key::ImportTitle)
                    accept=".xlsx,.csv"
                    on:change=move |ev| {
                        let input: web_sys::HtmlInputElement = event_target(&ev);
                        let chosen = input.files().and_then(|l| l.get(0));
                        generation.update_value(|g| *g = g.wrapping_add(1));
                        file.set(chosen);
                        step.set(ImportStep::Idle);
                    }
                />
                <button
                    id="register-import-check"
                    type="button"
                    disabled=move || !step.with(|s| s.may_check(chosen()))
                    on:click=move |_| run(false)
                >
                    {move || ui.t(Key::ImportCheck)}
                </button>
                <button
                    id="register-import-commit"
                    type="button"
                    class="primary"
                    disabled=move || !step.with(|s| s.may_commit(chosen()))
                    on:click=move |_| run(true)
                >
                    {move || ui.t(Key::ImportCommit)}
                </button>
            </div>
            <p
                id="register-import-status"
                class="import-status"
                class:error=failed
                role="status"
                aria-live="polite"
            >
                {status}
            </p>
            {move || report().map(|r| view! { <ReportView report=r /> })}
        </section>
    }
}

/// The counts, the row errors and the ignored columns of a report.
#[component]
fn ReportView(report: ImportReport) -> impl IntoView {
    let ui = use_ui();
    let (units, people) = (report.units, report.people);
    let counts = move |k: Key, c: crate::register::transfer::Counts| {
        fill(ui.t(k), &[("n", c.new), ("u", c.updated), ("s", c.unchanged)])
    };
    let errors = report.error_rows();
    let ignored = report.ignored_columns();
    let error_table = (!errors.is_empty()).then(|| {
        let rows = errors
            .into_iter()
            .map(|e| {
                view! {
                    <tr data-testid="import-error">
                        <td>{e.sheet}</td>
                        <td>{e.row}</td>
                        <td>{e.column}</td>
                        <td>{e.reason}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table id="register-import-errors" class="register-table import-errors">
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
    let ignored_list = (!ignored.is_empty()).then(|| {
        let items = ignored.into_iter().map(|c| view! { <li>{c}</li> }).collect_view();
        view! {
            <div id="register-import-ignored" class="import-ignored">
                <span>{move || ui.t(Key::ImportIgnored)}</span>
                <ul>{items}</ul>
            </div>
        }
    });
    view! {
        <div id="register-import-report" class="import-report">
            <p id="register-import-units">{move || counts(Key::ImportUnitsCounts, units)}</p>
            <p id="register-import-people">{move || counts(Key::ImportPeopleCounts, people)}</p>
            {error_table}
            {ignored_list}
        </div>
    }
}

#[component]
fn ExportPanel() -> impl IntoView {
    let ui = use_ui();
    let busy = RwSignal::new(false);
    let message: RwSignal<Option<String>> = RwSignal::new(None);

    let export = move |kind: ExportKind| {
        let Some(token) = token() else {
            return message.set(Some(ui.t(Key::ImportExpired).to_owned()));
        };
        if !platform::navigator_online() {
            return message.set(Some(ui.t(Key::ExportOffline).to_owned()));
        }
        busy.set(true);
        message.set(Some(ui.t(Key::Exporting).to_owned()));
        let lang = ui.lang.get_untracked();
        spawn_local(async move {
            let text = |k: Key| k.text(lang).to_owned();
            let outcome = match net::export(&token, kind, lang.code()).await {
                Ok(bytes) => {
                    let name = kind.file_name(&platform::today());
                    match platform::download_bytes(&name, &bytes, kind.mime()) {
                        Ok(()) => None,
                        Err(e) => Some(format!("{}：{e}", text(Key::ExportFailed))),
                    }
                }
                Err(ImportFailure::Offline) => Some(text(Key::ExportOffline)),
                Err(ImportFailure::Unauthorized) => Some(text(Key::ImportExpired)),
                Err(ImportFailure::Rejected { message, .. }) => {
                    Some(format!("{}：{message}", text(Key::ExportFailed)))
                }
                Err(ImportFailure::HasErrors(_)) => Some(text(Key::ExportFailed)),
            };
            busy.set(false);
            message.set(outcome);
        });
    };
    let button = move |kind: ExportKind, id: &'static str, key: Key| {
        view! {
            <button id=id type="button" disabled=move || busy.get() on:click=move |_| export(kind)>
                {move || ui.t(key)}
            </button>
        }
    };
    view! {
        <section id="register-export" class="register-export">
            <h2 class="sub">{move || ui.t(Key::ExportTitle)}</h2>
            <div class="export-buttons">
                {button(ExportKind::Xlsx, "register-export-xlsx", Key::ExportXlsx)}
                {button(ExportKind::CsvUnits, "register-export-units", Key::ExportCsvUnits)}
                {button(ExportKind::CsvPeople, "register-export-people", Key::ExportCsvPeople)}
            </div>
            <p id="register-export-status" class="import-status" role="status" aria-live="polite">
                {move || message.get().unwrap_or_default()}
            </p>
        </section>
    }
}
