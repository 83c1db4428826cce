//! Login, logout and `/me` (throttling: `login_throttle.rs`).

use crate::support::Backend::{Postgres, Sqlite};
use crate::support::{self, expect_error, Backend};
use reqwest::StatusCode;
use rstest::rstest;
use serde_json::json;

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn short_passwords_and_taken_usernames_are_refused(#[values(Sqlite, Postgres)] b: Backend) {
    use server::accounts::{add_user, NewUser};
    use server::error::AppError;
    let Some(s) = support::start(b).await else { return };
    let new = |username: &str, password: &str| NewUser {
        site: "测试小区".into(),
        role: shared::Role::Office,
        area: None,
        department: None,
        username: username.into(),
        password: password.into(),
        name: "新人".into(),
    };
    let short = add_user(&s.state, new("clerk", "1234567"), None).await;
    assert!(matches!(short, Err(AppError::BadRequest(ref m)) if m.contains("8")), "{short:?}");
    let taken = add_user(&s.state, new("office", "long-enough-1"), None).await;
    assert!(matches!(taken, Err(AppError::Conflict(_))), "{taken:?}");
    // Nothing was created: the refused username cannot log in with either password.
    for password in ["1234567", "long-enough-1"] {
        let r = s
            .post_json(
                "/api/v1/auth/login",
                None,
                &json!({"username": "clerk", "password": password}),
            )
            .await;
        expect_error(r, StatusCode::UNAUTHORIZED, "bad_credentials").await;
    }
    add_user(&s.state, new("clerk", "long-enough-1"), None).await.expect("a good account");
    s.login_as("clerk", "long-enough-1").await;
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_me_logout(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start(b).await else { return };
    let token = s.login("butler").await;
    let me: shared::protocol::Me = support::ok_json(s.get("/api/v1/me", Some(&token)).await).await;
    assert_eq!(me.username, "butler");
    assert_eq!(me.site_name, "测试小区");
    assert_eq!(me.role, shared::Role::Butler);
    let r = s.post_json("/api/v1/auth/logout", Some(&token), &json!({})).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    expect_error(s.get("/api/v1/me", Some(&token)).await, StatusCode::UNAUTHORIZED, "unauthorized")
        .await;
    expect_error(s.get("/api/v1/me", None).await, StatusCode::UNAUTHORIZED, "unauthorized").await;
    expect_error(
        s.get("/api/v1/sync/pull", Some("not-a-token")).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    )
    .await;
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_user_and_wrong_password_look_the_same(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start(b).await else { return };
    let wrong = s
        .post_json("/api/v1/auth/login", None, &json!({"username": "butler", "password": "nope"}))
        .await;
    let wrong = expect_error(wrong, StatusCode::UNAUTHORIZED, "bad_credentials").await;
    let unknown = s
        .post_json("/api/v1/auth/login", None, &json!({"username": "ghost", "password": "nope"}))
        .await;
    let unknown = expect_error(unknown, StatusCode::UNAUTHORIZED, "bad_credentials").await;
    assert_eq!(wrong, unknown);
}
