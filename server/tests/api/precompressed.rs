//! The app's files go out compressed at the best ratio, computed once per file (brotli 11,
//! gzip 9; `server::precompressed`): the encoding the client accepts, decoding to the file,
//! with the headers the files had before (type, caching, validators, the protective ones).

use crate::support::Backend::{Postgres, Sqlite};
use crate::support::{self, Backend};
use reqwest::{Method, Response, StatusCode};
use rstest::rstest;
use std::io::{Read, Write};
use std::time::Duration;

const WASM: &str = "/app-0123456789abcdef_bg.wasm";

/// About 110 kB that compress well but not trivially (like code).
fn bundle() -> Vec<u8> {
    let mut out = Vec::new();
    let mut x: u32 = 7;
    for i in 0..2_000u32 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        writeln!(out, "(func $f{i} (i32.add (local.get {}) (i32.const {})))", x % 97, x >> 20)
            .unwrap();
    }
    out
}

fn brotli_11(data: &[u8]) -> Vec<u8> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 24,
        size_hint: data.len(),
        ..Default::default()
    };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &data[..], &mut out, &params).unwrap();
    out
}

fn gzip_9(data: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(data).unwrap();
    gz.finish().unwrap()
}

fn unbrotli(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::Decompressor::new(data, 4096).read_to_end(&mut out).expect("brotli decodes");
    out
}

fn gunzip(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(data).read_to_end(&mut out).expect("gzip decodes");
    out
}

fn header(r: &Response, name: &str) -> Option<String> {
    r.headers().get(name).map(|v| v.to_str().unwrap().to_owned())
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_go_out_precompressed_as_the_client_accepts(#[values(Sqlite, Postgres)] b: Backend) {
    let dist = tempfile::tempdir().expect("dist");
    let wasm = bundle();
    let page = "<!doctype html><html><head><title>管家</title></head><body></body></html>";
    std::fs::write(dist.path().join(&WASM[1..]), &wasm).unwrap();
    std::fs::write(dist.path().join("index.html"), page).unwrap();
    let dir = dist.path().to_owned();
    let Some(s) = support::start_with(b, move |c| c.dist = dir).await else { return };
    let send = |method: Method, path: &str, accept: Option<&str>| {
        let mut r = s.http.request(method, s.url(path));
        if let Some(a) = accept {
            r = r.header("accept-encoding", a);
        }
        r.send()
    };

    // Compressed in the background at start; until then the dynamic layer answers (level 4).
    let (br, gz) = (brotli_11(&wasm), gzip_9(&wasm));
    let mut waited = 0;
    let r = loop {
        let r = send(Method::GET, WASM, Some("gzip, deflate, br")).await.expect("wasm");
        if header(&r, "content-length") == Some(br.len().to_string()) || waited >= 600 {
            break r;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
        waited += 1;
    };
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(header(&r, "content-encoding").as_deref(), Some("br"));
    assert_eq!(header(&r, "content-type").as_deref(), Some("application/wasm"));
    assert_eq!(header(&r, "vary").as_deref(), Some("accept-encoding"));
    assert_eq!(header(&r, "x-content-type-options").as_deref(), Some("nosniff"));
    assert_eq!(header(&r, "accept-ranges"), None, "no ranges of an encoded body");
    let cache = header(&r, "cache-control").unwrap_or_default();
    assert!(cache.contains("immutable") && cache.contains("max-age=31536000"), "{cache}");
    let modified = header(&r, "last-modified").expect("last-modified");
    let body = r.bytes().await.unwrap();
    assert_eq!(body.len(), br.len(), "brotli 11: {} bytes, not {}", br.len(), body.len());
    assert!(unbrotli(&body) == wasm, "decodes to the file");

    let r = send(Method::GET, WASM, Some("gzip")).await.expect("gzip");
    assert_eq!(header(&r, "content-encoding").as_deref(), Some("gzip"));
    let body = r.bytes().await.unwrap();
    assert_eq!(body.len(), gz.len(), "gzip 9");
    assert!(gunzip(&body) == wasm, "decodes to the file");

    // q-values are honoured: brotli refused.
    let r = send(Method::GET, WASM, Some("br;q=0, gzip;q=0.5")).await.expect("no br");
    assert_eq!(header(&r, "content-encoding").as_deref(), Some("gzip"));

    // No Accept-Encoding: the file itself, still varying by the header.
    let r = send(Method::GET, WASM, None).await.expect("identity");
    assert_eq!(header(&r, "content-encoding"), None);
    assert_eq!(header(&r, "vary").as_deref(), Some("accept-encoding"));
    assert!(r.bytes().await.unwrap() == wasm);

    // HEAD: the headers of the encoded answer, no body.
    let r = send(Method::HEAD, WASM, Some("br")).await.expect("head");
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(header(&r, "content-encoding").as_deref(), Some("br"));
    assert_eq!(header(&r, "content-length"), Some(br.len().to_string()));
    assert!(r.bytes().await.unwrap().is_empty());

    // A revalidation is still answered 304, varying by the header.
    let r = s
        .http
        .get(s.url(WASM))
        .header("accept-encoding", "br")
        .header("if-modified-since", &modified)
        .send()
        .await
        .expect("conditional");
    assert_eq!(r.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(header(&r, "vary").as_deref(), Some("accept-encoding"));
    assert!(r.bytes().await.unwrap().is_empty());

    // A range is the file's bytes, never a slice of an encoding.
    let r = s.http.get(s.url(WASM)).header("range", "bytes=0-9").send().await.expect("range");
    assert_eq!(r.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(header(&r, "content-encoding"), None);
    assert!(r.bytes().await.unwrap() == wasm[..10]);

    // An app route is the page (precompressed too, once ready), with the page's headers.
    let r = send(Method::GET, "/requests/some-id", Some("br")).await.expect("route");
    assert_eq!(header(&r, "cache-control").as_deref(), Some("no-cache"));
    assert!(header(&r, "content-security-policy").unwrap_or_default().contains("'self'"));
    assert_eq!(header(&r, "content-encoding").as_deref(), Some("br"));
    assert_eq!(unbrotli(&r.bytes().await.unwrap()), page.as_bytes());

    // A rebuilt page is never served stale from the cache.
    let rebuilt = "<!doctype html><html><head><title>管家 2</title></head><body>new</body></html>";
    std::fs::write(s.state.config().dist.join("index.html"), rebuilt).unwrap();
    let r = send(Method::GET, "/", Some("br")).await.expect("rebuilt");
    assert_eq!(unbrotli(&r.bytes().await.unwrap()), rebuilt.as_bytes());
}
