use super::{fixture, Site, NOW};
use crate::register::index::{digits, normalize};
use crate::register::Register;
use serde_json::json;
use shared::RecordId;

fn numbers(r: &Register, q: &str) -> Vec<String> {
    r.search(q, 100).hits.into_iter().map(|h| h.number).collect()
}

#[test]
fn units_are_found_by_number_whole_or_in_part() {
    let f = fixture();
    let r = Register::build(&f.site.state, NOW);
    assert_eq!(numbers(&r, "3-1801"), ["3-1801"]);
    assert_eq!(numbers(&r, " 1801 "), ["3-1801"]);
    assert_eq!(numbers(&r, "31801"), ["3-1801"], "the number without its dash");
    assert_eq!(numbers(&r, "１８０１"), ["3-1801"], "full-width digits from a Chinese keyboard");
    assert_eq!(numbers(&r, "18"), ["3-1801", "3-1802"]);
    assert!(r.search("", 100).hits.is_empty() && r.search("   ", 100).total == 0);
    assert!(numbers(&r, "9999").is_empty());
}

#[test]
fn an_exact_number_comes_before_numbers_that_contain_it() {
    let mut f = fixture();
    let b = f.site.building("13号楼", &RecordId::new_v7());
    f.site.unit(&b, "13-1801");
    let r = Register::build(&f.site.state, NOW);
    assert_eq!(numbers(&r, "3-1801"), ["3-1801", "13-1801"]);
}

#[test]
fn units_are_found_by_building_name() {
    let f = fixture();
    let r = Register::build(&f.site.state, NOW);
    assert_eq!(numbers(&r, "3号楼"), ["3-1801", "3-1802"]);
    assert_eq!(numbers(&r, "10号楼"), ["10-0101"]);
    let hit = &r.search("3号楼", 100).hits[0];
    assert_eq!((hit.building.as_str(), hit.why.as_deref()), ("3号楼", None));
}

#[test]
fn units_are_found_by_the_names_of_the_people_living_there_now() {
    let f = fixture();
    let r = Register::build(&f.site.state, NOW);
    let found = r.search("王", 100);
    assert_eq!(found.total, 1, "王建国 moved out of 1-0302: only 王芳's unit");
    assert_eq!(found.hits[0].number, "3-1801");
    assert_eq!(found.hits[0].why.as_deref(), Some("王芳"));
    assert_eq!(found.hits[0].people, "王芳、李强", "owners first");
    assert_eq!(numbers(&r, "赵敏"), ["1-0302"], "moving out next month: still living there");
}

#[test]
fn units_are_found_by_four_or_more_digits_of_a_phone() {
    let f = fixture();
    let r = Register::build(&f.site.state, NOW);
    let found = r.search("5678", 100);
    assert_eq!(found.hits.len(), 1);
    assert_eq!(found.hits[0].why.as_deref(), Some("王芳 138 1234 5678"), "the phone as typed");
    assert_eq!(numbers(&r, "1381234"), ["3-1801"], "digits across the spaces");
    assert_eq!(numbers(&r, "138-1234"), ["3-1801"], "the query's separators are ignored");
    assert_eq!(numbers(&r, "8600 4321"), ["1-0302"], "second phones count");
    assert!(numbers(&r, "0000111").is_empty(), "a moved-out person's phone does not");
    assert!(numbers(&r, "678").is_empty(), "three digits are too few for a phone");
}

#[test]
fn results_are_capped_and_count_the_rest() {
    let mut site = Site::default();
    let b = site.building("7号楼", &RecordId::new_v7());
    for floor in 1..=30 {
        for n in 1..=10 {
            site.unit(&b, &format!("7-{floor:02}{n:02}"));
        }
    }
    let r = Register::build(&site.state, NOW);
    let found = r.search("7-", 100);
    assert_eq!((found.hits.len(), found.total, found.more()), (100, 300, 200));
    assert_eq!(found.hits[0].number, "7-0101");
    assert_eq!(r.search("7-3010", 100).total, 1);
}

#[test]
fn deleted_units_people_and_links_are_left_out() {
    let mut f = fixture();
    f.site.put("unit", &f.u1802, &[("deleted", json!(true))]);
    f.site.put("person", &f.li, &[("deleted", json!(true))]);
    let r = Register::build(&f.site.state, NOW);
    assert_eq!(numbers(&r, "3号楼"), ["3-1801"]);
    assert!(numbers(&r, "李强").is_empty());
    assert_eq!(r.units[1].people.len(), 1);
}

#[test]
fn people_are_found_for_a_move_in_except_those_living_in_the_unit() {
    let f = fixture();
    let r = Register::build(&f.site.state, NOW);
    let (hits, total) = r.find_people("王", 10, None);
    let names: Vec<&str> = hits.iter().map(|h| h.name.as_str()).collect();
    assert_eq!((names, total), (vec!["王建国", "王芳"], 2), "moved-out people too, in name order");
    assert_eq!(hits[1].units, "3-1801");
    assert_eq!(hits[0].units, "", "王建国 lives nowhere now");
    let (hits, _) = r.find_people("王", 10, Some(&f.u1801));
    assert_eq!(hits.len(), 1, "王芳 lives in 3-1801 already");
    let (by_phone, _) = r.find_people("8600 4321", 10, None);
    assert_eq!(by_phone[0].id, f.zhao);
    assert_eq!(by_phone[0].phone, "0755-8600 4321", "phone2 if no phone");
    assert_eq!(r.find_people("王", 1, None).1, 2, "counted beyond the limit");
    assert!(r.find_people(" ", 10, None).0.is_empty());
    let _ = (&f.old, &f.wang);
}

#[test]
fn keys_fold_case_and_full_width_forms() {
    assert_eq!(normalize("A座Ｂ１"), "a座b1");
    assert_eq!(digits("+86 138-1234　5678"), "8613812345678");
}
