//! Test harness: a real server on 127.0.0.1:0 over a fresh database (a temp SQLite file, or
//! a fresh PostgreSQL database on `GUANJIA_TEST_PG_URL`), driven with reqwest.

#![allow(dead_code)]

use reqwest::{Client, Response, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::Value;
use server::accounts::{add_user, NewUser};
use server::clock::now_ms;
use server::{AppState, Config};
use shared::protocol::{Batch, LoginResponse, PullResponse, PushRequest, PushResponse};
use shared::schema::SCHEMA_VERSION;
use shared::Role;
use shared::{Change, Hlc, Kind, RecordId, ReplicaId};
use sqlx::Connection;
use std::net::SocketAddr;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// Which database a test runs on. A test runs on both with
/// `#[rstest] async fn name(#[values(Sqlite, Postgres)] b: Backend)`; the PostgreSQL variant
/// fails loudly without `GUANJIA_TEST_PG_URL` unless `GUANJIA_SKIP_PG=1` (see [`database_url`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A fresh database URL, or `None` when PostgreSQL tests are explicitly skipped.
pub async fn database_url(backend: Backend, dir: &tempfile::TempDir) -> Option<String> {
    match backend {
        Backend::Sqlite => Some(format!("sqlite://{}/test.db", dir.path().display())),
        Backend::Postgres => {
            let Ok(admin) = std::env::var("GUANJIA_TEST_PG_URL") else {
                if std::env::var("GUANJIA_SKIP_PG").as_deref() == Ok("1") {
                    eprintln!("SKIPPED PostgreSQL variant: GUANJIA_SKIP_PG=1");
                    return None;
                }
                panic!(
                    "GUANJIA_TEST_PG_URL is not set: point it at a PostgreSQL server \
                     (e.g. postgres://postgres@127.0.0.1:54329/postgres), or set GUANJIA_SKIP_PG=1 \
                     to skip the PostgreSQL variants explicitly"
                );
            };
            sqlx::any::install_default_drivers();
            let name = format!("guanjia_test_{}", uuid::Uuid::now_v7().simple());
            let mut conn =
                sqlx::AnyConnection::connect(&admin).await.expect("connect to GUANJIA_TEST_PG_URL");
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut conn)
                .await
                .expect("create test database");
            let _ = conn.close().await;
            let (base, query) =
                admin.split_once('?').map_or((admin.as_str(), None), |(b, q)| (b, Some(q)));
            let (prefix, _) = base.rsplit_once('/').expect("database URL has a path");
            Some(match query {
                Some(q) => format!("{prefix}/{name}?{q}"),
                None => format!("{prefix}/{name}"),
            })
        }
    }
}

/// Where a test server keeps photo bytes: a directory, or a real S3-compatible server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Store {
    Dir,
    S3,
}

impl Store {
    /// The config tweak for this store: `None` when S3 tests are explicitly skipped.
    ///
    /// The S3 variant needs `GUANJIA_TEST_S3_URL`, the endpoint of an S3-compatible server
    /// (`scripts/test.sh` starts `s3s-fs` for it) with bucket `guanjia-test` and the keys in
    /// `GUANJIA_TEST_S3_KEY` / `GUANJIA_TEST_S3_SECRET`; each test uses its own prefix. It fails
    /// loudly without one unless `GUANJIA_SKIP_S3=1`.
    pub fn tweak(self) -> Option<impl FnOnce(&mut Config)> {
        let s3 = match self {
            Store::Dir => None,
            Store::S3 => {
                let Ok(endpoint) = std::env::var("GUANJIA_TEST_S3_URL") else {
                    if std::env::var("GUANJIA_SKIP_S3").as_deref() == Ok("1") {
                        eprintln!("SKIPPED S3 variant: GUANJIA_SKIP_S3=1");
                        return None;
                    }
                    panic!(
                        "GUANJIA_TEST_S3_URL is not set: point it at an S3-compatible server \
                         (scripts/test.sh starts s3s-fs), or set GUANJIA_SKIP_S3=1 to skip the \
                         S3 variants explicitly"
                    );
                };
                let var = |k: &str, d: &str| std::env::var(k).unwrap_or_else(|_| d.to_owned());
                let options = [
                    ("aws_endpoint", endpoint),
                    ("aws_allow_http", "true".to_owned()),
                    ("aws_region", "us-east-1".to_owned()),
                    ("aws_access_key_id", var("GUANJIA_TEST_S3_KEY", "guanjia")),
                    ("aws_secret_access_key", var("GUANJIA_TEST_S3_SECRET", "guanjia-secret")),
                ];
                let prefix = uuid::Uuid::now_v7().simple();
                let options = options.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
                Some((format!("s3://guanjia-test/{prefix}"), options))
            }
        };
        Some(move |c: &mut Config| {
            if let Some((url, options)) = s3 {
                c.blob_url = Some(url);
                c.blob_options = options;
            }
        })
    }
}

/// A running server plus a site with users: `butler` (butler), `office` (office) in site
/// 测试小区, and `outsider` (office) in site 别处. Password of all: `pw-123456`.
pub struct TestServer {
    pub base: String,
    pub addr: SocketAddr,
    pub state: AppState,
    pub http: Client,
    stop: Option<oneshot::Sender<()>>,
    pub handle: Option<JoinHandle<std::io::Result<()>>>,
    _dir: tempfile::TempDir,
}

pub const PASSWORD: &str = "pw-123456";

const FIXTURE: [(&str, Role, &str); 3] = [
    ("butler", Role::Butler, "测试小区"),
    ("office", Role::Office, "测试小区"),
    ("outsider", Role::Office, "别处"),
];

/// The fixture site's areas: `butler` works in the first.
pub const AREA_NAMES: [&str; 2] = ["一区", "二区"];

/// A fixed id of the fixture site's register: `fixture_id("area-0")`, `fixture_id("unit-0")`
/// (a unit of area 0), `fixture_id("unit-1")` (of area 1), buildings `building-0|1`.
pub fn fixture_id(name: &str) -> RecordId {
    server::demo::demo_id(&format!("fixture-{name}"))
}

/// The fixture site 测试小区 with two areas, one building and one unit in each.
async fn seed_register(state: &AppState) {
    let site = fixture_id("site");
    server::accounts::create_site(state, &site, "测试小区").await.expect("site");
    let mut changes = Vec::new();
    let mut put = |kind: &str, name: &str, fields: Vec<(&str, Value)>| {
        for (f, v) in fields {
            changes.push(server::sync::server_change(
                kind,
                &fixture_id(name),
                f,
                v,
                state.hlc_now(),
            ));
        }
    };
    for (i, area_name) in AREA_NAMES.iter().enumerate() {
        let area = fixture_id(&format!("area-{i}"));
        let building = fixture_id(&format!("building-{i}"));
        put(
            "area",
            &format!("area-{i}"),
            vec![("name", (*area_name).into()), ("site", site.0.clone().into())],
        );
        put(
            "building",
            &format!("building-{i}"),
            vec![("name", format!("{i}号楼").into()), ("area", area.0.into())],
        );
        put(
            "unit",
            &format!("unit-{i}"),
            vec![("building", building.0.into()), ("number", format!("{i}-0101").into())],
        );
    }
    server::sync::apply_server_changes(state, site.as_str(), &changes).await.expect("register");
}

/// Starts a server on a fresh database; `tweak` adjusts the config first.
pub async fn start_with(backend: Backend, tweak: impl FnOnce(&mut Config)) -> Option<TestServer> {
    start_inner(backend, tweak, true).await
}

/// Starts a server on an empty database (no sites, no users).
pub async fn start_empty(backend: Backend) -> Option<TestServer> {
    start_inner(backend, |_| {}, false).await
}

async fn start_inner(
    backend: Backend,
    tweak: impl FnOnce(&mut Config),
    fixture: bool,
) -> Option<TestServer> {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = database_url(backend, &dir).await?;
    let mut config = Config::new(url);
    config.dist = dir.path().join("dist");
    config.blob_dir = dir.path().join("blobs");
    tweak(&mut config);
    let state = AppState::connect(config).await.expect("connect");
    if fixture {
        seed_register(&state).await;
    }
    let users = if fixture { &FIXTURE[..] } else { &[] };
    for &(username, role, site) in users {
        let u = NewUser {
            site: site.into(),
            role,
            area: (role == Role::Butler).then(|| AREA_NAMES[0].to_owned()),
            department: None,
            username: username.into(),
            password: PASSWORD.into(),
            name: format!("{username} 名"),
        };
        add_user(&state, u, None).await.expect("add user");
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let mut s = TestServer {
        base: String::new(),
        addr: listener.local_addr().expect("addr"),
        state: state.clone(),
        http: Client::new(),
        stop: None,
        handle: None,
        _dir: dir,
    };
    s.base = format!("http://{}", s.addr);
    s.run_on(listener);
    Some(s)
}

/// Starts a server with the default config.
pub async fn start(backend: Backend) -> Option<TestServer> {
    start_with(backend, |_| {}).await
}

impl TestServer {
    /// Serves the state on `listener` in a task.
    /// A fresh HTTP client too: pooled connections to a stopped server are dead.
    pub fn run_on(&mut self, listener: tokio::net::TcpListener) {
        self.http = Client::new();
        let (tx, rx) = oneshot::channel::<()>();
        let state = self.state.clone();
        self.handle = Some(tokio::spawn(server::serve(listener, state, async move {
            let _ = rx.await;
        })));
        self.stop = Some(tx);
    }

    /// Fires the shutdown signal and waits for `serve` to return.
    pub async fn stop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        if let Some(h) = self.handle.take() {
            h.await.expect("serve task").expect("serve result");
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Adds a user of `role` (no area or department) to site `site` — the fixture's
    /// 测试小区 or 别处, or a new site of that name — with the fixture's password.
    pub async fn add_user(&self, username: &str, role: Role, site: &str) {
        let u = NewUser {
            site: site.into(),
            role,
            area: None,
            department: None,
            username: username.into(),
            password: PASSWORD.into(),
            name: username.into(),
        };
        add_user(&self.state, u, None).await.expect("add user");
    }

    /// Logs in and returns the token.
    pub async fn login(&self, username: &str) -> String {
        self.login_as(username, PASSWORD).await
    }

    /// Logs in with a given password; panics unless it succeeds.
    pub async fn login_as(&self, username: &str, password: &str) -> String {
        let r = self
            .post_json(
                "/api/v1/auth/login",
                None,
                &serde_json::json!({"username": username, "password": password}),
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK, "login {username}");
        r.json::<LoginResponse>().await.expect("login json").token
    }

    /// How many rows `table` holds.
    pub async fn rows(&self, table: &str) -> i64 {
        let row = sqlx::query(&format!("SELECT COUNT(*) AS n FROM {table}"))
            .fetch_one(&self.state.db().pool)
            .await
            .expect("row count");
        sqlx::Row::get(&row, "n")
    }

    /// `POST /auth/login` from a given HTTP client (e.g. one from [`client_from`]).
    pub async fn login_via(&self, http: &Client, username: &str, password: &str) -> Response {
        let body = serde_json::json!({"username": username, "password": password});
        http.post(self.url("/api/v1/auth/login")).json(&body).send().await.expect("login request")
    }

    /// A one-use event-stream ticket for a session token.
    pub async fn ticket(&self, token: &str) -> String {
        let r = self.post_json("/api/v1/sync/events/ticket", Some(token), &()).await;
        ok_json::<shared::protocol::EventsTicket>(r).await.ticket
    }

    /// Opens the event stream the way the app does (a ticket first) and waits for `hello`.
    pub async fn events(&self, token: &str) -> EventReader {
        let ticket = self.ticket(token).await;
        let r = self.get(&format!("/api/v1/sync/events?ticket={ticket}"), None).await;
        let mut events = EventReader::new(r);
        events.wait_for("event: hello").await;
        events
    }

    pub async fn post_json(
        &self,
        path: &str,
        token: Option<&str>,
        body: &impl serde::Serialize,
    ) -> Response {
        let mut rb = self.http.post(self.url(path)).json(body);
        if let Some(t) = token {
            rb = rb.bearer_auth(t);
        }
        rb.send().await.expect("request")
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Response {
        let mut rb = self.http.get(self.url(path));
        if let Some(t) = token {
            rb = rb.bearer_auth(t);
        }
        rb.send().await.expect("request")
    }

    /// Pushes batches and expects 200.
    pub async fn push(
        &self,
        token: &str,
        replica: &str,
        batches: Vec<(u64, Vec<Change>)>,
    ) -> PushResponse {
        let req = PushRequest {
            replica: ReplicaId::from(replica),
            schema: SCHEMA_VERSION,
            batches: batches.into_iter().map(|(seq, changes)| Batch { seq, changes }).collect(),
            history: None,
            rebase_from: None,
        };
        ok_json(self.post_json("/api/v1/sync/push", Some(token), &req).await).await
    }

    /// Pulls and expects 200.
    pub async fn pull(
        &self,
        token: &str,
        cursor: Option<&str>,
        limit: Option<i64>,
    ) -> PullResponse {
        let mut rb = self.http.get(self.url("/api/v1/sync/pull")).bearer_auth(token);
        if let Some(c) = cursor {
            rb = rb.query(&[("cursor", c)]);
        }
        if let Some(l) = limit {
            rb = rb.query(&[("limit", l)]);
        }
        ok_json(rb.send().await.expect("pull")).await
    }

    /// [`Self::pull`], with the answer's next-cursor header (`None` when absent).
    pub async fn pull_with_next(
        &self,
        token: &str,
        cursor: Option<&str>,
        limit: i64,
    ) -> (Option<String>, PullResponse) {
        let mut rb = self.http.get(self.url("/api/v1/sync/pull")).bearer_auth(token);
        if let Some(c) = cursor {
            rb = rb.query(&[("cursor", c)]);
        }
        let resp = rb.query(&[("limit", limit)]).send().await.expect("pull");
        let next = resp.headers().get(shared::protocol::NEXT_CURSOR_HEADER);
        let next = next.map(|v| v.to_str().expect("an ASCII header").to_owned());
        (next, ok_json(resp).await)
    }

    /// Pulls until `more` is false, starting at `cursor`.
    pub async fn pull_all(&self, token: &str, cursor: &str) -> (Vec<Change>, String) {
        let mut out = Vec::new();
        let mut cursor = cursor.to_owned();
        loop {
            let p = self.pull(token, Some(&cursor), None).await;
            assert!(!p.reset, "unexpected reset");
            out.extend(p.changes);
            cursor = p.cursor;
            if !p.more {
                return (out, cursor);
            }
        }
    }
}

/// An HTTP client whose connections come from `ip` (any of 127.0.0.0/8 on Linux): the
/// server sees another client address.
pub fn client_from(ip: &str) -> Client {
    let ip: std::net::IpAddr = ip.parse().expect("an IP address");
    Client::builder().local_address(ip).build().expect("client")
}

/// Asserts 200 and decodes the body.
pub async fn ok_json<T: DeserializeOwned>(r: Response) -> T {
    let status = r.status();
    let text = r.text().await.expect("body");
    assert_eq!(status, StatusCode::OK, "body: {text}");
    serde_json::from_str(&text).expect("json body")
}

/// Asserts an error status and code; returns the body.
pub async fn expect_error(r: Response, status: StatusCode, code: &str) -> Value {
    assert_eq!(r.status(), status);
    let v: Value = r.json().await.expect("error body is JSON");
    assert_eq!(v["error"]["code"], code, "{v}");
    assert!(v["error"]["message"].is_string(), "{v}");
    v
}

/// A device change stamped `ms` milliseconds (counter 0).
pub fn change(
    kind: &str,
    id: &RecordId,
    field: &str,
    value: Value,
    ms: u64,
    replica: &str,
    prev: Option<Hlc>,
) -> Change {
    Change {
        kind: Kind::new(kind),
        id: id.clone(),
        field: field.into(),
        value,
        hlc: Hlc::new(ms, 0),
        replica: ReplicaId::from(replica),
        prev,
    }
}

/// The wall clock now, in ms (device stamps are made near it).
pub fn now() -> u64 {
    now_ms()
}

/// The value of one field in a list of changes (the last one wins, as in the log order).
pub fn last_value<'a>(changes: &'a [Change], id: &RecordId, field: &str) -> Option<&'a Change> {
    changes.iter().filter(|c| c.id == *id && c.field == field).max_by_key(|c| c.stamp())
}

/// An open server-sent event stream, read until an expected event arrives.
pub struct EventReader {
    body: std::pin::Pin<Box<dyn futures::Stream<Item = reqwest::Result<axum::body::Bytes>> + Send>>,
    /// Everything received so far.
    pub text: String,
}

impl EventReader {
    /// Wraps a `GET /api/v1/sync/events` response (status and content type checked).
    pub fn new(resp: Response) -> Self {
        assert_eq!(resp.status(), reqwest::StatusCode::OK);
        let ct = resp.headers()["content-type"].to_str().unwrap_or("").to_owned();
        assert!(ct.starts_with("text/event-stream"), "content type {ct}");
        Self { body: Box::pin(resp.bytes_stream()), text: String::new() }
    }

    /// Reads until `needle` (e.g. `event: poke`) has arrived; fails after a generous bound.
    pub async fn wait_for(&mut self, needle: &str) {
        use futures::StreamExt;
        let bound = std::time::Duration::from_secs(20);
        let (body, text) = (&mut self.body, &mut self.text);
        tokio::time::timeout(bound, async {
            while !text.contains(needle) {
                let chunk = body.next().await.expect("stream open").expect("chunk");
                text.push_str(&String::from_utf8_lossy(&chunk));
            }
        })
        .await
        .unwrap_or_else(|_| panic!("no {needle:?} within {bound:?}; got {:?}", self.text));
    }

    /// Reads until the server ends the stream; fails after a generous bound.
    pub async fn wait_end(&mut self) {
        use futures::StreamExt;
        let bound = std::time::Duration::from_secs(20);
        let (body, text) = (&mut self.body, &mut self.text);
        tokio::time::timeout(bound, async {
            while let Some(chunk) = body.next().await {
                text.push_str(&String::from_utf8_lossy(&chunk.expect("chunk")));
            }
        })
        .await
        .unwrap_or_else(|_| panic!("the stream did not end within {bound:?}; got {:?}", self.text));
    }
}
