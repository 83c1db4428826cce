//! The inspection report of a round (巡查报告): site, area, who (and, for a quality check,
//! whose work was checked), start and end, whether it was a full round and the buildings (or
//! floors) it did not walk (`shared::patrol::walk`), every answer with its value and photos,
//! the findings with their requests. The printable page and the spreadsheet export render
//! this one view.

use super::patrol::{answers, photos_of, round, RoundView};
use super::Label;
use shared::blob::PhotoParent;
use shared::names::{field, kind};
use shared::patrol::template::{self};
use shared::patrol::{live_rectification, AnswerResult, ItemType};
use shared::replica::ReplicaState;
use shared::request::RequestStatus;
use shared::{Kind, RecordId};

/// One answer as the report lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportRow {
    pub answer: RecordId,
    pub section: Label,
    pub item: Label,
    pub building: String,
    pub floor: Option<i64>,
    pub result: Option<AnswerResult>,
    /// The reading, the text or the chosen option (both languages).
    pub value: Label,
    pub note: String,
    /// Thumbnails' hashes of the answer's photos.
    pub thumbs: Vec<String>,
    /// The rectification request of a failed answer, once filed: id, number, status.
    pub finding: Option<(RecordId, String, Option<RequestStatus>)>,
}

/// A round's report.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub round: RoundView,
    pub site: String,
    pub template: Label,
    pub area: String,
    pub building: String,
    pub by: String,
    /// A quality check: the name of the staff whose work was checked (empty otherwise).
    pub subject: String,
    /// A patrol round: the spots of its area it did not walk ("3栋", or "3栋 2F" by floor),
    /// in the area's order; empty for a full round and for a quality check.
    pub not_walked: Vec<String>,
    pub rows: Vec<ReportRow>,
}

impl Report {
    /// The failed answers.
    pub fn findings(&self) -> impl Iterator<Item = &ReportRow> {
        self.rows.iter().filter(|r| r.result == Some(AnswerResult::Fail))
    }
}

fn name(state: &ReplicaState, kind: &str, id: Option<&RecordId>) -> String {
    id.and_then(|id| state.record(&Kind::new(kind), id))
        .map(|f| f.string(field::NAME))
        .unwrap_or_default()
}

/// The report of round `id`, in checklist order then building and floor.
pub fn report(state: &ReplicaState, id: &RecordId) -> Option<Report> {
    let round = round(state, id)?;
    let t = template::template(state, &round.template);
    let order: Vec<(Label, template::Item)> =
        template::checklist(state, &round.template, round.version)
            .into_iter()
            .flat_map(|(s, items)| {
                let section = Label { zh: s.name_zh, en: s.name_en };
                items.into_iter().map(move |i| (section.clone(), i))
            })
            .collect();
    let mut rows: Vec<(usize, ReportRow)> = answers(state, id)
        .into_iter()
        .map(|a| {
            let pos = order.iter().position(|(_, i)| i.id == a.item).unwrap_or(usize::MAX);
            let (section, item) = match order.get(pos) {
                Some((s, i)) => (s.clone(), Some(i.clone())),
                None => (Label::default(), template::item(state, &a.item)),
            };
            let value = match (item.as_ref().map(|i| i.ty), &a.option, a.number) {
                (Some(ItemType::Choice), Some(o), _) => template::options(state, &a.item)
                    .into_iter()
                    .find(|x| &x.id == o)
                    .map(|x| Label { zh: x.label_zh, en: x.label_en })
                    .unwrap_or_default(),
                (_, _, Some(n)) => Label::same(n.to_string()),
                _ => Label::same(a.text.clone()),
            };
            let cancelled = |r: &RecordId| {
                state
                    .record(&Kind::new(kind::REQUEST), r)
                    .is_some_and(|f| f.text(field::STATUS) == Some("cancelled"))
            };
            let req = live_rectification(&a.id, cancelled);
            let finding = state
                .record(&Kind::new(kind::REQUEST), &req)
                .filter(|f| !f.is_deleted())
                .map(|f| {
                    (
                        req.clone(),
                        f.string(field::NUMBER),
                        f.parsed(field::STATUS, RequestStatus::parse),
                    )
                });
            let thumbs = photos_of(state, PhotoParent::PatrolAnswer, &a.id)
                .map(|(_, f)| f.string(field::THUMB_SHA256))
                .filter(|s| !s.is_empty())
                .collect();
            let row = ReportRow {
                answer: a.id.clone(),
                section,
                item: item.map(|i| Label { zh: i.text_zh, en: i.text_en }).unwrap_or_default(),
                building: name(state, kind::BUILDING, a.building.as_ref()),
                floor: a.floor,
                result: a.result,
                value,
                note: a.note,
                thumbs,
                finding,
            };
            (pos, row)
        })
        .collect();
    rows.sort_by(|(pa, a), (pb, b)| (pa, &a.building, a.floor).cmp(&(pb, &b.building, b.floor)));
    let not_walked = super::patrol::not_walked(state, id);
    let site =
        state.records_of(kind::SITE).next().map(|(_, f)| f.string(field::NAME)).unwrap_or_default();
    Some(Report {
        site,
        template: t.map(|t| Label { zh: t.name_zh, en: t.name_en }).unwrap_or_default(),
        area: name(state, kind::AREA, round.area.as_ref()),
        building: name(state, kind::BUILDING, round.building.as_ref()),
        by: name(state, kind::STAFF, round.by.as_ref()),
        subject: name(state, kind::STAFF, round.subject.as_ref()),
        not_walked,
        rows: rows.into_iter().map(|(_, r)| r).collect(),
        round,
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::model::flow::Actor;
    use crate::model::patrol::*;
    use crate::sync::FieldEdit;
    use serde_json::json;
    use shared::patrol::template::{default_id, PATROL_TEMPLATE};
    use shared::{Hlc, ReplicaId, Role};

    fn put(s: &mut ReplicaState, edits: Vec<FieldEdit>) {
        for e in edits {
            let hlc = Hlc::new(s.len() as u64 * 100 + 1 + e.field.len() as u64, 0);
            s.apply(&e.into_change(hlc, ReplicaId::server(), None));
        }
    }

    #[test]
    fn the_report_lists_every_answer_in_checklist_order_with_findings_and_photos() {
        let mut s = ReplicaState::new();
        let (area, b, me) = (RecordId::new_v7(), RecordId::new_v7(), RecordId::new_v7());
        put(
            &mut s,
            vec![
                FieldEdit::new(kind::AREA, &area, field::NAME, json!("东区")),
                FieldEdit::new(kind::BUILDING, &b, field::NAME, json!("3号楼")),
                FieldEdit::new(kind::STAFF, &me, field::NAME, json!("王管家")),
            ],
        );
        let actor = Actor { staff: me.0.clone(), role: Role::Butler, device: "t".into(), at: 9 };
        let t = template::template(&s, &default_id(PATROL_TEMPLATE)).unwrap();
        let r = RecordId::new_v7();
        put(&mut s, start_round_edits(&r, &t, &area, None, None, &actor));
        let fail = AnswerValue::Verdict(AnswerResult::Fail);
        let later = template::item(&s, &default_id(104)).unwrap();
        let first = template::item(&s, &default_id(103)).unwrap();
        let e = answer_edits(&s, &r, &later, (Some(&b), None), &fail, "停运", &actor).unwrap();
        put(&mut s, e);
        let e =
            answer_edits(&s, &r, &first, (Some(&b), None), &AnswerValue::Number(1.2), "", &actor);
        put(&mut s, e.unwrap());
        let a = shared::patrol::answer_id(&r, &later.id, Some(&b), None);
        let p = RecordId::new_v7();
        put(
            &mut s,
            vec![
                FieldEdit::new(kind::PHOTO, &p, field::PARENT_KIND, json!("patrol_answer")),
                FieldEdit::new(kind::PHOTO, &p, field::PARENT_ID, json!(a)),
                FieldEdit::new(kind::PHOTO, &p, field::THUMB_SHA256, json!("ef".repeat(32))),
            ],
        );
        let e = end_round_edits(&s, &r, &actor).unwrap();
        put(&mut s, e);
        let rep = report(&s, &r).unwrap();
        assert_eq!((rep.area.as_str(), rep.by.as_str()), ("东区", "王管家"));
        let items: Vec<&str> = rep.rows.iter().map(|r| r.item.zh.as_str()).collect();
        assert_eq!(items, ["灭火器压力（MPa）", "电梯运行正常"], "checklist order");
        assert_eq!(rep.rows[0].value.zh, "1.2");
        let f: Vec<&ReportRow> = rep.findings().collect();
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].thumbs, ["ef".repeat(32)]);
        assert_eq!(f[0].finding.as_ref().map(|x| x.2), Some(Some(RequestStatus::New)));
        assert_eq!(rep.rows[0].building, "3号楼");
        assert!(rep.not_walked.is_empty(), "the area's one building was walked: a full round");
    }

    #[test]
    fn a_round_of_one_building_of_three_lists_the_two_not_walked() {
        let mut s = ReplicaState::new();
        let (area, me) = (RecordId::new_v7(), RecordId::new_v7());
        let b: Vec<RecordId> = (0..3).map(|_| RecordId::new_v7()).collect();
        let mut edits = vec![FieldEdit::new(kind::STAFF, &me, field::NAME, json!("王管家"))];
        for (id, n) in b.iter().zip(["1栋", "2栋", "3栋"]) {
            edits.push(FieldEdit::new(kind::BUILDING, id, field::NAME, json!(n)));
            edits.push(FieldEdit::new(kind::BUILDING, id, field::AREA, json!(area)));
        }
        put(&mut s, edits);
        let actor = Actor { staff: me.0.clone(), role: Role::Butler, device: "t".into(), at: 9 };
        let t = template::template(&s, &default_id(PATROL_TEMPLATE)).unwrap();
        let r = RecordId::new_v7();
        put(&mut s, start_round_edits(&r, &t, &area, None, None, &actor));
        let item = template::item(&s, &default_id(104)).unwrap();
        let pass = AnswerValue::Verdict(AnswerResult::Pass);
        let e = answer_edits(&s, &r, &item, (Some(&b[1]), None), &pass, "", &actor).unwrap();
        put(&mut s, e);
        let e = end_round_edits(&s, &r, &actor).unwrap();
        put(&mut s, e);
        let rep = report(&s, &r).unwrap();
        assert_eq!(rep.not_walked, ["1栋", "3栋"]);
        assert_eq!(rep.subject, "", "a patrol checks no one's work");
    }

    #[test]
    fn a_quality_report_names_whose_work_was_checked() {
        let mut s = ReplicaState::new();
        let (area, boss, butler) = (RecordId::new_v7(), RecordId::new_v7(), RecordId::new_v7());
        put(
            &mut s,
            vec![
                FieldEdit::new(kind::STAFF, &boss, field::NAME, json!("赵主管")),
                FieldEdit::new(kind::STAFF, &butler, field::NAME, json!("李管家")),
                FieldEdit::new(kind::BUILDING, &RecordId::new_v7(), field::AREA, json!(area)),
            ],
        );
        let actor =
            Actor { staff: boss.0.clone(), role: Role::Supervisor, device: "t".into(), at: 9 };
        let t = template::templates(&s)
            .into_iter()
            .find(|t| t.purpose == shared::patrol::Purpose::Quality);
        let r = RecordId::new_v7();
        put(&mut s, start_round_edits(&r, &t.unwrap(), &area, None, Some(&butler), &actor));
        let rep = report(&s, &r).unwrap();
        assert_eq!((rep.by.as_str(), rep.subject.as_str()), ("赵主管", "李管家"));
        assert!(rep.not_walked.is_empty(), "a quality check walks no buildings");
    }
}
