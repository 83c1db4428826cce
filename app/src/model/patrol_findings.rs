//! Findings (整改) and their re-check (复查): filing the failed answers of a building as
//! rectification requests, ending a round, and re-checking a finding's fix.

use super::*;
use shared::names::{field, kind};

/// Failed answers of `round` (for `building`, or all) whose item needs a photo and that have
/// none: the items to photograph before the building can be finished.
pub fn missing_photos(
    state: &ReplicaState,
    round: &RecordId,
    building: Option<&RecordId>,
) -> Vec<RecordId> {
    answers(state, round)
        .into_iter()
        .filter(|a| building.is_none() || a.building.as_ref() == building)
        .filter(|a| a.result == Some(AnswerResult::Fail))
        .filter(|a| template::item(state, &a.item).is_some_and(|i| i.photo_on_fail))
        .filter(|a| photos_of(state, PhotoParent::PatrolAnswer, &a.id).next().is_none())
        .map(|a| a.item)
        .collect()
}

/// The status of a request on the device, if any.
fn status(state: &ReplicaState, id: &RecordId) -> Option<RequestStatus> {
    let f = state.record(&Kind::new(kind::REQUEST), id)?;
    f.parsed(field::STATUS, RequestStatus::parse)
}

/// The edits that file the findings of `round` for `building` (all buildings: `None`):
/// every failed answer's rectification request with its answer's photos; every answer that
/// turned to pass withdraws its request while still new. Refused while a failed item that
/// needs a photo has none.
pub fn finish_edits(
    state: &ReplicaState,
    round_id: &RecordId,
    building: Option<&RecordId>,
    actor: &Actor,
) -> Result<Vec<FieldEdit>, PatrolError> {
    let round = round(state, round_id).ok_or(PatrolError::NoRound)?;
    let missing = missing_photos(state, round_id, building);
    if !missing.is_empty() {
        return Err(PatrolError::PhotoRequired(missing));
    }
    let mut out = Vec::new();
    if round.purpose != Purpose::Patrol {
        return Ok(out); // a quality check is scored, not filed
    }
    for a in answers(state, round_id) {
        if building.is_some() && a.building.as_ref() != building {
            continue;
        }
        let req = live_rectification(&a.id, |r| status(state, r) == Some(RequestStatus::Cancelled));
        match (a.result, status(state, &req)) {
            (Some(AnswerResult::Fail), _) => {
                out.extend(finding_edits(state, &round, &a, &req, actor))
            }
            (_, Some(RequestStatus::New)) => {
                let note = "复核为合格 / no longer a finding";
                let t = transition_edits(
                    &req,
                    RequestStatus::New,
                    RequestStatus::Cancelled,
                    note,
                    actor,
                );
                out.extend(t.unwrap_or_default());
            }
            _ => {}
        }
    }
    Ok(out)
}

/// The edits of one finding's rectification request `id` (the live one of its answer's chain,
/// `shared::patrol::live_rectification`; created once: later filings only add photos taken
/// since) with copies of the answer's photos.
pub fn finding_edits(
    state: &ReplicaState,
    round: &RoundView,
    a: &AnswerView,
    id: &RecordId,
    actor: &Actor,
) -> Vec<FieldEdit> {
    let id = id.clone();
    let r = |field: &str, v: Json| FieldEdit::new(kind::REQUEST, &id, field, v);
    let mut out = Vec::new();
    if state.record(&Kind::new(kind::REQUEST), &id).is_none() {
        let item = template::item(state, &a.item);
        let what = item.as_ref().map(|i| i.text_zh.clone()).unwrap_or_default();
        let mut description = format!("【巡查】{what}");
        for extra in
            [a.number.map(|n| n.to_string()).unwrap_or_default(), a.text.clone(), a.note.clone()]
        {
            if !extra.trim().is_empty() {
                description.push('；');
                description.push_str(extra.trim());
            }
        }
        let (topic, problem) = item.map(|i| (i.topic, i.problem)).unwrap_or_default();
        let route =
            classifier::route(state, &classifier::nodes(state), topic.as_ref(), problem.as_ref());
        out.extend([
            r(field::CATEGORY, json!(Category::Repair)),
            r(field::SOURCE, json!(Source::Patrol)),
            r(field::URGENCY, json!(Urgency::Normal)),
            r(field::MISSED_CALL, json!(false)),
            r(field::STATUS, json!(RequestStatus::INITIAL)),
            r(field::DESCRIPTION, json!(description)),
            r(field::CREATED_AT, json!(actor.at)),
            r(field::PATROL_ANSWER, json!(a.id)),
            r(field::PATROL_ROUND, json!(round.id)),
        ]);
        for (field, v) in [
            (field::AREA, &round.area),
            (field::BUILDING, &a.building),
            (field::TOPIC, &topic),
            (field::PROBLEM, &problem),
            (field::DEPARTMENT, &route.department),
            (field::ASSIGNEE, &route.assignee),
        ] {
            if let Some(v) = v {
                out.push(r(field, json!(v)));
            }
        }
        if RecordId::from(actor.staff.as_str()).is_valid() {
            out.push(r(field::CREATED_BY, json!(actor.staff)));
        }
        out.extend(event_edits(&id, EventType::Created, &EventText::default(), actor));
    }
    let copies = photos_of(state, PhotoParent::PatrolAnswer, &a.id);
    for (photo, f) in copies {
        let copy = photo_copy_id(photo, &id);
        if state.record(&Kind::new(PHOTO), &copy).is_some() {
            continue;
        }
        out.push(FieldEdit::new(PHOTO, &copy, field::PARENT_KIND, json!(PhotoParent::Request)));
        out.push(FieldEdit::new(PHOTO, &copy, field::PARENT_ID, json!(id)));
        for (name, v) in f.iter().filter(|(n, _)| {
            !matches!(
                n.as_str(),
                field::PARENT_KIND | field::PARENT_ID | field::BY | field::DELETED
            )
        }) {
            out.push(FieldEdit::new(PHOTO, &copy, name, v.value.clone()));
        }
    }
    out
}

/// The edits that end `round`: its findings filed (all buildings) and `ended_at`; a quality
/// check also gets its [`shared::patrol::score`].
pub fn end_round_edits(
    state: &ReplicaState,
    round_id: &RecordId,
    actor: &Actor,
) -> Result<Vec<FieldEdit>, PatrolError> {
    let round =
        round(state, round_id).filter(|r| r.ended_at.is_none()).ok_or(PatrolError::NoRound)?;
    let mut out = finish_edits(state, round_id, None, actor)?;
    out.push(FieldEdit::new(ROUND, round_id, field::ENDED_AT, json!(actor.at)));
    if round.purpose == Purpose::Quality {
        let results = answers(state, round_id).into_iter().filter_map(|a| a.result);
        if let Some(score) = shared::patrol::score(results) {
            out.push(FieldEdit::new(ROUND, round_id, field::SCORE, json!(score)));
        }
    }
    Ok(out)
}

/// Findings of `area` (all: `None`) whose fix is done and waits for its re-check: request
/// ids, oldest done first.
pub fn rechecks_due(state: &ReplicaState, area: Option<&RecordId>) -> Vec<RecordId> {
    let mut out: Vec<(i64, RecordId)> = state
        .records_of(kind::REQUEST)
        .filter(|(_, f)| !f.is_deleted() && f.reference(field::PATROL_ANSWER).is_some())
        .filter(|(_, f)| f.parsed(field::STATUS, RequestStatus::parse) == Some(RequestStatus::Done))
        .filter(|(_, f)| area.is_none_or(|a| f.reference(field::AREA).as_ref() == Some(a)))
        .map(|(id, f)| (f.int(field::DONE_AT).unwrap_or(0), id.clone()))
        .collect();
    out.sort();
    out.into_iter().map(|(_, id)| id).collect()
}

/// The result a passed re-check closes its finding with when its note is empty.
pub const RECHECK_PASSED: &str = "复查合格 / re-check passed";

/// The edits of a re-check of done finding `request`: pass closes it (through
/// `called_back`), fail reopens it; a `recheck` event says which.
pub fn recheck_edits(
    request: &RecordId,
    pass: bool,
    note: &str,
    actor: &Actor,
) -> Result<Vec<FieldEdit>, FlowError> {
    use RequestStatus::{CalledBack, Closed, Done, Reopened};
    let verdict = if pass { AnswerResult::Pass } else { AnswerResult::Fail };
    let text =
        EventText { to: verdict.as_str().into(), note: note.trim().into(), ..EventText::default() };
    let mut out = event_edits(request, EventType::Recheck, &text, actor);
    if pass {
        out.extend(transition_edits(request, Done, CalledBack, note, actor)?);
        // Closed with its result (`close_result`): the re-check's note, or that it passed.
        let result = Some(note.trim()).filter(|n| !n.is_empty()).unwrap_or(RECHECK_PASSED);
        out.extend(transition_edits(request, CalledBack, Closed, result, actor)?);
    } else {
        out.extend(transition_edits(request, Done, Reopened, note, actor)?);
    }
    Ok(out)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "patrol_tests.rs"]
mod tests;
