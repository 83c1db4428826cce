//! The front desk (issue 25, `crate::frontdesk`): the phone and walk-in log, the shift
//! handover, the mail and parcel log and the knowledge base.

use super::*;
use crate::frontdesk::{Channel, DeskOutcome, MailType, ToldHow};

/// One call or visit at the desk, in the area of its unit (through the unit's building), else
/// its own `area` (a caller with no unit: the desk picks the area). Unplaced (no unit, no
/// area) it is the office's and its author's only. Department staff hold none: nothing
/// routes it. `request` names the request it became ("to request", one edit).
pub(super) const DESK_ENTRY: KindDef = KindDef {
    identity: &[field::BY],
    ..KindDef::new(
        kind::DESK_ENTRY,
        Writers::Scope,
        Placement::Area(&[THROUGH_UNIT, Via::Own(field::AREA)]),
        &[
            f(field::CHANNEL, FieldType::Enum(Channel::NAMES)),
            personal(f(field::CALLER, TEXT)),
            personal(f(field::PHONE, PHONE)),
            f(field::UNIT, FieldType::Ref(kind::UNIT)),
            f(field::AREA, FieldType::Ref(kind::AREA)),
            f(field::TOPIC, LONG),
            f(field::CATEGORY, FieldType::Enum(Category::NAMES)),
            f(field::OUTCOME, FieldType::Enum(DeskOutcome::NAMES)),
            f(field::REQUEST, REQUEST),
            f(field::RETURNED_AT, MS),
            f(field::AT, MS),
            f(field::BY, STAFF),
            DELETED,
        ],
    )
};

/// A shift handover (交接班), placed by its own `area`: the desk's area. So office staff
/// and supervisors (the whole site) and the butlers of that area (who sit the desk in turn)
/// hold it, another area's butler does not, and department staff never (nothing routes it:
/// the desk's open items are no department's business). A handover of the office's own
/// desk names no area and stays unplaced: the office's (and its author's) only. The open
/// items are a snapshot (`crate::frontdesk::open_items`), set once with the handover;
/// `confirmed_by` is set once, by the incoming person (`crate::frontdesk::check_confirm`).
pub(super) const HANDOVER: KindDef = KindDef {
    identity: &[field::BY],
    ..KindDef::new(
        kind::HANDOVER,
        Writers::Scope,
        Placement::Area(&[Via::Own(field::AREA)]),
        &[
            f(field::AREA, FieldType::Ref(kind::AREA)),
            f(field::NOTE, LONG),
            once(field::OPEN_ITEMS, LONG),
            f(field::TO, STAFF),
            once(field::CONFIRMED_BY, STAFF),
            once(field::CONFIRMED_AT, MS),
            f(field::AT, MS),
            f(field::BY, STAFF),
            DELETED,
        ],
    )
};

/// A letter or parcel received for a unit, in the unit's area: received, the resident told,
/// collected with the collector's name and signature (theirs: personal).
pub(super) const MAIL_ITEM: KindDef = KindDef {
    identity: &[field::BY],
    ..KindDef::new(
        kind::MAIL_ITEM,
        Writers::Scope,
        Placement::Area(&[THROUGH_UNIT]),
        &[
            f(field::UNIT, FieldType::Ref(kind::UNIT)),
            f(field::TYPE, FieldType::Enum(MailType::NAMES)),
            f(field::CARRIER, TEXT),
            f(field::TRACKING, FieldType::Text { max: 80 }),
            f(field::RECEIVED_AT, MS),
            f(field::TOLD_AT, MS),
            f(field::TOLD_HOW, FieldType::Enum(ToldHow::NAMES)),
            f(field::COLLECTED_AT, MS),
            personal(f(field::COLLECTOR, TEXT)),
            personal(f(field::SIGNATURE, SIGNATURE)),
            f(field::NOTE, LONG),
            f(field::BY, STAFF),
            DELETED,
        ],
    )
};

/// An answer to a common inquiry (知识库, 000 item 7): reference data, so every tablet holds
/// it and searches it offline; only the office and supervisors write it.
pub(super) const KNOWLEDGE: KindDef = KindDef::new(
    kind::KNOWLEDGE,
    Writers::Office,
    REFERENCE,
    &[
        f(field::QUESTION, TEXT),
        f(field::ANSWER, LONG),
        f(field::KEYWORDS, TEXT),
        f(field::CATEGORY, TEXT),
        f(field::SORT, INT),
        DELETED,
    ],
);
