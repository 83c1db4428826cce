//! What the several-instances tests push and check (issue 23, "Several instances"): batches
//! of requests whose stamps never tie, the merged state they must converge on, and the
//! database's log read directly (every acknowledged change logged once, no log position
//! twice).

use crate::fleet::{change, Held};
use crate::{fail, Instances, TestResult};
use serde_json::{json, Value};
use sqlx::{Connection, Row};
use std::collections::BTreeMap;
use std::time::Duration;

/// The kind the tests push.
pub const REQUEST: &str = "request";
/// Bound on a whole scenario; a healthy run takes a fraction of it.
pub const DEADLINE: Duration = Duration::from_secs(180);

/// The id of a test request: `n` of replica `r` (r = 999: the shared ones).
pub fn request_id(r: usize, n: u64) -> String {
    format!("0190f0a0-0000-7000-8{r:03}-{n:012}")
}

/// Batch `seq` of replica `r`: a request of its own (status, description) and, when
/// `shared > 0`, a new description of one of the `shared` requests every replica edits,
/// stamped so no two replicas' stamps tie.
pub fn batch(r: usize, seq: u64, base_ms: u64, shared: u64) -> Vec<Value> {
    let replica = format!("inst-{r}");
    let id = request_id(r, seq);
    let ms = base_ms + seq * 100 + r as u64;
    let mut out = vec![
        change(REQUEST, &id, "status", json!("new"), ms, &replica),
        change(REQUEST, &id, "description", json!(format!("{r}/{seq}")), ms, &replica),
    ];
    if shared > 0 {
        let id = request_id(999, seq % shared);
        out.push(change(REQUEST, &id, "description", json!(format!("{r}/{seq}")), ms, &replica));
    }
    out
}

/// The merged state of everything pushed: per field, the value of the highest stamp.
pub fn merged(batches: impl IntoIterator<Item = Value>) -> Held {
    let mut held = Held::new();
    for c in batches {
        let text = |k: &str| c[k].as_str().unwrap_or_default().to_owned();
        let key = (text("kind"), text("id"), text("field"));
        if held.get(&key).is_none_or(|(h, _)| *h < text("hlc")) {
            held.insert(key, (text("hlc"), c["value"].clone()));
        }
    }
    held
}

/// `pulled` holds every field of `expected` with its value.
pub fn holds(who: &str, pulled: &Held, expected: &Held) -> TestResult {
    for (key, (_, value)) in expected {
        match pulled.get(key) {
            Some((_, v)) if v == value => {}
            other => return fail(format!("{who}: {key:?} is {other:?}, expected {value}")),
        }
    }
    Ok(())
}

/// The database's log: how often each (record, field) of the test replicas was logged, and
/// whether the site's log positions are unique and end at the site's `last_seq`.
pub async fn log_counts(database_url: &str) -> TestResult<BTreeMap<(String, String), i64>> {
    let mut db = sqlx::PgConnection::connect(database_url).await?;
    let sites = sqlx::query("SELECT id, last_seq FROM sites").fetch_all(&mut db).await?;
    if sites.len() != 1 {
        return fail(format!("{} sites: the demo was seeded more than once", sites.len()));
    }
    let last: i64 = sites[0].try_get("last_seq")?;
    let row =
        sqlx::query("SELECT COUNT(*) AS n, COUNT(DISTINCT seq) AS d, MAX(seq) AS m FROM changes")
            .fetch_one(&mut db)
            .await?;
    let (n, d, m): (i64, i64, Option<i64>) =
        (row.try_get("n")?, row.try_get("d")?, row.try_get("m")?);
    if n != d || m != Some(last) {
        return fail(format!("log: {n} rows, {d} distinct seqs, max {m:?}, site last_seq {last}"));
    }
    let rows = sqlx::query(
        "SELECT record_id, field, COUNT(*) AS n FROM changes WHERE replica LIKE 'inst-%' \
         GROUP BY record_id, field",
    )
    .fetch_all(&mut db)
    .await?;
    let mut out = BTreeMap::new();
    for r in rows {
        out.insert((r.try_get("record_id")?, r.try_get("field")?), r.try_get("n")?);
    }
    db.close().await?;
    Ok(out)
}

/// Every change of the replicas' own requests is logged exactly once (a resent batch is not
/// applied twice, whichever instance took each send).
pub fn each_own_change_logged_once(
    counts: &BTreeMap<(String, String), i64>,
    replicas: usize,
    batches: u64,
) -> TestResult {
    for r in 0..replicas {
        for seq in 1..=batches {
            for field in ["status", "description"] {
                let key = (request_id(r, seq), field.to_owned());
                let n = counts.get(&key).copied().unwrap_or(0);
                if n != 1 {
                    return fail(format!(
                        "{}.{field} of inst-{r} #{seq} is logged {n} times",
                        key.0
                    ));
                }
            }
        }
    }
    Ok(())
}

/// Runs a scenario on two fresh instances, printing both logs when it fails.
pub async fn on_two_instances(scenario: impl AsyncFnOnce(&mut Instances) -> TestResult) {
    let mut instances = match Instances::start(2).await {
        Ok(Some(i)) => i,
        Ok(None) => return,
        Err(e) => panic!("{e}"),
    };
    if let Err(e) = scenario(&mut instances).await {
        panic!(
            "{e}\n--- instance 0 ---\n{}\n--- instance 1 ---\n{}",
            instances.log(0),
            instances.log(1)
        );
    }
}
