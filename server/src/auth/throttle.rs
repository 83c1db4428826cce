//! Login throttling by client address: a growing wait instead of a lock.
//!
//! A lock per username let anyone lock a real user out. Here every attempt is claimed on two
//! keys before the password is checked: the username *at this client address*, and the
//! client address alone (so one address cannot try many usernames either). After the free
//! failures of a key, each further attempt must wait, twice as long as the one before, up to
//! a cap; a waiting attempt is answered 429 `too_many_attempts` with `Retry-After`. A real
//! user at another address is not affected. The address is the TCP peer (`ConnectInfo`),
//! never `X-Forwarded-For`, which any client can write.

use crate::db::throttle::Spacing;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use std::net::IpAddr;
use std::sync::atomic::Ordering;

/// Throttle rows untouched this long are deleted (at most once a minute, on a login).
pub const IDLE_ROW_MS: u64 = 24 * 60 * 60 * 1000;

const PURGE_EVERY_MS: u64 = 60 * 1000;

/// The address a client is throttled by: IPv4 as is, IPv6 by its /64 (one subscriber's
/// network; a client can pick any address inside it).
pub fn address_key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

/// A login attempt that was allowed; it counts as a failure unless [`Attempt::succeeded`].
#[derive(Debug)]
pub struct Attempt {
    user_key: String,
    address_key: String,
    address_spacing: Spacing,
}

impl Attempt {
    /// The password was right: forget this username's failures at this address, and take
    /// the attempt back from the address's count.
    pub async fn succeeded(self, state: &AppState) -> AppResult<()> {
        state.db().clear_throttle(&self.user_key).await?;
        state.db().release_attempt(&self.address_key, self.address_spacing).await
    }
}

/// Claims an attempt for `username` from `ip` at `now_ms`, or refuses it with the time to
/// wait. The username's key is claimed first: an address already waiting on it does not
/// spend its address-wide allowance.
pub async fn claim(
    state: &AppState,
    username: &str,
    ip: IpAddr,
    now_ms: u64,
) -> AppResult<Attempt> {
    let cfg = state.config();
    let spacing = |free| Spacing {
        free,
        first_delay_ms: cfg.login_first_delay.as_millis() as u64,
        max_delay_ms: cfg.login_max_delay.as_millis() as u64,
    };
    let address = address_key(ip);
    let attempt = Attempt {
        user_key: format!("user:{address}:{username}"),
        address_key: format!("addr:{address}"),
        address_spacing: spacing(cfg.login_free_failures_per_address),
    };
    let keys = [
        (&attempt.user_key, spacing(cfg.login_free_failures)),
        (&attempt.address_key, attempt.address_spacing),
    ];
    for (key, spacing) in keys {
        if !state.db().claim_attempt(key, now_ms, spacing).await? {
            let next = state.db().throttle_next_allowed(key).await?.unwrap_or(now_ms);
            let wait_ms = next.saturating_sub(now_ms);
            tracing::warn!(%address, username, wait_ms, "login throttled");
            return Err(AppError::TooManyAttempts {
                retry_after_secs: wait_ms.div_ceil(1000).max(1),
            });
        }
    }
    Ok(attempt)
}

/// Deletes throttle rows idle for over a day, expired tickets, and sessions that can never be
/// used again, at most once a minute per instance.
pub async fn purge_if_due(state: &AppState, now_ms: u64) -> AppResult<()> {
    let last = &state.auth().last_purge_ms;
    let prev = last.load(Ordering::Relaxed);
    if now_ms < prev.saturating_add(PURGE_EVERY_MS)
        || last.compare_exchange(prev, now_ms, Ordering::Relaxed, Ordering::Relaxed).is_err()
    {
        return Ok(());
    }
    let gone = state.db().purge_throttle(now_ms.saturating_sub(IDLE_ROW_MS), now_ms).await?;
    let tickets = state.db().purge_tickets(now_ms).await?;
    let sessions = state.db().purge_sessions(super::liveness(state.config(), now_ms)).await?;
    tracing::debug!(throttle_rows = gone, tickets, sessions, "purged");
    Ok(())
}
