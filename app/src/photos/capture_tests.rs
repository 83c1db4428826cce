//! The capture pipeline in headless Chromium: a large picture comes out as a JPEG of at most
//! 2048 px on its long edge, with a thumbnail of at most 30 KB.

use super::{object_url, prepare};
use crate::sync::MAX_THUMB_BYTES;
use shared::blob::ImageType;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// A noisy PNG of `w`×`h` (noise keeps JPEGs from being tiny by accident).
async fn picture(w: u32, h: u32) -> web_sys::Blob {
    let canvas = web_sys::OffscreenCanvas::new(w, h).unwrap();
    let ctx: web_sys::OffscreenCanvasRenderingContext2d =
        canvas.get_context("2d").unwrap().unwrap().unchecked_into();
    let mut x = 12345u32;
    for i in 0..400 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        ctx.set_fill_style_str(&format!("#{:06x}", x & 0xFF_FFFF));
        let (px, py) = (f64::from(x % w), f64::from((x / 7) % h));
        ctx.fill_rect(px, py, f64::from(40 + i % 200), f64::from(40 + i % 150));
    }
    JsFuture::from(canvas.convert_to_blob().unwrap()).await.unwrap().unchecked_into()
}

#[wasm_bindgen_test]
async fn a_large_picture_is_downscaled_and_gets_a_small_thumbnail() {
    let c = prepare(&picture(3000, 2000).await, 85).await.expect("prepared");
    assert_eq!((c.width, c.height), (2048, 1365));
    assert_eq!(ImageType::sniff(&c.bytes), Some(ImageType::Jpeg));
    assert_eq!(ImageType::sniff(&c.thumb), Some(ImageType::Jpeg));
    assert!(c.thumb.len() <= MAX_THUMB_BYTES, "{}", c.thumb.len());
    assert!(c.thumb.len() < c.bytes.len());
    assert_eq!(c.exif, Default::default(), "a PNG has no EXIF");
    assert!(object_url(&c.thumb, "image/jpeg").is_some_and(|u| u.starts_with("blob:")));

    let small = prepare(&picture(640, 480).await, 85).await.expect("prepared");
    assert_eq!((small.width, small.height), (640, 480), "never enlarged");
}

#[wasm_bindgen_test]
async fn a_file_that_is_no_image_is_refused() {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(&b"%PDF-1.7 not a picture"[..]));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).unwrap();
    assert!(prepare(&blob, 85).await.is_err());
}
