//! Pieces shared by several pages.

pub mod bulk_reassign;
pub mod callback_panel;
pub mod comments;
pub mod complaint_close;
pub mod complaint_panel;
pub mod complaint_step;
pub mod dispatch;
pub mod header;
pub mod move_in;
pub mod notices;
pub mod occupant;
pub mod patrol_item;
pub mod person_form;
pub mod photo_strip;
pub mod photo_viewer;
pub mod photos;
pub mod register_people;
pub mod register_search;
pub mod register_transfer;
pub mod register_units;
pub mod sign_out;
pub mod signature;
pub mod status_buttons;
pub mod sync_badge;
pub mod table_parts;
pub mod timeline;
