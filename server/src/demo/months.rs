//! How the office did over the demo's year, month by month (blocks of 30 days counted back
//! from today), so that the reports (`shared::report`) have something to say: most months
//! meet their targets, a few miss one — satisfaction under 90 %, repeat complaints over 1 %,
//! a week with repair call-backs under 80 %, patrol rounds skipped, quality checks short —
//! and the last three months meet them (but for what is still in work).
//!
//! Pure and deterministic: a request's mood follows from its age alone.

/// Minutes in a day.
const DAY_MIN: u64 = 24 * 60;
/// Days in one of the demo's months.
pub const MONTH_DAYS: u64 = 30;

/// How a month went: what the history of a request made in it is drawn with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mood {
    /// Per cent of call-backs that heard 一般 (of requests other than complaints, and of
    /// complaints too in a bad month).
    pub neutral: u64,
    /// Per cent of closed requests once called back 不满意, reopened and done again.
    pub reopen: u64,
    /// Per mille of complaints that repeat an earlier one of their area.
    pub repeat_permille: u64,
    /// Whether complaints had 一般 and 不满意 call-backs too (complaint satisfaction < 100 %).
    pub complaints_unhappy: bool,
    /// Per cent of repairs finished that month that were never called back.
    pub repair_uncalled: u64,
    /// Whether the patrol skipped or cut short some days.
    pub patrol_slack: bool,
    /// Whether the supervisor made only one quality check on some working days.
    pub checks_short: bool,
}

/// A month that meets every target.
const GOOD: Mood = Mood {
    neutral: 3,
    reopen: 2,
    repeat_permille: 2,
    complaints_unhappy: false,
    repair_uncalled: 0,
    patrol_slack: false,
    checks_short: false,
};

/// The mood of the month `ago` months back (0: the last 30 days).
pub fn month(ago: u64) -> Mood {
    match ago {
        // Satisfaction falls to about 80 %: many 一般, more 不满意, complaints included (a
        // calendar month holding half of it still misses 90 %).
        4 | 9 => Mood { neutral: 15, reopen: 8, complaints_unhappy: true, ..GOOD },
        // Repeat complaints reach 3–4 %.
        6 | 10 => Mood { repeat_permille: 40, ..GOOD },
        // Patrol rounds skipped and quality checks short.
        7 => Mood { patrol_slack: true, checks_short: true, ..GOOD },
        _ => GOOD,
    }
}

/// The mood of a request made `age_minutes` ago; in the two weeks 20 weeks back, a quarter
/// of the repairs were never called back (a calendar week among them, wherever it falls,
/// has its repair call-backs under 80 %).
pub fn mood(age_minutes: u64) -> Mood {
    let days = age_minutes / DAY_MIN;
    let m = month(days / MONTH_DAYS);
    if (140..154).contains(&days) {
        return Mood { repair_uncalled: 25, ..m };
    }
    m
}

/// The mood of the day `days` back (patrol and quality checks).
pub fn day_mood(days: u64) -> Mood {
    month(days / MONTH_DAYS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_three_months_are_good_and_some_earlier_ones_are_not() {
        assert!((0..3).all(|m| month(m) == GOOD));
        assert!((3..12).any(|m| month(m).neutral > GOOD.neutral));
        assert!((3..12).any(|m| month(m).repeat_permille > 10));
        assert!((3..12).any(|m| month(m).patrol_slack && month(m).checks_short));
        assert_eq!(mood(143 * DAY_MIN).repair_uncalled, 25);
        assert_eq!(mood(160 * DAY_MIN).repair_uncalled, 0);
    }
}
