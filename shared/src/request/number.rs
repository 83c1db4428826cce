//! Readable request numbers made without the network (工单编号): area code, date and a
//! counter taken from a block the server gave this device ("A2-261127-0457").
//!
//! The server hands out blocks of a site-wide counter, each to one replica, never twice
//! (`POST /api/v1/sync/numbers`); a device keeps a [`NumberPool`] of unused blocks and asks
//! for more while online and running low. Uniqueness rests on the counter alone — the area
//! code and date only make the number readable — so two tablets offline all day never give
//! the same number. A device whose blocks ran out offline uses a provisional number made
//! from its replica id ([`provisional`]), unique for the same reason the replica id is.

use serde::{Deserialize, Serialize};

/// How many numbers one block holds.
pub const BLOCK_SIZE: u32 = 50;

/// Below this many unused numbers the device asks for another block when online.
pub const LOW_WATER: u64 = 20;

/// A run of the site's counter given to one replica: `start .. start + count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NumberBlock {
    pub start: u64,
    pub count: u32,
}

/// `POST /api/v1/sync/numbers` body: the replica asking (it must be the caller's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NumberBlockRequest {
    pub replica: crate::ReplicaId,
}

/// A device's unused numbers, kept in its store.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NumberPool {
    /// Unused blocks, oldest first; the first one's `start` is the next number.
    pub blocks: Vec<NumberBlock>,
}

impl NumberPool {
    /// Takes the next number, if any is left.
    pub fn take(&mut self) -> Option<u64> {
        let b = self.blocks.first_mut()?;
        let n = b.start;
        b.start += 1;
        b.count -= 1;
        if b.count == 0 {
            self.blocks.remove(0);
        }
        Some(n)
    }

    /// Unused numbers left.
    pub fn remaining(&self) -> u64 {
        self.blocks.iter().map(|b| u64::from(b.count)).sum()
    }

    /// Whether to ask the server for another block.
    pub fn wants_more(&self) -> bool {
        self.remaining() < LOW_WATER
    }

    /// Adds a block the server gave (an empty one, or one already held, is ignored).
    pub fn add(&mut self, b: NumberBlock) {
        let overlaps = self.blocks.iter().any(|o| {
            b.start < o.start + u64::from(o.count) && o.start < b.start + u64::from(b.count)
        });
        if b.count > 0 && !overlaps {
            self.blocks.push(b);
        }
    }
}

/// The readable number: `{area}-{yymmdd}-{n:04}` (no area code: `GJ`).
pub fn format(area_code: &str, (y, m, d): (i64, i64, i64), n: u64) -> String {
    let code = area_code.trim();
    let code = if code.is_empty() { "GJ" } else { code };
    format!("{code}-{:02}{m:02}{d:02}-{n:04}", y.rem_euclid(100))
}

/// A number for a device with no block left: `{area}-{yymmdd}-T{replica}-{k}`, where `k`
/// counts this device's provisional numbers. Longer, but unique without the server.
///
/// `{replica}` is the replica id's LAST 12 letters and digits: a replica id is a UUIDv7,
/// whose first characters are its creation time — tablets set up in the same minute share
/// them — while its tail is random (48 bits here).
pub fn provisional(area_code: &str, date: (i64, i64, i64), replica: &str, k: u64) -> String {
    let short = replica_tail(replica);
    let base = format(area_code, date, 0);
    let prefix = base.strip_suffix("-0000").unwrap_or(&base);
    format!("{prefix}-T{short}-{k}")
}

/// The tail of `replica` a provisional number carries: its last 12 letters and digits.
fn replica_tail(replica: &str) -> String {
    let alnum: Vec<char> = replica.chars().filter(char::is_ascii_alphanumeric).collect();
    alnum[alnum.len().saturating_sub(12)..].iter().collect()
}

/// Whether `number` is one `replica` may give a new request: [`format`]'s form with a counter
/// inside one of the replica's `blocks`, or [`provisional`]'s form with the replica's own
/// tail. The area code and date only make a number readable; the counter (or the replica
/// tail) is what keeps it unique, so only that is checked.
pub fn drawn_by(number: &str, replica: &str, blocks: &[NumberBlock]) -> bool {
    let mut parts = number.rsplit('-');
    let (Some(last), Some(before)) = (parts.next(), parts.next()) else { return false };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(last) {
        return false;
    }
    if before.strip_prefix('T').is_some_and(|tail| tail == replica_tail(replica)) {
        return parts.next().is_some_and(digits);
    }
    let Ok(n) = last.parse::<u64>() else { return false };
    digits(before) && blocks.iter().any(|b| b.start <= n && n < b.start + u64::from(b.count))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pool_hands_out_each_number_once_across_blocks() {
        let mut p = NumberPool::default();
        p.add(NumberBlock { start: 1, count: 2 });
        p.add(NumberBlock { start: 101, count: 1 });
        p.add(NumberBlock { start: 1, count: 2 }); // a retried reply
        assert_eq!(p.remaining(), 3);
        let taken: Vec<_> = std::iter::from_fn(|| p.take()).collect();
        assert_eq!(taken, vec![1, 2, 101]);
        assert!(p.wants_more() && p.take().is_none());
    }

    #[test]
    fn numbers_read_well() {
        assert_eq!(format("A2", (2026, 11, 27), 457), "A2-261127-0457");
        assert_eq!(format(" ", (2026, 1, 5), 123_456), "GJ-260105-123456");
        assert_eq!(provisional("A2", (2026, 11, 27), "0190f0a0-ab", 3), "A2-261127-T0190f0a0ab-3");
        // Two UUIDv7 replica ids made in the same millisecond differ only in their tails.
        let a = provisional("A2", (2026, 11, 27), "019ac0de12347a3b8c2d5e6f708192a3", 1);
        let b = provisional("A2", (2026, 11, 27), "019ac0de12347a3b8c2d5e6f70819999", 1);
        assert_ne!(a, b);
        assert_eq!(a, "A2-261127-T5e6f708192a3-1");
    }

    #[test]
    fn a_number_is_drawn_from_the_replicas_blocks_or_its_provisional_form() {
        let blocks = [NumberBlock { start: 51, count: 50 }];
        let replica = "019ac0de12347a3b8c2d5e6f708192a3";
        assert!(drawn_by(&format("A2", (2026, 11, 27), 51), replica, &blocks));
        assert!(drawn_by(&format("A-2", (2026, 11, 27), 100), replica, &blocks));
        assert!(!drawn_by(&format("A2", (2026, 11, 27), 101), replica, &blocks), "past it");
        assert!(!drawn_by(&format("A2", (2026, 11, 27), 7), replica, &blocks), "another's");
        let own = provisional("A2", (2026, 11, 27), replica, 3);
        assert!(drawn_by(&own, replica, &[]));
        let other = provisional("A2", (2026, 11, 27), "019ac0de12347a3b8c2d5e6f70819999", 3);
        assert!(!drawn_by(&other, replica, &blocks));
        for junk in ["", "51", "A2-261127-", "A2-261127-x51", "A2-x-51", "T-1"] {
            assert!(!drawn_by(junk, replica, &blocks), "{junk:?}");
        }
    }
}
