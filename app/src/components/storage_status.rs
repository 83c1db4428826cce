//! The device's storage as the user sees it (issue 26 point 3): how much is used of the
//! quota and whether the browser made the storage persistent, in the sync badge
//! (`#storage-used[data-used][data-quota][data-low]`, `#storage-persisted[data-persisted]`),
//! and a warning under the header on every width when less than 10 % is free
//! (`#storage-warning[data-free-percent]`, `model::storage::Budget::low`), which says again
//! whether the storage is persistent, and what it means when it is not.
//!
//! [`provide`] asks the browser once and again whenever the photo queue changes or a sync
//! ends (not on every snapshot).

use crate::context::use_ui;
use crate::i18n::Key;
use crate::model::storage::Budget;
use crate::photos::list::format_bytes;
use crate::platform::{storage_estimate, storage_persisted};
use leptos::prelude::*;

/// What the header's pieces share: the last estimate and the persistence state.
#[derive(Clone, Copy)]
pub struct StorageState {
    /// `navigator.storage.estimate()`, `None` until (or where) the browser says.
    pub budget: RwSignal<Option<Budget>>,
    /// `navigator.storage.persisted()`, `None` where the browser has no such call.
    pub persisted: RwSignal<Option<bool>>,
}

/// Provides [`StorageState`] to the header and keeps it current.
pub fn provide() -> StorageState {
    let ui = use_ui();
    let state = StorageState { budget: RwSignal::new(None), persisted: RwSignal::new(None) };
    let queue = Memo::new(move |_| {
        ui.snap.with(|s| (s.uploads.0.len(), s.uploads.progress().done, s.last_sync))
    });
    Effect::new(move |_| {
        queue.track();
        leptos::task::spawn_local(async move {
            if let Some((used, quota)) = storage_estimate().await {
                state.budget.try_set(Some(Budget { used, quota }));
            }
            state.persisted.try_set(storage_persisted().await);
        });
    });
    provide_context(state);
    state
}

/// The persistence state's words, `None` while unknown.
fn persisted_key(p: Option<bool>) -> Option<Key> {
    p.map(|p| if p { Key::StoragePersisted } else { Key::StorageNotPersisted })
}

/// The badge's storage line: used of quota, and whether persistent (its hint as a title).
#[component]
pub fn StorageLine() -> impl IntoView {
    let ui = use_ui();
    let Some(state) = use_context::<StorageState>() else { return ().into_any() };
    (move || {
        state.budget.get().map(|b| {
            let persisted = state.persisted.get();
            view! {
                <span
                    id="storage-used"
                    class="storage"
                    class:low=b.low()
                    data-used=b.used.to_string()
                    data-quota=b.quota.to_string()
                    data-low=b.low().to_string()
                >
                    {format!(
                        "{} {} / {} {}",
                        ui.t(Key::StorageUsed),
                        format_bytes(b.used),
                        ui.t(Key::StorageQuota),
                        format_bytes(b.quota),
                    )}
                    {persisted_key(persisted).map(|k| view! {
                        <span
                            id="storage-persisted"
                            data-persisted=persisted.unwrap_or_default().to_string()
                            title=(persisted == Some(false)).then(|| ui.t(Key::StorageNotPersistedHint))
                        >
                            {format!(" · {}", ui.t(k))}
                        </span>
                    })}
                </span>
            }
        })
    })
    .into_any()
}

/// The warning under the header while less than 10 % of the quota is free.
#[component]
pub fn StorageWarning() -> impl IntoView {
    let ui = use_ui();
    let Some(state) = use_context::<StorageState>() else { return ().into_any() };
    (move || {
        state.budget.get().filter(|b| b.low()).map(|b| {
            let persisted = state.persisted.get();
            view! {
                <div
                    id="storage-warning"
                    class="storage-warning"
                    role="alert"
                    data-free-percent=b.free_percent().to_string()
                    data-persisted=persisted.map(|p| p.to_string()).unwrap_or_default()
                >
                    <strong>{ui.t(Key::StorageLow)}</strong>
                    <span>{format!(
                        " ({} / {}) ",
                        format_bytes(b.used),
                        format_bytes(b.quota),
                    )}</span>
                    <span>{ui.t(Key::StorageLowHint)}</span>
                    {persisted_key(persisted).map(|k| view! {
                        <span class="storage-persisted">{format!(" {}{}", ui.t(k), ui.t(Key::FullStop))}</span>
                    })}
                    {(persisted == Some(false)).then(|| view! {
                        <span class="storage-hint">{format!(" {}", ui.t(Key::StorageNotPersistedHint))}</span>
                    })}
                </div>
            }
        })
    })
    .into_any()
}
