//! Issue 25 points 1 and 7: a satisfaction survey answered door to door on the tablet with no
//! signal reaches the office's results. The office reads this quarter's survey of butler1's
//! area (returned questionnaires, and the answers scoring each topic); butler1, offline,
//! answers two households of the sample not yet asked, one satisfied with everything and one
//! dissatisfied with the first topic; back online, the server holds both, and the office's
//! results page, left open all along, counts both returns and both scores without a reload.

use e2e::actions::{SYNC_TIMEOUT, UI_TIMEOUT};
use e2e::scenario::login_and_sync;
use e2e::{fail, progress, wait_value, ApiDevice, Browser, Server, TestResult};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::time::Instant;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn survey_answered_offline() {
    e2e::scenario::with_browsers(Server::start().await, &["butler1", "office"], |server, b| {
        Box::pin(scenario(server, &b[0], &b[1]))
    })
    .await;
}

/// Butler1's survey under way (the latest one of its area) and the units already answered.
async fn survey_of_butler1(server: &Server) -> TestResult<(String, BTreeSet<String>)> {
    let api = ApiDevice::login(server, "butler1", "e2e-survey-look").await?;
    let changes = api.pull_all().await?;
    let field = |c: &Value, f: &str| c["field"] == f;
    let latest = changes
        .iter()
        .filter(|c| c["kind"] == "survey" && field(c, "period_start"))
        .max_by_key(|c| c["value"].as_i64().unwrap_or_default())
        .and_then(|c| c["id"].as_str().map(str::to_owned));
    let Some(survey) = latest else { return fail("butler1 holds no survey") };
    let answered_of_survey: BTreeSet<&str> = changes
        .iter()
        .filter(|c| c["kind"] == "survey_answer" && field(c, "survey") && c["value"] == survey)
        .filter_map(|c| c["id"].as_str())
        .collect();
    let answered = changes
        .iter()
        .filter(|c| c["kind"] == "survey_answer" && field(c, "unit"))
        .filter(|c| c["id"].as_str().is_some_and(|id| answered_of_survey.contains(id)))
        .filter_map(|c| c["value"].as_str().map(str::to_owned))
        .collect();
    Ok((survey, answered))
}

/// The office's figures on the results page: questionnaires returned, and answers scoring
/// the first topic with its name.
async fn results(office: &Browser) -> TestResult<(u64, String, u64)> {
    let js = "const r = document.querySelector('#survey-returned');
const t = document.querySelector('#survey-results tr[data-topic]');
if (!r || !t) return null;
const scored = t.querySelector('td.scored');
return [r.textContent.trim(), t.dataset.topic, scored ? scored.textContent.trim() : ''];";
    let (returned, topic, scored) =
        wait_value("office: the survey's results are shown", UI_TIMEOUT, || async {
            office.js::<Option<(String, String, String)>>(js, vec![]).await
        })
        .await?;
    let num = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>().parse().ok();
    match (num(&returned), num(&scored)) {
        (Some(r), Some(s)) => Ok((r, topic, s)),
        _ => fail(format!("unreadable results: returned {returned:?}, scored {scored:?}")),
    }
}

/// Answers the questionnaire of `unit` at the door: every topic satisfied, except the first
/// when `unhappy`.
async fn answer(b: &Browser, survey: &str, unit: &str, unhappy: bool) -> TestResult {
    b.open_in_app(&format!("/surveys/{survey}")).await?;
    b.click(&format!("li[data-unit='{unit}'] a")).await?;
    b.set_value("#survey-outcome", "answered").await?;
    b.set_value("#survey-method", "door").await?;
    let ids: Vec<String> =
        wait_value("butler1: the questionnaire's topics", UI_TIMEOUT, || async {
            let js =
                "const s = [...document.querySelectorAll('select[id^=\"score-\"]')].map(s => s.id);
return s.length ? s : null;";
            b.js::<Option<Vec<String>>>(js, vec![]).await
        })
        .await?;
    for (i, id) in ids.iter().enumerate() {
        let score = if unhappy && i == 0 { "dissatisfied" } else { "satisfied" };
        b.set_value(&format!("#{id}"), score).await?;
    }
    b.click("#survey-save").await?;
    let done = "const l = document.querySelector(`li[data-unit='${arguments[0]}']`);
return l && location.pathname.endsWith(arguments[1]) ? true : null;";
    wait_value("butler1: back on the sample after saving", UI_TIMEOUT, || async {
        b.js::<Option<bool>>(done, vec![json!(unit), json!(survey)]).await
    })
    .await?;
    progress(format_args!("butler1 answered {unit}'s questionnaire offline"));
    Ok(())
}

/// Opens the survey's results as the office does: the Duties tab, the surveys, its results.
async fn open_results(office: &Browser, survey: &str) -> TestResult {
    office.click("a#nav-duties").await?;
    office.click("a#duty-surveys").await?;
    office.click(&format!("li.survey[data-id='{survey}'] a.survey-results")).await?;
    office.element("#survey-results-page").await?;
    Ok(())
}

async fn scenario(server: &mut Server, butler: &Browser, office: &Browser) -> TestResult {
    let (survey, answered) = survey_of_butler1(server).await?;
    tokio::try_join!(login_and_sync(butler, "butler1"), login_and_sync(office, "office"))?;
    open_results(office, &survey).await?;
    let (returned, topic, scored) = results(office).await?;
    progress(format_args!("office: {returned} returned, {scored} scoring {topic}"));

    butler.open_in_app(&format!("/surveys/{survey}")).await?;
    let js = "return [...document.querySelectorAll('li[data-unit]')].map(l => l.dataset.unit);";
    let sample = wait_value("butler1: the survey's sample is listed", UI_TIMEOUT, || async {
        let units: Vec<String> = butler.js(js, vec![]).await?;
        Ok((!units.is_empty()).then_some(units))
    })
    .await?;
    let fresh: Vec<&String> = sample.iter().filter(|u| !answered.contains(*u)).take(2).collect();
    let [first, second] = fresh[..] else {
        return fail(format!("fewer than two households of {} left to ask", sample.len()));
    };
    butler.set_offline(true).await?;
    answer(butler, &survey, first, false).await?;
    answer(butler, &survey, second, true).await?;
    butler.wait_pending().await?;

    butler.set_offline(false).await?;
    let reconnect = Instant::now();
    butler.wait_synced().await?;
    let (_, now_answered) = survey_of_butler1(server).await?;
    if let Some(unit) = [first, second].into_iter().find(|u| !now_answered.contains(*u)) {
        return fail(format!("the server holds no answer of {unit} after the sync"));
    }
    let seen =
        wait_value("office: the results count both questionnaires", SYNC_TIMEOUT, || async {
            let now = results(office).await?;
            Ok((now.0 == returned + 2 && now.2 == scored + 2).then_some(now))
        })
        .await;
    let seen = office.explain(seen).await?;
    progress(format_args!(
        "office: {} returned, {} scoring {topic}, {:.1} s after butler1 came back online",
        seen.0,
        seen.2,
        reconnect.elapsed().as_secs_f64()
    ));
    Ok(())
}
