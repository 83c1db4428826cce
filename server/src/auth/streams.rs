//! The event streams open on this instance, per user and session, so that a user holds at
//! most a few and a session's streams end when it is logged out or revoked.
//!
//! When a user opens one stream too many, their **oldest** stream ends (rather than the new
//! one being refused): the oldest is most likely a tab or tablet that went away without
//! closing its connection, and refusing would lock the user's live device out of pokes until
//! that dead connection is noticed. Someone holding the token can only displace that same
//! user's streams. The count is per instance; across instances each holds its own.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::sync::oneshot;

type Registry = HashMap<String, Vec<Entry>>;

/// One open stream: dropping `stop` ends it.
#[derive(Debug)]
struct Entry {
    id: u64,
    token_hash: String,
    _stop: oneshot::Sender<()>,
}

/// The registry; cheap to clone (clones share it).
#[derive(Debug, Clone, Default)]
pub struct Streams {
    open: Arc<Mutex<Registry>>,
    next_id: Arc<AtomicU64>,
}

/// Keeps a stream registered while it lives; dropped with the stream, it unregisters it.
#[derive(Debug)]
pub struct StreamGuard {
    streams: Streams,
    user_id: String,
    id: u64,
}

impl Drop for StreamGuard {
    fn drop(&mut self) {
        let mut open = self.streams.lock();
        if let Some(list) = open.get_mut(&self.user_id) {
            list.retain(|e| e.id != self.id);
            if list.is_empty() {
                open.remove(&self.user_id);
            }
        }
    }
}

impl Streams {
    fn lock(&self) -> MutexGuard<'_, Registry> {
        self.open.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Registers a new stream of `user_id` under the session `token_hash`, ending the user's
    /// oldest streams beyond `max` (at least one stays: the new one). The stream must end
    /// when the returned receiver resolves, and hold the guard until it ends.
    pub fn open(
        &self,
        user_id: &str,
        token_hash: &str,
        max: usize,
    ) -> (StreamGuard, oneshot::Receiver<()>) {
        let (stop, stopped) = oneshot::channel();
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let mut open = self.lock();
        let list = open.entry(user_id.to_owned()).or_default();
        list.push(Entry { id, token_hash: token_hash.to_owned(), _stop: stop });
        let excess = list.len().saturating_sub(max.max(1));
        if excess > 0 {
            tracing::info!(user_id, ended = excess, "too many event streams; ending the oldest");
            list.drain(..excess);
        }
        let guard = StreamGuard { streams: self.clone(), user_id: user_id.to_owned(), id };
        (guard, stopped)
    }

    /// Ends the streams opened with one session (it was logged out).
    pub fn end_session(&self, token_hash: &str) {
        let mut open = self.lock();
        for list in open.values_mut() {
            list.retain(|e| e.token_hash != token_hash);
        }
        open.retain(|_, list| !list.is_empty());
    }

    /// Ends every stream of a user (their sessions were revoked).
    pub fn end_user(&self, user_id: &str) {
        self.lock().remove(user_id);
    }

    /// How many streams `user_id` has open on this instance.
    pub fn count(&self, user_id: &str) -> usize {
        self.lock().get(user_id).map_or(0, Vec::len)
    }
}

#[cfg(test)]
mod tests {
    use super::Streams;
    use tokio::sync::oneshot::error::TryRecvError::{Closed, Empty};

    #[test]
    fn the_oldest_stream_ends_when_one_too_many_opens() {
        let s = Streams::default();
        let (g1, mut r1) = s.open("u", "t1", 2);
        let (_g2, mut r2) = s.open("u", "t1", 2);
        let (_g3, mut r3) = s.open("u", "t2", 2);
        assert_eq!(r1.try_recv(), Err(Closed));
        assert_eq!(r2.try_recv(), Err(Empty));
        assert_eq!(s.count("u"), 2);
        drop(g1); // already ended: dropping its guard changes nothing
        assert_eq!(s.count("u"), 2);
        s.end_session("t1");
        assert_eq!(r2.try_recv(), Err(Closed));
        assert_eq!(r3.try_recv(), Err(Empty));
        s.end_user("u");
        assert_eq!(r3.try_recv(), Err(Closed));
        assert_eq!(s.count("u"), 0);
    }
}
