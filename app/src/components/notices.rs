//! The banner of changes the server refused (`#notices`): what was undone and why, in the
//! user's language, built from the refusal's code, kind and fields
//! (`i18n::refusal_group_text`), one line per record and code however many of its fields
//! were refused (`sync::grouped`); the server's own words and the wire names stay folded
//! under "详情 / Details" for support. A link to the request, and "知道了 / Got it", which
//! removes the line's notices for good (`Engine::ack_notices`). Notices are kept in the
//! device's store until then, so a reload still shows them.

use crate::context::use_ui;
use crate::i18n::{refusal_group_text, Key};
use crate::sync::grouped;
use leptos::prelude::*;

/// Every unread notice; nothing when there is none.
#[component]
pub fn Notices() -> impl IntoView {
    let ui = use_ui();
    let groups = Memo::new(move |_| ui.snap.with(|s| grouped(&s.notices)));
    let ack = move |ids: Vec<String>| {
        let Some(engine) = ui.engine() else { return };
        leptos::task::spawn_local(async move {
            if let Err(e) = engine.ack_notices(&ids).await {
                web_sys::console::error_1(&format!("notice not removed: {e}").into());
            }
        });
    };
    view! {
        <Show when=move || groups.with(|n| !n.is_empty())>
            <section id="notices" class="notices" role="alert">
                <For
                    each=move || groups.get()
                    key=|g| g.ids.clone()
                    children=move |g| {
                        let ids = g.ids.clone();
                        let text = {
                            let g = g.clone();
                            move || refusal_group_text(g.kind.as_str(), &g.fields, g.code, ui.lang.get())
                        };
                        let link = g.request.as_ref().map(|r| format!("/requests/{r}"));
                        view! {
                            <div class="notice" data-id=g.ids.join(" ") data-code=g.code.as_str()>
                                <p class="notice-text">{text}</p>
                                <details class="notice-details">
                                    <summary>{move || ui.t(Key::NoticeDetails)}</summary>
                                    <pre class="notice-server">{g.details.clone()}</pre>
                                </details>
                                {link.map(|href| view! {
                                    <a class="notice-open" href=href>{move || ui.t(Key::NoticeOpen)}</a>
                                })}
                                <button class="notice-ack" on:click=move |_| ack(ids.clone())>
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
