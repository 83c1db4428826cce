//! Paid services and key custody (issue 25 points 5 and 6; `crate::service`, `crate::keys`).

use super::*;
use crate::service::{PayMethod, PayState, PriceUnit};

const MONEY: FieldType = FieldType::Number;

/// One item of the price list (服务项目收费标准): part of the site's settings, written by
/// supervisors, read everywhere.
pub(super) const SERVICE_PRICE: KindDef = KindDef::new(
    kind::SERVICE_PRICE,
    Writers::Supervisor,
    REFERENCE,
    &[
        f(field::NAME_ZH, TEXT),
        f(field::NAME_EN, TEXT),
        f(field::PRICE_UNIT, FieldType::Enum(PriceUnit::NAMES)),
        f(field::PRICE, MONEY),
        f(field::ACTIVE, FieldType::Bool),
        f(field::SORT, INT),
        DELETED,
    ],
);

/// A paid service's order (业主服务收费单): with its `paid_service` request, so it goes
/// wherever the request goes (its area, and the department it is routed to, who record
/// when the work was done). The id is `service::order_id(request)`: one per request.
pub(super) const SERVICE_ORDER: KindDef = KindDef {
    identity: &[field::CREATED_BY],
    parent: Some(kind::REQUEST),
    department: &[field::DONE_AT],
    ..KindDef::new(
        kind::SERVICE_ORDER,
        Writers::Scope,
        WITH_REQUEST,
        &[
            once(field::REQUEST, REQUEST),
            f(field::SERVICE_PRICE, FieldType::Ref(kind::SERVICE_PRICE)),
            f(field::QUANTITY, MONEY),
            f(field::QUOTE, MONEY),
            personal(f(field::SIGNATURE, SIGNATURE)),
            f(field::CONSENT_AT, MS),
            f(field::DONE_AT, MS),
            f(field::PAY_STATE, FieldType::Enum(PayState::NAMES)),
            f(field::METHOD, FieldType::Enum(PayMethod::NAMES)),
            f(field::PAID_AMOUNT, MONEY),
            f(field::PAID_AT, MS),
            f(field::NOTE, LONG),
            f(field::CREATED_AT, MS),
            f(field::CREATED_BY, STAFF),
            DELETED,
        ],
    )
};

/// A unit's keys in the office's custody (钥匙托管), in the unit's area: the owner who
/// authorised it (signed on the pad, or a photo of the signed paper, `parent_kind`
/// `key_deposit`), how many keys on which hook, and when they were given back.
pub(super) const KEY_DEPOSIT: KindDef = KindDef {
    identity: &[field::BY],
    ..KindDef::new(
        kind::KEY_DEPOSIT,
        Writers::Scope,
        Placement::Area(&[THROUGH_UNIT]),
        &[
            f(field::UNIT, FieldType::Ref(kind::UNIT)),
            f(field::PERSON, FieldType::Ref(kind::PERSON)),
            personal(f(field::SIGNATURE, SIGNATURE)),
            f(field::KEY_COUNT, INT),
            f(field::TAG, FieldType::Text { max: 40 }),
            f(field::DEPOSITED_AT, MS),
            f(field::ENDED_AT, MS),
            f(field::NOTE, LONG),
            f(field::BY, STAFF),
            DELETED,
        ],
    )
};

/// One sign-out of deposited keys and its return, with its deposit: who took them, why,
/// until when, and their signatures.
pub(super) const KEY_MOVEMENT: KindDef = KindDef {
    identity: &[field::BY],
    parent: Some(kind::KEY_DEPOSIT),
    ..KindDef::new(
        kind::KEY_MOVEMENT,
        Writers::Scope,
        Placement::With { field: field::KEY_DEPOSIT, kind: kind::KEY_DEPOSIT },
        &[
            once(field::KEY_DEPOSIT, FieldType::Ref(kind::KEY_DEPOSIT)),
            personal(f(field::HOLDER, TEXT)),
            f(field::PURPOSE, TEXT),
            f(field::OUT_AT, MS),
            f(field::DUE_AT, MS),
            f(field::RETURNED_AT, MS),
            personal(f(field::SIGNATURE, SIGNATURE)),
            personal(f(field::RETURN_SIGNATURE, SIGNATURE)),
            f(field::NOTE, LONG),
            f(field::BY, STAFF),
            DELETED,
        ],
    )
};
