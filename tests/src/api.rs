//! The sync API spoken directly, as another device would: for scenarios that need a write the
//! app has no screen for yet (an assignee), and for reading what the server finally holds.
//! Plain JSON, so the harness stays independent of the crates it tests.

use crate::{actions::DEMO_PASSWORD, fail, Server, TestResult};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashSet};

/// A signed-in API client of one user, pushing as its own replica.
pub struct ApiDevice {
    http: reqwest::Client,
    base: String,
    token: String,
    replica: String,
    next_seq: u64,
}

/// The HLC wire form of a wall-clock time (ms), counter 0: 16 lowercase hex digits.
pub fn hlc_at(ms: u64) -> String {
    format!("{:016x}", ms << 16)
}

impl ApiDevice {
    /// Logs `username` in with the demo password; `replica` names this device.
    pub async fn login(server: &Server, username: &str, replica: &str) -> TestResult<Self> {
        Self::login_at(&server.url(), username, replica).await
    }

    /// Like [`ApiDevice::login`], on the server (or proxy) at `base`.
    pub async fn login_at(base: &str, username: &str, replica: &str) -> TestResult<Self> {
        let http = reqwest::Client::new();
        let base = base.to_owned();
        let body = json!({ "username": username, "password": DEMO_PASSWORD });
        let resp = http.post(format!("{base}/api/v1/auth/login")).json(&body).send().await?;
        if !resp.status().is_success() {
            return fail(format!("API login of {username}: HTTP {}", resp.status()));
        }
        let login: Value = resp.json().await?;
        let token = login["token"].as_str().unwrap_or_default().to_owned();
        Ok(Self { http, base, token, replica: replica.to_owned(), next_seq: 1 })
    }

    /// Pushes one batch setting `field` of `(kind, id)` to `value`, stamped at wall time `ms`
    /// with `prev` unset (an edit made without seeing the stored value). Returns the reply.
    pub async fn set(
        &mut self,
        kind: &str,
        id: &str,
        field: &str,
        value: Value,
        ms: u64,
    ) -> TestResult<Value> {
        let change = json!({ "kind": kind, "id": id, "field": field, "value": value,
            "hlc": hlc_at(ms), "replica": self.replica, "prev": null });
        let body = json!({ "replica": self.replica, "schema": 1,
            "batches": [{ "seq": self.next_seq, "changes": [change] }] });
        self.next_seq += 1;
        let resp = self
            .http
            .post(format!("{}/api/v1/sync/push", self.base))
            .bearer_auth(&self.token)
            .json(&body)
            .send()
            .await?;
        if !resp.status().is_success() {
            return fail(format!("push by {}: HTTP {}", self.replica, resp.status()));
        }
        Ok(resp.json().await?)
    }

    /// Every change of the scope (a full pull from no cursor).
    pub async fn pull_all(&self) -> TestResult<Vec<Value>> {
        let mut out = Vec::new();
        self.pull_pages(|changes| out.extend(changes)).await?;
        Ok(out)
    }

    /// How big the scope is, without holding it: records of each kind, and field changes in
    /// all (a full pull counts one change per field).
    pub async fn scope_size(&self) -> TestResult<(BTreeMap<String, usize>, usize)> {
        let mut records: HashSet<(String, String)> = HashSet::new();
        let mut changes = 0;
        self.pull_pages(|page| {
            changes += page.len();
            for c in page {
                let text = |k: &str| c[k].as_str().unwrap_or_default().to_owned();
                records.insert((text("kind"), text("id")));
            }
        })
        .await?;
        let mut kinds = BTreeMap::new();
        for (kind, _) in records {
            *kinds.entry(kind).or_default() += 1;
        }
        Ok((kinds, changes))
    }

    /// A full pull from no cursor, handing each page's changes to `each`.
    async fn pull_pages(&self, mut each: impl FnMut(Vec<Value>)) -> TestResult {
        let mut cursor: Option<String> = None;
        loop {
            let mut req = self
                .http
                .get(format!("{}/api/v1/sync/pull", self.base))
                .bearer_auth(&self.token)
                .query(&[("limit", "5000")]);
            if let Some(c) = &cursor {
                req = req.query(&[("cursor", c.as_str())]);
            }
            let mut page: Value = req.send().await?.error_for_status()?.json().await?;
            match page["changes"].take() {
                Value::Array(changes) => each(changes),
                _ => each(Vec::new()),
            }
            cursor = page["cursor"].as_str().map(str::to_owned);
            if page["more"] != json!(true) {
                return Ok(());
            }
        }
    }

    /// A GET of `path` (with its query) as this user: the JSON answer, or the failure naming
    /// the status and the server's message.
    pub async fn get_json(&self, path: &str) -> TestResult<Value> {
        let resp =
            self.http.get(format!("{}{path}", self.base)).bearer_auth(&self.token).send().await?;
        let status = resp.status();
        if !status.is_success() {
            let body = resp.text().await.unwrap_or_default();
            return fail(format!("GET {path}: HTTP {status}: {body}"));
        }
        Ok(resp.json().await?)
    }

    /// A GET of `path` as this user: the body's bytes (a file), or the failure naming the
    /// status.
    pub async fn get_bytes(&self, path: &str) -> TestResult<Vec<u8>> {
        let resp =
            self.http.get(format!("{}{path}", self.base)).bearer_auth(&self.token).send().await?;
        let status = resp.status();
        if !status.is_success() {
            return fail(format!("GET {path}: HTTP {status}"));
        }
        Ok(resp.bytes().await?.to_vec())
    }

    /// The value the server holds in one field (`None` when the field was never set).
    pub async fn field(&self, kind: &str, id: &str, field: &str) -> TestResult<Option<Value>> {
        let changes = self.pull_all().await?;
        Ok(changes
            .into_iter()
            .filter(|c| c["kind"] == kind && c["id"] == id && c["field"] == field)
            .max_by(|a, b| a["hlc"].as_str().cmp(&b["hlc"].as_str()))
            .map(|c| c["value"].clone()))
    }

    /// Ids of the records of one kind in the scope.
    pub async fn ids_of(&self, kind: &str) -> TestResult<Vec<String>> {
        let mut ids: Vec<String> = self
            .pull_all()
            .await?
            .into_iter()
            .filter(|c| c["kind"] == kind)
            .filter_map(|c| c["id"].as_str().map(str::to_owned))
            .collect();
        ids.sort();
        ids.dedup();
        Ok(ids)
    }

    /// The findings (rectification requests) of patrol round `round` the server holds.
    pub async fn findings_of(&self, round: &str) -> TestResult<Vec<String>> {
        let mut ids: Vec<String> = self
            .pull_all()
            .await?
            .into_iter()
            .filter(|c| {
                c["kind"] == "request" && c["field"] == "patrol_round" && c["value"] == round
            })
            .filter_map(|c| c["id"].as_str().map(str::to_owned))
            .collect();
        ids.sort();
        ids.dedup();
        Ok(ids)
    }
}
