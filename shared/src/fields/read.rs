//! The one reader of a field's value: what counts as text, a reference, a number, a flag,
//! and a deleted record. Every rule and every screen reads fields through these (on
//! [`Fields`] or, for a bare value such as a checklist default, the functions here), so a
//! stored `"  "` is blank to the cancel rule, the list and the register alike.
//!
//! Semantics, chosen once:
//! - **text**: the string with surrounding whitespace trimmed; absent, null, not a string, or
//!   blank after trimming reads as `None`. The forms trim what they write, so a stored
//!   untrimmed or blank value comes only from an older build, an import or a plain HTTP
//!   client, and means what the form would have saved: the trimmed text, or nothing.
//! - **reference**: the text when it is a well-formed record id, else `None`.
//! - **int** / **number**: a JSON integer / any JSON number; a string is not a number.
//! - **flag**: a JSON boolean; anything else is `None`.
//! - **deleted**: the `deleted` field is exactly `true` (a tombstone); absent, null or any
//!   other value is a live record.

use super::Fields;
use crate::ids::RecordId;
use crate::names::field;
use serde_json::Value;

/// A value as text: trimmed; blank or not a string → `None`.
pub fn text(v: &Value) -> Option<&str> {
    v.as_str().map(str::trim).filter(|s| !s.is_empty())
}

/// A value as a record id: [`text`] that is a well-formed id.
pub fn reference(v: &Value) -> Option<RecordId> {
    text(v).filter(|s| RecordId::is_valid_str(s)).map(RecordId::from)
}

/// A value as an integer (a JSON integer only).
pub fn int(v: &Value) -> Option<i64> {
    v.as_i64()
}

/// A value as a number (any JSON number).
pub fn number(v: &Value) -> Option<f64> {
    v.as_f64()
}

/// A value as a flag (a JSON boolean only).
pub fn flag(v: &Value) -> Option<bool> {
    v.as_bool()
}

/// Whether a value is exactly `true` (how `deleted` marks a tombstone).
pub fn is_true(v: &Value) -> bool {
    flag(v) == Some(true)
}

impl Fields {
    fn value(&self, name: &str) -> Option<&Value> {
        self.get(name).map(|s| &s.value)
    }

    /// A text field, trimmed; `None` when absent, not a string or blank (see [`text`]).
    pub fn text(&self, name: &str) -> Option<&str> {
        self.value(name).and_then(text)
    }

    /// [`Fields::text`] as an owned string, empty when unset: what a view shows.
    pub fn string(&self, name: &str) -> String {
        self.text(name).unwrap_or_default().to_owned()
    }

    /// A reference field as an id; `None` when unset or not an id (see [`reference`]).
    pub fn reference(&self, name: &str) -> Option<RecordId> {
        self.value(name).and_then(reference)
    }

    /// An integer field (times in milliseconds, hours, floors, versions, sort keys).
    pub fn int(&self, name: &str) -> Option<i64> {
        self.value(name).and_then(int)
    }

    /// A number field (a measured value, an area).
    pub fn number(&self, name: &str) -> Option<f64> {
        self.value(name).and_then(number)
    }

    /// A boolean field; `None` when absent or not a boolean.
    pub fn flag(&self, name: &str) -> Option<bool> {
        self.value(name).and_then(flag)
    }

    /// A field holding one of a closed set of words; a word this build does not know (a
    /// newer app's) reads as `None`.
    pub fn parsed<T>(&self, name: &str, parse: fn(&str) -> Option<T>) -> Option<T> {
        self.text(name).and_then(parse)
    }

    /// Whether the record is a tombstone: `deleted` is exactly `true`.
    pub fn is_deleted(&self) -> bool {
        self.value(field::DELETED).is_some_and(is_true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lww::FieldState;
    use crate::{Hlc, ReplicaId};
    use serde_json::json;

    fn record(entries: &[(&str, Value)]) -> Fields {
        let state = |v: &Value| FieldState {
            value: v.clone(),
            hlc: Hlc::new(1, 0),
            replica: ReplicaId("r".into()),
            prev: None,
        };
        entries.iter().map(|(n, v)| (n.to_string(), state(v))).collect()
    }

    const ID: &str = "0190a0b0-c0d0-7000-8000-000000000001";

    #[test]
    fn text_is_trimmed_and_blank_is_none() {
        let f = record(&[
            ("a", json!("  pipe leaks \n")),
            ("blank", json!("   ")),
            ("empty", json!("")),
            ("num", json!(3)),
            ("null", Value::Null),
        ]);
        assert_eq!((f.text("a"), f.string("a")), (Some("pipe leaks"), "pipe leaks".into()));
        assert_eq!(f.string("blank"), "");
        for name in ["blank", "empty", "num", "null", "absent"] {
            assert_eq!(f.text(name), None, "{name}");
        }
    }

    #[test]
    fn reference_is_a_well_formed_id_even_with_spaces_around() {
        let f = record(&[
            ("u", json!(ID)),
            ("spaced", json!(format!(" {ID} "))),
            ("x", json!("1-0302")),
        ]);
        assert_eq!(f.reference("u"), Some(RecordId::from(ID)));
        assert_eq!(f.reference("spaced"), Some(RecordId::from(ID)));
        assert_eq!((f.reference("x"), f.reference("absent")), (None, None));
    }

    #[test]
    fn numbers_and_flags_are_typed_json_only() {
        let f =
            record(&[("i", json!(42)), ("f", json!(2.5)), ("s", json!("42")), ("b", json!(true))]);
        assert_eq!((f.int("i"), f.int("f"), f.int("s")), (Some(42), None, None));
        assert_eq!((f.number("i"), f.number("f"), f.number("s")), (Some(42.0), Some(2.5), None));
        assert_eq!((f.flag("b"), f.flag("i"), f.flag("s")), (Some(true), None, None));
    }

    #[test]
    fn parsed_reads_known_words_of_the_trimmed_text() {
        let f = record(&[("w", json!(" done ")), ("new", json!("someday"))]);
        let parse = |s: &str| (s == "done").then_some(1);
        assert_eq!((f.parsed("w", parse), f.parsed("new", parse)), (Some(1), None));
    }

    #[test]
    fn deleted_only_when_exactly_true() {
        assert!(record(&[(field::DELETED, json!(true))]).is_deleted());
        for v in [json!(false), json!("true"), json!(1), Value::Null] {
            assert!(!record(&[(field::DELETED, v.clone())]).is_deleted(), "{v}");
        }
        assert!(!record(&[]).is_deleted());
    }
}
