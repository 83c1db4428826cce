//! Golden vectors that freeze the wire format (`docs/ARCHITECTURE.md`, "Sync protocol"): each value
//! below is serialized and compared byte for byte with `tests/golden/<name>.json` (pretty JSON,
//! trailing newline), and each file is parsed back and compared with the value. A failing test here
//! means the wire format changed: that needs a new API version, not a new golden file.
//!
//! After a deliberate change, rewrite the files with
//! `UPDATE_GOLDEN=1 cargo test -p shared --test golden` and review the diff.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::json;
use shared::protocol::{Batch, EventsTicket, PullResponse, PushRequest, PushResponse, Rejection};
use shared::{Change, Hlc, Kind, RecordId, ReplicaId};
use std::fmt::Debug;
use std::path::PathBuf;

fn path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(format!("{name}.json"))
}

/// Compares `value` with the golden file both ways, or rewrites it under `UPDATE_GOLDEN=1`.
fn check<T: Serialize + DeserializeOwned + PartialEq + Debug>(name: &str, value: &T) {
    let file = path(name);
    let mut text = serde_json::to_string_pretty(value).expect("wire types serialize");
    text.push('\n');
    if std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1") {
        std::fs::write(&file, &text).expect("golden file is writable");
        return;
    }
    let golden = std::fs::read_to_string(&file).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; create it with UPDATE_GOLDEN=1 cargo test -p shared --test golden",
            file.display()
        )
    });
    assert!(
        text == golden,
        "{name}: serialization differs from {}\n--- expected (file)\n{golden}--- got\n{text}",
        file.display()
    );
    let parsed: T = serde_json::from_str(&golden).expect("golden file parses");
    assert_eq!(&parsed, value, "{name}: parsing the golden file gives another value");
}

const REQUEST_ID: &str = "0190f0a0-5b1c-7c3e-9a4d-2f6e8b1c0d01";

fn status_change() -> Change {
    Change {
        kind: Kind::new("request"),
        id: RecordId::from(REQUEST_ID),
        field: "status".into(),
        value: json!("new"),
        hlc: Hlc::new(1_718_000_000_000, 0),
        replica: ReplicaId::from("tablet-7f3a"),
        prev: None,
    }
}

fn description_change() -> Change {
    Change {
        kind: Kind::new("request"),
        id: RecordId::from(REQUEST_ID),
        field: "description".into(),
        value: json!("3号楼1单元0302厨房水管漏水，业主王女士下午在家"),
        hlc: Hlc::new(1_718_000_000_000, 1),
        replica: ReplicaId::from("tablet-7f3a"),
        prev: None,
    }
}

fn phone_edit() -> Change {
    Change {
        kind: Kind::new("request"),
        id: RecordId::from(REQUEST_ID),
        field: "contact_phone".into(),
        value: json!("13800138000"),
        hlc: Hlc::new(1_718_000_360_000, 0),
        replica: ReplicaId::from("tablet-7f3a"),
        prev: Some(Hlc::new(1_718_000_000_000, 2)),
    }
}

#[test]
fn change_wire_format_is_frozen() {
    check("change", &description_change());
}

#[test]
fn push_request_wire_format_is_frozen() {
    let req = PushRequest {
        replica: ReplicaId::from("tablet-7f3a"),
        // A device of schema 2: the vector freezes the format, whatever the version is today.
        schema: 2,
        batches: vec![
            Batch { seq: 41, changes: vec![status_change(), description_change()] },
            Batch { seq: 42, changes: vec![phone_edit()] },
        ],
        history: None,
        rebase_from: None,
    };
    check("push", &req);
}

#[test]
fn pull_response_wire_format_is_frozen() {
    let conflict_id = "0190f0a1-0000-7000-8000-00000000c0f1";
    let conflict = |field: &str, value: serde_json::Value, counter: u16| Change {
        kind: Kind::new("conflict"),
        id: RecordId::from(conflict_id),
        field: field.into(),
        value,
        hlc: Hlc::new(1_718_000_400_000, counter),
        replica: ReplicaId::server(),
        prev: None,
    };
    let resp = PullResponse {
        reset: false,
        changes: vec![
            phone_edit(),
            conflict("target_id", json!(REQUEST_ID), 0),
            conflict("lost_value", json!("13900139000"), 1),
            conflict("deleted", json!(false), 2),
            conflict("status", json!("open"), 3),
            // Who wrote each side, from which device (issue 28): the clerk judges by them.
            conflict("kept_by", json!("0190f0a1-0000-7000-8000-00000000aa01"), 4),
            conflict("lost_by", json!("0190f0a1-0000-7000-8000-00000000aa02"), 5),
            conflict("kept_replica", json!("desk-1"), 6),
        ],
        cursor: "1042".into(),
        more: true,
        server_hlc: Hlc::new(1_718_000_400_000, 7),
        snapshot_total: None,
        history: None,
    };
    check("pull", &resp);
}

#[test]
fn the_first_page_of_a_snapshot_says_how_big_it_is() {
    let resp = PullResponse {
        reset: true,
        changes: vec![phone_edit()],
        cursor: "a1b2c3d4e5f6.1042~request~0190f0a0-5b1c-7c3e-9a4d-2f6e8b1c0d01~contact_phone"
            .into(),
        more: true,
        server_hlc: Hlc::new(1_718_000_400_000, 5),
        snapshot_total: Some(48_213),
        history: None,
    };
    check("pull_reset", &resp);
}

#[test]
fn events_ticket_wire_format_is_frozen() {
    let ticket = EventsTicket {
        ticket: "5f0c9a1e7b2d4c3a8e6f1b0d9c7a5e3f2b1d0c9e8f7a6b5c4d3e2f1a0b9c8d7e".into(),
        expires_in_ms: 60_000,
    };
    check("events_ticket", &ticket);
}

#[test]
fn push_response_with_a_compensation_round_trips() {
    // Not frozen in a file (the server owns its shape), but it must survive the wire intact.
    let mut comp = status_change();
    comp.replica = ReplicaId::server();
    comp.prev = Some(comp.hlc);
    comp.hlc = Hlc::new(1_718_000_500_000, 0);
    let resp = PushResponse {
        last_seq: 42,
        rejections: vec![Rejection {
            seq: 42,
            index: 0,
            code: shared::RejectCode::BadTransition,
            message: "status cannot go from new to closed".into(),
            compensation: Some(comp),
        }],
        server_hlc: Hlc::new(1_718_000_500_000, 1),
        history: None,
    };
    let text = serde_json::to_string(&resp).expect("serializes");
    assert_eq!(serde_json::from_str::<PushResponse>(&text).expect("parses"), resp);
}

#[test]
fn a_change_without_prev_parses_as_never_seen() {
    let text = r#"{"kind":"request","id":"0190f0a0-5b1c-7c3e-9a4d-2f6e8b1c0d01","field":"status",
        "value":"new","hlc":"0000018e6a2c7c00","replica":"tablet-7f3a"}"#;
    let c: Change = serde_json::from_str(text).expect("prev may be omitted");
    assert_eq!(c.prev, None);
    assert_eq!(c.hlc.to_string(), "0000018e6a2c7c00");
}

#[test]
fn malformed_hlcs_are_refused_on_the_wire() {
    for bad in ["\"0000018E6A2C7C00\"", "\"18e6a2c7c00\"", "1718000000000", "null"] {
        let text = format!(
            r#"{{"kind":"request","id":"x","field":"f","value":1,"hlc":{bad},"replica":"r","prev":null}}"#
        );
        assert!(serde_json::from_str::<Change>(&text).is_err(), "accepted hlc {bad}");
    }
}
