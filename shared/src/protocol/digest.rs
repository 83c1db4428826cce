//! A batch's digest (`docs/ARCHITECTURE.md`, "Sync protocol"): the server keeps it with the
//! batch's `(replica, seq)`, and a later batch under the same `seq` is a resend only when its
//! digest is the same — else it is new work under a reused number (409 `seq_reused`), which
//! must never be dropped as a resend.
//!
//! The digest is taken over a canonical form of the changes as the server reads them, not
//! over the request's bytes: a resend that spells the same changes with other whitespace, key
//! order or an upper-case record id is the same batch.

use super::Batch;
use crate::change::Change;
use serde_json::Value;
use sha2::{Digest, Sha256};

impl Batch {
    /// The SHA-256 of the canonical form of this batch's changes, in hex (64 characters).
    /// `seq` is not part of it: the digest is kept under it.
    pub fn digest(&self) -> String {
        let mut h = Sha256::new();
        h.update((self.changes.len() as u64).to_be_bytes());
        for c in &self.changes {
            canonical_change(&mut h, c);
        }
        hex_string(&h.finalize())
    }
}

/// One change as length-prefixed parts, in a fixed order: no two different changes (nor
/// sequences of them) give the same bytes.
fn canonical_change(h: &mut Sha256, c: &Change) {
    let prev = c.prev.map(|p| p.to_string());
    let parts: [&str; 6] = [
        c.kind.as_str(),
        c.id.as_str(),
        &c.field,
        &c.hlc.to_string(),
        c.replica.as_str(),
        prev.as_deref().unwrap_or("-"),
    ];
    for p in parts {
        part(h, p.as_bytes());
    }
    let mut value = String::new();
    canonical_json(&c.value, &mut value);
    part(h, value.as_bytes());
}

fn part(h: &mut Sha256, bytes: &[u8]) {
    h.update((bytes.len() as u64).to_be_bytes());
    h.update(bytes);
}

/// JSON with object keys sorted, whatever order they arrived in.
fn canonical_json(v: &Value, out: &mut String) {
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                canonical_json(&map[k], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                canonical_json(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

fn hex_string(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn batch(json: &str) -> Batch {
        serde_json::from_str(json).expect("a batch")
    }

    const ID: &str = "0190f000-0000-7000-8000-00000000000a";

    fn one(id: &str, value: &str) -> String {
        format!(
            r#"{{"seq":1,"changes":[{{"kind":"request","id":"{id}","field":"f","value":{value},
            "hlc":"0000000000010000","replica":"r","prev":null}}]}}"#
        )
    }

    #[test]
    fn the_same_changes_spelt_otherwise_are_the_same_batch() {
        let a = batch(&one(ID, r#"{"a":1,"b":[1,"x"]}"#));
        let b = batch(&one(&ID.to_uppercase(), r#"{ "b": [1, "x"], "a": 1 }"#));
        assert_eq!(a.digest(), b.digest());
        assert_eq!(a.digest().len(), 64);
        let resent = Batch { seq: 7, ..a.clone() };
        assert_eq!(resent.digest(), a.digest(), "the seq is not part of it");
    }

    #[test]
    fn any_other_change_is_another_batch() {
        let base = batch(&one(ID, r#""x""#));
        let others = [
            batch(&one(ID, r#""y""#)),
            batch(&one(ID, r#"["x"]"#)),
            batch(&one(ID, "null")),
            batch(&one("0190f000-0000-7000-8000-00000000000b", r#""x""#)),
            Batch { seq: 1, changes: vec![] },
            Batch { seq: 1, changes: [base.changes.clone(), base.changes.clone()].concat() },
        ];
        for other in others {
            assert_ne!(other.digest(), base.digest(), "{other:?}");
        }
        let mut later = base.clone();
        later.changes[0].prev = Some(later.changes[0].hlc);
        assert_ne!(later.digest(), base.digest());
    }
}
