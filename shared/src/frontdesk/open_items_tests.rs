use super::*;
use crate::frontdesk::test_fixture::{id, places, put, AREA_A};
use serde_json::json;

const NOW: i64 = 1_000 * HOUR_MS;

fn request(s: &mut ReplicaState, n: u32, unit: u32, category: &str, status: &str, age_h: i64) {
    put(
        s,
        kind::REQUEST,
        &id(n),
        &[
            (field::UNIT, json!(id(unit))),
            (field::CATEGORY, json!(category)),
            (field::STATUS, json!(status)),
            (field::URGENCY, json!("normal")),
            (field::CREATED_AT, json!(NOW - age_h * HOUR_MS)),
            (field::NUMBER, json!(format!("A1-261206-{n:04}"))),
        ],
    );
}

#[test]
fn overdue_and_due_soon_requests_unanswered_inquiries_and_missed_calls() {
    let mut s = places();
    let settings = Settings::DEFAULT; // repair 72 h, inquiry 48 h
    request(&mut s, 20, 1, "repair", "assigned", 80); // overdue by 8 h
    request(&mut s, 21, 2, "repair", "new", 70); // due in 2 h: soon
    request(&mut s, 22, 1, "repair", "new", 10); // due in 62 h: not an item
    request(&mut s, 23, 1, "inquiry", "in_progress", 1); // unanswered inquiry
    request(&mut s, 24, 1, "repair", "done", 200); // finished
    request(&mut s, 25, 3, "repair", "new", 100); // area B
    request(&mut s, 26, 1, "complaint", "cancelled", 100);
    put(
        &mut s,
        kind::DESK_ENTRY,
        &id(30),
        &[
            (field::CHANNEL, json!("missed_call")),
            (field::AT, json!(NOW - HOUR_MS)),
            (field::UNIT, json!(id(2))),
        ],
    );
    let items = open_items(&s, Some(&id(AREA_A)), &settings, NOW);
    let tokens: Vec<Token> = items.iter().map(token).collect();
    assert_eq!(
        tokens,
        vec![
            Token::Request("A1-261206-0020".into()),
            Token::Request("A1-261206-0021".into()),
            Token::Request("A1-261206-0023".into()),
            Token::Entry(id(30)),
        ]
    );
    assert!(matches!(items[0], OpenItem::Request { why: Why::Overdue, .. }));
    assert!(matches!(items[1], OpenItem::Request { why: Why::DueSoon, .. }));
    assert!(matches!(items[2], OpenItem::Request { why: Why::Inquiry, .. }));
    // The office's desk sees every area.
    assert_eq!(open_items(&s, None, &settings, NOW).len(), 5);
    // Stored and read back the same.
    assert_eq!(decode(&encode(&items)), tokens);
}

#[test]
fn decode_skips_lines_of_no_known_shape() {
    let text = format!("r:A1-1\n\nx:1\ne:not-an-id\ne:{}\nr: ", id(7));
    assert_eq!(decode(&text), vec![Token::Request("A1-1".into()), Token::Entry(id(7))]);
}
