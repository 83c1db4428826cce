use super::{fixture, NOW};
use crate::register::form::*;
use crate::register::unit::unit_detail;
use serde_json::{json, Value};
use shared::register::PersonRole;
use shared::RecordId;
use std::collections::BTreeSet;

const CHINA: i64 = 480;

fn form(name: &str, phone: &str) -> PersonForm {
    PersonForm {
        name: name.into(),
        phone: phone.into(),
        ..PersonForm::new(PersonRole::Tenant, "2026-03-01".into())
    }
}

fn fits_the_schema(edits: &[crate::sync::FieldEdit]) {
    crate::sync::FieldEdit::assert_fit_the_schema(edits);
}

#[test]
fn phones_take_digits_dashes_pluses_and_spaces_and_short_mobiles_warn() {
    assert_eq!(check_phone(""), PhoneCheck::Fine);
    assert_eq!(check_phone("13812345678"), PhoneCheck::Fine);
    assert_eq!(check_phone("138 1234 5678"), PhoneCheck::Fine);
    assert_eq!(check_phone("+86 138-1234-5678"), PhoneCheck::Fine);
    assert_eq!(check_phone("0086 13812345678"), PhoneCheck::Fine);
    assert_eq!(check_phone("0755-8600 4321"), PhoneCheck::Fine, "a landline is not a mobile");
    assert_eq!(check_phone("1381234567"), PhoneCheck::NotElevenDigits);
    assert_eq!(check_phone("138123456789"), PhoneCheck::NotElevenDigits);
    assert_eq!(check_phone("+86 138 1234"), PhoneCheck::NotElevenDigits);
    assert_eq!(check_phone("138x1234"), PhoneCheck::Invalid);
    assert_eq!(check_phone("电话13812345678"), PhoneCheck::Invalid);
    assert_eq!(check_phone("--"), PhoneCheck::Invalid);
    assert_eq!(check_phone(&"1".repeat(41)), PhoneCheck::Invalid, "over the field's 40");
}

#[test]
fn adding_a_person_saves_the_person_and_the_link_together() {
    let (person, link, unit) = (RecordId::new_v7(), RecordId::new_v7(), RecordId::new_v7());
    let mut f = form(" 陈静 ", " 13811112222 ");
    f.key_customer = true;
    let edits = new_person_edits(&person, &link, &unit, &f, CHINA).expect("valid");
    fits_the_schema(&edits);
    let get = |id: &RecordId, field: &str| {
        edits.iter().find(|e| &e.id == id && e.field == field).map(|e| e.value.clone())
    };
    assert_eq!(get(&person, "name"), Some(json!("陈静")));
    assert_eq!(get(&person, "phone"), Some(json!("13811112222")));
    assert_eq!(get(&person, "phone2"), None, "blank fields are left out");
    assert_eq!(get(&person, "key_customer"), Some(json!(true)));
    assert_eq!(get(&link, "unit"), Some(json!(unit.as_str())));
    assert_eq!(get(&link, "person"), Some(json!(person.as_str())));
    assert_eq!(get(&link, "role"), Some(json!("tenant")));
    assert_eq!(get(&link, "from"), Some(json!(NOW - CHINA * 60_000)), "local midnight");
    assert_eq!(get(&link, "to"), None);
}

#[test]
fn the_form_requires_a_name_and_refuses_bad_phones_and_dates() {
    let ids = (RecordId::new_v7(), RecordId::new_v7(), RecordId::new_v7());
    let save = |f: &PersonForm| new_person_edits(&ids.0, &ids.1, &ids.2, f, CHINA).map(|_| ());
    assert_eq!(save(&form("  ", "")), Err(PersonError::NameRequired));
    assert_eq!(save(&form("陈静", "138-abc")), Err(PersonError::BadPhone));
    assert_eq!(
        save(&PersonForm { phone2: "#1".into(), ..form("陈静", "") }),
        Err(PersonError::BadPhone)
    );
    assert_eq!(
        save(&PersonForm { from: "2026-02-30".into(), ..form("陈静", "") }),
        Err(PersonError::BadDate)
    );
    assert_eq!(save(&form(&"名".repeat(201), "")), Err(PersonError::NameTooLong));
    assert_eq!(save(&form("陈静", "1381234567")), Ok(()), "a short mobile only warns");
    assert_eq!(save(&PersonForm { from: String::new(), ..form("陈静", "") }), Ok(()));
}

#[test]
fn editing_writes_only_what_changed() {
    let f = fixture();
    let d = unit_detail(&f.site.state, &BTreeSet::new(), &f.u1801, NOW).expect("unit");
    let wang = &d.current[0];
    let unchanged = PersonForm::of(wang, 0);
    assert_eq!(unchanged.from, "2025-01-25");
    assert_eq!(edit_person_edits(wang, &unchanged, 0), Ok(vec![]));
    let changed = PersonForm {
        phone: "13800000000".into(),
        phone2: "010 1234 5678".into(),
        key_customer: true,
        role: PersonRole::Resident,
        ..unchanged.clone()
    };
    let edits = edit_person_edits(wang, &changed, 0).expect("valid");
    fits_the_schema(&edits);
    let fields: Vec<(&str, &str)> =
        edits.iter().map(|e| (e.kind.as_str(), e.field.as_str())).collect();
    assert_eq!(
        fields,
        [
            ("person", "phone"),
            ("person", "phone2"),
            ("person", "key_customer"),
            ("unit_person", "role")
        ]
    );
    assert!(edits.iter().filter(|e| e.kind.as_str() == "person").all(|e| e.id == f.wang));
    assert!(edits
        .iter()
        .filter(|e| e.kind.as_str() == "unit_person")
        .all(|e| e.id == wang.link_id));
    let cleared =
        edit_person_edits(wang, &PersonForm { phone: " ".into(), ..unchanged }, 0).expect("valid");
    assert_eq!(cleared.len(), 1);
    assert_eq!(cleared[0].value, Value::Null, "a blank phone clears the field");
}

#[test]
fn moving_in_links_a_known_person_and_moving_out_sets_the_end_of_the_link() {
    let mut f = fixture();
    let link = RecordId::new_v7();
    let edits =
        move_in_edits(&link, &f.u1802, &f.old, PersonRole::Owner, "2026-03-01", 0).expect("valid");
    fits_the_schema(&edits);
    for e in &edits {
        f.site.put("unit_person", &e.id, &[(e.field.as_str(), e.value.clone())]);
    }
    let d = unit_detail(&f.site.state, &BTreeSet::new(), &f.u1802, NOW).expect("unit");
    assert_eq!((d.current.len(), d.current[0].person_id.clone()), (1, f.old.clone()));
    assert_eq!(d.current[0].from, Some(NOW));

    let out = move_out_edits(&link, "2026-03-01", 0).expect("valid");
    fits_the_schema(&out);
    assert_eq!(out[0].field, "to");
    f.site.put("unit_person", &link, &[("to", out[0].value.clone())]);
    let d = unit_detail(&f.site.state, &BTreeSet::new(), &f.u1802, NOW).expect("unit");
    assert!(d.current.is_empty());
    assert_eq!(d.moved_out[0].link_id, link);
    assert_eq!(move_out_edits(&link, "", 0), Err(PersonError::BadDate));
}

#[test]
fn days_are_local_midnights() {
    assert_eq!(date_to_ms("2026-03-01", 0), Some(NOW));
    assert_eq!(date_to_ms("2026-03-01", CHINA), Some(NOW - 8 * 3_600_000));
    assert_eq!(ms_to_date(NOW - 1, 0), "2026-02-28");
    assert_eq!(ms_to_date(NOW - 1, CHINA), "2026-03-01", "07:59 in Beijing");
    assert_eq!(
        date_to_ms("2024-02-29", 0).map(|ms| ms_to_date(ms, 0)).as_deref(),
        Some("2024-02-29")
    );
    for bad in ["2023-02-29", "2026-13-01", "2026-3", "yesterday", "1969-12-31", "2026-01-01-01"] {
        assert_eq!(date_to_ms(bad, 0), None, "{bad}");
    }
}
