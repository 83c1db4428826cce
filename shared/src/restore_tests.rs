use super::Rebase;
use crate::{Change, Hlc, Kind, RecordId, ReplicaId, ReplicaState};
use serde_json::json;

fn change(id: &str, field: &str, value: &str, t: u64, replica: &str) -> Change {
    Change {
        kind: Kind::new("request"),
        id: RecordId::from(id),
        field: field.into(),
        value: json!(value),
        hlc: Hlc::new(t, 0),
        replica: ReplicaId::from(replica),
        prev: None,
    }
}

fn state(changes: &[Change]) -> ReplicaState {
    let mut s = ReplicaState::new();
    for c in changes {
        s.apply(c);
    }
    s
}

/// The device held a description edited after the backup, a record the backup lacks, and a
/// field the server holds newer (edited after the restore); the server's snapshot comes in
/// two pages.
#[test]
fn restates_what_the_server_lacks_or_holds_older_and_nothing_else() {
    let device = state(&[
        change("r1", "description", "old", 10, "tab-a"),
        change("r1", "description", "edited after the backup", 30, "tab-a"),
        change("r1", "status", "new", 10, "tab-a"),
        change("r2", "status", "new", 25, "office"),
        change("r3", "status", "assigned", 20, "tab-a"),
    ]);
    let snapshot = [
        change("r1", "description", "old", 10, "tab-a"),
        change("r1", "status", "new", 10, "tab-a"),
        change("r3", "status", "in_progress", 40, "office"),
    ];
    let mut rebase = Rebase::new("h2");
    let mut merged = device.clone();
    for page in snapshot.chunks(2) {
        rebase.observe(&merged, page);
        for c in page {
            merged.apply(c);
        }
    }
    // Nothing dropped: the merge of both.
    let mut expected = device.clone();
    for c in &snapshot {
        expected.apply(c);
    }
    assert_eq!(merged, expected);

    let again = rebase.restatements(&merged, |_, _| true);
    let sent: Vec<_> = again.iter().map(|c| (c.id.as_str(), c.field.as_str())).collect();
    assert_eq!(
        sent,
        vec![("r2", "status"), ("r1", "description")],
        "the lost record and the newer description, oldest first"
    );
    // Each keeps its stamp and author.
    assert_eq!(again[0].replica, ReplicaId::from("office"));
    assert_eq!(again[1].hlc, Hlc::new(30, 0));

    // A field the role may not write is not restated.
    let butler = rebase.restatements(&merged, |_, f| f != "status");
    assert_eq!(butler.len(), 1);
    assert_eq!(butler[0].field, "description");
}

/// After the restatements reach a server holding the snapshot, it equals the device.
#[test]
fn server_plus_restatements_equals_the_device() {
    let device = state(&[
        change("a", "f", "1", 5, "x"),
        change("b", "f", "2", 9, "y"),
        change("c", "g", "3", 7, "x"),
    ]);
    let snapshot = [change("a", "f", "0", 3, "z"), change("c", "g", "9", 8, "z")];
    let mut server = state(&snapshot);
    let mut rebase = Rebase::new("h");
    rebase.observe(&device, &snapshot);
    let mut merged = device.clone();
    for c in &snapshot {
        merged.apply(c);
    }
    for c in rebase.restatements(&merged, |_, _| true) {
        server.apply(&c);
    }
    assert_eq!(server, merged);
}
