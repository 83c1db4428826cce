//! The arrears pages' view model (催缴, DOMAIN duty 6): every live arrears of the replica
//! with its unit, area and stage in the documents' rule (`shared::arrears::stage`, at the
//! server-corrected time), grouped per unit for `/arrears`, filtered by stage and fee type;
//! a unit's arrears with their chase logs; the lists of the butler's and the supervisor's
//! day. Pure, tested natively (`arrears_tests.rs`).

use shared::arrears::collection::{Collection, Entry};
use shared::arrears::stage::{is_paid, ChaseFact};
use shared::arrears::{stage, ChaseMethod, ChaseResult, FeeType, Stage};
use shared::names::{field, kind};
use shared::replica::ReplicaState;
use shared::RecordId;
use std::collections::{BTreeMap, HashMap};

/// Which stage the list keeps.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum StageFilter {
    /// Every unpaid arrears.
    #[default]
    Open,
    Waiting,
    ToChase,
    Chased,
    Escalated,
    Paid,
    All,
}

impl StageFilter {
    /// Every filter, in the picker's order.
    pub const ALL: [StageFilter; 7] = [
        StageFilter::Open,
        StageFilter::ToChase,
        StageFilter::Chased,
        StageFilter::Escalated,
        StageFilter::Waiting,
        StageFilter::Paid,
        StageFilter::All,
    ];

    /// The picker's value.
    pub fn name(self) -> &'static str {
        match self {
            StageFilter::Open => "open",
            StageFilter::Waiting => "waiting",
            StageFilter::ToChase => "to_chase",
            StageFilter::Chased => "chased",
            StageFilter::Escalated => "escalated",
            StageFilter::Paid => "paid",
            StageFilter::All => "all",
        }
    }

    /// The filter a picker's value names (unknown: the default).
    pub fn from_name(s: &str) -> Self {
        Self::ALL.into_iter().find(|f| f.name() == s).unwrap_or_default()
    }

    /// The filter naming exactly `stage` (never `Open` or `All`): whose label a stage shows.
    pub fn of(stage: Stage) -> Self {
        match stage {
            Stage::Paid => StageFilter::Paid,
            Stage::Waiting => StageFilter::Waiting,
            Stage::ToChase { .. } => StageFilter::ToChase,
            Stage::Chased { .. } => StageFilter::Chased,
            Stage::Escalated { .. } => StageFilter::Escalated,
        }
    }

    /// Whether it keeps an arrears at `stage`.
    pub fn keeps(self, stage: Stage) -> bool {
        match self {
            StageFilter::Open => stage != Stage::Paid,
            StageFilter::Waiting => stage == Stage::Waiting,
            StageFilter::ToChase => matches!(stage, Stage::ToChase { .. }),
            StageFilter::Chased => matches!(stage, Stage::Chased { .. }),
            StageFilter::Escalated => matches!(stage, Stage::Escalated { .. }),
            StageFilter::Paid => stage == Stage::Paid,
            StageFilter::All => true,
        }
    }
}

/// A stage's short name (the rows' `data-stage`, and the key of its label).
pub fn stage_name(stage: Stage) -> &'static str {
    match stage {
        Stage::Paid => "paid",
        Stage::Waiting => "waiting",
        Stage::ToChase { .. } => "to_chase",
        Stage::Chased { .. } => "chased",
        Stage::Escalated { .. } => "escalated",
    }
}

/// One arrears as the pages show it.
#[derive(Debug, Clone, PartialEq)]
pub struct ArrearsRow {
    pub id: RecordId,
    pub unit: RecordId,
    /// The unit's number ("1-0302"); empty while the unit is not on this device.
    pub unit_number: String,
    pub area: Option<RecordId>,
    pub fee: Option<FeeType>,
    pub period: String,
    pub amount: f64,
    pub paid_amount: Option<f64>,
    pub paid_at: Option<i64>,
    pub second_notice_at: Option<i64>,
    pub note: String,
    pub stage: Stage,
    /// The latest promised date of its chases, if any.
    pub promised_at: Option<i64>,
    /// How many chases it has.
    pub chases: usize,
}

/// One chase as the log shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ChaseView {
    pub id: RecordId,
    pub method: Option<ChaseMethod>,
    pub result: Option<ChaseResult>,
    pub promised_at: Option<i64>,
    pub note: String,
    pub signature: String,
    pub at: Option<i64>,
    pub by: Option<RecordId>,
}

/// The live chases of every arrears, oldest first.
pub fn chases(state: &ReplicaState) -> HashMap<RecordId, Vec<ChaseView>> {
    let mut out: HashMap<RecordId, Vec<ChaseView>> = HashMap::new();
    for (id, f) in state.records_of(kind::ARREARS_CHASE).filter(|(_, f)| !f.is_deleted()) {
        let Some(arrears) = f.reference(field::ARREARS) else { continue };
        out.entry(arrears).or_default().push(ChaseView {
            id: id.clone(),
            method: f.parsed(field::METHOD, ChaseMethod::parse),
            result: f.parsed(field::RESULT, ChaseResult::parse),
            promised_at: f.int(field::PROMISED_AT),
            note: f.string(field::NOTE),
            signature: f.string(field::SIGNATURE),
            at: f.int(field::AT),
            by: f.reference(field::BY),
        });
    }
    for list in out.values_mut() {
        list.sort_by_key(|c| (c.at, c.id.clone()));
    }
    out
}

/// Every live arrears of `state` at `now`, escalating `escalate_days` after the call or
/// visit; by unit number, then period and fee.
pub fn rows(state: &ReplicaState, now: i64, escalate_days: i64) -> Vec<ArrearsRow> {
    let chases = chases(state);
    let unit_kind = shared::Kind::new(kind::UNIT);
    let mut out: Vec<ArrearsRow> = state
        .records_of(kind::ARREARS)
        .filter(|(_, f)| !f.is_deleted())
        .map(|(id, f)| {
            let unit = f.reference(field::UNIT).unwrap_or_else(|| RecordId(String::new()));
            let u = state.record(&unit_kind, &unit);
            let area = unit_area(state, &unit);
            let mine = chases.get(id).map(Vec::as_slice).unwrap_or_default();
            let facts: Vec<ChaseFact> = mine
                .iter()
                .filter_map(|c| Some(ChaseFact { method: c.method, at_ms: c.at? }))
                .collect();
            ArrearsRow {
                id: id.clone(),
                unit_number: u.map(|u| u.string(field::NUMBER)).unwrap_or_default(),
                unit,
                area,
                fee: f.parsed(field::FEE_TYPE, FeeType::parse),
                period: f.string(field::PERIOD),
                amount: f.number(field::AMOUNT).unwrap_or(0.0),
                paid_amount: f.number(field::PAID_AMOUNT),
                paid_at: f.int(field::PAID_AT),
                second_notice_at: f.int(field::SECOND_NOTICE_AT),
                note: f.string(field::NOTE),
                stage: stage(f, &facts, now, escalate_days),
                promised_at: mine.iter().rev().find_map(|c| c.promised_at),
                chases: mine.len(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        crate::register::natural_cmp(&a.unit_number, &b.unit_number)
            .then_with(|| a.period.cmp(&b.period))
            .then_with(|| a.fee.map(|f| f.as_str()).cmp(&b.fee.map(|f| f.as_str())))
    });
    out
}

/// The area of a unit (through its building), if the replica holds them.
fn unit_area(state: &ReplicaState, unit: &RecordId) -> Option<RecordId> {
    let u = state.record(&shared::Kind::new(kind::UNIT), unit)?;
    let b = state.record(&shared::Kind::new(kind::BUILDING), &u.reference(field::BUILDING)?)?;
    b.reference(field::AREA)
}

/// The collection figures (`shared::arrears::collection`) of every live arrears held: by
/// area and month when `per_area`, else the site's months.
pub fn collection(state: &ReplicaState, per_area: bool) -> Vec<Collection> {
    let entries: Vec<Entry> = state
        .records_of(kind::ARREARS)
        .filter_map(|(_, f)| {
            let area = f.reference(field::UNIT).and_then(|u| unit_area(state, &u));
            Entry::read(f, area)
        })
        .collect();
    shared::arrears::collection::collection(&entries, per_area)
}

/// Whether an arrears record is settled (what `rows` calls [`Stage::Paid`]).
pub fn paid(state: &ReplicaState, id: &RecordId) -> bool {
    state.record(&shared::Kind::new(kind::ARREARS), id).is_some_and(is_paid)
}

/// The list's filters: stage, fee type (`None`: every fee) and area (`None`: every area).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArrearsFilter {
    pub stage: StageFilter,
    pub fee: Option<FeeType>,
    pub area: Option<RecordId>,
}

impl ArrearsFilter {
    pub fn keeps(&self, r: &ArrearsRow) -> bool {
        self.stage.keeps(r.stage)
            && self.fee.is_none_or(|f| r.fee == Some(f))
            && self.area.as_ref().is_none_or(|a| r.area.as_ref() == Some(a))
    }
}

/// A unit's arrears on the list.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitArrears {
    pub unit: RecordId,
    pub unit_number: String,
    pub rows: Vec<ArrearsRow>,
    /// What is still owed: amounts less what was paid, of the rows kept.
    pub outstanding: f64,
    /// The most urgent stage of its rows (escalated, to chase, chased, waiting, paid).
    pub worst: Stage,
}

/// How urgent a stage is for the list's order (lower first).
fn urgency(s: Stage) -> u8 {
    match s {
        Stage::Escalated { .. } => 0,
        Stage::ToChase { .. } => 1,
        Stage::Chased { .. } => 2,
        Stage::Waiting => 3,
        Stage::Paid => 4,
    }
}

/// What is still owed of one arrears.
pub fn outstanding(r: &ArrearsRow) -> f64 {
    if r.stage == Stage::Paid {
        0.0
    } else {
        (r.amount - r.paid_amount.unwrap_or(0.0)).max(0.0)
    }
}

/// The rows `filter` keeps, grouped per unit: the most urgent units first, then by number.
pub fn by_unit(rows: &[ArrearsRow], filter: &ArrearsFilter) -> Vec<UnitArrears> {
    let mut groups: BTreeMap<RecordId, UnitArrears> = BTreeMap::new();
    for r in rows.iter().filter(|r| filter.keeps(r)) {
        let g = groups.entry(r.unit.clone()).or_insert_with(|| UnitArrears {
            unit: r.unit.clone(),
            unit_number: r.unit_number.clone(),
            rows: Vec::new(),
            outstanding: 0.0,
            worst: Stage::Paid,
        });
        g.outstanding += outstanding(r);
        if urgency(r.stage) < urgency(g.worst) {
            g.worst = r.stage;
        }
        g.rows.push(r.clone());
    }
    let mut out: Vec<UnitArrears> = groups.into_values().collect();
    out.sort_by(|a, b| {
        urgency(a.worst)
            .cmp(&urgency(b.worst))
            .then_with(|| crate::register::natural_cmp(&a.unit_number, &b.unit_number))
    });
    out
}

/// The arrears of `area` (`None`: every area held) at the stage a day lists: the butler's
/// [`StageFilter::ToChase`], the supervisor's [`StageFilter::Escalated`].
pub fn for_day(
    rows: &[ArrearsRow],
    area: Option<&RecordId>,
    stage: StageFilter,
) -> Vec<ArrearsRow> {
    let filter = ArrearsFilter { stage, fee: None, area: area.cloned() };
    let mut out: Vec<ArrearsRow> = rows.iter().filter(|r| filter.keeps(r)).cloned().collect();
    out.sort_by_key(|r| match r.stage {
        Stage::Escalated { since_ms } => since_ms,
        Stage::ToChase { notice_ms } => notice_ms,
        _ => i64::MAX,
    });
    out
}

/// An amount as shown: two decimals, no currency sign (`1,200.50` is read as text).
pub fn money(v: f64) -> String {
    format!("{v:.2}")
}
