//! Command line and environment configuration (clap derive; every flag also reads an env var).
//!
//! The parsed CLI is turned into one [`Config`] that the library uses, so tests can build a
//! `Config` in code without going through argv.

use clap::{Args, Parser, Subcommand};
use shared::Role;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

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
    Demo(DbArgs),
    /// Manage user accounts.
    #[command(subcommand)]
    User(UserCommand),
}

/// `guanjia user …`
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a user (and its `staff` record); creates the site if it does not exist yet.
    Add(UserAddArgs),
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
    /// Failed logins for one username within the window before logins are refused.
    #[arg(long, env = "GUANJIA_LOGIN_MAX_FAILURES", default_value_t = 5)]
    pub login_max_failures: u32,
    /// Length of the login failure window, in seconds.
    #[arg(long, env = "GUANJIA_LOGIN_WINDOW_SECS", default_value_t = 900)]
    pub login_window_secs: u64,
    /// Device clocks further ahead than this (seconds) are clamped to the server clock.
    #[arg(long, env = "GUANJIA_MAX_CLOCK_AHEAD_SECS", default_value_t = 300)]
    pub max_clock_ahead_secs: u64,
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
    pub login_max_failures: u32,
    pub login_window: Duration,
    pub max_clock_ahead: Duration,
    /// Largest accepted request body (413 beyond).
    pub body_limit: usize,
}

impl Config {
    /// Defaults for everything but the database (what tests use).
    pub fn new(database_url: impl Into<String>) -> Self {
        Self {
            database_url: database_url.into(),
            dist: PathBuf::from("dist"),
            login_max_failures: 5,
            login_window: Duration::from_secs(15 * 60),
            max_clock_ahead: Duration::from_secs(5 * 60),
            body_limit: 4 * 1024 * 1024,
        }
    }
}

impl From<&ServeArgs> for Config {
    fn from(a: &ServeArgs) -> Self {
        Self {
            dist: a.dist.clone(),
            login_max_failures: a.login_max_failures,
            login_window: Duration::from_secs(a.login_window_secs),
            max_clock_ahead: Duration::from_secs(a.max_clock_ahead_secs),
            ..Config::new(a.db.database_url.clone())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Cli, Command, UserCommand};
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
}
