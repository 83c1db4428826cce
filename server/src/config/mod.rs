//! The configuration the library runs with: a plain [`Config`], built in code by tests and
//! from the command line by the binary (`crate::cli`, which takes its defaults from here: the
//! constants below are the one place a default is stated).

mod blobs;

pub use blobs::{default_blob_dir, Cleanup};

use crate::clock::Clock;
use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Seconds in a day, for the lifetimes below.
pub const DAY_SECS: u64 = 24 * 60 * 60;

/// Everything the library needs at run time.
#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: String,
    /// The built app; a missing directory serves a "not built" page instead.
    pub dist: PathBuf,
    /// Failed logins per (username, client address) before attempts must wait.
    pub login_free_failures: u32,
    /// Failed logins per client address before attempts must wait.
    pub login_free_failures_per_address: u32,
    /// The first wait after the free failures; it doubles per further failure.
    pub login_first_delay: Duration,
    /// The longest wait between attempts.
    pub login_max_delay: Duration,
    /// Proxies whose `X-Forwarded-For` names the client (`crate::auth::forwarded`).
    pub trusted_proxies: Vec<IpAddr>,
    /// Absolute lifetime of a session.
    pub session_max_age: Duration,
    /// A session unused this long ends.
    pub session_idle: Duration,
    /// Open event streams per user on this instance (a new one ends the oldest).
    pub max_streams_per_user: usize,
    /// How often an open event stream checks that its session still lives (a session revoked
    /// on another instance, or expired, ends its streams within this time).
    pub stream_recheck: Duration,
    /// argon2 computations run at once.
    pub max_concurrent_hashes: usize,
    /// The clock of the account rules (expiry, throttling, tickets).
    pub clock: Clock,
    pub max_clock_ahead: Duration,
    /// Largest accepted request body (413 beyond); blob chunks have their own limit.
    pub body_limit: usize,
    /// Where photo bytes are kept (`crate::blobs::DirStore`) unless `blob_url` is set.
    pub blob_dir: PathBuf,
    /// S3-compatible object storage for photo bytes (`s3://bucket/prefix`).
    pub blob_url: Option<String>,
    /// Object-storage settings (`object_store` keys) applied after the `AWS_*` variables.
    pub blob_options: Vec<(String, String)>,
    /// When unused photo bytes are removed.
    pub blob_cleanup: Cleanup,
    /// Where `serve` writes a backup once a day (`crate::backup`); none when `None`.
    pub backup_dir: Option<PathBuf>,
    /// How many daily backups are kept (the oldest go first).
    pub backup_keep: usize,
}

/// The defaults, each stated once: [`Config::new`] and the command line's flags read them.
impl Config {
    /// The embedded database, in the working directory's `data/`.
    pub const DATABASE_URL: &'static str = "sqlite://data/guanjia.db";
    /// The built app's directory.
    pub const DIST: &'static str = "dist";
    /// Failed logins of one username from one address before attempts must wait.
    pub const LOGIN_FREE_FAILURES: u32 = 5;
    /// Failed logins from one address (any usernames) before attempts must wait.
    pub const LOGIN_FREE_FAILURES_PER_ADDRESS: u32 = 20;
    /// The first wait; it doubles with each further failure.
    pub const LOGIN_FIRST_DELAY: Duration = Duration::from_secs(1);
    /// The longest wait: a quarter of an hour.
    pub const LOGIN_MAX_DELAY: Duration = Duration::from_secs(15 * 60);
    /// A session ends 30 days after login, however busy.
    pub const SESSION_MAX_AGE: Duration = Duration::from_secs(30 * DAY_SECS);
    /// A session unused for 7 days ends.
    pub const SESSION_IDLE: Duration = Duration::from_secs(7 * DAY_SECS);
    /// Open event streams per user on one instance.
    pub const MAX_STREAMS_PER_USER: usize = 5;
    /// How often an open event stream checks its session.
    pub const STREAM_RECHECK: Duration = Duration::from_secs(60);
    /// Device clocks further ahead than 5 minutes are clamped to the server clock.
    pub const MAX_CLOCK_AHEAD: Duration = Duration::from_secs(5 * 60);
    /// Daily backups kept: a week.
    pub const BACKUP_KEEP: usize = 7;

    /// Defaults for everything but the database (what tests use).
    pub fn new(database_url: impl Into<String>) -> Self {
        let database_url = database_url.into();
        Self {
            blob_dir: default_blob_dir(&database_url),
            blob_url: None,
            blob_options: Vec::new(),
            blob_cleanup: Cleanup::default(),
            database_url,
            dist: PathBuf::from(Self::DIST),
            login_free_failures: Self::LOGIN_FREE_FAILURES,
            login_free_failures_per_address: Self::LOGIN_FREE_FAILURES_PER_ADDRESS,
            login_first_delay: Self::LOGIN_FIRST_DELAY,
            login_max_delay: Self::LOGIN_MAX_DELAY,
            trusted_proxies: Vec::new(),
            session_max_age: Self::SESSION_MAX_AGE,
            session_idle: Self::SESSION_IDLE,
            max_streams_per_user: Self::MAX_STREAMS_PER_USER,
            stream_recheck: Self::STREAM_RECHECK,
            max_concurrent_hashes: cpu_count(),
            clock: Clock::default(),
            max_clock_ahead: Self::MAX_CLOCK_AHEAD,
            body_limit: shared::protocol::MAX_PUSH_BYTES,
            backup_dir: None,
            backup_keep: Self::BACKUP_KEEP,
        }
    }
}

impl Default for Config {
    /// [`Config::new`] on [`Config::DATABASE_URL`].
    fn default() -> Self {
        Config::new(Config::DATABASE_URL)
    }
}

/// The number of CPUs, which bounds the argon2 computations that run at once by default.
pub fn cpu_count() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}
