//! Newtypes for the identifiers that travel between devices.
//!
//! Every id is a string on the wire so that a tablet can mint one with no server
//! round-trip (UUIDv7: time-ordered, so indexes stay append-friendly).

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
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
    /// A synced record's id: a UUIDv7 made on the device that created the record.
    RecordId
);
string_id!(
    /// One installation of the app (or the server itself): the tie-breaker of the HLC order.
    ReplicaId
);
string_id!(
    /// The table a record belongs to (`request`, `unit`, ...). Kinds are data, not an enum,
    /// so a new kind slots into the protocol without a wire change.
    Kind
);

impl RecordId {
    /// A fresh time-ordered id. Needs a random source: the OS on the server, `crypto` in
    /// the browser.
    pub fn new_v7() -> Self {
        Self(uuid::Uuid::now_v7().to_string())
    }

    /// True when the string is a well-formed UUID (any version: demo data uses v7 too).
    pub fn is_valid(&self) -> bool {
        uuid::Uuid::parse_str(&self.0).is_ok() && self.0.len() == 36
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

    /// Replica ids are short printable tokens: 1 to 64 of `[0-9a-zA-Z_-]`.
    pub fn is_valid(&self) -> bool {
        !self.0.is_empty()
            && self.0.len() <= 64
            && self.0.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    }
}

impl Kind {
    /// Shorthand used throughout the code base.
    pub fn new(s: &str) -> Self {
        Self(s.to_owned())
    }
}
