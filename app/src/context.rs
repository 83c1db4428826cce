//! What every page and component shares, provided once by the root (`root.rs`): the
//! reactive snapshot of the replica, the language, the network status, and the running engine
//! with the one way to save an edit. Pages import this module, never the root, so the module
//! graph has no cycle (docs/ARCHITECTURE.md, "The app").

use crate::i18n::{Key, Lang};
use crate::sync::runner::{AppEngine, Wake};
use crate::sync::{FieldEdit, Snapshot};
use leptos::prelude::*;
use std::rc::Rc;

/// Reactive state every page reads. `Copy`: signals and stored values are handles.
#[derive(Clone, Copy)]
pub struct Ui {
    /// The merged replica and sync status, replaced after every engine change.
    pub snap: RwSignal<Snapshot>,
    /// The UI language; every text reads it, so switching re-renders them all.
    pub lang: RwSignal<Lang>,
    /// Whether the last contact with the server worked.
    pub online: RwSignal<bool>,
    /// The replica has been loaded from IndexedDB.
    pub ready: RwSignal<bool>,
    /// Why the replica could not be opened (shown instead of the pages).
    pub boot_error: RwSignal<Option<String>>,
    /// The engine, once loaded. Local storage: it is neither `Send` nor `Sync` (the browser
    /// is single-threaded), so it lives in the arena as a local value.
    pub engine: StoredValue<Option<Rc<AppEngine>>, LocalStorage>,
    /// Wakes the sync loop, once it runs (before that, there is nothing to wake).
    pub wake: StoredValue<Option<Wake>>,
}

impl Ui {
    /// A UI string in the current language (reactive).
    pub fn t(&self, k: Key) -> &'static str {
        k.text(self.lang.get())
    }

    /// The running engine, if loaded.
    pub fn engine(&self) -> Option<Rc<AppEngine>> {
        self.engine.get_value()
    }

    /// Asks the sync loop to sync now (after a save, a sign-in).
    pub fn sync_now(&self) {
        if let Some(wake) = self.wake.get_value() {
            wake.sync_now();
        }
    }

    /// The signed-in user's staff id, if any (read without tracking).
    pub fn staff_id(&self) -> Option<String> {
        self.snap.with_untracked(|s| s.session.as_ref().map(|s| s.me.staff_id.clone()))
    }

    /// Saves `edits` as one local edit — IndexedDB first, in one transaction — then wakes the
    /// sync loop and runs `then`. Failure is never silent: `error` gets
    /// [`Key::SaveFailed`] (and is cleared when a save works), and the cause goes to the
    /// console for support.
    pub fn save(
        &self,
        edits: Vec<FieldEdit>,
        error: RwSignal<Option<Key>>,
        then: impl FnOnce() + 'static,
    ) {
        let Some(engine) = self.engine() else {
            return error.set(Some(Key::SaveFailed));
        };
        let ui = *self;
        leptos::task::spawn_local(async move {
            match engine.edit(edits).await {
                Ok(_) => {
                    error.set(None);
                    ui.sync_now();
                    then();
                }
                Err(e) => {
                    web_sys::console::error_1(&format!("save failed: {e}").into());
                    error.set(Some(Key::SaveFailed));
                }
            }
        });
    }
}

/// The UI context (provided by the root).
pub fn use_ui() -> Ui {
    expect_context::<Ui>()
}
