//! The mail and parcel log (邮件/包裹, 002 §4.3): received → resident told → collected with
//! the collector's name and signature.
//!
//! Laws:
//! - A mail item's stage is read from its dates alone: collected once `collected_at` is
//!   set, else told once `told_at` is set, else received.
//! - It is long uncollected when not collected `mail_uncollected_days` (3) after it was
//!   received ([`long_uncollected`]).

use crate::fields::Fields;
use crate::request::deadline::Settings;

/// Milliseconds in a day.
pub const DAY_MS: i64 = 86_400_000;

/// Where a mail item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MailStage {
    Received,
    Told,
    Collected,
}

/// The stage of a mail item's fields.
pub fn stage(f: &Fields) -> MailStage {
    use crate::names::field;
    if f.int(field::COLLECTED_AT).is_some() {
        MailStage::Collected
    } else if f.int(field::TOLD_AT).is_some() {
        MailStage::Told
    } else {
        MailStage::Received
    }
}

/// Whether a mail item received at `received_at` and not collected is past the site's
/// `mail_uncollected_days` at `now`.
pub fn long_uncollected(f: &Fields, settings: &Settings, now: i64) -> bool {
    let received = f.int(crate::names::field::RECEIVED_AT);
    !f.is_deleted()
        && stage(f) != MailStage::Collected
        && received.is_some_and(|r| now - r >= settings.mail_uncollected_days * DAY_MS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontdesk::test_fixture::{id, put};
    use crate::names::{field, kind};
    use crate::replica::ReplicaState;
    use crate::Kind;
    use serde_json::json;

    #[test]
    fn stages_follow_the_dates_and_uncollected_counts_days_from_receipt() {
        let mut s = ReplicaState::new();
        let now = 10 * DAY_MS;
        put(&mut s, kind::MAIL_ITEM, &id(1), &[(field::RECEIVED_AT, json!(now - 3 * DAY_MS))]);
        let f = |s: &ReplicaState| s.record(&Kind::new(kind::MAIL_ITEM), &id(1)).unwrap().clone();
        let settings = Settings::DEFAULT;
        assert_eq!(stage(&f(&s)), MailStage::Received);
        assert!(long_uncollected(&f(&s), &settings, now));
        assert!(!long_uncollected(&f(&s), &settings, now - 1));
        put(&mut s, kind::MAIL_ITEM, &id(1), &[(field::TOLD_AT, json!(now - DAY_MS))]);
        assert_eq!(stage(&f(&s)), MailStage::Told);
        assert!(long_uncollected(&f(&s), &settings, now), "told is not collected");
        put(&mut s, kind::MAIL_ITEM, &id(1), &[(field::COLLECTED_AT, json!(now))]);
        assert_eq!(stage(&f(&s)), MailStage::Collected);
        assert!(!long_uncollected(&f(&s), &settings, now + 100 * DAY_MS));
    }
}
