//! The measured load: replicas pushing 100-change batches at once, then pulls at a big log.

use crate::server_proc::ServerProc;
use reqwest::Client;
use serde_json::{json, Value};
use server::demo::demo_id;
use shared::protocol::{Batch, PullResponse, PushRequest, PushResponse};
use shared::schema::SCHEMA_VERSION;
use shared::{Change, Hlc, Kind, RecordId, ReplicaId};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Requests of the demo site every replica edits (the same fields: concurrent edits).
const HOT_REQUESTS: usize = 12;
/// New requests per batch (5 fields each); the rest of the 100 changes are edits.
const NEW_PER_BATCH: usize = 10;

/// One phase's figures.
#[derive(Debug, Clone, Default)]
pub struct Phase {
    pub replicas: usize,
    pub per_sec: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    /// Most batches of other replicas acknowledged while one batch waited.
    pub max_overtaken: u64,
    /// `max_overtaken` in rounds of the other replicas.
    pub rounds: f64,
    /// Pushes the server failed (500, dropped connection) and the device resent.
    pub failed: usize,
}

/// A backend's figures.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    pub phases: Vec<Phase>,
    pub refused: usize,
    pub bytes_per_change: f64,
    pub log_rows: i64,
    pub empty_pull: (f64, f64),
    pub one_pull: (f64, f64),
    pub rss_mb: f64,
    pub peak_mb: f64,
}

fn now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis() as u64
}

/// `q`-quantile of sorted milliseconds.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

async fn login(http: &Client, url: &str, username: &str) -> String {
    let body = json!({ "username": username, "password": server::demo::DEMO_PASSWORD });
    let resp =
        http.post(format!("{url}/api/v1/auth/login")).json(&body).send().await.expect("login");
    let v: Value = resp.json().await.expect("login reply");
    v["token"].as_str().expect("token").to_owned()
}

/// Batch `seq` of a replica: new requests, edits of its own last ones, edits of hot ones.
fn batch(replica: &ReplicaId, seq: u64, own: &mut Vec<RecordId>) -> Batch {
    let ms = now_ms();
    let mut changes = Vec::with_capacity(100);
    let mut push = |id: &RecordId, field: &str, value: Value| {
        let counter = changes.len() as u16;
        changes.push(Change {
            kind: Kind::new("request"),
            id: id.clone(),
            field: field.into(),
            value,
            hlc: Hlc::new(ms, counter),
            replica: replica.clone(),
            prev: None,
        });
    };
    let mut fresh = Vec::new();
    for k in 0..NEW_PER_BATCH {
        let id = RecordId(uuid::Uuid::now_v7().to_string());
        push(&id, "status", json!("new"));
        push(&id, "description", json!(format!("{replica} {seq}/{k}: 电梯异响")));
        push(&id, "contact_name", json!("王先生"));
        // In one of the demo's units: the request joins that unit's area.
        let unit = server::demo::unit_number(1 + (k % 2) as u32, 2 + (k % 4) as u32, 1);
        push(&id, "unit", json!(demo_id(&format!("unit-{unit}")).as_str()));
        push(&id, "plan", json!("上门查看"));
        fresh.push(id);
    }
    if own.is_empty() {
        own.extend(fresh.iter().cloned());
    }
    for k in 0..40 {
        let id = own[k % own.len()].clone();
        let field = ["description", "contact_name", "cause", "plan"][k / own.len() % 4];
        push(&id, field, json!(format!("{seq}/{k} 已更新")));
    }
    for k in 0..10 {
        let id = demo_id(&format!("request-{}", (seq as usize + k) % HOT_REQUESTS));
        let field = ["description", "contact_name"][k % 2];
        push(&id, field, json!(format!("{replica} {seq}/{k}")));
    }
    *own = fresh;
    Batch { seq, changes }
}

/// Pushes until the server answers 200, as a device does (resending what was not
/// acknowledged). Returns the reply and how many attempts failed.
async fn push(http: &Client, url: &str, token: &str, req: &PushRequest) -> (PushResponse, usize) {
    let mut failed = 0;
    loop {
        let resp = http.post(format!("{url}/api/v1/sync/push")).bearer_auth(token).json(req);
        match resp.send().await {
            Ok(r) if r.status().is_success() => {
                return (r.json().await.expect("push reply"), failed);
            }
            Ok(r) => {
                eprintln!("  push answered {}: {}", r.status(), r.text().await.unwrap_or_default())
            }
            Err(e) => eprintln!("  push failed: {e}"),
        }
        failed += 1;
        assert!(failed < 100, "the server keeps failing pushes");
        tokio::time::sleep(Duration::from_millis(100)).await; // a device's retry back-off
    }
}

/// One phase: `replicas` devices each push `batches` batches, one after another.
async fn phase(
    http: &Client,
    url: &str,
    tokens: &[String],
    name: &str,
    replicas: usize,
    batches: u64,
) -> (Phase, usize) {
    let acked = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let devices: Vec<_> = (0..replicas)
        .map(|r| {
            let (http, url, token) = (http.clone(), url.to_owned(), tokens[r].clone());
            let (acked, replica) = (acked.clone(), ReplicaId(format!("bench-{name}-{r}")));
            tokio::spawn(async move {
                let (mut own, mut times, mut overtaken) = (Vec::new(), vec![], 0);
                let (mut refused, mut failed) = (0, 0);
                for seq in 1..=batches {
                    let req = PushRequest {
                        replica: replica.clone(),
                        schema: SCHEMA_VERSION,
                        batches: vec![batch(&replica, seq, &mut own)],
                        history: None,
                        rebase_from: None,
                    };
                    let (sent, before) = (Instant::now(), acked.load(Ordering::SeqCst));
                    let (reply, fails) = push(&http, &url, &token, &req).await;
                    failed += fails;
                    times.push(sent.elapsed().as_secs_f64() * 1000.0);
                    overtaken = overtaken.max(acked.fetch_add(1, Ordering::SeqCst) - before);
                    assert_eq!(reply.last_seq, seq);
                    refused += reply.rejections.len();
                }
                (times, overtaken, refused, failed)
            })
        })
        .collect();
    let (mut times, mut max_overtaken, mut refused, mut failed) = (Vec::new(), 0, 0, 0);
    for d in devices {
        let (t, o, r, f) = d.await.expect("device");
        times.extend(t);
        max_overtaken = max_overtaken.max(o);
        refused += r;
        failed += f;
    }
    let secs = start.elapsed().as_secs_f64();
    times.sort_by(f64::total_cmp);
    let changes = replicas as f64 * batches as f64 * 100.0;
    let p = Phase {
        replicas,
        per_sec: changes / secs,
        p50_ms: quantile(&times, 0.5),
        p99_ms: quantile(&times, 0.99),
        max_overtaken,
        rounds: if replicas > 1 { max_overtaken as f64 / (replicas - 1) as f64 } else { 0.0 },
        failed,
    };
    eprintln!("  {replicas} replicas: {p:?}, {refused} refused");
    (p, refused)
}

/// Pull latencies (p50, p99 in ms) from the end of the log: empty, and after one change.
async fn pulls(http: &Client, url: &str, token: &str) -> ((f64, f64), (f64, f64)) {
    let get = |cursor: Option<String>| {
        let mut req = http.get(format!("{url}/api/v1/sync/pull")).bearer_auth(token);
        req = req.query(&[("limit", "1")]);
        if let Some(c) = cursor {
            req = req.query(&[("cursor", c)]);
        }
        async move {
            let t = Instant::now();
            let page: PullResponse = req.send().await.expect("pull").json().await.expect("page");
            (t.elapsed().as_secs_f64() * 1000.0, page)
        }
    };
    // The first page of the snapshot names the end of the log: `<tag>.<end>~…`.
    let (_, first) = get(None).await;
    let mut cursor = first.cursor.split('~').next().expect("cursor").to_owned();
    let mut empty = Vec::new();
    for _ in 0..50 {
        let (ms, page) = get(Some(cursor.clone())).await;
        assert!(page.changes.is_empty() && !page.reset, "empty pull");
        empty.push(ms);
    }
    let replica = ReplicaId("bench-pull".into());
    let (mut one, mut own) = (Vec::new(), Vec::new());
    for seq in 1..=30 {
        let mut b = batch(&replica, seq, &mut own);
        b.changes.truncate(1);
        let req = PushRequest {
            replica: replica.clone(),
            schema: SCHEMA_VERSION,
            batches: vec![b],
            history: None,
            rebase_from: None,
        };
        push(http, url, token, &req).await;
        let (ms, page) = get(Some(cursor.clone())).await;
        assert_eq!(page.changes.len(), 1, "one-change pull");
        cursor = page.cursor;
        one.push(ms);
    }
    empty.sort_by(f64::total_cmp);
    one.sort_by(f64::total_cmp);
    let q = |v: &[f64]| (quantile(v, 0.5), quantile(v, 0.99));
    (q(&empty), q(&one))
}

/// Everything measured on one running server.
pub async fn run(server: &ServerProc, phases: &[(usize, u64)], log_rows: i64) -> Figures {
    let http = Client::builder().timeout(Duration::from_secs(120)).build().expect("client");
    let most = phases.iter().map(|p| p.0).max().unwrap_or(1);
    let mut tokens = Vec::new();
    for r in 0..most {
        tokens.push(login(&http, &server.url, ["office", "supervisor"][r % 2]).await);
    }
    let (bytes_before, rows_before) = (server.db_bytes().await, server.log_rows().await);
    let mut figures = Figures::default();
    for (i, &(replicas, batches)) in phases.iter().enumerate() {
        let (p, refused) =
            phase(&http, &server.url, &tokens, &format!("p{i}"), replicas, batches).await;
        figures.phases.push(p);
        figures.refused += refused;
    }
    let (bytes_after, rows_after) = (server.db_bytes().await, server.log_rows().await);
    figures.bytes_per_change =
        (bytes_after - bytes_before) as f64 / (rows_after - rows_before).max(1) as f64;
    let grow = Instant::now();
    server.grow_log(log_rows).await;
    figures.log_rows = server.log_rows().await;
    eprintln!("  log grown to {} rows in {:.1?}", figures.log_rows, grow.elapsed());
    (figures.empty_pull, figures.one_pull) = pulls(&http, &server.url, &tokens[0]).await;
    (figures.rss_mb, figures.peak_mb) = server.rss_mb();
    figures
}
