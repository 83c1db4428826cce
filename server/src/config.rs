//! Command line and environment configuration (clap derive; every flag also reads an env var).
//!
//! The parsed CLI is turned into one [`Config`] that the library uses, so tests can build a
//! `Config` in code without going through argv.

use clap::{Args, Parser, Subcommand};
use shared::Role;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

pub use crate::state::Clock;

/// `guanjia`: the Guanjia (管家) sync server.
#[derive(Debug, Parser)]
#[command(name = "guanjia", version, about = "Guanjia (管家) sync server / 同步服务器")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// What to do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the HTTP server (API + the app's static files).
    Serve(ServeArgs),
    /// Seed the demo site 阳光花园 if it is missing, and print the logins.
    Demo(DemoArgs),
    /// Manage user accounts.
    #[command(subcommand)]
    User(UserCommand),
}

/// `guanjia user …`
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a user (and its `staff` record); creates the site if it does not exist yet.
    Add(UserAddArgs),
    /// Set a user's password, read from GUANJIA_PASSWORD (so `ps` and the shell history never
    /// show it), and end all their sessions.
    Passwd(UserNameArgs),
    /// Stop a user from logging in and end all their sessions (undo with `enable`).
    Disable(UserNameArgs),
    /// Let a disabled user log in again.
    Enable(UserNameArgs),
    /// End all of a user's sessions (every device must log in again).
    RevokeSessions(UserNameArgs),
    /// List the users: username, name, role, site, area, department, disabled, live sessions.
    List(UserListArgs),
    /// Move a butler to another area (`-` for none): their tablet reloads its scope at the
    /// next sync.
    SetArea(UserSetAreaArgs),
    /// Change a user's role; department staff name their department.
    SetRole(UserSetRoleArgs),
}

/// `guanjia demo` flags.
#[derive(Debug, Clone, Args)]
pub struct DemoArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// How many units the compound has (up to 50,000).
    #[arg(long, env = "GUANJIA_DEMO_UNITS", default_value_t = crate::demo::DEFAULT_UNITS)]
    pub units: u32,
    /// The same seed builds the same compound, to the byte.
    #[arg(long, env = "GUANJIA_DEMO_SEED", default_value_t = 1)]
    pub seed: u64,
    /// How many areas (3–6; by default more for bigger compounds).
    #[arg(long, env = "GUANJIA_DEMO_AREAS")]
    pub areas: Option<u32>,
    /// How many requests (up to 200,000): a year of the site's history, mostly done and
    /// closed, the recent ones open. By default about one open request per 30 units.
    #[arg(long, env = "GUANJIA_DEMO_REQUESTS")]
    pub requests: Option<u32>,
}

/// `guanjia user set-area <username> <area>`
#[derive(Debug, Clone, Args)]
pub struct UserSetAreaArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Whose account.
    pub username: String,
    /// The area's name (`-` for none).
    pub area: String,
}

/// `guanjia user set-role <username> <role> [--department NAME]`
#[derive(Debug, Clone, Args)]
pub struct UserSetRoleArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Whose account.
    pub username: String,
    /// The new role.
    #[arg(value_enum)]
    pub role: Role,
    /// The department of department staff (its name, e.g. 工程部).
    #[arg(long)]
    pub department: Option<String>,
}

/// `guanjia user passwd|disable|enable|revoke-sessions <username>`
#[derive(Debug, Clone, Args)]
pub struct UserNameArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Whose account.
    pub username: String,
}

/// `guanjia user list` flags: live sessions are counted with the server's lifetimes.
#[derive(Debug, Clone, Args)]
pub struct UserListArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub sessions: SessionArgs,
}

/// How long sessions live (read by `serve`, and by `user list` to count live sessions).
#[derive(Debug, Clone, Args)]
pub struct SessionArgs {
    /// A session ends this many seconds after login, however busy (default 30 days).
    #[arg(long, env = "GUANJIA_SESSION_MAX_AGE_SECS", default_value_t = 30 * DAY_SECS)]
    pub session_max_age_secs: u64,
    /// A session unused for this many seconds ends (default 7 days).
    #[arg(long, env = "GUANJIA_SESSION_IDLE_SECS", default_value_t = 7 * DAY_SECS)]
    pub session_idle_secs: u64,
}

const DAY_SECS: u64 = 24 * 60 * 60;

/// Login throttling: after some free failures, each further attempt waits twice as long as
/// the one before, per (username, client address) and per client address.
#[derive(Debug, Clone, Args)]
pub struct LoginArgs {
    /// Failed logins of one username from one address before attempts must wait.
    #[arg(long, env = "GUANJIA_LOGIN_FREE_FAILURES", default_value_t = 5)]
    pub login_free_failures: u32,
    /// Failed logins from one address (any usernames) before attempts must wait.
    #[arg(long, env = "GUANJIA_LOGIN_FREE_FAILURES_PER_ADDRESS", default_value_t = 20)]
    pub login_free_failures_per_address: u32,
    /// The first wait, in seconds; it doubles with each further failure.
    #[arg(long, env = "GUANJIA_LOGIN_FIRST_DELAY_SECS", default_value_t = 1)]
    pub login_first_delay_secs: u64,
    /// The longest wait, in seconds.
    #[arg(long, env = "GUANJIA_LOGIN_MAX_DELAY_SECS", default_value_t = 900)]
    pub login_max_delay_secs: u64,
    /// The address of a proxy in front of the server (repeat, or separate by commas, for
    /// several): requests from it are throttled by the right-most address in their
    /// `X-Forwarded-For` that is not itself such a proxy. Without it the header is ignored.
    #[arg(long = "trusted-proxy", env = "GUANJIA_TRUSTED_PROXY", value_delimiter = ',')]
    pub trusted_proxies: Vec<IpAddr>,
}

/// Where the data lives.
#[derive(Debug, Clone, Args)]
pub struct DbArgs {
    /// `sqlite://path/to/file.db` (embedded, default) or `postgres://user@host:port/db`.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/guanjia.db")]
    pub database_url: String,
}

/// `guanjia serve` flags.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "GUANJIA_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    #[command(flatten)]
    pub db: DbArgs,
    /// Directory holding the built app (index.html, sw.js, wasm).
    #[arg(long, env = "GUANJIA_DIST", default_value = "dist")]
    pub dist: PathBuf,
    /// Seed the demo site when the database has no site yet.
    #[arg(long, env = "GUANJIA_DEMO")]
    pub demo: bool,
    #[command(flatten)]
    pub login: LoginArgs,
    #[command(flatten)]
    pub sessions: SessionArgs,
    /// Open event streams per user on this instance; a new one ends the user's oldest.
    #[arg(long, env = "GUANJIA_MAX_STREAMS_PER_USER", default_value_t = 5)]
    pub max_streams_per_user: usize,
    /// Password hashes computed at once (default: the number of CPUs); more logins queue.
    #[arg(long, env = "GUANJIA_MAX_CONCURRENT_HASHES")]
    pub max_concurrent_hashes: Option<usize>,
    /// Device clocks further ahead than this (seconds) are clamped to the server clock.
    #[arg(long, env = "GUANJIA_MAX_CLOCK_AHEAD_SECS", default_value_t = 300)]
    pub max_clock_ahead_secs: u64,
    #[command(flatten)]
    pub blobs: crate::blobs::args::BlobArgs,
}

/// `guanjia user add` flags.
#[derive(Debug, Clone, Args)]
pub struct UserAddArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Site name, e.g. 阳光花园.
    #[arg(long)]
    pub site: String,
    /// What the user is: decides their scope and what they may change.
    #[arg(long, value_enum)]
    pub role: Role,
    /// Area name within the site (butlers).
    #[arg(long)]
    pub area: Option<String>,
    /// Department name within the site (department staff), e.g. 工程部.
    #[arg(long)]
    pub department: Option<String>,
    #[arg(long)]
    pub username: String,
    /// The initial password; prefer the environment variable, which `ps` does not show.
    #[arg(long, env = "GUANJIA_PASSWORD", hide_env_values = true)]
    pub password: String,
    /// Display name, e.g. 王管家.
    #[arg(long)]
    pub name: String,
}

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
    /// Where photo bytes are kept ([`crate::blobs::DirStore`]) unless `blob_url` is set.
    pub blob_dir: PathBuf,
    /// S3-compatible object storage for photo bytes (`s3://bucket/prefix`).
    pub blob_url: Option<String>,
    /// Object-storage settings (`object_store` keys) applied after the `AWS_*` variables.
    pub blob_options: Vec<(String, String)>,
    /// When unused photo bytes are removed.
    pub blob_cleanup: crate::blobs::cleanup::Cleanup,
}

/// The default blob directory: `blobs` beside a SQLite database file (its data directory),
/// else `data/blobs`.
pub fn default_blob_dir(database_url: &str) -> PathBuf {
    let file =
        database_url.strip_prefix("sqlite://").or_else(|| database_url.strip_prefix("sqlite:"));
    let file = file
        .map(|f| f.split('?').next().unwrap_or(f))
        .filter(|f| !f.is_empty() && !f.starts_with(':'));
    match file.map(std::path::Path::new).and_then(|f| f.parent()) {
        Some(dir) => dir.join("blobs"),
        None => PathBuf::from("data/blobs"),
    }
}

/// The number of CPUs, which bounds the argon2 computations that run at once by default.
pub fn cpu_count() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

impl Config {
    /// Defaults for everything but the database (what tests use).
    pub fn new(database_url: impl Into<String>) -> Self {
        let database_url = database_url.into();
        Self {
            blob_dir: default_blob_dir(&database_url),
            blob_url: None,
            blob_options: Vec::new(),
            blob_cleanup: crate::blobs::cleanup::Cleanup::default(),
            database_url,
            dist: PathBuf::from("dist"),
            login_free_failures: 5,
            login_free_failures_per_address: 20,
            login_first_delay: Duration::from_secs(1),
            login_max_delay: Duration::from_secs(15 * 60),
            trusted_proxies: Vec::new(),
            session_max_age: Duration::from_secs(30 * DAY_SECS),
            session_idle: Duration::from_secs(7 * DAY_SECS),
            max_streams_per_user: 5,
            stream_recheck: Duration::from_secs(60),
            max_concurrent_hashes: cpu_count(),
            clock: Clock::default(),
            max_clock_ahead: Duration::from_secs(5 * 60),
            body_limit: shared::protocol::MAX_PUSH_BYTES,
        }
    }
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
            ..Config::new(a.db.database_url.clone()).with_sessions(&a.sessions)
        }
    }
}

impl Config {
    /// This config with the session lifetimes of the command line.
    pub fn with_sessions(self, s: &SessionArgs) -> Self {
        Self {
            session_max_age: Duration::from_secs(s.session_max_age_secs),
            session_idle: Duration::from_secs(s.session_idle_secs),
            ..self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Cli, Command, Config, UserCommand};
    use clap::error::ErrorKind;
    use clap::Parser;
    use shared::Role;

    fn user_add(role: &str) -> Result<Cli, clap::Error> {
        let args = ["--site", "阳光花园", "--username", "u", "--password", "p", "--name", "n"];
        let argv = ["guanjia", "user", "add", "--role", role].into_iter().chain(args);
        Cli::try_parse_from(argv)
    }

    #[test]
    fn a_role_is_one_of_the_roles_and_a_bad_one_lists_them() {
        let Ok(Cli { command: Command::User(UserCommand::Add(a)) }) = user_add("office") else {
            panic!("office is a role");
        };
        assert_eq!(a.role, Role::Office);
        let err = user_add("root").expect_err("root is not a role");
        assert_eq!(err.kind(), ErrorKind::InvalidValue);
        let text = err.to_string();
        for role in Role::ALL {
            assert!(text.contains(role.as_str()), "{text}");
        }
    }

    #[test]
    fn the_flags_default_to_the_config_defaults() {
        let Ok(Cli { command: Command::Serve(a) }) = Cli::try_parse_from(["guanjia", "serve"])
        else {
            panic!("serve parses");
        };
        let (from_flags, defaults) = (Config::from(&a), Config::new("sqlite://x.db"));
        let pick = |c: &Config| {
            (
                (c.login_free_failures, c.login_free_failures_per_address),
                (c.login_first_delay, c.login_max_delay),
                (c.session_max_age, c.session_idle),
                (c.max_streams_per_user, c.max_concurrent_hashes),
                c.trusted_proxies.clone(),
            )
        };
        assert_eq!(pick(&from_flags), pick(&defaults));
    }

    #[test]
    fn trusted_proxies_are_repeated_or_separated_by_commas_and_must_be_addresses() {
        let serve = |extra: &[&str]| {
            Cli::try_parse_from(["guanjia", "serve"].iter().chain(extra)).map(|c| match c.command {
                Command::Serve(a) => Config::from(&a).trusted_proxies,
                _ => panic!("serve parses as serve"),
            })
        };
        let got = serve(&["--trusted-proxy", "10.0.0.1,::1", "--trusted-proxy", "10.0.0.2"]);
        let want: Vec<std::net::IpAddr> =
            ["10.0.0.1", "::1", "10.0.0.2"].iter().map(|a| a.parse().unwrap()).collect();
        assert_eq!(got.unwrap(), want);
        let err = serve(&["--trusted-proxy", "proxy.local"]).expect_err("not an address");
        assert_eq!(err.kind(), ErrorKind::ValueValidation);
    }

    #[test]
    fn blobs_live_beside_the_sqlite_database_unless_configured() {
        use super::default_blob_dir;
        use std::path::Path;
        assert_eq!(default_blob_dir("sqlite://data/guanjia.db"), Path::new("data/blobs"));
        assert_eq!(default_blob_dir("sqlite:///srv/g/g.db?mode=rwc"), Path::new("/srv/g/blobs"));
        assert_eq!(default_blob_dir("postgres://u@h/db"), Path::new("data/blobs"));
        assert_eq!(default_blob_dir("sqlite::memory:"), Path::new("data/blobs"));
        let argv = ["guanjia", "serve", "--blob-dir", "/mnt/photos"];
        let Ok(Cli { command: Command::Serve(a) }) = Cli::try_parse_from(argv) else {
            panic!("serve parses");
        };
        assert_eq!(Config::from(&a).blob_dir, Path::new("/mnt/photos"));
    }

    #[test]
    fn user_subcommands_take_the_username() {
        let argv = ["guanjia", "user", "revoke-sessions", "wang"];
        let Ok(Cli { command: Command::User(UserCommand::RevokeSessions(a)) }) =
            Cli::try_parse_from(argv)
        else {
            panic!("revoke-sessions parses");
        };
        assert_eq!(a.username, "wang");
    }
}
