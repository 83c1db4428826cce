//! Behind a TLS proxy every request comes from the proxy's address: with `--trusted-proxy`
//! logins are throttled by the client the proxy forwarded for (`X-Forwarded-For`), so one
//! user's wrong guesses do not slow the others; without it, or from any other peer, the
//! header is ignored (anyone can write one).

use crate::login_throttle::throttle_keys;
use crate::support::Backend::{Postgres, Sqlite};
use crate::support::{self, client_from, expect_error, Backend, TestServer, PASSWORD};
use reqwest::{Client, Response, StatusCode};
use rstest::rstest;
use std::time::Duration;

const HOUR: Duration = Duration::from_secs(3600);

/// `POST /auth/login` from `http` with an `X-Forwarded-For` header.
async fn login_for(
    s: &TestServer,
    http: &Client,
    forwarded_for: &str,
    username: &str,
    password: &str,
) -> Response {
    let body = serde_json::json!({"username": username, "password": password});
    let url = s.url("/api/v1/auth/login");
    let req = http.post(url).header("x-forwarded-for", forwarded_for).json(&body);
    req.send().await.expect("login request")
}

/// The address keys of the throttle rows, sorted.
async fn address_keys(s: &TestServer) -> Vec<String> {
    let keys = throttle_keys(s).await;
    keys.into_iter().filter(|k| k.starts_with("addr:")).collect()
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_header_is_ignored_without_a_trusted_proxy(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start_with(b, |c| {
        c.login_free_failures = 2;
        c.login_first_delay = HOUR;
    })
    .await
    else {
        return;
    };
    // Each guess claims another address in its header: all are counted as the peer's.
    for (i, guess) in ["a", "b"].iter().enumerate() {
        let r = login_for(&s, &s.http, &format!("203.0.113.{i}"), "butler", guess).await;
        expect_error(r, StatusCode::UNAUTHORIZED, "bad_credentials").await;
    }
    let r = login_for(&s, &s.http, "203.0.113.9", "butler", PASSWORD).await;
    expect_error(r, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts").await;
    assert_eq!(address_keys(&s).await, ["addr:127.0.0.1"]);
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_trusted_proxy_names_the_client_and_one_clients_guesses_slow_only_it(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(s) = support::start_with(b, |c| {
        c.trusted_proxies = vec!["127.0.0.1".parse().expect("an address")];
        c.login_free_failures = 2;
        c.login_free_failures_per_address = 3;
        c.login_first_delay = HOUR;
    })
    .await
    else {
        return;
    };
    let proxy = client_from("127.0.0.1");
    // An attacker behind the proxy guesses butler's password and then another name's; what
    // it writes to the left of the proxy's entry is its own word and is not believed. The
    // third failure from its address makes the address wait.
    let (unauthorized, waits) = (StatusCode::UNAUTHORIZED, StatusCode::TOO_MANY_REQUESTS);
    let guesses = [
        ("butler", unauthorized),
        ("butler", unauthorized),
        ("ghost", unauthorized),
        ("ghost", waits),
    ];
    for (name, status) in guesses {
        let r = login_for(&s, &proxy, "10.9.9.9, 198.51.100.66", name, "guess").await;
        assert_eq!(r.status(), status, "{name}");
    }
    let r = login_for(&s, &proxy, "198.51.100.66", "butler", PASSWORD).await;
    expect_error(r, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts").await;
    let r = login_for(&s, &proxy, "198.51.100.66", "ghost", "guess").await;
    expect_error(r, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts").await;
    // Everyone else behind the same proxy signs in.
    let r = login_for(&s, &proxy, "198.51.100.7", "butler", PASSWORD).await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = login_for(&s, &proxy, "198.51.100.8, 127.0.0.1", "office", PASSWORD).await;
    assert_eq!(r.status(), StatusCode::OK, "the proxy's own entry is skipped");
    assert_eq!(address_keys(&s).await, ["addr:198.51.100.66"]);

    // From a peer that is not the proxy, the header is ignored.
    let other = client_from("127.0.0.2");
    let r = login_for(&s, &other, "198.51.100.7", "butler", "guess").await;
    expect_error(r, StatusCode::UNAUTHORIZED, "bad_credentials").await;
    assert_eq!(address_keys(&s).await, ["addr:127.0.0.2", "addr:198.51.100.66"]);
}
