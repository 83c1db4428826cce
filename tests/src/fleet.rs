//! Devices spoken for over the sync API in plain JSON, for the several-instances tests: each
//! request on a new connection (no keep-alive), so behind the round-robin proxy consecutive
//! requests of one device alternate between instances; a push that gets no answer is sent
//! again, as the app's outbox does.

use crate::api::hlc_at;
use crate::{actions::DEMO_PASSWORD, fail, TestResult};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// The schema version the pushes speak.
const SCHEMA: u32 = 4;

/// A field of a record: (kind, id, field).
pub type FieldKey = (String, String, String);

/// What a replica holds: each field's value and its stamp (wire form, which sorts as the
/// stamp does).
pub type Held = BTreeMap<FieldKey, (String, Value)>;

/// A client whose every request opens a new connection.
pub fn fresh_connections() -> TestResult<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .timeout(Duration::from_secs(10))
        .build()?)
}

/// Logs `username` in at `base` and returns the session token.
pub async fn token(http: &reqwest::Client, base: &str, username: &str) -> TestResult<String> {
    let body = json!({ "username": username, "password": DEMO_PASSWORD });
    let resp = http.post(format!("{base}/api/v1/auth/login")).json(&body).send().await?;
    if !resp.status().is_success() {
        return fail(format!("login of {username}: HTTP {}", resp.status()));
    }
    let reply: Value = resp.json().await?;
    match reply["token"].as_str() {
        Some(t) => Ok(t.to_owned()),
        None => fail(format!("login of {username} answered no token: {reply}")),
    }
}

/// One change in wire form, by `replica` at wall time `ms` (counter 0).
pub fn change(kind: &str, id: &str, field: &str, value: Value, ms: u64, replica: &str) -> Value {
    json!({ "kind": kind, "id": id, "field": field, "value": value, "hlc": hlc_at(ms),
        "replica": replica, "prev": null })
}

/// How a push ended.
pub enum Pushed {
    /// 200: the replica's last applied batch seq.
    Acked(u64),
    /// The connection failed before an answer: `in_flight` when the request may have
    /// reached a server (it was not refused at connect).
    Lost { in_flight: bool },
}

/// Pushes batch `seq` of `replica` once; a refusal of any change fails the test, and so does
/// any answer but 200.
pub async fn push_once(
    http: &reqwest::Client,
    base: &str,
    token: &str,
    (replica, seq): (&str, u64),
    changes: &[Value],
) -> TestResult<Pushed> {
    let body = json!({ "replica": replica, "schema": SCHEMA,
        "batches": [{ "seq": seq, "changes": changes }] });
    let sent = http.post(format!("{base}/api/v1/sync/push")).bearer_auth(token).json(&body);
    let resp = match sent.send().await {
        Ok(resp) => resp,
        Err(e) => return Ok(Pushed::Lost { in_flight: !e.is_connect() }),
    };
    let status = resp.status();
    let reply: Value = match resp.json().await {
        Ok(v) => v,
        // The instance died while answering.
        Err(_) if status.is_success() => return Ok(Pushed::Lost { in_flight: true }),
        Err(e) => return fail(format!("push of {replica} #{seq}: HTTP {status}, {e}")),
    };
    if !status.is_success() {
        return fail(format!("push of {replica} #{seq}: HTTP {status}: {reply}"));
    }
    if reply["rejections"].as_array().is_some_and(|r| !r.is_empty()) {
        return fail(format!("push of {replica} #{seq} was refused: {reply}"));
    }
    Ok(Pushed::Acked(reply["last_seq"].as_u64().unwrap_or_default()))
}

/// Pushes batch `seq` until it is acknowledged (resending what got no answer, within
/// `deadline`); returns how many sends were lost in flight.
pub async fn push_until_acked(
    http: &reqwest::Client,
    base: &str,
    token: &str,
    (replica, seq): (&str, u64),
    changes: &[Value],
    deadline: Instant,
) -> TestResult<usize> {
    let mut lost = 0;
    loop {
        match push_once(http, base, token, (replica, seq), changes).await? {
            Pushed::Acked(last) if last >= seq => return Ok(lost),
            Pushed::Acked(last) => return fail(format!("{replica} #{seq} acknowledged as {last}")),
            Pushed::Lost { in_flight } => lost += usize::from(in_flight),
        }
        if Instant::now() > deadline {
            return fail(format!("{replica} #{seq} was never acknowledged"));
        }
        tokio::time::sleep(Duration::from_millis(20)).await; // resend back-off
    }
}

/// Everything the caller's scope holds, pulled from no cursor in pages of `limit` (each page
/// on a new connection: behind the proxy the pages alternate between instances), merged by
/// stamp as a replica does.
pub async fn pull_all(
    http: &reqwest::Client,
    base: &str,
    token: &str,
    limit: u32,
) -> TestResult<Held> {
    let mut held = Held::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut req = http.get(format!("{base}/api/v1/sync/pull")).bearer_auth(token);
        req = req.query(&[("limit", limit.to_string())]);
        if let Some(c) = &cursor {
            req = req.query(&[("cursor", c.as_str())]);
        }
        let resp = req.send().await?;
        if !resp.status().is_success() {
            return fail(format!("pull: HTTP {}", resp.status()));
        }
        let page: Value = resp.json().await?;
        for c in page["changes"].as_array().into_iter().flatten() {
            let text = |k: &str| c[k].as_str().unwrap_or_default().to_owned();
            let key = (text("kind"), text("id"), text("field"));
            let stamp = text("hlc");
            if held.get(&key).is_none_or(|(h, _)| *h <= stamp) {
                held.insert(key, (stamp, c["value"].clone()));
            }
        }
        cursor = page["cursor"].as_str().map(str::to_owned);
        if page["more"].as_bool() != Some(true) {
            return Ok(held);
        }
    }
}
