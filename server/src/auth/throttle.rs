//! Login throttling by client address: a growing wait instead of a lock.
//!
//! A lock per username let anyone lock a real user out, and a wait per address let anyone
//! behind the same router (an office's NAT, or every user behind a proxy that is not
//! declared with `--trusted-proxy`) lock out the whole office. So there are two keys:
//!
//! - the username *at this client address*: every attempt claims it before any password is
//!   checked, so parallel guesses of one username get no more checks than the rule allows;
//! - the client address alone, which only slows wrong guesses: an attempt whose own
//!   (username, address) pair has no failures is checked at once ([`Gate::PasswordFirst`]) and
//!   counts against the address only if it fails; an attempt on a pair that already failed must
//!   claim the address too ([`Gate::AddressFirst`]). A right password is thus never refused for
//!   what other usernames did from the same address, while one address still gets a single
//!   unchecked-by-the-address guess per username before its wait applies.
//!
//! After the free failures of a key, each further attempt must wait, twice as long as the one
//! before, up to a cap; a waiting attempt is answered 429 `too_many_attempts` with
//! `Retry-After`. The address is the TCP peer, or what a trusted proxy says it forwarded for
//! ([`super::forwarded`]); rows are purged on a timer ([`super::purge`]).

use crate::db::throttle::Spacing;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use std::net::IpAddr;

/// The address a client is throttled by: IPv4 as is, IPv6 by its /64 (one subscriber's
/// network; a client can pick any address inside it).
pub fn address_key(ip: IpAddr) -> String {
    match ip.to_canonical() {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
    }
}

/// Whether an attempt must pass the address's throttle before its password is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    /// The pair had no failures: check the password; only a failure counts on the address.
    PasswordFirst,
    /// The pair already failed: claim the address first, as any repeated guess must.
    AddressFirst,
}

/// The gate of an attempt whose claim on its (username, address) pair counted `failures`
/// (this attempt included, so 1 when the pair was clean). Of parallel attempts on a clean
/// pair only the first sees 1.
pub fn gate(pair_failures: u32) -> Gate {
    if pair_failures <= 1 {
        Gate::PasswordFirst
    } else {
        Gate::AddressFirst
    }
}

/// A login attempt that was allowed; it must end in [`Attempt::succeeded`] or
/// [`Attempt::failed`].
#[derive(Debug)]
pub struct Attempt {
    user_key: String,
    address_key: String,
    address_spacing: Spacing,
    gate: Gate,
}

impl Attempt {
    /// The password was right: forget this username's failures at this address, and take
    /// back the address's claim if one was made.
    pub async fn succeeded(self, state: &AppState) -> AppResult<()> {
        state.db().clear_throttle(&self.user_key).await?;
        match self.gate {
            Gate::PasswordFirst => Ok(()),
            Gate::AddressFirst => {
                state.db().release_attempt(&self.address_key, self.address_spacing).await
            }
        }
    }

    /// The password was wrong: the claims stay counted, and a failure checked before the
    /// address was claimed is counted on the address now.
    pub async fn failed(self, state: &AppState, now_ms: u64) -> AppResult<()> {
        match self.gate {
            Gate::PasswordFirst => {
                state.db().count_failure(&self.address_key, now_ms, self.address_spacing).await
            }
            Gate::AddressFirst => Ok(()),
        }
    }
}

/// Claims an attempt for `username` from `ip` at `now_ms`, or refuses it with the time to
/// wait: the pair first, then the address when the pair already failed ([`gate`]). A pair
/// claim the address refused is taken back: that attempt was never checked.
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
    let user_key = format!("user:{address}:{username}");
    let user_spacing = spacing(cfg.login_free_failures);
    let Some(failures) = state.db().claim_attempt(&user_key, now_ms, user_spacing).await? else {
        return Err(refusal(state, &user_key, username, now_ms).await);
    };
    let attempt = Attempt {
        user_key,
        address_key: format!("addr:{address}"),
        address_spacing: spacing(cfg.login_free_failures_per_address),
        gate: gate(failures),
    };
    if attempt.gate == Gate::AddressFirst {
        let key = &attempt.address_key;
        if state.db().claim_attempt(key, now_ms, attempt.address_spacing).await?.is_none() {
            state.db().release_attempt(&attempt.user_key, user_spacing).await?;
            return Err(refusal(state, key, username, now_ms).await);
        }
    }
    Ok(attempt)
}

/// The 429 for an attempt on `key` that must wait.
async fn refusal(state: &AppState, key: &str, username: &str, now_ms: u64) -> AppError {
    let next = match state.db().throttle_next_allowed(key).await {
        Ok(next) => next.unwrap_or(now_ms),
        Err(e) => return e,
    };
    let wait_ms = next.saturating_sub(now_ms);
    tracing::warn!(key, username, wait_ms, "login throttled");
    AppError::TooManyAttempts { retry_after_secs: wait_ms.div_ceil(1000).max(1) }
}

#[cfg(test)]
mod tests {
    use super::{address_key, gate, Gate};

    #[test]
    fn only_a_pair_that_already_failed_must_pass_the_address_first() {
        assert_eq!(gate(1), Gate::PasswordFirst);
        assert_eq!(gate(2), Gate::AddressFirst);
        assert_eq!(gate(9), Gate::AddressFirst);
    }

    #[test]
    fn ipv6_clients_are_keyed_by_their_64_and_mapped_ipv4_as_ipv4() {
        let key = |s: &str| address_key(s.parse().expect("an address"));
        assert_eq!(key("203.0.113.7"), "203.0.113.7");
        assert_eq!(key("::ffff:203.0.113.7"), "203.0.113.7");
        assert_eq!(key("2001:db8:1:2:aa::1"), "2001:db8:1:2::/64");
    }
}
