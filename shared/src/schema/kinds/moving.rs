//! Moving (issue 25, points 2 and 3): the move-in and move-out checklists, the service
//! lift's bookings and the release passes security checks at the gate (`crate::moving`).

use super::*;
use crate::moving::{BookingStatus, MoveType, PassStatus};

const NUMBER: FieldType = FieldType::Number;
const DAY: FieldType = FieldType::Text { max: 10 };

/// A move-in or move-out checklist of a unit, in its area. A move-in made the `link`
/// (`unit_person`, `from` the day), a move-out ended it (`to`), in the same save.
pub(super) const MOVE_CHECK: KindDef = KindDef {
    identity: &[field::BY],
    ..KindDef::new(
        kind::MOVE_CHECK,
        Writers::Scope,
        Placement::Area(&[THROUGH_UNIT]),
        &[
            once(field::UNIT, FieldType::Ref(kind::UNIT)),
            once(field::TYPE, FieldType::Enum(MoveType::NAMES)),
            f(field::PERSON, FieldType::Ref(kind::PERSON)),
            f(field::LINK, FieldType::Ref(kind::UNIT_PERSON)),
            f(field::DOCUMENTS_CHECKED, FieldType::Bool),
            f(field::KEYS, INT),
            f(field::WATER_READING, NUMBER),
            f(field::ELECTRICITY_READING, NUMBER),
            f(field::GAS_READING, NUMBER),
            personal(f(field::RESIDENT_CARD, TEXT)),
            f(field::ARREARS_CHECKED, FieldType::Bool),
            f(field::ARREARS_OWED, NUMBER),
            f(field::NOTE, LONG),
            // The resident signs for the keys handed over or returned, and the readings.
            personal(f(field::SIGNATURE, SIGNATURE)),
            f(field::AT, MS),
            f(field::BY, STAFF),
            DELETED,
        ],
    )
};

/// A booking of a building's service lift on one day's slot, in the building's area. Its
/// id is `crate::moving::booking_id(building, day, slot)`: two bookings of one slot are one
/// record, and the server keeps the first unit that reaches it (`RejectCode::SlotTaken`).
/// `created_by` is no identity field: a slot freed by a cancellation is booked again by
/// someone else.
pub(super) const MOVING_BOOKING: KindDef = KindDef::new(
    kind::MOVING_BOOKING,
    Writers::Scope,
    Placement::Area(&[THROUGH_BUILDING]),
    &[
        once(field::BUILDING, FieldType::Ref(kind::BUILDING)),
        once(field::DAY, DAY),
        once(field::SLOT, INT),
        f(field::UNIT, FieldType::Ref(kind::UNIT)),
        f(field::DIRECTION, FieldType::Enum(MoveType::NAMES)),
        f(field::GOODS, LONG),
        f(field::STATUS, FieldType::Enum(BookingStatus::NAMES)),
        f(field::NOTE, LONG),
        f(field::CREATED_AT, MS),
        f(field::CREATED_BY, STAFF),
        DELETED,
    ],
);

/// A release pass (放行条): in its unit's area, routed to the security department that
/// checks it at the gate and writes only that it was used (`status` → used, `used_at`,
/// `used_by`; `crate::moving::pass`). Security reads the bearer and plate it checks; the
/// bearer's phone is masked for them.
pub(super) const RELEASE_PASS: KindDef = KindDef {
    routed_by: Some(field::DEPARTMENT),
    identity: &[field::CREATED_BY],
    masked: &[field::BEARER_PHONE],
    department: &[field::STATUS, field::USED_AT, field::USED_BY],
    ..KindDef::new(
        kind::RELEASE_PASS,
        Writers::Scope,
        Placement::Area(&[THROUGH_UNIT]),
        &[
            f(field::UNIT, FieldType::Ref(kind::UNIT)),
            f(field::BOOKING, FieldType::Ref(kind::MOVING_BOOKING)),
            f(field::GOODS, LONG),
            personal(f(field::BEARER, TEXT)),
            personal(f(field::BEARER_PHONE, PHONE)),
            f(field::PLATE, FieldType::Text { max: 20 }),
            f(field::VALID_DAY, DAY),
            f(field::STATUS, FieldType::Enum(PassStatus::NAMES)),
            f(field::USED_AT, MS),
            f(field::USED_BY, STAFF),
            f(field::DEPARTMENT, FieldType::Ref(kind::DEPARTMENT)),
            f(field::NOTE, LONG),
            f(field::CREATED_AT, MS),
            f(field::CREATED_BY, STAFF),
            DELETED,
        ],
    )
};
