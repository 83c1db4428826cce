//! The audit log of personal data (issue 23 point 6): who exported the register, or a
//! person's data, or erased it, and when. The server writes it (`server/src/db/audit.rs`)
//! and answers `GET /api/v1/audit`; the app shows it to supervisors. Who may read it is
//! [`may_read`], which the route and the app's navigation both ask.

use crate::role::Role;
use crate::wire_enum::wire_enum;
use serde::{Deserialize, Serialize};

wire_enum!(
    /// What was done with personal data.
    AuditAction {
        /// The whole register (every resident's name and full phone numbers) left the
        /// server as a file (`GET /api/v1/register/export`).
        RegisterExport = "register_export",
        /// Everything held about one resident was written out (`guanjia person export`).
        PersonExport = "person_export",
        /// A resident's personal fields were erased, value and history
        /// (`guanjia person erase`).
        PersonErase = "person_erase",
    }
);

/// Who did it when nobody was signed in: the server's command line, run by whoever
/// administers the machine.
pub const COMMAND_LINE_USER: &str = "cli";

/// Entries per page: at least 1, at most this (else 400, never clamped).
pub const MAX_PAGE: u32 = 200;
/// Entries per page when the query names none.
pub const DEFAULT_PAGE: u32 = 50;

/// One entry of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    /// When, in milliseconds since the Unix epoch (the server's clock).
    pub at: i64,
    /// The username of who did it ([`COMMAND_LINE_USER`] for the command line).
    pub user: String,
    pub action: AuditAction,
    /// What it was done to: the export's table and format, a person's record id.
    pub target: String,
    /// More of what happened (how many records a person export listed, which fields an
    /// erasure cleared); never a personal value.
    pub detail: String,
}

/// `GET /api/v1/audit` reply: one page, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// How many entries the site's log holds in all.
    pub total: u64,
}

/// Whether a role reads the audit log: supervisors, who answer for how residents' data is
/// used. The office, whose exports it records, does not judge itself.
pub fn may_read(role: Role) -> bool {
    role == Role::Supervisor
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_supervisors_read_the_audit_log() {
        let readers: Vec<Role> = Role::ALL.iter().copied().filter(|r| may_read(*r)).collect();
        assert_eq!(readers, vec![Role::Supervisor]);
    }

    #[test]
    fn actions_round_trip() {
        for a in AuditAction::ALL {
            assert_eq!(AuditAction::parse(a.as_str()), Some(*a));
        }
    }
}
