//! Arrears (催缴, DOMAIN duty 6; 002 §4.4.4.2): finance's list of what each unit owes,
//! imported from a file, and the butler's chase log. The documents' rule: once finance's
//! second notice is out, the butler calls or visits; still unpaid
//! [`crate::request::deadline::Settings::arrears_escalate_days`] (3) days after that call or
//! visit, it goes to the manager ([`stage`]). Every notice is recorded and signed for.
//!
//! Amounts are read by the office, supervisors, finance (the department the arrears is
//! routed to) and the area's butler only: an `arrears` is placed in its unit's area and
//! routed to finance, and nobody else's scope holds it.

use crate::ids::RecordId;
use crate::wire_enum::wire_enum;

pub mod collection;
pub mod stage;
pub use stage::{stage, Stage};

/// The namespace of arrears ids ([`record_id`]).
const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x5a7e_91c4_2b3d_4f60_8e1a_c7d2_04b9_e361);

/// The id of the arrears of `unit` for `fee` in `period`: derived, so importing finance's
/// list again updates the same records instead of adding a second copy (and the demo's
/// arrears, made by the same function, are found by a later import of the same fees).
pub fn record_id(unit: &str, fee: FeeType, period: &str) -> RecordId {
    RecordId::derived(&NAMESPACE, &[unit, fee.as_str(), period])
}

wire_enum!(
    /// What a fee is for (002 §4.4: property, lift, parking, utilities).
    FeeType {
        /// 物业费
        Property = "property",
        /// 电梯费
        Lift = "lift",
        /// 停车费
        Parking = "parking",
        /// 水电费
        Utilities = "utilities",
    }
);

wire_enum!(
    /// How the butler chased.
    ChaseMethod {
        /// 电话
        Call = "call",
        /// 上门
        Visit = "visit",
        /// 送达催缴通知（签收）
        Notice = "notice",
    }
);

wire_enum!(
    /// What came of a chase.
    ChaseResult {
        /// The owner promised to pay by `promised_at`.
        Promised = "promised",
        /// The owner says they have paid (finance confirms).
        ClaimsPaid = "claims_paid",
        /// The owner refuses (a dispute: note why).
        Refused = "refused",
        /// Nobody answered or was at home.
        Unreachable = "unreachable",
        /// A notice was handed over and signed for.
        Delivered = "delivered",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_id_per_unit_fee_and_period() {
        let a = record_id("u1", FeeType::Property, "2026-11");
        assert_eq!(a, record_id("u1", FeeType::Property, "2026-11"));
        assert!(a.is_valid());
        assert_ne!(a, record_id("u1", FeeType::Lift, "2026-11"));
        assert_ne!(a, record_id("u1", FeeType::Property, "2026-12"));
        assert_ne!(a, record_id("u2", FeeType::Property, "2026-11"));
    }
}
