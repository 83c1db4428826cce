//! `guanjia user passwd | disable | enable | revoke-sessions | list`, through the library
//! functions the CLI calls, and once through the built binary.

use crate::support::Backend::{Postgres, Sqlite};
use crate::support::{self, change, expect_error, now, Backend, TestServer, PASSWORD};
use reqwest::StatusCode;
use rstest::rstest;
use serde_json::json;
use server::accounts::{
    add_user, disable_user, enable_user, list_users, revoke_sessions, set_password, NewUser,
    MIN_PASSWORD_CHARS,
};
use server::db::accounts::UserSummary;
use server::error::AppError;
use shared::RecordId;

async fn me_status(s: &TestServer, token: &str) -> StatusCode {
    s.get("/api/v1/me", Some(token)).await.status()
}

async fn summary(s: &TestServer, username: &str) -> UserSummary {
    let users = list_users(&s.state).await.expect("list");
    users.into_iter().find(|u| u.username == username).expect("listed")
}

fn is_unknown_user(r: Result<impl std::fmt::Debug, AppError>) -> bool {
    matches!(r, Err(AppError::NotFound(ref m)) if m.contains("no user named ghost"))
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn passwd_sets_the_password_and_revokes_the_sessions(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start(b).await else { return };
    let (old, other) = (s.login("butler").await, s.login("office").await);
    let short = "x".repeat(MIN_PASSWORD_CHARS - 1);
    let refused = set_password(&s.state, "butler", &short).await;
    assert!(matches!(refused, Err(AppError::BadRequest(_))), "{refused:?}");
    assert_eq!(me_status(&s, &old).await, StatusCode::OK, "a refused change revokes nothing");
    assert!(is_unknown_user(set_password(&s.state, "ghost", "new-secret-1").await));

    assert_eq!(set_password(&s.state, "butler", "new-secret-1").await.expect("passwd"), 1);
    assert_eq!(me_status(&s, &old).await, StatusCode::UNAUTHORIZED);
    assert_eq!(me_status(&s, &other).await, StatusCode::OK, "other users keep theirs");
    let r = s.login_via(&s.http, "butler", PASSWORD).await;
    expect_error(r, StatusCode::UNAUTHORIZED, "bad_credentials").await;
    s.login_as("butler", "new-secret-1").await;
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_disabled_user_cannot_log_in_until_enabled(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start(b).await else { return };
    let token = s.login("butler").await;
    assert_eq!(disable_user(&s.state, "butler").await.expect("disable"), 1);
    assert_eq!(me_status(&s, &token).await, StatusCode::UNAUTHORIZED);
    // The right password of a disabled account answers like a wrong one.
    let r = s.login_via(&s.http, "butler", PASSWORD).await;
    expect_error(r, StatusCode::UNAUTHORIZED, "bad_credentials").await;
    assert!(summary(&s, "butler").await.disabled);
    assert!(is_unknown_user(disable_user(&s.state, "ghost").await));
    assert!(is_unknown_user(enable_user(&s.state, "ghost").await));

    enable_user(&s.state, "butler").await.expect("enable");
    assert!(!summary(&s, "butler").await.disabled);
    assert_eq!(me_status(&s, &token).await, StatusCode::UNAUTHORIZED, "revoked stays revoked");
    s.login("butler").await;
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn revoke_sessions_and_list(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start(b).await else { return };
    let tokens = [s.login("office").await, s.login("office").await];
    s.login("butler").await;
    let office = summary(&s, "office").await;
    assert_eq!(
        (office.display_name.as_str(), office.role, office.site_name.as_str()),
        ("office 名", shared::Role::Office, "测试小区")
    );
    assert_eq!((office.area_name, office.disabled, office.live_sessions), (None, false, 2));
    let names: Vec<_> =
        list_users(&s.state).await.expect("list").into_iter().map(|u| u.username).collect();
    assert_eq!(names, ["outsider", "butler", "office"], "by site name, then username");
    // A butler of an area: the list names the area.
    let area = change("area", &RecordId::new_v7(), "name", json!("东区"), now(), "tab-o", None);
    s.push(&tokens[0], "tab-o", vec![(1, vec![area])]).await;
    let wang = NewUser {
        site: "测试小区".into(),
        role: shared::Role::Butler,
        area: Some("东区".into()),
        department: None,
        username: "wang".into(),
        password: PASSWORD.into(),
        name: "王芳".into(),
    };
    add_user(&s.state, wang, None).await.expect("add wang");
    assert_eq!(summary(&s, "wang").await.area_name.as_deref(), Some("东区"));

    assert_eq!(revoke_sessions(&s.state, "office").await.expect("revoke"), 2);
    for t in &tokens {
        assert_eq!(me_status(&s, t).await, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(summary(&s, "office").await.live_sessions, 0);
    assert_eq!(summary(&s, "butler").await.live_sessions, 1);
    assert!(is_unknown_user(revoke_sessions(&s.state, "ghost").await));
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_lists_users_and_names_an_unknown_one(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start(b).await else { return };
    let url = s.state.config().database_url.clone();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_guanjia"))
            .args(args)
            .env("DATABASE_URL", &url)
            .env("GUANJIA_PASSWORD", "new-secret-1")
            .env("RUST_LOG", "warn")
            .output()
            .expect("run guanjia")
    };
    let list = run(&["user", "list"]);
    let stdout = String::from_utf8_lossy(&list.stdout);
    assert!(list.status.success(), "{list:?}");
    assert!(
        stdout.starts_with("username\tname\trole\tsite\tarea\tdepartment\tdisabled\tsessions\n"),
        "{stdout}"
    );
    assert!(stdout.contains("butler\tbutler 名\tbutler\t测试小区\t一区\t-\tno\t0\n"), "{stdout}");
    let unknown = run(&["user", "passwd", "ghost"]);
    assert!(!unknown.status.success());
    assert!(
        String::from_utf8_lossy(&unknown.stderr).contains("no user named ghost"),
        "{unknown:?}"
    );
}
