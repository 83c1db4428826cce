//! The `photo` record a capture writes: its parent, the names of its bytes and thumbnail,
//! and what is known of the picture. `at` is the capture time on the server-corrected clock;
//! `by` is rewritten by the server to the pushing user.

use crate::sync::FieldEdit;
use serde_json::{json, Value};
use shared::blob::{ImageType, PhotoParent, PHOTO};
use shared::names::field;
use shared::RecordId;

/// Everything known about a captured photo once it is stored on the device.
#[derive(Debug, Clone, PartialEq)]
pub struct PhotoMeta {
    pub parent_kind: PhotoParent,
    pub parent_id: RecordId,
    /// SHA-256 of the stored (re-encoded) bytes.
    pub sha256: String,
    /// SHA-256 of the thumbnail.
    pub thumb_sha256: String,
    pub mime: ImageType,
    pub bytes: u64,
    pub width: u32,
    pub height: u32,
    /// From EXIF, when it said.
    pub taken_at: Option<u64>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// When it was captured (ms).
    pub at: u64,
    /// Who captured it (the signed-in staff id).
    pub by: String,
}

/// The edits that create the photo record `id`; fields EXIF did not give are left out.
pub fn photo_edits(id: &RecordId, m: &PhotoMeta) -> Vec<FieldEdit> {
    let mut fields: Vec<(&str, Value)> = vec![
        (field::PARENT_KIND, json!(m.parent_kind.as_str())),
        (field::PARENT_ID, json!(m.parent_id.as_str())),
        (field::SHA256, json!(m.sha256)),
        (field::THUMB_SHA256, json!(m.thumb_sha256)),
        (field::MIME, json!(m.mime.as_str())),
        (field::BYTES, json!(m.bytes)),
        (field::WIDTH, json!(m.width)),
        (field::HEIGHT, json!(m.height)),
        (field::AT, json!(m.at)),
        (field::BY, json!(m.by)),
    ];
    if let Some(t) = m.taken_at {
        fields.push((field::TAKEN_AT, json!(t)));
    }
    // A position is kept whole or not at all, and only when it is a real one.
    if let (Some(lat), Some(lon)) = (m.lat, m.lon) {
        if lat.abs() <= 90.0 && lon.abs() <= 180.0 {
            fields.push((field::LAT, json!(lat)));
            fields.push((field::LON, json!(lon)));
        }
    }
    fields.into_iter().map(|(f, v)| FieldEdit::new(PHOTO, id, f, v)).collect()
}
