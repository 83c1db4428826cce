//! The compound's requests (工单): by default about one open request per 30
//! units; with an explicit count, a year of the site's history, mostly done and closed. Each
//! is about a unit somebody is tied to, with that person as the contact; assigned ones go to
//! the area's butler, or to a department's staff when the work is the department's.

use super::catalog::{self, Text, MORE, SAMPLES};
use super::compound::Unit;
use super::demo_id;
use super::history::{self, History};
use super::months::mood;
use super::names::Rng;
use super::people::Person;
use super::staff::Staff;
use shared::request::{RequestStatus, Source};
use shared::{RecordId, Role};

/// A planned request.
#[derive(Debug, Clone)]
pub struct Request {
    pub id: RecordId,
    pub unit: usize,
    pub category: &'static str,
    pub source: &'static str,
    pub urgency: &'static str,
    pub status: &'static str,
    pub description: &'static str,
    /// Default classifier numbers (place, topic, problem; 0 is none).
    pub class: (u32, u32, u32),
    pub contact: usize,
    /// Index into the staff.
    pub assignee: Option<usize>,
    pub department: Option<usize>,
    pub created_by: usize,
    /// How long ago it was made, in minutes.
    pub age_minutes: u64,
    /// Its place in the order the requests were made (0: the oldest): its number is the
    /// site counter's block start plus this.
    pub rank: u64,
    pub history: History,
    /// A finished complaint's loop: index into [`catalog::COMPLAINT_LOOPS`], or `None` when
    /// it did not stand (it got [`catalog::UNFOUNDED_REPLY`]).
    pub complaint: Option<Option<usize>>,
    /// The earlier complaint of its area this complaint repeats (index into the requests).
    pub repeat_of: Option<usize>,
}

/// How far back an explicit request count spreads the site's history, in days.
pub const HISTORY_DAYS: u64 = 365;
const MINUTES_PER_DAY: u64 = 24 * 60;

/// Who may stand behind a request: the office, each area's butlers, each department's staff.
struct Desk<'a> {
    office: usize,
    butlers: Vec<Vec<usize>>,
    staff: &'a [Staff],
}

impl Desk<'_> {
    fn butler(&self, area: usize) -> usize {
        self.butlers[area].first().copied().unwrap_or(self.office)
    }
    fn worker(&self, d: usize) -> usize {
        self.staff.iter().position(|s| s.department == Some(d)).unwrap_or(self.office)
    }
}

/// The requests of a compound. `count` `None` is the default demo: about one open request
/// per 30 units, at least 12, made in the last two weeks. `Some(n)` is exactly `n` requests
/// (if anybody is tied to a unit): the first (up to) twelve the same open ones, then a
/// history spread over the past [`HISTORY_DAYS`] whose status follows its age — recent
/// ones open, most older ones finished, a few cancelled or reopened. `contacts` is each
/// unit's contact person ([`super::people::contacts`]). Each has the history that led to its
/// status, drawn from its own stream (`history_rng`), so the rest never changes with it.
pub fn requests(
    rng: &mut Rng,
    history_rng: &mut Rng,
    units: &[Unit],
    contacts: &[Option<usize>],
    people: &[Person],
    staff: &[Staff],
    count: Option<usize>,
) -> Vec<Request> {
    let reachable: Vec<usize> = (0..units.len()).filter(|&u| contacts[u].is_some()).collect();
    if reachable.is_empty() || people.is_empty() {
        return Vec::new();
    }
    let office = staff.iter().position(|s| s.role == Role::Office).unwrap_or(0);
    // Every butler of each area: the history spreads an area's work over all of them.
    let areas = units.iter().map(|u| u.area + 1).max().unwrap_or(0);
    let butlers: Vec<Vec<usize>> = (0..areas)
        .map(|a| (0..staff.len()).filter(|&s| staff[s].area == Some(a)).collect())
        .collect();
    let desk = Desk { office, butlers, staff };
    let history = count.is_some();
    let count = count.unwrap_or_else(|| (units.len() / 30).max(SAMPLES.len()));
    let mut out: Vec<Request> = (0..count)
        .map(|i| {
            let unit = *rng.pick(&reachable);
            let contact = contacts[unit].unwrap_or(0);
            if history && i >= SAMPLES.len() {
                return past(rng, i, unit, contact, &desk, units[unit].area);
            }
            recent(rng, i, unit, contact, &desk, units[unit].area)
        })
        .collect();
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(out[i].age_minutes));
    for (rank, i) in order.into_iter().enumerate() {
        out[i].rank = rank as u64;
    }
    for r in &mut out {
        add_history(history_rng, r);
    }
    if history {
        link_repeats(history_rng, &mut out, units);
    }
    out
}

/// Marks some complaints of the history as repeats of the last earlier complaint of their
/// area that was taken (per mille as the month's [`super::months::Mood`] says).
fn link_repeats(rng: &mut Rng, out: &mut [Request], units: &[Unit]) {
    let mut order: Vec<usize> =
        (0..out.len()).filter(|&i| out[i].category == "complaint").collect();
    order.sort_by_key(|&i| out[i].rank);
    let mut last: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for i in order {
        let area = units[out[i].unit].area;
        let p = mood(out[i].age_minutes).repeat_permille;
        if let Some(&earlier) = last.get(&area) {
            if rng.below(1000) < p {
                out[i].repeat_of = Some(earlier);
            }
        }
        if !matches!(out[i].status, "new" | "cancelled") {
            last.insert(area, i);
        }
    }
}

/// Request `i` of the default demo (and the first twelve of a history): open, most made in
/// the last two days (within their deadlines), one in five up to two weeks ago (overdue,
/// some stuck: what the butler's day and the office's list must show).
fn recent(
    rng: &mut Rng,
    i: usize,
    unit: usize,
    contact: usize,
    desk: &Desk,
    area: usize,
) -> Request {
    let (urgency, status, text) = if i < SAMPLES.len() {
        SAMPLES[i]
    } else {
        let text = *rng.pick(MORE);
        let pressing = matches!(text.category, "repair" | "complaint") && rng.chance(20);
        let status = [RequestStatus::New, RequestStatus::Assigned, RequestStatus::InProgress]
            [rng.weighted(&[40, 35, 25])];
        (if pressing { "urgent" } else { "normal" }, status.as_str(), text)
    };
    let source = match i {
        _ if i >= SAMPLES.len() => SOURCES[rng.weighted(&SOURCE_WEIGHTS)],
        _ if i.is_multiple_of(3) => "walk_in",
        _ => "phone",
    };
    let routed = if status == "new" { None } else { text.department };
    let assignee = match (status, routed) {
        ("new", _) => None,
        (_, Some(d)) => Some(desk.worker(d)),
        (_, None) => Some(desk.butler(area)),
    };
    let by_butler = by_butler(source);
    let days = if rng.chance(20) { 14 } else { 2 };
    request(i, unit, contact, text, source, urgency, status, 30 + rng.below(days * MINUTES_PER_DAY))
        .with(assignee, routed, if by_butler { desk.butler(area) } else { desk.office })
}

const SOURCES: [&str; 5] = [
    Source::Phone.as_str(),
    Source::WalkIn.as_str(),
    Source::Online.as_str(),
    Source::Patrol.as_str(),
    Source::Visit.as_str(),
];

/// Whether a request of `source` was taken by the area's butler (on a round or a visit).
fn by_butler(source: &str) -> bool {
    [Source::Patrol, Source::Visit].iter().any(|s| s.as_str() == source)
}
const SOURCE_WEIGHTS: [u64; 5] = [45, 15, 15, 15, 10];

/// Request `i` of the history: made some time in the past [`HISTORY_DAYS`], in the status a
/// request of that age is in. Every request past `new` was routed (to the department whose
/// work it is, else to one of the area's butlers) and has its assignee — who did the work,
/// for a finished one; a request cancelled before anyone took it has neither.
fn past(rng: &mut Rng, i: usize, unit: usize, contact: usize, desk: &Desk, area: usize) -> Request {
    use RequestStatus::*;
    let text = *rng.pick(MORE);
    let pressing = matches!(text.category, "repair" | "complaint") && rng.chance(20);
    let source = SOURCES[rng.weighted(&SOURCE_WEIGHTS)];
    let age_minutes = 30 + rng.below(HISTORY_DAYS * MINUTES_PER_DAY);
    let days = age_minutes / MINUTES_PER_DAY;
    // Months ago, inquiries and complaints were all answered and complaints all called
    // back; repairs left uncalled only where the month's mood says so.
    let m = mood(age_minutes);
    let old = match text.category {
        "repair" => [86, 2, 3 + m.repair_uncalled, 1, 8],
        "inquiry" => [86, 2, 3, 0, 8],
        "complaint" => [86, 2, 0, 0, 8],
        _ => [86, 2, 3, 1, 8],
    };
    // Lately, an inquiry or complaint (answered within 48 h) is reopened (called back 不满意)
    // only in an unhappy month, and is never still in work after ten days.
    let answer = matches!(text.category, "inquiry" | "complaint");
    let reopened = if answer && !m.complaints_unhappy { 0 } else { 3 };
    let lingers = if answer && days >= 10 { 0 } else { 1 };
    // A complaint done is called back within days (100 % of them).
    let uncalled = if text.category == "complaint" && days >= 5 { 0 } else { 15 };
    let (statuses, weights): (&[RequestStatus], &[u64]) = match days {
        0..=2 => (&[New, Assigned, InProgress, Done], &[30, 30, 25, 15]),
        3..=29 => (
            &[Assigned, InProgress, Done, CalledBack, Closed, Reopened, Cancelled],
            &[4 * lingers, 8 * lingers, uncalled, 10, 53, reopened, 7],
        ),
        _ => (&[Closed, CalledBack, Done, Reopened, Cancelled], &old),
    };
    let status = statuses[rng.weighted(weights)];
    let taken = match status {
        New => false,
        Cancelled => rng.chance(50),
        _ => true,
    };
    let butlers = &desk.butlers[area];
    let butler = if butlers.is_empty() { desk.office } else { *rng.pick(butlers) };
    let routed = if taken { text.department } else { None };
    let assignee = taken.then(|| routed.map_or(butler, |d| desk.worker(d)));
    let urgency = if pressing { "urgent" } else { "normal" };
    let by = if by_butler(source) { butler } else { desk.office };
    request(i, unit, contact, text, source, urgency, status.as_str(), age_minutes)
        .with(assignee, routed, by)
}

/// A request with no one behind it yet.
#[allow(clippy::too_many_arguments)]
fn request(
    i: usize,
    unit: usize,
    contact: usize,
    text: Text,
    source: &'static str,
    urgency: &'static str,
    status: &'static str,
    age_minutes: u64,
) -> Request {
    Request {
        id: demo_id(&format!("request-{i}")),
        unit,
        category: text.category,
        source,
        urgency,
        status,
        description: text.description,
        class: text.class,
        contact,
        assignee: None,
        department: None,
        created_by: 0,
        age_minutes,
        rank: 0,
        history: History::default(),
        complaint: None,
        repeat_of: None,
    }
}

impl Request {
    fn with(self, assignee: Option<usize>, department: Option<usize>, by: usize) -> Request {
        Request { assignee, department, created_by: by, ..self }
    }
}

/// Plans the history of `r` (its status moves and call-backs) and a finished complaint's
/// loop. A few closed requests were once called back 不满意 and done again, and a few
/// call-backs heard 一般, as the month's mood says (complaints only in a bad month).
fn add_history(rng: &mut Rng, r: &mut Request) {
    let status = RequestStatus::parse(r.status).unwrap_or(RequestStatus::New);
    let worker = r.assignee.unwrap_or(r.created_by);
    let m = mood(r.age_minutes);
    let happy = r.category == "complaint" && !m.complaints_unhappy;
    let (reopen_pct, neutral) = if happy { (0, 0) } else { (m.reopen, m.neutral) };
    let reopen = status == RequestStatus::Closed && rng.chance(reopen_pct);
    let taken = r.assignee.is_some();
    let who = (r.created_by, worker);
    r.history = history::plan(rng, status, r.age_minutes, who, taken, reopen, neutral);
    if r.category == "complaint" && status.is_finished() {
        r.complaint = Some(
            (!rng.chance(15)).then(|| rng.below(catalog::COMPLAINT_LOOPS.len() as u64) as usize),
        );
    }
}
