//! Password hashing (argon2id) with a bound on how many hashes run at once, and the input
//! caps checked before any hashing: a flood of logins, or one login with a megabyte
//! password, queues for the CPUs instead of taking them from every other request.

use crate::error::{AppError, AppResult};
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use tokio::sync::Semaphore;

pub use shared::protocol::{MAX_PASSWORD_CHARS, MAX_USERNAME_CHARS};

/// Refuses (400) a username or password over the caps ([`shared::protocol::login_within_limits`]).
pub fn check_lengths(username: &str, password: &str) -> AppResult<()> {
    if shared::protocol::login_within_limits(username, password) {
        return Ok(());
    }
    Err(AppError::BadRequest(format!(
        "a username has at most {MAX_USERNAME_CHARS} characters, a password at most \
         {MAX_PASSWORD_CHARS} / 用户名最长 {MAX_USERNAME_CHARS} 个字符，密码最长 {MAX_PASSWORD_CHARS} 个字符"
    )))
}

/// Runs argon2 off the async runtime, at most `limit` computations at once (the others
/// wait for a permit). The permit travels into the blocking task, so a client that hangs up
/// mid-hash cannot let more hashes run than the bound.
#[derive(Debug)]
pub struct Hasher {
    permits: Arc<Semaphore>,
    running: Arc<AtomicUsize>,
    peak: Arc<AtomicUsize>,
    started: AtomicU64,
}

/// What a [`Hasher`] has done: how to tell, from outside, that the bound holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HashingStats {
    /// Computations started since the server started.
    pub started: u64,
    /// Most computations that ever ran at once.
    pub peak: usize,
}

impl Hasher {
    /// A hasher running at most `limit` (at least one) computations at once.
    pub fn new(limit: usize) -> Self {
        Self {
            permits: Arc::new(Semaphore::new(limit.max(1))),
            running: Arc::default(),
            peak: Arc::default(),
            started: AtomicU64::new(0),
        }
    }

    /// Counts since the start.
    pub fn stats(&self) -> HashingStats {
        HashingStats {
            started: self.started.load(Ordering::Relaxed),
            peak: self.peak.load(Ordering::Relaxed),
        }
    }

    /// Runs `f` on the blocking pool once a permit is free.
    async fn run<T: Send + 'static>(&self, f: impl FnOnce() -> T + Send + 'static) -> AppResult<T> {
        let permit = self.permits.clone().acquire_owned().await.map_err(AppError::internal)?;
        self.started.fetch_add(1, Ordering::Relaxed);
        let (running, peak) = (self.running.clone(), self.peak.clone());
        tokio::task::spawn_blocking(move || {
            let now = running.fetch_add(1, Ordering::SeqCst) + 1;
            peak.fetch_max(now, Ordering::SeqCst);
            let out = f();
            running.fetch_sub(1, Ordering::SeqCst);
            drop(permit);
            out
        })
        .await
        .map_err(AppError::internal)
    }

    /// An argon2id hash of a password (default parameters, fresh salt).
    pub async fn hash(&self, password: String) -> AppResult<String> {
        self.run(move || {
            let salt = SaltString::generate(&mut OsRng);
            Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string())
        })
        .await?
        .map_err(AppError::internal)
    }

    /// Checks a password against a stored hash.
    pub async fn verify(&self, password: String, hash: String) -> AppResult<bool> {
        self.run(move || {
            PasswordHash::new(&hash)
                .map(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
        })
        .await?
        .map_err(AppError::internal)
    }

    /// Checks a password against the hash of a password nobody knows: unknown usernames take
    /// as long as wrong passwords, so they cannot be told apart by timing. Always false.
    pub async fn verify_nobody(&self, password: String) -> AppResult<bool> {
        static DUMMY: OnceLock<String> = OnceLock::new();
        let hash = match DUMMY.get() {
            Some(h) => h.clone(),
            None => {
                let h = self.hash("guanjia-dummy-password".into()).await?;
                DUMMY.get_or_init(|| h).clone()
            }
        };
        self.verify(password, hash).await?;
        Ok(false)
    }
}
