//! Photos and their bytes (DESIGN §4 "Blobs", §5): a `photo` record syncs like any other and
//! names its bytes by SHA-256; the bytes travel separately, content-addressed, resumable by
//! offset, and never hold up the record.
//!
//! - `HEAD /api/v1/blobs/{sha256}`: 200 when stored whole; otherwise 404 with the header
//!   [`OFFSET_HEADER`] telling how many bytes of an unfinished upload the server holds.
//! - `PUT /api/v1/blobs/{sha256}?offset=N&size=S`: appends one chunk (at most
//!   [`CHUNK_BYTES`]) at offset `N` of a blob of `S` bytes (at most [`MAX_BLOB_BYTES`]); the
//!   answer says how many bytes are held and whether the blob is complete. The last chunk is
//!   checked against the hash; a mismatch discards the upload. Each user's upload is kept
//!   apart, at most [`UPLOAD_QUOTA_BYTES`] declared in unfinished uploads per user; the same
//!   bytes are stored once.
//! - `GET /api/v1/blobs/{sha256}`: the bytes.
//!
//! Who may do what is [`access::blob_right`]: nobody learns from any answer whether bytes
//! they may not read exist.

pub mod access;

use crate::wire_enum::wire_enum;
use serde::{Deserialize, Serialize};

/// The kind of photo records.
pub const PHOTO: &str = crate::names::kind::PHOTO;

/// Largest blob the server stores (a downscaled photo is far smaller).
pub const MAX_BLOB_BYTES: u64 = 16 * 1024 * 1024;

/// Largest chunk one `PUT` carries: a dropped network costs at most this much again.
pub const CHUNK_BYTES: u64 = 256 * 1024;

/// Declared bytes one user may hold in unfinished uploads at once (refused beyond with
/// `upload_quota`, to be tried again once some finish): a device uploads one photo at a time
/// (a few MB at most), so this is room for several devices of one user, while junk uploads
/// under made-up names cannot fill the server's disk.
pub const UPLOAD_QUOTA_BYTES: u64 = 64 * 1024 * 1024;

/// The header of a `HEAD` answer that tells the offset to resume from.
pub const OFFSET_HEADER: &str = "upload-offset";

wire_enum!(
    /// The record kinds a photo can belong to (its `parent_kind`); it takes its parent's
    /// area for scope.
    PhotoParent {
        Request = "request",
        RequestComment = "request_comment",
        PatrolAnswer = "patrol_answer",
        RenovationCheck = "renovation_check",
        Visit = "visit",
        Renovation = "renovation",
        ArrearsChase = "arrears_chase",
        // issue 25: services — the owner's signed authorisation on paper.
        KeyDeposit = "key_deposit",
    }
);

wire_enum!(
    /// The image types the server stores.
    ImageType {
        Jpeg = "image/jpeg",
        Webp = "image/webp",
        Png = "image/png",
    }
);

impl ImageType {
    /// The type the bytes' magic number says, if any: the server checks the first chunk.
    pub fn sniff(bytes: &[u8]) -> Option<ImageType> {
        match bytes {
            [0xFF, 0xD8, 0xFF, ..] => Some(ImageType::Jpeg),
            [0x89, b'P', b'N', b'G', ..] => Some(ImageType::Png),
            [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => {
                Some(ImageType::Webp)
            }
            _ => None,
        }
    }
}

/// Whether `s` is a SHA-256 in the form blobs are named by: 64 lower-case hex digits.
pub fn is_sha256(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The answer to a `PUT` chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UploadState {
    /// Bytes the server holds (the offset of the next chunk).
    pub received: u64,
    /// The whole blob is stored and its hash checked.
    pub complete: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_types_are_told_by_their_first_bytes() {
        assert_eq!(ImageType::sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0]), Some(ImageType::Jpeg));
        assert_eq!(ImageType::sniff(b"PNG without its first byte"), None);
        assert_eq!(ImageType::sniff(&[0x89, b'P', b'N', b'G', 13, 10]), Some(ImageType::Png));
        assert_eq!(ImageType::sniff(b"RIFF0000WEBX"), None);
        assert_eq!(ImageType::sniff(b"RIFF1234WEBPVP8 "), Some(ImageType::Webp));
        assert_eq!(ImageType::sniff(b"%PDF-1.7"), None);
        assert_eq!(ImageType::sniff(&[]), None);
    }

    #[test]
    fn blob_names_are_lower_case_sha256() {
        let ok = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assert!(is_sha256(ok));
        assert!(!is_sha256(&ok.to_uppercase()));
        assert!(!is_sha256(&ok[1..]));
        assert!(!is_sha256("../../etc/passwd"));
    }
}
