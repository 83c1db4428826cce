//! HTTP routes: `/api/v1/…` and the app's static files.

pub mod auth;
pub mod events;
pub mod meta;
pub mod sync;
