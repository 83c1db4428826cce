//! `/login`: username and password; the session is kept in IndexedDB so later starts work
//! offline.

use crate::context::use_ui;
use crate::i18n::Key;
use crate::store::Session;
use crate::sync::http::{login, LoginError};
use crate::sync::runner::sync_now;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn LoginPage() -> impl IntoView {
    let ui = use_ui();
    let navigate = use_navigate();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Key>);
    let busy = RwSignal::new(false);
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
                    let session = Session { token: resp.token, me: resp.me };
                    if engine.sign_in(session).await.is_ok() {
                        sync_now();
                        navigate("/", Default::default());
                    } else {
                        error.set(Some(Key::SaveFailed));
                    }
                }
                Err(e) => error.set(Some(match e {
                    LoginError::BadCredentials => Key::BadCredentials,
                    LoginError::TooManyAttempts => Key::TooManyAttempts,
                    LoginError::Offline => Key::LoginOffline,
                    LoginError::Other(_) => Key::LoginFailed,
                })),
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
                    {move || error.get().map(|k| ui.t(k))}
                </p>
                <button id="login-submit" class="primary" type="submit" disabled=move || busy.get()>
                    {move || if busy.get() { ui.t(Key::SigningIn) } else { ui.t(Key::SignIn) }}
                </button>
            </form>
        </section>
    }
}
