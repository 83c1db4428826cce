//! Two real `guanjia serve` processes on one PostgreSQL database behind a round-robin proxy
//! (issue 23, "Several instances"), spoken to over the sync API: concurrent pushes from
//! several replicas converge whichever instance each request lands on, number blocks never
//! overlap, and killing one instance mid-push loses no acknowledged change.

use e2e::converge::{
    batch, each_own_change_logged_once, holds, log_counts, merged, on_two_instances, request_id,
    DEADLINE, REQUEST,
};
use e2e::fleet::{self, change, fresh_connections, push_until_acked, token};
use e2e::{fail, progress, Instances, TestResult};
use serde_json::json;
use std::time::Instant;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replicas_on_either_instance_converge() {
    on_two_instances(async |instances: &mut Instances| {
        const REPLICAS: usize = 6;
        const BATCHES: u64 = 25;
        const SHARED: u64 = 5;
        let seeded = (0..2).filter(|&n| instances.log(n).contains("seeded")).count();
        if seeded != 1 {
            return fail(format!("the demo was seeded by {seeded} instances, not one"));
        }
        let url = instances.url();
        let http = fresh_connections()?;
        let office = token(&http, &url, "office").await?;
        let base_ms = e2e::unique_suffix();
        // The shared requests exist before the replicas race on their descriptions.
        let mut all = Vec::new();
        for n in 0..SHARED {
            let id = request_id(999, n);
            let seed = vec![
                change(REQUEST, &id, "status", json!("new"), base_ms, "inst-seed"),
                change(REQUEST, &id, "description", json!("seed"), base_ms, "inst-seed"),
            ];
            let deadline = Instant::now() + DEADLINE;
            push_until_acked(&http, &url, &office, ("inst-seed", n + 1), &seed, deadline).await?;
            all.extend(seed);
        }
        let started = Instant::now();
        let devices: Vec<_> = (0..REPLICAS)
            .map(|r| {
                let (http, url, office) = (http.clone(), url.clone(), office.clone());
                tokio::spawn(async move {
                    let replica = format!("inst-{r}");
                    for seq in 1..=BATCHES {
                        let changes = batch(r, seq, base_ms, SHARED);
                        let deadline = started + DEADLINE;
                        push_until_acked(&http, &url, &office, (&replica, seq), &changes, deadline)
                            .await?;
                    }
                    TestResult::Ok(())
                })
            })
            .collect();
        for d in devices {
            d.await??;
        }
        let pushes = REPLICAS as u64 * BATCHES;
        progress(format_args!(
            "{pushes} pushes by {REPLICAS} replicas in {:.1} s; connections per instance {:?}",
            started.elapsed().as_secs_f64(),
            instances.proxy().connections()
        ));
        if instances.proxy().connections().contains(&0) {
            return fail("an instance received no connection: nothing alternated");
        }
        all.extend(
            (0..REPLICAS)
                .flat_map(|r| (1..=BATCHES).flat_map(move |s| batch(r, s, base_ms, SHARED))),
        );
        let expected = merged(all);
        each_own_change_logged_once(
            &log_counts(instances.database_url()).await?,
            REPLICAS,
            BATCHES,
        )?;
        // Each replica pulls everything in small pages through the proxy (the pages, and the
        // cursors between them, alternate between instances), and once from each instance.
        for r in 0..REPLICAS {
            let pulled = fleet::pull_all(&http, &url, &office, 200).await?;
            holds(&format!("replica {r} through the proxy"), &pulled, &expected)?;
        }
        for n in 0..2 {
            let pulled = fleet::pull_all(&http, &instances.instance_url(n), &office, 1000).await?;
            holds(&format!("a pull from instance {n}"), &pulled, &expected)?;
        }
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn number_blocks_never_overlap_across_instances() {
    on_two_instances(async |instances: &mut Instances| {
        // Four users (each may take 30 blocks an hour), two tablets each, 12 blocks a tablet,
        // all at once; every request on a new connection, so the calls alternate instances.
        const USERS: [&str; 4] = ["butler1", "butler2", "office", "supervisor"];
        const BLOCKS: usize = 12;
        let url = instances.url();
        let http = fresh_connections()?;
        let mut calls = Vec::new();
        for user in USERS {
            let session = token(&http, &url, user).await?;
            for tablet in 0..2 {
                let (http, url, session) = (http.clone(), url.clone(), session.clone());
                let replica = format!("num-{user}-{tablet}");
                calls.push(tokio::spawn(async move {
                    let mut blocks = Vec::new();
                    for _ in 0..BLOCKS {
                        let resp = http
                            .post(format!("{url}/api/v1/sync/numbers"))
                            .bearer_auth(&session)
                            .json(&json!({ "replica": replica }))
                            .send()
                            .await?;
                        let status = resp.status();
                        let block: serde_json::Value = resp.json().await?;
                        if !status.is_success() {
                            return fail(format!("{replica}: HTTP {status}: {block}"));
                        }
                        let start = block["start"].as_u64().unwrap_or_default();
                        blocks.push((start, block["count"].as_u64().unwrap_or_default()));
                    }
                    Ok(blocks)
                }));
            }
        }
        let mut blocks = Vec::new();
        for c in calls {
            blocks.extend(c.await??);
        }
        blocks.sort();
        progress(format_args!(
            "{} blocks from {} to {}; connections per instance {:?}",
            blocks.len(),
            blocks[0].0,
            blocks.last().map_or(0, |(s, c)| s + c),
            instances.proxy().connections()
        ));
        if instances.proxy().connections().contains(&0) {
            return fail("an instance received no connection: nothing alternated");
        }
        // Nothing else takes numbers meanwhile, so the blocks tile the counter exactly.
        for pair in blocks.windows(2) {
            let ((a, n), (b, _)) = (pair[0], pair[1]);
            if n == 0 || a + n != b {
                return fail(format!("block {a}+{n} is followed by {b}: overlap or gap"));
            }
        }
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_one_instance_loses_no_acknowledged_push() {
    on_two_instances(async |instances: &mut Instances| {
        const REPLICAS: usize = 6;
        const BATCHES: u64 = 40;
        let url = instances.url();
        let http = fresh_connections()?;
        let office = token(&http, &url, "office").await?;
        let base_ms = e2e::unique_suffix();
        let started = Instant::now();
        let acked = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
        let devices: Vec<_> = (0..REPLICAS)
            .map(|r| {
                let (http, url, office, acked) = (http.clone(), url.clone(), office.clone(), acked.clone());
                tokio::spawn(async move {
                    let (replica, mut lost) = (format!("inst-{r}"), 0);
                    for seq in 1..=BATCHES {
                        let changes = batch(r, seq, base_ms, 0);
                        let deadline = started + DEADLINE;
                        lost += push_until_acked(&http, &url, &office, (&replica, seq), &changes, deadline)
                            .await?;
                        acked.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    }
                    TestResult::Ok(lost)
                })
            })
            .collect();
        // Kill instance 1 a third of the way in, at a moment when pushes are in flight there
        // (every push opens its own connection, so an open one to instance 1 is a push the
        // instance has taken or is about to).
        let third = REPLICAS as u64 * BATCHES / 3;
        let what = "a third of the pushes acknowledged and two in flight on instance 1";
        e2e::wait_until(what, DEADLINE, || async {
            let far = acked.load(std::sync::atomic::Ordering::SeqCst) >= third;
            Ok(far && instances.proxy().open_connections()[1] >= 2)
        })
        .await?;
        instances.kill(1)?;
        let mut lost = 0;
        for d in devices {
            lost += d.await??;
        }
        progress(format_args!(
            "{} pushes acknowledged, {lost} lost in flight when instance 1 died and resent to the survivor",
            acked.load(std::sync::atomic::Ordering::SeqCst)
        ));
        if lost == 0 {
            return fail("no push was in flight when the instance died: nothing was tested");
        }
        let expected = merged((0..REPLICAS).flat_map(|r| (1..=BATCHES).flat_map(move |s| batch(r, s, base_ms, 0))));
        each_own_change_logged_once(&log_counts(instances.database_url()).await?, REPLICAS, BATCHES)?;
        let pulled = fleet::pull_all(&http, &url, &office, 500).await?;
        holds("a pull from the survivor", &pulled, &expected)
    })
    .await;
}
