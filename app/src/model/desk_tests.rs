use super::*;
use crate::model::list::{DeskFilter, RequestFilter};
use calamine::{Reader, Xlsx};
use serde_json::json;
use shared::request::deadline::HOUR_MS;
use shared::{Change, Hlc, Kind, ReplicaId};
use std::collections::BTreeSet;

fn put(s: &mut ReplicaState, kind: &str, id: &RecordId, pairs: &[(&str, serde_json::Value)]) {
    for (f, v) in pairs {
        let hlc = Hlc::new(s.len() as u64 + 1, 0);
        let kind = Kind::new(kind);
        let (id, field) = (id.clone(), (*f).to_owned());
        let replica = ReplicaId::server();
        s.apply(&Change { kind, id, field, value: v.clone(), hlc, replica, prev: None });
    }
}

/// Two areas, three requests: a repair in 东区 1-0302 routed to 工程部/张师傅, a complaint in
/// 西区 2-0101, and a patrol finding with no unit in 西区's building 2号楼.
fn site() -> (ReplicaState, [RecordId; 3]) {
    use shared::names::field as f;
    let mut s = ReplicaState::new();
    let [east, west, b1, b2, u1, u2, dept, zhang] = std::array::from_fn(|_| RecordId::new_v7());
    put(&mut s, kind::AREA, &east, &[(f::NAME, json!("东区"))]);
    put(&mut s, kind::AREA, &west, &[(f::NAME, json!("西区"))]);
    put(&mut s, kind::BUILDING, &b1, &[(f::NAME, json!("1号楼")), (f::AREA, json!(east))]);
    put(&mut s, kind::BUILDING, &b2, &[(f::NAME, json!("2号楼")), (f::AREA, json!(west))]);
    put(&mut s, kind::UNIT, &u1, &[(f::NUMBER, json!("1-0302")), (f::BUILDING, json!(b1))]);
    put(&mut s, kind::UNIT, &u2, &[(f::NUMBER, json!("2-0101")), (f::BUILDING, json!(b2))]);
    put(&mut s, kind::DEPARTMENT, &dept, &[(f::NAME, json!("工程部"))]);
    put(&mut s, kind::STAFF, &zhang, &[(f::NAME, json!("张师傅"))]);
    let [repair, complaint, finding] = std::array::from_fn(|_| RecordId::new_v7());
    let req = |n: &str, cat: &str, status: &str, h: i64| {
        [
            (f::NUMBER, json!(n)),
            (f::CATEGORY, json!(cat)),
            (f::STATUS, json!(status)),
            (f::CREATED_AT, json!(h * HOUR_MS)),
        ]
    };
    put(&mut s, kind::REQUEST, &repair, &req("A1-0002", "repair", "assigned", 10));
    let routed = [(f::UNIT, json!(u1)), (f::DEPARTMENT, json!(dept)), (f::ASSIGNEE, json!(zhang))];
    put(&mut s, kind::REQUEST, &repair, &routed);
    put(&mut s, kind::REQUEST, &complaint, &req("A2-0001", "complaint", "new", 20));
    put(&mut s, kind::REQUEST, &complaint, &[(f::UNIT, json!(u2))]);
    put(&mut s, kind::REQUEST, &finding, &req("A2-0010", "repair", "new", 5));
    let placed = [(f::AREA, json!(west)), (f::BUILDING, json!(b2))];
    put(&mut s, kind::REQUEST, &finding, &placed);
    (s, [repair, complaint, finding])
}

fn numbers(list: &RequestList, order: &[usize]) -> Vec<String> {
    order.iter().map(|&i| list.rows[i].number.clone()).collect()
}

#[test]
fn the_desk_shows_area_place_assignee_department_and_a_findings_building() {
    let (s, [repair, _, finding]) = site();
    let list = RequestList::build(&s, &BTreeSet::new());
    let desk = desk_rows(&list, &s);
    let at = |id: &RecordId| list.rows.iter().position(|r| &r.id == id).unwrap();
    let cells = desk[at(&repair)].cells(&list.rows[at(&repair)], Lang::Zh, 480);
    let due = desk[at(&repair)].due.map(|d| local_text(d, 480)).unwrap_or_default();
    assert!(!due.is_empty(), "a repair has a due time");
    let want = ["A1-0002", "维修", "已派单", "东区", "1-0302", "", "张师傅", "工程部", &due];
    assert_eq!(cells[..9], want.map(String::from));
    assert_eq!(cells[9], "1970-01-01 18:00", "created at 10:00 UTC, shown at UTC+8");
    let f = at(&finding);
    assert_eq!((desk[f].area.as_str(), desk[f].place.as_str()), ("西区", "2号楼"));
}

#[test]
fn a_header_click_sorts_and_a_second_reverses_blanks_last() {
    let (s, _) = site();
    let list = RequestList::build(&s, &BTreeSet::new());
    let desk = desk_rows(&list, &s);
    let shown = list.select(&RequestFilter::default());
    let by = |sort| numbers(&list, &sorted(&list, &desk, &shown, sort));
    assert_eq!(by(default_sort()), ["A2-0001", "A1-0002", "A2-0010"], "newest first");
    let number = default_sort().clicked(DeskColumn::Number);
    assert_eq!(by(number), ["A1-0002", "A2-0001", "A2-0010"]);
    assert_eq!(by(number.clicked(DeskColumn::Number)), ["A2-0010", "A2-0001", "A1-0002"]);
    let place = Sort::by(DeskColumn::Place);
    assert_eq!(by(place), ["A1-0002", "A2-0001", "A2-0010"], "1-0302 < 2-0101 < 2号楼");
    let assignee = Sort::by(DeskColumn::Assignee);
    assert_eq!(by(assignee)[0], "A1-0002");
    let reversed = by(assignee.clicked(DeskColumn::Assignee));
    assert_eq!(reversed[0], "A1-0002", "the only assignee first both ways: blanks last");
    assert_eq!(by(Sort::by(DeskColumn::Status))[0], "A2-0001", "new before assigned");
    assert_eq!(by(Sort::by(DeskColumn::Area)), ["A1-0002", "A2-0001", "A2-0010"]);
}

/// The workbook holds exactly the filtered rows in the order shown, cell for cell as the
/// screen shows them, headers in the chosen language.
#[test]
fn the_workbook_is_the_filtered_sorted_table() {
    let (s, _) = site();
    let list = RequestList::build(&s, &BTreeSet::new());
    let desk = desk_rows(&list, &s);
    let west = s.records_of(kind::AREA).find(|(_, f)| f.string("name") == "西区").unwrap().0;
    let filter = DeskFilter { area: Some(west.clone()), ..Default::default() };
    let shown = list.select_desk(&RequestFilter::default(), &filter);
    let order = sorted(&list, &desk, &shown, Sort::by(DeskColumn::Number));
    for lang in [Lang::Zh, Lang::En] {
        let bytes = workbook(&list, &desk, &order, lang, 480).unwrap();
        let mut x: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let range = x.worksheet_range(Key::NavRequests.text(lang)).unwrap();
        let read: Vec<Vec<String>> =
            range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
        assert_eq!(read[0], headers(lang));
        let table = table_text(&list, &desk, &order, lang, 480);
        assert_eq!(read[1..], table.iter().map(|r| r.to_vec()).collect::<Vec<_>>());
        assert_eq!(read.len(), 3, "the two requests of 西区");
        assert_eq!((read[1][0].as_str(), read[2][4].as_str()), ("A2-0001", "2号楼"));
    }
    assert_eq!(headers(Lang::En)[4], "Building / unit");
}
