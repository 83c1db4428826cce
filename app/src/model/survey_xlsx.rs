//! The survey results and answers as workbooks (the office's 《业主意见分析表》 and the
//! answers typed from the questionnaires), every cell as the page shows it.

use super::desk::local_text;
use super::survey::{delta_text, pct_text, ResultsView};
use super::xlsx::{self, Block};
use crate::i18n::{
    satisfaction_label, survey_method_label, survey_outcome_label, survey_topic_label, sw, Lang, Sw,
};
use shared::survey::facts::AnswerFact;
use shared::survey::SurveyTopic;

/// The results page as a workbook: the figures, by topic (now, last quarter, change) and by
/// area.
pub fn results_workbook(v: &ResultsView, lang: Lang) -> Result<Vec<u8>, String> {
    let w = |x: Sw| sw(x, lang).to_string();
    let r = &v.this.now;
    let p = v.this.previous.as_ref();
    let figures_head = vec![
        w(Sw::Approached),
        w(Sw::Coverage),
        w(Sw::HandedOut),
        w(Sw::Returned),
        w(Sw::ReturnRate),
        w(Sw::Raw),
        w(Sw::Adjusted),
    ];
    let figures = [vec![
        format!("{}/{}", r.approached, r.sample),
        pct_text(r.coverage_permille()),
        r.handed_out.to_string(),
        r.returned.to_string(),
        pct_text(r.return_permille()),
        pct_text(r.raw_permille()),
        pct_text(r.adjusted_permille()),
    ]];
    let topic_head = vec![
        w(Sw::Topic),
        w(Sw::Scored),
        w(Sw::Satisfied),
        w(Sw::Satisfaction),
        w(Sw::LastQuarter),
        w(Sw::Change),
    ];
    let topics: Vec<Vec<String>> = r
        .topics
        .iter()
        .map(|t| {
            let before = p.and_then(|p| p.topic(t.topic).permille());
            vec![
                survey_topic_label(t.topic, lang).to_string(),
                t.scored.to_string(),
                t.satisfied.to_string(),
                pct_text(t.permille()),
                pct_text(before),
                delta_text(t.permille(), before),
            ]
        })
        .collect();
    let area_head = vec![
        w(Sw::Area),
        w(Sw::Coverage),
        w(Sw::ReturnRate),
        w(Sw::Raw),
        w(Sw::Adjusted),
        w(Sw::LastQuarter),
        w(Sw::Change),
    ];
    let areas: Vec<Vec<String>> = v
        .areas
        .iter()
        .map(|a| {
            let before = a.previous.as_ref().and_then(|p| p.adjusted_permille());
            vec![
                a.area.clone(),
                pct_text(a.now.coverage_permille()),
                pct_text(a.now.return_permille()),
                pct_text(a.now.raw_permille()),
                pct_text(a.now.adjusted_permille()),
                pct_text(before),
                delta_text(a.now.adjusted_permille(), before),
            ]
        })
        .collect();
    let blocks = [
        Block {
            title: sw(Sw::Results, lang),
            headers: &figures_head,
            rows: figures.iter().map(Vec::as_slice).collect(),
        },
        Block {
            title: sw(Sw::ByTopic, lang),
            headers: &topic_head,
            rows: topics.iter().map(Vec::as_slice).collect(),
        },
        Block {
            title: sw(Sw::ByArea, lang),
            headers: &area_head,
            rows: areas.iter().map(Vec::as_slice).collect(),
        },
    ];
    let title = format!("{} {}", v.this.survey.name, v.this.area);
    xlsx::blocks(sw(Sw::Results, lang), &title, sw(Sw::Penalty, lang), &blocks)
}

/// One answer as a row of the answers workbook: building, unit, method, outcome, every
/// topic's score, comment, when.
pub struct AnswerLine<'a> {
    pub building: String,
    pub number: String,
    pub answer: &'a AnswerFact,
}

/// The answers as a workbook, one row each.
pub fn answers_workbook(
    lines: &[AnswerLine],
    topics: &[SurveyTopic],
    lang: Lang,
    offset_min: i64,
) -> Result<Vec<u8>, String> {
    let mut head: Vec<&str> = vec![
        sw(Sw::ColBuilding, lang),
        sw(Sw::ColUnit, lang),
        sw(Sw::Method, lang),
        sw(Sw::Outcome, lang),
    ];
    head.extend(topics.iter().map(|t| survey_topic_label(*t, lang)));
    head.extend([sw(Sw::Comment, lang), sw(Sw::ColAt, lang)]);
    let rows: Vec<Vec<String>> = lines
        .iter()
        .map(|l| {
            let a = l.answer;
            let mut row = vec![
                l.building.clone(),
                l.number.clone(),
                a.method.map(|m| survey_method_label(m, lang)).unwrap_or_default().to_string(),
                a.outcome.map(|o| survey_outcome_label(o, lang)).unwrap_or_default().to_string(),
            ];
            row.extend(topics.iter().map(|t| {
                a.score(*t).map(|s| satisfaction_label(s, lang)).unwrap_or_default().to_string()
            }));
            row.push(a.comment.clone());
            row.push(a.at.map(|t| local_text(t, offset_min)).unwrap_or_default());
            row
        })
        .collect();
    xlsx::table(sw(Sw::Title, lang), &head, &rows)
}
