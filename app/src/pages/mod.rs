//! One module per route.

pub mod arrears;
pub mod arrears_collection;
pub mod arrears_day;
pub mod arrears_desk;
pub mod arrears_import;
pub mod arrears_unit;
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
pub mod report_charts;
mod report_panels;
pub mod report_state;
pub mod reports;
pub mod reports_print;
pub mod requests;
pub mod review;
pub mod settings;
pub mod unit;
