//! Pieces shared by several pages.

pub mod header;
pub mod sign_out;
pub mod status_buttons;
pub mod sync_badge;
