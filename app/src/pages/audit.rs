//! `/audit`: the audit log of personal data for supervisors (issue 23 point 6): who exported
//! the register, or a resident's data, or erased it, and when — a table of the server's log
//! (`GET /api/v1/audit`), newest first, a page at a time. The log is on the server only:
//! offline the page says so. What to ask and what an answer means is `model::audit`.

use crate::components::page_heading::PageHeading;
use crate::components::table_parts::Pager;
use crate::context::use_ui;
use crate::i18n::{audit_action_label, fill, Key};
use crate::model::audit::{self, AuditFailure, AuditState};
use leptos::prelude::*;
use shared::audit::AuditEntry;

/// The table and its pager.
#[component]
pub fn AuditPage() -> impl IntoView {
    let ui = use_ui();
    let page = RwSignal::new(0usize);
    let state = RwSignal::new(AuditState::Loading);
    // Asked again whenever the page changes; an answer about another page is dropped.
    Effect::new(move |_| {
        let wanted = page.get();
        load(wanted, page, state);
    });
    let total = move || state.with(|s| if let AuditState::Loaded(p) = s { p.total } else { 0 });
    let entries = move || {
        state.with(|s| if let AuditState::Loaded(p) = s { p.entries.clone() } else { Vec::new() })
    };
    let failure = move || {
        state.with(|s| match s {
            AuditState::Failed(f) => Some(failure_text(*f, ui.t(failure_key(*f)))),
            _ => None,
        })
    };
    view! {
        <section id="audit" class="audit" data-state=move || state.with(state_name)>
            <PageHeading>{move || ui.t(Key::AuditTitle)}</PageHeading>
            <p class="audit-intro">{move || ui.t(Key::AuditIntro)}</p>
            <p class="error" role="alert">{failure}</p>
            <Show when=move || state.with(|s| matches!(s, AuditState::Loading))>
                <p class="loading">{move || ui.t(Key::Loading)}</p>
            </Show>
            <div class="table-scroll">
                <table id="audit-table" class="data-table audit-table" data-total=move || total().to_string()>
                    <thead>
                        <tr>
                            <th scope="col">{move || ui.t(Key::AuditTime)}</th>
                            <th scope="col">{move || ui.t(Key::AuditUser)}</th>
                            <th scope="col">{move || ui.t(Key::AuditAction)}</th>
                            <th scope="col">{move || ui.t(Key::AuditTarget)}</th>
                            <th scope="col" class="audit-detail">{move || ui.t(Key::AuditDetail)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=entries key=|e| (e.at, e.user.clone(), e.target.clone(), e.detail.clone()) children=|e| view! { <Row e=e /> } />
                    </tbody>
                </table>
            </div>
            <Show when=move || state.with(|s| matches!(s, AuditState::Loaded(p) if p.entries.is_empty()))>
                <p class="empty">{move || ui.t(Key::AuditEmpty)}</p>
            </Show>
            <Pager
                id="audit-pager"
                page=page
                pages=Signal::derive(move || audit::pages(total()))
                total=Signal::derive(move || total() as usize)
            />
        </section>
    }
}

/// One entry.
#[component]
fn Row(e: AuditEntry) -> impl IntoView {
    let ui = use_ui();
    let action = e.action;
    view! {
        <tr class="audit-row" data-action=action.as_str()>
            <td class="audit-time">{crate::platform::format_date_time(e.at)}</td>
            <td class="audit-user" translate="no">{e.user}</td>
            <td>{move || audit_action_label(action, ui.lang.get())}</td>
            <td class="audit-target" translate="no">{e.target}</td>
            <td class="audit-detail" translate="no">{e.detail}</td>
        </tr>
    }
}

/// `data-state` for the tests: `loading`, `loaded` or `failed`.
fn state_name(s: &AuditState) -> &'static str {
    match s {
        AuditState::Loading => "loading",
        AuditState::Loaded(_) => "loaded",
        AuditState::Failed(_) => "failed",
    }
}

fn failure_key(f: AuditFailure) -> Key {
    match f {
        AuditFailure::Offline => Key::AuditOffline,
        AuditFailure::Unauthorized => Key::AuditSignIn,
        AuditFailure::Forbidden => Key::AuditForbidden,
        AuditFailure::Other(_) => Key::AuditFailed,
    }
}

fn failure_text(f: AuditFailure, template: &str) -> String {
    let status = if let AuditFailure::Other(s) = f { usize::from(s) } else { 0 };
    fill(template, &[("s", status)])
}

/// Fetches page `wanted` into `state` (browser only; natively the page stays loading).
fn load(wanted: usize, page: RwSignal<usize>, state: RwSignal<AuditState>) {
    #[cfg(target_arch = "wasm32")]
    {
        let ui = use_ui();
        let token = ui.snap.with_untracked(|s| s.session.as_ref().map(|s| s.token.clone()));
        let Some(token) = token else {
            return state.set(AuditState::Failed(AuditFailure::Unauthorized));
        };
        if !crate::platform::navigator_online() {
            return state.set(AuditState::Failed(AuditFailure::Offline));
        }
        state.set(AuditState::Loading);
        leptos::task::spawn_local(async move {
            let answer = audit::net::page(&token, wanted).await;
            if page.get_untracked() != wanted {
                return;
            }
            state.set(match answer {
                Ok(p) => AuditState::Loaded(p),
                Err(f) => AuditState::Failed(f),
            });
        });
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (wanted, page, state);
}
