//! The file work of backups and restores: the database copy in and out (SQLite file,
//! PostgreSQL's own tools), photo bytes between the blob store and a backup's folder, the
//! manifest, and making what was written durable.

use crate::blobs::{BlobStore, UploadKey};
use crate::error::{AppError, AppResult};
use std::path::{Path, PathBuf};
use tokio::process::Command;

/// Runs one of PostgreSQL's tools; a failure says what it printed.
async fn run_tool(mut cmd: Command, what: &str) -> AppResult<()> {
    let out = cmd.output().await.map_err(|e| {
        AppError::internal(format!("cannot run {what} (is the PostgreSQL client installed?): {e}"))
    })?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(AppError::internal(format!("{what} failed: {}", err.trim())));
    }
    Ok(())
}

/// `pg_dump` of the whole database, one snapshot, in its custom format.
pub(super) async fn pg_dump(url: &str, file: &Path) -> AppResult<()> {
    let mut cmd = Command::new("pg_dump");
    cmd.args(["--format=custom", "--no-owner", "--file"]).arg(file).arg(url);
    run_tool(cmd, "pg_dump").await
}

/// `pg_restore` of a dump over the database: every object of the dump dropped first.
pub(super) async fn pg_restore(url: &str, file: &Path) -> AppResult<()> {
    let mut cmd = Command::new("pg_restore");
    cmd.args(["--clean", "--if-exists", "--no-owner", "--single-transaction", "--dbname"])
        .arg(url)
        .arg(file);
    run_tool(cmd, "pg_restore").await
}

/// The database file a `sqlite:` URL names.
fn sqlite_path(url: &str) -> AppResult<PathBuf> {
    let prepared = crate::db::prepare_sqlite_url(url)?;
    let rest = prepared.trim_start_matches("sqlite://");
    let path = rest.split_once('?').map_or(rest, |(p, _)| p);
    if path.is_empty() || path == ":memory:" {
        return Err(AppError::BadRequest(format!("cannot restore into {url}")));
    }
    Ok(PathBuf::from(path))
}

/// Puts the backup's SQLite file in place of the database `url` names: copied beside it,
/// made durable, the old WAL removed, then renamed over it (a crash leaves the old
/// database or the new one, never half of each).
pub(super) fn put_sqlite_file(copy: &Path, url: &str) -> AppResult<()> {
    let target = sqlite_path(url)?;
    let tmp = target.with_extension("restoring");
    std::fs::copy(copy, &tmp).map_err(|e| {
        AppError::internal(format!("cannot copy {} to {}: {e}", copy.display(), tmp.display()))
    })?;
    std::fs::File::open(&tmp).and_then(|f| f.sync_all()).map_err(AppError::internal)?;
    for ext in ["db-wal", "db-shm"] {
        let side = target.with_extension(ext);
        if side.exists() {
            std::fs::remove_file(&side).map_err(AppError::internal)?;
        }
    }
    std::fs::rename(&tmp, &target).map_err(AppError::internal)?;
    if let Some(dir) = target.parent() {
        sync_dir(dir)?;
    }
    Ok(())
}

/// Copies each blob of `shas` the store holds whole into `dir` (one file per hash).
/// Returns how many and their bytes.
pub(super) async fn copy_blobs_out(
    store: &dyn BlobStore,
    shas: &[String],
    dir: &Path,
) -> AppResult<(u64, u64)> {
    let (mut n, mut bytes) = (0, 0);
    for sha in shas {
        let Some(data) = store.read(sha).await.map_err(AppError::internal)? else { continue };
        let file = dir.join(sha);
        tokio::fs::write(&file, &data).await.map_err(AppError::internal)?;
        n += 1;
        bytes += data.len() as u64;
    }
    Ok((n, bytes))
}

/// Puts every blob of a backup's folder the store lacks back into the store, checked
/// against its hash by the store itself. Returns how many were put back.
pub(super) async fn copy_blobs_in(store: &dyn BlobStore, dir: &Path) -> AppResult<u64> {
    let key = UploadKey::of("restore");
    let mut n = 0;
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(0) };
    for entry in entries {
        let path = entry.map_err(AppError::internal)?.path();
        let Some(sha) = path.file_name().and_then(|s| s.to_str()) else { continue };
        if !shared::blob::is_sha256(sha)
            || store.complete(sha).await.map_err(AppError::internal)?.is_some()
        {
            continue;
        }
        let data = tokio::fs::read(&path).await.map_err(AppError::internal)?;
        store.append(sha, &key, &data).await.map_err(AppError::internal)?;
        if store.finish(sha, &key).await.map_err(AppError::internal)? {
            n += 1;
        }
    }
    Ok(n)
}

pub(super) fn write_json<T: serde::Serialize>(file: &Path, value: &T) -> AppResult<()> {
    let text = serde_json::to_vec_pretty(value).map_err(AppError::internal)?;
    std::fs::write(file, text).map_err(AppError::internal)?;
    std::fs::File::open(file).and_then(|f| f.sync_all()).map_err(AppError::internal)
}

pub(super) fn read_json<T: serde::de::DeserializeOwned>(file: &Path) -> Result<T, String> {
    let text = std::fs::read(file).map_err(|e| e.to_string())?;
    serde_json::from_slice(&text).map_err(|e| e.to_string())
}

/// Makes a directory's entries durable (its new files' names).
pub(super) fn sync_dir(dir: &Path) -> AppResult<()> {
    std::fs::File::open(dir).and_then(|f| f.sync_all()).map_err(AppError::internal)
}
