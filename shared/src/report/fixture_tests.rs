//! Hand-built facts for the breakdown and series tests: a few requests, call-backs and
//! staff whose figures can be counted on paper.

use super::facts::{CallbackFact, Facts, RequestFact};
use super::period::DAY_MS;
use crate::calendar::days_from_civil;
use crate::request::{CallbackResult, Category, RequestStatus, Satisfaction, Urgency};
use crate::{RecordId, Role};

/// China.
pub const CN: i64 = 480;

/// `h` o'clock local on `y-m-d`.
pub fn at(y: i64, m: i64, d: i64, h: i64) -> i64 {
    days_from_civil(y, m, d) * DAY_MS + h * 3_600_000 - CN * 60_000
}

pub fn id(s: &str) -> RecordId {
    RecordId::from(s)
}

/// A request `n` of type `c` received at `created`, in area `area`, taken by `by`.
pub fn req(n: &str, c: Category, created: i64, area: &str, by: &str) -> RequestFact {
    RequestFact {
        id: id(n),
        number: n.to_uppercase(),
        category: c,
        status: RequestStatus::New,
        source: None,
        urgency: Urgency::Normal,
        area: Some(id(area)),
        created_by: Some(id(by)),
        assignee: None,
        department: None,
        topic: None,
        created_at: Some(created),
        done_at: None,
        first_done_at: None,
        due_at: Some(created + 2 * DAY_MS),
        repeat_of: None,
        finding: false,
        cause: String::new(),
        corrective: String::new(),
        reopened: 0,
        deleted: false,
    }
}

/// `r` done (closed) at `t`.
pub fn done(mut r: RequestFact, t: i64) -> RequestFact {
    r.status = RequestStatus::Closed;
    r.done_at = Some(t);
    r.first_done_at = r.first_done_at.or(Some(t));
    r
}

/// A call-back of request number `i` that reached the resident at `t`.
pub fn heard(i: usize, t: i64, s: Satisfaction) -> CallbackFact {
    CallbackFact {
        id: id(&format!("cb{i}-{t}")),
        request: Some(i),
        at: Some(t),
        by: None,
        result: Some(CallbackResult::Reached),
        satisfaction: Some(s),
    }
}

/// Two butlers in areas A and B, an office clerk; no buildings.
pub fn facts(requests: Vec<RequestFact>, callbacks: Vec<CallbackFact>) -> Facts {
    Facts {
        requests,
        callbacks,
        staff: vec![
            (id("b1"), Role::Butler, Some(id("A"))),
            (id("b2"), Role::Butler, Some(id("B"))),
            (id("o1"), Role::Office, None),
        ],
        ..Facts::default()
    }
}
