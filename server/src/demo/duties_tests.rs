//! The demo's duties: valid, in order, every state in every area.
use super::*;
use shared::arrears::stage::ChaseFact;
use shared::arrears::{stage, Stage};
use shared::fields::Fields;
use shared::lww::FieldState;
use shared::{schema, Hlc, ReplicaId};
use std::collections::HashMap;

#[test]
fn months_are_china_civil_months() {
    // 2026-11-30T16:00Z is 2026-12-01 00:00 in China.
    assert_eq!(chrono_month(1_796_054_400_000), (2026, 12));
    assert_eq!(chrono_month(1_796_054_400_000 - 1), (2026, 11));
}

fn stage_name(s: Stage) -> &'static str {
    match s {
        Stage::Paid => "paid",
        Stage::Waiting => "waiting",
        Stage::ToChase { .. } => "to_chase",
        Stage::Chased { .. } => "chased",
        Stage::Escalated { .. } => "escalated",
    }
}

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

/// Every record fits the schema, parents come before their children, and every area
/// has a renovation in each state, an arrears for the butler to chase and one gone to
/// the manager, and visits this period.
#[test]
fn every_area_has_each_duty_in_each_state() {
    let p = super::super::plan(super::super::DemoSize::default());
    let now = 1_796_054_400_000;
    let records = records(&p, now);
    let mut seen: HashMap<RecordId, &str> = HashMap::new();
    let mut count: HashMap<(&str, String), usize> = HashMap::new();
    let mut chases: HashMap<RecordId, Vec<ChaseFact>> = HashMap::new();
    for (kind, id, values) in &records {
        for (field, value) in values.iter().filter(|(_, v)| !v.is_null()) {
            let change = crate::sync::server_change(kind, id, field, value.clone(), Hlc::new(1, 0));
            schema::validate(&change).unwrap_or_else(|e| panic!("{kind}.{field}: {e}"));
        }
        let f = fields(values);
        for parent in [field::RENOVATION, field::ARREARS] {
            if let Some(r) = f.reference(parent) {
                assert!(seen.contains_key(&r), "{kind} before its {parent}");
            }
        }
        if *kind == kind::ARREARS_CHASE {
            let a = f.reference(field::ARREARS).expect("a chase names its arrears");
            chases.entry(a).or_default().extend(ChaseFact::read(&f));
        }
        seen.insert(id.clone(), kind);
    }
    for (kind, id, values) in &records {
        let f = fields(values);
        let tag = match *kind {
            kind::RENOVATION => f.text(field::STATUS).unwrap_or_default().to_owned(),
            kind::ARREARS => {
                let c = chases.get(id).cloned().unwrap_or_default();
                stage_name(stage(&f, &c, now, 3)).to_owned()
            }
            _ => continue,
        };
        *count.entry((kind, tag)).or_default() += 1;
    }
    let ends = [RenovationStatus::Rejected, RenovationStatus::Cancelled];
    for s in RenovationStatus::ALL.iter().filter(|s| !ends.contains(s)) {
        let n = count.get(&(kind::RENOVATION, s.as_str().to_owned())).copied();
        let want = if *s == RenovationStatus::Approved { 2 } else { 1 };
        assert_eq!(n, Some(want * p.areas), "{s}: {count:?}");
    }
    for stage in ["to_chase", "escalated", "paid", "waiting"] {
        let n = count.get(&(kind::ARREARS, stage.to_owned())).copied().unwrap_or(0);
        assert!(n >= p.areas, "{stage}: {count:?}");
    }
    let visits = records.iter().filter(|(k, _, _)| *k == kind::VISIT).count();
    assert!(visits * 3 >= p.units.len() / 2, "{visits} visits");
}

/// No demo site check falls on today in any time zone, at any hour: the butler's day starts
/// with every active site to check (a check placed `now - 1 day + 3 h` was "today" after
/// 21:00 in the browser's zone, and the duties e2e found no unchecked site).
#[test]
fn no_site_is_checked_today_at_any_hour_in_any_zone() {
    let p = super::super::plan(super::super::DemoSize::default());
    for hour in [0, 3, 12, 20, 21, 22, 23] {
        let now = 1_796_054_400_000 + hour * 3_600_000 + 59 * 60_000;
        for (kind, _, values) in records(&p, now) {
            if kind != kind::RENOVATION_CHECK {
                continue;
            }
            let at = fields(&values).int(field::AT).expect("a check has its time");
            for offset_min in (-12 * 60..=14 * 60).step_by(30) {
                let today = shared::report::period::day_start(now, offset_min);
                assert!(at < today, "a check at {at} is today ({offset_min} min, {hour} h)");
            }
        }
    }
}
