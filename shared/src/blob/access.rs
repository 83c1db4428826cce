//! Who may read or upload a blob (issue 27, point 4). Blobs are named by their SHA-256, and
//! anyone can write a `photo` record naming any hash: a record alone must never open bytes.
//!
//! Laws:
//! - Bytes are **read** by a user who uploaded them (whole, hash checked: they had them), or
//!   whose scope holds a *placed* live photo naming them: its parent kind is one photos hang
//!   on ([`PhotoParent`]), the record it names exists in the caller's site and sits in an
//!   area, and that area (a butler) or that department (department staff) is the caller's.
//!   A photo hung on a kind without records (`visit`), on a record that does not exist, or
//!   on one not placed in an area yet gives no read right, not even to the office.
//! - Bytes are **uploaded** by a user who may read them, or who created a live photo naming
//!   them (a device pushes its record before the bytes, and its parent may arrive later).
//!   Uploads are kept apart per user and hash-checked, so uploading proves possession and
//!   reveals nothing of what others stored.
//! - Nobody else learns anything: the server answers as for a missing blob.

use super::PhotoParent;
use crate::scope::{RecordPlace, Scope};

/// Where a photo's parent record is, as the server stores it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParentPlace {
    /// Its area; `None` while it is not placed in one.
    pub area: Option<String>,
    /// The department it is routed to, if any.
    pub dept: Option<String>,
}

/// One live photo of the caller's site that names the blob.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NamingPhoto {
    /// The caller created it.
    pub mine: bool,
    /// The kind its parent reference names (`None`: no usable reference).
    pub parent_kind: Option<String>,
    /// The parent record, when it exists in the caller's site.
    pub parent: Option<ParentPlace>,
}

/// Everything the rule looks at for one caller and one blob.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BlobFacts {
    /// The caller completed an upload of these bytes.
    pub uploaded: bool,
    /// The live photos of the caller's site naming the blob.
    pub photos: Vec<NamingPhoto>,
}

/// What a caller may do with a blob; ordered, so `>=` reads "at least".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum BlobRight {
    /// Nothing: every answer is that of a missing blob.
    None,
    /// Send its bytes (and see the caller's own upload in progress), but not read them.
    Upload,
    /// Read them, see whether they are stored, upload them.
    Read,
}

impl NamingPhoto {
    /// Whether this photo is placed with a real parent that `scope` holds.
    pub fn opens_for(&self, scope: &Scope) -> bool {
        let kind_ok = self.parent_kind.as_deref().and_then(PhotoParent::parse).is_some();
        let Some(parent) = self.parent.as_ref().filter(|_| kind_ok) else { return false };
        let Some(area) = parent.area.clone() else { return false };
        // Placed in an area, so never the caller's own unplaced record: `mine` plays no part.
        scope.holds(&RecordPlace { areas: vec![area], dept: parent.dept.clone(), mine: false })
    }
}

/// The caller's right on a blob, from the facts the server fetched (see the module's laws).
pub fn blob_right(scope: &Scope, facts: &BlobFacts) -> BlobRight {
    if facts.uploaded || facts.photos.iter().any(|p| p.opens_for(scope)) {
        BlobRight::Read
    } else if facts.photos.iter().any(|p| p.mine) {
        BlobRight::Upload
    } else {
        BlobRight::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo(kind: &str, area: Option<&str>, dept: Option<&str>, mine: bool) -> NamingPhoto {
        let parent = ParentPlace { area: area.map(Into::into), dept: dept.map(Into::into) };
        NamingPhoto { mine, parent_kind: Some(kind.into()), parent: Some(parent) }
    }

    fn right(scope: &Scope, photos: Vec<NamingPhoto>) -> BlobRight {
        blob_right(scope, &BlobFacts { uploaded: false, photos })
    }

    #[test]
    fn a_placed_photo_opens_its_bytes_to_the_scope_holding_its_parent() {
        let east = || vec![photo("request", Some("east"), Some("fix"), false)];
        assert_eq!(right(&Scope::Site, east()), BlobRight::Read);
        assert_eq!(right(&Scope::Area("east".into()), east()), BlobRight::Read);
        assert_eq!(right(&Scope::Department("fix".into()), east()), BlobRight::Read);
        assert_eq!(right(&Scope::Area("west".into()), east()), BlobRight::None);
        assert_eq!(right(&Scope::Department("clean".into()), east()), BlobRight::None);
        assert_eq!(right(&Scope::ReferenceOnly, east()), BlobRight::None);
        let comment = vec![photo("request_comment", Some("east"), Some("fix"), false)];
        assert_eq!(right(&Scope::Department("fix".into()), comment), BlobRight::Read);
    }

    #[test]
    fn a_photo_of_its_own_naming_a_foreign_hash_opens_nothing() {
        let west = Scope::Area("west".into());
        // Parent kind without records, or a parent that does not exist: upload only.
        let visit = NamingPhoto { mine: true, parent_kind: Some("visit".into()), parent: None };
        assert_eq!(right(&west, vec![visit.clone()]), BlobRight::Upload);
        assert_eq!(right(&Scope::Site, vec![visit]), BlobRight::Upload);
        // A kind photos do not hang on, even if such a record exists.
        let odd = photo("building", Some("west"), None, true);
        assert_eq!(right(&west, vec![odd]), BlobRight::Upload);
        // A parent not placed in an area yet (its own unplaced request): upload only.
        let unplaced = photo("request", None, None, true);
        assert_eq!(right(&west, vec![unplaced.clone()]), BlobRight::Upload);
        assert_eq!(right(&Scope::Site, vec![unplaced]), BlobRight::Upload);
        // Someone else's unplaced photo gives nothing at all.
        let theirs = NamingPhoto { mine: false, parent_kind: Some("visit".into()), parent: None };
        assert_eq!(right(&Scope::Site, vec![theirs]), BlobRight::None);
        assert_eq!(right(&west, vec![]), BlobRight::None);
    }

    #[test]
    fn whoever_uploaded_the_bytes_reads_them() {
        let facts = BlobFacts { uploaded: true, photos: vec![] };
        assert_eq!(blob_right(&Scope::Area("west".into()), &facts), BlobRight::Read);
        assert!(BlobRight::Read > BlobRight::Upload && BlobRight::Upload > BlobRight::None);
    }
}
