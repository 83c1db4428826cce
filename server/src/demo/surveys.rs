//! The demo's satisfaction surveys (issue 25), so `/surveys` and its results have content
//! from the first minute, "against last quarter" included. Deterministic: which households
//! are asked follows from the draw (`shared::survey::sample::draw`) and their index, times
//! from `now`.
//!
//! In every area: last quarter's survey, complete (every drawn household asked: most
//! answered, some refused, a few not at home), and this quarter's under way (about half the
//! drawn households answered, some refused or not at home, the rest — and every
//! complainant of the second-stage sample — still to ask). Both ask every topic, draw 30 %
//! of the households, and the office (paper) and the butler (door, phone) took answers.

use super::compound::Unit;
use super::demo_id;
use super::patrol::Record;
use super::staff::Staff;
use serde_json::{json, Value};
use shared::names::{field, kind};
use shared::report::period::{Period, PeriodKind, DAY_MS};
use shared::request::Satisfaction;
use shared::survey::sample::draw;
use shared::survey::{answer_id, SurveyMethod, SurveyOutcome, SurveyTopic};
use shared::{RecordId, Role};

/// The site's zone, minutes ahead of UTC.
const CHINA_MIN: i64 = 480;
/// The share of households drawn at random.
pub const SAMPLE_PCT: i64 = 30;

/// The two surveys of each area, with their answers.
pub fn records(plan: &super::Plan, now: i64) -> Vec<Record> {
    let occupied = households(plan, now);
    let office = staff_where(&plan.staff, |s| s.role == Role::Office);
    let this = Period::of(PeriodKind::Quarter, now, CHINA_MIN);
    let last = Period::of(PeriodKind::Quarter, this.start - 1, CHINA_MIN);
    let mut out = Vec::new();
    for area in 0..plan.areas {
        let units: Vec<&Unit> = occupied.iter().copied().filter(|u| u.area == area).collect();
        let butler = butler_of(&plan.staff, area);
        for (tag, q, done) in [("last", &last, true), ("this", &this, false)] {
            let id = demo_id(&format!("survey-{area}-{tag}"));
            let seed = q.start;
            out.push(survey(&id, area, q, seed, office.as_ref()));
            let drawn = units.iter().filter(|u| draw(seed, &u.id) < SAMPLE_PCT);
            for (n, u) in drawn.enumerate() {
                let Some(outcome) = outcome(n, done) else { continue };
                let elapsed = ((now.min(q.end) - q.start) / DAY_MS).max(1);
                let at = q.start + (n as i64 % elapsed) * DAY_MS + 10 * 3_600_000;
                let method = [SurveyMethod::Door, SurveyMethod::Phone, SurveyMethod::Paper][n % 3];
                let by = if method == SurveyMethod::Paper {
                    office.clone()
                } else {
                    Some(butler.clone())
                };
                out.push(answer(&id, u, n, outcome, method, at.min(now - 1), by, done));
            }
        }
    }
    out
}

/// How household `n` of the draw went: last quarter everyone was asked; this quarter about
/// half answered, some refused or not at home, the rest not asked yet (`None`).
fn outcome(n: usize, done: bool) -> Option<SurveyOutcome> {
    match (done, n % 10) {
        (true, 0) => Some(SurveyOutcome::Refused),
        (true, 9) if n % 20 == 9 => Some(SurveyOutcome::NotHome),
        (true, _) => Some(SurveyOutcome::Answered),
        (false, 0..=4) => Some(SurveyOutcome::Answered),
        (false, 5) => Some(SurveyOutcome::Refused),
        (false, 6) => Some(SurveyOutcome::NotHome),
        (false, _) => None,
    }
}

fn survey(id: &RecordId, area: usize, q: &Period, seed: i64, office: Option<&RecordId>) -> Record {
    let (y, m, _) = shared::report::period::local_date(q.start, CHINA_MIN);
    let quarter = (m - 1) / 3 + 1;
    (
        kind::SURVEY,
        id.clone(),
        vec![
            (field::AREA, json!(demo_id(&format!("area-{area}")))),
            (field::NAME, json!(format!("{y}年第{quarter}季度满意度调查"))),
            (field::PERIOD_START, json!(q.start)),
            (field::PERIOD_END, json!(q.end - DAY_MS)),
            (field::TOPICS, json!(SurveyTopic::join(SurveyTopic::ALL))),
            (field::OFFICE_BUILDING, json!(false)),
            (field::SAMPLE_PCT, json!(SAMPLE_PCT)),
            (field::SEED, json!(seed)),
            (field::CREATED_AT, json!(q.start)),
            (field::CREATED_BY, office.map_or(Value::Null, |o| json!(o))),
        ],
    )
}

#[allow(clippy::too_many_arguments)]
fn answer(
    survey: &RecordId,
    unit: &Unit,
    n: usize,
    outcome: SurveyOutcome,
    method: SurveyMethod,
    at: i64,
    by: Option<RecordId>,
    last_quarter: bool,
) -> Record {
    let mut fields = vec![
        (field::SURVEY, json!(survey)),
        (field::UNIT, json!(unit.id)),
        (field::METHOD, json!(method.as_str())),
        (field::OUTCOME, json!(outcome.as_str())),
        (field::AT, json!(at)),
        (field::BY, by.map_or(Value::Null, |b| json!(b))),
    ];
    if outcome == SurveyOutcome::Answered {
        for (t, topic) in SurveyTopic::ALL.iter().enumerate() {
            fields.push((topic.score_field(), json!(score(n, t, last_quarter).as_str())));
        }
        if n % 7 == 1 {
            fields.push((field::COMMENT, json!("希望加强夜间巡逻，地下车库照明不足")));
        }
    }
    (kind::SURVEY_ANSWER, answer_id(survey, &unit.id), fields)
}

/// Mostly satisfied; last quarter a little less so on some topics, so the change shows.
fn score(n: usize, topic: usize, last_quarter: bool) -> Satisfaction {
    let k = (n * 7 + topic * 3) % 20;
    let unhappy = if last_quarter { 3 + topic % 3 } else { 2 + topic % 2 };
    match k {
        k if k < unhappy / 2 => Satisfaction::Dissatisfied,
        k if k < unhappy => Satisfaction::Neutral,
        _ => Satisfaction::Satisfied,
    }
}

/// The units with someone linked at `now` (`shared::visit::facts`' households), in plan
/// order.
fn households(plan: &super::Plan, now: i64) -> Vec<&Unit> {
    let mut live = vec![false; plan.units.len()];
    for l in &plan.register.links {
        live[l.unit] |= l.to.is_none_or(|to| to as i64 > now);
    }
    plan.units.iter().zip(live).filter(|(_, l)| *l).map(|(u, _)| u).collect()
}

fn staff_where(staff: &[Staff], pick: impl Fn(&Staff) -> bool) -> Option<RecordId> {
    staff.iter().position(pick).map(|i| demo_id(&format!("staff-{i}")))
}

fn butler_of(staff: &[Staff], area: usize) -> RecordId {
    let i = staff.iter().position(|s| s.role == Role::Butler && s.area == Some(area));
    demo_id(&format!("staff-{}", i.unwrap_or(0)))
}

#[cfg(test)]
#[path = "surveys_tests.rs"]
mod tests;
