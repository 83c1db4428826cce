//! 工程部's repair1 finishes a job (issue 28 points 1–3): every button a role is offered on a
//! request is one the real server takes. butler1 files a repair, edits its description and
//! dispatches it (routed to 工程部); repair1 — shown only My day and the list, with the
//! job's location but no editor, dispatch or call-back — starts and finishes it with no
//! refusal notice; the office then sees when it was done and when the call-back is due;
//! butler1 calls back and closes it, again with no refusal.

use e2e::actions::{SYNC_TIMEOUT, UI_TIMEOUT};
use e2e::scenario::login_and_sync;
use e2e::{fail, progress, unique_suffix, wait_until, wait_value, Browser, Server, TestResult};

/// The classifier's default topic 给排水 (plumbing, routed to 工程部) and its problem 漏水.
const PLUMBING: &str = "00000000-0000-5000-8001-000000000064";
const LEAK: &str = "00000000-0000-5000-8001-000000000065";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn department_finishes_a_job() {
    let users = ["butler1", "repair1", "office"];
    e2e::scenario::with_browsers(Server::start().await, &users, |_, b| {
        Box::pin(scenario(&b[0], &b[1], &b[2]))
    })
    .await;
}

async fn scenario(butler: &Browser, repair: &Browser, office: &Browser) -> TestResult {
    login_and_sync(butler, "butler1").await?;
    login_and_sync(office, "office").await?;
    repair.login("repair1").await?;
    repair.wait_synced().await?;
    each_role_sees_its_own_tabs(butler, repair, office).await?;

    // butler1: file, edit, dispatch — each accepted.
    let units = butler.open_new_request_form().await?;
    butler.select("select#req-unit", &units[0]).await?;
    butler.select("#req-type", "repair").await?;
    butler.set_value("#req-topic", PLUMBING).await?;
    butler.set_value("#req-problem", LEAK).await?;
    let id = butler.create_request(&units[0], "E2E 卫生间漏水", "13900002222").await?;
    butler.wait_offered(&["in_progress", "cancelled"]).await?;
    let described = format!("E2E 卫生间漏水，楼下渗水 {}", unique_suffix());
    butler
        .edit_detail("#edit-description", "#save-description", "#detail-description", &described)
        .await?;
    butler.dispatch_as_routed().await?;
    butler.wait_offered(&["cancelled", "in_progress", "new"]).await?;
    accepted(butler).await?;
    let location = shown(butler, "#detail-location").await?;
    progress(format_args!("butler1 filed {id} at {location} and dispatched it"));

    // repair1: the job, where it is, and only the moves the server takes.
    repair.open_detail(&id).await?;
    let there = shown(repair, "#detail-location").await?;
    if there != location {
        return fail(format!("repair1 sees the job at {there:?}, butler1 at {location:?}"));
    }
    let editors = ["#edit-description", "#edit-contact-phone", "#dispatch", "#photo-input"];
    repair.lacks(&editors).await?;
    repair.wait_offered(&["in_progress"]).await?;
    repair.move_to("in_progress").await?;
    repair.wait_offered(&["done"]).await?;
    repair.move_to("done").await?;
    repair.wait_offered(&[]).await?;
    repair.lacks(&["#callback-save", "#complaint"]).await?;
    accepted(repair).await?;
    let done_at = shown(repair, "#detail-done-at").await?;
    progress(format_args!("repair1 finished the job at {done_at}"));

    // The office: when it was done, and when the call-back is due.
    office.open_detail(&id).await?;
    office.wait_status("done").await?;
    shown(office, "#detail-done-at").await?;
    let due = shown(office, ".callback-due").await?;
    if !due.chars().any(|c| c.is_ascii_digit()) {
        return fail(format!("the office's call-back due time is blank: {due:?}"));
    }

    // butler1: the call-back and the close, both accepted.
    butler.wait_status("done").await?;
    butler.wait_offered(&["reopened"]).await?;
    butler.call_back("satisfied", "修好了", "called_back").await?;
    butler.wait_offered(&["closed", "reopened"]).await?;
    butler.close_with("已修好，住户满意").await?;
    accepted(butler).await?;
    accepted(repair).await
}

/// Each role's navigation, and a route repair1 cannot use saying so.
async fn each_role_sees_its_own_tabs(
    b: &Browser,
    repair: &Browser,
    office: &Browser,
) -> TestResult {
    let butler = [
        "nav-day",
        "nav-requests",
        "nav-new",
        "nav-patrol",
        "nav-duties",
        "nav-register",
        "nav-review",
        "nav-reports",
    ];
    // Engineering reviews the renovations routed to it under Duties (issue 24).
    let department = ["nav-day", "nav-requests", "nav-duties"];
    for (who, want) in [(b, &butler[..]), (repair, &department[..])] {
        let tabs = who.nav_tabs().await?;
        if tabs != want {
            return fail(format!("{}: the tabs are {tabs:?}, not {want:?}", who.name));
        }
    }
    if !office.nav_tabs().await?.iter().any(|t| t == "nav-conflicts") {
        return fail("the office has no conflicts tab");
    }
    repair.goto("/requests/new").await?;
    repair.element("#not-for-role").await?;
    repair.lacks(&["#req-save"]).await?;
    // Reports are not theirs (the server answers them 403): the page says so.
    repair.goto("/reports/monthly").await?;
    repair.element("#not-for-role").await?;
    repair.lacks(&["#kpi-table", "#report-page"]).await?;
    // Inside the app too, by links: the address bar follows a page that is not for the role,
    // and the pages after it (the router completes every navigation), back to the start page.
    repair.visit("/settings").await?;
    repair.element("#not-for-role").await?;
    repair.visit("/duties").await?;
    repair.element("#duties").await?;
    repair.visit("/review").await?;
    repair.click("#not-for-role-home").await?;
    let home = "repair: back at the start page (/)";
    wait_until(home, UI_TIMEOUT, || async { Ok(repair.path().await? == "/") }).await?;
    repair.element("#req-search").await?;
    repair.lacks(&["#not-for-role"]).await?;
    // My day: no call-backs due nor patrol for who makes neither; the butler has both.
    b.goto("/day").await?;
    b.element("#day-callbacks").await?;
    repair.goto("/day").await?;
    repair.element("#day-overdue").await?;
    repair.lacks(&["#day-callbacks", "#day-rechecks"]).await
}

/// Waits until `who` has synced, then fails on any refusal notice.
async fn accepted(who: &Browser) -> TestResult {
    who.wait_synced().await?;
    who.no_refusals().await
}

/// The text of `selector` once it is not blank.
async fn shown(who: &Browser, selector: &str) -> TestResult<String> {
    let what = format!("{}: `{selector}` shows something", who.name);
    let text = wait_value(&what, SYNC_TIMEOUT.max(UI_TIMEOUT), || async {
        Ok(who.text_of(selector).await?.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()))
    })
    .await;
    who.explain(text).await
}
