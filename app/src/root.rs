//! The app root: start-up (IndexedDB → engine → signals), the router and the sign-in guard.
//! What pages share is in [`crate::context`]; pages never import this module.

use crate::components::header::Header;
use crate::components::photo_notice::PhotoNotice;
use crate::components::role_gate::gated;
use crate::components::update_banner::UpdateBanner;
use crate::context::{register_memo, requests_memo, use_ui, RegisterUi, Ui};
use crate::i18n::Key;
use crate::pages::elsewhere::ElsewherePage;
use crate::pages::{
    checklists::ChecklistsPage, conflicts::ConflictsPage, day::DayPage, detail::DetailPage,
    login::LoginPage, new_request::NewRequestPage, register::RegisterPage, requests::RequestsPage,
    review::ReviewPage, settings::SettingsPage, unit::UnitPage,
};
use crate::platform;
use crate::store::idb::IdbStore;
use crate::sync::http::HttpTransport;
use crate::sync::runner::{self, Hooks};
use crate::sync::tabs::TabChannel;
use crate::sync::{Engine, Snapshot};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::path;
use std::rc::Rc;

/// The IndexedDB database name.
const DB_NAME: &str = "guanjia";

/// Entry point called by `main`: installs the panic hook and the PWA pieces, mounts the app.
pub fn start() {
    console_error_panic_hook::set_once();
    platform::setup_pwa();
    // In a task of its own, after the one that compiled and started the wasm: two shorter
    // tasks keep the page responsive where one long one would not.
    // (Leptos's executor starts with the mount: wasm-bindgen's until then.)
    wasm_bindgen_futures::spawn_local(async {
        gloo_timers::future::TimeoutFuture::new(0).await;
        leptos::mount::mount_to_body(App);
    });
}

/// Joins the tabs' channel, then opens the replica to write if no other tab on this device
/// does; otherwise says the app is open elsewhere and waits for the data.
async fn boot(ui: Ui) {
    join_tabs(ui);
    match IdbStore::open(DB_NAME).await {
        Ok(store) => run(ui, store).await,
        Err(e) if e.is_elsewhere() => wait_for_the_data(ui).await,
        Err(e) => ui.boot_error.set(Some(e.to_string())),
    }
}

/// Shows "open in another tab" and queues for the database's lock: granted when the writing
/// tab hands over ("Use here") or closes, and then this tab runs on what it committed.
async fn wait_for_the_data(ui: Ui) {
    ui.elsewhere.set(true);
    match IdbStore::open_when_free(DB_NAME).await {
        Ok(store) => run(ui, store).await,
        Err(e) => ui.boot_error.set(Some(e.to_string())),
    }
}

/// Listens for another tab asking for the data: the engine, if this tab runs one, finishes
/// its write, stops and lets the lock go, and this tab waits in turn (`sync::tabs`).
fn join_tabs(ui: Ui) {
    let on_hand_over = move || {
        let Some(engine) = ui.engine.get_value() else { return };
        ui.engine.set_value(None);
        leptos::task::spawn_local(async move {
            engine.hand_over().await;
            ui.ready.set(false);
            // The loop sees the engine stopped when it wakes, and ends.
            if let Some(wake) = ui.wake.get_value() {
                wake.sync_now();
            }
            ui.wake.set_value(None);
            wait_for_the_data(ui).await;
        });
    };
    match TabChannel::open(on_hand_over) {
        Ok(tabs) => ui.tabs.set_value(Some(tabs)),
        Err(e) => web_sys::console::error_1(&e),
    }
}

/// Starts the engine on the store this tab now writes and its sync loop, then fills the
/// context. Runs after mounting, so the loading text shows while IndexedDB opens.
async fn run(ui: Ui, store: IdbStore) {
    let engine = match Engine::open_first(store, HttpTransport, Box::new(platform::now_ms)).await {
        Ok(e) => Rc::new(e),
        Err(e) => return ui.boot_error.set(Some(e.to_string())),
    };
    engine.set_listener(Box::new(move |s| {
        ui.loading.set(s.loading);
        ui.snap.set(s);
    }));
    engine.set_progress_listener(Box::new(move |l| ui.loading.set(l)));
    let first = engine.snapshot().await;
    ui.loading.set(first.loading);
    ui.snap.set(first);
    ui.engine.set_value(Some(engine.clone()));
    ui.elsewhere.set(false);
    ui.ready.set(true);
    // The first page is drawn in this task; the rest of the records are read once it is on
    // the screen (the UI is handed them then), and the sync loop starts after.
    platform::after_paint().await;
    if let Err(e) = engine.load_rest().await {
        // Every change waits for the rest and tries to read it again; saves say it failed.
        web_sys::console::error_1(&format!("reading the records: {e}").into());
    }
    let hooks = Hooks {
        online: Box::new(move |o| ui.online.set(o)),
        // Signing out already cleared the session; the guard below shows the login page.
        unauthorized: Box::new(|| {}),
    };
    ui.wake.set_value(Some(runner::start(engine, hooks)));
}

/// Provides the context every page reads, starts booting, and renders the router.
#[component]
fn App() -> impl IntoView {
    let snap = RwSignal::new(Snapshot::default());
    let tick = RwSignal::new(0u64);
    set_interval(move || tick.update(|t| *t += 1), std::time::Duration::from_secs(60));
    let ui = Ui {
        tick,
        snap,
        lang: RwSignal::new(platform::stored_lang()),
        online: RwSignal::new(platform::navigator_online()),
        ready: RwSignal::new(false),
        boot_error: RwSignal::new(None),
        engine: StoredValue::new_local(None),
        wake: StoredValue::new(None),
        elsewhere: RwSignal::new(false),
        tabs: StoredValue::new_local(None),
        register: register_memo(snap),
        requests: requests_memo(snap, tick),
        wide: RwSignal::new(platform::is_wide()),
        photo_notice: RwSignal::new(None),
        loading: RwSignal::new(None),
    };
    provide_context(ui);
    let register_ui = RegisterUi::new();
    provide_context(register_ui);
    provide_context(crate::pages::report_state::ReportsUi::new(snap));
    let signed_in = Memo::new(move |_| ui.snap.with(|s| s.session.is_some()));
    Effect::new(move |_| {
        if !signed_in.get() {
            register_ui.clear();
        }
    });
    // Dropped with the app: the listener lives as long as the page.
    let _resize = window_event_listener(leptos::ev::resize, move |_| {
        let wide = platform::is_wide();
        if ui.wide.get_untracked() != wide {
            ui.wide.set(wide);
        }
    });
    platform::store_lang(ui.lang.get_untracked());
    leptos::task::spawn_local(boot(ui));
    view! {
        <Router>
            <Shell />
        </Router>
    }
}

/// Header, sign-in guard and routes.
#[component]
fn Shell() -> impl IntoView {
    let ui = use_ui();
    let navigate = use_navigate();
    let location = use_location();
    Effect::new(move |_| {
        if !ui.ready.get() {
            return;
        }
        let signed_in = ui.snap.with(|s| s.session.is_some());
        let path = location.pathname.get();
        if !signed_in && path != "/login" {
            navigate("/login", Default::default());
        } else if signed_in && path == "/login" {
            let role = ui.snap.with(|s| s.session.as_ref().map(|s| s.me.role));
            navigate(role.map_or("/", crate::context::home_path), Default::default());
        }
    });
    // index.html's splash covers the page until the data is open (or failed to open); then it
    // goes, and the header and the first page are drawn together, in the same frame (a page
    // drawn before the header would move down when it came: a layout shift). Before that
    // nothing is drawn under it.
    let opened =
        move || ui.ready.get() || ui.elsewhere.get() || ui.boot_error.with(Option::is_some);
    Effect::new(move |_| {
        if opened() {
            platform::remove_splash();
        }
    });
    let signed_in = move || ui.snap.with(|s| s.session.is_some());
    view! {
        <Show when=opened>
            <UpdateBanner />
            // Another tab writes the data: this one says so, instead of everything else.
            <Show when=move || !ui.elsewhere.get() fallback=ElsewherePage>
            <Show when=signed_in>
                <Header />
            </Show>
            <main class="page">
                <PhotoNotice />
                {move || ui.boot_error.get().map(|e| view! { <p class="error">{e}</p> })}
                <Show
                    when=move || ui.ready.get()
                    fallback=move || view! { <p class="loading">{move || ui.t(Key::Loading)}</p> }
                >
                    // A route the role cannot use says so (`model::nav::may_open`): each
                    // route's page is gated, the router itself always stays on the page.
                    <Routes fallback=RequestsPage>
                        <Route path=path!("/login") view=gated(LoginPage) />
                        <Route path=path!("/") view=gated(RequestsPage) />
                        <Route path=path!("/requests/new") view=gated(NewRequestPage) />
                        <Route path=path!("/requests/:id") view=gated(DetailPage) />
                        <Route path=path!("/conflicts") view=gated(ConflictsPage) />
                        <Route path=path!("/day") view=gated(DayPage) />
                        <Route path=path!("/review") view=gated(ReviewPage) />
                        <Route path=path!("/settings") view=gated(SettingsPage) />
                        <Route path=path!("/audit") view=gated(crate::pages::audit::AuditPage) />
                        <Route path=path!("/duties") view=gated(crate::pages::duties::DutiesPage) />
                        <Route path=path!("/checklists") view=gated(ChecklistsPage) />
                        <Route path=path!("/register") view=gated(RegisterPage) />
                        <Route path=path!("/unit/:id") view=gated(UnitPage) />
                        <Route path=path!("/patrol") view=gated(crate::pages::patrol::PatrolPage) />
                        <Route path=path!("/patrol/coverage") view=gated(crate::pages::patrol_views::CoveragePage) />
                        <Route path=path!("/patrol/rounds") view=gated(crate::pages::patrol_views::RoundsPage) />
                        <Route path=path!("/patrol/templates") view=gated(ChecklistsPage) />
                        <Route path=path!("/patrol/report/:id") view=gated(crate::pages::patrol_views::ReportPage) />
                        // issue 25: moving
                        <Route path=path!("/moving") view=gated(crate::pages::moving::MovingPage) />
                        <Route path=path!("/moving/book") view=gated(crate::pages::moving_book::BookPage) />
                        <Route path=path!("/moving/in") view=gated(crate::pages::moving_check::MoveInPage) />
                        <Route path=path!("/moving/out") view=gated(crate::pages::moving_check::MoveOutPage) />
                        <Route path=path!("/passes") view=gated(crate::pages::passes::PassesPage) />
                        <Route path=path!("/passes/new") view=gated(crate::pages::pass_new::PassNewPage) />
                        <Route path=path!("/passes/:id") view=gated(crate::pages::pass_view::PassPage) />
                        <Route path=path!("/visits") view=gated(crate::pages::visits::VisitsPage) />
                        <Route path=path!("/visits/new") view=gated(crate::pages::visit_form::VisitNewPage) />
                        <Route path=path!("/visits/plan/new") view=gated(crate::pages::visit_plan::PlanNewPage) />
                        <Route path=path!("/visit/:id") view=gated(crate::pages::visit_view::VisitPage) />
                        // issue 25: frontdesk
                        <Route path=path!("/frontdesk") view=gated(crate::pages::frontdesk::FrontdeskPage) />
                        <Route path=path!("/frontdesk/handover") view=gated(crate::pages::frontdesk_handover::HandoverPage) />
                        <Route path=path!("/mail") view=gated(crate::pages::mail::MailPage) />
                        <Route path=path!("/knowledge") view=gated(crate::pages::knowledge::KnowledgePage) />
                        <Route path=path!("/knowledge/new") view=gated(crate::pages::knowledge_edit::KnowledgeEditPage) />
                        <Route path=path!("/knowledge/:id") view=gated(crate::pages::knowledge_edit::KnowledgeEditPage) />
                        <Route path=path!("/renovations") view=gated(crate::pages::renovations::RenovationsPage) />
                        <Route path=path!("/renovations/new") view=gated(crate::pages::renovation_new::NewRenovationPage) />
                        <Route path=path!("/renovations/:id") view=gated(crate::pages::renovation_detail::RenovationPage) />
                        <Route path=path!("/renovations/:id/check") view=gated(crate::pages::renovation_check::CheckPage) />
                        <Route path=path!("/renovations/:id/permit") view=gated(crate::pages::renovation_permit::PermitPage) />
                        <Route path=path!("/reports") view=gated(crate::pages::reports::ReportsPage) />
                        <Route path=path!("/reports/daily") view=gated(crate::pages::reports_print::DailyReportPage) />
                        <Route path=path!("/reports/weekly") view=gated(crate::pages::reports_print::WeeklyReportPage) />
                        <Route path=path!("/reports/monthly") view=gated(crate::pages::reports_print::MonthlyReportPage) />
                        <Route path=path!("/arrears") view=gated(crate::pages::arrears::ArrearsPage) />
                        <Route path=path!("/arrears/import") view=gated(crate::pages::arrears_import::ArrearsImportPage) />
                        <Route path=path!("/arrears/desk") view=gated(crate::pages::arrears_desk::ArrearsDeskPage) />
                        <Route path=path!("/arrears/unit/:id") view=gated(crate::pages::arrears_unit::ArrearsUnitPage) />
                        // issue 25: surveys
                        <Route path=path!("/surveys") view=gated(crate::pages::surveys::SurveysPage) />
                        <Route path=path!("/surveys/new") view=gated(crate::pages::survey_new::NewSurveyPage) />
                        <Route path=path!("/surveys/:id") view=gated(crate::pages::survey_sample::SurveyPage) />
                        <Route path=path!("/surveys/:id/answer/:unit") view=gated(crate::pages::survey_answer::SurveyAnswerPage) />
                        <Route path=path!("/surveys/:id/results") view=gated(crate::pages::survey_results::SurveyResultsPage) />
                        // issue 25: services
                        <Route path=path!("/services") view=gated(crate::pages::services::ServicesPage) />
                        <Route path=path!("/services/prices") view=gated(crate::pages::service_prices::PricesPage) />
                        <Route path=path!("/services/order/:id") view=gated(crate::pages::service_order::OrderPage) />
                        <Route path=path!("/services/order/:id/receipt") view=gated(crate::pages::service_receipt::ReceiptPage) />
                        <Route path=path!("/keys") view=gated(crate::pages::keys::KeysPage) />
                        <Route path=path!("/keys/new") view=gated(crate::pages::key_new::KeyNewPage) />
                        <Route path=path!("/keys/:id") view=gated(crate::pages::key_detail::KeyPage) />
                    </Routes>
                </Show>
            </main>
            </Show>
        </Show>
    }
}
