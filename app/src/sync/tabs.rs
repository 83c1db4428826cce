//! One engine per device (issue 23, point 4): the tabs of the app on one device agree over
//! a `BroadcastChannel` which of them writes the device's data, the one holding the
//! database's Web Lock (`store/lock.rs`).
//!
//! A tab that finds the lock taken says the app is open elsewhere and queues for the lock.
//! Its "Use here" posts [`HAND_OVER`]; the writer's [`Engine::hand_over`] waits for the
//! write in progress, stops writing and lets the lock go, and the asking tab, first in the
//! lock's queue, opens the data from IndexedDB with all the writer committed. A writer whose
//! tab closes lets the lock go the same way, to whichever tab waits.

use super::{Engine, Transport};
use crate::store::idb::IdbStore;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The channel the app's tabs on one origin talk over.
pub const CHANNEL: &str = "guanjia-tabs";
/// The message asking the writing tab to hand the data over.
pub const HAND_OVER: &str = "hand-over";

impl<T: Transport> Engine<IdbStore, T> {
    /// Stops this engine for good and lets the database's lock go, for another tab to take
    /// the data over: waits until the edit or sync step in progress has committed (it holds
    /// the state lock), then the store refuses every later write, the sync and upload loops
    /// end at their next step and the UI hears of nothing more.
    pub async fn hand_over(&self) {
        let _g = self.peek().await;
        self.set_listener(Box::new(|_| {}));
        self.store.release().await;
    }
}

/// This page's end of the tabs' channel; the listener lives as long as it.
pub struct TabChannel {
    channel: web_sys::BroadcastChannel,
    _listener: Closure<dyn FnMut(web_sys::MessageEvent)>,
}

impl std::fmt::Debug for TabChannel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TabChannel").finish()
    }
}

impl TabChannel {
    /// Joins the channel; `on_hand_over` runs when another tab asks for the data (the page
    /// decides whether it is the writer: only the writer has anything to hand over).
    pub fn open(on_hand_over: impl Fn() + 'static) -> Result<Self, JsValue> {
        let channel = web_sys::BroadcastChannel::new(CHANNEL)?;
        let listener =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                if e.data().as_string().as_deref() == Some(HAND_OVER) {
                    on_hand_over();
                }
            });
        channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        Ok(Self { channel, _listener: listener })
    }

    /// Asks the writing tab, whichever it is, to hand the data over to this one.
    pub fn ask_hand_over(&self) -> Result<(), JsValue> {
        self.channel.post_message(&JsValue::from_str(HAND_OVER))
    }
}

impl Drop for TabChannel {
    fn drop(&mut self) {
        self.channel.close();
    }
}
