//! One writer per device (issue 23, point 4): an exclusive Web Lock named after the
//! IndexedDB database, held by the one [`super::idb::IdbStore`] that may write it.
//!
//! Two tabs of the app on one device share one IndexedDB. Each would run an engine with its
//! own idea of the next outbox `seq` and of the segments it may rewrite, so both would hand
//! out the same `seq` (the server refuses the second as `seq_reused`: an edit lost) and one
//! would compact away the segments the other just wrote. The lock makes one of them the
//! writer; the store refuses every write without it (`idb.rs`), so no caller can bypass it.
//!
//! The Web Locks API has no stable web-sys binding (it needs `web_sys_unstable_apis`), so it
//! is reached through a small extern block. A lock is held for as long as the promise its
//! callback returns is pending: [`WriterLock`] keeps that promise's `resolve` and calls it to
//! let go. Web Locks are per origin, so two holders in one page contend exactly as two tabs
//! do (the browser tests rely on it).

use super::StoreError;
use futures::channel::oneshot;
use js_sys::{Function, Object, Promise, Reflect};
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// `navigator.locks`.
    #[wasm_bindgen(js_name = LockManager)]
    type Locks;
    /// `LockManager.request(name, options, callback)`: settles when the lock is let go.
    #[wasm_bindgen(method, js_name = request)]
    fn request(this: &Locks, name: &str, options: &Object, callback: &Function) -> Promise;
}

/// Why [`WriterLock::acquire`] failed where the browser has no Web Locks (an insecure
/// origin or an old browser): the app cannot keep two tabs from writing over each other.
const NO_WEB_LOCKS: &str = "this browser cannot keep two tabs of the app apart (no Web Locks): \
                            open the app over HTTPS in a current browser / \
                            此浏览器无法区分应用的多个标签页：请用 HTTPS 和新版浏览器打开";

/// The exclusive lock on one database, held until [`WriterLock::release`] or drop.
pub struct WriterLock {
    /// False from the moment the lock is let go: the store checks it before every write.
    held: Cell<bool>,
    /// Resolves the promise that keeps the lock held.
    resolve: RefCell<Option<Function>>,
    /// The request's own promise: settles once the browser has let the lock go.
    released: Promise,
}

impl std::fmt::Debug for WriterLock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WriterLock").field("held", &self.held.get()).finish()
    }
}

impl WriterLock {
    /// Takes the lock `name` if nobody holds it, at once (`ifAvailable`); `None` when another
    /// tab (or another store in this page) holds it.
    pub async fn try_acquire(name: &str) -> Result<Option<Self>, StoreError> {
        request(name, true).await
    }

    /// Queues for the lock `name` and waits until it is granted: when its holder lets it go
    /// (hands over, or its tab closes).
    pub async fn acquire(name: &str) -> Result<Self, StoreError> {
        request(name, false).await?.ok_or_else(|| StoreError("lock request not granted".into()))
    }

    /// Whether this page may still write the database.
    pub fn is_held(&self) -> bool {
        self.held.get()
    }

    /// Lets the lock go and waits until the browser has (the next holder may be granted it
    /// then). No write starts after this is called: [`Self::is_held`] is false at once.
    pub async fn release(&self) {
        self.let_go();
        let _ = wasm_bindgen_futures::JsFuture::from(self.released.clone()).await;
    }

    fn let_go(&self) {
        self.held.set(false);
        if let Some(resolve) = self.resolve.borrow_mut().take() {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    }
}

/// A dropped lock is let go: the store that held it is gone, so it writes nothing more.
impl Drop for WriterLock {
    fn drop(&mut self) {
        self.let_go();
    }
}

/// `navigator.locks.request(name, {mode: "exclusive", ifAvailable}, callback)`; the callback
/// hands back the `resolve` of a promise that keeps the lock until called (or `None` when
/// `ifAvailable` found it taken).
async fn request(name: &str, if_available: bool) -> Result<Option<WriterLock>, StoreError> {
    let js_err = |e: JsValue| StoreError(format!("Web Locks: {e:?}"));
    let navigator = web_sys::window().ok_or_else(|| StoreError("no window".into()))?.navigator();
    let locks = Reflect::get(&navigator, &"locks".into()).map_err(js_err)?;
    if locks.is_undefined() || locks.is_null() {
        return Err(StoreError(NO_WEB_LOCKS.into()));
    }
    let options = Object::new();
    Reflect::set(&options, &"mode".into(), &"exclusive".into()).map_err(js_err)?;
    Reflect::set(&options, &"ifAvailable".into(), &if_available.into()).map_err(js_err)?;
    let (granted, grant) = oneshot::channel::<Option<Function>>();
    let callback = Closure::once_into_js(move |lock: JsValue| -> Promise {
        if lock.is_null() {
            let _ = granted.send(None);
            return Promise::resolve(&JsValue::UNDEFINED);
        }
        let mut resolve = None;
        let hold = Promise::new(&mut |res, _rej| resolve = Some(res));
        let _ = granted.send(resolve);
        hold
    });
    let released =
        locks.unchecked_into::<Locks>().request(name, &options, callback.unchecked_ref());
    let Some(resolve) = grant.await.map_err(|_| StoreError("lock request dropped".into()))? else {
        return Ok(None);
    };
    Ok(Some(WriterLock { held: Cell::new(true), resolve: RefCell::new(Some(resolve)), released }))
}
