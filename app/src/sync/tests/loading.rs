//! A snapshot loading in pages shows its progress: fields received of the total the first
//! page announced, gone when the last page is in.

use super::session;
use crate::store::MemStore;
use crate::sync::{Engine, Loading, Transport, TransportError};
use futures::executor::block_on;
use serde_json::json;
use shared::protocol::{PullResponse, PushRequest, PushResponse};
use shared::{Change, Hlc, Kind, RecordId, ReplicaId};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// Serves one snapshot of `fields` in pages of `per_page`, the first saying the total.
struct Paged {
    fields: Vec<Change>,
    per_page: usize,
    served: Cell<usize>,
    /// A clock each pull moves a second on (a slow network), when given.
    clock: Option<Rc<Cell<u64>>>,
}

impl Transport for Paged {
    async fn push(&self, _: &str, _: &PushRequest) -> Result<PushResponse, TransportError> {
        Err(TransportError::Offline("no pushes here".into()))
    }
    async fn pull(&self, _: &str, _: Option<&str>, _: u32) -> Result<PullResponse, TransportError> {
        if let Some(c) = &self.clock {
            c.set(c.get() + 1_000);
        }
        let from = self.served.get();
        let to = (from + self.per_page).min(self.fields.len());
        self.served.set(to);
        Ok(PullResponse {
            reset: from == 0,
            changes: self.fields[from..to].to_vec(),
            cursor: format!("c.{to}"),
            more: to < self.fields.len(),
            server_hlc: Hlc::new(1_700_000_000_000, 0),
            snapshot_total: (from == 0).then_some(self.fields.len() as u64),
            history: None,
        })
    }
}

/// `n` units of one field each, as a snapshot from the server holds them.
pub(super) fn units(n: usize) -> Vec<Change> {
    (0..n)
        .map(|i| Change {
            kind: Kind::new("unit"),
            id: RecordId::new_v7(),
            field: "number".into(),
            value: json!(format!("1-{i:04}")),
            hlc: Hlc::new(1_600_000_000_000, 0),
            replica: ReplicaId::server(),
            prev: None,
        })
        .collect()
}

/// Pulls a snapshot of 6 fields in pages of 2 under the clock `now`; returns what the UI
/// was told of the loading, in order, and the engine.
fn load(now: Box<dyn Fn() -> u64>) -> (Vec<Option<Loading>>, Engine<Rc<MemStore>, Paged>) {
    let fields = units(6);
    let transport = Paged { fields, per_page: 2, served: Cell::new(0), clock: None };
    let e = block_on(Engine::open(Rc::new(MemStore::new()), transport, now)).expect("open");
    block_on(e.sign_in(session())).expect("sign in");
    let seen = Rc::new(RefCell::new(Vec::new()));
    let log = seen.clone();
    e.set_listener(Box::new(move |s| log.borrow_mut().push(s.loading)));
    block_on(e.pull()).expect("pull");
    let told = seen.borrow().clone();
    (told, e)
}

#[test]
fn a_paged_snapshot_reports_its_progress_and_ends_it() {
    // A slow network: a second and more between pages, so every page is shown.
    let t = Rc::new(Cell::new(1_700_000_000_000u64));
    let (told, e) = load(Box::new(move || {
        t.set(t.get() + 2_000);
        t.get()
    }));
    assert_eq!(
        told,
        vec![
            Some(Loading { received: 2, total: 6 }),
            Some(Loading { received: 4, total: 6 }),
            None
        ]
    );
    assert_eq!(Loading { received: 4, total: 6 }.percent(), 66);
    assert_eq!(Loading::start(0).percent(), 100);
    assert_eq!(Loading::start(3).page(5), Loading { received: 5, total: 5 }, "never past the end");
    assert_eq!(block_on(e.snapshot()).state.records_of("unit").count(), 6);
}

#[test]
fn pages_arriving_fast_are_not_each_copied_to_the_ui() {
    // Every page within the same second: the UI is told of the first and the last only.
    let (told, e) = load(Box::new(|| 1_700_000_000_000u64));
    assert_eq!(told, vec![Some(Loading { received: 2, total: 6 }), None]);
    assert_eq!(block_on(e.snapshot()).state.records_of("unit").count(), 6, "nothing is lost");
}

#[test]
fn a_long_load_moves_the_bar_every_second_and_hands_the_records_at_a_doubling_pace() {
    // 60 fields in 30 pages, each page a second after the last: the bar moves with every
    // page; the records go to the UI with the first page, 1, 2, 4, 8 and 16 s into the load,
    // and with the last page — 7 times, not 30.
    let fields = units(60);
    let t = Rc::new(Cell::new(1_700_000_000_000u64));
    let transport = Paged { fields, per_page: 2, served: Cell::new(0), clock: Some(t.clone()) };
    let now = t.clone();
    let e =
        block_on(Engine::open(Rc::new(MemStore::new()), transport, Box::new(move || now.get())))
            .expect("open");
    block_on(e.sign_in(session())).expect("sign in");
    let (handed, bar) = (Rc::new(RefCell::new(Vec::new())), Rc::new(RefCell::new(Vec::new())));
    let (h, b) = (handed.clone(), bar.clone());
    e.set_listener(Box::new(move |s| {
        h.borrow_mut().push((s.state.records_of("unit").count(), s.loading.map(|l| l.received)))
    }));
    e.set_progress_listener(Box::new(move |l| b.borrow_mut().push(l.map(|l| l.received))));
    block_on(e.pull()).expect("pull");
    // After page k (from 0) the replica holds 2(k + 1) records.
    let pages_handed = [0u64, 1, 2, 4, 8, 16];
    let mut want: Vec<(usize, Option<u64>)> =
        pages_handed.iter().map(|k| (2 * (k + 1) as usize, Some(2 * (k + 1)))).collect();
    want.push((60, None));
    assert_eq!(
        *handed.borrow(),
        want,
        "records handed with the first page, at 1, 2, 4, 8, 16 s, and at the end"
    );
    let moved: Vec<Option<u64>> =
        (1..29u64).filter(|k| !pages_handed.contains(k)).map(|k| Some(2 * (k + 1))).collect();
    assert_eq!(*bar.borrow(), moved, "the bar moves at every other page");
    assert_eq!(block_on(e.snapshot()).state.records_of("unit").count(), 60, "nothing is lost");
}
