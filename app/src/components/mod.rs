//! Pieces shared by several pages.

pub mod header;
pub mod status_buttons;
pub mod sync_badge;
