//! The demo's front desk: valid records, every state in every area.
use super::*;
use shared::fields::Fields;
use shared::frontdesk::mail::{stage, MailStage};
use shared::lww::FieldState;
use shared::{schema, Hlc, ReplicaId};
use std::collections::HashMap;

fn fields(values: &[(&'static str, serde_json::Value)]) -> Fields {
    let mut f = Fields::new();
    for (name, value) in values {
        let st = FieldState {
            value: value.clone(),
            hlc: Hlc::new(1, 0),
            replica: ReplicaId::from("demo"),
            prev: None,
        };
        f.insert((*name).to_owned(), st);
    }
    f
}

#[test]
fn every_area_has_a_desk_log_handovers_and_mail_in_every_state() {
    let p = super::super::plan(super::super::DemoSize::default());
    let now = 1_796_054_400_000;
    let records = records(&p, now);
    let mut count: HashMap<(&str, String), usize> = HashMap::new();
    for (kind, id, values) in &records {
        for (field, value) in values.iter().filter(|(_, v)| !v.is_null()) {
            let change = crate::sync::server_change(kind, id, field, value.clone(), Hlc::new(1, 0));
            schema::validate(&change).unwrap_or_else(|e| panic!("{kind}.{field}: {e}"));
        }
        let f = fields(values);
        let tag = match *kind {
            kind::DESK_ENTRY => {
                let overdue = shared::frontdesk::missed::is_unreturned(&f)
                    && now - f.int(field::AT).unwrap_or(now) > 3 * HOUR_MS;
                match (f.reference(field::REQUEST).is_some(), overdue) {
                    (true, _) => "request".to_owned(),
                    (_, true) => "missed_overdue".to_owned(),
                    _ => f.text(field::CHANNEL).unwrap_or_default().to_owned(),
                }
            }
            kind::HANDOVER => {
                f.text(field::CONFIRMED_BY).map_or("waiting", |_| "confirmed").to_owned()
            }
            kind::MAIL_ITEM => format!("{:?}", stage(&f)),
            kind::KNOWLEDGE => String::new(),
            _ => continue,
        };
        *count.entry((kind, tag)).or_default() += 1;
    }
    let n = |k: &'static str, t: &str| count.get(&(k, t.to_owned())).copied().unwrap_or(0);
    assert!(n(kind::DESK_ENTRY, "request") >= p.areas, "{count:?}");
    assert_eq!(n(kind::DESK_ENTRY, "missed_overdue"), p.areas, "{count:?}");
    assert_eq!(n(kind::HANDOVER, "waiting"), p.areas);
    assert_eq!(n(kind::HANDOVER, "confirmed"), p.areas);
    for s in [MailStage::Received, MailStage::Told, MailStage::Collected] {
        assert!(n(kind::MAIL_ITEM, &format!("{s:?}")) >= p.areas, "{s:?}: {count:?}");
    }
    assert!(n(kind::KNOWLEDGE, "") >= 20);
}
