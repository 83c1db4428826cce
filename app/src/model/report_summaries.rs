//! The weekly summary's and the monthly quality report's tables, and the supervisor's
//! remarks as a table for the sheet (see `report_tables.rs`).

use super::report_tables::{heads, kpi_table, row, time_text, Mark, Names, Row, Table};
use crate::i18n::{category_label, Lang, Rw};
use shared::report::facts::Facts;
use shared::report::monthly::{Monthly, TextCount};
use shared::report::notes::ReportNote;
use shared::report::weekly::Weekly;
use shared::RecordId;
use std::collections::{HashMap, HashSet};

/// The weekly summary: requests by type, call-backs, the week's figures, the overdue and
/// stuck requests, the follow-ups and the patrol.
pub fn weekly(w: &Weekly, facts: &Facts, names: &Names, lang: Lang) -> Vec<Table> {
    use Rw::*;
    let t = |w: Rw| w.text(lang).to_owned();
    let mut types: Vec<Row> = w
        .by_type
        .iter()
        .map(|c| {
            let label = category_label(c.category, lang).to_owned();
            row(vec![label, c.received.to_string(), c.done.to_string()])
        })
        .collect();
    let (received, done) = w.by_type.iter().fold((0, 0), |(a, b), c| (a + c.received, b + c.done));
    types.push(Row {
        cells: vec![t(Total), received.to_string(), done.to_string()],
        mark: Mark::Total,
    });
    let c = &w.callbacks;
    let counts = [(Made, c.made), (Reached, c.reached), (Satisfied, c.satisfied)];
    let counts = counts.into_iter().chain([(Neutral, c.neutral), (Dissatisfied, c.dissatisfied)]);
    let callbacks = counts.map(|(k, n)| row(vec![t(k), n.to_string()])).collect();
    let index: HashMap<&RecordId, usize> =
        facts.requests.iter().enumerate().map(|(i, r)| (&r.id, i)).collect();
    let stuck: HashSet<&RecordId> = w.stuck.iter().collect();
    let late = w
        .overdue
        .iter()
        .filter_map(|id| index.get(id).map(|&i| &facts.requests[i]))
        .map(|r| {
            let mut cells = vec![r.number.clone(), category_label(r.category, lang).to_owned()];
            cells.push(r.created_by.as_ref().map(|b| names.person(b)).unwrap_or_default());
            cells.push(r.due_at.map(|d| time_text(d, w.period.offset_min)).unwrap_or_default());
            cells.push(if stuck.contains(&r.id) { t(Yes) } else { String::new() });
            Row { cells, mark: if stuck.contains(&r.id) { Mark::Missed } else { Mark::Plain } }
        })
        .collect();
    let follow = [(Reviews, w.reviews), (ProgressTold, w.progress_told)];
    let patrol =
        [(RoundsFull, w.rounds_full), (RoundsPartial, w.rounds_partial), (Checks, w.checks)];
    let pairs =
        |list: &[(Rw, u32)]| list.iter().map(|(k, n)| row(vec![t(*k), n.to_string()])).collect();
    let table = |id, title: Rw, headers: Vec<String>, rows, empty: Option<Rw>| Table {
        id,
        title: t(title),
        headers,
        rows,
        empty: empty.map(t),
        user_cols: &[],
    };
    vec![
        table("weekly-types", ByType, heads(&[Type, Received, Done], lang), types, None),
        table("weekly-callbacks", CallbacksMade, heads(&[Item, Quantity], lang), callbacks, None),
        kpi_table(&w.figures, lang),
        Table {
            user_cols: &[0, 2],
            ..table(
                "weekly-late",
                Late,
                heads(&[Number, Type, TakenBy, Due, Stuck], lang),
                late,
                Some(NoneLate),
            )
        },
        table("weekly-followups", FollowUps, heads(&[Item, Quantity], lang), pairs(&follow), None),
        table("weekly-patrol", Patrol, heads(&[Item, Quantity], lang), pairs(&patrol), None),
    ]
}

/// "装修超时施工 ×2；空调外机 ×1；未填写 1".
fn texts(list: &[TextCount], blank: u32, lang: Lang) -> String {
    let mut parts: Vec<String> = list.iter().map(|t| format!("{} ×{}", t.text, t.count)).collect();
    if blank > 0 {
        parts.push(format!("{} {blank}", Rw::NotRecorded.text(lang)));
    }
    parts.join(if lang == Lang::Zh { "；" } else { "; " })
}

/// The monthly report: the KPI table and the complaints by category.
pub fn monthly(m: &Monthly, names: &Names, lang: Lang) -> Vec<Table> {
    use Rw::*;
    let mut rows: Vec<Row> = m
        .complaints
        .iter()
        .map(|g| {
            row(vec![
                names.topic(g.topic.as_ref(), lang),
                g.requests.len().to_string(),
                g.answered.to_string(),
                texts(&g.causes, g.without_cause, lang),
                texts(&g.actions, g.without_action, lang),
            ])
        })
        .collect();
    if !rows.is_empty() {
        let answered: u32 = m.complaints.iter().map(|g| g.answered).sum();
        let cells =
            vec![Total.text(lang).into(), m.complaint_total.to_string(), answered.to_string()];
        let cells = cells.into_iter().chain([String::new(), String::new()]).collect();
        rows.push(Row { cells, mark: Mark::Total });
    }
    let complaints = Table {
        id: "complaint-table",
        title: Complaints.text(lang).into(),
        headers: heads(&[Category, Cases, Answered, Causes, Actions], lang),
        rows,
        empty: Some(NoComplaints.text(lang).into()),
        user_cols: &[3, 4],
    };
    vec![kpi_table(&m.figures, lang), complaints]
}

/// The supervisor's remarks as a table (the sheet's last block).
pub fn note_table(note: Option<&ReportNote>, names: &Names, offset_min: i64, lang: Lang) -> Table {
    use Rw::*;
    let t = |w: Rw| w.text(lang).to_owned();
    let rows = match note {
        None => Vec::new(),
        Some(n) => {
            let state = match n.submitted_at {
                Some(at) => format!("{} {}", t(Submitted), time_text(at, offset_min)),
                None => t(Draft),
            };
            let by = n.by.as_ref().map(|b| names.person(b)).unwrap_or_default();
            vec![
                row(vec![t(RemarksText), n.remarks.clone()]),
                row(vec![t(CausesText), n.causes.clone()]),
                row(vec![t(ActionsText), n.actions.clone()]),
                row(vec![t(Submitted), format!("{state} {by}").trim().to_owned()]),
            ]
        }
    };
    Table {
        id: "note-table",
        title: t(Remarks),
        headers: Vec::new(),
        rows,
        empty: Some(t(NoRemarks)),
        user_cols: &[1],
    }
}
