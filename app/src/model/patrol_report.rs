//! The inspection report of a round (巡查报告): site, area, who, start and end, every answer
//! with its value and photos, the findings with their requests. The printable page and the
//! spreadsheet export render this one view.

use super::patrol::{answers, photos_of, round, RoundView};
use super::{deleted, text, Label};
use shared::blob::PhotoParent;
use shared::patrol::template::{self};
use shared::patrol::{rectification_id, AnswerResult, ItemType};
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
        .map(|f| text(f, "name"))
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
            let req = rectification_id(&a.id);
            let finding =
                state.record(&Kind::new("request"), &req).filter(|f| !deleted(f)).map(|f| {
                    (req.clone(), text(f, "number"), RequestStatus::parse(&text(f, "status")))
                });
            let thumbs = photos_of(state, PhotoParent::PatrolAnswer, &a.id)
                .map(|(_, f)| text(f, "thumb_sha256"))
                .filter(|s| !s.is_empty())
                .collect();
            let row = ReportRow {
                answer: a.id.clone(),
                section,
                item: item.map(|i| Label { zh: i.text_zh, en: i.text_en }).unwrap_or_default(),
                building: name(state, "building", a.building.as_ref()),
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
    let site = state.records_of("site").next().map(|(_, f)| text(f, "name")).unwrap_or_default();
    Some(Report {
        site,
        template: t.map(|t| Label { zh: t.name_zh, en: t.name_en }).unwrap_or_default(),
        area: name(state, "area", round.area.as_ref()),
        building: name(state, "building", round.building.as_ref()),
        by: name(state, "staff", round.by.as_ref()),
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

    #[test]
    fn the_report_lists_every_answer_in_checklist_order_with_findings_and_photos() {
        let mut s = ReplicaState::new();
        let put = |s: &mut ReplicaState, edits: Vec<FieldEdit>| {
            for e in edits {
                let hlc = Hlc::new(s.len() as u64 * 100 + 1 + e.field.len() as u64, 0);
                s.apply(&e.into_change(hlc, ReplicaId::server(), None));
            }
        };
        let (area, b, me) = (RecordId::new_v7(), RecordId::new_v7(), RecordId::new_v7());
        put(
            &mut s,
            vec![
                FieldEdit::new("area", &area, "name", json!("东区")),
                FieldEdit::new("building", &b, "name", json!("3号楼")),
                FieldEdit::new("staff", &me, "name", json!("王管家")),
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
                FieldEdit::new("photo", &p, "parent_kind", json!("patrol_answer")),
                FieldEdit::new("photo", &p, "parent_id", json!(a)),
                FieldEdit::new("photo", &p, "thumb_sha256", json!("ef".repeat(32))),
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
    }
}

/// One supervisor's quality checks on one local day, against the setting (002 §5.1.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QualityDay {
    pub by: RecordId,
    /// The local day's start (ms).
    pub day: i64,
    pub checks: usize,
    /// Mean score of the day's scored checks.
    pub mean_score: Option<i64>,
    /// At least `quality_checks_per_day` checks.
    pub met: bool,
}

/// Quality checks by supervisor and local day (zone `offset_min` ahead of UTC), newest day
/// first; `per_day` is the site's `quality_checks_per_day`.
pub fn quality_by_day(state: &ReplicaState, offset_min: i64, per_day: i64) -> Vec<QualityDay> {
    use std::collections::BTreeMap;
    let mut days: BTreeMap<(i64, RecordId), Vec<Option<i64>>> = BTreeMap::new();
    for r in super::patrol::rounds(state) {
        if r.purpose != shared::patrol::Purpose::Quality {
            continue;
        }
        let (Some(by), Some(at)) = (r.by.clone(), r.started_at) else { continue };
        let day = super::deadlines::day_start(at, offset_min);
        days.entry((day, by)).or_default().push(r.score);
    }
    let mut out: Vec<QualityDay> = days
        .into_iter()
        .map(|((day, by), scores)| {
            let scored: Vec<i64> = scores.iter().flatten().copied().collect();
            QualityDay {
                by,
                day,
                checks: scores.len(),
                mean_score: (!scored.is_empty())
                    .then(|| scored.iter().sum::<i64>() / scored.len() as i64),
                met: scores.len() as i64 >= per_day,
            }
        })
        .collect();
    out.sort_by(|a, b| b.day.cmp(&a.day).then_with(|| a.by.cmp(&b.by)));
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod quality_tests {
    use super::*;
    use serde_json::json;
    use shared::{Change, Hlc, ReplicaId};

    #[test]
    fn quality_checks_are_counted_by_supervisor_and_day_against_the_setting() {
        let mut s = ReplicaState::new();
        let (a, b) = (RecordId::new_v7(), RecordId::new_v7());
        let day = 86_400_000i64;
        let mut n = 0u64;
        let mut check = |s: &mut ReplicaState, by: &RecordId, at: i64, score: i64, q: bool| {
            let id = RecordId::new_v7();
            let mut fields =
                vec![("by", json!(by)), ("started_at", json!(at)), ("score", json!(score))];
            if q {
                fields.push(("purpose", json!("quality")));
            }
            for (f, v) in fields {
                n += 1;
                s.apply(&Change {
                    kind: Kind::new("patrol_round"),
                    id: id.clone(),
                    field: f.into(),
                    value: v,
                    hlc: Hlc::new(n, 0),
                    replica: ReplicaId::server(),
                    prev: None,
                });
            }
        };
        check(&mut s, &a, 10 * day + 1_000, 80, true);
        check(&mut s, &a, 10 * day + 9_000, 90, true);
        check(&mut s, &b, 10 * day + 5_000, 70, true);
        check(&mut s, &b, 9 * day + 5_000, 60, true);
        check(&mut s, &b, 10 * day + 6_000, 10, false); // a patrol, not a check
        let days = quality_by_day(&s, 0, 2);
        assert_eq!(days.len(), 3);
        let a10 = days.iter().find(|d| d.by == a).unwrap();
        assert_eq!((a10.day, a10.checks, a10.mean_score, a10.met), (10 * day, 2, Some(85), true));
        let b10 = days.iter().find(|d| d.by == b && d.day == 10 * day).unwrap();
        assert_eq!((b10.checks, b10.met), (1, false));
        assert_eq!(days.last().unwrap().day, 9 * day, "newest day first");
    }
}
