//! Hand-built facts for the report tests: a request with only what a test sets (built on
//! `fixture_tests`' request, without an area or a deadline).

use super::facts::RequestFact;
pub use super::fixture_tests::id;
use super::fixture_tests::req;
use crate::request::Category;
use crate::RecordId;

/// `Some(id(s))`.
pub fn who(s: &str) -> Option<RecordId> {
    Some(id(s))
}

/// A new repair `n` taken by `by` at `at`, in no area and with no deadline.
pub fn request(n: &str, by: &str, at: i64) -> RequestFact {
    RequestFact {
        number: n.into(),
        area: None,
        due_at: None,
        ..req(n, Category::Repair, at, "", by)
    }
}
