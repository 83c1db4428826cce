//! Deadlines (时限) from the site's settings: every number of DOMAIN duties 2 and 3 is a
//! field of the site's one `settings` record, and [`Settings::DEFAULT`] holds the documents'
//! numbers for every field a supervisor has not set. The tablet and the server compute the
//! same due times from the same function.
//!
//! Laws:
//! - A request's due time is its own `due_at` when set, else `created_at` plus the hours of
//!   its type (a missed call: [`Settings::missed_call_h`]); a finished request is never overdue.
//! - A call-back is due [`Settings::callback_h`] after the request was done.

use super::{Category, Urgency};
use crate::fields::Fields;
use crate::names::field;

/// Milliseconds in an hour.
pub const HOUR_MS: i64 = 3_600_000;

/// The kind of the site's settings record (one per site, id [`SETTINGS_ID`]).
pub const KIND: &str = crate::names::kind::SETTINGS;

/// The id of a site's settings record: one well-known id, so two supervisors editing the
/// settings offline edit the same record (their fields merge). The same in every site: the
/// server keys records by site, so each site's settings are a record of its own.
pub const SETTINGS_ID: &str = "00000000-0000-5000-8000-000000000001";

/// One setting: its field name, a getter and a setter.
pub type SettingField = (&'static str, fn(&Settings) -> i64, fn(&mut Settings, i64));

/// Declares every setting once, as `field: wire name = default, accepted range;` (its doc
/// comment above it): the [`Settings`] struct, [`Settings::DEFAULT`], [`Settings::FIELDS`] and
/// [`Settings::range`] all come from that one line.
macro_rules! settings {
    (
        $(#[$doc:meta])*
        pub struct Settings;
        $(
            $(#[$field_doc:meta])*
            $field:ident: $name:path = $default:expr, $range:expr;
        )+
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct Settings {
            $(
                $(#[$field_doc])*
                pub $field: i64,
            )+
        }

        impl Settings {
            /// The documents' numbers.
            pub const DEFAULT: Settings = Settings { $($field: $default,)+ };

            /// Every setting: its field name, and a getter and setter (the settings page and
            /// [`Settings::from_fields`] walk this list).
            pub const FIELDS: &'static [SettingField] =
                &[$(($name, |s| s.$field, |s, v| s.$field = v),)+];

            /// The values a setting accepts: 30 to 100 for `photo_quality` (per cent of JPEG
            /// quality), 0 or 1 for `patrol_by_floor` (a switch), a minute of the day (0 to
            /// 1439) for `review_minute`, 0 to 100 for a `target_…_pct`, an hour of the day (0
            /// to 24) for the moving hours (a slot 1 to 12 hours, the lead 0 to 30 days), 1 to
            /// 10,000 for every other one (and for an unknown name).
            pub fn range(name: &str) -> std::ops::RangeInclusive<i64> {
                $(
                    if name == $name {
                        return $range;
                    }
                )+
                1..=10_000
            }
        }
    };
}

settings! {
    /// The numbers a site may change. Hours unless named otherwise.
    pub struct Settings;
    /// An inquiry that cannot be answered at once gets a reply within this (002 篇6 §8).
    inquiry_reply_h: field::INQUIRY_REPLY_H = 48, 1..=10_000;
    /// A complaint gets an answer within this (002 篇6 §8.3).
    complaint_answer_h: field::COMPLAINT_ANSWER_H = 48, 1..=10_000;
    /// A repair is finished within this (not in the documents: a common service level).
    repair_h: field::REPAIR_H = 72, 1..=10_000;
    /// An urgent (急) repair is finished within this.
    urgent_repair_h: field::URGENT_REPAIR_H = 24, 1..=10_000;
    /// Suggestions, praise and paid services get a reply within this.
    other_reply_h: field::OTHER_REPLY_H = 72, 1..=10_000;
    /// The call-back is made within this after the work is done (001 §二, DOMAIN duty 3).
    callback_h: field::CALLBACK_H = 48, 1..=10_000;
    /// A missed phone call is returned within this (002 §五.2).
    missed_call_h: field::MISSED_CALL_H = 3, 1..=10_000;
    /// An overdue request with no event for this long is stuck (滞留).
    stuck_h: field::STUCK_H = 24, 1..=10_000;
    /// Minute of the day of the daily review of unfinished requests (17:30 = 1050).
    review_minute: field::REVIEW_MINUTE = 17 * 60 + 30, 0..=1439;
    /// Share of repairs to call back each week, in percent (002 §4.7.4.2).
    repair_callback_pct: field::REPAIR_CALLBACK_PCT = 80, 1..=10_000;
    /// JPEG quality of a stored photo, in percent ([`Settings::range`]: 30 to 100).
    photo_quality: field::PHOTO_QUALITY = 85, 30..=100;
    /// Days a photo the server has confirmed stays on the device before its original may
    /// leave it (its thumbnail stays; the original is fetched again when viewed).
    photo_keep_days: field::PHOTO_KEEP_DAYS = 30, 1..=10_000;
    /// Full patrol rounds a butler makes of the area each day (DOMAIN duty 4: at least one).
    patrol_rounds_per_day: field::PATROL_ROUNDS_PER_DAY = 1, 1..=10_000;
    /// Every building (or floor) is patrolled at least once in this many days (duty 4: 5).
    patrol_cycle_days: field::PATROL_CYCLE_DAYS = 5, 1..=10_000;
    /// What the patrol cycle counts: 0 each building, 1 each floor of each building.
    patrol_by_floor: field::PATROL_BY_FLOOR = 0, 0..=1;
    /// Quality checks a supervisor makes each working day (002 §5.1.2: at least two).
    quality_checks_per_day: field::QUALITY_CHECKS_PER_DAY = 2, 1..=10_000;
    /// Reply rate target: inquiries answered ÷ received in the month (002 篇6 §8.5).
    target_reply_pct: field::TARGET_REPLY_PCT = 100, 0..=100;
    /// Complaint reply rate target (004: at least 99 %).
    target_complaint_reply_pct: field::TARGET_COMPLAINT_REPLY_PCT = 99, 0..=100;
    /// On-time reply rate target: answered by the deadline ÷ received (002 篇6 §8.6).
    target_on_time_pct: field::TARGET_ON_TIME_PCT = 100, 0..=100;
    /// Satisfaction target: satisfied ÷ residents asked on call-backs (002 篇6 §8.8).
    target_satisfaction_pct: field::TARGET_SATISFACTION_PCT = 90, 0..=100;
    /// Complaint satisfaction target (004: 100 %).
    target_complaint_satisfaction_pct: field::TARGET_COMPLAINT_SATISFACTION_PCT = 100, 0..=100;
    /// Highest repeat-complaint rate allowed (002 篇6 §8.7: 1 %).
    target_repeat_complaint_pct: field::TARGET_REPEAT_COMPLAINT_PCT = 1, 0..=100;
    /// Share of complaints called back (002 §4.7.4.1: every one).
    target_complaint_callback_pct: field::TARGET_COMPLAINT_CALLBACK_PCT = 100, 0..=100;
    /// Days an arrears stays unpaid after the butler's call or visit that followed
    /// finance's second notice before it goes to the manager (002 §4.4.4.2: 3).
    arrears_escalate_days: field::ARREARS_ESCALATE_DAYS = 3, 1..=10_000;
    /// Households effectively contacted by home visits ÷ households of the area (000
    /// 第二篇 10.0: 60 %).
    target_visit_contact_pct: field::TARGET_VISIT_CONTACT_PCT = 60, 0..=100;
    /// Households the butler knows: a confirmed contact in the last 12 months (000 §5.1:
    /// 95 %).
    target_known_households_pct: field::TARGET_KNOWN_HOUSEHOLDS_PCT = 95, 0..=100;
    /// Active renovations checked each day (000 §5.8: daily, every one).
    target_renovation_check_pct: field::TARGET_RENOVATION_CHECK_PCT = 100, 0..=100;
    /// Sampled households a survey reaches (002 §4.8.4.5: 调查数 100 %).
    target_survey_coverage_pct: field::TARGET_SURVEY_COVERAGE_PCT = 100, 0..=100;
    /// Questionnaires returned ÷ handed out (002 §4.8.4.5 c: 70 %).
    target_survey_return_pct: field::TARGET_SURVEY_RETURN_PCT = 70, 0..=100;
    /// The same for an office building (002 §4.8.4.2: 90 %).
    target_survey_return_office_pct: field::TARGET_SURVEY_RETURN_OFFICE_PCT = 90, 0..=100;
    // issue 25: services
    /// Hours a signed-out key may stay out before it is overdue on the office's day (钥匙托管;
    /// 000 item 12: a key goes out for a job and comes back the same day).
    key_due_h: field::KEY_DUE_H = 4, 1..=10_000;
    // issue 25: moving (002 §4.2.4.3, §4.9.4.4; `crate::moving::slots`)
    /// The morning peak, when nobody moves (hours of the day: 7 to 9).
    moving_peak1_start_h: field::MOVING_PEAK1_START_H = 7, 0..=24;
    moving_peak1_end_h: field::MOVING_PEAK1_END_H = 9, 0..=24;
    /// The evening peak (17 to 19).
    moving_peak2_start_h: field::MOVING_PEAK2_START_H = 17, 0..=24;
    moving_peak2_end_h: field::MOVING_PEAK2_END_H = 19, 0..=24;
    /// Hours of one service-lift slot (2).
    moving_slot_h: field::MOVING_SLOT_H = 2, 1..=12;
    /// The day's first and last hour for moving (8 to 21).
    moving_first_h: field::MOVING_FIRST_H = 8, 0..=24;
    moving_last_h: field::MOVING_LAST_H = 21, 0..=24;
    /// Days ahead a move is booked (§4.9.4.4 "提前一天": 1).
    moving_lead_days: field::MOVING_LEAD_DAYS = 1, 0..=30;
    // issue 25: frontdesk
    /// Days a letter or parcel waits at the desk uncollected before it is listed as long
    /// uncollected (not in the documents: a common practice).
    mail_uncollected_days: field::MAIL_UNCOLLECTED_DAYS = 3, 1..=10_000;
}

impl Settings {
    /// The settings record's values over the defaults; a missing, cleared or out-of-range
    /// value (not in [`Settings::range`]) keeps the default.
    pub fn from_fields(f: Option<&Fields>) -> Settings {
        let mut s = Settings::DEFAULT;
        if let Some(f) = f {
            for (name, _, set) in Self::FIELDS {
                let v = f.int(name);
                if let Some(v) = v.filter(|v| Self::range(name).contains(v)) {
                    set(&mut s, v);
                }
            }
        }
        s
    }

    /// Hours a request of this type and urgency has before it is overdue (`None`: praise,
    /// which waits for nobody).
    pub fn hours_for(
        &self,
        category: Category,
        urgency: Urgency,
        missed_call: bool,
    ) -> Option<i64> {
        if missed_call {
            return Some(self.missed_call_h);
        }
        Some(match (category, urgency) {
            (Category::Repair, Urgency::Urgent) => self.urgent_repair_h,
            (Category::Repair, Urgency::Normal) => self.repair_h,
            (Category::Inquiry, _) => self.inquiry_reply_h,
            (Category::Complaint, _) => self.complaint_answer_h,
            (Category::Praise, _) => return None,
            (Category::Suggestion | Category::PaidService, _) => self.other_reply_h,
        })
    }

    /// When a request is due: its own `due_at` if set, else `created_at` plus its hours.
    pub fn due_at(
        &self,
        category: Category,
        urgency: Urgency,
        missed_call: bool,
        created_at: i64,
        due_at: Option<i64>,
    ) -> Option<i64> {
        due_at.or_else(|| {
            Some(created_at + self.hours_for(category, urgency, missed_call)? * HOUR_MS)
        })
    }

    /// When the call-back of a request done at `done_at` is due.
    pub fn callback_due(&self, done_at: i64) -> i64 {
        done_at + self.callback_h * HOUR_MS
    }

    /// Whether an open request due at `due` with its last event at `last_event` is stuck at
    /// `now`: overdue and not moved for [`Settings::stuck_h`].
    pub fn is_stuck(&self, due: i64, last_event: i64, now: i64) -> bool {
        now > due && now - last_event >= self.stuck_h * HOUR_MS
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings::DEFAULT
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{FieldState, Hlc, ReplicaId};
    use serde_json::json;

    fn fields(pairs: &[(&str, serde_json::Value)]) -> Fields {
        let mut f = Fields::default();
        for (k, v) in pairs {
            let st = FieldState {
                value: v.clone(),
                hlc: Hlc::new(1, 0),
                replica: ReplicaId::from("r"),
                prev: None,
            };
            f.insert((*k).to_owned(), st);
        }
        f
    }

    #[test]
    fn the_documents_numbers_are_the_defaults() {
        let s = Settings::from_fields(None);
        assert_eq!((s.inquiry_reply_h, s.complaint_answer_h, s.callback_h), (48, 48, 48));
        assert_eq!((s.missed_call_h, s.review_minute, s.repair_callback_pct), (3, 1050, 80));
    }

    #[test]
    fn every_setting_is_named_once_and_its_default_is_in_its_range() {
        let mut names: Vec<&str> = Settings::FIELDS.iter().map(|(n, _, _)| *n).collect();
        for (name, get, _) in Settings::FIELDS {
            assert!(Settings::range(name).contains(&get(&Settings::DEFAULT)), "{name}");
        }
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Settings::FIELDS.len());
    }

    #[test]
    fn a_site_overrides_what_it_sets_and_nonsense_keeps_the_default() {
        let f = fields(&[
            ("complaint_answer_h", json!(24)),
            ("callback_h", json!(0)),
            ("stuck_h", json!("x")),
            ("repair_h", json!(null)),
        ]);
        let s = Settings::from_fields(Some(&f));
        assert_eq!(s.complaint_answer_h, 24);
        assert_eq!(s.callback_h, 48);
        assert_eq!(s.stuck_h, 24);
        assert_eq!(s.repair_h, 72);
    }

    #[test]
    fn photo_settings_default_and_keep_the_default_out_of_range() {
        let s = Settings::from_fields(None);
        assert_eq!((s.photo_quality, s.photo_keep_days), (85, 30));
        let f = fields(&[("photo_quality", json!(29)), ("photo_keep_days", json!(7))]);
        let s = Settings::from_fields(Some(&f));
        assert_eq!((s.photo_quality, s.photo_keep_days), (85, 7));
        for (q, want) in [(30, 30), (100, 100), (101, 85), (60, 60)] {
            let f = fields(&[("photo_quality", json!(q))]);
            assert_eq!(Settings::from_fields(Some(&f)).photo_quality, want, "{q}");
        }
    }

    #[test]
    fn patrol_settings_default_to_the_documents_and_floor_is_a_switch() {
        let s = Settings::from_fields(None);
        assert_eq!((s.patrol_rounds_per_day, s.patrol_cycle_days), (1, 5));
        assert_eq!((s.patrol_by_floor, s.quality_checks_per_day), (0, 2));
        let f = fields(&[("patrol_by_floor", json!(1)), ("patrol_cycle_days", json!(3))]);
        let s = Settings::from_fields(Some(&f));
        assert_eq!((s.patrol_by_floor, s.patrol_cycle_days), (1, 3));
        let f = fields(&[("patrol_by_floor", json!(2))]);
        assert_eq!(Settings::from_fields(Some(&f)).patrol_by_floor, 0, "out of range");
    }

    #[test]
    fn due_times_follow_type_urgency_and_missed_calls() {
        let s = Settings::DEFAULT;
        let t0 = 1_000 * HOUR_MS;
        let due = |c, u, missed| s.due_at(c, u, missed, t0, None).map(|d| (d - t0) / HOUR_MS);
        assert_eq!(due(Category::Complaint, Urgency::Normal, false), Some(48));
        assert_eq!(due(Category::Repair, Urgency::Urgent, false), Some(24));
        assert_eq!(due(Category::Repair, Urgency::Normal, false), Some(72));
        assert_eq!(due(Category::Inquiry, Urgency::Normal, true), Some(3));
        assert_eq!(due(Category::Praise, Urgency::Normal, false), None);
        assert_eq!(s.due_at(Category::Praise, Urgency::Normal, false, t0, Some(5)), Some(5));
        assert_eq!(s.callback_due(t0) - t0, 48 * HOUR_MS);
    }

    #[test]
    fn stuck_means_overdue_and_not_moving() {
        let s = Settings::DEFAULT;
        let due = 100 * HOUR_MS;
        assert!(!s.is_stuck(due, 0, due - 1), "not yet due");
        assert!(s.is_stuck(due, due - HOUR_MS, due + 23 * HOUR_MS));
        assert!(!s.is_stuck(due, due + HOUR_MS, due + 2 * HOUR_MS), "moved an hour ago");
    }
}
