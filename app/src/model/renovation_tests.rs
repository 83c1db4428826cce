//! The renovation pages offer only what the server keeps: every move each role is offered,
//! pushed to the model server (`shared::testing`, judging with the server's own `judge`), is
//! accepted, and every move not offered — built the same way — is refused; a violation's one
//! edit holds the check, the stop and the request.

use super::flow::Actor;
use super::renovation::{renovation, renovations, RenoFilter};
use super::renovation_check::{
    acceptance_edits, check_edits, check_items, checks_of, may_check, CheckForm,
};
use super::renovation_desk::{self, RenoColumn};
use super::renovation_form::{
    application_edits, build_move, move_edits, offered_moves, ApplicationForm, RenoError,
};
use super::rules_tests::{actor, Device};
use crate::i18n::Lang;
use crate::register::table::Sort;
use crate::sync::FieldEdit;
use serde_json::json;
use shared::names::{field, kind};
use shared::register::PersonRole;
use shared::renovation::{CheckResult, RenovationStatus};
use shared::replica::ReplicaState;
use shared::testing::Rules;
use shared::{Kind, RecordId, RejectCode, Role};

const CN: i64 = 480;

/// The reference data: two areas with a building and a unit each, engineering and finance.
struct Site {
    area: RecordId,
    unit: RecordId,
    other_unit: RecordId,
    engineering: RecordId,
    finance: RecordId,
}

fn site(d: &mut Device) -> Site {
    let ids: Vec<RecordId> = (0..8).map(|_| RecordId::new_v7()).collect();
    let (area, other_area, b1, b2, unit, other_unit, eng, fin) = (
        ids[0].clone(),
        ids[1].clone(),
        ids[2].clone(),
        ids[3].clone(),
        ids[4].clone(),
        ids[5].clone(),
        ids[6].clone(),
        ids[7].clone(),
    );
    let e = |k: &str, id: &RecordId, f: &str, v: serde_json::Value| FieldEdit::new(k, id, f, v);
    let edits = vec![
        e(kind::AREA, &area, field::NAME, json!("一区")),
        e(kind::AREA, &other_area, field::NAME, json!("二区")),
        e(kind::BUILDING, &b1, field::AREA, json!(area)),
        e(kind::BUILDING, &b2, field::AREA, json!(other_area)),
        e(kind::UNIT, &unit, field::BUILDING, json!(b1)),
        e(kind::UNIT, &unit, field::NUMBER, json!("1-0302")),
        e(kind::UNIT, &other_unit, field::BUILDING, json!(b2)),
        e(kind::UNIT, &other_unit, field::NUMBER, json!("2-0101")),
        e(kind::DEPARTMENT, &eng, field::NAME, json!("工程部")),
        e(kind::DEPARTMENT, &eng, field::CODE, json!("engineering")),
        e(kind::DEPARTMENT, &fin, field::NAME, json!("财务部")),
        e(kind::DEPARTMENT, &fin, field::CODE, json!("finance")),
    ];
    as_role(d, Role::Office);
    assert_eq!(d.push(edits), []);
    Site { area, unit, other_unit, engineering: eng, finance: fin }
}

fn as_role(d: &mut Device, role: Role) {
    d.server.rules = Rules::Server(role);
}

fn form(unit: &RecordId) -> ApplicationForm {
    ApplicationForm {
        unit: unit.to_string(),
        applicant: "王芳".into(),
        applicant_role: Some(PersonRole::Owner),
        applicant_phone: "13800001111".into(),
        company: "好家装饰".into(),
        foreman: "李师傅".into(),
        foreman_phone: "139 0000 2222".into(),
        workers: "4".into(),
        works: "厨卫改造".into(),
        planned_start: "2026-03-01".into(),
        planned_end: "2026-04-30".into(),
        deposit: "3000".into(),
    }
}

/// A renovation filed by a butler and walked to `status` by the roles that may.
fn filed(d: &mut Device, s: &Site, status: RenovationStatus) -> RecordId {
    use RenovationStatus::*;
    let id = RecordId::new_v7();
    as_role(d, Role::Butler);
    let e = application_edits(&id, &form(&s.unit), Some(&s.engineering), &actor(Role::Butler), CN);
    assert_eq!(d.push(e.unwrap()), []);
    let path: &[(RenovationStatus, Role)] = match status {
        Applied => &[],
        Reviewed => &[(Reviewed, Role::Department)],
        Approved => &[(Reviewed, Role::Department), (Approved, Role::Supervisor)],
        Stopped => {
            &[(Reviewed, Role::Office), (Approved, Role::Supervisor), (Stopped, Role::Butler)]
        }
        _ => &[(status, Role::Supervisor)],
    };
    let mut from = Applied;
    for &(to, role) in path {
        as_role(d, role);
        let me = actor(role);
        assert_eq!(
            d.push(move_edits(&id, from, to, "", &me).expect("offered")),
            [],
            "{from}->{to}"
        );
        from = to;
    }
    id
}

fn status(d: &Device, id: &RecordId) -> Option<String> {
    let f = d.server.state.field(&Kind::new(kind::RENOVATION), id, field::STATUS);
    f.and_then(|s| s.value.as_str().map(str::to_owned))
}

#[test]
fn approval_by_a_butler_or_before_review_is_neither_offered_nor_taken() {
    use RenovationStatus::*;
    let mut d = Device::new(Role::Butler);
    let s = site(&mut d);
    let id = filed(&mut d, &s, Applied);
    let butler = actor(Role::Butler);
    assert_eq!(offered_moves(Role::Butler, Applied), [Cancelled]);
    assert_eq!(move_edits(&id, Applied, Approved, "", &butler), Err(RenoError::NotAllowed));
    let boss = actor(Role::Supervisor);
    assert_eq!(move_edits(&id, Applied, Approved, "", &boss), Err(RenoError::NotAllowed));
    as_role(&mut d, Role::Supervisor);
    assert_eq!(
        d.push(build_move(&id, Applied, Approved, "", &boss))[..1],
        [RejectCode::BadTransition]
    );
    // Engineering reviews; then a butler's approval is refused, the manager's taken.
    as_role(&mut d, Role::Department);
    let review = move_edits(&id, Applied, Reviewed, "图纸齐全", &actor(Role::Department)).unwrap();
    assert!(review.iter().any(|e| e.field == field::REVIEWED_AT));
    assert_eq!(d.push(review), []);
    as_role(&mut d, Role::Butler);
    assert!(!offered_moves(Role::Butler, Reviewed).contains(&Approved));
    assert_eq!(
        d.push(build_move(&id, Reviewed, Approved, "", &butler))[..1],
        [RejectCode::Forbidden]
    );
    assert!(!offered_moves(Role::Office, Reviewed).contains(&Approved));
    as_role(&mut d, Role::Supervisor);
    assert_eq!(d.push(move_edits(&id, Reviewed, Approved, "", &boss).unwrap()), []);
    assert_eq!(status(&d, &id).as_deref(), Some("approved"));
    let v = renovation(&d.server.state, &id, 0, CN).unwrap();
    assert_eq!((v.unit_number.as_str(), v.department_name.as_str()), ("1-0302", "工程部"));
    assert!(v.approved_at.is_some() && v.reviewed_at.is_some());
}

#[test]
fn every_offered_move_is_taken_and_every_other_refused() {
    use RenovationStatus::*;
    for from in [Applied, Reviewed, Approved, Stopped] {
        for &role in Role::ALL {
            for &to in RenovationStatus::ALL {
                if to == from {
                    continue;
                }
                let mut d = Device::new(Role::Office);
                let s = site(&mut d);
                let id = filed(&mut d, &s, from);
                as_role(&mut d, role);
                let me = actor(role);
                let offered = offered_moves(role, from).contains(&to);
                let edits = if to == Completed {
                    let r = renovation(&d.server.state, &id, 0, CN).unwrap();
                    let req = RecordId::new_v7();
                    match acceptance_edits(&d.server.state, &r, &req, &me) {
                        Ok(e) => e,
                        Err(_) => {
                            let mut e = build_move(&id, from, to, "", &me);
                            e.push(FieldEdit::new(
                                kind::RENOVATION,
                                &id,
                                field::DEPOSIT_REQUEST,
                                json!(req),
                            ));
                            e
                        }
                    }
                } else {
                    match move_edits(&id, from, to, "", &me) {
                        Ok(e) => e,
                        Err(_) => build_move(&id, from, to, "", &me),
                    }
                };
                let refused = d.push(edits);
                assert_eq!(refused.is_empty(), offered, "{role} {from}->{to}: {refused:?}");
                if offered {
                    assert_eq!(
                        status(&d, &id).as_deref(),
                        Some(to.as_str()),
                        "{role} {from}->{to}"
                    );
                }
            }
        }
    }
}

#[test]
fn a_violation_is_one_edit_holding_the_check_the_stop_and_the_request() {
    let mut d = Device::new(Role::Butler);
    let s = site(&mut d);
    let id = filed(&mut d, &s, RenovationStatus::Approved);
    as_role(&mut d, Role::Butler);
    let me = actor(Role::Butler);
    let items = check_items(&d.server.state);
    assert_eq!(items.len(), 5, "the default renovation section");
    let r = renovation(&d.server.state, &id, 0, CN).unwrap();
    let (check, req) = (RecordId::new_v7(), RecordId::new_v7());
    let mut f = CheckForm {
        failed: vec![items[3].id.clone()],
        result: CheckResult::Violation,
        violation: " ".into(),
        note: String::new(),
    };
    let st = &d.server.state;
    assert_eq!(check_edits(st, &r, &check, &req, &f, &me), Err(RenoError::ViolationRequired));
    f.violation = "拆除承重墙".into();
    let edits = check_edits(st, &r, &check, &req, &f, &me).unwrap();
    let kinds: std::collections::BTreeSet<&str> = edits.iter().map(|e| e.kind.as_str()).collect();
    assert!(kinds.contains(kind::RENOVATION_CHECK) && kinds.contains(kind::REQUEST));
    assert_eq!(d.push(edits), []);
    assert_eq!(status(&d, &id).as_deref(), Some("stopped"));
    let st = &d.server.state;
    let c = st.record(&Kind::new(kind::RENOVATION_CHECK), &check).unwrap();
    assert_eq!(c.flag(field::STOP_ORDER), Some(true));
    assert_eq!(c.reference(field::REQUEST), Some(req.clone()));
    let q = st.record(&Kind::new(kind::REQUEST), &req).unwrap();
    assert_eq!(q.reference(field::UNIT), Some(s.unit.clone()));
    assert_eq!(q.text(field::SOURCE), Some("patrol"));
    assert_eq!(q.reference(field::DEPARTMENT), Some(s.engineering.clone()));
    assert!(q.string(field::DESCRIPTION).contains("拆除承重墙"));
    assert!(q.string(field::DESCRIPTION).contains(&items[3].text_zh));
    let history = checks_of(st, &id);
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].failed, vec![(items[3].text_zh.clone(), items[3].text_en.clone())]);
    // A stopped site is checked too (an ok check leaves it stopped); a rejected one is not.
    let r = renovation(st, &id, 0, CN).unwrap();
    let ok = CheckForm {
        failed: vec![],
        result: CheckResult::Ok,
        violation: String::new(),
        note: String::new(),
    };
    let e = check_edits(st, &r, &RecordId::new_v7(), &RecordId::new_v7(), &ok, &me).unwrap();
    assert!(!e.iter().any(|e| e.kind.as_str() == kind::REQUEST));
    assert_eq!(d.push(e), []);
    assert_eq!(status(&d, &id).as_deref(), Some("stopped"));
    assert!(!may_check(Role::Department));
    let rejected = filed(&mut d, &s, RenovationStatus::Rejected);
    let r = renovation(&d.server.state, &rejected, 0, CN).unwrap();
    let e = check_edits(&d.server.state, &r, &RecordId::new_v7(), &RecordId::new_v7(), &ok, &me);
    assert_eq!(e, Err(RenoError::NotActive));
}

#[test]
fn acceptance_completes_and_flags_the_deposit_to_finance() {
    let mut d = Device::new(Role::Butler);
    let s = site(&mut d);
    let id = filed(&mut d, &s, RenovationStatus::Approved);
    as_role(&mut d, Role::Butler);
    let me = actor(Role::Butler);
    let r = renovation(&d.server.state, &id, 0, CN).unwrap();
    let req = RecordId::new_v7();
    assert_eq!(d.push(acceptance_edits(&d.server.state, &r, &req, &me).unwrap()), []);
    let st = &d.server.state;
    let v = renovation(st, &id, 0, CN).unwrap();
    assert_eq!(v.status, Some(RenovationStatus::Completed));
    assert_eq!(v.deposit_request, Some(req.clone()));
    assert!(v.accepted_at.is_some());
    let q = st.record(&Kind::new(kind::REQUEST), &req).unwrap();
    assert_eq!(q.reference(field::DEPARTMENT), Some(s.finance.clone()));
    let text = q.string(field::DESCRIPTION);
    assert!(text.contains("3000") && text.contains("1-0302"), "{text}");
    // Department staff may complete by the machine but not write `accepted_by`: not offered.
    let dept = actor(Role::Department);
    assert!(!offered_moves(Role::Department, RenovationStatus::Approved)
        .contains(&RenovationStatus::Completed));
    assert_eq!(acceptance_edits(st, &r, &req, &dept), Err(RenoError::NotAllowed));
}

#[test]
fn the_form_refuses_bad_input_and_writes_nothing() {
    let me = actor(Role::Butler);
    let id = RecordId::new_v7();
    let unit = RecordId::new_v7();
    let try_ = |f: ApplicationForm| application_edits(&id, &f, None, &me, CN).map(|_| ());
    assert_eq!(
        try_(ApplicationForm { unit: String::new(), ..form(&unit) }),
        Err(RenoError::UnitRequired)
    );
    assert_eq!(
        try_(ApplicationForm { applicant: " ".into(), ..form(&unit) }),
        Err(RenoError::ApplicantRequired)
    );
    assert_eq!(
        try_(ApplicationForm { works: String::new(), ..form(&unit) }),
        Err(RenoError::WorksRequired)
    );
    let backwards = ApplicationForm { planned_end: "2026-02-01".into(), ..form(&unit) };
    assert_eq!(try_(backwards), Err(RenoError::BadDates));
    assert_eq!(
        try_(ApplicationForm { workers: "2.5".into(), ..form(&unit) }),
        Err(RenoError::BadNumber)
    );
    assert_eq!(
        try_(ApplicationForm { deposit: "-1".into(), ..form(&unit) }),
        Err(RenoError::BadNumber)
    );
    assert_eq!(
        try_(ApplicationForm { foreman_phone: "call me".into(), ..form(&unit) }),
        Err(RenoError::BadPhone)
    );
    assert_eq!(try_(form(&unit)), Ok(()));
    let dept = actor(Role::Department);
    let e = application_edits(&id, &form(&unit), None, &dept, CN).map(|_| ());
    assert_eq!(e, Err(RenoError::NotAllowed));
}

#[test]
fn the_list_keeps_the_area_and_marks_todays_checks() {
    let mut d = Device::new(Role::Office);
    let s = site(&mut d);
    let id = filed(&mut d, &s, RenovationStatus::Approved);
    let waiting = filed(&mut d, &s, RenovationStatus::Reviewed);
    as_role(&mut d, Role::Butler);
    let other = RecordId::new_v7();
    let e = application_edits(&other, &form(&s.other_unit), None, &actor(Role::Butler), CN);
    assert_eq!(d.push(e.unwrap()), []);
    let now = super::renovation::parse_date("2026-03-10", CN).unwrap() + 10 * 3_600_000;
    let st: &ReplicaState = &d.server.state;
    let mine = renovations(st, Some(&s.area), now, CN);
    assert_eq!(mine.len(), 2);
    assert_eq!(renovations(st, None, now, CN).len(), 3);
    let active: Vec<&RecordId> =
        mine.iter().filter(|r| RenoFilter::Active.keeps(r.status)).map(|r| &r.id).collect();
    assert_eq!(active, [&id]);
    assert!(mine.iter().any(|r| r.id == waiting && RenoFilter::Approval.keeps(r.status)));
    let row = mine.iter().find(|r| r.id == id).unwrap();
    assert!(row.active_today && !row.checked_today);
    // The butler's day lists it until it is checked; the other area's day does not.
    let day = super::renovation::to_check_today(st, Some(&s.area), now, CN);
    assert_eq!(
        day.iter().map(|x| (&x.id, x.unit_number.as_str())).collect::<Vec<_>>(),
        [(&id, "1-0302")]
    );
    assert_eq!(super::renovation::to_check_today(st, Some(&RecordId::new_v7()), now, CN), []);
    // A check now marks it.
    let check = RecordId::new_v7();
    let me = Actor { at: now, ..actor(Role::Butler) };
    let ok = CheckForm {
        failed: vec![],
        result: CheckResult::Ok,
        violation: String::new(),
        note: String::new(),
    };
    assert_eq!(
        d.push(check_edits(&d.server.state, row, &check, &RecordId::new_v7(), &ok, &me).unwrap()),
        []
    );
    let row = renovation(&d.server.state, &id, now, CN).unwrap();
    assert!(row.checked_today);
    assert_eq!(super::renovation::to_check_today(&d.server.state, Some(&s.area), now, CN), []);
    // The reports' coverage: today checked, counted from the start of the works' month.
    let month = shared::report::Period::of(shared::report::PeriodKind::Month, now, CN);
    let (lines, total) = super::renovation::coverage_lines(&d.server.state, &month, now, None);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].name, "一区");
    // Active from 1 March to 10 March (today): 10 site-days, one checked.
    assert_eq!((total.checked, total.active), (1, 10));
    assert_eq!(lines[0].coverage, total);
    // The desk: filtered, sorted, and the workbook of what is shown.
    let all = renovations(&d.server.state, None, now, CN);
    let by_unit = Sort { column: RenoColumn::Unit, descending: true };
    let order = renovation_desk::shown(&all, RenoFilter::All, "", by_unit);
    assert_eq!(all[order[0]].unit_number, "2-0101");
    assert_eq!(renovation_desk::shown(&all, RenoFilter::All, "2-01", by_unit).len(), 1);
    let cells = renovation_desk::cells(&row, Lang::Zh, CN);
    assert_eq!(cells[6], "2026-03-01");
    assert_eq!(cells[9], crate::i18n::Rn::Yes.text(Lang::Zh));
    assert!(renovation_desk::workbook(&all, &order, Lang::En, CN).is_ok_and(|b| b.len() > 100));
}
