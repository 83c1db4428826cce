//! `guanjia serve`'s flags and what they make: the library's [`Config`]. Every default is
//! [`Config`]'s own (its constants), so the flags and the code cannot disagree.

use super::blobs::BlobArgs;
use crate::config::{cpu_count, default_blob_dir, Config};
use clap::Args;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

/// Where `guanjia serve` listens unless told (the only default that is not the library's:
/// the library is handed a listener).
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";

/// `guanjia serve` flags.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "GUANJIA_ADDR", default_value = DEFAULT_ADDR)]
    pub addr: SocketAddr,
    #[command(flatten)]
    pub db: DbArgs,
    /// Directory holding the built app (index.html, sw.js, wasm).
    #[arg(long, env = "GUANJIA_DIST", default_value = Config::DIST)]
    pub dist: PathBuf,
    /// Seed the demo site when the database has no site yet.
    #[arg(long, env = "GUANJIA_DEMO")]
    pub demo: bool,
    #[command(flatten)]
    pub login: LoginArgs,
    #[command(flatten)]
    pub sessions: SessionArgs,
    /// Open event streams per user on this instance; a new one ends the user's oldest.
    #[arg(
        long,
        env = "GUANJIA_MAX_STREAMS_PER_USER",
        default_value_t = Config::MAX_STREAMS_PER_USER,
    )]
    pub max_streams_per_user: usize,
    /// Password hashes computed at once (default: the number of CPUs); more logins queue.
    #[arg(long, env = "GUANJIA_MAX_CONCURRENT_HASHES")]
    pub max_concurrent_hashes: Option<usize>,
    /// Device clocks further ahead than this (seconds) are clamped to the server clock.
    #[arg(
        long,
        env = "GUANJIA_MAX_CLOCK_AHEAD_SECS",
        default_value_t = Config::MAX_CLOCK_AHEAD.as_secs(),
    )]
    pub max_clock_ahead_secs: u64,
    #[command(flatten)]
    pub blobs: BlobArgs,
    /// Write a backup (database and photo bytes) into this directory once a day, the first a
    /// minute after start; each in a folder of its own (`guanjia restore --from` takes one).
    #[arg(long, env = "GUANJIA_BACKUP_DIR")]
    pub backup_dir: Option<PathBuf>,
    /// How many daily backups to keep; older ones are removed.
    #[arg(long, env = "GUANJIA_BACKUP_KEEP", default_value_t = Config::BACKUP_KEEP)]
    pub backup_keep: usize,
    /// Run the server's clock this many seconds ahead of the machine's (training, and tests
    /// of what falls due days later). Never move it back on a server in use: the stamps of
    /// the log must not go back.
    #[arg(
        long,
        env = "GUANJIA_CLOCK_OFFSET_SECS",
        default_value_t = 0,
        allow_hyphen_values = true
    )]
    pub clock_offset_secs: i64,
}

/// Where the data lives.
#[derive(Debug, Clone, Args)]
pub struct DbArgs {
    /// `sqlite://path/to/file.db` (embedded, default) or `postgres://user@host:port/db`.
    #[arg(long, env = "DATABASE_URL", default_value = Config::DATABASE_URL)]
    pub database_url: String,
}

/// Login throttling: after some free failures, each further attempt waits twice as long as
/// the one before, per (username, client address) and per client address.
#[derive(Debug, Clone, Args)]
pub struct LoginArgs {
    /// Failed logins of one username from one address before attempts must wait.
    #[arg(long, env = "GUANJIA_LOGIN_FREE_FAILURES", default_value_t = Config::LOGIN_FREE_FAILURES)]
    pub login_free_failures: u32,
    /// Failed logins from one address (any usernames) before attempts must wait.
    #[arg(
        long,
        env = "GUANJIA_LOGIN_FREE_FAILURES_PER_ADDRESS",
        default_value_t = Config::LOGIN_FREE_FAILURES_PER_ADDRESS,
    )]
    pub login_free_failures_per_address: u32,
    /// The first wait, in seconds; it doubles with each further failure.
    #[arg(
        long,
        env = "GUANJIA_LOGIN_FIRST_DELAY_SECS",
        default_value_t = Config::LOGIN_FIRST_DELAY.as_secs(),
    )]
    pub login_first_delay_secs: u64,
    /// The longest wait, in seconds.
    #[arg(
        long,
        env = "GUANJIA_LOGIN_MAX_DELAY_SECS",
        default_value_t = Config::LOGIN_MAX_DELAY.as_secs(),
    )]
    pub login_max_delay_secs: u64,
    /// The address of a proxy in front of the server (repeat, or separate by commas, for
    /// several): requests from it are throttled by the right-most address in their
    /// `X-Forwarded-For` that is not itself such a proxy. Without it the header is ignored.
    #[arg(long = "trusted-proxy", env = "GUANJIA_TRUSTED_PROXY", value_delimiter = ',')]
    pub trusted_proxies: Vec<IpAddr>,
}

/// How long sessions live (read by `serve`, and by `user list` to count live sessions).
#[derive(Debug, Clone, Args)]
pub struct SessionArgs {
    /// A session ends this many seconds after login, however busy (default 30 days).
    #[arg(
        long,
        env = "GUANJIA_SESSION_MAX_AGE_SECS",
        default_value_t = Config::SESSION_MAX_AGE.as_secs(),
    )]
    pub session_max_age_secs: u64,
    /// A session unused for this many seconds ends (default 7 days).
    #[arg(
        long,
        env = "GUANJIA_SESSION_IDLE_SECS",
        default_value_t = Config::SESSION_IDLE.as_secs(),
    )]
    pub session_idle_secs: u64,
}

impl From<&ServeArgs> for Config {
    fn from(a: &ServeArgs) -> Self {
        Self {
            dist: a.dist.clone(),
            login_free_failures: a.login.login_free_failures,
            login_free_failures_per_address: a.login.login_free_failures_per_address,
            login_first_delay: Duration::from_secs(a.login.login_first_delay_secs),
            login_max_delay: Duration::from_secs(a.login.login_max_delay_secs),
            trusted_proxies: a.login.trusted_proxies.clone(),
            max_streams_per_user: a.max_streams_per_user,
            max_concurrent_hashes: a.max_concurrent_hashes.unwrap_or_else(cpu_count),
            max_clock_ahead: Duration::from_secs(a.max_clock_ahead_secs),
            blob_dir: a
                .blobs
                .blob_dir
                .clone()
                .unwrap_or_else(|| default_blob_dir(&a.db.database_url)),
            blob_url: a.blobs.blob_url.clone(),
            blob_options: a.blobs.blob_options.clone(),
            blob_cleanup: a.blobs.cleanup(),
            backup_dir: a.backup_dir.clone(),
            backup_keep: a.backup_keep,
            ..a.sessions.apply(Config::new(a.db.database_url.clone()))
        }
    }
}

impl SessionArgs {
    /// `config` with these session lifetimes.
    pub fn apply(&self, config: Config) -> Config {
        Config {
            session_max_age: Duration::from_secs(self.session_max_age_secs),
            session_idle: Duration::from_secs(self.session_idle_secs),
            ..config
        }
    }
}
