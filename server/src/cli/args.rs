//! The command line's subcommands and their flags (clap derive; every flag also reads an
//! environment variable). `serve`'s own flags, which make a `Config`, are in
//! [`super::serve`].

use super::serve::{DbArgs, ServeArgs, SessionArgs};
use clap::{Args, Parser, Subcommand};
use shared::Role;

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
    /// Copy the database and its photo bytes into a new directory, while the server runs.
    Backup(BackupArgs),
    /// Put a backup back in place (stop the server first); devices send again what they
    /// hold that the backup lacks.
    Restore(RestoreArgs),
    /// A resident's data on request: a copy (`export`) or its erasure (`erase`).
    #[command(subcommand)]
    Person(super::person::PersonCommand),
}

/// `guanjia backup` flags.
#[derive(Debug, Clone, Args)]
pub struct BackupArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub blobs: super::BlobArgs,
    /// The new directory to write the backup into.
    #[arg(long)]
    pub to: std::path::PathBuf,
}

/// `guanjia restore` flags.
#[derive(Debug, Clone, Args)]
pub struct RestoreArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub blobs: super::BlobArgs,
    /// The backup's directory (as `guanjia backup --to` wrote it).
    #[arg(long)]
    pub from: std::path::PathBuf,
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
    #[arg(long, env = "GUANJIA_DEMO_SEED", default_value_t = crate::demo::DEFAULT_SEED)]
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
