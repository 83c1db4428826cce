//! The household register (台账) as the app shows it: units, the people linked to them and
//! the forms that add, edit, move in and move out people. Pure functions over the merged
//! replica, tested natively; the pages under `pages/` only render them.
//!
//! - [`index`]: the [`Register`] built once per replica change — pre-normalised search keys
//!   and the rows of the desk tables — so a keystroke is a scan over prepared data
//!   ([`haystack`]: every row's keys in one string, one searcher per keystroke).
//! - [`search`]: the tablet's one search box, and finding a person to move in.
//! - [`table`]: sorting, filtering and paging the desk tables.
//! - [`unit`]: one unit's page (facts, people in and moved out, requests).
//! - [`form`]: the person form, phone checks, dates, and the edits each action saves.
//! - [`transfer`]: importing and exporting the register as files (office desk).

pub mod form;
pub mod haystack;
pub mod index;
pub mod search;
pub mod table;
pub mod transfer;
pub mod unit;

pub use index::Register;
pub use search::{PersonHit, SearchResult, UnitHit};

use shared::register::PersonRole;
use std::cmp::Ordering;

/// Whether a `unit_person` link ties its person to the unit at `now_ms`: not deleted and not
/// moved out (`to` absent or still ahead). A link whose `to` has passed is a move-out.
pub(crate) fn link_is_live(to: Option<i64>, now_ms: i64) -> bool {
    to.is_none_or(|t| t > now_ms)
}

/// Where a role sorts on a unit's page: owners first, key holders last.
pub fn role_rank(r: PersonRole) -> usize {
    PersonRole::ALL.iter().position(|x| *x == r).unwrap_or(usize::MAX)
}

/// Compares texts the way people number things: runs of digits by value, so `2号楼` comes
/// before `10号楼` and `2-0101` before `10-0101`; otherwise character by character.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    loop {
        match (a.first(), b.first()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let (da, ra) = digit_run(a);
                let (db, rb) = digit_run(b);
                let (ta, tb) = (trim_zeros(da), trim_zeros(db));
                let by_value = ta.len().cmp(&tb.len()).then_with(|| ta.cmp(tb));
                match by_value.then_with(|| da.len().cmp(&db.len())) {
                    Ordering::Equal => (a, b) = (ra, rb),
                    other => return other,
                }
            }
            (Some(x), Some(y)) if x != y => return x.cmp(y),
            _ => (a, b) = (&a[1..], &b[1..]),
        }
    }
}

fn digit_run(s: &[u8]) -> (&[u8], &[u8]) {
    let n = s.iter().take_while(|c| c.is_ascii_digit()).count();
    s.split_at(n)
}

fn trim_zeros(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|c| **c == b'0').count();
    &s[n..]
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "tests/mod.rs"]
pub(crate) mod tests;
