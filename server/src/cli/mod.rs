//! The `guanjia` binary's command line: its types ([`args`], [`serve`], [`blobs`]) and what it
//! does for each subcommand. The library below knows nothing of it: it runs on a plain
//! [`Config`], which `serve`'s flags make with the library's own defaults.

mod args;
mod blobs;
mod person;
mod serve;
#[cfg(test)]
mod tests;

pub use args::{
    BackupArgs, Cli, Command, DemoArgs, RestoreArgs, UserAddArgs, UserCommand, UserListArgs,
    UserNameArgs, UserSetAreaArgs, UserSetRoleArgs,
};
pub use blobs::BlobArgs;
pub use person::{PersonArgs, PersonCommand, PersonEraseArgs, PersonExportArgs};
pub use serve::{DbArgs, LoginArgs, ServeArgs, SessionArgs, DEFAULT_ADDR};

use crate::accounts::{self, add_user, NewUser};
use crate::config::Config;
use crate::db::exclusive::Guarded;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Runs the parsed command line to completion.
pub async fn run(cli: Cli) -> AppResult<()> {
    match cli.command {
        Command::Serve(args) => {
            crate::clock::set_offset_ms(args.clock_offset_secs.saturating_mul(1000));
            let config = Config::from(&args);
            let state = AppState::connect(config).await?;
            if args.demo {
                // Seeds only on first start; the logins are printed every time, since
                // whoever starts the demo again needs them again. Several instances may
                // start together on one fresh database: one seeds, the others wait for it
                // and then find the site.
                let seeding = state.db().exclusive(Guarded::DemoSeed).await?;
                if state.db().site_count().await? == 0 {
                    crate::demo::seed(&state).await?;
                }
                seeding.release().await?;
                print!("{}", crate::demo::logins_text(crate::demo::DemoSize::default()));
            }
            let listener = tokio::net::TcpListener::bind(args.addr)
                .await
                .map_err(|e| AppError::internal(format!("cannot listen on {}: {e}", args.addr)))?;
            let addr = listener.local_addr().map_err(AppError::internal)?;
            println!("Guanjia is running at http://{addr}");
            crate::serve(listener, state, shutdown_signal()).await.map_err(AppError::internal)
        }
        Command::Demo(args) => {
            let state = AppState::connect(Config::new(args.db.database_url)).await?;
            let size = crate::demo::DemoSize {
                units: args.units,
                seed: args.seed,
                areas: args.areas,
                requests: args.requests,
            };
            if !crate::demo::seed_with(&state, size).await? {
                println!("The demo site already exists / 演示小区已存在.");
            }
            print!("{}", crate::demo::logins_text(size));
            Ok(())
        }
        Command::User(cmd) => user(cmd).await,
        Command::Backup(a) => {
            let state = AppState::connect(blob_config(a.db, &a.blobs)).await?;
            let m = crate::backup::backup(&state, &a.to, crate::clock::now_ms()).await?;
            println!(
                "Backup written to {} ({} photo files, {} bytes) / 备份完成",
                a.to.display(),
                m.blobs,
                m.blob_bytes
            );
            Ok(())
        }
        Command::Restore(a) => {
            let config = blob_config(a.db, &a.blobs);
            let (m, history) =
                crate::backup::restore(&config, &a.from, crate::clock::now_ms()).await?;
            println!(
                "Restored the backup of {} ms (history {}); the server's history is now {history}. \
                 Devices send again what they hold that the backup lacks. / 已恢复备份",
                m.taken_ms, m.history
            );
            Ok(())
        }
        Command::Person(cmd) => person::run(cmd).await,
    }
}

/// The configuration of a command that reads the database and the blob store.
fn blob_config(db: DbArgs, blobs: &BlobArgs) -> Config {
    let base = Config::new(db.database_url);
    Config {
        blob_dir: blobs.blob_dir.clone().unwrap_or(base.blob_dir.clone()),
        blob_url: blobs.blob_url.clone(),
        blob_options: blobs.blob_options.clone(),
        ..base
    }
}

/// Where `guanjia user passwd` reads the new password: never from argv, which `ps` and the
/// shell history show.
pub const PASSWORD_ENV: &str = "GUANJIA_PASSWORD";

async fn user(cmd: UserCommand) -> AppResult<()> {
    let connect = |db: DbArgs| AppState::connect(Config::new(db.database_url));
    match cmd {
        UserCommand::Add(args) => user_add(args).await,
        UserCommand::Passwd(a) => {
            let password = std::env::var(PASSWORD_ENV).map_err(|_| {
                AppError::BadRequest(format!(
                    "set {PASSWORD_ENV} to the new password / 请在 {PASSWORD_ENV} 中给出新密码"
                ))
            })?;
            let n = accounts::set_password(&connect(a.db).await?, &a.username, &password).await?;
            println!("Password of {} changed; {n} session(s) revoked", a.username);
            Ok(())
        }
        UserCommand::Disable(a) => {
            let n = accounts::disable_user(&connect(a.db).await?, &a.username).await?;
            println!("{} disabled; {n} session(s) revoked", a.username);
            Ok(())
        }
        UserCommand::Enable(a) => {
            accounts::enable_user(&connect(a.db).await?, &a.username).await?;
            println!("{} may log in again", a.username);
            Ok(())
        }
        UserCommand::RevokeSessions(a) => {
            let n = accounts::revoke_sessions(&connect(a.db).await?, &a.username).await?;
            println!("{n} session(s) of {} revoked", a.username);
            Ok(())
        }
        UserCommand::List(a) => user_list(a).await,
        UserCommand::SetArea(a) => {
            let area = (a.area != "-").then_some(a.area.as_str());
            accounts::set_area(&connect(a.db).await?, &a.username, area).await?;
            println!("{} now works in {}", a.username, area.unwrap_or("no area / 无片区"));
            Ok(())
        }
        UserCommand::SetRole(a) => {
            let state = connect(a.db).await?;
            accounts::set_role(&state, &a.username, a.role, a.department.as_deref()).await?;
            println!("{} is now {}", a.username, a.role);
            Ok(())
        }
    }
}

/// Prints the users as tab-separated columns under a header line.
async fn user_list(args: UserListArgs) -> AppResult<()> {
    let config = args.sessions.apply(Config::new(args.db.database_url));
    let users = accounts::list_users(&AppState::connect(config).await?).await?;
    println!("username\tname\trole\tsite\tarea\tdepartment\tdisabled\tsessions");
    for u in users {
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            u.username,
            u.display_name,
            u.role.as_str(),
            u.site_name,
            u.area_name.as_deref().unwrap_or("-"),
            u.department_name.as_deref().unwrap_or("-"),
            if u.disabled { "yes" } else { "no" },
            u.live_sessions
        );
    }
    Ok(())
}

async fn user_add(args: UserAddArgs) -> AppResult<()> {
    let state = AppState::connect(Config::new(args.db.database_url)).await?;
    let new = NewUser {
        site: args.site,
        role: args.role,
        area: args.area,
        department: args.department,
        username: args.username,
        password: args.password,
        name: args.name,
    };
    let user = add_user(&state, new, None).await?;
    println!(
        "Created user {} ({}, {}) in {}",
        user.username,
        user.display_name,
        user.role.as_str(),
        user.site_name
    );
    Ok(())
}

/// Resolves on Ctrl-C (and SIGTERM on Unix).
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}
