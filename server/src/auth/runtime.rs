//! The per-instance parts of authentication that live in memory, which the server's state
//! holds: the bound on password hashing and the open event streams. Apart from the login
//! and session rules ([`super`]), which take the state: the state holds this, those use it.

use super::password::Hasher;
use super::streams::Streams;
use crate::config::Config;

/// The per-instance parts of authentication that live in memory.
#[derive(Debug)]
pub struct AuthRuntime {
    /// Bounds the argon2 computations running at once.
    pub hasher: Hasher,
    /// The event streams open on this instance.
    pub streams: Streams,
}

impl AuthRuntime {
    /// The runtime for a config.
    pub fn new(config: &Config) -> Self {
        Self { hasher: Hasher::new(config.max_concurrent_hashes), streams: Streams::default() }
    }
}
