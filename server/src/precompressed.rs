//! The app's files compressed once at the best ratio — brotli quality 11, gzip level 9 — and
//! kept in memory, instead of compressed again for every download at a cheap level.
//!
//! Why: on a slow link the WebAssembly bundle's download is most of the time to the first
//! screen (issue 6: Lighthouse's slow-4G login page). The dynamic [`CompressionLayer`] must stay
//! cheap (level 4), since brotli 11 costs seconds of CPU for the 1.3 MB bundle; paid once per
//! file and build instead of per download, it sends that bundle about a fifth smaller (brotli
//! 4: 429 KB, brotli 11: 348 KB).
//!
//! How: `ServeDir` still answers every request (content type, `Last-Modified`, a 304 for
//! `If-Modified-Since`, `HEAD`, ranges, the `index.html` fallback). Only when its answer is a
//! `200` with the whole file and the client accepts `br` or `gzip` does [`encode`] swap the body
//! for the cached encoding, with `Content-Encoding`, the encoded `Content-Length` and no
//! `Accept-Ranges`. The files are compressed in the background when the server starts
//! ([`warm`]) and on a first request; until a file is ready its answers go out as before,
//! compressed on the fly, so nobody waits for brotli. The cache is keyed by path, size and
//! modification time, so a rebuilt `dist/` is compressed anew and never served stale.
//!
//! [`CompressionLayer`]: tower_http::compression::CompressionLayer

use axum::body::{Body, Bytes};
use axum::http::header::{ACCEPT_RANGES, CONTENT_ENCODING, CONTENT_LENGTH, VARY};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::Response;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock, Mutex, OnceLock};
use std::time::{Instant, SystemTime};

/// Larger files are left to the dynamic compression (bounds the memory this cache holds).
const MAX_FILE: u64 = 32 << 20;

/// The file types worth compressing (images other than SVG, fonts and archives already are).
const COMPRESSIBLE: &[&str] =
    &["html", "js", "mjs", "css", "wasm", "json", "webmanifest", "svg", "txt", "xml", "map"];

/// One file's encodings; `None` where an encoding would not be smaller than the file.
#[derive(Debug)]
struct Encoded {
    br: Option<Bytes>,
    gzip: Option<Bytes>,
}

/// One version of one file: its size and modification time, and its encodings once ready.
#[derive(Debug)]
struct Slot {
    len: u64,
    modified: SystemTime,
    started: AtomicBool,
    ready: OnceLock<Encoded>,
}

/// Every file served so far, by path. Process-wide: servers of one process (the tests) that
/// serve the same files share the work, and the key makes a changed file a new entry.
static CACHE: LazyLock<Mutex<HashMap<PathBuf, Arc<Slot>>>> = LazyLock::new(Default::default);

/// The slot of `path`'s current version, or `None` for a file this cache does not take.
fn slot(path: &Path, meta: &std::fs::Metadata) -> Option<Arc<Slot>> {
    let ext = path.extension()?.to_str()?;
    if !meta.is_file() || meta.len() > MAX_FILE || !COMPRESSIBLE.contains(&ext) {
        return None;
    }
    let modified = meta.modified().ok()?;
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    let slot = cache.entry(path.to_owned()).or_insert_with(|| new_slot(meta.len(), modified));
    if slot.len != meta.len() || slot.modified != modified {
        *slot = new_slot(meta.len(), modified);
    }
    Some(slot.clone())
}

fn new_slot(len: u64, modified: SystemTime) -> Arc<Slot> {
    Arc::new(Slot { len, modified, started: AtomicBool::new(false), ready: OnceLock::new() })
}

/// Compresses `slot`'s file unless that has begun elsewhere (blocking: seconds for brotli 11
/// on a megabyte). Returns the bytes read, or `None` when it did no work.
fn fill(path: &Path, slot: &Slot) -> Option<usize> {
    if slot.started.swap(true, Ordering::AcqRel) {
        return None;
    }
    // A file that changed since its slot was made gets a new slot on its next request.
    let data = std::fs::read(path).ok().filter(|d| d.len() as u64 == slot.len)?;
    let _ = slot.ready.set(compress(&data));
    // Forget the files that are gone or changed (an earlier build's bundle).
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    cache.retain(|p, s| {
        std::fs::metadata(p)
            .is_ok_and(|m| m.len() == s.len && m.modified().ok() == Some(s.modified))
    });
    Some(data.len())
}

/// Brotli at quality 11 with a 16 MB window (the largest every browser decodes: not brotli's
/// "large window" extension), gzip at level 9. Through async-compression's codecs, driven on
/// this thread: their brotli is compiled (optimised, see the workspace `Cargo.toml`) in that
/// crate, where calling the generic `brotli` crate from here would compile it into this one,
/// unoptimised in debug builds (11 s instead of 3 s for the wasm, per debug server start).
fn compress(data: &[u8]) -> Encoded {
    use async_compression::futures::bufread::{BrotliEncoder, GzipEncoder};
    use async_compression::{brotli::EncoderParams, Level};
    use futures::executor::block_on;
    use futures::AsyncReadExt;
    let params =
        EncoderParams::default().quality(Level::Best).window_size(24).size_hint(data.len());
    let (mut br, mut gz) = (Vec::with_capacity(data.len() / 3), Vec::new());
    let br_ok = block_on(BrotliEncoder::with_params(data, params).read_to_end(&mut br)).is_ok();
    let gz_ok = block_on(GzipEncoder::with_quality(data, Level::Best).read_to_end(&mut gz)).is_ok();
    let smaller = |ok: bool, v: Vec<u8>| (ok && v.len() < data.len()).then(|| Bytes::from(v));
    Encoded { br: smaller(br_ok, br), gzip: smaller(gz_ok, gz) }
}

/// Compresses every file under `dist` in one background thread (the server's start; one thread
/// so the requests keep the other cores).
pub fn warm(dist: PathBuf) {
    tokio::task::spawn_blocking(move || {
        let (start, mut files, mut bytes) = (Instant::now(), 0, 0);
        let mut dirs = vec![dist.clone()];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let (path, Ok(meta)) = (entry.path(), entry.metadata()) else { continue };
                if meta.is_dir() {
                    dirs.push(path);
                } else if let Some(n) = slot(&path, &meta).and_then(|s| fill(&path, &s)) {
                    (files, bytes) = (files + 1, bytes + n);
                }
            }
        }
        let ms = start.elapsed().as_millis();
        tracing::info!(dist = %dist.display(), files, bytes, ms, "app files precompressed");
    });
}

/// `ServeDir`'s answer `resp` to a request for `uri_path` under `dist`, with the cached
/// encoding the client prefers (`accept`: its `Accept-Encoding`) as the body when one is ready.
pub async fn encode(
    dist: &Path,
    uri_path: &str,
    method: &Method,
    accept: Option<&HeaderValue>,
    mut resp: Response,
) -> Response {
    let status = resp.status();
    let whole = status == StatusCode::OK && !resp.headers().contains_key(CONTENT_ENCODING);
    if !(whole || status == StatusCode::NOT_MODIFIED)
        || !matches!(*method, Method::GET | Method::HEAD)
    {
        return resp;
    }
    let Some(path) = resolve(dist, uri_path).await else { return resp };
    let Some(slot) = tokio::fs::metadata(&path).await.ok().and_then(|m| slot(&path, &m)) else {
        return resp;
    };
    // The answer depends on Accept-Encoding, also when it is not compressed or not modified.
    resp.headers_mut().insert(VARY, HeaderValue::from_static("accept-encoding"));
    let served_len = resp.headers().get(CONTENT_LENGTH).and_then(|v| v.to_str().ok());
    if !whole || served_len.and_then(|v| v.parse().ok()) != Some(slot.len) {
        return resp;
    }
    let Some(encoded) = slot.ready.get() else {
        if !slot.started.load(Ordering::Acquire) {
            tokio::task::spawn_blocking(move || fill(&path, &slot));
        }
        return resp;
    };
    let chosen = match preferred(accept) {
        Some(Coding::Br) => encoded.br.clone().map(|b| ("br", b)),
        Some(Coding::Gzip) => encoded.gzip.clone().map(|b| ("gzip", b)),
        None => None,
    };
    let Some((name, bytes)) = chosen else { return resp };
    let h = resp.headers_mut();
    h.insert(CONTENT_ENCODING, HeaderValue::from_static(name));
    h.insert(CONTENT_LENGTH, HeaderValue::from(bytes.len()));
    h.remove(ACCEPT_RANGES);
    let body = if method == Method::HEAD { Body::empty() } else { Body::from(bytes) };
    resp.map(|_| body)
}

/// The file `ServeDir` (with its `index.html` fallback) serves for `uri_path`, or `None` for a
/// path this module leaves alone: anything but plain names (no `%`-escapes, no dot-files, no
/// `..`), so it can never name a file `ServeDir` would not.
async fn resolve(dist: &Path, uri_path: &str) -> Option<PathBuf> {
    let mut path = dist.to_owned();
    for seg in uri_path.split('/').filter(|s| !s.is_empty()) {
        let plain = seg.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.~".contains(&b));
        if seg.starts_with('.') || !plain {
            return None;
        }
        path.push(seg);
    }
    if uri_path.ends_with('/') {
        path.push("index.html");
    }
    match tokio::fs::metadata(&path).await {
        Ok(m) if m.is_file() => Some(path),
        _ => Some(dist.join("index.html")),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Coding {
    Br,
    Gzip,
}

/// The client's preferred encoding by its `Accept-Encoding` q-values: brotli on a tie, `*`
/// standing for both, `q=0` refusing one.
fn preferred(accept: Option<&HeaderValue>) -> Option<Coding> {
    let (mut br, mut gzip, mut any) = (None, None, None);
    for item in accept?.to_str().ok()?.split(',') {
        let mut parts = item.split(';');
        let name = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
        let q = parts
            .filter_map(|p| p.trim().split_once('='))
            .find(|(k, _)| k.trim().eq_ignore_ascii_case("q"))
            .map_or(1.0, |(_, v)| v.trim().parse::<f32>().unwrap_or(0.0));
        match name.as_str() {
            "br" => br = Some(q),
            "gzip" | "x-gzip" => gzip = Some(q),
            "*" => any = Some(q),
            _ => {}
        }
    }
    let (br, gzip) = (br.or(any).unwrap_or(0.0), gzip.or(any).unwrap_or(0.0));
    if br > 0.0 && br >= gzip {
        Some(Coding::Br)
    } else if gzip > 0.0 {
        Some(Coding::Gzip)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preferred_encoding_follows_the_q_values() {
        let pick = |s: &'static str| preferred(Some(&HeaderValue::from_static(s)));
        assert_eq!(pick("gzip, deflate, br, zstd"), Some(Coding::Br));
        assert_eq!(pick("gzip"), Some(Coding::Gzip));
        assert_eq!(pick("br;q=0, gzip"), Some(Coding::Gzip));
        assert_eq!(pick("br;q=0.5, gzip;Q=0.8"), Some(Coding::Gzip));
        assert_eq!(pick("*"), Some(Coding::Br));
        assert_eq!(pick("*;q=0, gzip"), Some(Coding::Gzip));
        assert_eq!(pick("identity"), None);
        assert_eq!(pick("gzip;q=0"), None);
        assert_eq!(preferred(None), None);
    }
}
