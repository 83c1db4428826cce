//! Threat: the reply to a push is lost, so the device resends, and a refusal it never saw
//! must not turn into silent divergence. Also: forged `prev` stamps, and one UUID spelt in
//! two cases.

use crate::support::Backend::{Postgres, Sqlite};
use crate::support::{self, change, last_value, now, Backend};
use rstest::rstest;
use serde_json::json;
use shared::{Hlc, RecordId, RejectCode};

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resend_gets_the_same_refusals_and_compensations(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start(b).await else { return };
    let (butler, office) = (s.login("butler").await, s.login("office").await);
    let start = s.pull(&office, None, None).await.cursor;
    let id = RecordId::new_v7();
    let t = now();
    // A new request may not start as closed: refused, and nothing is stored of a record
    // nobody holds — the pusher alone gets the null, at the zero stamp.
    let bad = vec![change("request", &id, "status", json!("closed"), t, "tab-r", None)];
    let first = s.push(&butler, "tab-r", vec![(1, bad.clone())]).await;
    assert_eq!(first.rejections.len(), 1);
    assert_eq!(first.rejections[0].code, RejectCode::BadTransition);
    let again = s.push(&butler, "tab-r", vec![(1, bad)]).await;
    assert_eq!(again.last_seq, 1);
    assert_eq!(again.rejections, first.rejections, "the lost answer, again");
    let comp = first.rejections[0].compensation.clone().expect("compensation");
    assert_eq!((comp.value, comp.hlc), (json!(null), Hlc::ZERO));
    let (seen, _) = s.pull_all(&office, &start).await;
    assert_eq!(last_value(&seen, &id, "status"), None, "nothing of it is logged");

    // Once the record exists, a refusal restates the stored value, logged for everyone.
    let new = change("request", &id, "status", json!("new"), t + 1, "tab-r", None);
    assert!(s.push(&butler, "tab-r", vec![(2, vec![new])]).await.rejections.is_empty());
    let bad = vec![change("request", &id, "status", json!("closed"), t + 2, "tab-r", None)];
    let first = s.push(&butler, "tab-r", vec![(3, bad.clone())]).await;
    assert_eq!(first.rejections[0].code, RejectCode::BadTransition);
    let again = s.push(&butler, "tab-r", vec![(3, bad)]).await;
    assert_eq!(again.rejections, first.rejections, "the lost answer, again");
    let comp = first.rejections[0].compensation.clone().expect("compensation");
    assert!(comp.hlc > Hlc::new(t + 2, 0), "stamped after the refused change");
    let (seen, _) = s.pull_all(&office, &start).await;
    assert_eq!(last_value(&seen, &id, "status"), Some(&comp), "the restated value is in the log");
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_prev_later_than_the_change_is_refused(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start(b).await else { return };
    let butler = s.login("butler").await;
    let id = RecordId::new_v7();
    let t = now();
    let forged = change(
        "request",
        &id,
        "description",
        json!("x"),
        t,
        "tab-p",
        Some(Hlc::new(t + 60_000, 0)),
    );
    let r = s.push(&butler, "tab-p", vec![(1, vec![forged])]).await;
    assert_eq!(r.rejections.iter().map(|r| r.code).collect::<Vec<_>>(), vec![RejectCode::BadPrev]);
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn upper_and_lower_case_ids_are_one_record(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start(b).await else { return };
    let (butler, office) = (s.login("butler").await, s.login("office").await);
    let start = s.pull(&office, None, None).await.cursor;
    let id = RecordId::new_v7();
    let t = now();
    let upper = RecordId(id.as_str().to_uppercase());
    let body = json!({ "replica": "tab-u", "schema": 1, "batches": [{ "seq": 1, "changes": [
        { "kind": "request", "id": upper.as_str(), "field": "description", "value": "A",
          "hlc": Hlc::new(t, 0).to_string(), "replica": "tab-u", "prev": null },
        { "kind": "request", "id": id.as_str(), "field": "contact_name", "value": "王",
          "hlc": Hlc::new(t + 1, 0).to_string(), "replica": "tab-u", "prev": null } ] }] });
    let r = s.post_json("/api/v1/sync/push", Some(&butler), &body).await;
    let reply: shared::protocol::PushResponse = support::ok_json(r).await;
    assert!(reply.rejections.is_empty(), "{:?}", reply.rejections);
    let (seen, _) = s.pull_all(&office, &start).await;
    let ids: std::collections::BTreeSet<_> =
        seen.iter().filter(|c| c.kind.as_str() == "request").map(|c| c.id.clone()).collect();
    assert_eq!(ids.into_iter().collect::<Vec<_>>(), vec![id], "one record, lower case");
}
