//! A tablet whose clock runs a day ahead and that never synced before it edited: the server
//! re-stamps its edits (`clock_ahead`), and a newer edit of the same field pulled before
//! the answer to its push arrives must stay (`shared::rebase`, the merge the simulation
//! proves with clocks a week off).

use super::*;
use crate::sync::fake::START_MS;
use futures::lock::Mutex;

const DAY: u64 = 24 * 3600 * 1000;

/// An engine whose device clock reads `START_MS + ahead` (and moves on by 1 ms a call).
fn open_ahead(store: &Rc<MemStore>, server: &FakeServer, ahead: u64) -> TestEngine {
    let t = Rc::new(Cell::new(START_MS + ahead));
    let now = Box::new(move || {
        t.set(t.get() + 1);
        t.get()
    });
    let e = block_on(Engine::open(store.clone(), server.clone(), now)).expect("open");
    block_on(e.sign_in(session())).expect("sign in");
    e
}

/// The office's edit of the request's description, written by the server at its time.
fn office_edits(server: &FakeServer, id: &RecordId, desc: &str) {
    let prev = server
        .0
        .borrow()
        .model
        .state
        .field(&Kind::new("request"), id, "description")
        .map(|f| f.hlc);
    server.write(Change {
        kind: Kind::new("request"),
        id: id.clone(),
        field: "description".into(),
        value: json!(desc),
        hlc: Hlc::ZERO,
        replica: ReplicaId::from("office-1"),
        prev,
    });
}

/// The tablet holds exactly what the server holds of the request, in memory and in store.
fn assert_equal_to_the_server(
    e: &TestEngine,
    store: &Rc<MemStore>,
    server: &FakeServer,
    id: &RecordId,
) {
    let kind = Kind::new("request");
    let on_server = server.0.borrow().model.state.record(&kind, id).cloned();
    assert!(on_server.is_some());
    let snap = block_on(e.snapshot());
    assert_eq!(snap.state.record(&kind, id), on_server.as_ref(), "in memory");
    let row = block_on(store.get_record(&kind, id)).unwrap().map(|r| r.fields);
    assert_eq!(row.as_ref(), on_server.as_ref(), "in store");
}

#[test]
fn a_tablet_a_day_ahead_keeps_a_newer_edit_it_pulled_while_its_push_was_in_flight() {
    let (store, server) = (Rc::new(MemStore::new()), FakeServer::default());
    let e = open_ahead(&store, &server, DAY);
    let id = new_request(&e, "电梯异响");
    let gate: Rc<Mutex<()>> = server.0.borrow().push_gate.clone();
    let held = block_on(gate.lock());

    let pushed = async { e.push().await };
    let meanwhile = async {
        // The server has taken the push (re-stamped at its time); the office, having pulled
        // it, corrects the description; the tablet pulls both before its reply arrives.
        let taken = server.0.borrow().model.state.record(&Kind::new("request"), &id).is_some();
        office_edits(&server, &id, "电梯异响，已报修");
        e.pull().await.expect("pull");
        // Its own stamp, a day ahead, still beats the office's edit on the screen.
        let shown = e
            .snapshot()
            .await
            .state
            .field(&Kind::new("request"), &id, "description")
            .map(|f| f.value.clone());
        assert_eq!(shown, Some(json!("电梯异响")));
        drop(held);
        taken
    };
    let (pushed, taken) = block_on(futures::future::join(pushed, meanwhile));
    pushed.expect("push");
    assert!(taken, "the push was on the server before the office's edit");
    let rejections = server.0.borrow().model.refusals.values().flatten().count();
    assert!(rejections > 0, "the server re-stamped the tablet's changes (clock_ahead)");

    assert_eq!(field(&e, &id, "description"), Some(json!("电梯异响，已报修")), "the newer edit");
    assert_equal_to_the_server(&e, &store, &server, &id);
    block_on(e.sync_once()).expect("sync");
    assert_equal_to_the_server(&e, &store, &server, &id);
}

/// The same with the push's reply lost and the app reloaded before it pushes again: what
/// the server confirmed of the pending fields is in the store.
#[test]
fn a_tablet_a_day_ahead_reloaded_before_its_answer_ends_equal_to_the_server() {
    let (store, server) = (Rc::new(MemStore::new()), FakeServer::default());
    let e = open_ahead(&store, &server, DAY);
    let id = new_request(&e, "水管漏水");
    server.with(|s| s.lose_push_reply = true);
    assert!(block_on(e.push()).is_err(), "the reply is lost");
    office_edits(&server, &id, "水管漏水，已关阀");
    block_on(e.pull()).expect("pull");
    assert_eq!(field(&e, &id, "description"), Some(json!("水管漏水")), "its stamp beats it");
    drop(e);

    let e = open_ahead(&store, &server, DAY + 60_000);
    block_on(e.sync_once()).expect("the push again, answered from the server's record of it");
    assert!(block_on(store.outbox()).unwrap().is_empty());
    assert_eq!(field(&e, &id, "description"), Some(json!("水管漏水，已关阀")));
    assert_equal_to_the_server(&e, &store, &server, &id);
}
