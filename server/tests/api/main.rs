//! The server's integration suite: every test runs on SQLite and on PostgreSQL
//! (`GUANJIA_TEST_PG_URL`; without it the PostgreSQL variants fail unless GUANJIA_SKIP_PG=1).
//! Each test starts the real router on 127.0.0.1:0 over a fresh database and drives it with
//! reqwest.

mod support;

mod auth;
mod http;
mod pull;
mod sync;
