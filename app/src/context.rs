//! What every page and component shares, provided once by the root (`root.rs`): the
//! reactive snapshot of the replica, the language, the network status, and the running engine
//! with the one way to save an edit. Pages import this module, never the root, so the module
//! graph has no cycle (docs/ARCHITECTURE.md, "The app").

use crate::i18n::{Key, Lang};
use crate::model::flow::Actor;
use crate::model::{numbering, RequestList};
use crate::register::table::{PersonColumn, Sort, UnitColumn, UnitFilter};
use crate::register::Register;
use crate::sync::runner::{AppEngine, Wake};
use crate::sync::tabs::TabChannel;
use crate::sync::{FieldEdit, Snapshot, TakenNumber};
use leptos::prelude::*;
use shared::Role;
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
    /// Another tab of the app on this device writes its data: this one says so
    /// (`pages/elsewhere.rs`) and waits for it, with no engine of its own.
    pub elsewhere: RwSignal<bool>,
    /// This page's end of the tabs' channel (`sync::tabs`), once joined.
    pub tabs: StoredValue<Option<TabChannel>, LocalStorage>,
    /// The register's rows and search keys ([`register_memo`]).
    pub register: Memo<Register>,
    /// The request list and its search keys ([`requests_memo`]).
    pub requests: Memo<RequestList>,
    /// Counts minutes while the app runs: what shows deadlines reads it, so "overdue" appears
    /// when the time passes, not only when data changes.
    pub tick: RwSignal<u64>,
    /// The desk layout (a window at least [`crate::platform::WIDE_PX`] wide).
    pub wide: RwSignal<bool>,
    /// How far a snapshot being loaded has come (the badge's progress bar): set with every
    /// snapshot, and between them on its own, so the bar moves without the pages redoing
    /// their work over the replica (`sync::snapshot::state_due`).
    pub loading: RwSignal<Option<crate::sync::Loading>>,
    /// Photos a form could not keep for the record it saved (issue 26 point 3): why, and the
    /// page the form went on to, where `components::photo_notice` says so until it is
    /// dismissed or left. A form's page is gone by then: its own error line would never show.
    pub photo_notice: RwSignal<Option<(Key, String)>>,
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

    /// The signed-in user's role (reactive).
    pub fn role(&self) -> Option<Role> {
        self.snap.with(|s| s.session.as_ref().map(|s| s.me.role))
    }

    /// Whether the user may add, edit, move in and move out people: everyone but department
    /// staff, who hold no register (the server refuses their writes anyway).
    pub fn may_edit_people(&self) -> bool {
        self.role().is_some_and(|r| r != Role::Department)
    }

    /// The signed-in user's staff id, if any (read without tracking).
    pub fn staff_id(&self) -> Option<String> {
        self.snap.with_untracked(|s| s.session.as_ref().map(|s| s.me.staff_id.clone()))
    }

    /// The signed-in user as the actor of an edit, at the server-corrected time (read
    /// without tracking). `None` when signed out.
    pub fn actor(&self) -> Option<Actor> {
        self.snap.with_untracked(|s| Actor::from_snapshot(s, crate::platform::now_ms()))
    }

    /// The server-corrected time, ms since the epoch (read without tracking).
    pub fn now(&self) -> i64 {
        self.snap.with_untracked(|s| s.now(crate::platform::now_ms()) as i64)
    }

    /// Whether the signed-in user is a supervisor (reactive).
    pub fn is_supervisor(&self) -> bool {
        self.role() == Some(Role::Supervisor)
    }

    /// Whether the signed-in user works at the office desk: office staff or a supervisor.
    pub fn is_office(&self) -> bool {
        matches!(self.role(), Some(Role::Office | Role::Supervisor))
    }

    /// Saves `edits` as one local edit — IndexedDB first, in one transaction, with a readable
    /// number for each request it files (`model::numbering`) — then wakes the sync loop and
    /// runs `then`. Failure is never silent: `error` gets
    /// [`Key::SaveFailed`] ([`Key::SaveFailedFull`] when storage is full; cleared when a
    /// save works), and the cause goes to the
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
        let offset = crate::platform::utc_offset_min();
        let fresh = self.snap.with_untracked(|s| numbering::unnumbered(&s.state, &edits, offset));
        // A new version waits until this is in IndexedDB (`crate::update`).
        let busy = crate::update::Busy::save();
        leptos::task::spawn_local(async move {
            let saved = if fresh.is_empty() {
                engine.edit(edits).await
            } else {
                let with_numbers = |taken: &[TakenNumber]| {
                    let mut edits = edits;
                    edits.extend(numbering::number_edits(&fresh, taken));
                    edits
                };
                engine.edit_numbered_n(fresh.len(), with_numbers).await.map(|(c, _)| c)
            };
            match saved {
                Ok(_) => {
                    busy.saved();
                    error.set(None);
                    ui.sync_now();
                    then();
                }
                Err(e) => {
                    web_sys::console::error_1(&format!("save failed: {e}").into());
                    error.set(Some(save_failure(&e.to_string()).await));
                }
            }
        });
    }
}

/// The words for a save that failed with `cause`: "storage full" when the browser refused it
/// for its quota, or when the quota is nearly used up (IndexedDB's abort does not always name
/// the quota); otherwise "saving failed".
async fn save_failure(cause: &str) -> Key {
    use crate::model::storage::{is_quota_error, Budget};
    let low = crate::platform::storage_estimate()
        .await
        .is_some_and(|(used, quota)| Budget { used, quota }.low());
    if is_quota_error(cause) || low {
        Key::SaveFailedFull
    } else {
        Key::SaveFailed
    }
}

/// Where a user of `role` lands after signing in: a butler's home page is My day; the office
/// keeps the request list.
pub fn home_path(role: Role) -> &'static str {
    crate::model::nav::home(role)
}

/// The UI context (provided by the root).
pub fn use_ui() -> Ui {
    expect_context::<Ui>()
}

/// The register, rebuilt (search keys included) only when the replica changed — when the
/// snapshot's `revision` moves, not when only the sync status did. Lazy: nothing is built
/// until a register page reads it, and nothing while no page does.
pub fn register_memo(snap: RwSignal<Snapshot>) -> Memo<Register> {
    let revision = Memo::new(move |_| snap.with(|s| s.revision));
    Memo::new_owning(move |_| {
        // Read, not just tracked: a memo never read has no sources and would never move.
        revision.with(|_| ());
        let now = crate::platform::now_ms() as i64;
        (snap.with_untracked(|s| Register::build(&s.state, now)), true)
    })
}

/// The request list, rebuilt when the records or the outbox changed — not when only the
/// sync status did — and kept while the user opens a request and comes back. Lazy, like
/// [`register_memo`]. Its overdue and stuck flags are as of the last change, or of the
/// last `tick` (a minute), so a request becomes overdue on screen when its time passes.
pub fn requests_memo(snap: RwSignal<Snapshot>, tick: RwSignal<u64>) -> Memo<RequestList> {
    let changed = Memo::new(move |_| (snap.with(|s| (s.revision, s.pending)), tick.get()));
    Memo::new(move |_| {
        // Read, not just tracked (see `register_memo`).
        changed.with(|_| ());
        snap.with_untracked(|s| {
            let now = s.now(crate::platform::now_ms()) as i64;
            RequestList::build_at(&s.state, &s.pending_ids, now)
        })
    })
}

/// What the register pages remember while the user opens a unit and comes back: the
/// search, the desk's tab, filters, sorting and page.
#[derive(Clone, Copy)]
pub struct RegisterUi {
    /// The tablet's search box.
    pub query: RwSignal<String>,
    /// The desk shows the people table (else the units table).
    pub people_tab: RwSignal<bool>,
    pub unit_filter: RwSignal<UnitFilter>,
    pub unit_sort: RwSignal<Sort<UnitColumn>>,
    pub unit_page: RwSignal<usize>,
    pub people_filter: RwSignal<String>,
    pub people_sort: RwSignal<Sort<PersonColumn>>,
    pub people_page: RwSignal<usize>,
}

impl RegisterUi {
    /// Empty search, units by number, people by name, first pages.
    pub fn new() -> Self {
        RegisterUi {
            query: RwSignal::new(String::new()),
            people_tab: RwSignal::new(false),
            unit_filter: RwSignal::new(UnitFilter::default()),
            unit_sort: RwSignal::new(Sort::by(UnitColumn::Number)),
            unit_page: RwSignal::new(0),
            people_filter: RwSignal::new(String::new()),
            people_sort: RwSignal::new(Sort::by(PersonColumn::Name)),
            people_page: RwSignal::new(0),
        }
    }

    /// Forgets the search and the tables' state (on a shared tablet, the next user must not
    /// find the last one's search in the box).
    pub fn clear(&self) {
        self.query.set(String::new());
        self.people_tab.set(false);
        self.unit_filter.set(UnitFilter::default());
        self.unit_sort.set(Sort::by(UnitColumn::Number));
        self.unit_page.set(0);
        self.people_filter.set(String::new());
        self.people_sort.set(Sort::by(PersonColumn::Name));
        self.people_page.set(0);
    }
}

impl Default for RegisterUi {
    fn default() -> Self {
        Self::new()
    }
}

/// The register pages' remembered state (provided by the root).
pub fn use_register_ui() -> RegisterUi {
    expect_context::<RegisterUi>()
}
