//! Limits on cheap writes: request-number blocks and event-stream tickets. Each call of
//! `POST /sync/numbers` or `POST /sync/events/ticket` writes a row (the first under the site's
//! write lock), so without a limit one session could fill the database and hold the lock.
//! Both are limited per user, at levels a real device never reaches, and answered
//! 429 with `Retry-After` beyond (`too_many_number_blocks`, `too_many_tickets`).
//!
//! The rules are pure ([`admit`]); `db/` counts the rows.

use std::time::Duration;

/// Number blocks one user may take within [`NUMBER_WINDOW`].
///
/// Why 30: a device asks for a block of 50 (`shared::request::number::BLOCK_SIZE`) only when
/// fewer than 20 are left, so each block follows at least 30 new requests, plus one block per
/// sign-in (a new replica) and one per reply lost on the way. A busy office files a request
/// a minute — two blocks an hour; five tablets of one user signing in again add five. Thirty
/// an hour is ten times that, 1,500 numbers; a loop asking without using them stops there.
pub const NUMBER_BLOCKS_PER_WINDOW: u64 = 30;

/// The window [`NUMBER_BLOCKS_PER_WINDOW`] counts over.
pub const NUMBER_WINDOW: Duration = Duration::from_secs(3600);

/// Unused, unexpired event-stream tickets one user may hold.
///
/// Why 30: a device asks for a ticket at each (re)connect of its event stream and uses it at
/// once, so it holds at most one unused ticket, briefly — or a few, when connections drop
/// between the ticket and the stream (each stays live for `crate::auth::TICKET_LIFETIME`, a
/// minute). A user has at most `--max-streams-per-user` (5) streams per instance; thirty
/// unused tickets is six per stream.
pub const LIVE_TICKETS_PER_USER: u64 = 30;

/// A user's recent uses of one limited write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recent {
    /// How many still count against the limit.
    pub count: u64,
    /// When the first of them stops counting (ms), if any counts.
    pub first_frees_ms: Option<u64>,
}

/// Whether one more is allowed at `now_ms` under `max`: `Ok`, or `Err` with the whole
/// seconds to wait (at least 1) until the first of the counted ones stops counting — never
/// more than `window_ms`, the longest any use counts. `now_ms` is read before the request
/// waits for the user's lock, so a use made by a parallel request meanwhile may free up to
/// `window_ms` after a later instant than `now_ms`: without the cap, a ticket's wait read
/// 61 s for a 60 s ticket.
pub fn admit(recent: Recent, max: u64, now_ms: u64, window_ms: u64) -> Result<(), u64> {
    if recent.count < max {
        return Ok(());
    }
    let frees = recent.first_frees_ms.unwrap_or(now_ms);
    Err(frees.saturating_sub(now_ms).min(window_ms).div_ceil(1000).max(1))
}

#[cfg(test)]
mod tests {
    use super::{admit, Recent};

    #[test]
    fn one_more_is_allowed_below_the_limit_and_waits_for_the_first_to_free_at_it() {
        let recent = |count, first_frees_ms| Recent { count, first_frees_ms };
        const W: u64 = 60_000;
        assert_eq!(admit(recent(0, None), 3, 1_000, W), Ok(()));
        assert_eq!(admit(recent(2, Some(5_000)), 3, 1_000, W), Ok(()));
        assert_eq!(admit(recent(3, Some(5_000)), 3, 1_000, W), Err(4));
        assert_eq!(admit(recent(3, Some(5_001)), 3, 1_000, W), Err(5), "rounded up");
        assert_eq!(admit(recent(4, Some(900)), 3, 1_000, W), Err(1), "never less than a second");
        assert_eq!(admit(recent(3, None), 3, 1_000, W), Err(1));
        // A use made by a parallel request after `now` was read frees later than the window.
        assert_eq!(admit(recent(3, Some(61_005)), 3, 1_000, W), Err(60), "never past the window");
    }
}
