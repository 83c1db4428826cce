//! Accounts: creating sites and users, and what `guanjia user …` does to them (password,
//! disable, revoke sessions, list). Each account also has a `staff` record, written through
//! the site's log like every other record, so devices learn of it by pulling.

use crate::auth::password::check_lengths;
use crate::auth::{liveness, revoke_user_sessions};
use crate::clock::now_ms;
use crate::db::accounts::{AuthUser, UserRow, UserSummary};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::sync::{apply_server_changes, outrank_stored, server_change};
use serde_json::{json, Value};
use shared::names::{field, kind};
use shared::{RecordId, Role};

/// What `guanjia user add` asks for.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub site: String,
    pub role: Role,
    pub area: Option<String>,
    /// Department staff's department, by name.
    pub department: Option<String>,
    pub username: String,
    pub password: String,
    pub name: String,
}

/// Shortest password an account may be given (login throttling slows guessing; this keeps
/// the guesses from being few).
pub const MIN_PASSWORD_CHARS: usize = 8;

/// Refuses a new password that is too short, or a username or password over the login caps
/// (such an account could never log in).
fn check_new_password(username: &str, password: &str) -> AppResult<()> {
    check_lengths(username, password)?;
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AppError::BadRequest(format!(
            "password must have at least {MIN_PASSWORD_CHARS} characters / 密码至少 {MIN_PASSWORD_CHARS} 位"
        )));
    }
    Ok(())
}

/// Creates a site (row + `site` record) with a given id; returns its id.
pub async fn create_site(state: &AppState, id: &RecordId, name: &str) -> AppResult<String> {
    state.db().insert_site(id.as_str(), name, now_ms()).await?;
    let change = server_change(kind::SITE, id, field::NAME, json!(name), state.hlc_now());
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
    check_new_password(&u.username, &u.password)?;
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
        Some(name) => Some(find_named(state, &site_id, kind::AREA, name, &u.site).await?),
    };
    let department_id = match &u.department {
        None => None,
        Some(name) => Some(find_named(state, &site_id, kind::DEPARTMENT, name, &u.site).await?),
    };
    check_role_fits(u.role, department_id.as_deref())?;
    let id = staff_id.unwrap_or_else(RecordId::new_v7);
    let hash = state.auth().hasher.hash(u.password.clone()).await?;
    let row = UserRow {
        id: id.as_str(),
        username: &u.username,
        password_hash: &hash,
        display_name: &u.name,
        role: u.role,
        site_id: &site_id,
        area_id: area_id.as_deref(),
        department_id: department_id.as_deref(),
    };
    db.insert_user(&row, now_ms()).await?;
    let mut fields: Vec<(&str, Value)> = vec![
        (field::NAME, json!(u.name)),
        (field::USERNAME, json!(u.username)),
        (field::ROLE, json!(u.role)),
    ];
    if let Some(a) = &area_id {
        fields.push((field::AREA, json!(a)));
    }
    if let Some(d) = &department_id {
        fields.push((field::DEPARTMENT, json!(d)));
    }
    let changes: Vec<_> = fields
        .into_iter()
        .map(|(f, v)| server_change(kind::STAFF, &id, f, v, state.hlc_now()))
        .collect();
    apply_server_changes(state, &site_id, &changes).await?;
    db.user_by_username(&u.username)
        .await?
        .map(|(user, _)| user)
        .ok_or_else(|| AppError::internal("user vanished"))
}

/// The id of the live record of `kind` named `name` in a site, or a clear 404.
async fn find_named(
    state: &AppState,
    site_id: &str,
    kind: &str,
    name: &str,
    site_name: &str,
) -> AppResult<String> {
    let mut stx = state.db().begin_site(site_id).await?;
    let found = stx.find_by_field(kind, field::NAME, &json!(name)).await?;
    stx.commit().await?;
    found.ok_or_else(|| AppError::NotFound(format!("no {kind} {name} in {site_name}")))
}

/// Department staff must name their department; nobody else has one.
fn check_role_fits(role: Role, department_id: Option<&str>) -> AppResult<()> {
    match (role, department_id) {
        (Role::Department, None) => Err(AppError::BadRequest(
            "department staff need --department / 部门人员须指定部门".into(),
        )),
        (Role::Department, Some(_)) | (_, None) => Ok(()),
        (_, Some(_)) => Err(AppError::BadRequest(format!(
            "only department staff have a department, not a {role} / 只有部门人员属于部门"
        ))),
    }
}

/// `guanjia user set-area`: moves a user to another area (`None`: no area). The account row
/// is the one source of truth for scope; the `staff` record mirrors it for devices, written
/// in the same transaction so the two never disagree.
pub async fn set_area(state: &AppState, username: &str, area: Option<&str>) -> AppResult<()> {
    let user = find_user(state, username).await?;
    let area_id = match area {
        None => None,
        Some(name) => {
            Some(find_named(state, &user.site_id, kind::AREA, name, &user.site_name).await?)
        }
    };
    let mut stx = state.db().begin_site(&user.site_id).await?;
    stx.set_user_scope(&user.user_id, user.role, area_id.as_deref(), user.department_id.as_deref())
        .await?;
    let mut change = server_change(
        kind::STAFF,
        &RecordId::from(user.user_id.as_str()),
        field::AREA,
        json!(area_id),
        state.hlc_now(),
    );
    outrank_stored(state, &mut stx, &mut change).await?;
    stx.write(&change).await?;
    let touched = stx.touched();
    stx.commit().await?;
    state.poke(&user.site_id, &touched);
    Ok(())
}

/// `guanjia user set-role`: changes a user's role (department staff name their department);
/// the account row and the `staff` record change together.
pub async fn set_role(
    state: &AppState,
    username: &str,
    role: Role,
    department: Option<&str>,
) -> AppResult<()> {
    let user = find_user(state, username).await?;
    let department_id = match department {
        None => None,
        Some(name) => {
            Some(find_named(state, &user.site_id, kind::DEPARTMENT, name, &user.site_name).await?)
        }
    };
    check_role_fits(role, department_id.as_deref())?;
    let mut stx = state.db().begin_site(&user.site_id).await?;
    stx.set_user_scope(&user.user_id, role, user.area_id.as_deref(), department_id.as_deref())
        .await?;
    let id = RecordId::from(user.user_id.as_str());
    for (name, value) in [(field::ROLE, json!(role)), (field::DEPARTMENT, json!(department_id))] {
        let mut change = server_change(kind::STAFF, &id, name, value, state.hlc_now());
        outrank_stored(state, &mut stx, &mut change).await?;
        stx.write(&change).await?;
    }
    let touched = stx.touched();
    stx.commit().await?;
    state.poke(&user.site_id, &touched);
    Ok(())
}

/// The account behind `username` (disabled or not), or a clear 404.
async fn find_user(state: &AppState, username: &str) -> AppResult<AuthUser> {
    let found = state.db().user_by_username(username).await?;
    found.map(|(user, _)| user).ok_or_else(|| {
        AppError::NotFound(format!("no user named {username} / 没有用户 {username}"))
    })
}

/// `guanjia user passwd`: sets a new password and revokes the user's sessions (whoever knew
/// the old one is signed out); returns how many sessions were revoked.
pub async fn set_password(state: &AppState, username: &str, password: &str) -> AppResult<u64> {
    let user = find_user(state, username).await?;
    check_new_password(username, password)?;
    let hash = state.auth().hasher.hash(password.to_owned()).await?;
    state.db().set_password_hash(&user.user_id, &hash).await?;
    revoke_user_sessions(state, &user.user_id).await
}

/// `guanjia user disable`: the user can no longer log in, and their sessions are revoked;
/// returns how many.
pub async fn disable_user(state: &AppState, username: &str) -> AppResult<u64> {
    let user = find_user(state, username).await?;
    state.db().set_disabled(&user.user_id, Some(state.config().clock.now_ms())).await?;
    revoke_user_sessions(state, &user.user_id).await
}

/// `guanjia user enable`: a disabled user may log in again.
pub async fn enable_user(state: &AppState, username: &str) -> AppResult<()> {
    let user = find_user(state, username).await?;
    state.db().set_disabled(&user.user_id, None).await?;
    Ok(())
}

/// `guanjia user revoke-sessions`: every device of the user must log in again; returns how
/// many sessions were revoked.
pub async fn revoke_sessions(state: &AppState, username: &str) -> AppResult<u64> {
    let user = find_user(state, username).await?;
    revoke_user_sessions(state, &user.user_id).await
}

/// `guanjia user list`: every user, with live sessions counted under the config's lifetimes.
pub async fn list_users(state: &AppState) -> AppResult<Vec<UserSummary>> {
    let live = liveness(state.config(), state.config().clock.now_ms());
    state.db().list_users(live).await
}
