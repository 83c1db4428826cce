//! Login input caps, bounded hashing, and throttling by client address: a growing wait per
//! (username, address) and per address instead of a lock anyone could put on a real user —
//! and the per-address wait never refuses a right password of a username that has not
//! failed from that address (an office behind one router).

use crate::support::Backend::{Postgres, Sqlite};
use crate::support::{self, client_from, expect_error, Backend, TestServer, PASSWORD};
use reqwest::{Response, StatusCode};
use rstest::rstest;
use server::auth::purge::purge;
use sqlx::Row;
use std::time::Duration;

const HOUR: Duration = Duration::from_secs(3600);
const MINUTE: Duration = Duration::from_secs(60);

/// Asserts a 429 `too_many_attempts` whose `Retry-After` and message say about `secs` (the
/// wall clock moved a little since the wait was set).
async fn expect_wait(r: Response, secs: u64) {
    let retry = r.headers().get("retry-after").and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    let retry = retry.expect("a Retry-After header in seconds");
    assert!((secs - 5..=secs).contains(&retry), "Retry-After {retry}, expected about {secs}");
    let body = expect_error(r, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts").await;
    let message = body["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains(&format!("in {retry} s")), "{message}");
}

/// The keys of the throttle rows, sorted.
pub async fn throttle_keys(s: &TestServer) -> Vec<String> {
    let rows = sqlx::query("SELECT key FROM login_throttle ORDER BY key")
        .fetch_all(&s.state.db().pool)
        .await
        .expect("throttle rows");
    rows.iter().map(|r| r.get::<String, _>("key")).collect()
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_long_usernames_and_passwords_are_refused_before_hashing(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(s) = support::start(b).await else { return };
    let http = &s.http;
    let before = s.state.auth().hasher.stats().started;
    // The caps count characters, as the OpenAPI document's `maxLength` does.
    for (username, password) in [
        ("管".repeat(65), PASSWORD.to_owned()),
        ("u".repeat(65), PASSWORD.to_owned()),
        ("butler".to_owned(), "p".repeat(1025)),
    ] {
        let r = s.login_via(http, &username, &password).await;
        let body = expect_error(r, StatusCode::BAD_REQUEST, "bad_request").await;
        assert!(body["error"]["message"].as_str().is_some_and(|m| m.contains("at most")), "{body}");
    }
    assert_eq!(s.state.auth().hasher.stats().started, before, "nothing was hashed");
    assert!(throttle_keys(&s).await.is_empty(), "no attempt was claimed");
    // At the caps exactly, the login is checked as usual.
    let r = s.login_via(http, &"u".repeat(64), &"p".repeat(1024)).await;
    expect_error(r, StatusCode::UNAUTHORIZED, "bad_credentials").await;
    // 64 Chinese characters are 192 bytes: within the cap, as the document says.
    let r = s.login_via(http, &"管".repeat(64), &"密".repeat(1024)).await;
    expect_error(r, StatusCode::UNAUTHORIZED, "bad_credentials").await;
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_real_user_logs_in_from_another_address_while_an_attacker_waits(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(s) = support::start_with(b, |c| {
        c.login_free_failures = 3;
        c.login_free_failures_per_address = 6;
        c.login_first_delay = HOUR;
        c.login_max_delay = 3 * HOUR;
    })
    .await
    else {
        return;
    };
    let (attacker, user) = (client_from("127.0.0.2"), client_from("127.0.0.1"));
    for _ in 0..3 {
        let r = s.login_via(&attacker, "butler", "guess").await;
        expect_error(r, StatusCode::UNAUTHORIZED, "bad_credentials").await;
    }
    // The attacker's address now waits an hour for this username, even with the password…
    expect_wait(s.login_via(&attacker, "butler", PASSWORD).await, 3600).await;
    // …while the real user, elsewhere, logs in.
    let r = s.login_via(&user, "butler", PASSWORD).await;
    assert_eq!(r.status(), StatusCode::OK);

    // Other usernames from the attacker's address: three more failures, then the address
    // waits for any username that already failed from it…
    for name in ["ghost1", "ghost2", "office"] {
        let r = s.login_via(&attacker, name, "guess").await;
        expect_error(r, StatusCode::UNAUTHORIZED, "bad_credentials").await;
    }
    expect_wait(s.login_via(&attacker, "ghost1", "guess").await, 3600).await;
    expect_wait(s.login_via(&attacker, "office", PASSWORD).await, 3600).await;
    let r = s.login_via(&user, "office", PASSWORD).await;
    assert_eq!(r.status(), StatusCode::OK, "the address-wide wait is the attacker's only");
    // …but not for one that never failed there: a colleague behind the same router.
    let r = s.login_via(&attacker, "outsider", PASSWORD).await;
    assert_eq!(r.status(), StatusCode::OK, "a clean username is checked at once");

    // An hour later one more attempt is checked, and the next wait is twice as long, capped.
    s.state.config().clock.advance(HOUR);
    let r = s.login_via(&attacker, "butler", "guess").await;
    expect_error(r, StatusCode::UNAUTHORIZED, "bad_credentials").await;
    expect_wait(s.login_via(&attacker, "butler", "guess").await, 7200).await;
    s.state.config().clock.advance(2 * HOUR);
    let r = s.login_via(&attacker, "butler", "guess").await;
    expect_error(r, StatusCode::UNAUTHORIZED, "bad_credentials").await;
    expect_wait(s.login_via(&attacker, "butler", "guess").await, 3 * 3600).await;
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parallel_wrong_guesses_are_checked_only_as_often_as_allowed(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    // Default allowance (5), a long first wait so that no attempt becomes allowed mid-test.
    let Some(s) = support::start_with(b, |c| c.login_first_delay = HOUR).await else { return };
    let guesses = (0..60).map(|i| {
        let (s, http) = (&s, &s.http);
        async move {
            let r = s.login_via(http, "butler", &format!("guess-{i}")).await;
            let retry = r.headers().contains_key("retry-after");
            (r.status(), retry)
        }
    });
    let answers = futures::future::join_all(guesses).await;
    let checked = answers.iter().filter(|(st, _)| *st == StatusCode::UNAUTHORIZED).count();
    let waited =
        answers.iter().filter(|(st, retry)| *st == StatusCode::TOO_MANY_REQUESTS && *retry);
    assert_eq!(checked, 5, "{answers:?}");
    assert_eq!(waited.count(), 55, "{answers:?}");
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn successful_logins_clear_failures_and_never_add_up(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start_with(b, |c| {
        c.login_free_failures = 3;
        c.login_free_failures_per_address = 7;
        c.login_first_delay = HOUR;
    })
    .await
    else {
        return;
    };
    for _ in 0..3 {
        for _ in 0..2 {
            let r = s.login_via(&s.http, "butler", "typo").await;
            expect_error(r, StatusCode::UNAUTHORIZED, "bad_credentials").await;
        }
        // Two failures, then the right password: the username's failures start again…
        let r = s.login_via(&s.http, "butler", PASSWORD).await;
        assert_eq!(r.status(), StatusCode::OK);
    }
    // …and successes from one address (an office behind one router) never make it wait: its
    // six real failures stay counted, each success is taken back.
    for name in ["office", "butler", "office", "outsider", "butler"] {
        assert_eq!(s.login_via(&s.http, name, PASSWORD).await.status(), StatusCode::OK);
    }
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mistyped_names_from_one_address_never_keep_a_colleague_out(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    // The defaults (20 free failures per address, waits doubling up to 15 minutes), with a
    // first wait long enough that no attempt becomes allowed mid-test.
    let Some(s) = support::start_with(b, |c| c.login_first_delay = 5 * MINUTE).await else {
        return;
    };
    for i in 0..20 {
        let r = s.login_via(&s.http, &format!("offce{i}"), PASSWORD).await;
        expect_error(r, StatusCode::UNAUTHORIZED, "bad_credentials").await;
    }
    // The address is over its allowance, and `office` still signs in with its password.
    let r = s.login_via(&s.http, "office", PASSWORD).await;
    assert_eq!(r.status(), StatusCode::OK, "a right password is never refused for others");
    // Wrong guesses from the address are still slowed: a name that failed here waits…
    expect_wait(s.login_via(&s.http, "offce3", "guess").await, 300).await;
    // …and so does a second wrong password of `office` (its first one is checked, and
    // counted against the address: the wait doubles)…
    let r = s.login_via(&s.http, "office", "guess").await;
    expect_error(r, StatusCode::UNAUTHORIZED, "bad_credentials").await;
    expect_wait(s.login_via(&s.http, "office", "guess").await, 600).await;
    // …up to 15 minutes.
    let r = s.login_via(&s.http, "offce20", "guess").await;
    expect_error(r, StatusCode::UNAUTHORIZED, "bad_credentials").await;
    expect_wait(s.login_via(&s.http, "offce3", "guess").await, 900).await;
    let r = s.login_via(&s.http, "offce21", "guess").await;
    expect_error(r, StatusCode::UNAUTHORIZED, "bad_credentials").await;
    expect_wait(s.login_via(&s.http, "offce3", "guess").await, 900).await;
    let row = sqlx::query("SELECT failures FROM login_throttle WHERE key = $1")
        .bind("addr:127.0.0.1")
        .fetch_one(&s.state.db().pool)
        .await
        .expect("address row");
    assert_eq!(row.get::<i64, _>("failures"), 23, "refused attempts are not failures");
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn throttle_rows_idle_for_a_day_are_purged_without_a_login(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(s) = support::start(b).await else { return };
    let r = s.login_via(&s.http, "butler", "typo").await;
    expect_error(r, StatusCode::UNAUTHORIZED, "bad_credentials").await;
    assert_eq!(throttle_keys(&s).await, ["addr:127.0.0.1", "user:127.0.0.1:butler"]);
    s.state.config().clock.advance(Duration::from_secs(23 * 3600));
    assert_eq!(purge(&s.state).await.unwrap().throttle_rows, 0, "a day is the limit");
    s.state.config().clock.advance(Duration::from_secs(2 * 3600));
    assert_eq!(purge(&s.state).await.unwrap().throttle_rows, 2);
    assert!(throttle_keys(&s).await.is_empty());
    // A right password of a clean pair leaves no row behind.
    s.login("office").await;
    assert!(throttle_keys(&s).await.is_empty());
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_most_the_allowed_number_of_hashes_run_at_once(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start_with(b, |c| {
        c.max_concurrent_hashes = 2;
        c.login_free_failures = 1000;
        c.login_free_failures_per_address = 1000;
    })
    .await
    else {
        return;
    };
    let before = s.state.auth().hasher.stats().started;
    let logins = (0..24).map(|i| {
        let s = &s;
        async move {
            let (name, pw) = if i % 3 == 0 { ("butler", PASSWORD) } else { ("nobody", "guess") };
            s.login_via(&s.http, name, pw).await.status()
        }
    });
    let answers = futures::future::join_all(logins).await;
    assert!(answers.iter().all(|st| *st == StatusCode::OK || *st == StatusCode::UNAUTHORIZED));
    let stats = s.state.auth().hasher.stats();
    assert!(stats.started >= before + 24, "{stats:?}");
    assert!((1..=2).contains(&stats.peak), "{stats:?}");
}
