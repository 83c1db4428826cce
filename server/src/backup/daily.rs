//! `serve --backup-dir DIR`: a backup a day into `DIR/guanjia-<date>-<time>`, keeping the
//! newest `--backup-keep`.

use crate::clock::now_ms;
use crate::state::AppState;
use std::path::Path;
use std::time::Duration;

/// The name every daily backup's folder starts with; [`prune`] touches nothing else.
pub const BACKUP_PREFIX: &str = "guanjia-";
/// The first backup after a start: soon, but not in the way of the start itself.
const FIRST_AFTER: Duration = Duration::from_secs(60);
const EVERY: Duration = Duration::from_secs(24 * 60 * 60);

/// Starts the daily backups when the configuration asks for them.
pub fn spawn_daily(state: AppState) {
    let Some(dir) = state.config().backup_dir.clone() else { return };
    let keep = state.config().backup_keep.max(1);
    tokio::spawn(async move {
        tokio::time::sleep(FIRST_AFTER).await;
        loop {
            let now = now_ms();
            let name = format!("{BACKUP_PREFIX}{}", stamp(now));
            match super::backup(&state, &dir.join(&name), now).await {
                Ok(m) => tracing::info!(backup = %name, blobs = m.blobs, "daily backup written"),
                Err(e) => tracing::error!(error = %e, "daily backup failed"),
            }
            if let Err(e) = prune(&dir, keep) {
                tracing::error!(error = %e, "removing old backups failed");
            }
            tokio::time::sleep(EVERY).await;
        }
    });
}

/// `YYYYMMDD-HHMMSS` (UTC) of `ms`: names sort as their times do.
fn stamp(ms: u64) -> String {
    let secs = ms / 1000;
    let (days, rest) = ((secs / 86_400) as i64, secs % 86_400);
    let (y, m, d) = shared::calendar::civil_from_days(days);
    format!("{y:04}{m:02}{d:02}-{:02}{:02}{:02}", rest / 3600, rest / 60 % 60, rest % 60)
}

/// Removes all but the `keep` newest complete daily backups in `dir` (and any unfinished
/// one older than them). Returns the names removed.
pub fn prune(dir: &Path, keep: usize) -> std::io::Result<Vec<String>> {
    let mut names: Vec<String> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with(BACKUP_PREFIX) && !n.ends_with(".partial"))
        .collect();
    names.sort();
    let cut = names.len().saturating_sub(keep);
    let gone: Vec<String> = names.drain(..cut).collect();
    for name in &gone {
        std::fs::remove_dir_all(dir.join(name))?;
    }
    Ok(gone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_as_times_and_only_the_newest_stay() {
        assert_eq!(stamp(0), "19700101-000000");
        assert_eq!(stamp(1_733_456_789_000), "20241206-034629");
        let dir = std::env::temp_dir().join(format!("guanjia-prune-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for t in [3u64, 1, 2, 4] {
            std::fs::create_dir_all(dir.join(format!("{BACKUP_PREFIX}{}", stamp(t * 86_400_000))))
                .unwrap();
        }
        std::fs::create_dir_all(dir.join("other")).unwrap();
        let gone = prune(&dir, 2).unwrap();
        assert_eq!(gone, vec!["guanjia-19700102-000000", "guanjia-19700103-000000"]);
        let mut left: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(left, vec!["guanjia-19700104-000000", "guanjia-19700105-000000", "other"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
