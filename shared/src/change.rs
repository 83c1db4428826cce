//! The unit of replication: one field of one record set to one value.

use crate::hlc::Hlc;
use crate::ids::{Kind, RecordId, ReplicaId};
use serde::{Deserialize, Serialize};

/// A field change as it travels on the wire: `{kind, id, field, value, hlc, replica, prev}`.
///
/// `prev` is the HLC of the value the editor saw when making the change (`null` when the
/// field had no value on that device). It lets a receiver tell a later edit from a
/// concurrent one without vector clocks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Change {
    pub kind: Kind,
    pub id: RecordId,
    pub field: String,
    /// Any JSON value the field's type accepts; `null` clears the field.
    #[cfg_attr(feature = "openapi", schema(value_type = Value))]
    pub value: serde_json::Value,
    pub hlc: Hlc,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::change_replica))]
    pub replica: ReplicaId,
    #[serde(default)]
    pub prev: Option<Hlc>,
}

/// The total order of writes: by HLC, then by replica id. Two changes never compare equal
/// unless they are the same write (a replica never reuses an HLC).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Stamp {
    pub hlc: Hlc,
    pub replica: ReplicaId,
}

impl Change {
    /// This change's position in the write order.
    pub fn stamp(&self) -> Stamp {
        Stamp { hlc: self.hlc, replica: self.replica.clone() }
    }
}
