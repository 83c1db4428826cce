//! The audit log page (`/audit`, supervisors only: `shared::audit::may_read`): which page of
//! the server's log to ask for, and what came of asking. The log lives on the server only
//! (no device holds it), so the page needs the network and says so when there is none.

use shared::audit::{AuditPage, DEFAULT_PAGE};

/// Entries per page.
pub const PAGE_SIZE: u32 = DEFAULT_PAGE;

/// How many pages `total` entries fill: at least one, so an empty log is "page 1 of 1".
pub fn pages(total: u64) -> usize {
    (total.div_ceil(u64::from(PAGE_SIZE)) as usize).max(1)
}

/// The `offset` of page `page` (from 0).
pub fn offset(page: usize) -> u64 {
    page as u64 * u64::from(PAGE_SIZE)
}

/// Why a page could not be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditFailure {
    /// No network, or the server did not answer.
    Offline,
    /// The session ended (401).
    Unauthorized,
    /// The server refused the role (403): the page is for supervisors.
    Forbidden,
    /// Any other answer, by status.
    Other(u16),
}

impl AuditFailure {
    /// The failure a non-200 status means.
    pub fn from_status(status: u16) -> Self {
        match status {
            0 | 500.. => AuditFailure::Offline,
            401 => AuditFailure::Unauthorized,
            403 => AuditFailure::Forbidden,
            s => AuditFailure::Other(s),
        }
    }
}

/// Where the page is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditState {
    Loading,
    Loaded(AuditPage),
    Failed(AuditFailure),
}

/// `GET /api/v1/audit` with the bearer token (browser only).
#[cfg(target_arch = "wasm32")]
pub mod net {
    use super::{AuditFailure, PAGE_SIZE};
    use gloo_net::http::Request;
    use shared::audit::AuditPage;

    /// Page `page` (from 0) of the site's audit log, newest first.
    pub async fn page(token: &str, page: usize) -> Result<AuditPage, AuditFailure> {
        let offset = super::offset(page).to_string();
        let resp = Request::get("/api/v1/audit")
            .query([("offset", offset.as_str()), ("limit", &PAGE_SIZE.to_string())])
            .header("Authorization", &format!("Bearer {token}"))
            .send()
            .await
            .map_err(|_| AuditFailure::Offline)?;
        if !resp.ok() {
            return Err(AuditFailure::from_status(resp.status()));
        }
        resp.json().await.map_err(|_| AuditFailure::Other(resp.status()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_cover_the_log_and_an_empty_log_is_one_page() {
        assert_eq!(pages(0), 1);
        assert_eq!(pages(1), 1);
        assert_eq!(pages(u64::from(PAGE_SIZE)), 1);
        assert_eq!(pages(u64::from(PAGE_SIZE) + 1), 2);
        assert_eq!(offset(0), 0);
        assert_eq!(offset(2), 2 * u64::from(PAGE_SIZE));
    }

    #[test]
    fn statuses_say_what_went_wrong() {
        assert_eq!(AuditFailure::from_status(403), AuditFailure::Forbidden);
        assert_eq!(AuditFailure::from_status(401), AuditFailure::Unauthorized);
        assert_eq!(AuditFailure::from_status(502), AuditFailure::Offline);
        assert_eq!(AuditFailure::from_status(400), AuditFailure::Other(400));
    }
}
