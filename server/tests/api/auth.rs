//! Login, logout, `/me` and login throttling.

use crate::on_both;
use crate::support::{self, expect_error, Backend};
use reqwest::StatusCode;
use serde_json::json;

on_both!(
    login_me_logout,
    unknown_user_and_wrong_password_look_the_same,
    repeated_failures_lock_the_username
);

async fn login_me_logout(b: Backend) {
    let Some(s) = support::start(b).await else { return };
    let token = s.login("butler").await;
    let me: shared::protocol::Me = support::ok_json(s.get("/api/v1/me", Some(&token)).await).await;
    assert_eq!(me.username, "butler");
    assert_eq!(me.site_name, "测试小区");
    assert_eq!(me.role, shared::request::Role::Butler);
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

async fn unknown_user_and_wrong_password_look_the_same(b: Backend) {
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

async fn repeated_failures_lock_the_username(b: Backend) {
    let Some(s) = support::start(b).await else { return };
    for _ in 0..5 {
        let r = s
            .post_json(
                "/api/v1/auth/login",
                None,
                &json!({"username": "butler", "password": "bad"}),
            )
            .await;
        expect_error(r, StatusCode::UNAUTHORIZED, "bad_credentials").await;
    }
    let good = json!({"username": "butler", "password": support::PASSWORD});
    let locked = s.post_json("/api/v1/auth/login", None, &good).await;
    expect_error(locked, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts").await;
    // Other accounts are not affected.
    s.login("office").await;
}
