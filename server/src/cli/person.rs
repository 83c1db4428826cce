//! `guanjia person export|erase`: a resident's right to a copy of their data and to its
//! erasure ([`crate::person`]). The person is named by record id, phone or name; a name or
//! phone that matches several people lists them and does nothing.

use super::serve::DbArgs;
use crate::config::Config;
use crate::error::{AppError, AppResult};
use crate::person::{self, Who};
use crate::state::AppState;
use clap::{Args, Subcommand};
use shared::audit::COMMAND_LINE_USER;
use shared::RecordId;
use std::path::PathBuf;

/// `guanjia person …`
#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// Write everything the site holds about one person as JSON: their record, links and
    /// units, the requests they are the contact of with their history, comments, call-backs
    /// and photos' metadata, and each field's history (who wrote what, when).
    Export(PersonExportArgs),
    /// Erase one person's personal fields (name, phones, note; their requests' contact and
    /// signature) from the current state and from the log's history. Tablets drop them at
    /// their next sync. Ids and the statistics' facts stay.
    Erase(PersonEraseArgs),
}

/// Which person, in which site, and who asks.
#[derive(Debug, Clone, Args)]
pub struct PersonArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// The site's name, e.g. 阳光花园.
    #[arg(long)]
    pub site: String,
    /// The person's record id.
    #[arg(long, group = "who")]
    pub id: Option<String>,
    /// One of their phone numbers (any spelling: the digits are compared).
    #[arg(long, group = "who")]
    pub phone: Option<String>,
    /// Their name, exactly.
    #[arg(long, group = "who")]
    pub name: Option<String>,
    /// Who runs the command (for the audit log), e.g. the supervisor who took the request.
    #[arg(long)]
    pub by: Option<String>,
}

/// `guanjia person export` flags.
#[derive(Debug, Clone, Args)]
pub struct PersonExportArgs {
    #[command(flatten)]
    pub person: PersonArgs,
    /// Write the JSON to this file (standard output when absent).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// `guanjia person erase` flags.
#[derive(Debug, Clone, Args)]
pub struct PersonEraseArgs {
    #[command(flatten)]
    pub person: PersonArgs,
    /// Confirm: erasure cannot be undone.
    #[arg(long)]
    pub yes: bool,
}

impl PersonArgs {
    /// The person named, exactly one way.
    fn who(&self) -> AppResult<Who> {
        match (&self.id, &self.phone, &self.name) {
            (Some(id), None, None) => Ok(Who::Id(RecordId::from(id.as_str()))),
            (None, Some(p), None) => Ok(Who::Phone(p.clone())),
            (None, None, Some(n)) => Ok(Who::Name(n.clone())),
            _ => Err(AppError::BadRequest(
                "name the person by one of --id, --phone or --name / 请用 --id、--phone 或 \
                 --name 之一指定此人"
                    .into(),
            )),
        }
    }

    /// The audit log's user: `cli`, with whom the operator named.
    fn user(&self) -> String {
        match &self.by {
            Some(by) => format!("{COMMAND_LINE_USER} ({by})"),
            None => COMMAND_LINE_USER.to_owned(),
        }
    }

    /// Connects and finds the site.
    async fn open(&self) -> AppResult<(AppState, String)> {
        let state = AppState::connect(Config::new(self.db.database_url.clone())).await?;
        let site = state.db().site_by_name(&self.site).await?.ok_or_else(|| {
            AppError::NotFound(format!("no site named {} / 没有此小区", self.site))
        })?;
        Ok((state, site))
    }
}

/// Runs `guanjia person …`.
pub async fn run(cmd: PersonCommand) -> AppResult<()> {
    match cmd {
        PersonCommand::Export(a) => {
            let who = a.person.who()?;
            let (state, site) = a.person.open().await?;
            let doc = person::export(&state, &site, &who, &a.person.user()).await?;
            let text = serde_json::to_string_pretty(&doc).map_err(AppError::internal)?;
            match a.out {
                Some(path) => std::fs::write(&path, text + "\n").map_err(|e| {
                    AppError::internal(format!("cannot write {}: {e}", path.display()))
                })?,
                None => println!("{text}"),
            }
            Ok(())
        }
        PersonCommand::Erase(a) => {
            let who = a.person.who()?;
            if !a.yes {
                return Err(AppError::BadRequest(
                    "erasure cannot be undone: add --yes / 删除不可撤销，请加 --yes 确认".into(),
                ));
            }
            let (state, site) = a.person.open().await?;
            let done = person::erase(&state, &site, &who, &a.person.user()).await?;
            let id = done.person.map(|p| p.0).unwrap_or_default();
            println!(
                "Erased person {id}: {} values cleared, {} log rows and {} kept refusals \
                 overwritten / 已删除",
                done.cleared.len(),
                done.log_rows,
                done.refusals
            );
            if let Some(e) = done.file_not_rebuilt {
                println!(
                    "The database file was not rebuilt ({e}): run `guanjia person erase` again \
                     when the server is idle, or VACUUM / 数据库文件未重建"
                );
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{Cli, Command};
    use clap::error::ErrorKind;
    use clap::Parser;

    fn parse(args: &[&str]) -> Result<PersonCommand, clap::Error> {
        let argv = ["guanjia", "person"].iter().chain(args).copied();
        match Cli::try_parse_from(argv)?.command {
            Command::Person(cmd) => Ok(cmd),
            other => panic!("not a person command: {other:?}"),
        }
    }

    #[test]
    fn a_person_is_named_exactly_one_way() {
        let Ok(PersonCommand::Export(a)) = parse(&["export", "--site", "s", "--phone", "138 1"])
        else {
            panic!("export by phone parses");
        };
        assert_eq!(a.person.who().ok(), Some(Who::Phone("138 1".into())));
        let both = parse(&["erase", "--site", "s", "--id", "x", "--name", "张三"]);
        assert_eq!(both.expect_err("two ways").kind(), ErrorKind::ArgumentConflict);
        let Ok(PersonCommand::Erase(a)) = parse(&["erase", "--site", "s", "--yes"]) else {
            panic!("parses; the missing name is said when run");
        };
        assert!(a.person.who().is_err());
        assert_eq!(a.person.user(), COMMAND_LINE_USER);
    }

    #[tokio::test]
    async fn erasure_without_yes_touches_no_database() {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("never.db");
        let url = format!("sqlite://{}", db.display());
        let Ok(cmd) = parse(&["erase", "--database-url", &url, "--site", "s", "--id", "x"]) else {
            panic!("parses");
        };
        let err = run(cmd).await.expect_err("refused without --yes");
        assert!(err.to_string().contains("--yes"), "{err}");
        assert!(!db.exists(), "nothing was opened");
    }
}
