//! Threat: the server dies (power cut, OOM kill) while devices push. The real `guanjia`
//! binary is killed with SIGKILL 20 times while 10 replicas push 50 batches each; after every
//! restart the devices resend what was not acknowledged. At the end every acknowledged change
//! is stored exactly once, nothing acknowledged is missing, and every replica converges on
//! the server's state. Runs on SQLite and on PostgreSQL.

#[path = "api/support.rs"]
mod support;

use reqwest::Client;
use rstest::rstest;
use serde_json::json;
use shared::protocol::{Batch, PullResponse, PushRequest, PushResponse};
use shared::schema::SCHEMA_VERSION;
use shared::{Change, Hlc, Kind, RecordId, ReplicaId, ReplicaState};
use std::collections::BTreeMap;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::Backend::{self, Postgres, Sqlite};

const REPLICAS: usize = 10;
const BATCHES: u64 = 50;
const KILLS: usize = 20;
/// Bound on the whole scenario; a healthy run takes a fraction of it.
const DEADLINE: Duration = Duration::from_secs(240);

/// The server binary on a fixed port (devices must find it again after a restart).
struct Proc {
    url: String,
    port: u16,
    database_url: String,
    child: Option<Child>,
}

impl Proc {
    fn spawn(&mut self) {
        let child = Command::new(env!("CARGO_BIN_EXE_guanjia"))
            .args(["serve", "--demo", "--addr", &format!("127.0.0.1:{}", self.port)])
            .args(["--database-url", &self.database_url, "--dist", "/nonexistent"])
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start guanjia");
        self.child = Some(child);
    }

    fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            c.kill().expect("SIGKILL");
            c.wait().expect("reap");
        }
    }

    async fn wait_healthy(&self, http: &Client) {
        let start = Instant::now();
        loop {
            let health = http.get(format!("{}/api/v1/health", self.url)).send().await;
            if health.is_ok_and(|r| r.status().is_success()) {
                return;
            }
            assert!(start.elapsed() < Duration::from_secs(60), "server did not come back");
            tokio::task::yield_now().await;
            tokio::time::sleep(Duration::from_millis(20)).await; // polling interval
        }
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Batch `seq` of replica `r`: a new request (status and description).
fn batch(r: usize, seq: u64, base_ms: u64) -> Batch {
    let replica = ReplicaId(format!("dur-{r}"));
    let id = RecordId(format!("0190f0a0-0000-7000-8{r:03}-{seq:012}"));
    let ms = base_ms + seq * 10;
    let c = |field: &str, value, counter| Change {
        kind: Kind::new("request"),
        id: id.clone(),
        field: field.into(),
        value,
        hlc: Hlc::new(ms, counter),
        replica: replica.clone(),
        prev: None,
    };
    Batch {
        seq,
        changes: vec![
            c("status", json!("new"), 0),
            c("description", json!(format!("{r}/{seq}")), 1),
        ],
    }
}

/// One device: pushes its batches one at a time, resending until acknowledged; stops when
/// all are acknowledged. Returns how many pushes were lost in flight: sent to a server that
/// died before answering (a refused connection, the server not up yet, is not counted).
async fn device(
    url: String,
    token: String,
    r: usize,
    base_ms: u64,
    acks: Arc<AtomicUsize>,
) -> usize {
    let http = Client::builder().timeout(Duration::from_secs(5)).build().expect("client");
    let mut acked = 0u64;
    let mut failures = 0;
    while acked < BATCHES {
        let req = PushRequest {
            replica: ReplicaId(format!("dur-{r}")),
            schema: SCHEMA_VERSION,
            batches: vec![batch(r, acked + 1, base_ms)],
            history: None,
            rebase_from: None,
        };
        let sent =
            http.post(format!("{url}/api/v1/sync/push")).bearer_auth(&token).json(&req).send();
        match sent.await {
            Ok(resp) if resp.status().is_success() => {
                let reply: PushResponse = resp.json().await.expect("push reply");
                assert!(reply.rejections.is_empty(), "{:?}", reply.rejections);
                assert!(reply.last_seq >= acked, "acknowledgements never go back");
                acked = reply.last_seq;
                acks.fetch_add(1, Ordering::SeqCst);
            }
            Ok(resp) => panic!("push answered {}", resp.status()),
            Err(e) => {
                failures += usize::from(!e.is_connect());
                tokio::time::sleep(Duration::from_millis(10)).await; // retry back-off
            }
        }
    }
    failures
}

async fn pull_everything(http: &Client, url: &str, token: &str) -> Vec<Change> {
    let mut out = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut req = http.get(format!("{url}/api/v1/sync/pull")).bearer_auth(token);
        req = req.query(&[("limit", "5000")]);
        if let Some(c) = &cursor {
            req = req.query(&[("cursor", c.as_str())]);
        }
        let page: PullResponse = req.send().await.expect("pull").json().await.expect("page");
        out.extend(page.changes);
        cursor = Some(page.cursor);
        if !page.more {
            return out;
        }
    }
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_pushes_survive_sigkill(#[values(Sqlite, Postgres)] b: Backend) {
    let dir = tempfile::tempdir().expect("temp dir");
    let Some(database_url) = support::database_url(b, &dir).await else { return };
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut server =
        Proc { url: format!("http://127.0.0.1:{port}"), port, database_url, child: None };
    let http = Client::builder().timeout(Duration::from_secs(5)).build().unwrap();
    server.spawn();
    server.wait_healthy(&http).await;
    // The office holds the whole site, so its pulls see every device's requests.
    let login = json!({ "username": "office", "password": "guanjia123" });
    let resp = http.post(format!("{}/api/v1/auth/login", server.url)).json(&login).send().await;
    let token = resp.unwrap().json::<serde_json::Value>().await.unwrap()["token"]
        .as_str()
        .expect("token")
        .to_owned();

    let started = Instant::now();
    let base_ms = support::now();
    let acks = Arc::new(AtomicUsize::new(0));
    let devices: Vec<_> = (0..REPLICAS)
        .map(|r| tokio::spawn(device(server.url.clone(), token.clone(), r, base_ms, acks.clone())))
        .collect();
    // Kill the server whenever a few more pushes have been acknowledged, so that other
    // pushes are in flight at the moment of death; then start it again on the same data.
    let mut kills = 0;
    while kills < KILLS && devices.iter().any(|d| !d.is_finished()) {
        let target = acks.load(Ordering::SeqCst) + 1 + (kills * 7) % 15;
        while acks.load(Ordering::SeqCst) < target && devices.iter().any(|d| !d.is_finished()) {
            assert!(started.elapsed() < DEADLINE, "pushes stalled");
            tokio::time::sleep(Duration::from_millis(2)).await; // polling interval
        }
        server.kill();
        kills += 1;
        server.spawn();
        server.wait_healthy(&http).await;
    }
    let mut failed_pushes = 0;
    for d in devices {
        failed_pushes += d.await.expect("device task");
    }
    eprintln!("{b:?}: {kills} kills, {failed_pushes} pushes lost in flight and resent");
    assert!(kills >= 10, "the server died mid-push often enough ({kills})");
    assert!(failed_pushes > 0, "no push was in flight when the server died: nothing was tested");

    let log = pull_everything(&http, &server.url, &token).await;
    let mut seen: BTreeMap<(RecordId, String), usize> = BTreeMap::new();
    for c in log.iter().filter(|c| c.replica.as_str().starts_with("dur-")) {
        *seen.entry((c.id.clone(), c.field.clone())).or_default() += 1;
    }
    let mut expected = ReplicaState::new();
    for r in 0..REPLICAS {
        for seq in 1..=BATCHES {
            for c in batch(r, seq, base_ms).changes {
                let n = seen.get(&(c.id.clone(), c.field.clone())).copied().unwrap_or(0);
                assert_eq!(n, 1, "{}.{} of dur-{r} batch {seq} is stored {n} times", c.id, c.field);
                expected.apply(&c);
            }
        }
    }
    // A device that pulls everything holds exactly what was pushed.
    let mut device_state = ReplicaState::new();
    for c in &log {
        device_state.apply(c);
    }
    for (id, fields) in expected.records_of("request") {
        let held = device_state.record(&Kind::new("request"), id);
        assert_eq!(held, Some(fields), "{id} differs after convergence");
    }
}
