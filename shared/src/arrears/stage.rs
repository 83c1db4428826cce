//! Where one arrears stands in the documents' rule, from its record, its chases and the
//! time (the server-corrected clock on a device, the server clock on the server).
//!
//! Laws:
//! - Paid (paid amount at least the amount, or a paid time) is [`Stage::Paid`], whatever
//!   else holds.
//! - Before finance's second notice nothing is asked of the butler ([`Stage::Waiting`]).
//! - After it, until the butler has called or visited (a chase of method `call` or `visit`
//!   at or after the notice), it is [`Stage::ToChase`] — on the butler's day.
//! - From the first such call or visit it is [`Stage::Chased`] until `escalate_days` days
//!   have passed, then [`Stage::Escalated`] — on the supervisor's day. A promise to pay
//!   later does not hold the rule back: the manager sees it with the promised date.

use crate::fields::Fields;
use crate::names::field;

use super::ChaseMethod;

/// Milliseconds in a day.
const DAY_MS: i64 = 86_400_000;

/// One chase as the rule reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChaseFact {
    pub method: Option<ChaseMethod>,
    pub at_ms: i64,
}

impl ChaseFact {
    /// Reads a live `arrears_chase` record (`None` if deleted or undated).
    pub fn read(f: &Fields) -> Option<ChaseFact> {
        if f.is_deleted() {
            return None;
        }
        let method = f.parsed(field::METHOD, ChaseMethod::parse);
        Some(ChaseFact { method, at_ms: f.int(field::AT)? })
    }
}

/// Where an arrears stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Settled.
    Paid,
    /// Finance has not sent its second notice: nothing for the butler yet.
    Waiting,
    /// Second notice out: the butler must call or visit.
    ToChase { notice_ms: i64 },
    /// Called or visited at `chased_ms`; escalates at `escalates_ms` if still unpaid.
    Chased { chased_ms: i64, escalates_ms: i64 },
    /// Unpaid past the days after the call or visit: the manager's.
    Escalated { since_ms: i64 },
}

/// Whether the arrears record says it is settled.
pub fn is_paid(arrears: &Fields) -> bool {
    let amount = arrears.number(field::AMOUNT).unwrap_or(0.0);
    let paid = arrears.number(field::PAID_AMOUNT).unwrap_or(0.0);
    arrears.int(field::PAID_AT).is_some() || (amount > 0.0 && paid + 0.005 >= amount)
}

/// The stage of `arrears` with its `chases` at `now_ms`, escalating `escalate_days` after
/// the first call or visit that followed the second notice.
pub fn stage(arrears: &Fields, chases: &[ChaseFact], now_ms: i64, escalate_days: i64) -> Stage {
    if is_paid(arrears) {
        return Stage::Paid;
    }
    let Some(notice_ms) = arrears.int(field::SECOND_NOTICE_AT) else {
        return Stage::Waiting;
    };
    let in_person = |c: &&ChaseFact| {
        matches!(c.method, Some(ChaseMethod::Call | ChaseMethod::Visit)) && c.at_ms >= notice_ms
    };
    let Some(chased_ms) = chases.iter().filter(in_person).map(|c| c.at_ms).min() else {
        return Stage::ToChase { notice_ms };
    };
    let escalates_ms = chased_ms.saturating_add(escalate_days.saturating_mul(DAY_MS));
    if now_ms >= escalates_ms {
        Stage::Escalated { since_ms: escalates_ms }
    } else {
        Stage::Chased { chased_ms, escalates_ms }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lww::FieldState;
    use crate::{Hlc, ReplicaId};
    use serde_json::json;

    trait Put {
        fn set(&mut self, name: &str, v: serde_json::Value);
    }
    impl Put for Fields {
        fn set(&mut self, name: &str, value: serde_json::Value) {
            let st = FieldState {
                value,
                hlc: Hlc::new(1, 0),
                replica: ReplicaId::from("t"),
                prev: None,
            };
            self.insert(name.to_string(), st);
        }
    }

    fn arrears(notice: Option<i64>, paid_at: Option<i64>) -> Fields {
        let mut f = Fields::new();
        f.set(field::AMOUNT, json!(1200.5));
        if let Some(n) = notice {
            f.set(field::SECOND_NOTICE_AT, json!(n));
        }
        if let Some(p) = paid_at {
            f.set(field::PAID_AT, json!(p));
        }
        f
    }
    fn call(at_ms: i64) -> ChaseFact {
        ChaseFact { method: Some(ChaseMethod::Call), at_ms }
    }

    #[test]
    fn nothing_before_the_second_notice() {
        assert_eq!(stage(&arrears(None, None), &[call(5)], 10 * DAY_MS, 3), Stage::Waiting);
    }

    #[test]
    fn after_the_notice_the_butler_calls_and_three_days_later_the_manager_sees_it() {
        let a = arrears(Some(DAY_MS), None);
        assert_eq!(stage(&a, &[], 2 * DAY_MS, 3), Stage::ToChase { notice_ms: DAY_MS });
        // A call before the notice does not count, nor does a notice delivered.
        let early = ChaseFact { method: Some(ChaseMethod::Notice), at_ms: 2 * DAY_MS };
        assert_eq!(
            stage(&a, &[call(0), early], 2 * DAY_MS, 3),
            Stage::ToChase { notice_ms: DAY_MS }
        );
        let chases = [call(2 * DAY_MS), call(3 * DAY_MS)];
        let due = 5 * DAY_MS;
        assert_eq!(
            stage(&a, &chases, due - 1, 3),
            Stage::Chased { chased_ms: 2 * DAY_MS, escalates_ms: due }
        );
        assert_eq!(stage(&a, &chases, due, 3), Stage::Escalated { since_ms: due });
        assert_eq!(
            stage(&a, &chases, due, 4),
            Stage::Chased { chased_ms: 2 * DAY_MS, escalates_ms: 6 * DAY_MS }
        );
    }

    #[test]
    fn paid_ends_it_whatever_else() {
        assert_eq!(
            stage(&arrears(Some(DAY_MS), Some(9)), &[call(2 * DAY_MS)], 99 * DAY_MS, 3),
            Stage::Paid
        );
        let mut a = arrears(Some(DAY_MS), None);
        a.set(field::PAID_AMOUNT, json!(1200.5));
        assert!(is_paid(&a));
        a.set(field::PAID_AMOUNT, json!(1000));
        assert!(!is_paid(&a));
    }
}
