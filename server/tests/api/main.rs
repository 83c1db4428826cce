//! The server's integration suite: every test runs on SQLite and on PostgreSQL (rstest
//! `#[values(Sqlite, Postgres)]`; PostgreSQL on `GUANJIA_TEST_PG_URL`, and without it the
//! PostgreSQL variants fail unless GUANJIA_SKIP_PG=1).
//! Each test starts the real router on 127.0.0.1:0 over a fresh database and drives it with
//! reqwest.

mod support;

mod admission;
mod arrears_io;
mod audit;
mod auth;
mod blob_access;
mod blob_cleanup;
mod blobs;
mod checkpoint;
mod contract;
mod decoders;
mod demo;
mod event_tickets;
mod forwarded_for;
mod group_commit;
mod http;
mod http_hygiene;
mod login_throttle;
mod lost_replies;
mod openapi;
mod person;
mod precompressed;
mod pull;
mod push_limits;
mod register_io;
mod register_limits;
mod replica_ownership;
mod reports;
mod requests;
mod restore;
mod scope;
mod seq_reuse;
mod sessions;
mod sites;
mod sync;
mod user_admin;
