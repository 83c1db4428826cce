//! The front desk (前台, DOMAIN duty 2; 002 §4.3; 000 item 7): the phone and walk-in log
//! (`desk_entry`), the shift handover (`handover`, 交接班), the mail and parcel log
//! (`mail_item`) and the knowledge base of answers to common inquiries (`knowledge`).
//!
//! Laws:
//! - A handover is confirmed by the incoming person only: `confirmed_by` names the pusher
//!   and someone else than its author ([`check_confirm`], kept by the judge and asked by
//!   the app before it offers "confirm"). A confirmation is set once.
//! - A missed call is overdue when it is not returned within the site's `missed_call_h`
//!   (3 h, 002 §五.2) of its `at` ([`missed::overdue`]).
//! - The open items of a handover are a pure function of the replica at its time
//!   ([`open_items::open_items`]) and are stored as a snapshot, not recomputed.

pub mod mail;
pub mod missed;
pub mod open_items;

use crate::ids::RecordId;
use crate::refusal::{Refusal, RejectCode};
use crate::wire_enum::wire_enum;

wire_enum!(
    /// How a desk entry came in.
    Channel {
        /// 来电: a call taken.
        Phone = "phone",
        /// 来访: a resident at the desk.
        WalkIn = "walk_in",
        /// 未接来电: a call nobody took, to be returned within `missed_call_h`.
        MissedCall = "missed_call",
    }
);

wire_enum!(
    /// What became of a desk entry.
    DeskOutcome {
        /// Answered on the spot (often from the knowledge base).
        Answered = "answered",
        /// Turned into a request (`request` names it).
        Request = "request",
        /// To be called back.
        CallBack = "call_back",
    }
);

wire_enum!(
    /// What a mail item is.
    MailType {
        /// 平信
        Letter = "letter",
        /// 包裹
        Parcel = "parcel",
        /// 挂号信 / 快递签收件
        Registered = "registered",
        /// 其他
        Other = "other",
    }
);

wire_enum!(
    /// How a resident was told that mail waits for them.
    ToldHow {
        Phone = "phone",
        /// SMS or a chat message.
        Message = "message",
        /// A note on the door or in the letter box.
        Note = "note",
        /// Told in person.
        InPerson = "in_person",
    }
);

/// Why a confirmation of a handover cannot be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfirmError {
    /// Nobody is signed in (no staff id).
    NoStaff,
    /// `confirmed_by` names someone else than the person confirming.
    NotYou,
    /// The author confirming their own handover: the point is that someone else took it.
    Author,
}

impl ConfirmError {
    pub fn message(self) -> &'static str {
        match self {
            ConfirmError::NoStaff => "a handover is confirmed by a signed-in staff member",
            ConfirmError::NotYou => "a handover's confirmed_by is the person confirming it",
            ConfirmError::Author => {
                "a handover is confirmed by the incoming person, not its author"
            }
        }
    }
}

/// Whether `me` may set a handover written by `author` as confirmed by `confirmed_by`:
/// `confirmed_by` is `me`, and `me` is not the author. A handover whose author is not known
/// yet (a new record: its author is the pusher, the server rewrites `by`) has `me` as
/// author.
pub fn check_confirm(
    me: Option<&RecordId>,
    author: Option<&RecordId>,
    confirmed_by: &RecordId,
) -> Result<(), ConfirmError> {
    let me = me.ok_or(ConfirmError::NoStaff)?;
    if confirmed_by != me {
        return Err(ConfirmError::NotYou);
    }
    if author.is_none_or(|a| a == me) {
        return Err(ConfirmError::Author);
    }
    Ok(())
}

/// [`check_confirm`] as the judge's refusal (`forbidden`).
pub fn confirm_refusal(
    me: Option<&RecordId>,
    author: Option<&RecordId>,
    confirmed_by: &RecordId,
) -> Result<(), Refusal> {
    check_confirm(me, author, confirmed_by)
        .map_err(|e| Refusal::new(RejectCode::Forbidden, e.message()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u8) -> RecordId {
        RecordId::from(format!("0190f0a0-0000-7000-8000-0000000000{n:02}").as_str())
    }

    #[test]
    fn the_incoming_person_confirms_and_nobody_else() {
        let (author, next, third) = (id(1), id(2), id(3));
        assert_eq!(check_confirm(Some(&next), Some(&author), &next), Ok(()));
        assert_eq!(check_confirm(Some(&author), Some(&author), &author), Err(ConfirmError::Author));
        assert_eq!(check_confirm(Some(&third), Some(&author), &next), Err(ConfirmError::NotYou));
        assert_eq!(check_confirm(None, Some(&author), &next), Err(ConfirmError::NoStaff));
        // A new handover confirmed in its own batch is its author's.
        assert_eq!(check_confirm(Some(&next), None, &next), Err(ConfirmError::Author));
    }

    #[test]
    fn enums_round_trip() {
        for c in Channel::ALL {
            assert_eq!(Channel::parse(c.as_str()), Some(*c));
        }
        assert_eq!(MailType::parse("parcel"), Some(MailType::Parcel));
        assert_eq!(DeskOutcome::parse("nonsense"), None);
    }
}

#[cfg(test)]
mod test_fixture;
