//! The audit log of personal data (migration 0013, `shared::audit`): one row per export or
//! erasure, read by supervisors a page at a time, newest first.

use super::Db;
use crate::error::{AppError, AppResult};
use shared::audit::{AuditAction, AuditEntry};
use shared::RecordId;
use sqlx::Row;

impl Db {
    /// Appends one entry to a site's log at `at_ms`.
    pub async fn audit(
        &self,
        site_id: &str,
        at_ms: i64,
        user: &str,
        action: AuditAction,
        target: &str,
        detail: &str,
    ) -> AppResult<()> {
        sqlx::query(
            "INSERT INTO audit_log (id, site_id, at_ms, user_name, action, target, detail) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(RecordId::new_v7().as_str())
        .bind(site_id)
        .bind(at_ms)
        .bind(user)
        .bind(action.as_str())
        .bind(target)
        .bind(detail)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Up to `limit` entries of a site after skipping `offset`, newest first (ties in the
    /// same millisecond by id, made in time order), and how many the site holds in all.
    pub async fn audit_page(
        &self,
        site_id: &str,
        offset: i64,
        limit: i64,
    ) -> AppResult<(Vec<AuditEntry>, u64)> {
        let rows = sqlx::query(
            "SELECT at_ms, user_name, action, target, detail FROM audit_log WHERE site_id = $1 \
             ORDER BY at_ms DESC, id DESC LIMIT $2 OFFSET $3",
        )
        .bind(site_id)
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        let entries = rows
            .iter()
            .map(|r| {
                let action: String = r.try_get("action")?;
                Ok(AuditEntry {
                    at: r.try_get("at_ms")?,
                    user: r.try_get("user_name")?,
                    action: AuditAction::parse(&action)
                        .ok_or_else(|| AppError::internal(format!("audit action {action:?}")))?,
                    target: r.try_get("target")?,
                    detail: r.try_get("detail")?,
                })
            })
            .collect::<AppResult<Vec<_>>>()?;
        let total = sqlx::query("SELECT COUNT(*) AS n FROM audit_log WHERE site_id = $1")
            .bind(site_id)
            .fetch_one(&self.pool)
            .await?
            .try_get::<i64, _>("n")?;
        Ok((entries, total as u64))
    }
}
