//! Issue 26 point 6, the field day: a butler's whole working day on a tablet with the server
//! unreachable from its start to its end, one browser crash in the middle, and one reconnect.
//!
//! butler1 (tablet portrait) and the office sign in and sync; then the server goes down.
//! butler1 takes 20 requests of every type (5 with a photo), walks 3 patrol rounds with 6
//! failed items and 40 photos of them (the first round in a building past its patrol cycle;
//! each round refuses to end until its failed items have photos; each failed item files a
//! rectification request holding its photos), makes 15 call-backs (2 dissatisfied, which reopen
//! their requests), edits the register 10 times (8 people added, 2 moved out), checks a
//! renovation (a violation with its photo) and records 3 home visits (the first raising a
//! repair). Between the first and the second round, Chromium is killed (SIGKILL, as a flat
//! battery) and opened again: the app starts from its cache, holding every unsent change.
//!
//! Then the server comes back once. Every record is on the server exactly once (each kind's
//! count grew by what the day made, and each request's description is there once), every
//! photo's bytes are there, the bytes the server received for photos are at most 1.05 × the
//! bytes it stores, and the office's screens show it all: the day's requests in the list,
//! each round's report, each finding and each request with its photos fetched, the first
//! building no longer red on the coverage view, each call-back's outcome, the register's
//! people, the renovation stopped with its photo, and the visits. The time from the reconnect to the office
//! seeing the last of it is printed, a figure and not an assertion.

use e2e::actions::{SYNC_TIMEOUT, UI_TIMEOUT};
use e2e::blobs::sent;
use e2e::scenario::{login_and_sync, report};
use e2e::{fail, progress, unique_suffix, wait_until, wait_value, ApiDevice, Browser};
use e2e::{ChromeDriver, Devices, Fixture, Server, TestResult};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

/// Request types, taken in turn (`shared::request::Category`).
const TYPES: [&str; 6] = ["repair", "inquiry", "complaint", "suggestion", "praise", "paid_service"];
/// Requests taken in the day, and how many of them carry a photo.
const REQUESTS: usize = 20;
const WITH_PHOTO: usize = 5;
/// The failed items of each round (two per round, six in all) and the photos of each.
const ROUNDS: [[(u32, usize); 2]; 3] =
    [[(100, 7), (101, 7)], [(102, 7), (104, 7)], [(105, 6), (106, 6)]];
/// Call-backs, of which the first this many hear 不满意 (dissatisfied) and reopen.
const CALLBACKS: usize = 15;
const DISSATISFIED: usize = 2;
/// Register edits: people added (two to each of four units), then two of them moved out.
const ADDED: usize = 8;
const MOVED_OUT: usize = 2;
const VISITS: usize = 3;
/// Photo bytes the server may receive per byte it stores.
const SEND_OVERHEAD: f64 = 1.05;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn field_day_offline() {
    let mut server = match Server::start().await {
        Ok(s) => s,
        Err(e) => return report(Err(e), None),
    };
    let outcome = async {
        let driver = ChromeDriver::start().await?;
        let mut browsers = Vec::new();
        for user in ["butler1", "office"] {
            browsers.push(Browser::open(&driver, user, &server.url()).await?);
        }
        let mut devices = Devices { browsers, driver };
        let outcome = field_day(&mut server, &mut devices).await;
        devices.finish(outcome).await
    }
    .await;
    report(outcome, Some(&server));
}

/// What the day made, to be found on the server and on the office's screens.
#[derive(Default)]
struct Day {
    tag: String,
    requests: Vec<String>,
    rounds: Vec<String>,
    /// The building past its patrol cycle before the day, patrolled first.
    red: String,
    callbacks: Vec<(String, &'static str)>,
    people: Vec<(String, String)>,
    moved_out: Vec<(String, String)>,
    renovation: String,
    visits: Vec<String>,
    /// Requests filed by the day's other records: findings, the renovation's, the visit's.
    filed: usize,
}

async fn field_day(server: &mut Server, devices: &mut Devices) -> TestResult {
    let Devices { browsers, driver } = devices;
    let [butler, office] = &mut browsers[..] else { return fail("two browsers") };
    butler.tablet_portrait().await?;
    tokio::try_join!(login_and_sync(butler, "butler1"), login_and_sync(office, "office"))?;
    let mut api = ApiDevice::login(server, "office", "e2e-field-day").await?;
    let units = butler.open_new_request_form().await?;
    let due = callbacks_due(butler, &mut api, &units).await?;
    let before = api.scope_size().await?.0;
    let shas_before = photo_shas(&api).await?;
    let buildings = patrol_buildings(butler).await?;

    server.kill()?;
    let start = Instant::now();
    let tag = format!("FD{}", unique_suffix() % 1_000_000);
    let mut day = Day { tag, red: buildings[0].clone(), ..Day::default() };
    take_requests(butler, &units, &mut day, 0..REQUESTS / 2).await?;
    walk_round(butler, &buildings[0], &ROUNDS[0], 0, &mut day).await?;
    let pending = butler.wait_pending().await?.pending();

    butler.crash_and_reopen(driver).await?;
    butler.tablet_portrait().await?;
    butler.goto("/").await?;
    let kept =
        wait_value("butler1: the reopened app holds every unsent change", UI_TIMEOUT, || async {
            Ok(butler.badge().await?.filter(|b| b.pending() == pending))
        })
        .await;
    butler.explain(kept).await?;
    progress(format_args!("butler1: {pending:?} changes unsent survived the crash"));

    take_requests(butler, &units, &mut day, REQUESTS / 2..REQUESTS).await?;
    for (k, round) in ROUNDS.iter().enumerate().skip(1) {
        walk_round(butler, &buildings[k], round, k, &mut day).await?;
    }
    call_back(butler, &due[..CALLBACKS], &mut day).await?;
    edit_register(butler, &units, &mut day).await?;
    day.renovation = butler.check_a_renovation().await?;
    let (visits, _repair) = butler.visit_households(VISITS).await?;
    day.visits = visits;
    day.filed += 2;
    let pending = butler.wait_pending().await?;
    progress(format_args!(
        "butler1's day took {:.0} s offline; {:?} changes wait",
        start.elapsed().as_secs_f64(),
        pending.pending()
    ));

    server.restart().await?;
    let reconnect = Instant::now();
    butler.wait_synced().await?;
    progress(format_args!(
        "butler1 synced {:.1} s after the reconnect",
        reconnect.elapsed().as_secs_f64()
    ));
    office_sees_the_day(office, &api, &day).await?;
    progress(format_args!(
        "the office saw the day's last record {:.1} s after the reconnect",
        reconnect.elapsed().as_secs_f64()
    ));
    on_the_server(&api, &before, &day).await?;
    photos_on_the_server(server, &api, &shas_before).await
}

/// The requests on butler1's My day waiting for a call-back: the demo's, and as many more
/// as the day needs, jobs of butler1's area the departments finished yesterday (set through
/// the office's API device, as a department's tablet would).
async fn callbacks_due(
    b: &Browser,
    api: &mut ApiDevice,
    units: &[String],
) -> TestResult<Vec<String>> {
    let listed = "return Array.from(document.querySelectorAll('#day-callbacks a.day-item'))
  .map(a => a.dataset.id)";
    b.click("a#nav-day").await?;
    b.element("#day-callbacks").await?;
    let demo: Vec<String> = b.js(listed, vec![]).await?;
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?;
    let yesterday = now.as_millis() as u64 - 20 * 3_600_000;
    for k in demo.len()..CALLBACKS {
        let n = unique_suffix() + k as u64;
        let id = format!("0190f0a0-0000-7000-8000-{:012x}", n % 0x1_0000_0000_0000);
        let steps: [(&str, Value); 10] = [
            ("status", json!("new")),
            ("unit", json!(units[k % units.len()])),
            ("category", json!("repair")),
            ("source", json!("phone")),
            ("description", json!(format!("昨日完工的维修 {k}"))),
            ("contact_phone", json!("13900001111")),
            ("created_at", json!(yesterday - 3_600_000)),
            ("status", json!("in_progress")),
            ("done_at", json!(yesterday)),
            ("status", json!("done")),
        ];
        for (i, (field, value)) in steps.into_iter().enumerate() {
            let reply = api.set("request", &id, field, value, yesterday + i as u64).await?;
            let refused = reply["rejections"].as_array().is_some_and(|r| {
                r.iter().any(|r| !matches!(r["code"].as_str(), Some("rewritten" | "clock_ahead")))
            });
            if refused {
                return fail(format!("setting request.{field} was refused: {reply}"));
            }
        }
    }
    let due = wait_value("butler1: the call-backs due are on My day", SYNC_TIMEOUT, || async {
        let ids: Vec<String> = b.js(listed, vec![]).await?;
        Ok((ids.len() >= CALLBACKS).then_some(ids))
    })
    .await;
    b.explain(due).await
}

/// Three buildings for the day's rounds, the first one red on the coverage view (past its
/// patrol cycle).
async fn patrol_buildings(b: &Browser) -> TestResult<Vec<String>> {
    b.click("a#nav-patrol").await?;
    b.click("a#patrol-coverage-link").await?;
    let red = wait_value("butler1: a red building on the coverage view", UI_TIMEOUT, || async {
        b.attr_of("tr.coverage-row[data-overdue='true']", "data-building").await
    })
    .await;
    let red = b.explain(red).await?;
    b.click("a#nav-patrol").await?;
    let script = "return Array.from(document.querySelectorAll('#patrol-building option'))
  .map(o => o.value).filter(v => v && v !== arguments[0])";
    let others = wait_value("butler1: two more buildings to patrol", UI_TIMEOUT, || async {
        let ids: Vec<String> = b.js(script, vec![json!(red)]).await?;
        Ok((ids.len() >= ROUNDS.len() - 1).then_some(ids))
    })
    .await;
    Ok([vec![red], b.explain(others).await?].concat())
}

/// A colour of its own for the `n`th photo of the day: the photos differ, byte for byte.
fn colour(n: usize) -> String {
    format!("#{:06x}", (n as u32 * 0x2a5f3d + 0x113355) & 0xffffff)
}

/// Takes requests `range` of the day, types in turn; every fourth (five in all) with a photo.
async fn take_requests(
    b: &Browser,
    units: &[String],
    day: &mut Day,
    range: std::ops::Range<usize>,
) -> TestResult {
    for n in range {
        b.open_new_request_form().await?;
        b.select("#req-type", TYPES[n % TYPES.len()]).await?;
        if n % (REQUESTS / WITH_PHOTO) == 0 {
            // Noise, a real photo's size: several chunks each on the way up.
            let seed = 1000 + n as u32;
            b.attach_photo_to("#req-photo-input", Fixture::NoiseOf(seed)).await?;
            let held = wait_until("butler1: the request's photo is held", UI_TIMEOUT, || async {
                Ok(b.attr_of("#req-photos", "data-count").await?.as_deref() == Some("1"))
            })
            .await;
            b.explain(held).await?;
        }
        let text = format!("{} 外勤日 {n} {}", day.tag, TYPES[n % TYPES.len()]);
        let phone = format!("1390000{:04}", n);
        let id = b.create_request(&units[n % units.len()], &text, &phone).await?;
        day.requests.push(id);
    }
    progress(format_args!("butler1 took {} requests", day.requests.len()));
    Ok(())
}

/// Walks round `k` of `building`: every item answered, the round's items failed; ending it
/// is refused until they have their photos; then it ends.
async fn walk_round(
    b: &Browser,
    building: &str,
    fails: &[(u32, usize)],
    k: usize,
    day: &mut Day,
) -> TestResult {
    let round = b.start_round(building).await?;
    let failed: Vec<u32> = fails.iter().map(|(n, _)| *n).collect();
    b.answer_every_item(&failed).await?;
    b.click("button#patrol-end").await?;
    let refused =
        wait_until("butler1: ending without the photos is refused", UI_TIMEOUT, || async {
            Ok(b.text_of("#patrol-error").await?.is_some_and(|t| !t.trim().is_empty()))
        })
        .await;
    b.explain(refused).await?;
    for (i, (n, photos)) in fails.iter().enumerate() {
        let colours: Vec<String> = (0..*photos).map(|p| colour(k * 100 + i * 10 + p)).collect();
        b.finding_photos(*n, &colours).await?;
    }
    b.end_round(fails.len()).await?;
    progress(format_args!("butler1 ended round {round} of {building}"));
    day.rounds.push(round);
    day.filed += fails.len();
    Ok(())
}

/// Calls back `ids`: the first [`DISSATISFIED`] hear 不满意 and reopen, the rest are
/// satisfied.
async fn call_back(b: &Browser, ids: &[String], day: &mut Day) -> TestResult {
    for (n, id) in ids.iter().enumerate() {
        b.open_in_app(&format!("/requests/{id}")).await?;
        b.element("#callback-result").await?;
        let (satisfaction, then) = if n < DISSATISFIED {
            ("dissatisfied", "reopened")
        } else {
            ("satisfied", "called_back")
        };
        b.call_back(satisfaction, &format!("{} 回访 {n}", day.tag), then).await?;
        day.callbacks.push((id.clone(), then));
    }
    Ok(())
}

/// Adds two people to each of four units, then moves the first two of them out.
async fn edit_register(b: &Browser, units: &[String], day: &mut Day) -> TestResult {
    for n in 0..ADDED {
        let unit = &units[n / 2 % units.len()];
        b.open_in_app(&format!("/unit/{unit}")).await?;
        b.wait_unit_page(unit).await?;
        let name = format!("{}住户{n}", day.tag);
        let person = b.add_person(unit, &name, &format!("1380000{n:04}")).await?;
        let id = person.person_id.ok_or("an added person's card has no data-person-id")?;
        day.people.push((unit.clone(), id));
    }
    for (unit, person) in day.people.clone().into_iter().take(MOVED_OUT) {
        b.open_in_app(&format!("/unit/{unit}")).await?;
        b.wait_unit_page(&unit).await?;
        b.move_out(&unit, &person).await?;
        day.moved_out.push((unit, person));
    }
    Ok(())
}

/// Each kind on the server grew by exactly what the day made, and each request is there once.
async fn on_the_server(api: &ApiDevice, before: &BTreeMap<String, usize>, day: &Day) -> TestResult {
    let patrol_photos: usize = ROUNDS.iter().flatten().map(|(_, p)| p).sum();
    let expected = [
        ("request", REQUESTS + day.filed),
        ("patrol_round", ROUNDS.len()),
        ("patrol_answer", ROUNDS.len() * e2e::patrol::ANSWERS),
        ("callback", CALLBACKS),
        ("person", ADDED),
        ("unit_person", ADDED),
        ("renovation_check", 1),
        ("visit", VISITS),
        // A finding's rectification request holds copies of its answer's photos (the same
        // bytes under a second record, `shared::patrol::photo_copy_id`).
        ("photo", WITH_PHOTO + 2 * patrol_photos + 1),
    ];
    let what = "the server holds every record of the day";
    let last = std::sync::Mutex::new(String::new());
    let held = wait_until(what, SYNC_TIMEOUT, || async {
        let after = api.scope_size().await?.0;
        let grown: Vec<String> = expected
            .iter()
            .map(|(kind, n)| {
                let d = after.get(*kind).unwrap_or(&0) - before.get(*kind).unwrap_or(&0);
                format!("{kind} +{d} (day {n})")
            })
            .collect();
        let ok = expected.iter().all(|(kind, n)| {
            after.get(*kind).unwrap_or(&0) - before.get(*kind).unwrap_or(&0) == *n
        });
        *last.lock().unwrap_or_else(|e| e.into_inner()) = grown.join(", ");
        Ok(ok)
    })
    .await;
    let grown = last.lock().unwrap_or_else(|e| e.into_inner()).clone();
    if held.is_err() {
        return fail(format!("{what}: {grown}"));
    }
    progress(format_args!("server: {grown}"));
    let changes = api.pull_all().await?;
    let texts: Vec<&str> = changes
        .iter()
        .filter(|c| c["kind"] == "request" && c["field"] == "description")
        .filter_map(|c| c["value"].as_str())
        .filter(|t| t.starts_with(&day.tag) && t.contains("外勤日"))
        .collect();
    let mut distinct = texts.clone();
    distinct.sort_unstable();
    distinct.dedup();
    if texts.len() != REQUESTS || distinct.len() != REQUESTS {
        return fail(format!(
            "the server holds {} of the day's {REQUESTS} requests ({} distinct)",
            texts.len(),
            distinct.len()
        ));
    }
    Ok(())
}

/// Every blob (photo and thumbnail) the site's photo records name.
async fn photo_shas(api: &ApiDevice) -> TestResult<BTreeSet<String>> {
    let changes = api.pull_all().await?;
    Ok(changes
        .iter()
        .filter(|c| {
            c["kind"] == "photo" && (c["field"] == "sha256" || c["field"] == "thumb_sha256")
        })
        .filter_map(|c| c["value"].as_str().map(str::to_owned))
        .collect())
}

/// Every photo and thumbnail of the day is stored whole on the server (read back through
/// the API), and the bytes the server received for them are at most [`SEND_OVERHEAD`] × the
/// bytes it stores (from the server's log of the chunks it accepted).
async fn photos_on_the_server(
    server: &Server,
    api: &ApiDevice,
    before: &BTreeSet<String>,
) -> TestResult {
    let day: BTreeSet<String> = photo_shas(api).await?.difference(before).cloned().collect();
    let mut stored = 0u64;
    for sha in &day {
        let what = format!("the server holds blob {sha} whole");
        let bytes = wait_value(&what, SYNC_TIMEOUT, || async {
            Ok(api.get_bytes(&format!("/api/v1/blobs/{sha}")).await.ok())
        })
        .await?;
        stored += bytes.len() as u64;
    }
    let chunks: Vec<_> =
        server.blob_chunks().into_iter().filter(|c| day.contains(&c.sha)).collect();
    let bytes = sent(&chunks);
    let ratio = bytes.sent as f64 / stored.max(1) as f64;
    progress(format_args!(
        "photos: {} blobs of the day, {} bytes received for {stored} stored ({ratio:.3} ×)",
        day.len(),
        bytes.sent
    ));
    if bytes.blobs != day.len() || bytes.stored != stored {
        return fail(format!(
            "the server's log counts {bytes:?} for {} blobs of {stored} bytes",
            day.len()
        ));
    }
    if ratio > SEND_OVERHEAD {
        return fail(format!(
            "photo bytes sent are {ratio:.3} × those stored (over {SEND_OVERHEAD})"
        ));
    }
    Ok(())
}

/// The office (desk, full site) finds the day on its screens.
async fn office_sees_the_day(o: &Browser, api: &ApiDevice, day: &Day) -> TestResult {
    o.click("a#nav-requests").await?;
    o.type_into("#req-search", &day.tag).await?;
    let listed = wait_until("office: the day's requests are listed", SYNC_TIMEOUT, || async {
        let rows = o.request_rows().await?;
        let day_rows = rows.iter().filter(|r| r.text.contains("外勤日")).count();
        Ok(day_rows == REQUESTS)
    })
    .await;
    o.explain(listed).await?;
    for (round, fails) in day.rounds.iter().zip(ROUNDS) {
        o.open_in_app(&format!("/patrol/report/{round}")).await?;
        let shown = wait_until("office: the round's report", SYNC_TIMEOUT, || async {
            let (rows, found): (usize, usize) = o
                .js(
                    "return [document.querySelectorAll('#report tr.report-row').length,
  document.querySelectorAll('#report tr.report-row[data-result=\"fail\"]').length]",
                    vec![],
                )
                .await?;
            Ok(rows == e2e::patrol::ANSWERS && found == fails.len())
        })
        .await;
        o.explain(shown).await?;
        let mut counts = Vec::new();
        for finding in api.findings_of(round).await? {
            counts.push(photos_shown(o, &finding, None).await?);
        }
        counts.sort_unstable();
        let mut taken: Vec<usize> = fails.iter().map(|(_, p)| *p).collect();
        taken.sort_unstable();
        if counts != taken {
            return fail(format!(
                "office: round {round}'s findings show {counts:?} photos, not {taken:?}"
            ));
        }
    }
    for id in day.requests.iter().step_by(REQUESTS / WITH_PHOTO) {
        photos_shown(o, id, Some(1)).await?;
    }
    o.open_in_app("/patrol/coverage").await?;
    let sel = format!("tr.coverage-row[data-building='{}']", day.red);
    let covered = wait_until("office: the red building is red no more", SYNC_TIMEOUT, || async {
        Ok(o.attr_of(&sel, "data-overdue").await?.as_deref() == Some("false"))
    })
    .await;
    o.explain(covered).await?;
    for (id, then) in &day.callbacks {
        o.open_in_app(&format!("/requests/{id}")).await?;
        o.wait_status(then).await?;
    }
    for (unit, person) in &day.people {
        o.open_in_app(&format!("/unit/{unit}")).await?;
        let gone = day.moved_out.iter().any(|(_, p)| p == person);
        let what = format!(
            "office: unit {unit} lists {person} ({})",
            if gone { "moved out" } else { "living there" }
        );
        let shown = wait_until(&what, SYNC_TIMEOUT, || async {
            let people =
                if gone { o.moved_out_people(unit).await? } else { o.unit_people(unit).await? };
            Ok(people.iter().any(|p| p.person_id.as_deref() == Some(person.as_str())))
        })
        .await;
        o.explain(shown).await?;
    }
    o.sees_renovation_stopped(&day.renovation).await?;
    o.sees_visits_contacted(&day.visits).await?;
    Ok(())
}

/// Opens request `id` and waits until its photos are shown, fetched from the server (`want`
/// of them, or as many as the list holds once it stops growing); returns how many.
async fn photos_shown(o: &Browser, id: &str, want: Option<usize>) -> TestResult<usize> {
    o.open_in_app(&format!("/requests/{id}")).await?;
    let script = "const all = document.querySelectorAll('#photos img.photo-thumb');
return [all.length, document.querySelectorAll('#photos img.photo-thumb[data-state=\"done\"]').length];";
    let what = format!("office: request {id} shows its photos, fetched");
    let shown = wait_value(&what, SYNC_TIMEOUT, || async {
        let (all, done): (usize, usize) = o.js(script, vec![]).await?;
        Ok((all > 0 && done == all && want.is_none_or(|w| w == all)).then_some(all))
    })
    .await;
    o.explain(shown).await
}
