//! The property of issue 22 point 5: for random histories — requests of random types,
//! areas, times and walks (answered, reopened and answered again, cancelled, called back
//! with random satisfaction, closed), repeat complaints, patrol rounds full or not — pushed
//! to the real server, `GET /reports/kpis` answers exactly what `kpi_report` computes on a
//! device replica pulled from the same server (as the app pulls it), for the office and for
//! a butler, for random periods and filters. The cases add up on one site, and the device
//! pulls on from its cursor, so the server's kept replica is brought up to date case by case.

use super::{kpis, rec};
use crate::scope::{scene, unit, Scene};
use crate::support::Backend::{self, Postgres, Sqlite};
use crate::support::{fixture_id, now};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use rstest::rstest;
use serde_json::{json, Value};
use shared::names::{field as f, kind as k};
use shared::patrol::answer_id;
use shared::patrol::template::{default_id as template_id, PATROL_TEMPLATE};
use shared::report::answer::kpi_report;
use shared::report::{Facts, Filter, PeriodKind};
use shared::request::history::EventType;
use shared::request::Category;
use shared::{Change, RecordId, ReplicaState};

/// Cases per database: each pushes a history and compares two scopes × three questions.
const CASES: usize = 16;
const DAY: u64 = 86_400_000;
const CATEGORIES: [&str; 4] = ["repair", "inquiry", "complaint", "praise"];
const SATISFACTION: [Option<&str>; 4] =
    [None, Some("satisfied"), Some("neutral"), Some("dissatisfied")];

/// One request's history.
#[derive(Debug, Clone)]
struct Req {
    area: usize,
    category: usize,
    /// How far it went: 0 new, 1 in progress, 2 done, 3 called back, 4 closed.
    reach: usize,
    cancelled: bool,
    reopened: bool,
    /// Days before now it was made, and minutes its work took.
    age_days: u64,
    work_min: u64,
    /// Call-backs: reached, and the satisfaction index.
    callbacks: Vec<(bool, usize)>,
    /// Repeats the case's first complaint.
    repeat: bool,
}

/// One patrol round: its area, whether it walked the area's building, its age in days.
#[derive(Debug, Clone)]
struct Round {
    area: usize,
    walked: bool,
    age_days: u64,
}

fn req() -> impl Strategy<Value = Req> {
    let callbacks = prop::collection::vec((any::<bool>(), 0..4usize), 0..3);
    (0..2usize, 0..4usize, 0..5usize, any::<bool>(), any::<bool>(), 0..70u64, 1..3000u64)
        .prop_flat_map(move |(area, category, reach, c, reopened, age_days, work_min)| {
            let cancelled = c && reach == 0;
            (callbacks.clone(), any::<bool>()).prop_map(move |(callbacks, repeat)| Req {
                area,
                category,
                reach,
                cancelled,
                reopened,
                age_days,
                work_min,
                callbacks,
                repeat,
            })
        })
}

fn history() -> impl Strategy<Value = (Vec<Req>, Vec<Round>)> {
    let round = (0..2usize, any::<bool>(), 0..20u64).prop_map(|(area, walked, age_days)| Round {
        area,
        walked,
        age_days,
    });
    (prop::collection::vec(req(), 1..12), prop::collection::vec(round, 0..4))
}

/// The batches of a history: step `j` of every request goes in batch `j`, so each status
/// move is judged against the one before.
fn batches(reqs: &[Req], rounds: &[Round], t: u64) -> Vec<Vec<Change>> {
    let mut steps: Vec<Vec<Change>> = vec![Vec::new(); 9];
    let first_complaint = reqs.iter().position(|r| r.category == 2).map(|_| RecordId::new_v7());
    for (i, r) in reqs.iter().enumerate() {
        let id = match (&first_complaint, reqs.iter().position(|r| r.category == 2)) {
            (Some(c), Some(p)) if p == i => c.clone(),
            _ => RecordId::new_v7(),
        };
        let made = t - r.age_days * DAY - 3_600_000;
        let done_at = |n: u64| json!(made + n * r.work_min * 60_000);
        let set = |fields: &[(&str, Value)], s: u64| rec(k::REQUEST, &id, fields, t + s);
        let mut created = vec![
            (f::UNIT, json!(unit(r.area))),
            (f::CATEGORY, json!(CATEGORIES[r.category])),
            (f::STATUS, json!("new")),
            (f::CREATED_AT, json!(made)),
        ];
        if r.category == 2 {
            created.extend([(f::COMPLAINT_STANDS, json!(false)), (f::REPLY, json!("已解释"))]);
            if let Some(c) = first_complaint.as_ref().filter(|c| r.repeat && **c != id) {
                created.push((f::REPEAT_OF, json!(c)));
            }
        }
        steps[0].extend(set(&created, 0));
        if r.cancelled {
            let cancel = [(f::STATUS, json!("cancelled")), (f::CANCEL_REASON, json!("重复"))];
            steps[1].extend(set(&cancel, 1));
            continue;
        }
        let mut walk: Vec<Vec<(&str, Value)>> = Vec::new();
        if r.reach >= 1 {
            walk.push(vec![(f::STATUS, json!("in_progress"))]);
        }
        if r.reach >= 2 {
            walk.push(vec![(f::STATUS, json!("done")), (f::DONE_AT, done_at(1))]);
            if r.reopened {
                walk.push(vec![(f::STATUS, json!("reopened"))]);
                walk.push(vec![(f::STATUS, json!("in_progress"))]);
                walk.push(vec![(f::STATUS, json!("done")), (f::DONE_AT, done_at(2))]);
            }
        }
        for (s, fields) in walk.iter().enumerate() {
            steps[1 + s].extend(set(fields, 1 + s as u64));
        }
        if r.reopened && r.reach >= 2 {
            let event = [
                (f::REQUEST, json!(id)),
                (f::TYPE, json!(EventType::Status.as_str())),
                (f::FROM, json!("done")),
                (f::TO, json!("reopened")),
                (f::AT, done_at(1)),
            ];
            steps[3].extend(rec(k::REQUEST_EVENT, &RecordId::new_v7(), &event, t + 3));
        }
        let next = 1 + walk.len();
        for (n, (reached, sat)) in r.callbacks.iter().enumerate() {
            let result = if *reached { "reached" } else { "no_answer" };
            let cb = [
                (f::REQUEST, json!(id)),
                (f::RESULT, json!(result)),
                (f::SATISFACTION, SATISFACTION[*sat].map_or(Value::Null, |s| json!(s))),
                (f::AT, json!(made + (n as u64 + 3) * r.work_min * 60_000)),
            ];
            steps[next].extend(rec(k::CALLBACK, &RecordId::new_v7(), &cb, t + next as u64));
        }
        if r.reach >= 3 {
            steps[next + 1].extend(set(&[(f::STATUS, json!("called_back"))], 9));
        }
        if r.reach >= 4 && r.category != 2 {
            let close = [(f::STATUS, json!("closed")), (f::CLOSE_RESULT, json!("已处理"))];
            steps[next + 2].extend(set(&close, 10));
        }
    }
    for r in rounds {
        let round = RecordId::new_v7();
        let started = t - r.age_days * DAY - 7_200_000;
        let fields = [
            (f::TEMPLATE, json!(template_id(PATROL_TEMPLATE))),
            (f::VERSION, json!(1)),
            (f::AREA, json!(fixture_id(&format!("area-{}", r.area)))),
            (f::STARTED_AT, json!(started)),
            (f::ENDED_AT, json!(started + 3_600_000)),
        ];
        steps[0].extend(rec(k::PATROL_ROUND, &round, &fields, t));
        if r.walked {
            let (item, building) = (template_id(100), fixture_id(&format!("building-{}", r.area)));
            let answer = [
                (f::ROUND, json!(round)),
                (f::ITEM, json!(item)),
                (f::BUILDING, json!(building)),
                (f::RESULT, json!("pass")),
                (f::AT, json!(started + 600_000)),
            ];
            let id = answer_id(&round, &item, Some(&building), None);
            steps[0].extend(rec(k::PATROL_ANSWER, &id, &answer, t));
        }
    }
    steps.retain(|s| !s.is_empty());
    steps
}

/// A device: its replica and pull cursor, pulling as the app does.
struct Device {
    token: String,
    state: ReplicaState,
    cursor: Option<String>,
}

impl Device {
    async fn pull(&mut self, sc: &Scene) {
        loop {
            let page = sc.s.pull(&self.token, self.cursor.as_deref(), Some(5000)).await;
            if page.reset {
                self.state = ReplicaState::new();
            }
            for c in &page.changes {
                self.state.apply(c);
            }
            self.cursor = Some(page.cursor);
            if !page.more {
                return;
            }
        }
    }
}

/// Three questions: a random period around a random day, under a random filter.
fn questions(runner: &mut TestRunner, t: u64) -> Vec<(String, PeriodKind, i64, Filter)> {
    let kinds = [PeriodKind::Day, PeriodKind::Week, PeriodKind::Month, PeriodKind::Quarter];
    let pick = (0..4usize, 0..80u64, 0..5usize);
    (0..3)
        .map(|_| {
            let (kind, back, filter) = pick.new_tree(runner).expect("a question").current();
            let at = (t - back * DAY) as i64;
            let (q, filter) = match filter {
                1 => (
                    format!("&area={}", fixture_id("area-1")),
                    Filter { area: Some(fixture_id("area-1")), ..Default::default() },
                ),
                2 => (
                    "&category=complaint".into(),
                    Filter { category: Some(Category::Complaint), ..Default::default() },
                ),
                3 => (
                    format!("&area={}", fixture_id("area-0")),
                    Filter { area: Some(fixture_id("area-0")), ..Default::default() },
                ),
                _ => (String::new(), Filter::default()),
            };
            (format!("period={}&at={at}{q}", kinds[kind]), kinds[kind], at, filter)
        })
        .collect()
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_histories_give_the_server_and_a_device_the_same_figures(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(sc) = scene(b).await else { return };
    let mut runner = TestRunner::deterministic();
    let mut devices = [&sc.tokens.office, &sc.tokens.butler].map(|t| Device {
        token: t.clone(),
        state: ReplicaState::new(),
        cursor: None,
    });
    let (mut seq, mut refused, mut sent) = (1, 0, 0);
    for case in 0..CASES {
        let (reqs, rounds) = history().new_tree(&mut runner).expect("a history").current();
        let t = now();
        for batch in batches(&reqs, &rounds, t) {
            sent += batch.len();
            let reply = sc.s.push(&sc.tokens.office, "desk", vec![(seq, batch)]).await;
            refused += reply.rejections.len();
            seq += 1;
        }
        for device in devices.iter_mut() {
            device.pull(&sc).await;
            let facts = Facts::from_state(&device.state);
            for (query, kind, at, filter) in questions(&mut runner, t) {
                let server = kpis(&sc, &device.token, &query).await;
                let period = shared::report::Period::of(kind, at, 480);
                let local = kpi_report(&facts, &period, &filter, now() as i64);
                assert_eq!(server, local, "case {case}, {query}: {reqs:#?}\n{rounds:#?}");
            }
        }
    }
    // The histories were mostly taken: the comparison was of real figures.
    assert!(refused * 4 < sent, "{refused} of {sent} changes refused");
}
