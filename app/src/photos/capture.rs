//! Preparing a chosen or photographed file in the browser (DESIGN §5): decoded with
//! `createImageBitmap`, drawn on an `OffscreenCanvas` at most [`MAX_EDGE`] px on its long
//! edge and re-encoded as JPEG (which writes no EXIF: only the capture time and position read
//! here are kept), plus a thumbnail shrunk until it fits in 30 KB.

use super::exif::{self, Exif};
use super::list::{fit, photo_quality, MAX_EDGE, THUMB_TRIES};
use crate::sync::MAX_THUMB_BYTES;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::OffscreenCanvasRenderingContext2d as Ctx;
use web_sys::{Blob, ImageBitmap, ImageEncodeOptions, OffscreenCanvas};

/// A photo ready to be stored.
#[derive(Debug, Clone)]
pub struct Captured {
    /// The re-encoded JPEG.
    pub bytes: Vec<u8>,
    /// A JPEG of at most 30 KB.
    pub thumb: Vec<u8>,
    pub width: u32,
    pub height: u32,
    /// What the original's EXIF said about when and where.
    pub exif: Exif,
}

fn js(e: JsValue) -> String {
    e.as_string().unwrap_or_else(|| format!("{e:?}"))
}

/// Downscales and re-encodes `file` at `quality_pct` per cent JPEG quality (the site's
/// `photo_quality` setting), and makes its thumbnail. An error names what failed (not an
/// image the browser can decode, no canvas).
pub async fn prepare(file: &Blob, quality_pct: i64) -> Result<Captured, String> {
    let original = blob_bytes(file).await?;
    let exif = exif::read(&original);
    drop(original);
    let window = web_sys::window().ok_or("no window")?;
    let bitmap: ImageBitmap =
        JsFuture::from(window.create_image_bitmap_with_blob(file).map_err(js)?)
            .await
            .map_err(js)?
            .unchecked_into();
    let (w0, h0) = (bitmap.width(), bitmap.height());
    let (width, height) = fit(w0, h0, MAX_EDGE);
    let bytes = encode(&bitmap, width, height, photo_quality(quality_pct)).await;
    let mut thumb = None;
    for (edge, quality) in THUMB_TRIES {
        let (tw, th) = fit(w0, h0, edge);
        let t = encode(&bitmap, tw, th, quality).await?;
        if t.len() <= MAX_THUMB_BYTES {
            thumb = Some(t);
            break;
        }
    }
    bitmap.close();
    let thumb = thumb.ok_or("thumbnail does not fit in 30 KB")?;
    Ok(Captured { bytes: bytes?, thumb, width, height, exif })
}

/// The picture drawn at `w`×`h` and encoded as JPEG at `quality`.
async fn encode(bitmap: &ImageBitmap, w: u32, h: u32, quality: f64) -> Result<Vec<u8>, String> {
    let canvas = OffscreenCanvas::new(w, h).map_err(js)?;
    let ctx: Ctx = canvas.get_context("2d").map_err(js)?.ok_or("no 2d canvas")?.unchecked_into();
    ctx.draw_image_with_image_bitmap_and_dw_and_dh(bitmap, 0.0, 0.0, f64::from(w), f64::from(h))
        .map_err(js)?;
    let opts = ImageEncodeOptions::new();
    opts.set_type("image/jpeg");
    opts.set_quality(quality);
    let blob: Blob = JsFuture::from(canvas.convert_to_blob_with_options(&opts).map_err(js)?)
        .await
        .map_err(js)?
        .unchecked_into();
    blob_bytes(&blob).await
}

/// A blob's (or file's) bytes.
async fn blob_bytes(b: &Blob) -> Result<Vec<u8>, String> {
    let buf = JsFuture::from(b.array_buffer()).await.map_err(js)?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

/// The device's zone, minutes east of UTC (cameras write local time).
pub fn tz_offset_minutes() -> i64 {
    -(js_sys::Date::new_0().get_timezone_offset() as i64)
}

/// An object URL showing `bytes` (revoke it with `Url::revoke_object_url` when gone): the
/// page never puts a token in an `<img src>`.
pub fn object_url(bytes: &[u8], mime: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &opts).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

#[cfg(test)]
#[path = "capture_tests.rs"]
mod tests;
