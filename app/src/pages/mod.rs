//! One module per route.

pub mod checklists;
pub mod conflicts;
pub mod day;
pub mod detail;
pub mod login;
pub mod new_request;
pub mod register;
pub mod requests;
pub mod review;
pub mod settings;
pub mod unit;
