//! When a new version of the app may take over (issue 26 point 2, "updates never lose work").
//!
//! A deployment installs its service worker next to the running one; the new worker waits
//! (no `skipWaiting` of its own) until the page tells it to take over, and the page then
//! reloads once. Reloading drops whatever the page holds only in memory: text typed into a
//! field and not saved, and a save still on its way to IndexedDB. So the page applies a
//! waiting version by itself only when [`may_apply`] says nothing is being typed; the user
//! can always press "Update now" ([`may_apply_now`]: only the saves on their way are
//! waited for).
//!
//! "Typing" is decided from what the page can see, for every form alike (forms keep their
//! drafts in their own signals, with no common register of drafts):
//! - a form field has focus (`input`, `textarea`, `select` or an editable element): the
//!   user is in the middle of it, even before the first key;
//! - a field was typed into after the last save and on the same page: a draft not yet
//!   saved (leaving the page drops the form, and its draft with it; a save ends the draft);
//! - a photo is being picked or prepared (a file chooser or the camera is open, or its
//!   bytes are being downscaled and hashed): the photo is not yet in IndexedDB;
//! - a save has begun and IndexedDB has not yet committed it.

/// What the page knows about the user's activity, gathered by `crate::update`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Activity {
    /// A form field has the focus.
    pub field_focused: bool,
    /// When a form field was last typed into (`input` event), epoch ms.
    pub last_input_ms: Option<i64>,
    /// When the last save was written to IndexedDB, epoch ms.
    pub last_save_ms: Option<i64>,
    /// When the page last changed (route), epoch ms.
    pub last_page_ms: i64,
    /// Saves begun and not yet committed to IndexedDB (records and photos).
    pub saves_in_flight: u32,
    /// A photo is being picked or prepared.
    pub photo_open: bool,
}

impl Activity {
    /// A field typed into after the last save, on the current page.
    pub fn has_draft(&self) -> bool {
        let Some(input) = self.last_input_ms else { return false };
        input > self.last_save_ms.unwrap_or(i64::MIN) && input >= self.last_page_ms
    }

    /// The user is typing (see the module doc).
    pub fn is_typing(&self) -> bool {
        self.field_focused || self.has_draft() || self.photo_open || self.saves_in_flight > 0
    }
}

/// What the page knows about versions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Versions {
    /// A service worker controls the page: `false` on a first install until its worker (the
    /// first version, not a new one) has claimed the page. A worker waiting beside the one in
    /// control is a newer version than the page runs.
    pub had_controller: bool,
    /// A new worker is installed and waiting to take over.
    pub waiting: bool,
}

/// Whether to tell the user a new version is ready (the banner `#update-banner`): a worker
/// waits and the page already ran an older one.
pub fn show_banner(v: Versions) -> bool {
    v.had_controller && v.waiting
}

/// Whether the page applies the waiting version by itself now: it told the user, and nothing
/// is being typed.
pub fn may_apply(v: Versions, a: &Activity) -> bool {
    show_banner(v) && !a.is_typing()
}

/// Whether "Update now" applies at once: the user asked, so a focused field or a draft is
/// theirs to drop, but a save on its way to IndexedDB is waited for (it is already "saved"
/// in the user's eyes), and so is a photo being prepared.
pub fn may_apply_now(v: Versions, a: &Activity) -> bool {
    show_banner(v) && a.saves_in_flight == 0 && !a.photo_open
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
