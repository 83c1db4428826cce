//! Why the server refuses a change: a stable code for programs and a message for people.
//!
//! One type for every refusal, whether the schema ([`crate::schema::validate`]), a business
//! rule ([`crate::rules`]) or the push verdict ([`crate::push_rules`]) raised it, so the
//! server, the app and the test servers name the same refusal the same way on the wire.

use serde::{Deserialize, Serialize};

/// The stable code of a refused change (`Rejection::code` on the wire, snake_case).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RejectCode {
    /// The kind is not in [`crate::schema::KINDS`].
    UnknownKind,
    /// The kind has no such field.
    UnknownField,
    /// The record id is not a UUID.
    BadId,
    /// The change's replica id is malformed or is not the pushing replica.
    BadReplica,
    /// The value does not fit the field's type.
    BadValue,
    /// The user's role may not write this kind.
    Forbidden,
    /// The record belongs to a scope the user does not hold.
    OutOfScope,
    /// A request status move the status machine does not allow.
    BadTransition,
    /// The device clock was too far ahead: the change was re-stamped by the server.
    ClockAhead,
    /// `prev` (the stamp of the value the editor saw) is later than the change itself: no
    /// honest device makes that, and it would fake "I saw your edit".
    BadPrev,
    /// The server stored another value than the device sent (`created_by` is always the
    /// signed-in user); the compensation carries what was stored.
    Rewritten,
    /// A request moved to `cancelled` without a `cancel_reason` (or its reason cleared).
    ReasonRequired,
    /// A complaint set done or closed before its closed loop allows: judged unfounded without
    /// a reply, or escalated to the manager without the corrective-action report; closed
    /// unjudged, or standing without an approved plan or the resident's confirmation.
    ComplaintOpen,
    /// A request moved to `called_back` without the attempt that moves it (a `callback`
    /// that reached a satisfied resident, or a patrol finding's passed re-check).
    AttemptRequired,
    /// A change to a published checklist row (a section, item or option of a version rounds
    /// start with): published rows are retired and copied into the draft, never changed.
    Published,
    /// A new request's number is neither drawn from the pushing replica's number blocks nor
    /// the replica's provisional form.
    BadNumber,
    /// A request moved to `closed` without its result (`close_result`).
    ResultRequired,
    /// An edit of a closed request's fields: it is read-only until the office reopens it
    /// (`request::closing::frozen`).
    RequestClosed,
    // issue 25: services
    /// A paid service paid or waived before the resident signed their consent
    /// (`service::payment_blocker`).
    ConsentRequired,
    /// A paid service marked paid without its method, amount or time.
    PaymentIncomplete,
    /// A booking of a service-lift slot that another unit's live booking holds (the id is
    /// the slot's, `moving::booking_id`): the server keeps the first that reached it.
    SlotTaken,
    /// A sign-out of keys that were out at the time, or given back to their owner
    /// (`keys::sign_out_blocker`).
    KeysOut,
    /// A code this build does not know yet (sent by a newer server): kept, not a parse error.
    #[serde(other)]
    Other,
}

impl RejectCode {
    /// Every code, so a client can prove it explains each one (the app's notices).
    pub const ALL: [RejectCode; 23] = [
        RejectCode::UnknownKind,
        RejectCode::UnknownField,
        RejectCode::BadId,
        RejectCode::BadReplica,
        RejectCode::BadValue,
        RejectCode::Forbidden,
        RejectCode::OutOfScope,
        RejectCode::BadTransition,
        RejectCode::ClockAhead,
        RejectCode::BadPrev,
        RejectCode::Rewritten,
        RejectCode::ReasonRequired,
        RejectCode::ComplaintOpen,
        RejectCode::AttemptRequired,
        RejectCode::Published,
        RejectCode::BadNumber,
        RejectCode::ResultRequired,
        RejectCode::RequestClosed,
        RejectCode::ConsentRequired,
        RejectCode::PaymentIncomplete,
        RejectCode::SlotTaken,
        RejectCode::KeysOut,
        RejectCode::Other,
    ];

    /// The wire string.
    pub fn as_str(self) -> &'static str {
        match self {
            RejectCode::UnknownKind => "unknown_kind",
            RejectCode::UnknownField => "unknown_field",
            RejectCode::BadId => "bad_id",
            RejectCode::BadReplica => "bad_replica",
            RejectCode::BadValue => "bad_value",
            RejectCode::Forbidden => "forbidden",
            RejectCode::OutOfScope => "out_of_scope",
            RejectCode::BadTransition => "bad_transition",
            RejectCode::ClockAhead => "clock_ahead",
            RejectCode::BadPrev => "bad_prev",
            RejectCode::Rewritten => "rewritten",
            RejectCode::ReasonRequired => "reason_required",
            RejectCode::ComplaintOpen => "complaint_open",
            RejectCode::AttemptRequired => "attempt_required",
            RejectCode::Published => "published",
            RejectCode::BadNumber => "bad_number",
            RejectCode::ResultRequired => "result_required",
            RejectCode::RequestClosed => "request_closed",
            RejectCode::ConsentRequired => "consent_required",
            RejectCode::PaymentIncomplete => "payment_incomplete",
            RejectCode::SlotTaken => "slot_taken",
            RejectCode::KeysOut => "keys_out",
            RejectCode::Other => "other",
        }
    }
}

impl std::fmt::Display for RejectCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A refusal: what was wrong, before it is placed in a batch (`Rejection` adds the position
/// and the compensation).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{code}: {message}")]
pub struct Refusal {
    pub code: RejectCode,
    pub message: String,
}

impl Refusal {
    /// A refusal with a code and a message for people.
    pub fn new(code: RejectCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into() }
    }
}

#[cfg(test)]
mod tests {
    use super::RejectCode;

    #[test]
    fn codes_are_snake_case_on_the_wire_and_unknown_ones_parse_as_other() {
        for code in [RejectCode::BadTransition, RejectCode::OutOfScope, RejectCode::ClockAhead] {
            let wire = serde_json::to_string(&code).unwrap();
            assert_eq!(wire, format!("\"{}\"", code.as_str()));
            assert_eq!(serde_json::from_str::<RejectCode>(&wire).unwrap(), code);
        }
        let future: RejectCode = serde_json::from_str("\"quota_exceeded\"").unwrap();
        assert_eq!(future, RejectCode::Other);
    }

    #[test]
    fn all_lists_every_code_once() {
        // A new variant must be added here (the match is exhaustive) and to `ALL`.
        let place = |c: RejectCode| match c {
            RejectCode::UnknownKind
            | RejectCode::UnknownField
            | RejectCode::BadId
            | RejectCode::BadReplica
            | RejectCode::BadValue
            | RejectCode::Forbidden
            | RejectCode::OutOfScope
            | RejectCode::BadTransition
            | RejectCode::ClockAhead
            | RejectCode::BadPrev
            | RejectCode::Rewritten
            | RejectCode::ReasonRequired
            | RejectCode::ComplaintOpen
            | RejectCode::AttemptRequired
            | RejectCode::Published
            | RejectCode::BadNumber
            | RejectCode::ResultRequired
            | RejectCode::RequestClosed
            | RejectCode::ConsentRequired
            | RejectCode::PaymentIncomplete
            | RejectCode::SlotTaken
            | RejectCode::KeysOut
            | RejectCode::Other => RejectCode::ALL.iter().position(|a| *a == c),
        };
        let wire: std::collections::BTreeSet<_> =
            RejectCode::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(wire.len(), RejectCode::ALL.len(), "each code once");
        for c in RejectCode::ALL {
            assert!(place(c).is_some());
        }
    }
}
