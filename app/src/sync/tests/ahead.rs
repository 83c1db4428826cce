//! A pull asks for the next page as soon as the head of a page says where it starts, before
//! the page is parsed, so the server works on it meanwhile (`Transport::pull_head`); and a
//! head that names the wrong page costs a request, never a page.

use super::loading::units;
use super::session;
use crate::store::MemStore;
use crate::sync::{Engine, PullHead, Transport, TransportError};
use futures::executor::block_on;
use futures::future::LocalBoxFuture;
use shared::protocol::{PullResponse, PushRequest, PushResponse};
use shared::{Change, Hlc};
use std::cell::RefCell;
use std::rc::Rc;

/// Serves a snapshot of `fields` in pages of `per_page` by cursor (`c.<offset>`), logging
/// each request when it is sent and each page when it is parsed. Its heads name the next
/// page; with `wrong_heads` they name one past it.
struct Ahead {
    fields: Vec<Change>,
    per_page: usize,
    wrong_heads: bool,
    log: Rc<RefCell<Vec<String>>>,
}

impl Ahead {
    fn page(&self, cursor: Option<&str>) -> PullResponse {
        let at = |n: &str| n.parse().unwrap_or(self.fields.len());
        let from = cursor.and_then(|c| c.strip_prefix("c.")).map_or(0, at);
        let to = (from + self.per_page).min(self.fields.len());
        PullResponse {
            reset: from == 0,
            changes: self.fields[from..to].to_vec(),
            cursor: format!("c.{to}"),
            more: to < self.fields.len(),
            server_hlc: Hlc::new(1_700_000_000_000, 0),
            snapshot_total: (from == 0).then_some(self.fields.len() as u64),
            history: None,
        }
    }
}

impl Transport for Ahead {
    async fn push(&self, _: &str, _: &PushRequest) -> Result<PushResponse, TransportError> {
        Err(TransportError::Offline("no pushes here".into()))
    }

    async fn pull(&self, _: &str, c: Option<&str>, _: u32) -> Result<PullResponse, TransportError> {
        self.log.borrow_mut().push(format!("whole {}", c.unwrap_or("-")));
        Ok(self.page(c))
    }

    fn pull_head<'a>(
        &'a self,
        _: &'a str,
        cursor: Option<String>,
        _: u32,
    ) -> LocalBoxFuture<'a, Result<PullHead, TransportError>> {
        let name = cursor.clone().unwrap_or_else(|| "-".into());
        // Logged when called: an eager transport's request is on its way from here.
        self.log.borrow_mut().push(format!("ask {name}"));
        let page = self.page(cursor.as_deref());
        let next = match (page.more, self.wrong_heads) {
            (false, _) => None,
            (true, false) => Some(page.cursor.clone()),
            (true, true) => Some(format!("{}x", page.cursor)),
        };
        let log = self.log.clone();
        Box::pin(async move {
            let page = Box::pin(async move {
                log.borrow_mut().push(format!("parse {name}"));
                Ok(page)
            });
            Ok(PullHead { next, page })
        })
    }
}

/// Pulls a snapshot of 6 fields in pages of 2; the log and the numbers the engine holds.
fn pull(wrong_heads: bool) -> (Vec<String>, Vec<String>) {
    let log = Rc::new(RefCell::new(Vec::new()));
    let t = Ahead { fields: units(6), per_page: 2, wrong_heads, log: log.clone() };
    let e = block_on(Engine::open(Rc::new(MemStore::new()), t, Box::new(|| 1_700_000_000_000)))
        .expect("open");
    block_on(e.sign_in(session())).expect("sign in");
    block_on(e.pull()).expect("pull");
    let state = block_on(e.snapshot()).state;
    let numbers = state.records_of("unit").map(|(_, f)| f.string("number")).collect();
    let told = log.borrow().clone();
    (told, numbers)
}

#[test]
fn the_next_page_is_asked_for_before_this_one_is_parsed() {
    let (log, numbers) = pull(false);
    assert_eq!(
        log,
        ["ask -", "ask c.2", "parse -", "ask c.4", "parse c.2", "parse c.4"],
        "each page's request goes out before the page before it is parsed"
    );
    let want: Vec<String> = (0..6).map(|i| format!("1-{i:04}")).collect();
    assert_eq!(numbers, want, "every field, once");
}

#[test]
fn a_head_naming_the_wrong_page_costs_a_request_not_a_page() {
    let (log, numbers) = pull(true);
    assert_eq!(
        log,
        [
            "ask -",
            "ask c.2x",
            "parse -",
            "ask c.2",
            "ask c.4x",
            "parse c.2",
            "ask c.4",
            "parse c.4"
        ],
        "the page's own cursor is followed when its head disagrees"
    );
    let want: Vec<String> = (0..6).map(|i| format!("1-{i:04}")).collect();
    assert_eq!(numbers, want, "nothing lost, nothing doubled");
}
