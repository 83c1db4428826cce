use super::*;
use shared::request::history::EVENT;
use shared::{Hlc, ReplicaId};

fn actor(role: Role) -> Actor {
    Actor { staff: RecordId::new_v7().0, role, device: "tablet-1".into(), at: 1000 * HOUR_MS }
}

fn apply(s: &mut ReplicaState, edits: Vec<FieldEdit>) {
    for (n, e) in edits.into_iter().enumerate() {
        let hlc = Hlc::new(s.len() as u64 * 100 + n as u64 + 1, 0);
        s.apply(&e.into_change(hlc, ReplicaId::server(), None));
    }
}

fn new_complaint(s: &mut ReplicaState, unit: &RecordId, status: &str, created_h: i64) -> RecordId {
    let id = RecordId::new_v7();
    let r = |f: &str, v: Value| FieldEdit::new("request", &id, f, v);
    apply(
        s,
        vec![
            r("category", json!("complaint")),
            r("status", json!(status)),
            r("unit", json!(unit)),
            r("created_at", json!(created_h * HOUR_MS)),
        ],
    );
    id
}

fn events(s: &ReplicaState) -> Vec<String> {
    s.records_of(EVENT).map(|(_, f)| format!("{}:{}", f.string("type"), f.string("to"))).collect()
}

#[test]
fn a_complaint_that_does_not_stand_needs_a_reasoned_reply() {
    let mut s = ReplicaState::new();
    let id = new_complaint(&mut s, &RecordId::new_v7(), "in_progress", 0);
    let c = complaint(&s, &id).expect("a complaint");
    let mut j = Judgement { stands: Some(false), ..Default::default() };
    let a = actor(Role::Butler);
    assert_eq!(judgement_edits(&id, &c, &j, &a), Err(ComplaintError::ReplyRequired));
    apply(&mut s, vec![FieldEdit::new("request", &id, "complaint_stands", json!(false))]);
    assert_eq!(done_blocker(&complaint(&s, &id).unwrap()), Some(ComplaintError::ReplyRequired));
    j.reply = "经核实系邻居装修，已协调".into();
    j.cause = "装修噪音".into();
    let edits = judgement_edits(&id, &complaint(&s, &id).unwrap(), &j, &a).unwrap();
    FieldEdit::assert_fit_the_schema(&edits);
    apply(&mut s, edits);
    let c = complaint(&s, &id).unwrap();
    assert_eq!((c.stands, c.cause.as_str()), (Some(false), "装修噪音"));
    assert_eq!(done_blocker(&c), None);
    assert!(events(&s).iter().any(|e| e.starts_with("edited")));
    assert_eq!(judgement_edits(&id, &c, &j, &a), Ok(Vec::new()), "nothing changed");
}

#[test]
fn only_a_supervisor_approves_a_written_plan_and_a_new_plan_needs_approval_again() {
    let mut s = ReplicaState::new();
    let id = new_complaint(&mut s, &RecordId::new_v7(), "assigned", 0);
    let butler = actor(Role::Butler);
    let boss = actor(Role::Supervisor);
    let c = complaint(&s, &id).unwrap();
    assert_eq!(approve_edits(&id, &c, &boss), Err(ComplaintError::NotApprovable), "no plan");
    let j = Judgement { stands: Some(true), plan: "更换水管".into(), ..Default::default() };
    apply(&mut s, judgement_edits(&id, &c, &j, &butler).unwrap());
    let c = complaint(&s, &id).unwrap();
    assert_eq!(approve_edits(&id, &c, &butler), Err(ComplaintError::NotApprovable));
    let edits = approve_edits(&id, &c, &boss).unwrap();
    FieldEdit::assert_fit_the_schema(&edits);
    apply(&mut s, edits);
    let c = complaint(&s, &id).unwrap();
    assert_eq!(c.plan_approved_by.as_ref().map(|r| r.as_str()), Some(boss.staff.as_str()));
    assert!(events(&s).contains(&"plan_approved:".to_owned()));
    let j2 = Judgement { plan: "更换整段水管".into(), ..j };
    apply(&mut s, judgement_edits(&id, &c, &j2, &butler).unwrap());
    assert_eq!(complaint(&s, &id).unwrap().plan_approved_by, None, "another plan");
}

#[test]
fn telling_progress_moves_the_deadline_and_escalation_goes_level_by_level() {
    let mut s = ReplicaState::new();
    let id = new_complaint(&mut s, &RecordId::new_v7(), "in_progress", 0);
    let a = actor(Role::Butler);
    assert!(progress_due(RequestStatus::InProgress, true));
    assert!(!progress_due(RequestStatus::Done, true));
    assert_eq!(progress_edits(&id, a.at, "", &a), Err(ComplaintError::BadTime));
    let next = a.at + 24 * HOUR_MS;
    apply(&mut s, progress_edits(&id, next, "已告知进度", &a).unwrap());
    let f = s.record(&Kind::new("request"), &id).unwrap();
    assert_eq!(f.get("due_at").and_then(|v| v.value.as_i64()), Some(next));
    assert_eq!(complaint(&s, &id).unwrap().next_reply_at, Some(next));
    assert!(events(&s).contains(&format!("progress_told:{next}")));

    let up = escalate_edits(&id, Escalation::None, "", &a).unwrap();
    FieldEdit::assert_fit_the_schema(&up);
    apply(&mut s, up);
    let c = complaint(&s, &id).unwrap();
    assert_eq!(c.escalation, Escalation::Supervisor);
    assert_eq!(escalate_edits(&id, c.escalation, " ", &a), Err(ComplaintError::ReportRequired));
    apply(&mut s, escalate_edits(&id, c.escalation, "整改报告", &a).unwrap());
    let c = complaint(&s, &id).unwrap();
    assert_eq!((c.escalation, c.corrective_report.as_str()), (Escalation::Manager, "整改报告"));
    assert_eq!(escalate_edits(&id, c.escalation, "x", &a), Err(ComplaintError::TopLevel));
    let ev = events(&s);
    assert!(
        ev.contains(&"escalated:supervisor".into()) && ev.contains(&"escalated:manager".into())
    );
}

#[test]
fn confirmation_is_a_signature_or_a_verbal_note() {
    let id = RecordId::new_v7();
    let a = actor(Role::Butler);
    let err = Err(ComplaintError::ConfirmationIncomplete);
    assert_eq!(confirm_edits(&id, Confirmation::Verbal, " ", "", &a), err);
    assert_eq!(confirm_edits(&id, Confirmation::Signature, "", "", &a), err);
    let too_long = "M1 1".repeat(SIGNATURE_MAX);
    assert_eq!(confirm_edits(&id, Confirmation::Signature, "", &too_long, &a), err);
    let signed = confirm_edits(&id, Confirmation::Signature, "", "M1 1L2 2", &a).unwrap();
    FieldEdit::assert_fit_the_schema(&signed);
    assert!(signed.iter().any(|e| e.field == "signature" && e.value == json!("M1 1L2 2")));
    let verbal = confirm_edits(&id, Confirmation::Verbal, "电话确认 10:20", "", &a).unwrap();
    assert!(verbal.iter().any(|e| e.field == "confirmation" && e.value == json!("verbal")));
}

#[test]
fn repeats_are_earlier_live_complaints_of_the_same_unit_within_90_days() {
    let mut s = ReplicaState::new();
    let (unit, other_unit) = (RecordId::new_v7(), RecordId::new_v7());
    let day = 24;
    let answered = new_complaint(&mut s, &unit, "closed", 100 * day);
    let _cancelled = new_complaint(&mut s, &unit, "cancelled", 150 * day);
    let _too_old = new_complaint(&mut s, &unit, "closed", 100 * day - 100 * day);
    let _elsewhere = new_complaint(&mut s, &other_unit, "closed", 150 * day);
    let accepted = new_complaint(&mut s, &unit, "assigned", 160 * day);
    let new = new_complaint(&mut s, &unit, "new", 170 * day);
    let found: Vec<RecordId> = repeat_candidates(&s, &new).into_iter().map(|c| c.id).collect();
    assert_eq!(found, [accepted.clone(), answered], "newest first");

    let a = actor(Role::Butler);
    let edits = repeat_edits(&new, Some(&accepted), &a);
    FieldEdit::assert_fit_the_schema(&edits);
    apply(&mut s, edits);
    assert_eq!(complaint(&s, &new).unwrap().repeat_of, Some(accepted));
    // Since day 100: answered, accepted, new (+ elsewhere) count; the cancelled one does not;
    // the repeat is over the three first complaints (`shared::report`).
    use shared::report::{figure, Facts, Filter, KpiId, Period};
    let span = Period::custom(100 * day * HOUR_MS, 200 * day * HOUR_MS, 0);
    let g = figure(&Facts::from_state(&s), KpiId::RepeatComplaint, &span, &Filter::default(), 0);
    assert_eq!((g.num, g.den), (1, 3));
}
