use super::{fixture, Site, NOW};
use crate::register::table::{PersonColumn, Sort, UnitColumn, UnitFilter, PAGE_ROWS};
use crate::register::Register;
use serde_json::json;
use shared::register::UnitState;
use shared::RecordId;

fn numbers(r: &Register, f: &UnitFilter, sort: Sort<UnitColumn>) -> Vec<String> {
    r.unit_table(f, sort, 0).rows.into_iter().map(|u| u.number).collect()
}

#[test]
fn the_units_table_counts_people_and_open_requests() {
    let f = fixture();
    let r = Register::build(&f.site.state, NOW);
    let page = r.unit_table(&UnitFilter::default(), Sort::by(UnitColumn::Number), 0);
    let row = page.rows.iter().find(|u| u.id == f.u1801).expect("3-1801");
    assert_eq!((row.people, row.open_requests, row.building.as_str()), (2, 1, "3号楼"));
    let moved = page.rows.iter().find(|u| u.id == f.u0302).expect("1-0302");
    assert_eq!(moved.people, 1, "the moved-out owner is not counted");
    assert_eq!((page.total, page.page, page.pages), (4, 0, 1));
}

#[test]
fn clicking_a_header_sorts_and_clicking_it_again_turns_the_order_around() {
    let mut f = fixture();
    f.site.put("unit", &f.u10, &[("state", json!("vacant"))]);
    f.site.put("unit", &f.u1802, &[("state", json!("occupied"))]);
    let r = Register::build(&f.site.state, NOW);
    let all = UnitFilter::default();
    let by_number = Sort::by(UnitColumn::Number);
    assert_eq!(numbers(&r, &all, by_number), ["1-0302", "3-1801", "3-1802", "10-0101"]);
    let desc = by_number.clicked(UnitColumn::Number);
    assert!(desc.descending);
    assert_eq!(numbers(&r, &all, desc), ["10-0101", "3-1802", "3-1801", "1-0302"]);
    let people = desc.clicked(UnitColumn::People);
    assert!(!people.descending, "another column starts ascending");
    assert_eq!(numbers(&r, &all, people), ["3-1802", "10-0101", "1-0302", "3-1801"]);
    let busiest = numbers(&r, &all, people.clicked(UnitColumn::People));
    assert_eq!(busiest[0], "3-1801");
    let by_state = numbers(&r, &all, Sort::by(UnitColumn::State));
    assert_eq!(
        by_state,
        ["10-0101", "3-1802", "1-0302", "3-1801"],
        "vacant, occupied, then unknown"
    );
    let by_state_desc = numbers(&r, &all, Sort::by(UnitColumn::State).clicked(UnitColumn::State));
    assert_eq!(by_state_desc, ["3-1802", "10-0101", "1-0302", "3-1801"], "unknown stays last");
    let by_building = numbers(&r, &all, Sort::by(UnitColumn::Building));
    assert_eq!(by_building, ["1-0302", "3-1801", "3-1802", "10-0101"], "3号楼 before 10号楼");
    let by_requests =
        numbers(&r, &all, Sort::by(UnitColumn::OpenRequests).clicked(UnitColumn::OpenRequests));
    assert_eq!(by_requests[0], "3-1801");
}

#[test]
fn the_filter_box_and_the_selects_narrow_the_units() {
    let mut f = fixture();
    f.site.put("unit", &f.u1802, &[("state", json!("vacant"))]);
    let r = Register::build(&f.site.state, NOW);
    let by = Sort::by(UnitColumn::Number);
    let text = |t: &str| UnitFilter { text: t.into(), ..UnitFilter::default() };
    assert_eq!(numbers(&r, &text("王芳"), by), ["3-1801"]);
    assert_eq!(numbers(&r, &text("5678"), by), ["3-1801"]);
    assert_eq!(numbers(&r, &text("0302"), by), ["1-0302"]);
    let in_b3 = UnitFilter { building: Some(f.b3.clone()), ..UnitFilter::default() };
    assert_eq!(numbers(&r, &in_b3, by), ["3-1801", "3-1802"]);
    let vacant_b3 = UnitFilter { state: Some(UnitState::Vacant), ..in_b3.clone() };
    assert_eq!(numbers(&r, &vacant_b3, by), ["3-1802"]);
    let none = UnitFilter { text: "1-0302".into(), ..in_b3 };
    let page = r.unit_table(&none, by, 3);
    assert_eq!((page.rows.len(), page.total, page.page, page.pages), (0, 0, 0, 1));
}

#[test]
fn ten_thousand_units_come_a_hundred_to_a_page() {
    let mut site = Site::default();
    for b in 1..=10 {
        let building = site.building(&format!("{b}号楼"), &RecordId::new_v7());
        for n in 0..1000 {
            site.unit(&building, &format!("{b}-{:02}{:02}", n / 10 + 1, n % 10 + 1));
        }
    }
    let r = Register::build(&site.state, NOW);
    let by = Sort::by(UnitColumn::Number);
    let first = r.unit_table(&UnitFilter::default(), by, 0);
    assert_eq!((first.rows.len(), first.total, first.pages), (PAGE_ROWS, 10_000, 100));
    assert_eq!(first.rows[0].number, "1-0101");
    let last = r.unit_table(&UnitFilter::default(), by, 500);
    assert_eq!(last.page, 99, "clamped to the last page");
    assert_eq!(last.rows.last().map(|u| u.number.as_str()), Some("10-10010"));
    let found = r.search("5-", 100);
    assert_eq!((found.hits.len(), found.total), (100, 1000));
}

#[test]
fn the_people_table_lists_phones_units_and_roles() {
    let f = fixture();
    let r = Register::build(&f.site.state, NOW);
    let by_name = Sort::by(PersonColumn::Name);
    let page = r.people_table("", by_name, 0);
    let names: Vec<&str> = page.rows.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["李强", "王建国", "王芳", "赵敏"]);
    let wang = &page.rows[2];
    assert_eq!((wang.units.as_str(), wang.first_unit.as_ref()), ("3-1801", Some(&f.u1801)));
    assert_eq!(wang.roles, [Some(shared::register::PersonRole::Owner)]);
    assert_eq!(page.rows[1].first_unit, None, "moved out everywhere");
    let found = r.people_table("王", by_name.clicked(PersonColumn::Name), 0);
    let names: Vec<&str> = found.rows.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["王芳", "王建国"]);
    let by_units = r.people_table("", Sort::by(PersonColumn::Units), 0);
    assert_eq!(by_units.rows.last().map(|p| p.id.clone()), Some(f.old.clone()), "no unit: last");
    let by_phone = r.people_table("", Sort::by(PersonColumn::Phone), 0);
    assert_eq!(by_phone.rows.last().map(|p| p.id.clone()), Some(f.zhao.clone()), "no phone: last");
    assert_eq!(r.people_table("4321", by_name, 0).total, 2, "李强 and 赵敏's second phone");
    assert_eq!(r.people_table("86004321", by_name, 0).total, 1);
}
