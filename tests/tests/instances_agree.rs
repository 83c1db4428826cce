//! Two real `guanjia serve` processes on one PostgreSQL database (issue 23, "Several
//! instances"), each spoken to directly: what one instance does, the other sees as if it had
//! done it — a push to one pokes an event stream on the other, a stamp one stored is
//! outranked by the other's re-stamp, and a register import committed on both at once
//! creates its units once.

use e2e::converge::{on_two_instances, request_id, DEADLINE, REQUEST};
use e2e::fleet::{self, change, push_until_acked, token};
use e2e::{fail, progress, Instances, TestResult};
use serde_json::json;
use std::time::{Duration, Instant};

/// Reads an event stream until `event: <name>` arrives or `timeout` passes.
async fn next_event(stream: &mut reqwest::Response, name: &str, timeout: Duration) -> TestResult {
    let line = format!("event: {name}");
    let mut text = String::new();
    let until = Instant::now() + timeout;
    while !text.contains(&line) {
        let left = until.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, stream.chunk()).await {
            Ok(Ok(Some(bytes))) => text.push_str(&String::from_utf8_lossy(&bytes)),
            Ok(Ok(None)) => return fail(format!("the event stream ended before `{name}`")),
            Ok(Err(e)) => return fail(format!("the event stream failed: {e}")),
            Err(_) => return fail(format!("no `{name}` within {timeout:?}: {text:?}")),
        }
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_push_to_one_instance_pokes_a_stream_on_the_other() {
    on_two_instances(async |instances: &mut Instances| {
        const ROUNDS: u64 = 10;
        let http = reqwest::Client::new();
        let (first, second) = (instances.instance_url(0), instances.instance_url(1));
        let office = token(&http, &first, "office").await?;
        let ticket: serde_json::Value = http
            .post(format!("{second}/api/v1/sync/events/ticket"))
            .bearer_auth(&office)
            .send()
            .await?
            .json()
            .await?;
        let ticket = ticket["ticket"].as_str().unwrap_or_default().to_owned();
        let mut stream = http
            .get(format!("{second}/api/v1/sync/events"))
            .query(&[("ticket", &ticket)])
            .send()
            .await?;
        next_event(&mut stream, "hello", Duration::from_secs(5)).await?;
        let base_ms = e2e::unique_suffix();
        let (mut from_send, mut from_ack) = (Vec::new(), Vec::new());
        for n in 1..=ROUNDS {
            let id = request_id(998, n);
            let changes = [change(REQUEST, &id, "status", json!("new"), base_ms + n, "inst-poke")];
            let sent = Instant::now();
            let deadline = sent + DEADLINE;
            push_until_acked(&http, &first, &office, ("inst-poke", n), &changes, deadline).await?;
            // The bound runs from the acknowledgement; the poke is often there before it.
            let acked = Instant::now();
            next_event(&mut stream, "poke", Duration::from_secs(2)).await?;
            from_ack.push(acked.elapsed());
            from_send.push(sent.elapsed());
        }
        from_send.sort();
        from_ack.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        progress(format_args!(
            "poke on instance 1's stream after a push to instance 0 ({ROUNDS} rounds): \
             {:.1} ms median, {:.1} ms max from sending the push; \
             {:.1} ms median, {:.1} ms max from its acknowledgement",
            ms(from_send[ROUNDS as usize / 2]),
            ms(from_send[ROUNDS as usize - 1]),
            ms(from_ack[ROUNDS as usize / 2]),
            ms(from_ack[ROUNDS as usize - 1]),
        ));
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restamped_edit_outranks_what_the_other_instance_stored() {
    on_two_instances(async |instances: &mut Instances| {
        // Tablet A's clock is two minutes ahead (within the server's five-minute allowance,
        // so its stamp is stored as is); tablet B's an hour ahead (re-stamped by the server).
        // On one instance the server's clock has seen A's stamp and B's re-stamped edit
        // wins; instance 1 never saw it unless it reads it from the stored value.
        let http = reqwest::Client::new();
        let (first, second) = (instances.instance_url(0), instances.instance_url(1));
        let office = token(&http, &first, "office").await?;
        let now = e2e::unique_suffix();
        let id = request_id(997, 1);
        let a = [
            change(REQUEST, &id, "status", json!("new"), now + 120_000, "inst-a"),
            change(REQUEST, &id, "description", json!("by A"), now + 120_000, "inst-a"),
        ];
        let deadline = Instant::now() + DEADLINE;
        push_until_acked(&http, &first, &office, ("inst-a", 1), &a, deadline).await?;
        let b = [change(REQUEST, &id, "description", json!("by B"), now + 3_600_000, "inst-b")];
        let body =
            json!({ "replica": "inst-b", "schema": 4, "batches": [{ "seq": 1, "changes": b }] });
        let reply: serde_json::Value = http
            .post(format!("{second}/api/v1/sync/push"))
            .bearer_auth(&office)
            .json(&body)
            .send()
            .await?
            .json()
            .await?;
        let refusal = &reply["rejections"][0];
        if refusal["code"] != "clock_ahead" || refusal["compensation"]["value"] != "by B" {
            return fail(format!("B's edit was not re-stamped to win: {reply}"));
        }
        for n in 0..2 {
            let pulled = fleet::pull_all(&http, &instances.instance_url(n), &office, 1000).await?;
            let key = (REQUEST.to_owned(), id.clone(), "description".to_owned());
            let shown = pulled.get(&key).map(|(_, v)| v.clone());
            if shown != Some(json!("by B")) {
                return fail(format!("instance {n} holds {shown:?} where B's later edit belongs"));
            }
        }
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_register_imported_on_both_instances_at_once_creates_each_unit_once() {
    on_two_instances(async |instances: &mut Instances| {
        const NUMBERS: [&str; 3] = ["9-9901", "9-9902", "9-9903"];
        let http = reqwest::Client::new();
        let office = token(&http, &instances.instance_url(0), "office").await?;
        let rows: String = NUMBERS.iter().map(|n| format!("1号楼,{n},9,住宅,88,空置,\n")).collect();
        let csv = format!("{UNITS_HEADER}{rows}");
        let import = |n: usize, commit: bool| {
            import_csv(&http, instances.instance_url(n), &office, csv.clone(), commit)
        };
        let dry = import(0, false).await?;
        if dry["units"]["new"] != NUMBERS.len() {
            return fail(format!("the dry run does not plan {} new units: {dry}", NUMBERS.len()));
        }
        let (first, second) = tokio::try_join!(import(0, true), import(1, true))?;
        let made = [&first, &second].map(|r| r["units"]["new"].as_u64().unwrap_or_default());
        progress(format_args!("new units by each instance's import: {made:?}"));
        let pulled = fleet::pull_all(&http, &instances.instance_url(1), &office, 1000).await?;
        for number in NUMBERS {
            let units = pulled
                .iter()
                .filter(|((kind, _, field), (_, v))| {
                    kind == "unit" && field == "number" && v == number
                })
                .count();
            if units != 1 {
                return fail(format!("unit {number} exists {units} times after both imports"));
            }
        }
        Ok(())
    })
    .await;
}

/// The header of a units CSV (building, number, floor, type, area, state, note).
const UNITS_HEADER: &str = "楼栋,房号,楼层,类型,面积,状态,备注\n";

/// Imports the units `csv` on the instance at `base` (committed or a dry run) and returns
/// the report; an answer but 200 without errors fails.
async fn import_csv(
    http: &reqwest::Client,
    base: String,
    office: &str,
    csv: String,
    commit: bool,
) -> TestResult<serde_json::Value> {
    let url = format!("{base}/api/v1/register/import");
    let request = http.post(url).query(&[("commit", commit)]).bearer_auth(office);
    let resp = request.header("content-type", "text/csv").body(csv).send().await?;
    let status = resp.status();
    let report: serde_json::Value = resp.json().await?;
    if !status.is_success() || report["errors"].as_array().is_none_or(|e| !e.is_empty()) {
        return fail(format!("import at {base}: HTTP {status}: {report}"));
    }
    Ok(report)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_outranks_a_tablet_stamp_the_other_instance_stored() {
    on_two_instances(async |instances: &mut Instances| {
        // A tablet two minutes ahead writes a unit's note through instance 0; a later import
        // through instance 1 must replace it, as it would on one instance.
        let http = reqwest::Client::new();
        let (first, second) = (instances.instance_url(0), instances.instance_url(1));
        let office = token(&http, &first, "office").await?;
        let unit = |note: &str| format!("{UNITS_HEADER}1号楼,9-9911,9,住宅,88,空置,{note}\n");
        import_csv(&http, first.clone(), &office, unit("first"), true).await?;
        let held = fleet::pull_all(&http, &first, &office, 1000).await?;
        let Some(((_, id, _), _)) = held.iter().find(|((kind, _, field), (_, v))| {
            kind == "unit" && field == "number" && v == "9-9911"
        }) else {
            return fail("the imported unit 9-9911 is not in the office's pull");
        };
        let ahead = e2e::unique_suffix() + 120_000;
        let note = [change("unit", id, "note", json!("by a tablet"), ahead, "inst-tablet")];
        let deadline = Instant::now() + DEADLINE;
        push_until_acked(&http, &first, &office, ("inst-tablet", 1), &note, deadline).await?;
        import_csv(&http, second.clone(), &office, unit("by the import"), true).await?;
        for base in [&first, &second] {
            let held = fleet::pull_all(&http, base, &office, 1000).await?;
            let key = ("unit".to_owned(), id.clone(), "note".to_owned());
            let shown = held.get(&key).map(|(_, v)| v.clone());
            if shown != Some(json!("by the import")) {
                return fail(format!("{base} holds note {shown:?}, not the later import's"));
            }
        }
        Ok(())
    })
    .await;
}
