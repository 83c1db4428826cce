//! The world's pushes as the server admits them (`shared::protocol::admit`): each device
//! pushes as its own user, an intruder pushes under devices' replica ids, and the pushes
//! refused whole (409 `replica_taken`, `seq_gap`) are counted, so the simulation can assert
//! it exercised them.

use super::World;
use rand::Rng;
use serde_json::json;
use shared::protocol::admit::PushRefusal;
use shared::protocol::{Batch, PushRequest, PushResponse};
use shared::{Change, Hlc, RejectCode, ReplicaId};

/// The user who pushes as intruder: never the owner of a replica id it uses.
const INTRUDER: &str = "intruder";

/// What the server answered a push: its reply, or the 409 that refused it.
pub type PushAnswer = Result<PushResponse, PushRefusal>;

/// The user signed in on device `d` (one device each).
fn user_of(d: usize) -> String {
    format!("user-{d:02}")
}

impl World {
    /// `POST /sync/push` from device `d`'s user, counting the pushes refused whole.
    pub(super) fn push(&mut self, d: usize, req: &PushRequest) -> PushAnswer {
        let answer = self.server.push_as(&user_of(d), req, self.now, None);
        self.count(&answer);
        answer
    }

    fn count(&mut self, answer: &PushAnswer) {
        match answer {
            Ok(reply) => {
                self.stats.refused += reply.rejections.len();
                let foreign = reply.rejections.iter().filter(|r| r.code == RejectCode::OutOfScope);
                self.stats.out_of_scope += foreign.count();
                let ahead = reply.rejections.iter().filter(|r| r.code == RejectCode::ClockAhead);
                self.stats.clock_ahead += ahead.count();
            }
            Err(PushRefusal::ReplicaTaken) => self.stats.replica_taken += 1,
            Err(PushRefusal::SeqGap { .. }) => self.stats.seq_gap += 1,
            Err(e) => panic!("no device reuses a seq: {e}"),
        }
    }

    /// Another user pushes under the replica id of a device that pushed already (ids are
    /// public in every pulled change), at its next `seq`, an edit of its own: were it taken,
    /// the device's own next batch would pass for a resend and the server would hold a value
    /// nobody made.
    pub(super) fn intrude(&mut self) {
        let seen: Vec<&ReplicaId> = self.server.replicas.keys().collect();
        if seen.is_empty() {
            return;
        }
        let victim = seen[self.rng.gen_range(0..seen.len())].clone();
        let next = self.server.replicas[&victim].1 + 1;
        let (kind, id) = self.records[self.rng.gen_range(0..self.records.len())].clone();
        let forged = Change {
            kind,
            id,
            field: shared::names::field::DESCRIPTION.to_owned(),
            value: json!("intruder"),
            hlc: Hlc::new(self.now, 0),
            replica: victim.clone(),
            prev: None,
        };
        let batch = Batch { seq: next, changes: vec![forged] };
        let schema = shared::schema::SCHEMA_VERSION;
        let req = PushRequest {
            replica: victim,
            schema,
            batches: vec![batch],
            history: None,
            rebase_from: None,
        };
        let answer = self.server.push_as(INTRUDER, &req, self.now, None);
        assert_eq!(answer.as_ref().err(), Some(&PushRefusal::ReplicaTaken), "the intruder got in");
        self.count(&answer);
    }
}
