//! What the request page offers a role: each control is shown only when the edits it
//! would save pass the server's own writer judge (`shared::scope::may_write_field`, the
//! check `push_rules::admit` runs) and, for a status move, the status machine
//! (`RequestStatus::next_steps_for`). So department staff get 开始处理 / 已完成, comments and
//! nothing the server refuses (no description editor, no dispatch, no call-back).
//!
//! Laws:
//! - A control is offered exactly when every field of the edits it builds (by the same
//!   `model` function the page calls) may be written by the role: [`writes_allowed`].
//! - `rules_tests.rs` pushes every offered control's edits, for every role and status, to
//!   the model server (the real `judge`) and finds them accepted, and the controls not
//!   offered for who wrote them refused there.

use super::complaint::{judgement_edits, ComplaintView, Judgement};
use super::flow::{comment_edits, dispatch_edits, field_edits, transition_edits, Actor};
use super::followup::{callback_edits, offers_callback, CallbackForm};
use crate::photos::record::photo_edits;
use crate::photos::PhotoMeta;
use crate::sync::FieldEdit;
use serde_json::json;
use shared::blob::{ImageType, PhotoParent};
use shared::machine::Machine;
use shared::names::field;
use shared::request::{closing, CallbackResult, Escalation, RequestStatus, Satisfaction};
use shared::scope::may_write_field;
use shared::{RecordId, Role};

/// The controls of a request's page for one role and status.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Offers {
    /// The status buttons: the moves of [`RequestStatus::next_steps_for`] but `assigned`
    /// (the dispatch makes it) and `called_back` (the call-back form makes it).
    pub moves: Vec<RequestStatus>,
    /// The dispatch (派单) of a new or reopened request.
    pub dispatch: bool,
    /// The call-back (回访) form, once the work is done.
    pub callback: bool,
    /// The complaint loop's forms (judgement, progress, escalation, confirmation), to fill.
    pub complaint: bool,
    /// The complaint loop's forms shown at all: to fill, or read-only once closed (the
    /// loop's record stays in view for who worked it).
    pub complaint_shown: bool,
    /// The comment box.
    pub comment: bool,
    /// Adding photos (to the request, or with a comment).
    pub photo: bool,
    /// The description and contact-phone editors.
    pub edit_description: bool,
    pub edit_phone: bool,
}

/// Whether `role` may write every field `edits` write: the server's writer judge, field by
/// field.
pub fn writes_allowed(role: Role, edits: &[FieldEdit]) -> bool {
    edits.iter().all(|e| may_write_field(role, e.kind.as_str(), &e.field))
}

/// A stand-in request id and actor for building a control's edits to judge.
fn sample(role: Role) -> (RecordId, Actor) {
    let id = RecordId::from("0190f0a0-0000-7000-8000-000000000001");
    let staff = "0190f0a0-0000-7000-8000-000000000002".to_owned();
    (id, Actor { staff, role, device: "device".into(), at: 1 })
}

/// The status moves `role` is offered on a request in `status`.
pub fn moves(role: Role, status: RequestStatus) -> Vec<RequestStatus> {
    let (id, actor) = sample(role);
    let moves = status.next_steps_for(role).into_iter();
    moves
        .filter(|s| !matches!(s, RequestStatus::Assigned | RequestStatus::CalledBack))
        .filter(|to| {
            // A cancellation's reason and a close's result are typed in the form.
            let needs_text = to.needs_reason() || *to == RequestStatus::Closed;
            let reason = if needs_text { "reason" } else { "" };
            transition_edits(&id, status, *to, reason, &actor)
                .is_ok_and(|e| writes_allowed(role, &e))
        })
        .collect()
}

/// Whether `role` is offered the dispatch of a request in `status`: a new or reopened one.
pub fn dispatch(role: Role, status: RequestStatus) -> bool {
    let (id, actor) = sample(role);
    matches!(status, RequestStatus::New | RequestStatus::Reopened)
        && dispatch_edits(&id, status, Some(&id), Some(&id), &actor)
            .is_ok_and(|e| writes_allowed(role, &e))
}

/// Whether `role` is offered adding photos (to any record it may hang them on).
pub fn photo(role: Role) -> bool {
    let (id, _) = sample(role);
    writes_allowed(role, &photo_edits(&id, &sample_photo(&id)))
}

/// Whether `role` is offered the call-back form on a request in `status` (the work is done;
/// never the department that did it).
pub fn callback(role: Role, status: RequestStatus) -> bool {
    let (id, actor) = sample(role);
    let form = CallbackForm {
        result: CallbackResult::Reached,
        satisfaction: Some(Satisfaction::Satisfied),
        comment: "ok".into(),
    };
    offers_callback(status)
        && callback_edits(&id, status, &form, &actor).is_ok_and(|e| writes_allowed(role, &e))
}

/// Every control of a request's page for `role` on a request in `status`.
pub fn offers(role: Role, status: RequestStatus) -> Offers {
    let (id, actor) = sample(role);
    let judgement = Judgement { stands: Some(true), plan: "plan".into(), ..Judgement::default() };
    let complaint = judgement_edits(&id, &unjudged(), &judgement, &actor)
        .is_ok_and(|e| writes_allowed(role, &e));
    let comment =
        comment_edits(&id, "text", true, &actor).is_some_and(|e| writes_allowed(role, &e));
    // A closed request's own fields are read-only until reopened (`request_closed`); its
    // comments and photos are records of their own.
    let open = !closing::read_only(Some(status));
    let edit =
        |name: &str| open && writes_allowed(role, &field_edits(&id, &[(name, json!("x"))], &actor));
    Offers {
        moves: moves(role, status),
        dispatch: dispatch(role, status),
        callback: callback(role, status),
        complaint: open && complaint,
        complaint_shown: complaint,
        comment,
        photo: photo(role),
        edit_description: edit(field::DESCRIPTION),
        edit_phone: edit(field::CONTACT_PHONE),
    }
}

/// A complaint nobody has judged yet.
fn unjudged() -> ComplaintView {
    ComplaintView {
        stands: None,
        reply: String::new(),
        cause: String::new(),
        responsible: String::new(),
        plan: String::new(),
        plan_approved_by: None,
        next_reply_at: None,
        escalation: Escalation::None,
        corrective_report: String::new(),
        confirmation: None,
        confirmation_note: String::new(),
        signature: String::new(),
        repeat_of: None,
    }
}

/// A photo of request `id` as a capture records it.
pub(super) fn sample_photo(id: &RecordId) -> PhotoMeta {
    PhotoMeta {
        parent_kind: PhotoParent::Request,
        parent_id: id.clone(),
        sha256: "0".repeat(64),
        thumb_sha256: "1".repeat(64),
        mime: ImageType::Jpeg,
        bytes: 1,
        width: 1,
        height: 1,
        taken_at: Some(1),
        lat: Some(1.0),
        lon: Some(1.0),
        at: 1,
        by: id.as_str().into(),
    }
}
