//! `guanjia serve`'s flags for photo bytes: where they live and how long unused ones stay
//! (defaults: [`Cleanup`]'s).

use crate::config::{Cleanup, DAY_SECS};
use clap::Args;
use std::path::PathBuf;
use std::time::Duration;

/// Where photo bytes live, and when unused ones are removed (`crate::blobs::cleanup`).
#[derive(Debug, Clone, Args)]
pub struct BlobArgs {
    /// Directory of photo bytes (default: `blobs` beside the SQLite database file, else
    /// `data/blobs`).
    #[arg(long, env = "GUANJIA_BLOB_DIR")]
    pub blob_dir: Option<PathBuf>,
    /// Keep photo bytes in S3-compatible object storage instead: `s3://bucket/prefix`; the
    /// endpoint, region and credentials come from the usual `AWS_*` variables or
    /// `--blob-option`.
    #[arg(long, env = "GUANJIA_BLOB_URL")]
    pub blob_url: Option<String>,
    /// An object-storage setting, `key=value` in `object_store`'s names (e.g.
    /// `aws_endpoint=http://127.0.0.1:9000`, `aws_allow_http=true`, `aws_region=cn-north-1`);
    /// repeat the flag, or separate them with commas in the variable.
    #[arg(long = "blob-option", env = "GUANJIA_BLOB_OPTIONS", value_delimiter = ',',
          value_parser = parse_option)]
    pub blob_options: Vec<(String, String)>,
    /// An unfinished upload with no chunk for this many days is removed (the device keeps
    /// the bytes until the server confirms them, and uploads them again).
    #[arg(
        long,
        env = "GUANJIA_BLOB_PARTIAL_DAYS",
        default_value_t = Cleanup::PARTIAL_AFTER.as_secs() / DAY_SECS,
    )]
    pub blob_partial_days: u64,
    /// Bytes whose photos were all deleted this many days ago are removed.
    #[arg(
        long,
        env = "GUANJIA_BLOB_DELETED_DAYS",
        default_value_t = Cleanup::DELETED_AFTER.as_secs() / DAY_SECS,
    )]
    pub blob_deleted_days: u64,
}

impl BlobArgs {
    /// The cleanup these flags ask for.
    pub fn cleanup(&self) -> Cleanup {
        Cleanup {
            partial_after: Duration::from_secs(self.blob_partial_days * DAY_SECS),
            deleted_after: Duration::from_secs(self.blob_deleted_days * DAY_SECS),
            ..Cleanup::default()
        }
    }
}

fn parse_option(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_owned(), v.to_owned())),
        _ => Err(format!("{s:?}: expected key=value")),
    }
}
