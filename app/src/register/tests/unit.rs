use super::{fixture, DAY, NOW};
use crate::register::unit::{tel_href, unit_detail};
use serde_json::json;
use shared::register::PersonRole;
use shared::request::RequestStatus;
use shared::RecordId;
use std::collections::BTreeSet;

#[test]
fn the_unit_page_lists_people_in_and_moved_out() {
    let f = fixture();
    let none = BTreeSet::new();
    let d = unit_detail(&f.site.state, &none, &f.u0302, NOW).expect("unit");
    assert_eq!(
        (d.number.as_str(), d.building.as_str(), d.area.as_str()),
        ("1-0302", "1号楼", "东区")
    );
    assert_eq!(d.current.len(), 1);
    assert_eq!(d.current[0].person_id, f.zhao, "moving out next month: still in");
    assert_eq!(d.current[0].phone2, "0755-8600 4321");
    assert_eq!(d.moved_out.len(), 1);
    assert_eq!(
        (d.moved_out[0].person_id.clone(), d.moved_out[0].to),
        (f.old.clone(), Some(NOW - DAY))
    );
    let later = unit_detail(&f.site.state, &none, &f.u0302, NOW + 31 * DAY).expect("unit");
    assert!(later.current.is_empty() && later.moved_out.len() == 2);
    assert_eq!(later.moved_out[0].person_id, f.zhao, "latest move-out first");
}

#[test]
fn owners_come_first_and_pending_edits_are_marked() {
    let f = fixture();
    let pending: BTreeSet<RecordId> = [f.li.clone()].into();
    let d = unit_detail(&f.site.state, &pending, &f.u1801, NOW).expect("unit");
    let roles: Vec<_> = d.current.iter().map(|o| o.role).collect();
    assert_eq!(roles, [Some(PersonRole::Owner), Some(PersonRole::Tenant)]);
    assert!(!d.current[0].pending && d.current[1].pending);
}

#[test]
fn the_unit_page_lists_its_requests_newest_first() {
    let mut f = fixture();
    let other = f.site.request(&f.u1802, "new");
    let d = unit_detail(&f.site.state, &BTreeSet::new(), &f.u1801, NOW).expect("unit");
    let statuses: Vec<_> = d.requests.iter().map(|r| r.status).collect();
    assert_eq!(statuses, [RequestStatus::Closed, RequestStatus::New]);
    assert!(d.requests.iter().all(|r| r.id != other));
}

#[test]
fn facts_deleted_units_and_links_to_unknown_people() {
    let mut f = fixture();
    let u = f.u1802.clone();
    f.site.put(
        "unit",
        &u,
        &[
            ("type", json!("shop")),
            ("state", json!("renovating")),
            ("floor_area", json!(89.5)),
            ("floor", json!(18)),
        ],
    );
    f.site.link(&u, &RecordId::new_v7(), "owner", None);
    let d = unit_detail(&f.site.state, &BTreeSet::new(), &u, NOW).expect("unit");
    assert_eq!(d.floor_area, Some(89.5));
    assert_eq!((d.floor, d.unit_type.map(|t| t.as_str())), (Some(18), Some("shop")));
    assert!(d.current.is_empty(), "a person not synced yet is not shown");
    f.site.put("unit", &u, &[("deleted", json!(true))]);
    assert!(unit_detail(&f.site.state, &BTreeSet::new(), &u, NOW).is_none());
    assert!(unit_detail(&f.site.state, &BTreeSet::new(), &RecordId::new_v7(), NOW).is_none());
    let _ = f.wang;
}

#[test]
fn phones_become_tel_links_of_digits() {
    assert_eq!(tel_href("138 1234 5678").as_deref(), Some("tel:13812345678"));
    assert_eq!(tel_href("0755-8600 4321").as_deref(), Some("tel:075586004321"));
    assert_eq!(tel_href(" +86 138 1234 5678").as_deref(), Some("tel:+8613812345678"));
    assert_eq!(tel_href(""), None);
    assert_eq!(tel_href("--"), None);
    assert_eq!(tel_href("138****5678"), None, "a masked number cannot be called");
}
