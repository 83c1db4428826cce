//! Newtypes for the identifiers that travel between devices.
//!
//! Every id is a string on the wire so that a tablet can mint one with no server
//! round-trip (UUIDv7: time-ordered, so indexes stay append-friendly).

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! string_id {
    ($(#[$doc:meta])* serde($serde:meta) $name:ident) => {
        $(#[$doc])*
        /// (Its OpenAPI schema, with the constraints the server checks, is in `crate::openapi`.)
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde($serde)]
        pub struct $name(pub String);

        impl $name {
            /// The id as it appears on the wire.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }
    };
}

string_id!(
    /// A synced record's id: a UUIDv7 made on the device that created the record. Read from
    /// the wire in canonical form — a UUID in upper case is the same id as in lower case, so
    /// it is lower-cased on the way in (`docs/ARCHITECTURE.md`, "Sync protocol").
    serde(from = "String")
    RecordId
);
string_id!(
    /// One installation of the app (or the server itself): the tie-breaker of the HLC order.
    serde(transparent)
    ReplicaId
);
string_id!(
    /// The table a record belongs to (`request`, `unit`, ...). Kinds are data, not an enum,
    /// so a new kind slots into the protocol without a wire change.
    serde(transparent)
    Kind
);

impl From<String> for RecordId {
    fn from(s: String) -> Self {
        RecordId(canonical_uuid(s))
    }
}

/// A well-formed 36-character UUID in lower case (its one spelling); anything else as is,
/// for validation to refuse. Only a string with an upper-case letter can change, so every id
/// the apps make (lower case already) passes without being parsed: a tablet's first sync
/// reads hundreds of thousands of them.
pub fn canonical_uuid(s: String) -> String {
    if s.len() == 36
        && s.bytes().any(|b| b.is_ascii_uppercase())
        && uuid::Uuid::parse_str(&s).is_ok()
    {
        s.to_ascii_lowercase()
    } else {
        s
    }
}

impl RecordId {
    /// The id of a record named by what it describes: the UUIDv5 of `parts` (joined by `|`)
    /// under `namespace`. Every replica and every run derives the same id with no clock or
    /// random source, so the record is made once however often, wherever it is made.
    pub fn derived(namespace: &uuid::Uuid, parts: &[&str]) -> Self {
        Self(uuid::Uuid::new_v5(namespace, parts.join("|").as_bytes()).to_string())
    }

    /// A fresh time-ordered id. Needs a random source: the OS on the server, `crypto` in
    /// the browser.
    pub fn new_v7() -> Self {
        Self(uuid::Uuid::now_v7().to_string())
    }

    /// True when the string is a well-formed UUID (any version: demo data uses v7 too).
    pub fn is_valid(&self) -> bool {
        Self::is_valid_str(&self.0)
    }

    /// [`RecordId::is_valid`] of a string that may name a record (a reference field's
    /// value), without making a `RecordId` of it.
    pub fn is_valid_str(s: &str) -> bool {
        s.len() == 36 && uuid::Uuid::parse_str(s).is_ok()
    }
}

impl ReplicaId {
    /// A fresh replica id for a new installation.
    pub fn new_random() -> Self {
        Self(uuid::Uuid::now_v7().simple().to_string())
    }

    /// The id the server uses for the changes it writes itself (compensations, conflicts).
    pub fn server() -> Self {
        Self("server".to_owned())
    }

    /// Longest replica id, in characters (all ASCII).
    pub const MAX_LEN: usize = 64;

    /// Replica ids are short printable tokens: 1 to [`Self::MAX_LEN`] of `[0-9a-zA-Z_-]`.
    pub fn is_valid(&self) -> bool {
        !self.0.is_empty()
            && self.0.len() <= Self::MAX_LEN
            && self.0.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    }
}

impl Kind {
    /// Shorthand used throughout the code base.
    pub fn new(s: &str) -> Self {
        Self(s.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upper_and_lower_case_spellings_of_a_uuid_are_one_record_id() {
        let lower = "0190f0a0-5b1c-7c3e-9a4d-2f6e8b1c0d01";
        let upper: RecordId =
            serde_json::from_str(&format!("\"{}\"", lower.to_uppercase())).unwrap();
        assert_eq!(upper, RecordId::from(lower));
        assert_eq!(serde_json::to_string(&upper).unwrap(), format!("\"{lower}\""));
        let junk: RecordId = serde_json::from_str("\"NOT-A-UUID\"").unwrap();
        assert_eq!(junk.as_str(), "NOT-A-UUID", "left as is, for validation to refuse");
        assert!(!junk.is_valid());
        let mixed = "0190F0A0-5b1c-7C3E-9a4d-2f6e8b1c0d01";
        assert_eq!(canonical_uuid(mixed.into()), lower, "one capital is enough to lower it");
        let long_junk = "ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ";
        assert_eq!(canonical_uuid(long_junk.into()), long_junk, "36 characters, not a UUID");
        for s in [lower, "not-a-uuid-at-all-but-36-characters", "server", ""] {
            assert_eq!(canonical_uuid(s.into()), s, "lower case is already canonical");
        }
    }
}
