//! What every answer carries for the browser's protection, and how long the app's files may be
//! cached (`docs/ARCHITECTURE.md`, "The app").
//!
//! - Every answer: `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`,
//!   `X-Frame-Options: DENY`, `Cross-Origin-Opener-Policy: same-origin`, a
//!   `Permissions-Policy` that allows only what the app uses (camera and location, for photos),
//!   and a Content-Security-Policy: `default-src 'none'` unless the handler set one.
//! - The app's page gets [`app_csp`]: its own origin only, WebAssembly compilation allowed, and
//!   the inline scripts of `index.html` (the loader, `Trunk.toml`'s `pattern_script`, and the
//!   one that puts the splash in the chosen language) allowed by their hashes, computed from
//!   the page served (no `unsafe-inline`).
//! - Files whose name carries a content hash (`app-<hex>.js`, `…_bg.wasm`, `style-….css`)
//!   never change: cached for a year, `immutable`. The shell (`index.html`, `sw.js`) is
//!   `no-cache` so an update reaches the tablets.

use axum::extract::Request;
use axum::http::header::{
    CONTENT_SECURITY_POLICY, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use sha2::{Digest, Sha256};

/// The policy of everything that is not the app's page (API answers, files).
pub const STRICT_CSP: &str = "default-src 'none'; frame-ancestors 'none'";

/// The policy of the service worker (`sw.js`), which runs under its own script's headers: it
/// fetches and caches the app shell from this origin, nothing else.
pub const WORKER_CSP: &str = "default-src 'self'; frame-ancestors 'none'";

/// Adds the protective headers to every answer (a middleware).
pub async fn security(req: Request, next: Next) -> Response {
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    h.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(self), geolocation=(self), microphone=(), payment=()"),
    );
    h.entry(CONTENT_SECURITY_POLICY).or_insert(HeaderValue::from_static(STRICT_CSP));
    resp
}

/// The Content-Security-Policy of the app's page `index_html`: scripts from this origin and
/// the page's inline scripts by their SHA-256, WebAssembly allowed to compile.
pub fn app_csp(index_html: &str) -> String {
    let hashes: String = inline_scripts(index_html)
        .map(|s| {
            let digest = Sha256::digest(s.as_bytes());
            format!(" 'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest))
        })
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         img-src 'self' data: blob:; connect-src 'self'; worker-src 'self'; manifest-src 'self'; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// The contents of the `<script>` elements without a `src` (what a hash must cover: exactly
/// the text between the tags).
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (tag, body) = rest.split_once('>')?;
        let (content, _) = body.split_once("</script>")?;
        (!tag.contains("src=")).then_some(content)
    })
}

/// Whether a path names a file whose name carries its content hash, so it never changes.
/// Trunk writes the hash (64 bits) as 16 hex digits for CSS and copied files, but without its
/// leading zeros for the app's `.js` and `_bg.wasm` (`{:x}`): one build in 16 has 15 digits.
/// At least 12 are required (fewer: one build in 65,536), so `my-cafe.js` is not taken for one.
pub fn is_content_addressed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let stem = name.split('.').next().unwrap_or_default().trim_end_matches("_bg");
    let hash = stem.rsplit('-').next().unwrap_or_default();
    stem.len() > hash.len()
        && (12..=16).contains(&hash.len())
        && hash.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_file_names_are_recognised() {
        assert!(is_content_addressed("/app-98d0961ea7462928.js"));
        assert!(is_content_addressed("/app-c4c2cba0b1f34e39_bg.wasm"));
        assert!(is_content_addressed("/style-00ddf2b2ac1d4255.css"));
        // The app's hash loses its leading zeros (a real build: `app-2dd2d9df8c2db92_bg.wasm`).
        assert!(is_content_addressed("/app-2dd2d9df8c2db92_bg.wasm"));
        assert!(is_content_addressed("/app-4c866c6240caee3.js"));
        assert!(!is_content_addressed("/my-cafe.js"));
        assert!(!is_content_addressed("/app-0123456789abcdef0.js"));
        assert!(!is_content_addressed("/sw.js"));
        assert!(!is_content_addressed("/index.html"));
        assert!(!is_content_addressed("/icon.svg"));
        assert!(!is_content_addressed("/98d0961ea7462928.js"));
    }

    #[test]
    fn the_page_policy_allows_exactly_its_inline_scripts() {
        let html = "<head><script type=\"module\">\nimport x from '/a.js';\n</script>\
                    <script src=\"/b.js\"></script></head>";
        let csp = app_csp(html);
        let digest = Sha256::digest(b"\nimport x from '/a.js';\n");
        let want = base64::engine::general_purpose::STANDARD.encode(digest);
        assert!(csp.contains(&format!("'sha256-{want}'")), "{csp}");
        assert_eq!(csp.matches("'sha256-").count(), 1, "no hash for a script with src");
        assert!(csp.contains("'wasm-unsafe-eval'") && !csp.contains("unsafe-inline"));
    }
}
