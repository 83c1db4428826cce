//! Service requests (issue 8) through the real HTTP API: request-number blocks and numbers
//! made offline, the status machine by role as a table, and what the server writes itself
//! or refuses (history identity, supervisor-only fields and kinds), and closing's gates. The scene is the scope
//! suite's: two areas, a request in each, routed to 工程部.

mod closing;
mod history;
mod numbers;
mod offline_numbers;
mod record_rules;
mod status_table;
