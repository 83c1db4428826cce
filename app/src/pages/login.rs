//! `/login`: username and password; the session is kept in IndexedDB so later starts work
//! offline. When the tablet still holds another user's unsynced changes (their session
//! expired), signing in is refused and `#login-held` offers to export them first.

use crate::components::sign_out::export_unsynced;
use crate::context::use_ui;
use crate::i18n::{held_summary, Key};
use crate::store::Session;
use crate::sync::http::{login, logout, LoginError};
use crate::sync::SessionError;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// The sign-in form; the first sign-in needs the network, later starts do not.
#[component]
pub fn LoginPage() -> impl IntoView {
    let ui = use_ui();
    let navigate = use_navigate();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Key>);
    // How long the server asked to wait before the next attempt, when it said.
    let wait_secs = RwSignal::new(None::<u64>);
    let busy = RwSignal::new(false);
    // Another user's unsynced changes on this tablet: (their name, changes, records).
    let held = RwSignal::new(None::<(String, usize, usize)>);
    let held_note = RwSignal::new(None::<Key>);
    // The last user's photos the server has not confirmed (and no file holds).
    let photos_held = RwSignal::new(false);
    let export = move |_| {
        let Some(engine) = ui.engine() else { return };
        leptos::task::spawn_local(async move {
            held_note.set(Some(match export_unsynced(&engine).await {
                Ok(()) => Key::ExportDoneSignIn,
                Err(e) => {
                    web_sys::console::error_1(&e.into());
                    Key::ExportFailed
                }
            }));
        });
    };
    let held_text = move || {
        held.with(|h| match h {
            Some((o, c, r)) => held_summary(o, *c, *r, ui.lang.get()),
            None if photos_held.get() => ui.t(Key::PhotosUnconfirmedSignIn).to_owned(),
            None => String::new(),
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let (u, p) = (username.get_untracked(), password.get_untracked());
            let result = login(u.trim(), &p).await;
            busy.set(false);
            match result {
                Ok(resp) => {
                    let Some(engine) = ui.engine() else { return };
                    let token = resp.token.clone();
                    let home = crate::context::home_path(resp.me.role);
                    match engine.sign_in(Session { token: resp.token, me: resp.me }).await {
                        Ok(()) => {
                            held.set(None);
                            photos_held.set(false);
                            ui.sync_now();
                            navigate(home, Default::default());
                        }
                        Err(SessionError::OtherUser { owner, changes, records }) => {
                            held.set(Some((owner, changes, records)));
                            held_note.set(None);
                            logout(&token).await; // not used: revoke it at once
                        }
                        Err(SessionError::PhotosUnconfirmed { .. }) => {
                            photos_held.set(true);
                            held_note.set(None);
                            logout(&token).await;
                        }
                        Err(_) => error.set(Some(Key::SaveFailed)),
                    }
                }
                Err(e) => {
                    wait_secs.set(match &e {
                        LoginError::TooManyAttempts { retry_after_secs } => *retry_after_secs,
                        _ => None,
                    });
                    error.set(Some(match e {
                        LoginError::BadCredentials => Key::BadCredentials,
                        LoginError::TooManyAttempts { .. } => Key::TooManyAttempts,
                        LoginError::TooLong => Key::CredentialsTooLong,
                        LoginError::Offline => Key::LoginOffline,
                        LoginError::Other(_) => Key::LoginFailed,
                    }))
                }
            }
        });
    };
    let toggle = move |_| {
        ui.lang.update(|l| {
            *l = l.toggled();
            crate::platform::store_lang(*l);
        })
    };
    view! {
        <section class="login card">
            <div class="login-head">
                <h1>{move || ui.t(Key::AppName)}</h1>
                <button id="lang-toggle" class="ghost" type="button" on:click=toggle>
                    {move || ui.t(Key::LangToggle)}
                </button>
            </div>
            <form on:submit=submit>
                <label for="login-username">{move || ui.t(Key::Username)}</label>
                <input
                    id="login-username"
                    autocomplete="username"
                    autocapitalize="none"
                    bind:value=username
                />
                <label for="login-password">{move || ui.t(Key::Password)}</label>
                <input
                    id="login-password"
                    type="password"
                    autocomplete="current-password"
                    bind:value=password
                />
                <p id="login-error" class="error" role="alert">
                    {move || error.get().map(|k| match (k, wait_secs.get()) {
                        (Key::TooManyAttempts, Some(n)) => {
                            ui.t(Key::TryAgainIn).replace("{n}", &n.to_string())
                        }
                        _ => ui.t(k).to_owned(),
                    })}
                </p>
                <Show when=move || held.with(Option::is_some) || photos_held.get()>
                    <div id="login-held" class="held">
                        <p>{held_text}</p>
                        <p class="note" role="status">{move || held_note.get().map(|k| ui.t(k))}</p>
                        <button id="login-export" type="button" on:click=export>
                            {move || ui.t(Key::ExportUnsynced)}
                        </button>
                    </div>
                </Show>
                <button id="login-submit" class="primary" type="submit" disabled=move || busy.get()>
                    {move || if busy.get() { ui.t(Key::SigningIn) } else { ui.t(Key::SignIn) }}
                </button>
            </form>
        </section>
    }
}
