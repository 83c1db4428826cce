//! The supervisor's remarks on the printed reports (报告意见), kept as `report_note`
//! records, and when the monthly service-quality report is due (DOMAIN duty 10: "monthly
//! service-quality report due by the 22nd").
//!
//! Laws:
//! - One note per report: its id is derived from the report's type, period and area
//!   ([`note_id`]), so two tablets writing remarks on the same week edit one record and
//!   the merge keeps the later value of each field.
//! - The monthly report of a month is flagged from the 15th of the next month
//!   ([`MONTHLY_FLAG_DAY`]) until a site-wide monthly note of that month is submitted, and
//!   is overdue from the day after the 22nd ([`MONTHLY_DUE_DAY`]), local time.
//! - The weekly summary opens on the week before the current one: drafted on Monday for
//!   the week just ended ([`weekly_default`]).

use super::period::{day_of_month, Period, PeriodKind};
use crate::names::{field, kind};
use crate::replica::ReplicaState;
use crate::wire_enum::wire_enum;
use crate::RecordId;

wire_enum!(
    /// Which report a note remarks on.
    NoteType {
        /// 周报: the weekly summary to the supervisor.
        Weekly = "weekly",
        /// 月度服务质量报告: the monthly service-quality report.
        Monthly = "monthly",
    }
);

/// The day of the month from which last month's report is flagged (the documents ask for
/// it by the 22nd; a week's notice).
pub const MONTHLY_FLAG_DAY: i64 = 15;
/// The last day of the month on which last month's report is on time (DOMAIN duty 10).
pub const MONTHLY_DUE_DAY: i64 = 22;

const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x3c0e_52a1_7d4b_4e8f_b1a6_0f2d_9c47_e815);

/// One note as the report pages read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportNote {
    pub id: RecordId,
    pub note_type: NoteType,
    pub period_start: i64,
    /// The area the report is of (`None`: the whole site).
    pub area: Option<RecordId>,
    pub remarks: String,
    /// Causes of what went wrong (the complaints', the missed targets').
    pub causes: String,
    /// The corrective actions decided.
    pub actions: String,
    /// When it was submitted; a draft has none.
    pub submitted_at: Option<i64>,
    pub by: Option<RecordId>,
    pub at: Option<i64>,
}

/// The id of the note on the report of `note_type` for the period starting at
/// `period_start`, of `area` (or the site).
pub fn note_id(note_type: NoteType, period_start: i64, area: Option<&RecordId>) -> RecordId {
    let start = period_start.to_string();
    let area = area.map_or("", |a| a.as_str());
    RecordId::derived(&NAMESPACE, &[note_type.as_str(), &start, area])
}

/// Every live note of `state`.
pub fn notes(state: &ReplicaState) -> Vec<ReportNote> {
    state
        .records_of(kind::REPORT_NOTE)
        .filter(|(_, f)| !f.is_deleted())
        .filter_map(|(id, f)| {
            Some(ReportNote {
                id: id.clone(),
                note_type: f.parsed(field::TYPE, NoteType::parse)?,
                period_start: f.int(field::PERIOD_START)?,
                area: f.reference(field::AREA),
                remarks: f.string(field::REMARKS),
                causes: f.string(field::CAUSE),
                actions: f.string(field::CORRECTIVE_REPORT),
                submitted_at: f.int(field::SUBMITTED_AT),
                by: f.reference(field::BY),
                at: f.int(field::AT),
            })
        })
        .collect()
}

/// The note on the report of `note_type` for `period_start` and `area`, if written.
pub fn note_for<'n>(
    notes: &'n [ReportNote],
    note_type: NoteType,
    period_start: i64,
    area: Option<&RecordId>,
) -> Option<&'n ReportNote> {
    notes.iter().find(|n| {
        n.note_type == note_type && n.period_start == period_start && n.area.as_ref() == area
    })
}

/// The week a weekly summary opens on at `now`: the one before the current week.
pub fn weekly_default(now: i64, offset_min: i64) -> Period {
    Period::of(PeriodKind::Week, now, offset_min).previous()
}

/// The month a monthly report opens on at `now`: last month.
pub fn monthly_default(now: i64, offset_min: i64) -> Period {
    Period::of(PeriodKind::Month, now, offset_min).previous()
}

/// A report that waits for the supervisor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Due {
    /// The month the report is of.
    pub period: Period,
    /// Past the due day and still not submitted.
    pub overdue: bool,
}

/// Whether last month's service-quality report waits on the supervisor's day at `now`
/// (see the module's laws): from the 15th until a site-wide monthly note of last month is
/// submitted, overdue after the 22nd.
pub fn monthly_due(now: i64, offset_min: i64, notes: &[ReportNote]) -> Option<Due> {
    let day = day_of_month(now, offset_min);
    if day < MONTHLY_FLAG_DAY {
        return None;
    }
    let period = monthly_default(now, offset_min);
    let note = note_for(notes, NoteType::Monthly, period.start, None);
    if note.is_some_and(|n| n.submitted_at.is_some()) {
        return None;
    }
    Some(Due { period, overdue: day > MONTHLY_DUE_DAY })
}

#[cfg(test)]
#[path = "notes_tests.rs"]
mod tests;
