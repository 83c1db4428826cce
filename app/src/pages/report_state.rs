//! What the reports page's parts share (`pages/reports.rs`, `report_panels.rs`,
//! `report_charts.rs`): the replica's facts kept between visits ([`ReportsUi`], provided by
//! the root), the records opened behind a number ([`Drill`]) and a figure's cell
//! ([`FigureCell`]). Below the three, so none of them imports another in a circle.

use crate::context::use_ui;
use crate::i18n::{kpi_label, Rp};
use crate::model::reports::{self, Side};
use crate::sync::Snapshot;
use leptos::prelude::*;
use shared::report::breakdown::By;
use shared::report::{Facts, Figure, Period};
use std::sync::Arc;

/// At most this many records are listed behind a number.
pub const DRILL_ROWS: usize = 200;

/// The replica's facts, shared; equal only to itself (comparing them would cost a pass).
#[derive(Clone, Default)]
pub struct SharedFacts {
    pub facts: Arc<Facts>,
    /// How long taking them took, in ms.
    pub ms: u64,
}

impl PartialEq for SharedFacts {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.facts, &other.facts)
    }
}

/// What the reports page keeps while the user goes elsewhere and comes back: the facts
/// (taken again only when the replica's records changed), the period and the breakdown.
#[derive(Clone, Copy)]
pub struct ReportsUi {
    pub facts: Memo<SharedFacts>,
    pub period: RwSignal<Option<Period>>,
    pub by: RwSignal<By>,
}

impl ReportsUi {
    /// Lazy: no facts are taken until the page reads them.
    pub fn new(snap: RwSignal<Snapshot>) -> Self {
        let revision = Memo::new(move |_| snap.with(|s| s.revision));
        let facts = Memo::new_owning(move |_| {
            revision.with(|_| ());
            let t0 = js_sys::Date::now();
            let facts = snap.with_untracked(|s| Facts::from_state(&s.state));
            let ms = (js_sys::Date::now() - t0) as u64;
            (SharedFacts { facts: Arc::new(facts), ms }, true)
        });
        ReportsUi { facts, period: RwSignal::new(None), by: RwSignal::new(By::Area) }
    }
}

/// The records behind one number, as opened.
#[derive(Clone, PartialEq)]
pub struct Drill {
    pub figure: Figure,
    pub side: Side,
}

/// A figure's value, and its two counts as buttons that open the records behind them.
#[component]
pub fn FigureCell(f: Figure, drill: RwSignal<Option<Drill>>) -> impl IntoView {
    let ui = use_ui();
    let lang = move || ui.lang.get();
    let (fa, fb) = (f.clone(), f.clone());
    let name = move || kpi_label(f.kpi, lang());
    view! {
        <td class="kpi-cell" data-kpi=f.kpi.as_str() data-num=f.num data-den=f.den
            data-permille=f.permille.map(|p| p.to_string()).unwrap_or_default()
            data-met=f.met.map(|m| m.to_string()).unwrap_or_default()
            class:met=f.met == Some(true) class:missed=f.met == Some(false)>
            <span class="kpi-value">{reports::pct(f.permille)}</span>
            <span class="kpi-counts">
                <button class="kpi-num link" title=move || Rp::OpenNum.text(lang())
                    aria-label=move || format!("{} · {} {}", name(), Rp::Numerator.text(lang()), fa.num)
                    on:click=move |_| drill.set(Some(Drill { figure: fa.clone(), side: Side::Num }))>
                    {f.num}
                </button>
                "/"
                <button class="kpi-den link" title=move || Rp::OpenDen.text(lang())
                    aria-label=move || format!("{} · {} {}", name(), Rp::Denominator.text(lang()), fb.den)
                    on:click=move |_| drill.set(Some(Drill { figure: fb.clone(), side: Side::Den }))>
                    {f.den}
                </button>
            </span>
        </td>
    }
}
