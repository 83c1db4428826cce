//! The fields of one record: each field's merged state by name.
//!
//! A vector sorted by name rather than a `BTreeMap`: a record has 4 to 15 fields, and a
//! B-tree gives each record at least one node sized for eleven entries (about 1.2 KB) and a
//! request of twelve fields three nodes. With 50,000 records in a tablet's replica, that was
//! most of the replica's memory. Lookups are a binary search over a dozen names.
//!
//! Reading a field as text, a reference, a number or a flag goes through [`read`]
//! (`Fields::text`, `Fields::is_deleted`…): one definition, so no two screens or rules
//! disagree on what a blank text or a deleted record is.

pub mod read;

use crate::lww::FieldState;
use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A record's fields by name, in name order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fields(Vec<(String, FieldState)>);

impl Fields {
    /// No fields.
    pub fn new() -> Self {
        Self::default()
    }

    fn position(&self, name: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(n, _)| n.as_str().cmp(name))
    }

    /// One field's state.
    pub fn get(&self, name: &str) -> Option<&FieldState> {
        self.position(name).ok().map(|i| &self.0[i].1)
    }

    /// Whether the record has this field.
    pub fn contains_key(&self, name: &str) -> bool {
        self.position(name).is_ok()
    }

    /// Sets a field; returns the state it replaces. Grows by exactly one slot for a new name,
    /// so a record holds no spare capacity.
    pub fn insert(&mut self, name: String, state: FieldState) -> Option<FieldState> {
        match self.position(&name) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, state)),
            Err(i) => {
                self.0.reserve_exact(1);
                self.0.insert(i, (name, state));
                None
            }
        }
    }

    /// Every field in name order.
    pub fn iter(
        &self,
    ) -> impl DoubleEndedIterator<Item = (&String, &FieldState)> + ExactSizeIterator {
        self.0.iter().map(|(n, s)| (n, s))
    }

    /// The field names in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(n, _)| n)
    }

    /// The field states in name order.
    pub fn values(&self) -> impl Iterator<Item = &FieldState> {
        self.0.iter().map(|(_, s)| s)
    }

    /// Number of fields.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when the record has no field.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::ops::Index<&str> for Fields {
    type Output = FieldState;
    /// Panics when the field is missing, like a map's index.
    fn index(&self, name: &str) -> &FieldState {
        self.get(name).unwrap_or_else(|| panic!("no field {name}"))
    }
}

impl FromIterator<(String, FieldState)> for Fields {
    /// Later entries of one name replace earlier ones, as inserting them in turn would. One
    /// allocation and one (stable) sort, which costs a pass for entries already in name
    /// order, as stored rows are: a cold start builds every record of the replica this way.
    fn from_iter<I: IntoIterator<Item = (String, FieldState)>>(iter: I) -> Self {
        let mut all: Vec<(String, FieldState)> = iter.into_iter().collect();
        all.sort_by(|a, b| a.0.cmp(&b.0));
        // `later` is dropped; the kept slot takes its state, so the last one of a name wins.
        all.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                std::mem::swap(&mut later.1, &mut kept.1);
            }
            same
        });
        all.shrink_to_fit();
        Fields(all)
    }
}

impl<const N: usize> From<[(String, FieldState); N]> for Fields {
    fn from(entries: [(String, FieldState); N]) -> Self {
        entries.into_iter().collect()
    }
}

impl IntoIterator for Fields {
    type Item = (String, FieldState);
    type IntoIter = std::vec::IntoIter<(String, FieldState)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Fields {
    type Item = (&'a String, &'a FieldState);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, FieldState)>,
        fn(&'a (String, FieldState)) -> (&'a String, &'a FieldState),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(n, s)| (n, s))
    }
}

/// A JSON object of name → state, as the map it replaced was written.
impl Serialize for Fields {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (name, state) in &self.0 {
            map.serialize_entry(name, state)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Fields {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct FieldsVisitor;
        impl<'de> Visitor<'de> for FieldsVisitor {
            type Value = Fields;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of field names to field states")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
                let mut fields = Fields::new();
                while let Some((name, state)) = map.next_entry::<String, FieldState>()? {
                    fields.insert(name, state);
                }
                Ok(fields)
            }
        }
        d.deserialize_map(FieldsVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Hlc, ReplicaId};

    fn state(v: i64) -> FieldState {
        FieldState {
            value: v.into(),
            hlc: Hlc::new(1, 0),
            replica: ReplicaId("r".into()),
            prev: None,
        }
    }

    #[test]
    fn fields_stay_in_name_order_and_a_name_is_held_once() {
        let mut f = Fields::new();
        assert_eq!(f.insert("status".into(), state(1)), None);
        assert_eq!(f.insert("description".into(), state(2)), None);
        assert_eq!(f.insert("unit".into(), state(3)), None);
        assert_eq!(f.insert("status".into(), state(4)), Some(state(1)));
        assert_eq!(
            f.keys().map(String::as_str).collect::<Vec<_>>(),
            ["description", "status", "unit"]
        );
        assert_eq!((f.get("status"), f.len()), (Some(&state(4)), 3));
        assert!(f.contains_key("unit") && !f.contains_key("un") && f.get("zzz").is_none());
        assert_eq!(f.0.capacity(), 3, "no spare slots");
    }

    #[test]
    fn serde_form_is_a_map_as_before_and_reads_back() {
        let f: Fields = [("b".to_string(), state(2)), ("a".to_string(), state(1))].into();
        let json = serde_json::to_value(&f).expect("json");
        let as_map: std::collections::BTreeMap<String, FieldState> =
            serde_json::from_value(json.clone()).expect("a map");
        assert_eq!(as_map.len(), 2);
        assert_eq!(serde_json::from_value::<Fields>(json).expect("back"), f);
        let dup: Fields = serde_json::from_str(
            r#"{"a":{"value":1,"hlc":"0000000000010000","replica":"r"},"a":{"value":2,"hlc":"0000000000010000","replica":"r"}}"#,
        )
        .expect("parses");
        assert_eq!((dup.len(), dup["a"].value.clone()), (1, 2.into()), "the last one wins");
    }

    #[test]
    fn collecting_is_inserting_in_turn() {
        let names = ["unit", "a", "status", "a", "b", "status", "a", "zz", "b"];
        let entries: Vec<(String, FieldState)> =
            names.iter().enumerate().map(|(i, n)| (n.to_string(), state(i as i64))).collect();
        let mut inserted = Fields::new();
        for (n, s) in entries.clone() {
            inserted.insert(n, s);
        }
        let collected: Fields = entries.into_iter().collect();
        assert_eq!(collected, inserted, "same names, order and winners");
        assert_eq!(collected["a"], state(6), "the last of a name wins");
        assert_eq!(collected.0.capacity(), collected.len(), "no spare slots");
        assert!(std::iter::empty().collect::<Fields>().is_empty());
    }
}
