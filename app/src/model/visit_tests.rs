//! The visit and plan forms' edits are what the server keeps (pushed to the model server,
//! judged by the server's own rules and scope), their bad input writes nothing, and the
//! page's lists and figures on a hand-counted fixture.

use super::flow::Choice;
use super::rules_tests::{actor, id, put, Device};
use super::visit::{area_visits, areas_for, day_figures, sort_households, HouseholdSort};
use super::visit_desk::{self, desk_rows, VisitColumn, VisitFilter};
use super::visit_form::{plan_edits, plan_for, visit_edits, PlanForm, VisitError, VisitForm};
use crate::i18n::Lang;
use crate::register::table::Sort;
use serde_json::json;
use shared::names::{field, kind};
use shared::replica::ReplicaState;
use shared::report::period::DAY_MS;
use shared::request::deadline::Settings;
use shared::request::Satisfaction;
use shared::visit::coverage::VisitFacts;
use shared::visit::{VisitOutcome, VisitTopic};
use shared::{Kind, RecordId, RejectCode, Role};

/// Area 1000 (building 100, units 1–3 occupied, 4 vacant), area 2000 (building 200, unit 7).
fn site(s: &mut ReplicaState) {
    put(s, kind::AREA, &id(1000), &[(field::NAME, json!("东区"))]);
    put(s, kind::AREA, &id(2000), &[(field::NAME, json!("西区"))]);
    put(
        s,
        kind::BUILDING,
        &id(100),
        &[(field::AREA, json!(id(1000))), (field::NAME, json!("1号楼"))],
    );
    put(
        s,
        kind::BUILDING,
        &id(200),
        &[(field::AREA, json!(id(2000))), (field::NAME, json!("9号楼"))],
    );
    for (u, b, number) in
        [(1, 100, "101"), (2, 100, "102"), (3, 100, "103"), (4, 100, "104"), (7, 200, "901")]
    {
        put(
            s,
            kind::UNIT,
            &id(u),
            &[(field::BUILDING, json!(id(b))), (field::NUMBER, json!(number))],
        );
    }
    for (link, u, p, name) in
        [(11, 1, 21, "张三"), (12, 2, 22, "李四"), (13, 3, 23, "王五"), (17, 7, 27, "赵六")]
    {
        put(s, kind::PERSON, &id(p), &[(field::NAME, json!(name))]);
        put(
            s,
            kind::UNIT_PERSON,
            &id(link),
            &[(field::UNIT, json!(id(u))), (field::PERSON, json!(id(p)))],
        );
    }
}

/// A butler of area 1000 pushing to a model server that holds the site.
fn butler() -> Device {
    let mut d = Device::new(Role::Butler);
    site(&mut d.server.state);
    d.scoped(Role::Butler, Some(&id(1000)));
    d
}

fn contacted(unit: u32) -> VisitForm {
    VisitForm {
        unit: Some(id(unit)),
        person: Some(id(20 + unit)),
        outcome: Some(VisitOutcome::Contacted),
        topics: vec![VisitTopic::Fees, VisitTopic::Repairs],
        remarks: " 反映楼道灯不亮 ".into(),
        satisfaction: Some(Satisfaction::Satisfied),
    }
}

#[test]
fn a_visit_and_a_plan_of_the_butlers_area_are_accepted() {
    let mut d = butler();
    let plan = RecordId::new_v7();
    let form = PlanForm {
        area: Some(id(1000)),
        name: "十二月走访".into(),
        start: "2026-12-01".into(),
        end: "2026-12-31".into(),
        target: "70".into(),
    };
    assert_eq!(d.push(plan_edits(&plan, &form, &actor(Role::Butler), 480).unwrap()), []);
    let visit = RecordId::new_v7();
    let edits = visit_edits(&visit, &contacted(1), Some(&plan), &actor(Role::Butler)).unwrap();
    assert_eq!(d.push(edits), []);
    let stored =
        |f: &str| d.server.state.field(&Kind::new(kind::VISIT), &visit, f).map(|s| s.value.clone());
    assert_eq!(stored(field::TOPICS), Some(json!("repairs,fees")));
    assert_eq!(stored(field::REMARKS), Some(json!("反映楼道灯不亮")), "trimmed");
    assert_eq!(stored(field::OUTCOME), Some(json!("contacted")));
    assert_eq!(stored(field::VISIT_PLAN), Some(json!(plan)));
}

#[test]
fn another_areas_household_or_plan_is_refused_out_of_scope() {
    let mut d = butler();
    let edits =
        visit_edits(&RecordId::new_v7(), &contacted(7), None, &actor(Role::Butler)).unwrap();
    assert!(d.push(edits).contains(&RejectCode::OutOfScope));
    let form = PlanForm {
        area: Some(id(2000)),
        name: "西区".into(),
        start: "2026-12-01".into(),
        end: "2026-12-31".into(),
        target: String::new(),
    };
    let edits = plan_edits(&RecordId::new_v7(), &form, &actor(Role::Butler), 480).unwrap();
    assert!(d.push(edits).contains(&RejectCode::OutOfScope));
}

#[test]
fn nobody_is_met_when_nobody_was_home() {
    let form = VisitForm { outcome: Some(VisitOutcome::NotHome), ..contacted(1) };
    let edits = visit_edits(&RecordId::new_v7(), &form, None, &actor(Role::Butler)).unwrap();
    let fields: Vec<&str> = edits.iter().map(|e| e.field.as_str()).collect();
    assert!(!fields.contains(&field::PERSON) && !fields.contains(&field::SATISFACTION));
    assert!(fields.contains(&field::TOPICS) && !fields.contains(&field::VISIT_PLAN));
    let mut d = butler();
    assert_eq!(d.push(edits), []);
}

#[test]
fn bad_input_is_named_and_writes_nothing() {
    let a = actor(Role::Butler);
    let v = |f: VisitForm| visit_edits(&id(9), &f, None, &a).err();
    assert_eq!(v(VisitForm { outcome: None, ..contacted(1) }), Some(VisitError::OutcomeRequired));
    assert_eq!(v(VisitForm { unit: None, ..contacted(1) }), Some(VisitError::UnitRequired));
    let long = "字".repeat(4001);
    assert_eq!(v(VisitForm { remarks: long, ..contacted(1) }), Some(VisitError::RemarksTooLong));
    let ok = PlanForm {
        area: Some(id(1000)),
        name: "计划".into(),
        start: "2026-12-01".into(),
        end: "2026-12-01".into(),
        target: String::new(),
    };
    let p = |f: PlanForm| plan_edits(&id(9), &f, &a, 480).err();
    assert_eq!(p(ok.clone()), None, "one day is a plan; a blank target is the setting");
    assert_eq!(p(PlanForm { area: None, ..ok.clone() }), Some(VisitError::AreaRequired));
    assert_eq!(p(PlanForm { name: "  ".into(), ..ok.clone() }), Some(VisitError::NameRequired));
    assert_eq!(p(PlanForm { start: "2026-02-30".into(), ..ok.clone() }), Some(VisitError::BadDate));
    assert_eq!(
        p(PlanForm { end: "2026-11-30".into(), ..ok.clone() }),
        Some(VisitError::EndBeforeStart)
    );
    for t in ["0", "101", "6o", "-5"] {
        assert_eq!(
            p(PlanForm { target: t.into(), ..ok.clone() }),
            Some(VisitError::BadTarget),
            "{t}"
        );
    }
}

/// The site with a plan of December 2026 (China time) in area 1000 and visits in it.
fn visited() -> (ReplicaState, i64) {
    let mut s = ReplicaState::new();
    site(&mut s);
    let dec1 = crate::register::form::date_to_ms("2026-12-01", 480).unwrap();
    let dec31 = crate::register::form::date_to_ms("2026-12-31", 480).unwrap();
    let plan = [
        (field::AREA, json!(id(1000))),
        (field::NAME, json!("十二月")),
        (field::PERIOD_START, json!(dec1)),
        (field::PERIOD_END, json!(dec31)),
        (field::TARGET_PCT, json!(60)),
    ];
    put(&mut s, kind::VISIT_PLAN, &id(500), &plan);
    let visit = |s: &mut ReplicaState, n: u32, unit: u32, outcome: &str, at: i64| {
        put(
            s,
            kind::VISIT,
            &id(n),
            &[
                (field::UNIT, json!(id(unit))),
                (field::OUTCOME, json!(outcome)),
                (field::AT, json!(at)),
            ],
        );
    };
    visit(&mut s, 31, 1, "contacted", dec1 + DAY_MS);
    visit(&mut s, 32, 2, "not_home", dec1 + 2 * DAY_MS);
    visit(&mut s, 33, 2, "contacted", dec1 - 40 * DAY_MS); // before the plan
    visit(&mut s, 34, 7, "contacted", dec31 + DAY_MS / 2); // last day of the plan, other area
    (s, dec1 + 10 * DAY_MS)
}

#[test]
fn my_day_shows_the_area_pages_current_plan_and_never_visited_count() {
    let (s, now) = visited();
    let facts = VisitFacts::of(&s, now);
    let east = Choice { id: id(1000), name: "东区".into() };
    let a = area_visits(&s, &facts, &east, now, 480, &Settings::DEFAULT);
    let day = day_figures(&facts, &east.id, now, 480, &Settings::DEFAULT);
    assert_eq!(day.plan, a.plans.iter().find(|p| p.current).map(|p| p.share));
    assert_eq!((day.plan.map(|p| p.reached), day.never), (Some(1), 1), "101 contacted, 103 never");
    // Past the plan's end there is no plan under way, and the count stays.
    let later = now + 60 * DAY_MS;
    let day = day_figures(&VisitFacts::of(&s, later), &east.id, later, 480, &Settings::DEFAULT);
    assert_eq!((day.plan, day.never), (None, 1));
}

#[test]
fn the_area_page_counts_by_hand() {
    let (s, now) = visited();
    let facts = VisitFacts::of(&s, now);
    let east = Choice { id: id(1000), name: "东区".into() };
    let a = area_visits(&s, &facts, &east, now, 480, &Settings::DEFAULT);
    // Households 1, 2, 3 (4 is vacant); contacted in the plan: 1 only → 1 of 3, short by 1.
    assert_eq!(a.plans.len(), 1);
    let p = &a.plans[0];
    assert!(p.current);
    assert_eq!(
        (p.share.reached, p.share.households, p.share.met(), p.share.short_by()),
        (1, 3, Some(false), 1)
    );
    let order: Vec<&str> = a.households.iter().map(|h| h.number.as_str()).collect();
    assert_eq!(order, ["103", "101", "102"], "never visited first, then the longest since");
    assert_eq!(a.households[2].last_outcome, Some(VisitOutcome::NotHome));
    assert_eq!((a.households[2].visits, a.households[0].people.as_str()), (2, "王五"));
    let contacted: Vec<bool> = a.households.iter().map(|h| h.contacted).collect();
    assert_eq!(contacted, [false, true, false], "101 in the plan; 102's contact was before it");
    let latest = sort_households(a.households.clone(), HouseholdSort::Latest);
    let order: Vec<&str> = latest.iter().map(|h| h.number.as_str()).collect();
    assert_eq!(order, ["103", "102", "101"]);
    // This month: 1 contacted of 3; known in 365 days: 1 and 2.
    assert_eq!((a.figures.coverage.reached, a.figures.known.reached, a.figures.never), (1, 2, 1));
    assert_eq!(plan_for(&facts, &id(1000), now, 480), Some(id(500)));
    assert_eq!(plan_for(&facts, &id(2000), now, 480), None);
}

#[test]
fn a_butler_sees_their_area_and_the_office_every_area() {
    let (s, _) = visited();
    let names = |r: Role| -> Vec<String> {
        areas_for(&s, r, Some(&id(2000))).into_iter().map(|c| c.name).collect()
    };
    assert_eq!(names(Role::Butler), ["西区"]);
    assert_eq!(names(Role::Office), ["东区", "西区"]);
    assert!(names(Role::Department).is_empty());
}

#[test]
fn the_desk_filters_sorts_and_exports_the_rows_shown() {
    let (s, now) = visited();
    let facts = VisitFacts::of(&s, now);
    let rows = desk_rows(&s, &facts);
    assert_eq!(rows.len(), 4);
    let newest = Sort { column: VisitColumn::At, descending: true };
    let all = visit_desk::shown(&rows, &VisitFilter::default(), newest, Lang::Zh, 480);
    let ids: Vec<&RecordId> = all.iter().map(|&i| &rows[i].id).collect();
    assert_eq!(ids, [&id(34), &id(32), &id(31), &id(33)]);
    let east = VisitFilter {
        area: Some(id(1000)),
        outcome: Some(VisitOutcome::Contacted),
        ..Default::default()
    };
    let kept = visit_desk::shown(&rows, &east, newest, Lang::Zh, 480);
    let ids: Vec<&RecordId> = kept.iter().map(|&i| &rows[i].id).collect();
    assert_eq!(ids, [&id(31), &id(33)]);
    let text = VisitFilter { text: "不在家".into(), ..Default::default() };
    assert_eq!(
        visit_desk::shown(&rows, &text, newest, Lang::Zh, 480).len(),
        1,
        "the outcome's words"
    );
    let cells = rows[kept[0]].cells(Lang::En, 480);
    assert_eq!(
        (cells[1].as_str(), cells[3].as_str(), cells[4].as_str()),
        ("东区", "101", "Contacted")
    );
    let book = visit_desk::workbook(&rows, &kept, Lang::En, 480).unwrap();
    assert_eq!(&book[..2], b"PK", "an XLSX (zip) workbook");
}

#[test]
fn shares_are_written_to_a_tenth_of_a_percent_and_plans_under_way_come_first() {
    use super::visit::pct_text;
    assert_eq!(
        (pct_text(Some(333)), pct_text(Some(1000)), pct_text(None)),
        ("33.3%".into(), "100.0%".into(), "—".into())
    );
    let (mut s, now) = visited();
    let old = [
        (field::AREA, json!(id(1000))),
        (field::NAME, json!("十一月")),
        (field::PERIOD_START, json!(now - 60 * DAY_MS)),
        (field::PERIOD_END, json!(now - 30 * DAY_MS)),
    ];
    put(&mut s, kind::VISIT_PLAN, &id(501), &old);
    let later = [
        (field::AREA, json!(id(1000))),
        (field::NAME, json!("明年")),
        (field::PERIOD_START, json!(now + 60 * DAY_MS)),
        (field::PERIOD_END, json!(now + 90 * DAY_MS)),
    ];
    put(&mut s, kind::VISIT_PLAN, &id(502), &later);
    let facts = VisitFacts::of(&s, now);
    let east = Choice { id: id(1000), name: "东区".into() };
    let a = area_visits(&s, &facts, &east, now, 480, &Settings::DEFAULT);
    let order: Vec<(&RecordId, bool)> = a.plans.iter().map(|p| (&p.plan.id, p.current)).collect();
    assert_eq!(order, [(&id(500), true), (&id(502), false), (&id(501), false)]);
    // The old plan has no target of its own: the site's 60 %.
    assert_eq!(a.plans[2].share.target_pct, 60);
}

#[test]
fn plans_and_visits_are_offered_to_whom_the_server_takes_them_from() {
    use super::visit::{may_plan, may_visit};
    for r in [Role::Butler, Role::Office, Role::Supervisor] {
        assert!(may_plan(r) && may_visit(r), "{r:?}");
    }
    assert!(!may_plan(Role::Department) && !may_visit(Role::Department));
}
