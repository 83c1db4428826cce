//! The simulated world: tablets, the model server and a network that drops, duplicates and
//! reorders messages. Driven step by step by `simulation.rs`.

use crate::model::Device;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};
use shared::protocol::{PullResponse, PushRequest};
use shared::request::RequestStatus;
use shared::testing::{ModelServer, Rules};
use shared::{Change, Kind, RecordId};

/// A week, the furthest a device clock is off in either direction.
const WEEK_MS: i64 = 7 * 24 * 3600 * 1000;
/// Ten minutes: twice the server's tolerance for a clock ahead (`max_ahead_ms`).
const NEAR_MS: i64 = 10 * 60_000;

/// The two areas of a strict world's requests (even ones in the east, odd in the west).
pub const EAST: &str = "0190f0a0-0000-7000-8000-0000000000e1";
const WEST: &str = "0190f0a0-0000-7000-8000-0000000000e2";

/// True time at the start of every run (ms since the epoch).
pub const START_MS: u64 = 1_700_000_000_000;
const FIELDS: [&str; 4] = ["status", "description", "contact_phone", "assignee"];

#[path = "admission.rs"]
mod admission;
use admission::PushAnswer;

/// A message on the wire, in either direction.
pub enum Msg {
    Push(usize, PushRequest),
    /// A push's answer to device `usize`, with the `seq`s of the batches the push carried.
    PushReply(usize, PushAnswer, Vec<u64>),
    Pull {
        from: usize,
        cursor: Option<String>,
        limit: usize,
    },
    /// A pull's reply to device `usize`, with the cursor the pull was sent from.
    PullReply(usize, PullResponse, Option<String>),
    /// A retransmitted push of a device whose answer nobody waits for (the sender already
    /// moved on).
    Ghost(usize, PushRequest),
}

impl Msg {
    /// The device this message is from or for.
    fn device(&self) -> Option<usize> {
        match self {
            Msg::Push(d, _) | Msg::PushReply(d, ..) | Msg::PullReply(d, ..) => Some(*d),
            Msg::Pull { from, .. } => Some(*from),
            Msg::Ghost(..) => None,
        }
    }
}

pub struct World {
    rng: StdRng,
    now: u64,
    pub server: ModelServer,
    pub devices: Vec<Device>,
    /// Step at which each device comes back online (`<= step` means online).
    offline_until: Vec<usize>,
    in_flight: Vec<Msg>,
    records: Vec<(Kind, RecordId)>,
    /// Every change any device ever made: the server must end up with exactly their merge.
    pub made: Vec<Change>,
    edits: usize,
    /// With the server's rules, a device makes one request at a time and waits for its answer
    /// (or its loss), as the app's sync loop does: `waiting[d]` is true meanwhile.
    one_at_a_time: bool,
    waiting: Vec<bool>,
    pub stats: Stats,
}

/// What the network and server did in a run, to check the scenario exercised them.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    /// Changes the server refused (and compensated).
    pub refused: usize,
    pub dropped: usize,
    pub duplicated: usize,
    pub resets: usize,
    pub offline_periods: usize,
    /// Changes refused `out_of_scope` (a replica whose scope excludes some records).
    pub out_of_scope: usize,
    /// Changes of a device clock more than 5 minutes ahead, re-stamped (`clock_ahead`).
    pub clock_ahead: usize,
    /// Pushes refused 409 `replica_taken` (an intruder under a device's replica id).
    pub replica_taken: usize,
    /// Pushes refused 409 `seq_gap` (a later batch arrived before an earlier one).
    pub seq_gap: usize,
}

impl Stats {
    /// Adds another run's figures.
    pub fn add(&mut self, o: &Stats) {
        self.refused += o.refused;
        self.dropped += o.dropped;
        self.duplicated += o.duplicated;
        self.resets += o.resets;
        self.offline_periods += o.offline_periods;
        self.replica_taken += o.replica_taken;
        self.seq_gap += o.seq_gap;
        self.out_of_scope += o.out_of_scope;
        self.clock_ahead += o.clock_ahead;
    }
}

/// How far device `i`'s clock is off (ms): a week ahead for device 0, a week behind for
/// device 2; of the others, three in ten anywhere within a week, two in ten within ten
/// minutes (around the server's tolerance), the rest within seconds.
fn skew_of(i: usize, rng: &mut StdRng) -> i64 {
    match (i, rng.gen_range(0..10)) {
        (0, _) => WEEK_MS,
        (2, _) => -WEEK_MS,
        (_, 0..=2) => rng.gen_range(-WEEK_MS..=WEEK_MS),
        (_, 3..=4) => rng.gen_range(-NEAR_MS..=NEAR_MS),
        _ => rng.gen_range(-5_000..=5_000),
    }
}

impl World {
    /// A world whose server applies `rules`. Device clocks are off by up to a week either way
    /// ([`skew_of`]: device 0 a week ahead, device 2 a week behind, others far out, near the
    /// server's 5-minute tolerance or within seconds), and some devices edit offline before
    /// they ever synced. With the real server's rules, statuses are edited at random (many
    /// changes are refused and answered with compensations), every change of a device more
    /// than 5 minutes ahead is re-stamped (`clock_ahead`), and devices sync as the app does:
    /// one request at a time, every chunk pushed before a pull. Such a device pulls newer
    /// edits that its own far-ahead stamps beat locally before the answer to its push
    /// arrives; it converges because it keeps what the server confirmed of its pending
    /// fields apart and falls back on it (`shared::rebase`), as the app does.
    pub fn new(seed: u64, n_devices: usize, rules: Rules) -> Self {
        let mut rng = StdRng::seed_from_u64(seed);
        let strict = rules != Rules::MergeOnly;
        let mut offline_until = vec![0; n_devices];
        let devices = (0..n_devices)
            .map(|i| {
                // Devices 0 and 2 (a week ahead, a week behind) and a quarter of the others
                // start offline: they edit before they ever synced.
                if i == 0 || i == 2 || rng.gen_bool(0.25) {
                    offline_until[i] = rng.gen_range(20..120);
                }
                Device::new(&format!("tablet-{i:02}"), skew_of(i, &mut rng))
            })
            .collect();
        let records: Vec<(Kind, RecordId)> = (0..12u32)
            .map(|i| {
                let kind = if i % 4 == 0 && !strict { "unit" } else { "request" };
                (Kind::new(kind), RecordId(format!("0190f0a0-0000-7000-8000-{i:012}")))
            })
            .collect();
        let mut server = ModelServer::new(rules);
        if strict {
            // Each request is in an area, so a replica of one area's scope is refused the other's.
            for (i, (kind, id)) in records.iter().enumerate() {
                let area = if i % 2 == 0 { EAST } else { WEST };
                let c = Change {
                    kind: kind.clone(),
                    id: id.clone(),
                    field: "area".into(),
                    value: json!(area),
                    hlc: shared::Hlc::ZERO,
                    replica: shared::ReplicaId::server(),
                    prev: None,
                };
                server.write(c, START_MS);
            }
        }
        Self {
            rng,
            now: START_MS,
            server,
            devices,
            offline_until,
            one_at_a_time: strict,
            waiting: vec![false; n_devices],
            in_flight: Vec::new(),
            records,
            made: Vec::new(),
            edits: 0,
            stats: Stats::default(),
        }
    }

    /// Device `d` pushes under `scope` from now on (the server derives it from its session).
    pub fn restrict(&mut self, d: usize, scope: shared::scope::Scope) {
        self.server.scopes.insert(self.devices[d].id.clone(), scope);
    }

    /// A value for `field`: anything at all without rules; with them, what the schema
    /// accepts (statuses still move at random, so transitions are refused).
    fn value_for(&mut self, device: usize, field: &str) -> Value {
        if self.server.rules == Rules::MergeOnly {
            return self.random_value(device);
        }
        match field {
            "status" => {
                let names = RequestStatus::NAMES;
                json!(names[self.rng.gen_range(0..names.len())])
            }
            "assignee" => {
                json!(format!("0190f0a0-0000-7000-9000-{:012}", self.rng.gen_range(0..3)))
            }
            _ => match self.rng.gen_range(0..3) {
                0 => json!(null),
                _ => json!(format!("{}#{}", self.devices[device].id, self.edits)),
            },
        }
    }

    fn random_value(&mut self, device: usize) -> Value {
        match self.rng.gen_range(0..4) {
            0 => json!("厨房漏水，请尽快处理"),
            1 => json!(null),
            2 => json!(self.rng.gen_range(0..3)),
            _ => json!(format!("{}#{}", self.devices[device].id, self.edits)),
        }
    }

    /// One device edits 1–3 random fields of the shared pool, online or not.
    fn edit(&mut self, d: usize) {
        let n = self.rng.gen_range(1..=3);
        let mut picks = Vec::new();
        for _ in 0..n {
            let r = self.rng.gen_range(0..self.records.len());
            let f = FIELDS[self.rng.gen_range(0..FIELDS.len())];
            let v = self.value_for(d, f);
            picks.push((r, f, v));
        }
        let edits: Vec<_> = picks
            .iter()
            .map(|(r, f, v)| (&self.records[*r].0, &self.records[*r].1, *f, v.clone()))
            .collect();
        // Sometimes the tablet's wall clock jitters backwards a little.
        let t = self.now.saturating_sub(self.rng.gen_range(0..50));
        let made = self.devices[d].edit(t, &edits);
        self.made.extend(made);
        self.edits += 1;
    }

    fn online(&self, d: usize, step: usize) -> bool {
        self.offline_until[d] <= step
    }

    /// Delivers one in-flight message chosen at random (reordering), unless the network
    /// drops it; sometimes a copy stays in flight (duplication).
    fn deliver_random(&mut self, step: usize) {
        if self.in_flight.is_empty() {
            return;
        }
        let i = self.rng.gen_range(0..self.in_flight.len());
        let msg = self.in_flight.swap_remove(i);
        if self.rng.gen_bool(0.15) {
            self.stats.dropped += 1;
            if let Some(d) = msg.device() {
                self.waiting[d] = false; // the sender notices the loss and retries later
            }
            return;
        }
        if self.rng.gen_bool(0.10) {
            self.stats.duplicated += 1;
            let copy = match (&msg, self.one_at_a_time) {
                // A device waits for one answer; the server may still see a request twice.
                (Msg::Push(d, req), true) => Some(Msg::Ghost(*d, req.clone())),
                (_, true) => None,
                (m, false) => Some(clone_msg(m)),
            };
            self.in_flight.extend(copy);
        }
        self.deliver(msg, step);
    }

    /// Hands a message to its receiver; replies go back into flight.
    fn deliver(&mut self, msg: Msg, step: usize) {
        let msg_device = msg.device();
        if let (Msg::PushReply(d, ..) | Msg::PullReply(d, ..), true) = (&msg, self.one_at_a_time) {
            self.waiting[*d] = false;
        }
        match msg {
            Msg::Push(from, req) => {
                let reply = self.push(from, &req);
                if let (Ok(reply), Rules::MergeOnly) = (&reply, self.server.rules) {
                    assert!(reply.rejections.is_empty(), "nothing is refused in this scenario");
                }
                let sent = req.batches.iter().map(|b| b.seq).collect();
                self.in_flight.push(Msg::PushReply(from, reply, sent));
            }
            Msg::Pull { from, cursor, limit } => {
                let reply = self.server.pull(cursor.as_deref(), limit, self.now);
                self.stats.resets += usize::from(reply.reset);
                self.in_flight.push(Msg::PullReply(from, reply, cursor));
            }
            Msg::PushReply(to, Err(_), _) if self.online(to, step) => {
                // Refused whole: the outbox waits for the next cycle, pulling goes on.
                if self.one_at_a_time {
                    let cursor = self.devices[to].cursor.clone();
                    let limit = self.rng.gen_range(3..40);
                    self.in_flight.push(Msg::Pull { from: to, cursor, limit });
                    self.waiting[to] = true;
                }
            }
            Msg::PushReply(to, Ok(reply), sent) if self.online(to, step) => {
                self.devices[to].on_push_reply(&reply, &sent, self.now);
                if self.one_at_a_time {
                    // The app's cycle: push chunk after chunk until the outbox is empty, then
                    // pull.
                    let next = if self.devices[to].outbox.is_empty() {
                        let cursor = self.devices[to].cursor.clone();
                        Msg::Pull { from: to, cursor, limit: self.rng.gen_range(3..40) }
                    } else {
                        Msg::Push(to, self.devices[to].push_request(self.rng.gen_range(1..6)))
                    };
                    self.in_flight.push(next);
                    self.waiting[to] = true;
                }
            }
            Msg::PullReply(to, reply, sent_from) if self.online(to, step) => {
                self.devices[to].on_pull_reply_from(sent_from.as_deref(), &reply);
                assert_sees_own_edits(&self.devices[to]);
                if reply.more {
                    let limit = self.rng.gen_range(3..40);
                    let cursor = self.devices[to].cursor.clone();
                    self.in_flight.push(Msg::Pull { from: to, cursor, limit });
                    self.waiting[to] = self.one_at_a_time;
                }
            }
            Msg::Ghost(from, req) => {
                let _ = self.push(from, &req);
            }
            Msg::PushReply(..) | Msg::PullReply(..) => {
                self.stats.dropped += 1; // went offline
                if let Some(d) = msg_device {
                    self.waiting[d] = false;
                }
            }
        }
    }

    pub fn step(&mut self, step: usize) {
        self.now += self.rng.gen_range(1..200);
        for d in 0..self.devices.len() {
            if self.online(d, step) && self.rng.gen_bool(0.03) {
                self.offline_until[d] = step + self.rng.gen_range(5..80);
                self.stats.offline_periods += 1;
            }
            if self.rng.gen_bool(0.12) {
                self.edit(d);
            }
            if !self.online(d, step) {
                continue;
            }
            if !self.devices[d].outbox.is_empty() && !self.waiting[d] && self.rng.gen_bool(0.2) {
                let max = self.rng.gen_range(1..6);
                let mut req = self.devices[d].push_request(max);
                // A device that does not wait for answers pipelines its pushes: this one
                // carries later batches, the earlier ones being in another push (lost or
                // late, so the later batches may arrive first: `seq_gap`).
                let len = self.devices[d].outbox.len();
                if !self.one_at_a_time && len > 1 && self.rng.gen_bool(0.1) {
                    let skip = self.rng.gen_range(1..len);
                    req.batches =
                        self.devices[d].outbox.iter().skip(skip).take(max).cloned().collect();
                }
                self.in_flight.push(Msg::Push(d, req));
                self.waiting[d] = self.one_at_a_time;
            }
            // The app pulls without pushing only when it has nothing to push.
            let may_pull = !self.one_at_a_time || self.devices[d].outbox.is_empty();
            if !self.waiting[d] && may_pull && self.rng.gen_bool(0.15) {
                // Now and then a tablet loses its cursor (cleared cache): the server resets it.
                if self.rng.gen_bool(0.03) {
                    self.devices[d].cursor = None;
                }
                let cursor = self.devices[d].cursor.clone();
                let limit = self.rng.gen_range(3..40);
                self.in_flight.push(Msg::Pull { from: d, cursor, limit });
                self.waiting[d] = self.one_at_a_time;
            }
        }
        if self.rng.gen_bool(0.05) {
            self.intrude();
        }
        let deliveries = self.rng.gen_range(0..=self.in_flight.len().min(30));
        for _ in 0..deliveries {
            self.deliver_random(step);
        }
    }

    /// Everyone online, perfect network: deliver what is in flight, then push and pull
    /// until every outbox is empty and every cursor is at the end of the log.
    pub fn settle(&mut self) {
        self.offline_until.iter_mut().for_each(|u| *u = 0);
        for round in 0.. {
            while !self.in_flight.is_empty() {
                let msg = self.in_flight.remove(0); // in order, as a sequential sync loop
                self.deliver(msg, usize::MAX);
            }
            let end = self.server.cursor_at_end();
            let quiet = self
                .devices
                .iter()
                .all(|d| d.outbox.is_empty() && d.cursor.as_deref() == Some(end.as_str()));
            if quiet {
                return;
            }
            assert!(round < 100, "sync did not go quiet in 100 rounds");
            for d in 0..self.devices.len() {
                if !self.devices[d].outbox.is_empty() {
                    let req = self.devices[d].push_request(usize::MAX);
                    self.in_flight.push(Msg::Push(d, req));
                }
                let cursor = self.devices[d].cursor.clone();
                self.in_flight.push(Msg::Pull { from: d, cursor, limit: 50 });
            }
        }
    }
}

/// A tablet never loses sight of its own unsynced edits, even after a reset snapshot.
fn assert_sees_own_edits(d: &Device) {
    for c in d.outbox.iter().flat_map(|b| &b.changes) {
        let held = d.state.field(&c.kind, &c.id, &c.field).map(|f| f.stamp());
        assert!(held >= Some(c.stamp()), "{} lost its unsynced edit {c:?}", d.id);
    }
}

fn clone_msg(m: &Msg) -> Msg {
    match m {
        Msg::Push(d, r) => Msg::Push(*d, r.clone()),
        Msg::PushReply(d, r, s) => Msg::PushReply(*d, r.clone(), s.clone()),
        Msg::Pull { from, cursor, limit } => {
            Msg::Pull { from: *from, cursor: cursor.clone(), limit: *limit }
        }
        Msg::PullReply(d, r, from) => Msg::PullReply(*d, r.clone(), from.clone()),
        Msg::Ghost(d, r) => Msg::Ghost(*d, r.clone()),
    }
}
