//! SQLite checkpoints run beside the writer (`server::db::checkpoint`): what a push wrote
//! reaches the database file by itself, long before the commits fill the WAL to the point
//! where a commit would copy it (`wal_autocheckpoint`, 10,000 pages).

use crate::support::{self, change, now, Backend::Sqlite};
use serde_json::json;
use shared::RecordId;
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_push_reaches_the_database_file_without_a_commit_copying_it() {
    let Some(s) = support::start(Sqlite).await else { return };
    let office = s.login("office").await;
    let url = s.state.config().database_url.clone();
    let path = url.strip_prefix("sqlite://").expect("a SQLite file").split('?').next().unwrap();
    let probe = format!("checkpoint-probe-{}", uuid::Uuid::now_v7().simple());
    let id = RecordId::new_v7();
    let c = change("request", &id, "description", json!(probe), now(), "ckpt", None);
    let reply = s.push(&office, "ckpt", vec![(1, vec![c])]).await;
    assert!(reply.rejections.is_empty(), "{:?}", reply.rejections);
    let start = Instant::now();
    loop {
        let file = std::fs::read(path).expect("the database file");
        if file.windows(probe.len()).any(|w| w == probe.as_bytes()) {
            return;
        }
        assert!(start.elapsed() < Duration::from_secs(30), "the WAL was never copied");
        tokio::time::sleep(Duration::from_millis(50)).await; // polling interval
    }
}
