//! The knowledge base (知识库, 000 item 7: the butler knows the answers to common questions):
//! reference data every tablet holds, searched offline per keystroke, edited by the office
//! and supervisors (`Writers::Office`).
//!
//! Laws of [`search`]:
//! - The query is split on white space; an entry is a hit when every term occurs (case
//!   folded) in its question, answer or keywords. An empty query lists every entry.
//! - Hits whose question holds every term come first, then those whose question or keywords
//!   hold some term, then the rest; within a rank by category, `sort`, question.

use crate::sync::FieldEdit;
use serde_json::{json, Value};
use shared::names::{field, kind};
use shared::replica::ReplicaState;
use shared::schema::MAX_TEXT_CHARS;
use shared::RecordId;

/// One answer, with its search text folded once.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct KbEntry {
    pub id: RecordId,
    pub question: String,
    pub answer: String,
    pub keywords: String,
    pub category: String,
    pub sort: i64,
    q_fold: String,
    k_fold: String,
    a_fold: String,
}

/// Every live entry, by category, `sort` and question.
pub fn entries(state: &ReplicaState) -> Vec<KbEntry> {
    let mut out: Vec<KbEntry> = state
        .records_of(kind::KNOWLEDGE)
        .filter(|(_, f)| !f.is_deleted())
        .map(|(id, f)| {
            let (question, answer, keywords) =
                (f.string(field::QUESTION), f.string(field::ANSWER), f.string(field::KEYWORDS));
            KbEntry {
                id: id.clone(),
                q_fold: question.to_lowercase(),
                a_fold: answer.to_lowercase(),
                k_fold: keywords.to_lowercase(),
                question,
                answer,
                keywords,
                category: f.string(field::CATEGORY),
                sort: f.int(field::SORT).unwrap_or_default(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        (&a.category, a.sort, &a.question, &a.id).cmp(&(&b.category, b.sort, &b.question, &b.id))
    });
    out
}

/// The entries `query` finds, best first (see the laws).
pub fn search<'a>(entries: &'a [KbEntry], query: &str) -> Vec<&'a KbEntry> {
    let q = query.to_lowercase();
    let terms: Vec<&str> = q.split_whitespace().collect();
    let mut hits: Vec<(u8, &KbEntry)> = entries
        .iter()
        .filter(|e| {
            terms
                .iter()
                .all(|t| e.q_fold.contains(t) || e.a_fold.contains(t) || e.k_fold.contains(t))
        })
        .map(|e| {
            let rank = if terms.iter().all(|t| e.q_fold.contains(t)) {
                0
            } else if terms.iter().any(|t| e.q_fold.contains(t) || e.k_fold.contains(t)) {
                1
            } else {
                2
            };
            (rank, e)
        })
        .collect();
    // `entries` is in category order already: a stable sort keeps it within a rank.
    hits.sort_by_key(|(rank, _)| *rank);
    hits.into_iter().map(|(_, e)| e).collect()
}

/// What the edit form holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KbForm {
    pub question: String,
    pub answer: String,
    pub keywords: String,
    pub category: String,
    /// As typed (blank: 0).
    pub sort: String,
}

/// Why an entry cannot be saved (nothing is written).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KbError {
    QuestionRequired,
    AnswerRequired,
    TooLong,
    BadSort,
}

/// The form of a stored entry.
pub fn form_of(e: &KbEntry) -> KbForm {
    KbForm {
        question: e.question.clone(),
        answer: e.answer.clone(),
        keywords: e.keywords.clone(),
        category: e.category.clone(),
        sort: e.sort.to_string(),
    }
}

/// The edits that write entry `id` from `form` (a new one or an edit: every field).
pub fn kb_edits(id: &RecordId, form: &KbForm) -> Result<Vec<FieldEdit>, KbError> {
    let (q, a) = (form.question.trim(), form.answer.trim());
    if q.is_empty() {
        return Err(KbError::QuestionRequired);
    }
    if a.is_empty() {
        return Err(KbError::AnswerRequired);
    }
    let (k, c) = (form.keywords.trim(), form.category.trim());
    let short = |s: &str| s.chars().count() <= 200;
    if !short(q) || !short(k) || !short(c) || a.chars().count() > MAX_TEXT_CHARS {
        return Err(KbError::TooLong);
    }
    let sort = match form.sort.trim() {
        "" => 0,
        s => s.parse::<i64>().map_err(|_| KbError::BadSort)?,
    };
    let e = |f: &str, v: Value| FieldEdit::new(kind::KNOWLEDGE, id, f, v);
    let text = |v: &str| if v.is_empty() { Value::Null } else { json!(v) };
    Ok(vec![
        e(field::QUESTION, json!(q)),
        e(field::ANSWER, json!(a)),
        e(field::KEYWORDS, text(k)),
        e(field::CATEGORY, text(c)),
        e(field::SORT, json!(sort)),
    ])
}

/// The edit that deletes entry `id`.
pub fn delete_edits(id: &RecordId) -> Vec<FieldEdit> {
    vec![FieldEdit::new(kind::KNOWLEDGE, id, field::DELETED, json!(true))]
}

/// Whether `role` may write the knowledge base: the server's own rule.
pub fn may_edit(role: shared::Role) -> bool {
    shared::scope::may_write_field(role, kind::KNOWLEDGE, field::ANSWER)
}
