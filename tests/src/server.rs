//! The real `guanjia` server as a child process. "Going down" is SIGKILL (no goodbye to the
//! clients, like a pulled cable); "coming back" is the same command on the same port and
//! database, so the app's origin and data stay the same.

use crate::wait::wait_until;
use crate::{fail, free_port, paths, progress, TestResult};
use std::fs::File;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use tempfile::TempDir;

/// How long a fresh start (migrations, demo seeding, argon2 hashes) may take before the
/// health endpoint must answer.
const START_TIMEOUT: Duration = Duration::from_secs(30);

/// A demo compound to build before the server starts (`guanjia demo`, seed 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoSeed {
    /// `--units`.
    pub units: u32,
    /// `--areas`; `None` grows them with the size.
    pub areas: Option<u32>,
    /// `--requests`; `None` is the default (about one open request per 30 units).
    pub requests: Option<u32>,
}

/// One server instance and its private SQLite database, killed on drop.
pub struct Server {
    binary: PathBuf,
    dist: PathBuf,
    port: u16,
    dir: TempDir,
    child: Option<Child>,
    starts: u32,
    /// Seconds the server's clock runs ahead (`serve --clock-offset-secs`).
    clock_offset_secs: i64,
}

impl Server {
    /// Starts `guanjia serve --demo` on a free port with a fresh database and waits until
    /// `GET /api/v1/health` answers.
    pub async fn start() -> TestResult<Self> {
        Self::start_with_units(None, None).await
    }

    /// Like [`Server::start`], on a demo compound of `units` units in `areas` areas
    /// (`guanjia demo --units --areas`, seed 1) built before the server starts; `None` is the
    /// default small demo.
    pub async fn start_with_units(units: Option<u32>, areas: Option<u32>) -> TestResult<Self> {
        Self::start_with_demo(units.map(|units| DemoSeed { units, areas, requests: None })).await
    }

    /// Like [`Server::start`], on the demo compound `demo` built before the server starts;
    /// `None` is the default small demo.
    pub async fn start_with_demo(demo: Option<DemoSeed>) -> TestResult<Self> {
        progress("starting the server");
        let mut server = Server {
            binary: paths::server_binary()?,
            dist: paths::dist_dir()?,
            port: free_port()?,
            dir: tempfile::Builder::new().prefix("guanjia-e2e-").tempdir()?,
            child: None,
            starts: 0,
            clock_offset_secs: 0,
        };
        if let Some(demo) = demo {
            server.seed(demo)?;
        }
        server.spawn().await?;
        Ok(server)
    }

    /// Like [`Server::start`], serving the app's files from `dist` instead of the built app
    /// (a broken or partial build, for the app's start-up failure).
    pub async fn start_with_dist(dist: PathBuf) -> TestResult<Self> {
        progress(format_args!("starting the server on {}", dist.display()));
        let mut server = Server {
            binary: paths::server_binary()?,
            dist,
            port: free_port()?,
            dir: tempfile::Builder::new().prefix("guanjia-e2e-").tempdir()?,
            child: None,
            starts: 0,
            clock_offset_secs: 0,
        };
        server.spawn().await?;
        Ok(server)
    }

    /// The server's SQLite database (`sqlite://…/g.db`), for reading its log directly.
    pub fn database_url(&self) -> String {
        format!("sqlite://{}/g.db", self.dir.path().display())
    }

    /// Runs `guanjia demo --units N [--areas A] [--requests R]` on the server's database.
    fn seed(&self, demo: DemoSeed) -> TestResult {
        let DemoSeed { units, areas, requests } = demo;
        let what = requests.map(|r| format!(" and {r} requests")).unwrap_or_default();
        progress(format_args!("seeding a demo compound of {units} units{what}"));
        let mut command = Command::new(&self.binary);
        command.args(["demo", "--units", &units.to_string(), "--seed", "1"]);
        if let Some(areas) = areas {
            command.args(["--areas", &areas.to_string()]);
        }
        if let Some(requests) = requests {
            command.args(["--requests", &requests.to_string()]);
        }
        let out = command
            .arg("--database-url")
            .arg(self.database_url())
            .env("RUST_LOG", "warn")
            .output()?;
        if !out.status.success() {
            return fail(format!("guanjia demo failed: {}", String::from_utf8_lossy(&out.stderr)));
        }
        progress("seeded");
        Ok(())
    }

    /// The origin the app is served from, e.g. `http://127.0.0.1:40123`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Kills the server with SIGKILL and waits for it to be gone.
    pub fn kill(&mut self) -> TestResult {
        if let Some(mut child) = self.child.take() {
            child.kill()?;
            child.wait()?;
            progress("server killed");
        }
        Ok(())
    }

    /// Starts the same command again (same port, same database) and waits until healthy.
    pub async fn restart(&mut self) -> TestResult {
        self.kill()?;
        self.spawn().await
    }

    /// Stops the server and starts it again on `dist` (same port and database): a new version
    /// of the app deployed.
    pub async fn redeploy(&mut self, dist: PathBuf) -> TestResult {
        self.kill()?;
        progress(format_args!("deploying {}", dist.display()));
        self.dist = dist;
        self.spawn().await
    }

    /// Restarts the server with its clock `secs` seconds further ahead
    /// (`serve --clock-offset-secs`): what falls due days later, without waiting for it.
    pub async fn move_clock_on(&mut self, secs: i64) -> TestResult {
        self.clock_offset_secs += secs;
        progress(format_args!("moving the server's clock on by {secs} s"));
        self.restart().await
    }

    async fn spawn(&mut self) -> TestResult {
        self.starts += 1;
        let log_path = self.dir.path().join(format!("server-{}.log", self.starts));
        let log = File::create(&log_path)?;
        let database_url = self.database_url();
        let child = Command::new(&self.binary)
            .arg("serve")
            .arg("--addr")
            .arg(format!("127.0.0.1:{}", self.port))
            .arg("--database-url")
            .arg(&database_url)
            .arg("--dist")
            .arg(&self.dist)
            .arg("--demo")
            .arg(format!("--clock-offset-secs={}", self.clock_offset_secs))
            .env("RUST_LOG", std::env::var("RUST_LOG").unwrap_or_else(|_| "info".into()))
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", self.binary.display()))?;
        self.child = Some(child);
        let health = format!("{}/api/v1/health", self.url());
        let http = reqwest::Client::builder().timeout(Duration::from_secs(2)).build()?;
        let ready = wait_until("the server answers /api/v1/health", START_TIMEOUT, || {
            let (http, health) = (http.clone(), health.clone());
            let exited = self.exited();
            async move {
                if let Some(status) = exited {
                    return fail(format!("server exited early with {status}"));
                }
                let response = http.get(&health).send().await?;
                Ok(response.status().is_success())
            }
        })
        .await;
        if let Err(e) = ready {
            let log = std::fs::read_to_string(&log_path).unwrap_or_default();
            return fail(format!("{e}\n--- server log ---\n{log}"));
        }
        progress(format_args!("server up at {} (start #{})", self.url(), self.starts));
        Ok(())
    }

    /// `guanjia user set-area <username> <area>` on the server's database (a second butler
    /// on an area, while the server runs or is down).
    pub fn set_area(&self, username: &str, area: &str) -> TestResult {
        self.run(&["user", "set-area", username, area])?;
        progress(format_args!("{username} now works area {area}"));
        Ok(())
    }

    /// `guanjia backup --to <dir>/<name>` while the server runs; returns the backup's path.
    pub fn backup(&self, name: &str) -> TestResult<PathBuf> {
        let to = self.dir.path().join(name);
        self.run(&["backup", "--to", &to.display().to_string()])?;
        progress(format_args!("backup written to {}", to.display()));
        Ok(to)
    }

    /// Stops the server, loses its disk (the database and the photo bytes), `guanjia restore
    /// --from <backup>`, and starts it again.
    pub async fn restore(&mut self, backup: &std::path::Path) -> TestResult {
        self.kill()?;
        for lost in ["g.db", "g.db-wal", "g.db-shm", "blobs"] {
            let path = self.dir.path().join(lost);
            if path.is_dir() {
                std::fs::remove_dir_all(&path)?;
            } else if path.exists() {
                std::fs::remove_file(&path)?;
            }
        }
        self.run(&["restore", "--from", &backup.display().to_string()])?;
        progress("restored the backup");
        self.spawn().await
    }

    /// Runs one of the binary's commands on the server's database; fails with what it printed.
    fn run(&self, args: &[&str]) -> TestResult {
        let out = Command::new(&self.binary)
            .args(args)
            .arg("--database-url")
            .arg(self.database_url())
            .env("RUST_LOG", "warn")
            .output()?;
        if !out.status.success() {
            return fail(format!(
                "guanjia {} failed: {}{}",
                args.join(" "),
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        Ok(())
    }

    /// The exit status if the child already died (it should not while it is "up").
    fn exited(&mut self) -> Option<std::process::ExitStatus> {
        self.child.as_mut().and_then(|c| c.try_wait().ok().flatten())
    }

    /// Everything the server printed over all its starts, oldest first (what a test counts
    /// across a restart, e.g. the blob chunks it accepted).
    pub fn all_logs(&self) -> String {
        (1..=self.starts)
            .map(|n| self.dir.path().join(format!("server-{n}.log")))
            .map(|p| std::fs::read_to_string(p).unwrap_or_default())
            .collect()
    }

    /// Everything the server printed since its last start, for failure messages.
    pub fn log(&self) -> String {
        let path = self.dir.path().join(format!("server-{}.log", self.starts));
        std::fs::read_to_string(path).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
