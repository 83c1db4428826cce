//! Accounts: creating sites and users. Each account also has a `staff` record, written
//! through the site's log like every other record, so devices learn of it by pulling.

use crate::auth::hash_password;
use crate::db::accounts::{AuthUser, UserRow};
use crate::error::{AppError, AppResult};
use crate::state::{now_ms, AppState};
use crate::sync::{apply_server_changes, server_change};
use serde_json::{json, Value};
use shared::{RecordId, Role};

/// What `guanjia user add` asks for.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub site: String,
    pub role: Role,
    pub area: Option<String>,
    pub username: String,
    pub password: String,
    pub name: String,
}

/// Shortest password an account may be given (the login lockout slows guessing; this keeps
/// the guesses from being few).
pub const MIN_PASSWORD_CHARS: usize = 8;

/// Creates a site (row + `site` record) with a given id; returns its id.
pub async fn create_site(state: &AppState, id: &RecordId, name: &str) -> AppResult<String> {
    state.db().insert_site(id.as_str(), name, now_ms()).await?;
    let change = server_change("site", id, "name", json!(name), state.hlc_now());
    apply_server_changes(state, id.as_str(), &[change]).await?;
    Ok(id.0.clone())
}

/// Creates an account and its `staff` record (creating the site when missing). The staff
/// id may be given (demo data is deterministic) or is a fresh UUIDv7.
pub async fn add_user(
    state: &AppState,
    u: NewUser,
    staff_id: Option<RecordId>,
) -> AppResult<AuthUser> {
    if u.username.trim().is_empty() {
        return Err(AppError::BadRequest("username must not be empty".into()));
    }
    if u.password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AppError::BadRequest(format!(
            "password must have at least {MIN_PASSWORD_CHARS} characters / 密码至少 {MIN_PASSWORD_CHARS} 位"
        )));
    }
    let db = state.db();
    if db.user_by_username(&u.username).await?.is_some() {
        return Err(AppError::Conflict(format!("user {} already exists", u.username)));
    }
    let site_id = match (db.site_by_name(&u.site).await?, &u.area) {
        (Some(id), _) => id,
        (None, Some(area)) => {
            return Err(AppError::NotFound(format!("no site {} (so no area {area})", u.site)));
        }
        (None, None) => create_site(state, &RecordId::new_v7(), &u.site).await?,
    };
    let area_id = match &u.area {
        None => None,
        Some(name) => {
            let mut stx = db.begin_site(&site_id).await?;
            let found = stx.find_by_field("area", "name", &json!(name)).await?;
            stx.commit().await?;
            Some(found.ok_or_else(|| AppError::NotFound(format!("no area {name} in {}", u.site)))?)
        }
    };
    let id = staff_id.unwrap_or_else(RecordId::new_v7);
    let hash = hash_password(u.password.clone()).await?;
    let row = UserRow {
        id: id.as_str(),
        username: &u.username,
        password_hash: &hash,
        display_name: &u.name,
        role: u.role,
        site_id: &site_id,
        area_id: area_id.as_deref(),
    };
    db.insert_user(&row, now_ms()).await?;
    let mut fields: Vec<(&str, Value)> =
        vec![("name", json!(u.name)), ("username", json!(u.username)), ("role", json!(u.role))];
    if let Some(a) = &area_id {
        fields.push(("area", json!(a)));
    }
    let changes: Vec<_> = fields
        .into_iter()
        .map(|(f, v)| server_change("staff", &id, f, v, state.hlc_now()))
        .collect();
    apply_server_changes(state, &site_id, &changes).await?;
    db.user_by_username(&u.username)
        .await?
        .map(|(user, _)| user)
        .ok_or_else(|| AppError::internal("user vanished"))
}
