//! The arrears import on the office's desk (`POST /api/v1/arrears/import`): the server's
//! report as the page shows it, and when the import may be committed. Pure and tested
//! natively; the call itself is in [`net`] (browser only). Failures read like the register
//! import's (`register::transfer::ImportFailure`).

use crate::register::transfer::{Counts, ImportFailure, RowError};
use serde::{Deserialize, Serialize};

/// What an arrears import did, or would do (the server's `ArrearsReport`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArrearsReport {
    #[serde(default)]
    pub arrears: Counts,
    /// Every problem found; while there is one, nothing is written.
    #[serde(default)]
    pub errors: Vec<RowError>,
    /// Columns whose header is not recognised.
    #[serde(default)]
    pub ignored: Vec<RowError>,
    #[serde(default)]
    pub committed: bool,
}

/// Where the import page is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Step {
    #[default]
    Idle,
    Checking,
    Checked(ArrearsReport),
    Committing(ArrearsReport),
    Committed(ArrearsReport),
    /// `commit=true` found errors (422): nothing written; the report says why.
    HasErrors(ArrearsReport),
    Failed(ImportFailure),
}

impl Step {
    pub fn busy(&self) -> bool {
        matches!(self, Step::Checking | Step::Committing(_))
    }

    /// The report to show, if any.
    pub fn report(&self) -> Option<&ArrearsReport> {
        match self {
            Step::Checked(r) | Step::Committing(r) | Step::Committed(r) | Step::HasErrors(r) => {
                Some(r)
            }
            _ => None,
        }
    }

    /// **Import** only after a dry run of the chosen file that found no error.
    pub fn may_commit(&self, file_chosen: bool) -> bool {
        file_chosen && matches!(self, Step::Checked(r) if r.errors.is_empty() && !r.committed)
    }

    /// The step an answer leads to: its status and body.
    pub fn from_answer(status: u16, body: &str) -> Step {
        if (200..300).contains(&status) {
            return match serde_json::from_str::<ArrearsReport>(body) {
                Ok(r) if r.committed => Step::Committed(r),
                Ok(r) => Step::Checked(r),
                Err(e) => Step::Failed(ImportFailure::Rejected { status, message: e.to_string() }),
            };
        }
        if status == 422 {
            if let Ok(r) = serde_json::from_str::<ArrearsReport>(body) {
                return Step::HasErrors(r);
            }
        }
        Step::Failed(ImportFailure::from_answer(status, body))
    }
}

/// The call, with the bearer token (browser only).
#[cfg(target_arch = "wasm32")]
pub mod net {
    use super::Step;
    use crate::register::transfer::{import_mime, ImportFailure};
    use gloo_net::http::Request;

    /// `POST /api/v1/arrears/import?commit=…` with the file as the raw body.
    pub async fn import(token: &str, file: &web_sys::File, commit: bool) -> Step {
        let mime = import_mime(&file.name(), &file.type_());
        let sent = Request::post("/api/v1/arrears/import")
            .query([("commit", if commit { "true" } else { "false" })])
            .header("Authorization", &format!("Bearer {token}"))
            .header("Content-Type", &mime)
            .body(wasm_bindgen::JsValue::from(file.clone()));
        let Ok(req) = sent else { return Step::Failed(ImportFailure::Offline) };
        let Ok(resp) = req.send().await else { return Step::Failed(ImportFailure::Offline) };
        let status = resp.status();
        let text = resp.text().await.unwrap_or_default();
        Step::from_answer(status, &text)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn answers_become_steps() {
        let ok = r#"{"arrears":{"new":2,"updated":0,"unchanged":1},"errors":[],"ignored":[],"committed":false}"#;
        let checked = Step::from_answer(200, ok);
        assert!(checked.may_commit(true) && !checked.may_commit(false));
        assert_eq!(checked.report().unwrap().arrears.new, 2);
        let bad = r#"{"arrears":{"new":0,"updated":0,"unchanged":0},"errors":[{"sheet":"arrears","row":3,"column":"amount","reason":"x"}],"ignored":[],"committed":false}"#;
        assert!(!Step::from_answer(200, bad).may_commit(true), "errors: no import");
        assert!(matches!(Step::from_answer(422, bad), Step::HasErrors(r) if r.errors.len() == 1));
        let done = ok.replace("false}", "true}");
        assert!(matches!(Step::from_answer(200, &done), Step::Committed(_)));
        let forbidden = r#"{"error":{"code":"forbidden","message":"only office staff"}}"#;
        assert!(matches!(
            Step::from_answer(403, forbidden),
            Step::Failed(ImportFailure::Rejected { status: 403, .. })
        ));
        assert_eq!(Step::from_answer(502, ""), Step::Failed(ImportFailure::Offline));
        assert_eq!(Step::from_answer(401, ""), Step::Failed(ImportFailure::Unauthorized));
    }
}
