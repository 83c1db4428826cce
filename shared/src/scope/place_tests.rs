use super::*;
use crate::names::{field as f, kind as k};

const U: &str = "0190f0a0-0000-7000-8000-00000000000a";
const A: &str = "0190f0a0-0000-7000-8000-00000000000b";

#[test]
fn a_request_is_in_its_units_area_else_its_own() {
    let through = place(k::REQUEST, f::UNIT, Some(U), &[(f::AREA, Some(A))]);
    let unit = AreaOf::Record { kind: k::UNIT, id: U.into() };
    assert_eq!(through, vec![Effect::Area { area: unit, parent: Some(U.into()) }]);
    let own = place(k::REQUEST, f::UNIT, None, &[(f::AREA, Some(A))]);
    assert_eq!(own, vec![Effect::Area { area: AreaOf::Area(A.into()), parent: None }]);
    let none = place(k::REQUEST, f::AREA, None, &[(f::UNIT, None)]);
    assert_eq!(none, vec![Effect::Area { area: AreaOf::Nowhere, parent: None }]);
    assert_eq!(place(k::REQUEST, f::DEPARTMENT, Some(A), &[]), vec![Effect::Route(Some(A.into()))]);
    assert!(place(k::REQUEST, f::DESCRIPTION, Some("x"), &[]).is_empty());
    assert_eq!(needs(k::REQUEST, f::UNIT), vec![f::UNIT, f::BUILDING, f::AREA]);
}

#[test]
fn a_common_place_request_is_in_its_buildings_area_and_a_unit_wins() {
    const B: &str = "0190f0a0-0000-7000-8000-00000000000c";
    let building = AreaOf::Record { kind: k::BUILDING, id: B.into() };
    let lift = place(k::REQUEST, f::BUILDING, Some(B), &[(f::UNIT, None), (f::AREA, Some(A))]);
    assert_eq!(lift, vec![Effect::Area { area: building, parent: Some(B.into()) }]);
    let unit = AreaOf::Record { kind: k::UNIT, id: U.into() };
    let both = place(k::REQUEST, f::BUILDING, Some(B), &[(f::UNIT, Some(U)), (f::AREA, None)]);
    assert_eq!(both, vec![Effect::Area { area: unit, parent: Some(U.into()) }]);
    let square = place(k::REQUEST, f::BUILDING, None, &[(f::UNIT, None), (f::AREA, Some(A))]);
    assert_eq!(square, vec![Effect::Area { area: AreaOf::Area(A.into()), parent: None }]);
    assert!(place(k::REQUEST, f::COMMON_PLACE, Some("3号梯"), &[]).is_empty());
    assert!(place(k::REQUEST, f::ENTRANCE, Some("2"), &[]).is_empty());
}

#[test]
fn a_round_follows_its_building_and_children_follow_their_parent() {
    let round = place(k::PATROL_ROUND, f::BUILDING, Some(U), &[(f::AREA, Some(A))]);
    let building = AreaOf::Record { kind: k::BUILDING, id: U.into() };
    assert_eq!(round, vec![Effect::Area { area: building, parent: Some(U.into()) }]);
    assert_eq!(place(k::BUILDING, f::AREA, Some(A), &[]), vec![Effect::Carry(Some(A.into()))]);
    let kinds = |of| followers(of).iter().map(|x| x.kind).collect::<Vec<_>>();
    let of_building = vec![k::UNIT, k::REQUEST, k::PATROL_ROUND, k::MOVING_BOOKING];
    assert_eq!(kinds(k::BUILDING), of_building);
    let of_unit = vec![
        k::UNIT_PERSON,
        k::REQUEST,
        k::RENOVATION,
        k::ARREARS,
        k::VISIT,
        k::SURVEY_ANSWER,
        k::KEY_DEPOSIT,
        k::MOVE_CHECK,
        k::RELEASE_PASS,
        k::DESK_ENTRY,
        k::MAIL_ITEM,
    ];
    assert_eq!(kinds(k::UNIT), of_unit);
    let of_request = kinds(k::REQUEST);
    let mut parts = vec![k::REQUEST_EVENT, k::REQUEST_COMMENT, k::CALLBACK, k::PHOTO];
    parts.push(k::SERVICE_ORDER); // issue 25: services
    assert_eq!(of_request, parts);
    assert_eq!(kinds(k::PATROL_ROUND), vec![k::PATROL_ANSWER]);
    let answer = place(k::PATROL_ANSWER, f::ROUND, Some(U), &[]);
    let parent = Some((k::PATROL_ROUND.to_owned(), U.to_owned()));
    assert_eq!(answer, vec![Effect::With { parent, key: Some(U.into()) }]);
}

#[test]
fn a_photo_goes_with_the_record_its_two_fields_name() {
    let photo = place(k::PHOTO, f::PARENT_ID, Some(U), &[(f::PARENT_KIND, Some(k::REQUEST))]);
    let parent = Some((k::REQUEST.to_owned(), U.to_owned()));
    let key = Some(parent_key(k::REQUEST, U));
    assert_eq!(photo, vec![Effect::With { parent, key }]);
    let half = place(k::PHOTO, f::PARENT_KIND, Some(k::REQUEST), &[(f::PARENT_ID, None)]);
    assert_eq!(half, vec![Effect::With { parent: None, key: None }]);
    let odd = place(k::PHOTO, f::PARENT_ID, Some(U), &[(f::PARENT_KIND, Some(k::BUILDING))]);
    assert_eq!(odd, vec![Effect::With { parent: None, key: None }]);
}

#[test]
fn links_relink_and_unknown_kinds_do_nothing() {
    assert_eq!(place(k::UNIT_PERSON, f::PERSON, Some(U), &[]), vec![Effect::Relink]);
    assert_eq!(place(k::UNIT_PERSON, f::DELETED, None, &[]), vec![Effect::Relink]);
    assert_eq!(linked_kind(k::UNIT_PERSON), Some(k::PERSON));
    assert!(place("spaceship", f::AREA, Some(A), &[]).is_empty());
    assert!(place(k::CONFLICT, f::FIELD, Some(A), &[]).is_empty());
}
