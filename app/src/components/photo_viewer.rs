//! The full-screen photo viewer (issue 9): the original, fetched lazily with the bearer
//! token and kept on the device (so it shows offline once seen), shown through an object URL;
//! swipe or the arrow buttons go to the next or previous photo; pinch, double tap (double
//! click), the wheel or the zoom button enlarge it, and one finger pans it while enlarged.
//! The gesture arithmetic is `photos::gesture`, tested natively.
//!
//! DOM: `#photo-viewer[data-sha][data-zoom][data-scale]`, `#photo-viewer-img`, `#photo-prev`,
//! `#photo-next`, `#photo-zoom`, `#photo-close`.

use crate::context::use_ui;
use crate::i18n::Key;
use crate::photos::capture::object_url;
use crate::photos::gesture::{Gestures, Step};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Where a pointer or wheel event happened, relative to the centre of the viewer, after
/// telling `g` the viewer's size.
fn at(g: &mut Gestures, ev: &web_sys::MouseEvent) -> (f64, f64) {
    let Some(el) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
        return (0.0, 0.0);
    };
    let r = el.get_bounding_client_rect();
    g.set_size(r.width(), r.height());
    let (cx, cy) = (r.left() + r.width() / 2.0, r.top() + r.height() / 2.0);
    (f64::from(ev.client_x()) - cx, f64::from(ev.client_y()) - cy)
}

/// Shows photo `index.get()` of `shas` (the originals' hashes) while it is `Some`.
#[component]
pub fn PhotoViewer(shas: Signal<Vec<String>>, index: RwSignal<Option<usize>>) -> impl IntoView {
    let ui = use_ui();
    let url = RwSignal::new(None::<String>);
    let missing = RwSignal::new(false);
    let gestures = StoredValue::new(Gestures::default());
    let view = RwSignal::new(crate::photos::gesture::View::default());
    // Runs `f` on the gestures and shows the view it leaves.
    let gesture = move |f: &mut dyn FnMut(&mut Gestures) -> Step| {
        let mut step = Step::None;
        gestures.update_value(|g| {
            step = f(g);
            view.set(g.view);
        });
        step
    };
    let sha = Memo::new(move |_| index.get().and_then(|i| shas.with(|s| s.get(i).cloned())));
    Effect::new(move |_| {
        let Some(sha) = sha.get() else { return };
        if let Some(old) = url.get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&old);
        }
        url.set(None);
        missing.set(false);
        gesture(&mut |g| {
            g.reset();
            Step::None
        });
        let Some(engine) = ui.engine() else { return };
        leptos::task::spawn_local(async move {
            match engine.view_original(&sha).await.ok().and_then(|b| object_url(&b, "image/jpeg")) {
                Some(u) => drop(url.try_set(Some(u))),
                None => drop(missing.try_set(true)),
            }
        });
    });
    let step = move |by: isize| {
        let n = shas.with(Vec::len) as isize;
        index.update(|i| {
            if let Some(i) = i.as_mut() {
                *i = (*i as isize + by).rem_euclid(n.max(1)) as usize;
            }
        });
    };
    let close = move || {
        if let Some(old) = url.get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&old);
        }
        url.set(None);
        index.set(None);
    };
    view! {
        <Show when=move || sha.with(Option::is_some)>
            <div
                id="photo-viewer"
                class="photo-viewer"
                role="dialog"
                data-sha=move || sha.get().unwrap_or_default()
                data-zoom=move || view.with(|v| v.zoomed()).to_string()
                data-scale=move || view.with(|v| format!("{:.2}", v.scale))
            >
                <div
                    class="photo-viewer-stage"
                    on:pointerdown=move |ev: web_sys::PointerEvent| {
                        if let Some(el) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                            let _ = el.set_pointer_capture(ev.pointer_id());
                        }
                        let t = ev.time_stamp();
                        gesture(&mut |g| {
                            let p = at(g, &ev);
                            g.down(ev.pointer_id(), p, t);
                            Step::None
                        });
                    }
                    on:pointermove=move |ev: web_sys::PointerEvent| {
                        gesture(&mut |g| {
                            let p = at(g, &ev);
                            g.moved(ev.pointer_id(), p);
                            Step::None
                        });
                    }
                    on:pointerup=move |ev: web_sys::PointerEvent| {
                        let t = ev.time_stamp();
                        match gesture(&mut |g| {
                            let p = at(g, &ev);
                            g.up(ev.pointer_id(), p, t)
                        }) {
                            Step::Next => step(1),
                            Step::Prev => step(-1),
                            Step::None => {}
                        }
                    }
                    on:pointercancel=move |ev: web_sys::PointerEvent| {
                        gesture(&mut |g| {
                            g.cancel(ev.pointer_id());
                            Step::None
                        });
                    }
                    on:wheel=move |ev: web_sys::WheelEvent| {
                        ev.prevent_default();
                        gesture(&mut |g| {
                            let p = at(g, &ev);
                            g.wheel(ev.delta_y(), p);
                            Step::None
                        });
                    }
                >
                    <img
                        id="photo-viewer-img"
                        draggable="false"
                        style:transform=move || view.with(|v| v.css())
                        src=move || url.get()
                        alt=move || if missing.get() { ui.t(Key::PhotoNotHere) } else { ui.t(Key::Photos) }
                    />
                </div>
                <div class="photo-viewer-bar">
                    <button id="photo-prev" on:click=move |_| step(-1)>"‹"</button>
                    <button
                        id="photo-zoom"
                        on:click=move |_| {
                            gesture(&mut |g| {
                                g.toggle((0.0, 0.0));
                                Step::None
                            });
                        }
                    >
                        {move || ui.t(Key::PhotoZoom)}
                    </button>
                    <button id="photo-close" on:click=move |_| close()>{move || ui.t(Key::PhotoClose)}</button>
                    <button id="photo-next" on:click=move |_| step(1)>"›"</button>
                </div>
            </div>
        </Show>
    }
}
