//! One protocol path (`shared::protocol::admit`): the real server and the model server the
//! app's tests and the simulation sync against give the same answer to every push of a
//! script that takes a replica id, skips a `seq`, resends and reuses one — 409
//! `replica_taken`, `seq_gap`, `seq_reused`, the resend's stored refusals — on both
//! databases.

use crate::group_commit::request;
use crate::support::Backend::{Postgres, Sqlite};
use crate::support::{self, change, now, Backend};
use serde_json::{json, Value};
use shared::names::{field, kind};
use shared::protocol::{PushRequest, PushResponse};
use shared::testing::{ModelServer, Rules};
use shared::{RecordId, Role};

/// What a push was answered: its `last_seq` and refusal codes, or the 409's code.
#[derive(Debug, PartialEq)]
enum Answer {
    Applied { last_seq: u64, refused: Vec<String> },
    Refused(String),
}

impl Answer {
    fn of(reply: &PushResponse) -> Self {
        let refused = reply.rejections.iter().map(|r| r.code.as_str().to_owned()).collect();
        Answer::Applied { last_seq: reply.last_seq, refused }
    }
}

#[rstest::rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_and_the_model_admit_pushes_alike(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start(b).await else { return };
    let (butler, office) = (s.login("butler").await, s.login("office").await);
    let mut model = ModelServer::new(Rules::Server(Role::Butler));
    let t = now();
    let (id, other) = (RecordId::new_v7(), RecordId::new_v7());
    let on = |replica: &str, id: &RecordId, name: &str, value: Value, ms: u64| {
        vec![change(kind::REQUEST, id, name, value, ms, replica, None)]
    };
    let first = on("tab-m", &id, field::STATUS, json!("closed"), t); // refused: a new request closed
    let second = on("tab-m", &id, field::DESCRIPTION, json!("漏水"), t + 1);
    let reused = on("tab-m", &other, field::DESCRIPTION, json!("别的"), t + 2);
    let theirs = on("desk-m", &other, field::DESCRIPTION, json!("前台"), t + 3);
    let script: Vec<(&str, PushRequest, Answer)> = vec![
        ("butler", request("tab-m", vec![(1, first.clone())]), applied(1, &["bad_transition"])),
        ("office", request("tab-m", vec![(2, second.clone())]), refused("replica_taken")),
        ("butler", request("tab-m", vec![(3, second.clone())]), refused("seq_gap")),
        ("butler", request("tab-m", vec![(1, first.clone())]), applied(1, &["bad_transition"])),
        ("butler", request("tab-m", vec![(1, reused.clone())]), refused("seq_reused")),
        ("butler", request("tab-m", vec![(2, second.clone()), (2, reused)]), refused("seq_reused")),
        (
            "butler",
            request("tab-m", vec![(2, second.clone()), (1, first)]),
            applied(2, &["bad_transition"]),
        ),
        ("office", request("desk-m", vec![(1, theirs.clone())]), applied(1, &[])),
        ("butler", request("desk-m", vec![(2, theirs)]), refused("replica_taken")),
    ];
    for (step, (user, req, expected)) in script.into_iter().enumerate() {
        let token = if user == "butler" { &butler } else { &office };
        let r = s.post_json("/api/v1/sync/push", Some(token), &req).await;
        let real = if r.status().is_success() {
            Answer::of(&r.json::<PushResponse>().await.expect("a push reply"))
        } else {
            let body: Value = r.json().await.expect("an error body");
            Answer::Refused(body["error"]["code"].as_str().unwrap_or_default().to_owned())
        };
        let modelled = match model.push_as(user, &req, t + 10, None) {
            Ok(reply) => Answer::of(&reply),
            Err(e) => Answer::Refused(e.code().to_owned()),
        };
        assert_eq!(real, expected, "step {step}: the server");
        assert_eq!(modelled, expected, "step {step}: the model server");
    }
}

fn applied(last_seq: u64, refused: &[&str]) -> Answer {
    Answer::Applied { last_seq, refused: refused.iter().map(|c| (*c).to_owned()).collect() }
}

fn refused(code: &str) -> Answer {
    Answer::Refused(code.to_owned())
}
