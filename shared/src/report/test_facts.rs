//! Hand-built facts for the report tests: a request with only what a test sets.

use super::facts::RequestFact;
use crate::request::{Category, RequestStatus, Urgency};
use crate::RecordId;

/// `RecordId::from(s)`.
pub fn id(s: &str) -> RecordId {
    RecordId::from(s)
}

/// `Some(id(s))`.
pub fn who(s: &str) -> Option<RecordId> {
    Some(id(s))
}

/// A new repair `n` taken by `by` at `at`.
pub fn request(n: &str, by: &str, at: i64) -> RequestFact {
    RequestFact {
        id: id(n),
        number: n.into(),
        category: Category::Repair,
        status: RequestStatus::New,
        source: None,
        urgency: Urgency::Normal,
        area: None,
        created_by: who(by),
        assignee: None,
        department: None,
        topic: None,
        created_at: Some(at),
        done_at: None,
        first_done_at: None,
        due_at: None,
        repeat_of: None,
        finding: false,
        cause: String::new(),
        corrective: String::new(),
        reopened: 0,
        deleted: false,
    }
}
