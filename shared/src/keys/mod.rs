//! Key custody (钥匙托管; 000 item 12, 002 §4.2: a tenant's keys kept after they move out,
//! 004: the keys of owners not moved in yet): a unit's keys deposited with the office on
//! the owner's authorisation (`key_deposit`), and every sign-out and return
//! (`key_movement`).
//!
//! Laws (tested below):
//! - a deposit's keys are out while one of its live movements has gone out and not come
//!   back; otherwise they are in custody, until the deposit is ended (given back);
//! - a movement's due time is its own `due_at`, else its `out_at` + `key_due_h`;
//! - keys are overdue at `now` when they are out and `now` is past the due time; the list
//!   is the office's (My day, `/keys`), oldest due first;
//! - keys are signed out only from custody (in, not ended) and returned only while out,
//!   never before they went out.

use crate::fields::Fields;
use crate::ids::RecordId;
use crate::names::{field, kind};
use crate::replica::ReplicaState;

const HOUR_MS: i64 = 3_600_000;

/// A deposit as the rules read it.
#[derive(Debug, Clone, PartialEq)]
pub struct Deposit {
    pub id: RecordId,
    pub unit: Option<RecordId>,
    pub tag: Option<String>,
    /// When the keys were given back to the owner (the deposit has ended).
    pub ended_at: Option<i64>,
}

impl Deposit {
    /// A live deposit record; `None` if deleted.
    pub fn read(id: &RecordId, f: &Fields) -> Option<Deposit> {
        (!f.is_deleted()).then(|| Deposit {
            id: id.clone(),
            unit: f.reference(field::UNIT),
            tag: f.text(field::TAG).map(str::to_owned),
            ended_at: f.int(field::ENDED_AT),
        })
    }
}

/// A sign-out as the rules read it.
#[derive(Debug, Clone, PartialEq)]
pub struct Movement {
    pub id: RecordId,
    pub deposit: RecordId,
    pub holder: Option<String>,
    pub out_at: i64,
    pub due_at: i64,
    pub returned_at: Option<i64>,
}

impl Movement {
    /// A live movement that went out; `None` if deleted or not out yet. `due_h` is the
    /// site's `key_due_h`.
    pub fn read(id: &RecordId, f: &Fields, due_h: i64) -> Option<Movement> {
        if f.is_deleted() {
            return None;
        }
        let out_at = f.int(field::OUT_AT)?;
        Some(Movement {
            id: id.clone(),
            deposit: f.reference(field::KEY_DEPOSIT)?,
            holder: f.text(field::HOLDER).map(str::to_owned),
            out_at,
            due_at: f.int(field::DUE_AT).unwrap_or_else(|| default_due(out_at, due_h)),
            returned_at: f.int(field::RETURNED_AT),
        })
    }

    /// Whether the keys are still out.
    pub fn is_out(&self) -> bool {
        self.returned_at.is_none()
    }
}

/// The due time of keys signed out at `out_at`: `due_h` hours later.
pub fn default_due(out_at: i64, due_h: i64) -> i64 {
    out_at.saturating_add(due_h.max(1).saturating_mul(HOUR_MS))
}

/// Every live deposit and movement of a replica.
pub fn read_all(state: &ReplicaState, due_h: i64) -> (Vec<Deposit>, Vec<Movement>) {
    let deposits =
        state.records_of(kind::KEY_DEPOSIT).filter_map(|(id, f)| Deposit::read(id, f)).collect();
    let movements = state
        .records_of(kind::KEY_MOVEMENT)
        .filter_map(|(id, f)| Movement::read(id, f, due_h))
        .collect();
    (deposits, movements)
}

/// Where a deposit's keys are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum KeyState {
    InCustody,
    Out,
    Overdue,
    /// Given back to the owner: the deposit has ended.
    Ended,
}

impl KeyState {
    pub fn as_str(self) -> &'static str {
        match self {
            KeyState::InCustody => "in",
            KeyState::Out => "out",
            KeyState::Overdue => "overdue",
            KeyState::Ended => "ended",
        }
    }
}

/// The movement under which `deposit`'s keys are out, if any (the latest sign-out).
pub fn open_movement<'a>(deposit: &RecordId, movements: &'a [Movement]) -> Option<&'a Movement> {
    movements.iter().filter(|m| &m.deposit == deposit && m.is_out()).max_by_key(|m| m.out_at)
}

/// Where `deposit`'s keys are at `now`.
pub fn state(now: i64, deposit: &Deposit, movements: &[Movement]) -> KeyState {
    match open_movement(&deposit.id, movements) {
        Some(m) if now > m.due_at => KeyState::Overdue,
        Some(_) => KeyState::Out,
        None if deposit.ended_at.is_some() => KeyState::Ended,
        None => KeyState::InCustody,
    }
}

/// Keys out past their due time at `now`: each live deposit's open movement, oldest due
/// first.
pub fn overdue<'a>(now: i64, deposits: &[Deposit], movements: &'a [Movement]) -> Vec<&'a Movement> {
    let mut out: Vec<&Movement> = deposits
        .iter()
        .filter_map(|d| open_movement(&d.id, movements))
        .filter(|m| now > m.due_at)
        .collect();
    out.sort_by_key(|m| (m.due_at, m.id.clone()));
    out
}

/// Why keys may not be signed out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignOutBlocker {
    /// The deposit had ended (keys given back to the owner) by the time they went out.
    Ended,
    /// Another sign-out of the same keys was out at the time: one set of keys is in one
    /// pair of hands.
    AlreadyOut,
}

impl SignOutBlocker {
    /// The judge's message (the app shows its own words).
    pub fn message(self) -> &'static str {
        match self {
            SignOutBlocker::Ended => "these keys were given back to the owner",
            SignOutBlocker::AlreadyOut => "these keys were already signed out at that time",
        }
    }
}

/// Whether a sign-out of `deposit`'s keys from `out_at` (back at `returned_at`, or still
/// out) is refused: the deposit had ended by `out_at`, or another live sign-out of the same
/// keys (`movements`, any deposit's; the movement itself, `id`, is skipped) was out at some
/// moment of this one. Judged on the times the movements carry, not on when they reach the
/// server, so a day of sign-outs and returns sent together passes in any order. The app
/// asks it with `out_at` now and no return before it offers the sign-out; the judge asks it
/// of every new sign-out.
pub fn sign_out_blocker(
    deposit: &Deposit,
    movements: &[Movement],
    id: &RecordId,
    out_at: i64,
    returned_at: Option<i64>,
) -> Option<SignOutBlocker> {
    if deposit.ended_at.is_some_and(|e| e <= out_at) {
        return Some(SignOutBlocker::Ended);
    }
    let end = |r: Option<i64>| r.unwrap_or(i64::MAX);
    let overlaps = |m: &&Movement| {
        m.deposit == deposit.id
            && &m.id != id
            && m.out_at < end(returned_at)
            && out_at < end(m.returned_at)
    };
    movements.iter().find(overlaps).map(|_| SignOutBlocker::AlreadyOut)
}

/// Whether a movement as it stands returns before it went out (refused by the judge).
pub fn returned_before_out(movement: &Fields) -> bool {
    match (movement.int(field::OUT_AT), movement.int(field::RETURNED_AT)) {
        (Some(out), Some(back)) => back < out,
        (None, Some(_)) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests;
