//! One module per route.

pub mod audit;
pub mod checklists;
pub mod conflicts;
pub mod day;
pub mod detail;
pub mod elsewhere;
pub mod login;
pub mod new_request;
pub mod patrol;
pub mod patrol_day;
pub mod patrol_views;
pub mod register;
pub mod renovation_check;
pub mod renovation_detail;
pub mod renovation_new;
mod renovation_parts;
pub mod renovation_permit;
pub mod renovations;
pub mod report_charts;
mod report_panels;
pub mod report_state;
pub mod reports;
pub mod reports_print;
pub mod requests;
pub mod review;
pub mod settings;
pub mod unit;
