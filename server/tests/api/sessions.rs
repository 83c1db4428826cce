//! Sessions expire: after an idle time, and at an absolute age however busy. The account
//! clock is moved forward instead of waiting.

use crate::support::Backend::{Postgres, Sqlite};
use crate::support::{self, expect_error, Backend, TestServer};
use reqwest::StatusCode;
use rstest::rstest;
use sqlx::Row;
use std::time::Duration;

const DAY: Duration = Duration::from_secs(24 * 3600);

async fn me_status(s: &TestServer, token: &str) -> StatusCode {
    s.get("/api/v1/me", Some(token)).await.status()
}

async fn last_seen(s: &TestServer, token: &str) -> i64 {
    let row = sqlx::query("SELECT last_seen_ms FROM sessions WHERE token_hash = $1")
        .bind(server::auth::token_hash(token))
        .fetch_one(&s.state.db().pool)
        .await
        .expect("session row");
    row.get("last_seen_ms")
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_session_expires_and_use_keeps_it_alive(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start(b).await else { return };
    let (used, idle) = (s.login("butler").await, s.login("butler").await);
    let clock = &s.state.config().clock;
    for _ in 0..2 {
        clock.advance(6 * DAY);
        assert_eq!(me_status(&s, &used).await, StatusCode::OK);
    }
    // Twelve days since its last use: past the seven-day idle timeout.
    expect_error(s.get("/api/v1/me", Some(&idle)).await, StatusCode::UNAUTHORIZED, "unauthorized")
        .await;
    clock.advance(7 * DAY);
    assert_eq!(me_status(&s, &used).await, StatusCode::UNAUTHORIZED);
    // Nothing else opens with it either.
    let r = s.post_json("/api/v1/sync/events/ticket", Some(&used), &()).await;
    expect_error(r, StatusCode::UNAUTHORIZED, "unauthorized").await;
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_ends_at_its_absolute_age_however_busy(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start_with(b, |c| {
        c.session_max_age = 10 * DAY;
        c.session_idle = 3 * DAY;
    })
    .await
    else {
        return;
    };
    let token = s.login("office").await;
    let clock = &s.state.config().clock;
    for _ in 0..4 {
        clock.advance(2 * DAY);
        assert_eq!(me_status(&s, &token).await, StatusCode::OK);
    }
    clock.advance(2 * DAY); // ten days after login
    assert_eq!(me_status(&s, &token).await, StatusCode::UNAUTHORIZED);
    s.login("office").await; // a new login is a new session
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn last_seen_is_written_at_most_once_a_minute(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start(b).await else { return };
    let token = s.login("butler").await;
    let first = last_seen(&s, &token).await;
    let clock = &s.state.config().clock;
    clock.advance(Duration::from_secs(30));
    assert_eq!(me_status(&s, &token).await, StatusCode::OK);
    assert_eq!(last_seen(&s, &token).await, first, "30 s later: not written again");
    clock.advance(Duration::from_secs(31));
    assert_eq!(me_status(&s, &token).await, StatusCode::OK);
    let second = last_seen(&s, &token).await;
    assert!(second >= first + 61_000, "{first} → {second}");
    assert_eq!(me_status(&s, &token).await, StatusCode::OK);
    assert_eq!(last_seen(&s, &token).await, second);
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_that_can_never_be_used_again_are_purged(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start(b).await else { return };
    let revoked = s.login("butler").await;
    let r = s.http.post(s.url("/api/v1/auth/logout")).bearer_auth(&revoked).send().await;
    assert_eq!(r.expect("logout").status(), StatusCode::NO_CONTENT);
    let _idle = s.login("office").await;
    s.state.config().clock.advance(Duration::from_secs(8 * 24 * 3600));
    let fresh = s.login("butler").await;
    assert_eq!(s.rows("sessions").await, 3, "a login purges nothing");
    // The timer's round (`serve` runs one a minute) deletes what is due.
    assert_eq!(server::auth::purge::purge(&s.state).await.expect("purge").sessions, 2);
    assert_eq!(s.rows("sessions").await, 1, "only the fresh session is left");
    assert_eq!(me_status(&s, &fresh).await, StatusCode::OK);
}
