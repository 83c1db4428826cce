//! The UI offers only what the server keeps (issue 21 point 3): each form's edits, pushed to
//! the model server (`shared::testing`, which judges with the server's own `judge`), are
//! accepted; the forbidden form of the same edit — what an older build or a plain HTTP client
//! could send — is refused there with its code, and the model function refuses it too.

use super::checklist_edit::{draft, edit_item, remove_item, ItemForm};
use super::complaint::{complaint, done_blocker, judgement_edits, ComplaintError, Judgement};
use super::flow::{transition_edits, Actor, FlowError};
use super::followup::{callback_edits, CallbackForm};
use crate::sync::FieldEdit;
use serde_json::{json, Value};
use shared::names::{field, kind};
use shared::patrol::template::{default_id, template, PATROL_TEMPLATE};
use shared::patrol::{ItemType, ITEM};
use shared::protocol::{Batch, PushRequest};
use shared::replica::ReplicaState;
use shared::request::{CallbackResult, RequestStatus, Satisfaction};
use shared::schema::SCHEMA_VERSION;
use shared::scope::Scope;
use shared::testing::{ModelServer, Rules};
use shared::{Change, Hlc, Kind, RecordId, RejectCode, ReplicaId, Role};

pub(super) const REPLICA: &str = "0190f0a0-0000-7000-8000-0000000000aa";

/// A model server judging as `role`, and the device's next `seq` and stamp.
pub(super) struct Device {
    pub(super) server: ModelServer,
    seq: u64,
    ms: u64,
}

impl Device {
    pub(super) fn new(role: Role) -> Self {
        Device { server: ModelServer::new(Rules::Server(role)), seq: 0, ms: 1_000 }
    }

    /// Pushes `edits` as one batch; the refusals' codes.
    pub(super) fn push(&mut self, edits: Vec<FieldEdit>) -> Vec<RejectCode> {
        self.seq += 1;
        let changes = edits
            .into_iter()
            .map(|e| {
                self.ms += 1;
                e.into_change(Hlc::new(self.ms, 0), ReplicaId::from(REPLICA), None)
            })
            .collect();
        let req = PushRequest {
            replica: ReplicaId::from(REPLICA),
            schema: SCHEMA_VERSION,
            batches: vec![Batch { seq: self.seq, changes }],
            history: None,
            rebase_from: None,
        };
        let reply = self.server.push(&req, self.ms, None).expect("the batch is admitted");
        reply.rejections.iter().map(|r| r.code).collect()
    }

    /// Judges this device's pushes as `role` of `area` (none: the whole site).
    pub(super) fn scoped(&mut self, role: Role, area: Option<&RecordId>) {
        let scope = Scope::of(role, area.map(RecordId::as_str), None);
        self.server.scopes.insert(ReplicaId::from(REPLICA), scope);
    }

    pub(super) fn status(&self, id: &RecordId) -> Option<String> {
        let f = self.server.state.field(&shared::Kind::new(kind::REQUEST), id, field::STATUS);
        f.and_then(|s| s.value.as_str().map(str::to_owned))
    }
}

pub(super) fn actor(role: Role) -> Actor {
    Actor { staff: RecordId::new_v7().0, role, device: REPLICA.into(), at: 1_000 }
}

/// The fixture record numbered `n` (its id ends in `n`).
pub(super) fn id(n: u32) -> RecordId {
    RecordId::from(format!("00000000-0000-7000-8000-{n:012}"))
}

/// Writes `fields` of record `rid` as the server did, each change a stamp after the last.
pub(super) fn put(s: &mut ReplicaState, k: &str, rid: &RecordId, fields: &[(&str, Value)]) {
    for (f, v) in fields {
        let n = s.len() as u64 + 1;
        s.apply(&Change {
            kind: Kind::new(k),
            id: rid.clone(),
            field: (*f).into(),
            value: v.clone(),
            hlc: Hlc::new(n, 0),
            replica: ReplicaId::server(),
            prev: None,
        });
    }
}

/// A request walked to `status` by allowed moves (no rule of the loop in the way).
fn request(
    d: &mut Device,
    path: &[RequestStatus],
    extra: &[(&str, serde_json::Value)],
) -> RecordId {
    let id = RecordId::new_v7();
    let mut edits = vec![FieldEdit::new(kind::REQUEST, &id, field::STATUS, json!("new"))];
    edits.extend(extra.iter().map(|(f, v)| FieldEdit::new(kind::REQUEST, &id, f, v.clone())));
    assert_eq!(d.push(edits), []);
    for w in path.windows(2) {
        let e = transition_edits(&id, w[0], w[1], "", &actor(Role::Office)).expect("a move");
        assert_eq!(d.push(e), []);
    }
    id
}

#[test]
fn a_cancellation_is_offered_with_its_reason_only() {
    use RequestStatus::{Cancelled, New};
    let mut d = Device::new(Role::Butler);
    let id = request(&mut d, &[], &[]);
    let me = actor(Role::Butler);
    assert_eq!(transition_edits(&id, New, Cancelled, " ", &me), Err(FlowError::ReasonRequired));
    let bare = vec![FieldEdit::new(kind::REQUEST, &id, field::STATUS, json!("cancelled"))];
    assert_eq!(d.push(bare), [RejectCode::ReasonRequired]);
    assert_eq!(d.push(transition_edits(&id, New, Cancelled, "重复", &me).unwrap()), []);
    assert_eq!(d.status(&id).as_deref(), Some("cancelled"));
}

#[test]
fn a_complaint_is_offered_done_when_the_server_takes_it() {
    use RequestStatus::{Done, InProgress, New};
    let mut d = Device::new(Role::Butler);
    let unfounded =
        [(field::CATEGORY, json!("complaint")), (field::COMPLAINT_STANDS, json!(false))];
    let id = request(&mut d, &[New, InProgress], &unfounded);
    let me = actor(Role::Butler);
    let view = |d: &Device| complaint(&d.server.state, &id).expect("a complaint");
    assert_eq!(done_blocker(&view(&d)), Some(ComplaintError::ReplyRequired));
    let done = transition_edits(&id, InProgress, Done, "", &me).unwrap();
    assert_eq!(d.push(done.clone())[..1], [RejectCode::ComplaintOpen]);
    let j = Judgement { stands: Some(false), reply: "已解释".into(), ..Judgement::default() };
    assert_eq!(d.push(judgement_edits(&id, &view(&d), &j, &me).unwrap()), []);
    assert_eq!(done_blocker(&view(&d)), None);
    assert_eq!(d.push(transition_edits(&id, InProgress, Done, "", &me).unwrap()), []);
    assert_eq!(d.status(&id).as_deref(), Some("done"));
}

#[test]
fn called_back_comes_with_its_attempt() {
    use RequestStatus::{Done, InProgress, New};
    let mut d = Device::new(Role::Butler);
    let id = request(&mut d, &[New, InProgress, Done], &[]);
    let me = actor(Role::Butler);
    let bare = vec![FieldEdit::new(kind::REQUEST, &id, field::STATUS, json!("called_back"))];
    assert_eq!(d.push(bare), [RejectCode::AttemptRequired]);
    let form = CallbackForm {
        result: CallbackResult::Reached,
        satisfaction: Some(Satisfaction::Satisfied),
        comment: String::new(),
    };
    assert_eq!(d.push(callback_edits(&id, Done, &form, &me).unwrap()), []);
    assert_eq!(d.status(&id).as_deref(), Some("called_back"));
}

#[test]
fn a_complaint_is_offered_closed_when_its_loop_is_through_and_then_is_read_only() {
    use super::closing::{close_blockers, close_edits, read_only, CloseBlocker, CloseError};
    use super::complaint::{approve_edits, confirm_edits};
    use shared::request::Confirmation;
    use RequestStatus::{Assigned, CalledBack, Closed, Done, InProgress, New, Reopened};
    let mut d = Device::new(Role::Supervisor);
    let id = request(
        &mut d,
        &[New, Assigned, InProgress, Done],
        &[(field::CATEGORY, json!("complaint"))],
    );
    let me = actor(Role::Supervisor);
    let form = CallbackForm {
        result: CallbackResult::Reached,
        satisfaction: Some(Satisfaction::Satisfied),
        comment: String::new(),
    };
    assert_eq!(d.push(callback_edits(&id, Done, &form, &me).unwrap()), []);
    let blockers = |d: &Device, result| close_blockers(&d.server.state, &id, result);
    let close = |d: &Device, result| close_edits(&d.server.state, &id, CalledBack, result, &me);
    // Not judged: the button is disabled, and the same move from a plain client is refused.
    assert_eq!(blockers(&d, ""), [CloseBlocker::Unjudged, CloseBlocker::ResultRequired]);
    assert!(matches!(close(&d, "已处理"), Err(CloseError::Blocked(_))));
    let forced = transition_edits(&id, CalledBack, Closed, "已处理", &me).unwrap();
    assert_eq!(d.push(forced), [RejectCode::ComplaintOpen]);
    let view = |d: &Device| complaint(&d.server.state, &id).expect("a complaint");
    let j = Judgement { stands: Some(true), plan: "更换门禁".into(), ..Judgement::default() };
    assert_eq!(d.push(judgement_edits(&id, &view(&d), &j, &me).unwrap()), []);
    assert_eq!(blockers(&d, "x"), [CloseBlocker::PlanNotApproved, CloseBlocker::NotConfirmed]);
    assert_eq!(d.push(approve_edits(&id, &view(&d), &me).unwrap()), []);
    let consent = confirm_edits(&id, Confirmation::Verbal, "电话确认", "", &me).unwrap();
    assert_eq!(d.push(consent), []);
    assert_eq!(blockers(&d, " "), [CloseBlocker::ResultRequired]);
    assert!(!read_only(&d.server.state, &id));
    assert_eq!(d.push(close(&d, "已更换门禁，住户满意").unwrap()), []);
    assert_eq!(d.status(&id).as_deref(), Some("closed"));
    // Closed: read-only, and an edit from an older build is refused; reopening clears it.
    assert!(read_only(&d.server.state, &id));
    let edit = vec![FieldEdit::new(kind::REQUEST, &id, field::DESCRIPTION, json!("改"))];
    assert_eq!(d.push(edit), [RejectCode::RequestClosed]);
    assert_eq!(d.push(transition_edits(&id, Closed, Reopened, "", &me).unwrap()), []);
    assert!(!read_only(&d.server.state, &id));
    assert_eq!(blockers(&d, ""), [CloseBlocker::ResultRequired], "a new close, a new result");
}

#[test]
fn the_checklist_editor_never_writes_into_the_published_version() {
    let mut d = Device::new(Role::Supervisor);
    let s = d.server.state.clone();
    let t = template(&s, &default_id(PATROL_TEMPLATE)).expect("the default patrol template");
    let (_, items) = draft(&s, &t).into_iter().next().expect("a section");
    let form = ItemForm {
        text_zh: "楼道干净".into(),
        ty: Some(ItemType::PassFail),
        ..ItemForm::default()
    };
    let in_place = vec![FieldEdit::new(ITEM, &items[0].id, field::TEXT_ZH, json!("楼道干净"))];
    assert_eq!(d.push(in_place), [RejectCode::Published]);
    assert_eq!(d.push(edit_item(&t, &items[0], &form).unwrap()), []);
    assert_eq!(d.push(remove_item(&t, &items[1])), []);
}

#[test]
fn a_quality_checks_answers_are_offered_to_the_supervisor_only() {
    use super::patrol::{answer_edits, AnswerValue, PatrolError};
    use shared::patrol::template::{checklist, QUALITY_TEMPLATE};
    use shared::patrol::{AnswerResult, ROUND};
    let mut sup = Device::new(Role::Supervisor);
    let round = RecordId::new_v7();
    let r = |f: &str, v: serde_json::Value| FieldEdit::new(ROUND, &round, f, v);
    let quality = default_id(QUALITY_TEMPLATE);
    assert_eq!(
        sup.push(vec![r(field::TEMPLATE, json!(quality)), r(field::PURPOSE, json!("quality"))]),
        []
    );
    let s = sup.server.state.clone();
    let item = checklist(&s, &quality, 1).into_iter().flat_map(|(_, i)| i).next().expect("an item");
    let fail = AnswerValue::Verdict(AnswerResult::Fail);
    let answer = |role| answer_edits(&s, &round, &item, (None, None), &fail, "", &actor(role));
    assert_eq!(answer(Role::Butler), Err(PatrolError::NoRound), "not offered to the butler");
    let edits = answer(Role::Supervisor).expect("the supervisor's");
    assert_eq!(sup.push(edits.clone()), []);
    // The butler's device pushing the same answer (an older build, a plain client): refused.
    let mut butler = Device { server: sup.server, seq: sup.seq, ms: sup.ms };
    butler.server.rules = Rules::Server(Role::Butler);
    let codes = butler.push(edits);
    assert!(!codes.is_empty() && codes.iter().all(|c| *c == RejectCode::Forbidden), "{codes:?}");
}
