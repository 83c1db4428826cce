//! Service requests (工单): their types, sources and urgency, the status machine the server
//! enforces ([`status`]), the three-level classifier with its routing ([`classifier`]),
//! deadlines from the site's settings ([`deadline`]), readable numbers made offline
//! ([`number`]) and the child records that make a request's history ([`history`]).
//!
//! A request's collections — status events, comments, call-back attempts — are child kinds
//! pointing at it (`request_event`, `request_comment`, `callback`), never counters or lists
//! in its fields: two tablets adding to them offline never conflict.

pub mod callback;
pub mod classifier;
pub mod closing;
pub mod complaint;
pub mod deadline;
pub mod history;
pub mod number;
pub mod status;

pub use status::{RequestStatus, TRANSITIONS};

use crate::wire_enum::wire_enum;

wire_enum!(
    /// What kind of request it is (its type, 类型; the wire field is `category` for
    /// compatibility). Complaints carry the stricter rules.
    Category {
        /// 报修
        Repair = "repair",
        /// 咨询
        Inquiry = "inquiry",
        /// 投诉
        Complaint = "complaint",
        /// 建议
        Suggestion = "suggestion",
        /// 表扬
        Praise = "praise",
        /// 有偿服务
        PaidService = "paid_service",
    }
);

wire_enum!(
    /// 急 or not.
    Urgency {
        Normal = "normal",
        Urgent = "urgent",
    }
);

wire_enum!(
    /// The channel a request came in by.
    Source {
        Phone = "phone",
        WalkIn = "walk_in",
        Patrol = "patrol",
        Visit = "visit",
        Online = "online",
        Other = "other",
    }
);

wire_enum!(
    /// How one call-back attempt went.
    CallbackResult {
        /// The resident answered.
        Reached = "reached",
        NoAnswer = "no_answer",
        WrongNumber = "wrong_number",
    }
);

wire_enum!(
    /// 满意度, recorded on a call-back that reached the resident.
    Satisfaction {
        /// 满意
        Satisfied = "satisfied",
        /// 一般
        Neutral = "neutral",
        /// 不满意: the request reopens.
        Dissatisfied = "dissatisfied",
    }
);

wire_enum!(
    /// How far a serious complaint has been escalated (逐级上报).
    Escalation {
        /// Handled at the desk.
        None = "none",
        /// 客服主管
        Supervisor = "supervisor",
        /// 管理处经理, with a corrective-action report.
        Manager = "manager",
    }
);

wire_enum!(
    /// How the resident confirmed a complaint's outcome.
    Confirmation {
        /// Signed on the tablet (`signature` holds the strokes).
        Signature = "signature",
        /// Agreed by word of mouth (a note says when and how).
        Verbal = "verbal",
    }
);
