//! The simulated world: tablets, the model server and a network that drops, duplicates and
//! reorders messages. Driven step by step by `simulation.rs`.

use crate::model::Device;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};
use shared::protocol::{PullResponse, PushRequest, PushResponse};
use shared::testing::{ModelServer, Rules};
use shared::{Change, Kind, RecordId};

/// True time at the start of every run (ms since the epoch).
pub const START_MS: u64 = 1_700_000_000_000;
const FIELDS: [&str; 4] = ["status", "description", "contact_phone", "assignee"];

/// A message on the wire, in either direction.
pub enum Msg {
    Push(usize, PushRequest),
    PushReply(usize, PushResponse),
    Pull { from: usize, cursor: Option<String>, limit: usize },
    PullReply(usize, PullResponse),
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
    pub stats: Stats,
}

/// What the network and server did in a run, to check the scenario exercised them.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    pub dropped: usize,
    pub duplicated: usize,
    pub resets: usize,
    pub offline_periods: usize,
}

impl World {
    pub fn new(seed: u64, n_devices: usize) -> Self {
        let mut rng = StdRng::seed_from_u64(seed);
        let devices = (0..n_devices)
            .map(|i| Device::new(&format!("tablet-{i:02}"), rng.gen_range(-90_000..=90_000)))
            .collect();
        let records = (0..12u32)
            .map(|i| {
                let kind = if i % 4 == 0 { "unit" } else { "request" };
                (Kind::new(kind), RecordId(format!("0190f0a0-0000-7000-8000-{i:012}")))
            })
            .collect();
        Self {
            rng,
            now: START_MS,
            server: ModelServer::new(Rules::MergeOnly),
            devices,
            offline_until: vec![0; n_devices],
            in_flight: Vec::new(),
            records,
            made: Vec::new(),
            edits: 0,
            stats: Stats::default(),
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
            let v = self.random_value(d);
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
            return; // the sender retries later
        }
        if self.rng.gen_bool(0.10) {
            self.stats.duplicated += 1;
            self.in_flight.push(clone_msg(&msg));
        }
        self.deliver(msg, step);
    }

    /// Hands a message to its receiver; replies go back into flight.
    fn deliver(&mut self, msg: Msg, step: usize) {
        match msg {
            Msg::Push(from, req) => {
                let reply = self.server.push(&req, self.now, None);
                assert!(reply.rejections.is_empty(), "nothing is refused in this scenario");
                self.in_flight.push(Msg::PushReply(from, reply));
            }
            Msg::Pull { from, cursor, limit } => {
                let reply = self.server.pull(cursor.as_deref(), limit, self.now);
                self.stats.resets += usize::from(reply.reset);
                self.in_flight.push(Msg::PullReply(from, reply));
            }
            Msg::PushReply(to, reply) if self.online(to, step) => {
                self.devices[to].on_push_reply(&reply);
            }
            Msg::PullReply(to, reply) if self.online(to, step) => {
                self.devices[to].on_pull_reply(&reply);
                assert_sees_own_edits(&self.devices[to]);
                if reply.more {
                    let limit = self.rng.gen_range(3..40);
                    let cursor = self.devices[to].cursor.clone();
                    self.in_flight.push(Msg::Pull { from: to, cursor, limit });
                }
            }
            Msg::PushReply(..) | Msg::PullReply(..) => self.stats.dropped += 1, // went offline
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
            if !self.devices[d].outbox.is_empty() && self.rng.gen_bool(0.2) {
                let max = self.rng.gen_range(1..6);
                let req = self.devices[d].push_request(max);
                self.in_flight.push(Msg::Push(d, req));
            }
            if self.rng.gen_bool(0.15) {
                // Now and then a tablet loses its cursor (cleared cache): the server resets it.
                if self.rng.gen_bool(0.03) {
                    self.devices[d].cursor = None;
                }
                let cursor = self.devices[d].cursor.clone();
                let limit = self.rng.gen_range(3..40);
                self.in_flight.push(Msg::Pull { from: d, cursor, limit });
            }
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
        Msg::PushReply(d, r) => Msg::PushReply(*d, r.clone()),
        Msg::Pull { from, cursor, limit } => {
            Msg::Pull { from: *from, cursor: cursor.clone(), limit: *limit }
        }
        Msg::PullReply(d, r) => Msg::PullReply(*d, r.clone()),
    }
}
