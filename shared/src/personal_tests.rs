use super::*;
use crate::lww::FieldState;
use crate::{Hlc, ReplicaId};
use serde_json::{json, Value};

fn fields(pairs: &[(&str, Value)]) -> Fields {
    let mut out = Fields::new();
    for (name, value) in pairs {
        let state = FieldState {
            value: value.clone(),
            hlc: Hlc::new(1, 0),
            replica: ReplicaId::from("r"),
            prev: None,
        };
        out.insert((*name).to_owned(), state);
    }
    out
}

fn id(n: u8) -> RecordId {
    RecordId::derived(&uuid::Uuid::nil(), &[&n.to_string()])
}

fn zhang() -> Person {
    let f = fields(&[
        (field::NAME, json!(" 张三 ")),
        (field::PHONE, json!("138-1234 5678")),
        (field::PHONE2, json!(null)),
    ]);
    Person::new(id(1), &f, [id(10)])
}

#[test]
fn a_person_is_keyed_by_trimmed_name_and_phone_digits() {
    let p = zhang();
    assert_eq!(p.name.as_deref(), Some("张三"));
    assert_eq!(p.phones, vec!["13812345678".to_owned()]);
}

#[test]
fn the_person_and_their_links_are_tied() {
    let p = zhang();
    assert_eq!(direct_tie(&p, kind::PERSON, &id(1), &Fields::new()), Some(Tie::Person));
    assert_eq!(direct_tie(&p, kind::PERSON, &id(2), &Fields::new()), None);
    let link = fields(&[(field::PERSON, json!(id(1))), (field::UNIT, json!(id(10)))]);
    assert_eq!(direct_tie(&p, kind::UNIT_PERSON, &id(3), &link), Some(Tie::Link));
    let other = fields(&[(field::PERSON, json!(id(2)))]);
    assert_eq!(direct_tie(&p, kind::UNIT_PERSON, &id(3), &other), None);
}

#[test]
fn a_request_is_theirs_by_phone_anywhere_or_by_name_on_their_unit_only() {
    let p = zhang();
    let by_phone = fields(&[(field::CONTACT_PHONE, json!("13812345678"))]);
    assert_eq!(direct_tie(&p, kind::REQUEST, &id(4), &by_phone), Some(Tie::Contact));
    let name_here = fields(&[(field::CONTACT_NAME, json!("张三")), (field::UNIT, json!(id(10)))]);
    assert_eq!(direct_tie(&p, kind::REQUEST, &id(4), &name_here), Some(Tie::Contact));
    // The same name on another unit is another resident.
    let name_elsewhere =
        fields(&[(field::CONTACT_NAME, json!("张三")), (field::UNIT, json!(id(11)))]);
    assert_eq!(direct_tie(&p, kind::REQUEST, &id(4), &name_elsewhere), None);
    let other_phone = fields(&[(field::CONTACT_PHONE, json!("13900000000"))]);
    assert_eq!(direct_tie(&p, kind::REQUEST, &id(4), &other_phone), None);
    // A person with no phone is not everyone whose request has none.
    let mut nameless = zhang();
    nameless.phones.clear();
    let blank = fields(&[(field::CONTACT_PHONE, json!("-"))]);
    assert_eq!(direct_tie(&nameless, kind::REQUEST, &id(4), &blank), None);
}

#[test]
fn conflicts_on_personal_fields_and_a_requests_parts_are_tied_through_it() {
    let tied: HashSet<(String, RecordId)> =
        [(kind::PERSON.to_owned(), id(1)), (kind::REQUEST.to_owned(), id(4))].into();
    let conflict = |k: &str, target: RecordId, f: &str| {
        fields(&[
            (field::TARGET_KIND, json!(k)),
            (field::TARGET_ID, json!(target)),
            (field::FIELD, json!(f)),
        ])
    };
    let on_phone = conflict(kind::PERSON, id(1), field::PHONE);
    assert_eq!(tie_through(&tied, kind::CONFLICT, &on_phone), Some(Tie::Conflict));
    let on_contact = conflict(kind::REQUEST, id(4), field::CONTACT_PHONE);
    assert_eq!(tie_through(&tied, kind::CONFLICT, &on_contact), Some(Tie::Conflict));
    // A conflict on the assignee holds no personal data; one on someone else is theirs.
    let on_assignee = conflict(kind::REQUEST, id(4), field::ASSIGNEE);
    assert_eq!(tie_through(&tied, kind::CONFLICT, &on_assignee), None);
    let elsewhere = conflict(kind::PERSON, id(2), field::PHONE);
    assert_eq!(tie_through(&tied, kind::CONFLICT, &elsewhere), None);
    let comment = fields(&[(field::REQUEST, json!(id(4)))]);
    assert_eq!(tie_through(&tied, kind::REQUEST_COMMENT, &comment), Some(Tie::Part));
    assert_eq!(tie_through(&tied, kind::CALLBACK, &comment), Some(Tie::Part));
    let photo =
        fields(&[(field::PARENT_KIND, json!(kind::REQUEST)), (field::PARENT_ID, json!(id(4)))]);
    assert_eq!(tie_through(&tied, kind::PHOTO, &photo), Some(Tie::Part));
    let other = fields(&[(field::REQUEST, json!(id(5)))]);
    assert_eq!(tie_through(&tied, kind::REQUEST_COMMENT, &other), None);
}

#[test]
fn what_is_erased_is_personal_fields_only() {
    let request = personal_of(kind::REQUEST, Tie::Contact);
    assert_eq!(request, vec![field::CONTACT_NAME, field::CONTACT_PHONE, field::SIGNATURE]);
    assert_eq!(
        personal_of(kind::PERSON, Tie::Person),
        vec![field::NAME, field::PHONE, field::PHONE2, field::NOTE]
    );
    assert_eq!(
        personal_of(kind::CONFLICT, Tie::Conflict),
        vec![field::KEPT_VALUE, field::LOST_VALUE]
    );
    for (k, tie) in [
        (kind::REQUEST_COMMENT, Tie::Part),
        (kind::UNIT, Tie::Unit),
        (kind::UNIT_PERSON, Tie::Link),
    ] {
        assert!(personal_of(k, tie).is_empty(), "{k}");
    }
}

#[test]
fn the_declared_personal_fields_are_the_residents_data() {
    let all: Vec<(&str, &str)> = crate::schema::KINDS
        .iter()
        .flat_map(|k| k.personal_fields().map(move |f| (k.name, f)))
        .collect();
    for (k, f) in crate::scope::masked() {
        assert!(all.contains(&(k, f)), "a masked phone {k}.{f} is personal");
    }
    assert!(!all.iter().any(|(k, _)| *k == kind::STAFF), "staff are not residents: {all:?}");
    assert!(!all.contains(&(kind::REQUEST, field::CATEGORY)), "{all:?}");
}

#[test]
fn renovations_visits_and_signed_notices_of_their_household_are_theirs() {
    let p = zhang();
    let applied = fields(&[(field::APPLICANT_PHONE, json!("13812345678"))]);
    assert_eq!(direct_tie(&p, kind::RENOVATION, &id(5), &applied), Some(Tie::Contact));
    let someone = fields(&[(field::APPLICANT, json!("张三")), (field::UNIT, json!(id(11)))]);
    assert_eq!(direct_tie(&p, kind::RENOVATION, &id(5), &someone), None);
    let met = fields(&[(field::PERSON, json!(id(1))), (field::UNIT, json!(id(11)))]);
    assert_eq!(direct_tie(&p, kind::VISIT, &id(6), &met), Some(Tie::Contact));
    let home = fields(&[(field::UNIT, json!(id(10)))]);
    assert_eq!(direct_tie(&p, kind::VISIT, &id(6), &home), Some(Tie::Household));
    assert_eq!(direct_tie(&p, kind::ARREARS, &id(7), &home), Some(Tie::Unit));
    assert!(personal_of(kind::ARREARS, Tie::Unit).is_empty(), "the amount owed stays");
    let tied: HashSet<(String, RecordId)> = [(kind::ARREARS.to_owned(), id(7))].into();
    let chase = fields(&[(field::ARREARS, json!(id(7)))]);
    assert_eq!(tie_through(&tied, kind::ARREARS_CHASE, &chase), Some(Tie::Household));
    assert_eq!(personal_of(kind::ARREARS_CHASE, Tie::Household), vec![field::SIGNATURE]);
    assert_eq!(personal_of(kind::VISIT, Tie::Household), vec![field::REMARKS]);
    let elsewhere = fields(&[(field::ARREARS, json!(id(8)))]);
    assert_eq!(tie_through(&tied, kind::ARREARS_CHASE, &elsewhere), None);
}

// issue 25: services
#[test]
fn signed_service_orders_and_deposited_keys_are_theirs() {
    let p = zhang();
    let tied: HashSet<(String, RecordId)> = [(kind::REQUEST.to_owned(), id(20))].into();
    let order = fields(&[(field::REQUEST, json!(id(20)))]);
    assert_eq!(tie_through(&tied, kind::SERVICE_ORDER, &order), Some(Tie::Household));
    assert_eq!(personal_of(kind::SERVICE_ORDER, Tie::Household), vec![field::SIGNATURE]);
    let other = fields(&[(field::REQUEST, json!(id(21)))]);
    assert_eq!(tie_through(&tied, kind::SERVICE_ORDER, &other), None);
    let owner = fields(&[(field::PERSON, json!(id(1))), (field::UNIT, json!(id(99)))]);
    assert_eq!(direct_tie(&p, kind::KEY_DEPOSIT, &id(30), &owner), Some(Tie::Contact));
    let home = fields(&[(field::UNIT, json!(id(10)))]);
    assert_eq!(direct_tie(&p, kind::KEY_DEPOSIT, &id(30), &home), Some(Tie::Household));
    let keys: HashSet<(String, RecordId)> = [(kind::KEY_DEPOSIT.to_owned(), id(30))].into();
    let out = fields(&[(field::KEY_DEPOSIT, json!(id(30)))]);
    assert_eq!(tie_through(&keys, kind::KEY_MOVEMENT, &out), Some(Tie::Household));
    let signed = personal_of(kind::KEY_MOVEMENT, Tie::Household);
    assert_eq!(signed, vec![field::HOLDER, field::SIGNATURE, field::RETURN_SIGNATURE]);
}

#[test]
fn a_caller_at_the_desk_and_who_collected_their_units_mail_are_theirs() {
    let p = zhang();
    let called = fields(&[(field::CALLER, json!("某人")), (field::PHONE, json!("138 1234 5678"))]);
    assert_eq!(direct_tie(&p, kind::DESK_ENTRY, &id(5), &called), Some(Tie::Contact));
    let named = fields(&[(field::CALLER, json!("张三")), (field::UNIT, json!(id(10)))]);
    assert_eq!(direct_tie(&p, kind::DESK_ENTRY, &id(5), &named), Some(Tie::Contact));
    let stranger = fields(&[(field::CALLER, json!("张三")), (field::UNIT, json!(id(99)))]);
    assert_eq!(direct_tie(&p, kind::DESK_ENTRY, &id(5), &stranger), None, "a name alone");
    let parcel = fields(&[(field::UNIT, json!(id(10)))]);
    assert_eq!(direct_tie(&p, kind::MAIL_ITEM, &id(6), &parcel), Some(Tie::Household));
    let mut erased = personal_of(kind::MAIL_ITEM, Tie::Household);
    erased.sort_unstable();
    assert_eq!(erased, vec![field::COLLECTOR, field::SIGNATURE]);
}
