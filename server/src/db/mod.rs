//! Storage: one set of SQL for SQLite (embedded default) and PostgreSQL, through sqlx's
//! `Any` driver. Queries use `$n` placeholders, which both backends accept.
//!
//! This layer takes plain values (a site id, an `Hlc`, a time in ms) and returns rows as
//! domain values; the rules that decide what to write live above it, in [`crate::sync`]
//! and [`crate::accounts`] (`docs/ARCHITECTURE.md`, "Storage").
//!
//! HLCs are stored as BIGINT (their u64 value fits: 48-bit milliseconds stay far below
//! 2^47 until the year 6429), values as JSON text.

pub mod accounts;
mod audit;
pub mod backup;
pub mod blob_uploads;
pub mod blobs;
mod digests;
mod erase;
pub use erase::ERASED;
pub mod exclusive;
mod flush;
mod held;
pub mod history;
mod keyed;
pub mod log;
mod numbers;
mod pending;
pub mod person;
mod photos;
mod placed_rows;
mod placement;
mod prefetch;
pub use placement::UNPLACED;
mod replica_row;
pub mod replicas;
pub mod reports;
mod rule_records;
mod savepoint;
mod scope;
pub mod sessions;
pub mod site_tx;
mod statements;
pub mod throttle;
mod tx_cache;
mod write;

use crate::error::{AppError, AppResult};
use shared::{Change, FieldState, Hlc, Kind, RecordId, ReplicaId};
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Executor, Row};
use std::path::Path;
use std::time::Duration;

/// Which engine is behind the pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The connection pool and what it talks to.
#[derive(Debug, Clone)]
pub struct Db {
    pub pool: AnyPool,
    /// Where site transactions ([`Db::begin_site`]) run. On SQLite, one connection of its
    /// own: writers take turns anyway (one write lock), and a connection keeps its page cache
    /// only while no other connection writes — with writes spread over the pool, every
    /// transaction began by reading the B-trees again from the file. On PostgreSQL, `pool`
    /// (sites are written in parallel; the server caches pages for everyone).
    pub writer: AnyPool,
    pub backend: Backend,
}

/// The schema, written in the SQL both engines accept (TEXT, BIGINT, `ON CONFLICT`).
static MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Turns `sqlite://dir/file.db` into a URL that creates the file, and creates its directory.
pub(crate) fn prepare_sqlite_url(url: &str) -> AppResult<String> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .ok_or_else(|| AppError::internal(format!("not a sqlite URL: {url}")))?;
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path != ":memory:" && !path.is_empty() {
        if let Some(dir) = Path::new(path).parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| AppError::internal(format!("cannot create {}: {e}", dir.display())))?;
        }
    }
    let query =
        if query.contains("mode=") { query.to_owned() } else { join_query(query, "mode=rwc") };
    Ok(format!("sqlite://{path}?{query}"))
}

fn join_query(q: &str, extra: &str) -> String {
    if q.is_empty() {
        extra.to_owned()
    } else {
        format!("{q}&{extra}")
    }
}

impl Db {
    /// Connects and migrates. `postgres://` / `postgresql://` pick PostgreSQL; anything
    /// starting with `sqlite:` picks the embedded SQLite file (WAL, 5 s busy timeout).
    pub async fn connect(url: &str) -> AppResult<Self> {
        sqlx::any::install_default_drivers();
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let pool = AnyPoolOptions::new().max_connections(10).connect(url).await?;
            MIGRATIONS.run(&pool).await?;
            Ok(Db { writer: pool.clone(), pool, backend: Backend::Postgres })
        } else if url.starts_with("sqlite:") {
            let url = prepare_sqlite_url(url)?;
            let pool = sqlite_pool(8).connect(&url).await?;
            MIGRATIONS.run(&pool).await?;
            // Never closed for idleness or age: its page cache is what it is for.
            let writer = sqlite_pool(1).idle_timeout(None).max_lifetime(None);
            let writer = writer.connect(&url).await?;
            Ok(Db { pool, writer, backend: Backend::Sqlite })
        } else {
            Err(AppError::internal(format!(
                "DATABASE_URL must start with sqlite:// or postgres://, got {url:?}"
            )))
        }
    }

    /// The greatest HLC stored anywhere (the server clock starts past it).
    pub async fn max_hlc(&self) -> AppResult<Hlc> {
        let row = sqlx::query("SELECT COALESCE(MAX(hlc), 0) AS m FROM fields")
            .fetch_one(&self.pool)
            .await?;
        Ok(hlc_from_db(row.try_get::<i64, _>("m")?))
    }
}

/// How often a serving SQLite database copies its WAL into the database file.
pub const CHECKPOINT_EVERY: Duration = Duration::from_millis(250);

impl Db {
    /// Copies what the WAL holds into the database file without waiting for anyone
    /// (SQLite's PASSIVE checkpoint; nothing on PostgreSQL). Run beside the writer, so the
    /// commit that happens to fill the WAL does not pay for the copy and its fsync. Returns
    /// the WAL's frames and how many of them are now in the database file.
    pub async fn checkpoint(&self) -> AppResult<(i64, i64)> {
        if self.backend != Backend::Sqlite {
            return Ok((0, 0));
        }
        let row = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)").fetch_one(&self.pool).await?;
        Ok((row.try_get(1)?, row.try_get(2)?))
    }
}

/// A pool of up to `connections` SQLite connections, each set up the same way.
fn sqlite_pool(connections: u32) -> AnyPoolOptions {
    AnyPoolOptions::new()
        .max_connections(connections)
        .acquire_timeout(Duration::from_secs(30))
        .after_connect(|conn, _meta| {
            Box::pin(async move {
                conn.execute("PRAGMA journal_mode = WAL").await?;
                conn.execute("PRAGMA busy_timeout = 10000").await?;
                // FULL: a batch acknowledged to a device survives a power cut
                // (NORMAL in WAL mode may lose the last transactions).
                conn.execute("PRAGMA synchronous = FULL").await?;
                conn.execute("PRAGMA foreign_keys = ON").await?;
                // Checkpoints run beside the writer while serving
                // (`crate::sync::checkpoint`), not in the commit that fills the WAL
                // past its limit; this limit is only the backstop without them.
                conn.execute("PRAGMA wal_autocheckpoint = 10000").await?;
                Ok(())
            })
        })
}

/// HLC → BIGINT.
pub(crate) fn hlc_to_db(h: Hlc) -> i64 {
    h.as_u64() as i64
}

/// BIGINT → HLC.
pub(crate) fn hlc_from_db(v: i64) -> Hlc {
    Hlc::from_u64(v as u64)
}

/// Reads a field's merged state from a row with columns value, hlc, replica, prev: the one
/// row reader every query that returns fields or changes goes through.
pub(crate) fn field_from_row(row: &AnyRow) -> AppResult<FieldState> {
    let value: String = row.try_get("value")?;
    Ok(FieldState {
        value: serde_json::from_str(&value).map_err(AppError::internal)?,
        hlc: hlc_from_db(row.try_get("hlc")?),
        replica: ReplicaId(row.try_get("replica")?),
        prev: row.try_get::<Option<i64>, _>("prev")?.map(hlc_from_db),
    })
}

/// Reads a change from a row that also has columns kind, record_id, field.
pub(crate) fn change_from_row(row: &AnyRow) -> AppResult<Change> {
    let kind = Kind(row.try_get("kind")?);
    let id = RecordId(row.try_get("record_id")?);
    let field: String = row.try_get("field")?;
    Ok(field_from_row(row)?.to_change(&kind, &id, &field))
}
