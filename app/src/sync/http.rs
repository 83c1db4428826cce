//! The HTTP transport (browser fetch) and the login call.

use super::{BlobHead, PullHead, Transport, TransportError};
use futures::future::LocalBoxFuture;
use gloo_net::http::{Method, Request, RequestBuilder, Response};
use shared::blob::{UploadState, OFFSET_HEADER};
use shared::protocol::{
    login_within_limits, ErrorBody, EventsTicket, LoginRequest, LoginResponse, PullResponse,
    PushRequest, PushResponse, NEXT_CURSOR_HEADER,
};
use shared::request::number::{NumberBlock, NumberBlockRequest};
use wasm_bindgen::JsCast;

/// Talks to the server the app was loaded from.
#[derive(Debug, Clone, Copy, Default)]
pub struct HttpTransport;

fn offline(e: gloo_net::Error) -> TransportError {
    TransportError::Offline(e.to_string())
}

async fn read<T: serde::de::DeserializeOwned>(resp: Response) -> Result<T, TransportError> {
    let status = resp.status();
    if status == 401 {
        return Err(TransportError::Unauthorized);
    }
    if !resp.ok() {
        // 5xx from a proxy while the server restarts behaves like being offline: retry.
        if status >= 500 || status == 0 {
            return Err(TransportError::Offline(format!("server answered {status}")));
        }
        let message = match json_body::<ErrorBody>(&resp).await {
            Ok(b) => b.error.code,
            Err(_) => resp.status_text(),
        };
        return Err(TransportError::Server { status, message });
    }
    json_body(&resp).await.map_err(|message| TransportError::Server { status, message })
}

/// An answer's JSON body, read as bytes and parsed in place. `Response::json` reads it as
/// text: the browser decodes the UTF-8 into a JS string, which is then encoded to UTF-8
/// again to enter WebAssembly. A first replica is 62 pages of about 0.8 MB, and on a
/// tablet's CPU that round trip was a tenth of the first sync (issue 26).
async fn json_body<T: serde::de::DeserializeOwned>(resp: &Response) -> Result<T, String> {
    let bytes = resp.binary().await.map_err(|e| e.to_string())?;
    serde_json::from_slice(&bytes).map_err(|e| e.to_string())
}

/// POSTs `body` as JSON to `path` with the bearer token and reads the answer.
async fn post_json<B: serde::Serialize, T: serde::de::DeserializeOwned>(
    path: &str,
    token: &str,
    body: &B,
) -> Result<T, TransportError> {
    let resp = Request::post(path)
        .header("Authorization", &format!("Bearer {token}"))
        .json(body)
        .map_err(offline)?
        .send()
        .await
        .map_err(offline)?;
    read(resp).await
}

impl Transport for HttpTransport {
    async fn push(&self, token: &str, req: &PushRequest) -> Result<PushResponse, TransportError> {
        post_json("/api/v1/sync/push", token, req).await
    }

    async fn pull(
        &self,
        token: &str,
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<PullResponse, TransportError> {
        let resp = pull_request(token, cursor, limit).send().await.map_err(offline)?;
        read(resp).await
    }

    fn pull_head<'a>(
        &'a self,
        token: &'a str,
        cursor: Option<String>,
        limit: u32,
    ) -> LocalBoxFuture<'a, Result<PullHead, TransportError>> {
        // Sent here, before the future is polled: the request is on its way while the
        // engine still parses and stores the page before it.
        let sent = send_now(pull_request(token, cursor.as_deref(), limit));
        Box::pin(async move {
            let resp = sent?.await?;
            let next = resp.headers().get(NEXT_CURSOR_HEADER).filter(|c| !c.is_empty());
            Ok(PullHead { next, page: Box::pin(read::<PullResponse>(resp)) })
        })
    }

    async fn numbers(
        &self,
        token: &str,
        req: &NumberBlockRequest,
    ) -> Result<NumberBlock, TransportError> {
        post_json("/api/v1/sync/numbers", token, req).await
    }

    async fn blob_head(&self, token: &str, sha256: &str) -> Result<BlobHead, TransportError> {
        let resp = authorized(RequestBuilder::new(&blob_path(sha256)).method(Method::HEAD), token)
            .send()
            .await
            .map_err(offline)?;
        match resp.status() {
            200 => Ok(BlobHead::Complete),
            // A 404 carries how much of an unfinished upload the server holds (0: none).
            404 => {
                let offset = resp.headers().get(OFFSET_HEADER).and_then(|v| v.trim().parse().ok());
                Ok(BlobHead::Partial { offset: offset.unwrap_or(0) })
            }
            _ => read::<serde_json::Value>(resp).await.map(|_| BlobHead::Partial { offset: 0 }),
        }
    }

    async fn blob_put(
        &self,
        token: &str,
        sha256: &str,
        offset: u64,
        size: u64,
        chunk: &[u8],
    ) -> Result<UploadState, TransportError> {
        let (offset, size) = (offset.to_string(), size.to_string());
        let body = js_sys::Uint8Array::from(chunk);
        let resp = authorized(Request::put(&blob_path(sha256)), token)
            .header("Content-Type", "application/octet-stream")
            .query([("offset", offset.as_str()), ("size", size.as_str())])
            .body(body)
            .map_err(offline)?
            .send()
            .await
            .map_err(offline)?;
        read(resp).await
    }

    async fn blob_get(&self, token: &str, sha256: &str) -> Result<Vec<u8>, TransportError> {
        let resp =
            authorized(Request::get(&blob_path(sha256)), token).send().await.map_err(offline)?;
        if !resp.ok() {
            return read::<serde_json::Value>(resp).await.map(|_| Vec::new());
        }
        resp.binary().await.map_err(offline)
    }
}

/// `GET /api/v1/sync/pull?limit=N[&cursor=C]` with the bearer token.
fn pull_request(token: &str, cursor: Option<&str>, limit: u32) -> RequestBuilder {
    let limit = limit.to_string();
    let req = authorized(Request::get("/api/v1/sync/pull"), token).query([("limit", limit)]);
    match cursor {
        Some(c) => req.query([("cursor", c)]),
        None => req,
    }
}

/// Starts `req` now (`fetch` is called before this returns) and answers when the head of
/// the response is in; the body is read later, by whoever awaits it.
fn send_now(
    req: RequestBuilder,
) -> Result<impl std::future::Future<Output = Result<Response, TransportError>>, TransportError> {
    let req: web_sys::Request = req.build().map_err(offline)?.into();
    let window = web_sys::window().ok_or_else(|| TransportError::Offline("no window".into()))?;
    let promise = window.fetch_with_request(&req);
    Ok(async move {
        let resp = wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .map_err(|e| TransportError::Offline(format!("{e:?}")))?;
        Ok(Response::from(resp.unchecked_into::<web_sys::Response>()))
    })
}

/// A blob's address: the hash is checked first, so it can never reach another path.
fn blob_path(sha256: &str) -> String {
    let name = if shared::blob::is_sha256(sha256) { sha256 } else { "invalid" };
    format!("/api/v1/blobs/{name}")
}

/// The bearer token in the header: never in a URL, where it would end up in logs.
fn authorized(req: RequestBuilder, token: &str) -> RequestBuilder {
    req.header("Authorization", &format!("Bearer {token}"))
}

/// `POST /api/v1/sync/events/ticket`: a one-use ticket, valid for a minute, that opens the
/// event stream (`/sync/events?ticket=…`). An EventSource cannot send the token in a header,
/// and a token in a URL would end up in logs; the runner fetches one before each (re)connect.
pub async fn events_ticket(token: &str) -> Result<EventsTicket, TransportError> {
    let resp = Request::post("/api/v1/sync/events/ticket")
        .header("Authorization", &format!("Bearer {token}"))
        .send()
        .await
        .map_err(offline)?;
    read(resp).await
}

/// Why a login failed, as the login page words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginError {
    BadCredentials,
    /// Throttled: the server's `Retry-After`, in seconds, when it sent one.
    TooManyAttempts {
        retry_after_secs: Option<u64>,
    },
    /// The username or password is longer than the server accepts.
    TooLong,
    Offline,
    Other(String),
}

/// `POST /api/v1/auth/login`.
pub async fn login(username: &str, password: &str) -> Result<LoginResponse, LoginError> {
    if !login_within_limits(username, password) {
        return Err(LoginError::TooLong);
    }
    let body = LoginRequest { username: username.to_owned(), password: password.to_owned() };
    let resp = Request::post("/api/v1/auth/login")
        .json(&body)
        .map_err(|e| LoginError::Other(e.to_string()))?
        .send()
        .await
        .map_err(|_| LoginError::Offline)?;
    match resp.status() {
        200 => resp.json().await.map_err(|e| LoginError::Other(e.to_string())),
        401 => Err(LoginError::BadCredentials),
        429 => {
            let retry = resp.headers().get("retry-after").and_then(|v| v.trim().parse().ok());
            Err(LoginError::TooManyAttempts { retry_after_secs: retry })
        }
        400 => Err(LoginError::TooLong),
        s if s >= 500 => Err(LoginError::Offline),
        s => Err(LoginError::Other(format!("HTTP {s}"))),
    }
}

/// `POST /api/v1/auth/logout`: revokes the token on the server. Best effort: signing out
/// works offline too (the token then simply expires on the server).
pub async fn logout(token: &str) {
    let _ = Request::post("/api/v1/auth/logout")
        .header("Authorization", &format!("Bearer {token}"))
        .send()
        .await;
}
