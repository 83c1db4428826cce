//! Arrears (催缴, DOMAIN duty 6; 002 §4.4.4.2): finance's list of what each unit owes,
//! imported from a file, and the butler's chase log. The documents' rule: once finance's
//! second notice is out, the butler calls or visits; still unpaid
//! [`crate::request::deadline::Settings::arrears_escalate_days`] (3) days after that call or
//! visit, it goes to the manager ([`stage`]). Every notice is recorded and signed for.
//!
//! Amounts are read by the office, supervisors, finance (the department the arrears is
//! routed to) and the area's butler only: an `arrears` is placed in its unit's area and
//! routed to finance, and nobody else's scope holds it.

use crate::wire_enum::wire_enum;

pub mod stage;
pub use stage::{stage, Stage};

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
