//! Threat: a long offline day (or a hostile client) sends a push so large that it can never be
//! applied. The server caps the changes of one push with a clear error and changes nothing;
//! the app sends a long day in several pushes and splits an edit bigger than a push
//! (`shared::batches`), which the server accepts whole.

use crate::support::Backend::{Postgres, Sqlite};
use crate::support::{self, change, expect_error, fixture_id, last_value, now, Backend};
use reqwest::StatusCode;
use rstest::rstest;
use serde_json::{json, Value};
use shared::batches::{first_push, split_edit, MAX_BATCH_CHANGES};
use shared::patrol::{answer_id, photo_copy_id, rectification_id, template};
use shared::protocol::{Batch, PushRequest, MAX_PUSH_CHANGES};
use shared::schema::SCHEMA_VERSION;
use shared::{Change, Hlc, RecordId, RejectCode, ReplicaId};

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn too_many_changes_in_one_push_are_refused_whole(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start(b).await else { return };
    let (butler, office) = (s.login("butler").await, s.login("office").await);
    let start = s.pull(&office, None, None).await.cursor;
    let t = now();
    let batches: Vec<Batch> = (0..=MAX_PUSH_CHANGES as u64)
        .map(|i| Batch {
            seq: i + 1,
            changes: vec![change(
                "request",
                &RecordId::new_v7(),
                "description",
                json!("x"),
                t + i,
                "tab-big",
                None,
            )],
        })
        .collect();
    let req = PushRequest {
        replica: ReplicaId::from("tab-big"),
        schema: SCHEMA_VERSION,
        batches,
        history: None,
        rebase_from: None,
    };
    let r = s.post_json("/api/v1/sync/push", Some(&butler), &req).await;
    let body = expect_error(r, StatusCode::PAYLOAD_TOO_LARGE, "too_many_changes").await;
    let message = body["error"]["message"].as_str().unwrap_or_default().to_owned();
    assert!(message.contains(&MAX_PUSH_CHANGES.to_string()), "says the limit: {message}");
    let (seen, _) = s.pull_all(&office, &start).await;
    assert!(seen.is_empty(), "nothing applied: {} changes", seen.len());
}

/// Stamps `fields` of `kind` `id` as one device would, each change a tick after the last.
fn fields(
    kind: &str,
    id: &RecordId,
    fields: &[(&str, Value)],
    clock: &mut (u64, u16),
) -> Vec<Change> {
    let mut out = Vec::new();
    for (f, v) in fields {
        clock.1 += 1;
        out.push(Change {
            hlc: Hlc::new(clock.0, clock.1),
            ..change(kind, id, f, v.clone(), 0, TAB, None)
        });
    }
    out
}

const TAB: &str = "tab-round";

/// A photo's fields as the tablet writes them (a finding's copy repeats all but `by`).
fn photo(
    id: &RecordId,
    kind: &str,
    parent: &RecordId,
    n: usize,
    clock: &mut (u64, u16),
) -> Vec<Change> {
    let f = [
        ("parent_kind", json!(kind)),
        ("parent_id", json!(parent.0)),
        ("sha256", json!(format!("{:064x}", n + 1))),
        ("thumb_sha256", json!(format!("{:064x}", n + 100_000))),
        ("mime", json!("image/jpeg")),
        ("bytes", json!(812_345)),
        ("width", json!(2048)),
        ("height", json!(1536)),
        ("at", json!(1_700_000_000_000u64)),
        ("taken_at", json!(1_700_000_000_000u64)),
        ("lat", json!(31.2)),
        ("lon", json!(121.5)),
    ];
    fields("photo", id, &f, clock)
}

/// Threat: ending a patrol round files every finding in one edit (about 22 changes a finding
/// and 14 a photo), far more than one push may carry. The app splits it with
/// `shared::batches` and pushes the batches as its engine does; the server takes every one,
/// and each finding arrives whole.
#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_round_of_200_findings_split_as_the_app_does_is_accepted_whole(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(s) = support::start(b).await else { return };
    let (butler, office) = (s.login("butler").await, s.login("office").await);
    let start = s.pull(&office, None, None).await.cursor;
    let mut clock = (now(), 0u16);
    let (area, building) = (fixture_id("area-0"), fixture_id("building-0"));
    let round = RecordId::new_v7();
    let mut edits = vec![fields(
        "patrol_round",
        &round,
        &[
            ("template", json!(template::default_id(1).0)),
            ("version", json!(1)),
            ("area", json!(area.0)),
            ("started_at", json!(clock.0)),
        ],
        &mut clock,
    )];
    let mut answers = Vec::new();
    for n in 0..200 {
        // One failed answer per (item, floor) of the building, each with its photo.
        let item = template::default_id(100 + (n % 8) as u32);
        let a = answer_id(&round, &item, Some(&building), Some(n as i64 / 8 + 1));
        let mut edit = fields(
            "patrol_answer",
            &a,
            &[
                ("round", json!(round.0)),
                ("item", json!(item.0)),
                ("building", json!(building.0)),
                ("floor", json!(n / 8 + 1)),
                ("result", json!("fail")),
                ("note", json!("灯不亮")),
            ],
            &mut clock,
        );
        edit.extend(photo(&RecordId::new_v7(), "patrol_answer", &a, n, &mut clock));
        edits.push(edit);
        answers.push(a);
    }
    let mut end = Vec::new();
    for (n, a) in answers.iter().enumerate() {
        let req = rectification_id(a);
        end.extend(fields(
            "request",
            &req,
            &[
                ("category", json!("repair")),
                ("source", json!("patrol")),
                ("urgency", json!("normal")),
                ("missed_call", json!(false)),
                ("status", json!("new")),
                ("description", json!(format!("【巡查】楼道照明；第{n}处"))),
                ("created_at", json!(clock.0)),
                ("patrol_answer", json!(a.0)),
                ("patrol_round", json!(round.0)),
                ("area", json!(area.0)),
                ("building", json!(building.0)),
            ],
            &mut clock,
        ));
        let event = [("request", json!(req.0)), ("type", json!("created")), ("at", json!(clock.0))];
        end.extend(fields("request_event", &RecordId::new_v7(), &event, &mut clock));
        end.extend(photo(
            &photo_copy_id(&RecordId::new_v7(), &req),
            "request",
            &req,
            n,
            &mut clock,
        ));
    }
    end.extend(fields("patrol_round", &round, &[("ended_at", json!(clock.0))], &mut clock));
    assert!(end.len() > MAX_PUSH_CHANGES, "{} changes in the round's end", end.len());

    // Sent whole, as the app did before, the round's end can never be applied.
    let whole = PushRequest {
        replica: ReplicaId::from(TAB),
        schema: SCHEMA_VERSION,
        batches: vec![Batch { seq: edits.len() as u64 + 1, changes: end.clone() }],
        history: None,
        rebase_from: None,
    };
    let r = s.post_json("/api/v1/sync/push", Some(&butler), &whole).await;
    expect_error(r, StatusCode::PAYLOAD_TOO_LARGE, "too_many_changes").await;

    edits.extend(split_edit(end, |kind, _| kind.as_str() != "patrol_round"));
    let mut outbox: Vec<Batch> =
        (1..).zip(edits).map(|(seq, changes)| Batch { seq, changes }).collect();
    let (mut pushes, mut refused) = (0, Vec::new());
    while !outbox.is_empty() {
        let batches = first_push(&outbox);
        let sent: usize = batches.iter().map(|b| b.changes.len()).sum();
        assert!(sent <= MAX_BATCH_CHANGES, "{sent} changes in one push");
        let reply =
            s.push(&butler, TAB, batches.into_iter().map(|b| (b.seq, b.changes)).collect()).await;
        refused.extend(reply.rejections.into_iter().filter(|r| r.code != RejectCode::Rewritten));
        outbox.retain(|b| b.seq > reply.last_seq);
        pushes += 1;
    }
    assert!(refused.is_empty(), "nothing refused: {refused:?}");
    assert!(pushes > 4, "{pushes} pushes");

    let (seen, _) = s.pull_all(&office, &start).await;
    assert!(last_value(&seen, &round, "ended_at").is_some());
    for a in &answers {
        let req = rectification_id(a);
        assert_eq!(last_value(&seen, &req, "status").map(|c| &c.value), Some(&json!("new")));
        let children = |kind: &str, field: &str| {
            seen.iter()
                .filter(|c| c.kind.as_str() == kind && c.field == field && c.value == json!(req.0))
                .count()
        };
        assert_eq!((children("request_event", "request"), children("photo", "parent_id")), (1, 1));
    }
}
