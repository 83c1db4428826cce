//! The reader filter (`docs/ARCHITECTURE.md`, "Scope"): what one reader may see of a value the
//! server holds.
//!
//! Which records reach a reader is decided by their placement, in storage (`records` and the
//! log carry it). *How much* of a record's field a reader sees is decided here, once, and every
//! answer that carries stored values goes through [`Reader::sees`]: pull pages and snapshots,
//! the compensations of a push reply and those replayed from storage on a resend — so no route
//! can show a reader more than a pull does. The model server of the tests calls it too.
//!
//! Laws (property-tested below): a reader who masks phones never receives a resident's phone
//! number whole, whatever change, kind or value; a reader outside the office never receives an
//! office-only record (a conflict review restates values as they are); a reader who masks
//! nothing gets every change unchanged.

use super::{placement, Placement, Scope};
use crate::change::Change;
use crate::protocol::Rejection;
use crate::register::mask_phone;
use crate::role::Role;
use serde_json::Value;

/// Every `(kind, field)` that department staff receive masked, as the kinds declare them
/// (`KindDef::masked`).
pub fn masked() -> Vec<(&'static str, &'static str)> {
    let kinds = crate::schema::KINDS.iter();
    kinds.flat_map(|k| k.masked.iter().map(move |f| (k.name, *f))).collect()
}

/// Whether `kind.field` holds a resident's phone number (`KindDef::masked`).
pub fn is_phone(kind: &str, field: &str) -> bool {
    crate::schema::kind(kind).is_some_and(|k| k.is_masked(field))
}

/// The one who receives an answer: the role and scope of the session it goes to (both from
/// the account, never from the request).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reader {
    role: Role,
    scope: Scope,
}

impl Reader {
    /// The reader a session of `role` with `scope` is.
    pub fn new(role: Role, scope: Scope) -> Self {
        Self { role, scope }
    }

    /// Whether residents' phone numbers reach this reader masked: department staff, with or
    /// without a department set (a role's rights never depend on its scope being complete).
    pub fn masks_phones(&self) -> bool {
        self.role == Role::Department || self.scope.masks_phones()
    }

    /// What this reader may see of `change`: `None` when nothing of it (an office-only record
    /// for anyone outside the office), else the change with every value this reader may not
    /// read masked. A phone that is not text is masked by its JSON text, so no encoding of a
    /// number slips through whole.
    pub fn sees(&self, mut change: Change) -> Option<Change> {
        let office = self.role.is_office() && self.scope == Scope::Site;
        if !office && placement(change.kind.as_str()) == Placement::OfficeOnly {
            return None;
        }
        if self.masks_phones() && is_phone(change.kind.as_str(), &change.field) {
            change.value = match &change.value {
                Value::Null => Value::Null,
                Value::String(phone) => Value::String(mask_phone(phone)),
                other => Value::String(mask_phone(&other.to_string())),
            };
        }
        Some(change)
    }

    /// [`Reader::sees`] over a page of changes (what this reader may not see is left out).
    pub fn changes(&self, changes: Vec<Change>) -> Vec<Change> {
        changes.into_iter().filter_map(|c| self.sees(c)).collect()
    }

    /// A refusal as this reader may receive it: its compensation through [`Reader::sees`]
    /// (dropped when the reader may see nothing of it). The code and message never restate a
    /// stored value.
    pub fn rejection(&self, mut r: Rejection) -> Rejection {
        r.compensation = r.compensation.and_then(|c| self.sees(c));
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Hlc, Kind, RecordId, RejectCode, ReplicaId};
    use proptest::prelude::*;
    use serde_json::json;

    fn change(kind: &str, field: &str, value: Value) -> Change {
        Change {
            kind: Kind::new(kind),
            id: RecordId::from("0190f000-0000-7000-8000-000000000001"),
            field: field.into(),
            value,
            hlc: Hlc::new(1, 0),
            replica: ReplicaId::server(),
            prev: None,
        }
    }

    fn readers() -> Vec<Reader> {
        let mut out = Vec::new();
        for &role in Role::ALL {
            for scope in [Scope::of(role, Some("a"), Some("d")), Scope::ReferenceOnly] {
                out.push(Reader::new(role, scope));
            }
        }
        out
    }

    #[test]
    fn department_staff_read_phones_masked_and_others_whole() {
        let phone = change("request", "contact_phone", json!("17712345289"));
        for reader in readers() {
            let seen = reader.sees(phone.clone()).expect("a request is no office-only record");
            let expected =
                if reader.role == Role::Department { "177****5289" } else { "17712345289" };
            assert_eq!(seen.value, json!(expected), "{reader:?}");
        }
    }

    #[test]
    fn refusals_pass_their_compensation_through_the_filter() {
        let reader = Reader::new(Role::Department, Scope::Department("d".into()));
        let r = Rejection {
            seq: 1,
            index: 0,
            code: RejectCode::Forbidden,
            message: "a department may not write request.contact_phone".into(),
            compensation: Some(change("person", "phone2", json!("13800001234"))),
        };
        let seen = reader.rejection(r.clone());
        assert_eq!(seen.compensation.map(|c| c.value), Some(json!("138****1234")));
        let office = Reader::new(Role::Office, Scope::Site);
        assert_eq!(office.rejection(r.clone()), r, "the office sees it as stored");
        let conflict =
            Rejection { compensation: Some(change("conflict", "lost_value", json!(1))), ..r };
        let butler = Reader::new(Role::Butler, Scope::Area("a".into()));
        assert_eq!(butler.rejection(conflict).compensation, None, "office-only");
    }

    fn any_value() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(Value::Null),
            "[0-9+ -]{0,20}".prop_map(Value::String),
            any::<i64>().prop_map(|n| json!(n)),
            any::<bool>().prop_map(Value::Bool),
            "[0-9]{8,13}".prop_map(|p| json!([p])),
        ]
    }

    proptest! {
        /// No masking reader receives a phone whole (at least 8 characters long, the
        /// shortest a number can be and still show its head and tail); no other reader has
        /// anything of a record of its scope changed.
        #[test]
        fn no_masked_value_leaks(
            slot in 0..masked().len(),
            value in any_value(),
            reader in 0..8usize,
        ) {
            let (kind, field) = masked()[slot];
            let reader = &readers()[reader];
            let seen = reader.sees(change(kind, field, value.clone())).expect("area records");
            if reader.masks_phones() {
                let text = value.to_string();
                let whole = value.as_str().map_or(text.as_str(), |s| s);
                if whole.chars().count() >= 8 {
                    prop_assert!(!seen.value.to_string().contains(whole), "{seen:?}");
                }
            } else {
                prop_assert_eq!(seen.value, value);
            }
        }
    }
}
