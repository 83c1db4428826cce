//! The demo's renovations, arrears and home visits (issue 24), so each page and report has
//! content from the first minute. Deterministic: which units get what follows from their
//! index in the area, times from `now`.
//!
//! In every area: renovations in each state — one waiting for engineering's review, one for
//! the manager's approval, active ones checked every day before today (today's checks are the
//! butler's to make), one stopped after a recorded violation, one completed — arrears of
//! about one occupied unit in twelve (some with finance's second notice out and not yet
//! chased, one chased four days ago and so escalated, some paid), and this month's visit
//! plan with about a third of the households visited (most effectively), plus older visits
//! within the year.

use super::compound::Unit;
use super::demo_id;
use super::patrol::Record;
use super::staff::{Staff, DEPARTMENTS};
use serde_json::json;
use shared::arrears::{ChaseMethod, ChaseResult, FeeType};
use shared::names::{field, kind};
use shared::register::PersonRole;
use shared::renovation::{CheckResult, RenovationStatus};
use shared::report::period::day_start;
use shared::request::classifier::DepartmentCode;
use shared::request::Satisfaction;
use shared::visit::{VisitOutcome, VisitTopic};
use shared::{RecordId, Role};

const DAY_MS: i64 = 86_400_000;

/// The renovations, arrears and visits of the plan's areas at `now`.
pub fn records(plan: &super::Plan, now: i64) -> Vec<Record> {
    let occupied = occupied(plan);
    let mut out = Vec::new();
    for area in 0..plan.areas {
        let units: Vec<&Unit> = occupied.iter().copied().filter(|u| u.area == area).collect();
        if units.is_empty() {
            continue;
        }
        let butler = butler_of(&plan.staff, area);
        let signers = Signers {
            manager: staff_where(&plan.staff, |s| s.role == Role::Supervisor),
            engineer: staff_where(&plan.staff, |s| {
                s.department.is_some_and(|d| DEPARTMENTS[d].1 == DepartmentCode::Engineering)
            }),
        };
        out.extend(renovations(area, &units, &butler, &signers, now));
        out.extend(arrears(area, &units, &butler, now));
        out.extend(visits(area, &units, &butler, now));
    }
    out
}

/// The units someone is tied to (households), in plan order.
fn occupied(plan: &super::Plan) -> Vec<&Unit> {
    let mut tied = vec![false; plan.units.len()];
    for l in &plan.register.links {
        tied[l.unit] = true;
    }
    plan.units.iter().zip(tied).filter(|(_, t)| *t).map(|(u, _)| u).collect()
}

/// Who reviewed and who approved the demo's renovations.
struct Signers {
    manager: Option<RecordId>,
    engineer: Option<RecordId>,
}

/// The first staff member `pick` takes.
fn staff_where(staff: &[Staff], pick: impl Fn(&Staff) -> bool) -> Option<RecordId> {
    staff.iter().position(pick).map(|i| demo_id(&format!("staff-{i}")))
}

fn butler_of(staff: &[Staff], area: usize) -> RecordId {
    let i = staff.iter().position(|s| s.role == Role::Butler && s.area == Some(area));
    demo_id(&format!("staff-{}", i.unwrap_or(0)))
}

fn department(code: DepartmentCode) -> RecordId {
    let d = DEPARTMENTS.iter().position(|(_, c)| *c == code).unwrap_or(0);
    demo_id(&format!("department-{d}"))
}

/// The unit `n` places into the area's households, spread over them.
fn pick<'a>(units: &[&'a Unit], n: usize, of: usize) -> &'a Unit {
    units[(n * units.len() / of.max(1)) % units.len()]
}

const COMPANIES: [&str; 4] = ["安居装饰", "美家装修", "华艺设计", "匠心家装"];
const WORKS: [&str; 4] = [
    "厨房、卫生间翻新，更换地砖",
    "全屋墙面刷新，更换木地板",
    "卫生间防水及洁具更换",
    "阳台封闭，客厅吊顶",
];

fn renovations(
    area: usize,
    units: &[&Unit],
    butler: &RecordId,
    signers: &Signers,
    now: i64,
) -> Vec<Record> {
    use RenovationStatus::*;
    let states = [Applied, Reviewed, Approved, Approved, Stopped, Completed];
    let mut out = Vec::new();
    for (i, status) in states.iter().enumerate() {
        let unit = pick(units, i * 7 + 3, states.len() * 7 + 3);
        let id = demo_id(&format!("renovation-{area}-{i}"));
        let start = now - (12 - i as i64) * DAY_MS;
        let mut fields = vec![
            (field::UNIT, json!(unit.id)),
            (field::STATUS, json!(status.as_str())),
            (field::APPLICANT, json!(format!("{}业主", unit.number))),
            (field::APPLICANT_ROLE, json!(PersonRole::Owner.as_str())),
            (field::APPLICANT_PHONE, json!(format!("139{:08}", 10_000 + area * 100 + i))),
            (field::COMPANY, json!(COMPANIES[i % COMPANIES.len()])),
            (field::FOREMAN, json!(["刘工", "陈工", "黄工"][i % 3])),
            (field::FOREMAN_PHONE, json!(format!("137{:08}", 20_000 + area * 100 + i))),
            (field::WORKERS, json!(3 + i % 4)),
            (field::WORKS, json!(WORKS[i % WORKS.len()])),
            (field::PLANNED_START, json!(start)),
            (field::PLANNED_END, json!(start + 45 * DAY_MS)),
            (field::DEPOSIT, json!(2000)),
            (field::DEPARTMENT, json!(department(DepartmentCode::Engineering))),
            (field::CREATED_AT, json!(start - 5 * DAY_MS)),
            (field::CREATED_BY, json!(butler)),
        ];
        if *status != Applied {
            fields.push((field::REVIEW_NOTE, json!("图纸符合要求，不涉及承重结构")));
            fields.push((field::REVIEWED_AT, json!(start - 3 * DAY_MS)));
            fields.push((field::REVIEWED_BY, json!(signers.engineer)));
        }
        if !matches!(status, Applied | Reviewed) {
            fields.push((field::APPROVED_AT, json!(start - 2 * DAY_MS)));
            fields.push((field::APPROVED_BY, json!(signers.manager)));
        }
        if *status == Completed {
            fields.push((field::ACCEPTED_AT, json!(now - DAY_MS)));
            fields.push((field::ACCEPTED_BY, json!(butler)));
        }
        let active = status.is_active() || *status == Completed;
        let checked_days = if active { (12 - i as i64).min(10) } else { 0 };
        for d in 1..=checked_days {
            let violation = *status == Stopped && d == 1;
            let result = if violation { CheckResult::Violation } else { CheckResult::Ok };
            let check = demo_id(&format!("renovation-check-{area}-{i}-{d}"));
            let mut c = vec![
                (field::RENOVATION, json!(id)),
                (field::RESULT, json!(result.as_str())),
                // More than a day before `now`: an earlier day in every time zone, so
                // the butler's day starts with each active site still to check.
                (field::AT, json!(now - d * DAY_MS - 2 * 3_600_000)),
                (field::BY, json!(butler)),
            ];
            if violation {
                c.push((field::VIOLATION, json!("擅自拆改外墙窗户，未做防护")));
                c.push((field::STOP_ORDER, json!(true)));
            }
            out.push((kind::RENOVATION_CHECK, check, c));
        }
        out.push((kind::RENOVATION, id, fields));
    }
    // The renovation first: its checks are placed with it.
    out.reverse();
    out
}

fn arrears(area: usize, units: &[&Unit], butler: &RecordId, now: i64) -> Vec<Record> {
    let count = (units.len() / 12).max(4);
    let finance = department(DepartmentCode::Finance);
    let month = |back: i64| {
        let d = chrono_month(now - back * 30 * DAY_MS);
        format!("{:04}-{:02}", d.0, d.1)
    };
    let mut out = Vec::new();
    for i in 0..count {
        let unit = pick(units, i, count);
        let fee = FeeType::ALL[i % FeeType::ALL.len()];
        let period = month(1 + (i % 3) as i64);
        // The import's id: finance's list imported again updates these, never doubles them.
        let id = shared::arrears::record_id(unit.id.as_str(), fee, &period);
        let amount = [1860.0, 240.0, 900.0, 356.4][i % 4];
        let mut fields = vec![
            (field::UNIT, json!(unit.id)),
            (field::FEE_TYPE, json!(fee.as_str())),
            (field::PERIOD, json!(period)),
            (field::AMOUNT, json!(amount)),
            (field::DEPARTMENT, json!(finance)),
        ];
        let mut chases = Vec::new();
        match i % 4 {
            // Second notice out, not chased yet: the butler's to call.
            0 => fields.push((field::SECOND_NOTICE_AT, json!(now - 2 * DAY_MS))),
            // Called four days ago, promised, still unpaid: escalated.
            1 => {
                fields.push((field::SECOND_NOTICE_AT, json!(now - 6 * DAY_MS)));
                chases.push((ChaseMethod::Call, ChaseResult::Promised, now - 4 * DAY_MS));
            }
            // Paid after a notice was signed for.
            2 => {
                fields.push((field::PAID_AMOUNT, json!(amount)));
                fields.push((field::PAID_AT, json!(now - 3 * DAY_MS)));
                chases.push((ChaseMethod::Notice, ChaseResult::Delivered, now - 9 * DAY_MS));
            }
            // Finance has not sent its second notice.
            _ => {}
        }
        out.push((kind::ARREARS, id.clone(), fields));
        for (n, (method, result, at)) in chases.into_iter().enumerate() {
            let mut c = vec![
                (field::ARREARS, json!(id)),
                (field::METHOD, json!(method.as_str())),
                (field::RESULT, json!(result.as_str())),
                (field::AT, json!(at)),
                (field::BY, json!(butler)),
            ];
            if result == ChaseResult::Promised {
                c.push((field::PROMISED_AT, json!(at + 2 * DAY_MS)));
            }
            out.push((kind::ARREARS_CHASE, demo_id(&format!("arrears-chase-{area}-{i}-{n}")), c));
        }
    }
    out
}

/// Year and month (1–12) of an instant in China.
fn chrono_month(ms: i64) -> (i64, i64) {
    let (y, m, _) = shared::report::period::local_date(ms, CHINA_MIN);
    (y, m)
}

/// The site's zone, minutes ahead of UTC.
const CHINA_MIN: i64 = 480;

fn visits(area: usize, units: &[&Unit], butler: &RecordId, now: i64) -> Vec<Record> {
    let plan = demo_id(&format!("visit-plan-{area}"));
    let (y, m) = chrono_month(now);
    let mut out = vec![(
        kind::VISIT_PLAN,
        plan.clone(),
        vec![
            (field::AREA, json!(demo_id(&format!("area-{area}")))),
            (field::NAME, json!(format!("{y}年{m}月入户走访"))),
            // Local midnights of the first and the last day, both in the plan.
            (field::PERIOD_START, json!(day_start(now - 20 * DAY_MS, CHINA_MIN))),
            (field::PERIOD_END, json!(day_start(now + 10 * DAY_MS, CHINA_MIN))),
            (field::TARGET_PCT, json!(60)),
            (field::CREATED_BY, json!(butler)),
        ],
    )];
    let topics = [
        VisitTopic::join(&[VisitTopic::Repairs, VisitTopic::Fees]),
        VisitTopic::join(&[VisitTopic::Environment]),
        VisitTopic::join(&[VisitTopic::Parking, VisitTopic::Security]),
    ];
    for (n, unit) in units.iter().enumerate() {
        // A third visited this period (one in five of them not at home), a third within the
        // year before, a third never.
        let (at, in_plan) = match n % 3 {
            0 => (now - (1 + (n as i64 % 18)) * DAY_MS, true),
            1 => (now - (40 + (n as i64 % 300)) * DAY_MS, false),
            _ => continue,
        };
        let outcome = if n % 15 == 0 { VisitOutcome::NotHome } else { VisitOutcome::Contacted };
        let mut fields = vec![
            (field::UNIT, json!(unit.id)),
            (field::OUTCOME, json!(outcome.as_str())),
            (field::AT, json!(at)),
            (field::BY, json!(butler)),
        ];
        if in_plan {
            fields.push((field::VISIT_PLAN, json!(plan)));
        }
        if outcome == VisitOutcome::Contacted {
            fields.push((field::TOPICS, json!(topics[n % topics.len()])));
            let mood = [Satisfaction::Satisfied, Satisfaction::Neutral][n % 2];
            fields.push((field::SATISFACTION, json!(mood.as_str())));
        }
        out.push((kind::VISIT, demo_id(&format!("visit-{area}-{n}")), fields));
    }
    out
}

#[cfg(test)]
#[path = "duties_tests.rs"]
mod tests;
