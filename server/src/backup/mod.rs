//! Backups and restores (`docs/ARCHITECTURE.md`, "Backups and restores").
//!
//! `guanjia backup --to DIR` writes a consistent copy of the database while pushes go on —
//! SQLite's `VACUUM INTO` (one read transaction: the copy is the database as of one commit),
//! PostgreSQL's `pg_dump` (one snapshot) — then the photo bytes the copy names, then a
//! manifest. It writes into `DIR.partial` and renames it to `DIR` only when whole, so a
//! directory named `DIR` is always a complete backup.
//!
//! `guanjia restore --from DIR` (the server stopped) puts the copy in place, runs the
//! migrations a newer binary has, puts back the photo bytes the store lacks, and names a new
//! server history ([`crate::db::history`]): devices see it change and restate what they
//! held that the backup lacks (`shared::restore`), judged as a recovery
//! (`shared::push_rules::Recovery`). The request-number counter moves on past every block
//! handed out after the backup ([`NUMBER_GAP`]): devices keep the blocks they hold.

mod daily;
mod files;

pub use daily::{prune, spawn_daily, BACKUP_PREFIX};

use crate::config::Config;
use crate::db::{Backend, Db};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The manifest's file name inside a backup.
pub const MANIFEST: &str = "backup.json";
/// The SQLite copy's file name inside a backup.
pub const SQLITE_FILE: &str = "guanjia.db";
/// The PostgreSQL dump's file name inside a backup (`pg_dump --format=custom`).
pub const PG_FILE: &str = "guanjia.pgdump";
/// The photo bytes' folder inside a backup, one file per SHA-256.
pub const BLOB_DIR: &str = "blobs";
/// How far a restore moves each site's request-number counter: past every block devices may
/// have been given between the backup and the restore (a block is 50 numbers; a user takes
/// at most 30 blocks an hour). The numbers skipped are never used.
pub const NUMBER_GAP: i64 = 100_000;

/// What a backup holds, written last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// When the copy was taken, ms since the epoch.
    pub taken_ms: u64,
    /// `sqlite` or `postgres`: a backup restores into the same kind of database.
    pub backend: String,
    /// The server history the copy belongs to.
    pub history: String,
    /// The photo bytes copied: how many, and their size.
    pub blobs: u64,
    pub blob_bytes: u64,
}

fn backend_name(b: Backend) -> &'static str {
    match b {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    }
}

/// Takes a backup of the running server's database and photo bytes into `dir`, which must
/// not exist yet. Pushes go on meanwhile.
pub async fn backup(state: &AppState, dir: &Path, now_ms: u64) -> AppResult<Manifest> {
    if dir.exists() {
        return Err(AppError::BadRequest(format!(
            "{} exists already; a backup goes into a new directory / 备份目录已存在",
            dir.display()
        )));
    }
    let partial = partial_of(dir);
    let _ = std::fs::remove_dir_all(&partial);
    std::fs::create_dir_all(partial.join(BLOB_DIR)).map_err(AppError::internal)?;
    let db = state.db();
    match db.backend {
        Backend::Sqlite => db.vacuum_into(&partial.join(SQLITE_FILE)).await?,
        Backend::Postgres => {
            files::pg_dump(&state.config().database_url, &partial.join(PG_FILE)).await?
        }
    }
    // The bytes of every blob complete now: a superset of those the copy names.
    let shas = db.complete_blobs().await?;
    let (blobs, blob_bytes) =
        files::copy_blobs_out(state.blobs().store(), &shas, &partial.join(BLOB_DIR)).await?;
    let manifest = Manifest {
        taken_ms: now_ms,
        backend: backend_name(db.backend).into(),
        history: state.history().id.clone(),
        blobs,
        blob_bytes,
    };
    files::write_json(&partial.join(MANIFEST), &manifest)?;
    files::sync_dir(&partial)?;
    std::fs::rename(&partial, dir).map_err(AppError::internal)?;
    Ok(manifest)
}

/// Where a backup into `dir` is written until it is whole.
fn partial_of(dir: &Path) -> PathBuf {
    let mut name = dir.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    dir.with_file_name(name)
}

/// Restores the backup in `dir` into the database and blob store `config` names (the server
/// must be stopped), and names a new history. Returns the backup's manifest and the new
/// history's name.
pub async fn restore(config: &Config, dir: &Path, now_ms: u64) -> AppResult<(Manifest, String)> {
    let manifest: Manifest = files::read_json(&dir.join(MANIFEST)).map_err(|e| {
        AppError::BadRequest(format!(
            "{} is not a Guanjia backup ({e}) / 不是管家备份目录",
            dir.display()
        ))
    })?;
    let url = &config.database_url;
    let wanted = if url.starts_with("postgres") { "postgres" } else { "sqlite" };
    if manifest.backend != wanted {
        return Err(AppError::BadRequest(format!(
            "this backup is of a {} database, not {wanted} / 备份的数据库类型不符",
            manifest.backend
        )));
    }
    match wanted {
        "sqlite" => files::put_sqlite_file(&dir.join(SQLITE_FILE), url)?,
        _ => files::pg_restore(url, &dir.join(PG_FILE)).await?,
    }
    let db = Db::connect(url).await?; // migrates a backup taken by an older binary
    let history = db.start_new_history(now_ms).await?;
    db.move_number_counters(NUMBER_GAP).await?;
    let blobs = crate::blobs::Blobs::configured(config).map_err(AppError::Internal)?;
    files::copy_blobs_in(blobs.store(), &dir.join(BLOB_DIR)).await?;
    Ok((manifest, history.id))
}
