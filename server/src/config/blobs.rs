//! Where photo bytes live and how long unused ones stay: the parts of [`super::Config`] that
//! the blob store (`crate::blobs`) and its cleanup read.

use super::DAY_SECS;
use std::path::PathBuf;
use std::time::Duration;

/// How long unused bytes are kept (the rules are in `crate::blobs::cleanup`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cleanup {
    /// An unfinished upload with no chunk for this long is removed.
    pub partial_after: Duration,
    /// A blob whose photos were all deleted this long ago is removed.
    pub deleted_after: Duration,
    /// How often the server looks (`serve` runs one round at start, then one per period).
    pub every: Duration,
}

impl Cleanup {
    /// The default of [`Cleanup::partial_after`]: a week.
    pub const PARTIAL_AFTER: Duration = Duration::from_secs(7 * DAY_SECS);
    /// The default of [`Cleanup::deleted_after`]: 30 days.
    pub const DELETED_AFTER: Duration = Duration::from_secs(30 * DAY_SECS);
    /// The default of [`Cleanup::every`]: an hour.
    pub const EVERY: Duration = Duration::from_secs(3600);
}

impl Default for Cleanup {
    fn default() -> Self {
        Cleanup {
            partial_after: Cleanup::PARTIAL_AFTER,
            deleted_after: Cleanup::DELETED_AFTER,
            every: Cleanup::EVERY,
        }
    }
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

#[cfg(test)]
mod tests {
    use super::default_blob_dir;
    use std::path::Path;

    #[test]
    fn blobs_live_beside_the_sqlite_database() {
        assert_eq!(default_blob_dir("sqlite://data/guanjia.db"), Path::new("data/blobs"));
        assert_eq!(default_blob_dir("sqlite:///srv/g/g.db?mode=rwc"), Path::new("/srv/g/blobs"));
        assert_eq!(default_blob_dir("postgres://u@h/db"), Path::new("data/blobs"));
        assert_eq!(default_blob_dir("sqlite::memory:"), Path::new("data/blobs"));
    }
}
