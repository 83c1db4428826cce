//! The real `guanjia` binary on a fresh database seeded with the demo site, and what the
//! bench reads of it from outside: its memory, the database's size, and the log grown to a
//! given number of rows.

use sqlx::{AnyConnection, Connection, Row};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running server; killed when dropped.
pub struct ServerProc {
    pub url: String,
    pub database_url: String,
    pub sqlite_file: Option<PathBuf>,
    /// The PostgreSQL server's admin URL and the database made for this run (dropped by
    /// [`ServerProc::stop`]: a run leaves a million log rows behind).
    pg_database: Option<(String, String)>,
    child: Child,
    _dir: tempfile::TempDir,
}

#[path = "../support/binary.rs"]
mod binary;
use binary::binary;

impl ServerProc {
    /// Starts `guanjia serve --demo` on a fresh SQLite file, or on a fresh database of the
    /// PostgreSQL server at `pg_admin`.
    pub async fn start(pg_admin: Option<&str>) -> ServerProc {
        sqlx::any::install_default_drivers();
        let dir = tempfile::tempdir().expect("temp dir");
        let mut pg_database = None;
        let (database_url, sqlite_file) = match pg_admin {
            None => {
                let file = dir.path().join("bench.db");
                (format!("sqlite://{}", file.display()), Some(file))
            }
            Some(admin) => {
                let name = format!("guanjia_bench_{}", uuid::Uuid::now_v7().simple());
                let mut conn = AnyConnection::connect(admin).await.expect("connect to PG");
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(&mut conn)
                    .await
                    .expect("create db");
                let (prefix, _) = admin.rsplit_once('/').expect("URL with a path");
                pg_database = Some((admin.to_owned(), name.clone()));
                (format!("{prefix}/{name}"), None)
            }
        };
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(binary())
            .args(["serve", "--demo", "--addr", &format!("127.0.0.1:{port}")])
            .args(["--database-url", &database_url, "--dist", "/nonexistent"])
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start guanjia (build it: cargo build --release -p server --bin guanjia)");
        let server = ServerProc {
            url: format!("http://127.0.0.1:{port}"),
            database_url,
            sqlite_file,
            pg_database,
            child,
            _dir: dir,
        };
        server.wait_healthy().await;
        server
    }

    async fn wait_healthy(&self) {
        let http = reqwest::Client::new();
        let start = Instant::now();
        loop {
            let health = http.get(format!("{}/api/v1/health", self.url)).send().await;
            if health.is_ok_and(|r| r.status().is_success()) {
                return;
            }
            assert!(start.elapsed() < Duration::from_secs(300), "server did not start");
            tokio::time::sleep(Duration::from_millis(50)).await; // polling interval
        }
    }

    /// Resident memory now and at its peak, in MB (`/proc/<pid>/status`).
    pub fn rss_mb(&self) -> (f64, f64) {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        let kb = |key: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(key))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
                .unwrap_or(0.0)
        };
        (kb("VmRSS:") / 1024.0, kb("VmHWM:") / 1024.0)
    }

    /// A connection of the bench's own to the server's database.
    pub async fn connect(&self) -> AnyConnection {
        let url = match &self.sqlite_file {
            Some(f) => format!("sqlite://{}", f.display()),
            None => self.database_url.clone(),
        };
        let mut conn = AnyConnection::connect(&url).await.expect("connect to the bench database");
        if self.sqlite_file.is_some() {
            sqlx::query("PRAGMA busy_timeout = 30000").execute(&mut conn).await.expect("pragma");
        }
        conn
    }

    /// The database's size in bytes (SQLite: after a checkpoint, the file and its WAL).
    pub async fn db_bytes(&self) -> u64 {
        let mut conn = self.connect().await;
        match &self.sqlite_file {
            Some(f) => {
                let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&mut conn).await;
                let len = |p: PathBuf| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
                len(f.clone()) + len(PathBuf::from(format!("{}-wal", f.display())))
            }
            None => {
                let row = sqlx::query("SELECT pg_database_size(current_database()) AS n")
                    .fetch_one(&mut conn)
                    .await
                    .expect("size");
                row.try_get::<i64, _>("n").expect("n") as u64
            }
        }
    }

    /// How many rows the log holds.
    pub async fn log_rows(&self) -> i64 {
        let mut conn = self.connect().await;
        let row = sqlx::query("SELECT COUNT(*) AS n FROM changes").fetch_one(&mut conn).await;
        row.expect("count").try_get("n").expect("n")
    }

    /// Grows the demo site's log to at least `rows` rows by copying its rows at shifted
    /// positions (what pulls read; the merged state is left as it is), and moves the site's
    /// end of log with it.
    pub async fn grow_log(&self, rows: i64) {
        let mut conn = self.connect().await;
        loop {
            let row = sqlx::query("SELECT COUNT(*) AS n, MAX(seq) AS m FROM changes")
                .fetch_one(&mut conn)
                .await
                .expect("count");
            let (n, max): (i64, i64) = (row.try_get("n").unwrap(), row.try_get("m").unwrap());
            if n >= rows {
                break;
            }
            let take = (rows - n).min(n);
            let mut tx = conn.begin().await.expect("begin");
            sqlx::query(
                "INSERT INTO changes (site_id, seq, area_id, dept_id, kind, record_id, field, value, \
                 hlc, replica, prev) SELECT site_id, seq + $1, area_id, dept_id, kind, record_id, \
                 field, value, hlc, replica, prev FROM changes ORDER BY seq LIMIT $2",
            )
            .bind(max)
            .bind(take)
            .execute(&mut *tx)
            .await
            .expect("copy log rows");
            sqlx::query("UPDATE sites SET last_seq = (SELECT MAX(seq) FROM changes)")
                .execute(&mut *tx)
                .await
                .expect("end of log");
            tx.commit().await.expect("commit");
        }
    }
}

impl ServerProc {
    /// Stops the server and drops the PostgreSQL database made for it (the SQLite file goes
    /// with its temporary directory).
    pub async fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some((admin, name)) = self.pg_database.take() {
            let mut conn = AnyConnection::connect(&admin).await.expect("connect to PG");
            sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
                .execute(&mut conn)
                .await
                .expect("drop the bench database");
        }
    }
}

impl Drop for ServerProc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
