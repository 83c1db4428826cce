//! The event stream opens with a one-use ticket (never a token in the URL); a user holds at
//! most a few streams, and at most 30 unused tickets; expired tickets are purged on a timer;
//! streams end when their session is logged out or revoked.

use crate::support::Backend::{Postgres, Sqlite};
use crate::support::{self, change, expect_error, now, Backend, EventReader, TestServer};
use reqwest::StatusCode;
use rstest::rstest;
use serde_json::json;
use server::auth::purge::purge;
use server::limits::LIVE_TICKETS_PER_USER;
use shared::protocol::EventsTicket;
use shared::RecordId;
use sqlx::Row;
use std::time::Duration;

/// Asserts that opening the stream with `query` is refused as `unauthorized`.
async fn refused(s: &TestServer, query: &str) {
    let r = s.get(&format!("/api/v1/sync/events?{query}"), None).await;
    expect_error(r, StatusCode::UNAUTHORIZED, "unauthorized").await;
}

/// A push by the butler (pokes the site's streams).
async fn poke_site(s: &TestServer, butler: &str, replica: &str, seq: u64) {
    let c = change("request", &RecordId::new_v7(), "status", json!("new"), now(), replica, None);
    s.push(butler, replica, vec![(seq, vec![c])]).await;
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_stream_takes_a_one_use_ticket_and_no_token_in_the_url(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(s) = support::start(b).await else { return };
    let office = s.login("office").await;
    refused(&s, &format!("token={office}")).await;
    let r = s.post_json("/api/v1/sync/events/ticket", Some(&office), &()).await;
    let t: EventsTicket = support::ok_json(r).await;
    assert_eq!(t.expires_in_ms, 60_000);
    // Stored as its hash only.
    let rows = sqlx::query("SELECT ticket_hash FROM event_tickets")
        .fetch_all(&s.state.db().pool)
        .await
        .expect("tickets");
    let stored: Vec<String> = rows.iter().map(|r| r.get("ticket_hash")).collect();
    assert_eq!(stored, [server::auth::token_hash(&t.ticket)]);

    let r = s.get(&format!("/api/v1/sync/events?ticket={}", t.ticket), None).await;
    EventReader::new(r).wait_for("event: hello").await;
    refused(&s, &format!("ticket={}", t.ticket)).await; // used once
    refused(&s, "ticket=0123abcd").await;
    // A ticket not used within a minute expires.
    let late = s.ticket(&office).await;
    s.state.config().clock.advance(Duration::from_secs(61));
    refused(&s, &format!("ticket={late}")).await;
    // A header still opens the stream; no ticket without a session.
    EventReader::new(s.get("/api/v1/sync/events", Some(&office)).await)
        .wait_for("event: hello")
        .await;
    let r = s.post_json("/api/v1/sync/events/ticket", None, &()).await;
    expect_error(r, StatusCode::UNAUTHORIZED, "unauthorized").await;
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logging_out_ends_that_sessions_streams(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start(b).await else { return };
    let (butler, phone, tablet) =
        (s.login("butler").await, s.login("office").await, s.login("office").await);
    let (mut on_phone, mut on_tablet) = (s.events(&phone).await, s.events(&tablet).await);
    let r = s.post_json("/api/v1/auth/logout", Some(&phone), &json!({})).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    on_phone.wait_end().await;
    // The other session's stream lives on, and the logged-out one cannot get a ticket.
    poke_site(&s, &butler, "tab-a", 1).await;
    on_tablet.wait_for("event: poke").await;
    let r = s.post_json("/api/v1/sync/events/ticket", Some(&phone), &()).await;
    expect_error(r, StatusCode::UNAUTHORIZED, "unauthorized").await;
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_stream_too_many_ends_the_users_oldest(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start_with(b, |c| c.max_streams_per_user = 2).await else { return };
    let (butler, office) = (s.login("butler").await, s.login("office").await);
    let office_id = s.state.db().user_by_username("office").await.expect("db").expect("user").0;
    let mut oldest = s.events(&office).await;
    let mut second = s.events(&office).await;
    let mut newest = s.events(&office).await;
    oldest.wait_end().await;
    assert_eq!(s.state.auth().streams.count(&office_id.user_id), 2);
    poke_site(&s, &butler, "tab-a", 1).await;
    second.wait_for("event: poke").await;
    newest.wait_for("event: poke").await;
    // Another user's streams are counted apart.
    s.events(&butler).await.wait_for("event: hello").await;
    assert_eq!(s.state.auth().streams.count(&office_id.user_id), 2);
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn revoked_sessions_end_their_streams_here_at_once_and_elsewhere_at_the_next_check(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let recheck = Duration::from_millis(200);
    let Some(s) = support::start_with(b, |c| c.stream_recheck = recheck).await else { return };
    let office = s.login("office").await;
    let mut here = s.events(&office).await;
    // `guanjia user revoke-sessions` through this instance's state: ended at once.
    assert_eq!(server::accounts::revoke_sessions(&s.state, "office").await.expect("revoke"), 1);
    here.wait_end().await;
    let r = s.post_json("/api/v1/sync/events/ticket", Some(&office), &()).await;
    expect_error(r, StatusCode::UNAUTHORIZED, "unauthorized").await;

    // Revoked in the database only (another instance, or the CLI as its own process): the
    // stream ends at its next check of the session.
    let office = s.login("office").await;
    let mut there = s.events(&office).await;
    let user = s.state.db().user_by_username("office").await.expect("db").expect("user").0;
    s.state.db().revoke_user_sessions(&user.user_id, now()).await.expect("revoke in db");
    there.wait_end().await;
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_holds_at_most_thirty_unused_tickets_and_expired_ones_are_purged(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(s) = support::start(b).await else { return };
    let (office, phone, butler) =
        (s.login("office").await, s.login("office").await, s.login("butler").await);
    // Forty at once from two sessions of one user: exactly thirty are issued.
    let asks = (0..40).map(|i| {
        let token = if i % 2 == 0 { &office } else { &phone };
        s.post_json("/api/v1/sync/events/ticket", Some(token), &())
    });
    let answers = futures::future::join_all(asks).await;
    let mut tickets = Vec::new();
    for r in answers {
        if r.status() == StatusCode::OK {
            tickets.push(support::ok_json::<EventsTicket>(r).await.ticket);
            continue;
        }
        let retry = r.headers().get("retry-after").and_then(|v| v.to_str().ok()?.parse().ok());
        assert!(retry.is_some_and(|secs: u64| (1..=60).contains(&secs)), "{retry:?}");
        expect_error(r, StatusCode::TOO_MANY_REQUESTS, "too_many_tickets").await;
    }
    assert_eq!(tickets.len() as u64, LIVE_TICKETS_PER_USER);
    assert_eq!(s.rows("event_tickets").await, 30, "refused calls store nothing");
    // Another user is not affected; using a ticket frees its place.
    s.ticket(&butler).await;
    let r = s.get(&format!("/api/v1/sync/events?ticket={}", tickets[0]), None).await;
    EventReader::new(r).wait_for("event: hello").await;
    s.ticket(&office).await;
    let r = s.post_json("/api/v1/sync/events/ticket", Some(&office), &()).await;
    expect_error(r, StatusCode::TOO_MANY_REQUESTS, "too_many_tickets").await;
    // A minute on they have all expired: the user gets tickets again, and the timer's
    // purge deletes the expired ones though nobody logged in.
    s.state.config().clock.advance(Duration::from_secs(61));
    s.ticket(&office).await;
    assert_eq!(s.rows("event_tickets").await, 32);
    assert_eq!(purge(&s.state).await.expect("purge").tickets, 31);
    assert_eq!(s.rows("event_tickets").await, 1, "the live ticket stays");
}
