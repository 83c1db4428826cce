//! Authentication: login (input caps, throttling by client address, bounded hashing),
//! sessions that expire, and one-use tickets for the event stream. A token is 32 random
//! bytes shown once to the client and stored only as its SHA-256; so is a ticket.

pub mod forwarded;
pub mod password;
pub mod purge;
pub mod runtime;
pub mod streams;
pub mod throttle;

use crate::config::Config;
use crate::db::accounts::{AuthUser, Liveness};
use crate::db::sessions::NewTicket;
use crate::error::{AppError, AppResult};
use crate::limits::{admit, LIVE_TICKETS_PER_USER};
use crate::state::AppState;
use rand::RngCore;
use sha2::{Digest, Sha256};
use shared::protocol::{EventsTicket, LoginRequest, LoginResponse};
use std::net::IpAddr;
use std::time::Duration;

/// A session's `last_seen_ms` is written at most this often (not on every request).
pub const TOUCH_EVERY_MS: u64 = 60 * 1000;

/// How long an event-stream ticket may wait before it is used.
pub const TICKET_LIFETIME: Duration = Duration::from_secs(60);

/// SHA-256 hex of a session token or ticket (what the database holds).
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// 32 random bytes from the OS, in hex.
fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Checks a login from `client` and opens a session. Over-long input is refused (400) before
/// anything else; then the attempt is claimed against the throttle (429 while it must wait,
/// [`throttle`]), and only then is a password hashed.
pub async fn login(
    state: &AppState,
    req: &LoginRequest,
    client: IpAddr,
) -> AppResult<LoginResponse> {
    password::check_lengths(&req.username, &req.password)?;
    let now = state.config().clock.now_ms();
    let attempt = throttle::claim(state, &req.username, client, now).await?;
    let hasher = &state.auth().hasher;
    let found = state.db().user_for_login(&req.username).await?;
    let ok = match &found {
        Some((_, hash)) => hasher.verify(req.password.clone(), hash.clone()).await?,
        None => hasher.verify_nobody(req.password.clone()).await?,
    };
    match found {
        Some((user, _)) if ok => {
            attempt.succeeded(state).await?;
            let token = random_token();
            state.db().insert_session(&token_hash(&token), &user.user_id, now).await?;
            tracing::info!(username = %user.username, "login");
            Ok(LoginResponse { token, me: user.me() })
        }
        _ => {
            attempt.failed(state, now).await?;
            Err(AppError::BadCredentials)
        }
    }
}

/// What counts as a live session at `now_ms` under a config's lifetimes.
pub fn liveness(config: &Config, now_ms: u64) -> Liveness {
    Liveness {
        created_after: now_ms.saturating_sub(config.session_max_age.as_millis() as u64),
        seen_after: now_ms.saturating_sub(config.session_idle.as_millis() as u64),
    }
}

/// The user behind a live session token (marking the session as used).
pub async fn session_user(state: &AppState, token: &str) -> AppResult<Option<AuthUser>> {
    session_user_by_hash(state, &token_hash(token)).await
}

/// The user behind a live session, by token hash; refreshes its `last_seen_ms` when the last
/// refresh is over a minute old.
pub async fn session_user_by_hash(
    state: &AppState,
    token_hash: &str,
) -> AppResult<Option<AuthUser>> {
    let now = state.config().clock.now_ms();
    let Some(live) = state.db().live_session(token_hash, liveness(state.config(), now)).await?
    else {
        return Ok(None);
    };
    let stale = now.saturating_sub(TOUCH_EVERY_MS);
    if live.last_seen_ms <= stale {
        state.db().touch_session(token_hash, now, stale).await?;
    }
    Ok(Some(live.user))
}

/// Revokes a session token and ends the event streams opened with it on this instance.
pub async fn logout(state: &AppState, token: &str) -> AppResult<()> {
    let hash = token_hash(token);
    state.db().revoke_session(&hash, state.config().clock.now_ms()).await?;
    state.auth().streams.end_session(&hash);
    Ok(())
}

/// Revokes every session of a user and ends their event streams on this instance (other
/// instances refuse the streams' next reconnect, and end them at their next check); returns
/// how many sessions were revoked.
pub async fn revoke_user_sessions(state: &AppState, user_id: &str) -> AppResult<u64> {
    let n = state.db().revoke_user_sessions(user_id, state.config().clock.now_ms()).await?;
    state.auth().streams.end_user(user_id);
    Ok(n)
}

/// Issues a one-use ticket that opens one event stream for the session `token` of `user_id`,
/// valid for [`TICKET_LIFETIME`]: the token itself never goes in a URL. A user holds at most
/// [`LIVE_TICKETS_PER_USER`] unused ones (429 `too_many_tickets` beyond, until the first
/// expires); expired ones are deleted by [`purge`].
pub async fn issue_ticket(state: &AppState, user_id: &str, token: &str) -> AppResult<EventsTicket> {
    let ticket = random_token();
    let now = state.config().clock.now_ms();
    let ttl = TICKET_LIFETIME.as_millis() as u64;
    let (ticket_hash, token_hash) = (token_hash(&ticket), token_hash(token));
    let new = NewTicket {
        ticket_hash: &ticket_hash,
        token_hash: &token_hash,
        user_id,
        expires_ms: now + ttl,
    };
    state
        .db()
        .insert_ticket(new, now, |live| {
            admit(live, LIVE_TICKETS_PER_USER, now, ttl)
                .map_err(|retry_after_secs| AppError::TooManyTickets { retry_after_secs })
        })
        .await?;
    Ok(EventsTicket { ticket, expires_in_ms: ttl })
}

/// Takes a ticket (it cannot be used again) and returns the token hash of its session, if
/// the ticket exists and has not expired.
pub async fn redeem_ticket(state: &AppState, ticket: &str) -> AppResult<Option<String>> {
    state.db().take_ticket(&token_hash(ticket), state.config().clock.now_ms()).await
}
