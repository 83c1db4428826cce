//! `/duties` (片区事务): the butler's other field duties — renovations, arrears, home
//! visits, surveys, moving, release passes, the front desk, mail, the knowledge base, paid
//! services, keys — one tab in the header instead of eleven (a tablet's header has room for
//! one bar), each a card linking to its pages. Which cards a role sees is `nav::duties`, the
//! same rule that opens their routes.

use crate::components::page_heading::PageHeading;
use crate::context::use_ui;
use crate::i18n::Key;
use crate::model::nav;
use leptos::prelude::*;

/// The duty a path leads to: its title, its one-line hint, its card's id.
fn card(path: &str) -> (Key, Key, &'static str) {
    match path {
        "/renovations" => (Key::DutiesRenovations, Key::DutiesRenovationsHint, "duty-renovations"),
        "/arrears" => (Key::DutiesArrears, Key::DutiesArrearsHint, "duty-arrears"),
        "/surveys" => (Key::DutiesSurveys, Key::DutiesSurveysHint, "duty-surveys"),
        "/moving" => (Key::DutiesMoving, Key::DutiesMovingHint, "duty-moving"),
        "/passes" => (Key::DutiesPasses, Key::DutiesPassesHint, "duty-passes"),
        "/frontdesk" => (Key::DutiesFrontDesk, Key::DutiesFrontDeskHint, "duty-frontdesk"),
        "/mail" => (Key::DutiesMail, Key::DutiesMailHint, "duty-mail"),
        "/knowledge" => (Key::DutiesKnowledge, Key::DutiesKnowledgeHint, "duty-knowledge"),
        "/services" => (Key::DutiesServices, Key::DutiesServicesHint, "duty-services"),
        "/keys" => (Key::DutiesKeys, Key::DutiesKeysHint, "duty-keys"),
        _ => (Key::DutiesVisits, Key::DutiesVisitsHint, "duty-visits"),
    }
}

/// The hub.
#[component]
pub fn DutiesPage() -> impl IntoView {
    let ui = use_ui();
    let paths = move || ui.role().map(nav::duties).unwrap_or_default();
    view! {
        <section id="duties" class="duties">
            <PageHeading>{move || ui.t(Key::NavDuties)}</PageHeading>
            <ul class="duty-cards">
                <For each=paths key=|p| *p let:path>
                    {
                        let (title, hint, id) = card(path);
                        view! {
                            <li class="duty-card">
                                <a id=id href=path>
                                    <strong>{move || ui.t(title)}</strong>
                                    <span class="hint">{move || ui.t(hint)}</span>
                                </a>
                            </li>
                        }
                    }
                </For>
            </ul>
        </section>
    }
}
