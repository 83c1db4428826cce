//! A signature pad: the resident draws with a finger or a pen on an SVG box (pointer events,
//! so touch, pen and mouse alike); the strokes become one SVG path
//! ([`crate::model::complaint::signature_path`]), which is what is stored and shown back.

use crate::context::use_ui;
use crate::i18n::Key;
use crate::model::complaint::signature_path;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The drawing box's size in its own units (the path's coordinates).
const WIDTH: f64 = 480.0;
const HEIGHT: f64 = 180.0;

/// The pad; `path` holds the drawing as an SVG path ("" while empty).
#[component]
pub fn SignaturePad(path: RwSignal<String>) -> impl IntoView {
    let ui = use_ui();
    let strokes = RwSignal::new(Vec::<Vec<(f64, f64)>>::new());
    let drawing = RwSignal::new(false);
    // The point in the box's units (the box may be drawn smaller than its viewBox).
    let point = |ev: &leptos::ev::PointerEvent| {
        let el = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        let (w, h) =
            el.map_or((WIDTH, HEIGHT), |e| (e.client_width() as f64, e.client_height() as f64));
        let sx = if w > 0.0 { WIDTH / w } else { 1.0 };
        let sy = if h > 0.0 { HEIGHT / h } else { 1.0 };
        (ev.offset_x() as f64 * sx, ev.offset_y() as f64 * sy)
    };
    let down = move |ev: leptos::ev::PointerEvent| {
        ev.prevent_default();
        if let Some(el) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
        drawing.set(true);
        let p = point(&ev);
        strokes.update(|s| s.push(vec![p]));
    };
    let moved = move |ev: leptos::ev::PointerEvent| {
        if drawing.get_untracked() {
            let p = point(&ev);
            strokes.update(|s| {
                if let Some(last) = s.last_mut() {
                    last.push(p);
                }
            });
        }
    };
    let up = move |_: leptos::ev::PointerEvent| {
        if drawing.get_untracked() {
            drawing.set(false);
            path.set(strokes.with_untracked(|s| signature_path(s)));
        }
    };
    let clear = move |_| {
        strokes.set(Vec::new());
        path.set(String::new());
    };
    view! {
        <div class="signature-pad">
            <p class="hint">{move || ui.t(Key::CpSignHere)}</p>
            <svg
                id="signature-pad"
                class="signature-box"
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                on:pointerdown=down
                on:pointermove=moved
                on:pointerup=up
                on:pointercancel=up
            >
                <path d=move || strokes.with(|s| signature_path(s)) />
            </svg>
            <button class="ghost" id="signature-clear" on:click=clear>{move || ui.t(Key::CpClear)}</button>
        </div>
    }
}

/// A stored signature shown back.
#[component]
pub fn SignatureView(path: String) -> impl IntoView {
    view! {
        <svg class="signature-box signature-shown" viewBox=format!("0 0 {WIDTH} {HEIGHT}")>
            <path d=path />
        </svg>
    }
}
