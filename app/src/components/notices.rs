//! The banner of changes the server refused (`#notices`): what was undone and why, in the
//! user's language, built from the refusal's code, kind and field (`i18n::refusal_text`);
//! the server's own words and the wire names stay under "详情 / Details" for support. A
//! link to the request, and "知道了 / Got it", which removes the notice for good (`Engine::ack_notice`). Notices are kept in the
//! device's store until then, so a reload still shows them.

use crate::context::use_ui;
use crate::i18n::{refusal_text, Key};
use leptos::prelude::*;

/// Every unread notice; nothing when there is none.
#[component]
pub fn Notices() -> impl IntoView {
    let ui = use_ui();
    let notices = Memo::new(move |_| ui.snap.with(|s| s.notices.clone()));
    let ack = move |id: String| {
        let Some(engine) = ui.engine() else { return };
        leptos::task::spawn_local(async move {
            if let Err(e) = engine.ack_notice(&id).await {
                web_sys::console::error_1(&format!("notice not removed: {e}").into());
            }
        });
    };
    view! {
        <Show when=move || notices.with(|n| !n.is_empty())>
            <section id="notices" class="notices" role="alert">
                <For
                    each=move || notices.get()
                    key=|n| n.id.clone()
                    children=move |n| {
                        let id = n.id.clone();
                        let text = {
                            let n = n.clone();
                            move || refusal_text(n.kind.as_str(), &n.field, n.code, ui.lang.get())
                        };
                        let raw = format!("{}.{} · {}: {}", n.kind, n.field, n.code, n.message);
                        let link = n.request.as_ref().map(|r| format!("/requests/{r}"));
                        view! {
                            <div class="notice" data-id=n.id.clone() data-code=n.code.as_str()>
                                <p class="notice-text">{text}</p>
                                <details class="notice-details">
                                    <summary>{move || ui.t(Key::NoticeDetails)}</summary>
                                    <code class="notice-server">{raw}</code>
                                </details>
                                {link.map(|href| view! {
                                    <a class="notice-open" href=href>{move || ui.t(Key::NoticeOpen)}</a>
                                })}
                                <button class="notice-ack" on:click=move |_| ack(id.clone())>
                                    {move || ui.t(Key::NoticeGotIt)}
                                </button>
                            </div>
                        }
                    }
                />
            </section>
        </Show>
    }
}
