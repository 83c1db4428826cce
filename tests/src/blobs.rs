//! What the server's own log says about the photo bytes it received: every accepted chunk
//! is logged as `blob chunk sha=… offset=… len=…` (`server/src/routes/blobs.rs`). Tests
//! count them to prove an upload resumed rather than restarted, and that a day's photos
//! cost about their size to send.

use crate::Server;
use std::collections::BTreeMap;

/// One chunk of a photo (or thumbnail) the server accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlobChunk {
    pub sha: String,
    pub offset: u64,
    pub len: u64,
}

/// Bytes the server accepted against bytes it holds, over a set of chunks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sent {
    /// Blobs (distinct hashes) with at least one chunk.
    pub blobs: usize,
    /// Every accepted chunk's length, re-sends included.
    pub sent: u64,
    /// Per blob the furthest byte received: what is stored once each is complete.
    pub stored: u64,
}

impl Server {
    /// Every blob chunk the server accepted over all its starts, oldest first.
    pub fn blob_chunks(&self) -> Vec<BlobChunk> {
        blob_chunks(&self.all_logs())
    }
}

/// Sums `chunks` per blob.
pub fn sent(chunks: &[BlobChunk]) -> Sent {
    let mut ends: BTreeMap<&str, u64> = BTreeMap::new();
    for c in chunks {
        let end = ends.entry(&c.sha).or_default();
        *end = (*end).max(c.offset + c.len);
    }
    Sent {
        blobs: ends.len(),
        sent: chunks.iter().map(|c| c.len).sum(),
        stored: ends.values().sum(),
    }
}

/// The chunks a server log records as accepted.
pub fn blob_chunks(log: &str) -> Vec<BlobChunk> {
    let field = |line: &str, name: &str| {
        line.split_whitespace()
            .find_map(|w| w.strip_prefix(name))
            .map(|v| v.trim_matches(|c: char| !c.is_ascii_alphanumeric()).to_string())
    };
    plain(log)
        .lines()
        .filter(|l| l.contains("blob chunk"))
        .filter_map(|l| {
            Some(BlobChunk {
                sha: field(l, "sha=")?,
                offset: field(l, "offset=")?.parse().ok()?,
                len: field(l, "len=")?.parse().ok()?,
            })
        })
        .collect()
}

/// The log without its terminal colours (`ESC [ … m`), which split `name=value` pairs.
fn plain(log: &str) -> String {
    let mut out = String::with_capacity(log.len());
    let mut chars = log.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            chars.by_ref().find(|c| *c == 'm');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_are_read_through_colours_and_summed_per_blob() {
        let log = "\u{1b}[2m2026\u{1b}[0m INFO blob chunk sha=aa offset=0 len=10\n\
                   other line\n\
                   INFO blob chunk \u{1b}[3msha\u{1b}[0m=aa offset=0 len=10\n\
                   INFO blob chunk sha=aa offset=10 len=5\n\
                   INFO blob chunk sha=bb offset=0 len=7\n";
        let chunks = blob_chunks(log);
        assert_eq!(chunks.len(), 4, "{chunks:?}");
        assert_eq!(sent(&chunks), Sent { blobs: 2, sent: 32, stored: 22 });
    }
}
