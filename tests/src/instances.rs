//! Several real `guanjia serve` processes on one PostgreSQL database behind a
//! [`Proxy`] (issue 23, "Several instances"). Every instance is started at the same moment
//! on a fresh database with `--demo`, so the migrations and the demo's seeding race as they
//! would when a deployment starts its replicas together.
//!
//! PostgreSQL comes from `GUANJIA_TEST_PG_URL` (a server the test may create databases on,
//! as the server's own tests use); without it the tests fail, unless `GUANJIA_SKIP_PG=1`
//! says to skip them.

use crate::proxy::Proxy;
use crate::wait::wait_until;
use crate::{fail, free_port, paths, progress, unique_suffix, TestResult};
use sqlx::Connection;
use std::fs::File;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use tempfile::TempDir;

/// How long a fresh start (migrations, demo seeding, argon2 hashes) may take.
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// One `guanjia serve` process.
struct Instance {
    port: u16,
    child: Option<Child>,
    log: PathBuf,
}

/// The instances, their database and the proxy in front of them; all stopped on drop.
pub struct Instances {
    instances: Vec<Instance>,
    proxy: Proxy,
    database_url: String,
    _dir: TempDir,
}

/// A fresh database on `GUANJIA_TEST_PG_URL`, or `None` when `GUANJIA_SKIP_PG=1`.
pub async fn fresh_pg_database() -> TestResult<Option<String>> {
    let Ok(admin) = std::env::var("GUANJIA_TEST_PG_URL") else {
        if std::env::var("GUANJIA_SKIP_PG").as_deref() == Ok("1") {
            eprintln!("SKIPPED: GUANJIA_SKIP_PG=1 (several instances need PostgreSQL)");
            return Ok(None);
        }
        return fail(
            "GUANJIA_TEST_PG_URL is not set: point it at a PostgreSQL server the tests may \
             create databases on (e.g. postgres://postgres@127.0.0.1:55432/postgres), or set \
             GUANJIA_SKIP_PG=1 to skip the several-instances tests explicitly",
        );
    };
    let name = format!("guanjia_e2e_{}_{}", std::process::id(), unique_suffix());
    let mut conn = sqlx::PgConnection::connect(&admin).await?;
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut conn).await?;
    conn.close().await?;
    let (base, query) = admin.split_once('?').map_or((admin.as_str(), None), |(b, q)| (b, Some(q)));
    let Some((prefix, _)) = base.rsplit_once('/') else {
        return fail(format!("GUANJIA_TEST_PG_URL has no database path: {admin}"));
    };
    Ok(Some(match query {
        Some(q) => format!("{prefix}/{name}?{q}"),
        None => format!("{prefix}/{name}"),
    }))
}

impl Instances {
    /// Starts `count` instances together on a fresh PostgreSQL database with the demo
    /// site, waits until every one answers `/api/v1/health`, and puts a round-robin proxy in
    /// front. `None` when PostgreSQL tests are skipped.
    pub async fn start(count: usize) -> TestResult<Option<Self>> {
        let Some(database_url) = fresh_pg_database().await? else { return Ok(None) };
        let dir = tempfile::Builder::new().prefix("guanjia-instances-").tempdir()?;
        progress(format_args!("starting {count} instances together on one PostgreSQL database"));
        let mut instances = Vec::new();
        for n in 0..count {
            let log = dir.path().join(format!("instance-{n}.log"));
            instances.push(Instance { port: free_port()?, child: None, log });
        }
        // Photo bytes in one directory every instance reaches, as a shared volume would be.
        let blobs = dir.path().join("blobs");
        for instance in &mut instances {
            instance.spawn(&database_url, &blobs)?;
        }
        let backends: Vec<SocketAddr> =
            instances.iter().map(|i| SocketAddr::from(([127, 0, 0, 1], i.port))).collect();
        let proxy = Proxy::start(backends).await?;
        let mut me = Self { instances, proxy, database_url, _dir: dir };
        for n in 0..count {
            me.wait_healthy(n).await?;
        }
        progress(format_args!("{count} instances up behind the proxy at {}", me.url()));
        Ok(Some(me))
    }

    /// The proxy's origin: what devices use.
    pub fn url(&self) -> String {
        self.proxy.url()
    }

    /// Instance `n`'s own origin (bypassing the proxy).
    pub fn instance_url(&self, n: usize) -> String {
        format!("http://127.0.0.1:{}", self.instances[n].port)
    }

    /// The database every instance uses.
    pub fn database_url(&self) -> &str {
        &self.database_url
    }

    /// The proxy, to pin new connections or count them.
    pub fn proxy(&self) -> &Proxy {
        &self.proxy
    }

    /// Kills instance `n` with SIGKILL (no goodbye to its clients, like a pulled cable).
    pub fn kill(&mut self, n: usize) -> TestResult {
        if let Some(mut child) = self.instances[n].child.take() {
            child.kill()?;
            child.wait()?;
            progress(format_args!("instance {n} killed"));
        }
        Ok(())
    }

    /// Everything instance `n` printed.
    pub fn log(&self, n: usize) -> String {
        std::fs::read_to_string(&self.instances[n].log).unwrap_or_default()
    }

    async fn wait_healthy(&mut self, n: usize) -> TestResult {
        let health = format!("{}/api/v1/health", self.instance_url(n));
        let http = reqwest::Client::builder().timeout(Duration::from_secs(2)).build()?;
        let what = format!("instance {n} answers /api/v1/health");
        let ready = wait_until(&what, START_TIMEOUT, || {
            let (http, health) = (http.clone(), health.clone());
            let exited = self.instances[n].child.as_mut().and_then(|c| c.try_wait().ok().flatten());
            async move {
                if let Some(status) = exited {
                    return fail(format!("instance {n} exited early with {status}"));
                }
                Ok(http.get(&health).send().await?.status().is_success())
            }
        })
        .await;
        if let Err(e) = ready {
            return fail(format!("{e}\n--- instance {n} log ---\n{}", self.log(n)));
        }
        Ok(())
    }
}

impl Instance {
    fn spawn(&mut self, database_url: &str, blobs: &std::path::Path) -> TestResult {
        let log = File::create(&self.log)?;
        let binary = paths::server_binary()?;
        let child = Command::new(&binary)
            .arg("serve")
            .args(["--addr", &format!("127.0.0.1:{}", self.port)])
            .args(["--database-url", database_url])
            .arg("--dist")
            .arg(paths::dist_dir()?)
            .arg("--blob-dir")
            .arg(blobs)
            .arg("--demo")
            .env("RUST_LOG", std::env::var("RUST_LOG").unwrap_or_else(|_| "info".into()))
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
        self.child = Some(child);
        Ok(())
    }
}

impl Drop for Instances {
    fn drop(&mut self) {
        for instance in &mut self.instances {
            if let Some(mut child) = instance.child.take() {
                let _ = child.kill();
                let _ = child.wait();
            }
        }
    }
}
