//! A request's whole way on a tablet with the server down (issue 8, point 9): intake →
//! dispatch (routed by the classifier) → done → call-back 不满意 → reopened automatically →
//! done → call-back 满意 → closed. Then the server comes back: the butler's outbox drains by
//! itself, and the office sees the same request, closed, with the same history — every event
//! now stamped with the time the server received it.

use e2e::actions::{SYNC_TIMEOUT, UI_TIMEOUT};
use e2e::scenario::login_and_sync;
use e2e::{fail, TestResult, TimelineEntry};
use e2e::{progress, unique_suffix, wait_until, Browser, Server};

/// The classifier's default topic 给排水 (plumbing, routed to engineering) and its problem
/// 漏水 (leak): `shared::request::classifier::default_id(100)` and `(101)`.
const PLUMBING: &str = "00000000-0000-5000-8001-000000000064";
const LEAK: &str = "00000000-0000-5000-8001-000000000065";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_lifecycle_offline() {
    e2e::scenario::with_browsers(Server::start().await, &["butler1", "office"], |server, b| {
        Box::pin(scenario(server, &b[0], &b[1]))
    })
    .await;
}

async fn scenario(server: &mut Server, butler: &Browser, office: &Browser) -> TestResult {
    tokio::try_join!(login_and_sync(butler, "butler1"), login_and_sync(office, "office"))?;
    let units = butler.open_new_request_form().await?;

    server.kill()?;
    let description = format!("E2E 厨房漏水 {}", unique_suffix());
    butler.select("select#req-unit", &units[0]).await?;
    butler.select("#req-type", "repair").await?;
    butler.select("#req-source", "phone").await?;
    butler.set_value("#req-topic", PLUMBING).await?;
    butler.set_value("#req-problem", LEAK).await?;
    butler.type_into("textarea#req-description", &description).await?;
    butler.type_into("input#req-contact-phone", "13900001111").await?;
    butler.click("button#req-save").await?;
    let id = wait_until_detail(butler).await?;
    let number = butler.request_number().await?;
    progress(format_args!("butler1 took request {id} offline as number {number}"));
    butler.wait_status("new").await?;

    butler.dispatch_as_routed().await?;
    butler.move_to("in_progress").await?;
    butler.move_to("done").await?;
    butler.call_back("dissatisfied", "还在滴水", "reopened").await?;
    butler.move_to("in_progress").await?;
    butler.move_to("done").await?;
    butler.call_back("satisfied", "修好了", "called_back").await?;
    butler.close_with("已修好，住户满意").await?;
    let reopens = butler.text_of("#detail-reopens").await?.unwrap_or_default();
    if reopens.trim() != "1" {
        return fail(format!("butler1: #detail-reopens shows {reopens:?}, not 1"));
    }

    let offline_history = butler.timeline().await?;
    let moves: Vec<&str> =
        offline_history.iter().filter(|e| e.kind == "status").map(|e| e.to.as_str()).collect();
    let expected = [
        "assigned",
        "in_progress",
        "done",
        "reopened",
        "in_progress",
        "done",
        "called_back",
        "closed",
    ];
    if moves != expected {
        return fail(format!("butler1's timeline has status moves {moves:?}, not {expected:?}"));
    }
    if offline_history.iter().any(|e| e.synced) {
        return fail(format!("offline, no event can be received yet: {offline_history:?}"));
    }
    let callbacks = offline_history.iter().filter(|e| e.kind == "callback").count();
    if callbacks < 2 {
        return fail(format!("two call-backs belong in the history: {offline_history:?}"));
    }

    server.restart().await?;
    butler.wait_synced().await?;
    office.open_detail(&id).await?;
    office.wait_status("closed").await?;
    let same = wait_until(
        "the office's timeline equals the butler's, every entry received by the server",
        SYNC_TIMEOUT,
        || async { Ok(same_history(&office.timeline().await?, &offline_history)) },
    )
    .await;
    office.explain(same).await?;
    let office_number = office.request_number().await?;
    if office_number != number {
        return fail(format!("the office shows number {office_number}, the tablet {number}"));
    }
    let synced_here =
        wait_until("butler1's timeline shows every event received", UI_TIMEOUT, || async {
            Ok(butler.timeline().await?.iter().all(|e| e.synced))
        })
        .await;
    butler.explain(synced_here).await
}

/// The detail page the form navigated to: the new request's id.
async fn wait_until_detail(butler: &Browser) -> TestResult<String> {
    let what = "butler1: saving navigates to /requests/<id> with #req-detail";
    let id = e2e::wait_value(what, UI_TIMEOUT, || async {
        let id = butler.attr_of("#req-detail", "data-id").await?.filter(|id| !id.is_empty());
        let path = butler.path().await?;
        Ok(id.filter(|id| path == format!("/requests/{id}")))
    })
    .await;
    butler.explain(id).await
}

/// The same entries in the same order, all of them received by the server.
fn same_history(office: &[TimelineEntry], tablet: &[TimelineEntry]) -> bool {
    let key = |e: &TimelineEntry| (e.kind.clone(), e.to.clone());
    office.len() == tablet.len()
        && office.iter().all(|e| e.synced)
        && office.iter().map(key).eq(tablet.iter().map(key))
}
