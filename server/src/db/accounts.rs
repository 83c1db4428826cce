//! Accounts in storage: users and sites. Who may do what with them is decided above, in
//! [`crate::accounts`] and [`crate::auth`].

use super::Db;
use crate::error::{AppError, AppResult};
use serde_json::Value;
use shared::protocol::Me;
use shared::Role;
use sqlx::any::AnyRow;
use sqlx::Row;

/// The signed-in user behind a session token; the scope is derived from it, never from
/// the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthUser {
    /// The user's `staff` record id.
    pub user_id: String,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub site_id: String,
    pub site_name: String,
    pub area_id: Option<String>,
    /// Department staff's department.
    pub department_id: Option<String>,
}

impl AuthUser {
    /// What this user's replica holds: derived here, from the account, and nowhere else.
    pub fn scope(&self) -> shared::scope::Scope {
        shared::scope::Scope::of(self.role, self.area_id.as_deref(), self.department_id.as_deref())
    }

    /// Who this user is as the receiver of an answer: every stored value sent to them goes
    /// through it ([`shared::scope::Reader`], `docs/ARCHITECTURE.md` "Scope").
    pub fn reader(&self) -> shared::scope::Reader {
        shared::scope::Reader::new(self.role, self.scope())
    }

    /// The `/me` view of this user.
    pub fn me(&self) -> Me {
        Me {
            staff_id: self.user_id.clone(),
            username: self.username.clone(),
            display_name: self.display_name.clone(),
            role: self.role,
            site_id: self.site_id.clone(),
            site_name: self.site_name.clone(),
            area_id: self.area_id.clone(),
            department_id: self.department_id.clone(),
        }
    }
}

/// The times that decide whether a session still lives, in ms since the epoch: sessions
/// created at or before `created_after`, or last seen at or before `seen_after`, are over.
/// (Here, beside the users, because listing users counts their live sessions and
/// [`super::sessions`] reads users: the value goes where both can take it.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Liveness {
    pub created_after: u64,
    pub seen_after: u64,
}

/// The columns [`user_from_row`] reads (users `u` joined with sites `s`).
pub(crate) const USER_COLUMNS: &str =
    "u.id, u.username, u.display_name, u.role, u.site_id, s.name AS site_name, u.area_id, \
     u.department_id";

/// Reads an [`AuthUser`] from a row with [`USER_COLUMNS`].
pub(crate) fn user_from_row(row: &AnyRow) -> AppResult<AuthUser> {
    let role: String = row.try_get("role")?;
    Ok(AuthUser {
        user_id: row.try_get("id")?,
        username: row.try_get("username")?,
        display_name: row.try_get("display_name")?,
        role: Role::parse(&role).ok_or_else(|| AppError::internal(format!("bad role {role}")))?,
        site_id: row.try_get("site_id")?,
        site_name: row.try_get("site_name")?,
        area_id: row.try_get("area_id")?,
        department_id: row.try_get("department_id")?,
    })
}

/// One line of `guanjia user list`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserSummary {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub site_name: String,
    pub area_name: Option<String>,
    pub department_name: Option<String>,
    pub disabled: bool,
    /// Sessions neither revoked nor expired.
    pub live_sessions: u64,
}

/// A new account's row (the password already hashed).
#[derive(Debug, Clone)]
pub struct UserRow<'a> {
    pub id: &'a str,
    pub username: &'a str,
    pub password_hash: &'a str,
    pub display_name: &'a str,
    pub role: Role,
    pub site_id: &'a str,
    pub area_id: Option<&'a str>,
    pub department_id: Option<&'a str>,
}

impl Db {
    /// A user and their password hash, by username.
    pub async fn user_by_username(&self, username: &str) -> AppResult<Option<(AuthUser, String)>> {
        let sql = format!(
            "SELECT {USER_COLUMNS}, u.password_hash FROM users u JOIN sites s ON s.id = u.site_id \
             WHERE u.username = $1"
        );
        let row = sqlx::query(&sql).bind(username).fetch_optional(&self.pool).await?;
        row.map(|r| Ok((user_from_row(&r)?, r.try_get("password_hash")?))).transpose()
    }

    /// A user who may log in (not disabled) and their password hash, by username.
    pub async fn user_for_login(&self, username: &str) -> AppResult<Option<(AuthUser, String)>> {
        let sql = format!(
            "SELECT {USER_COLUMNS}, u.password_hash FROM users u JOIN sites s ON s.id = u.site_id \
             WHERE u.username = $1 AND u.disabled_ms IS NULL"
        );
        let row = sqlx::query(&sql).bind(username).fetch_optional(&self.pool).await?;
        row.map(|r| Ok((user_from_row(&r)?, r.try_get("password_hash")?))).transpose()
    }

    /// Replaces a user's password hash; false when there is no such user.
    pub async fn set_password_hash(&self, user_id: &str, hash: &str) -> AppResult<bool> {
        let done = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(hash)
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Disables a user at `now_ms` (`Some`) or enables them again (`None`).
    pub async fn set_disabled(&self, user_id: &str, at_ms: Option<u64>) -> AppResult<bool> {
        let done = sqlx::query("UPDATE users SET disabled_ms = $1 WHERE id = $2")
            .bind(at_ms.map(|ms| ms as i64))
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Every user with their area's name and their sessions live by `live`, ordered by site
    /// and username (what `guanjia user list` prints).
    pub async fn list_users(&self, live: Liveness) -> AppResult<Vec<UserSummary>> {
        let rows = sqlx::query(
            "SELECT u.username, u.display_name, u.role, s.name AS site_name, \
               a.value AS area_name, d.value AS department_name, u.disabled_ms, \
               (SELECT COUNT(*) FROM sessions t WHERE t.user_id = u.id AND t.revoked_ms IS NULL \
                 AND t.created_ms > $1 AND t.last_seen_ms > $2) AS live_sessions \
             FROM users u JOIN sites s ON s.id = u.site_id \
             LEFT JOIN fields a ON a.kind = 'area' AND a.record_id = u.area_id AND a.field = 'name' \
               AND a.site_id = u.site_id \
             LEFT JOIN fields d ON d.kind = 'department' AND d.record_id = u.department_id \
               AND d.field = 'name' AND d.site_id = u.site_id \
             ORDER BY s.name, u.username",
        )
        .bind(live.created_after as i64)
        .bind(live.seen_after as i64)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let role: String = r.try_get("role")?;
                // Field values are JSON; an area's name is a JSON string.
                let name = |column: &str| -> AppResult<Option<String>> {
                    let v: Option<String> = r.try_get(column)?;
                    let v = v.and_then(|v| serde_json::from_str::<Value>(&v).ok());
                    Ok(v.as_ref().and_then(Value::as_str).map(str::to_owned))
                };
                Ok(UserSummary {
                    username: r.try_get("username")?,
                    display_name: r.try_get("display_name")?,
                    role: Role::parse(&role)
                        .ok_or_else(|| AppError::internal(format!("bad role {role}")))?,
                    site_name: r.try_get("site_name")?,
                    area_name: name("area_name")?,
                    department_name: name("department_name")?,
                    disabled: r.try_get::<Option<i64>, _>("disabled_ms")?.is_some(),
                    live_sessions: r.try_get::<i64, _>("live_sessions")? as u64,
                })
            })
            .collect()
    }

    /// Stores a new account at `now_ms`.
    pub async fn insert_user(&self, u: &UserRow<'_>, now_ms: u64) -> AppResult<()> {
        sqlx::query(
            "INSERT INTO users (id, username, password_hash, display_name, role, site_id, area_id, \
             department_id, created_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(u.id)
        .bind(u.username)
        .bind(u.password_hash)
        .bind(u.display_name)
        .bind(u.role.as_str())
        .bind(u.site_id)
        .bind(u.area_id)
        .bind(u.department_id)
        .bind(now_ms as i64)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Stores a new site row (its `site` record is written through the log separately).
    pub async fn insert_site(&self, id: &str, name: &str, now_ms: u64) -> AppResult<()> {
        sqlx::query("INSERT INTO sites (id, name, last_seq, created_ms) VALUES ($1, $2, 0, $3)")
            .bind(id)
            .bind(name)
            .bind(now_ms as i64)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// A site's id by name.
    pub async fn site_by_name(&self, name: &str) -> AppResult<Option<String>> {
        let row = sqlx::query("SELECT id FROM sites WHERE name = $1")
            .bind(name)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.try_get("id")).transpose()?)
    }

    /// Number of sites (the demo is seeded only into an empty database).
    pub async fn site_count(&self) -> AppResult<i64> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM sites").fetch_one(&self.pool).await?;
        Ok(row.try_get("n")?)
    }
}
