//! The collection figures on `/arrears` for the office and supervisors: per month (the
//! arrears' period) and area, what was owed, what has been collected, and the rate
//! (`shared::arrears::collection`, computed on the device from the replica).

use crate::context::use_ui;
use crate::i18n::arrears_words::W;
use crate::model::arrears::{collection, money};
use crate::model::names;
use leptos::prelude::*;
use shared::names::kind;

/// A rate as shown: `75.0%`, or `—` when nothing was owed.
fn rate_text(permille: Option<u32>) -> String {
    permille.map_or("—".to_owned(), |p| format!("{}.{}%", p / 10, p % 10))
}

/// The panel: the site's months, each followed by its areas.
#[component]
pub fn CollectionPanel() -> impl IntoView {
    let ui = use_ui();
    let w = move |k: W| k.text(ui.lang.get());
    let lines = Memo::new(move |_| {
        ui.snap.with(|s| {
            let areas: std::collections::HashMap<_, _> =
                names(&s.state, kind::AREA).into_iter().collect();
            let mut out = Vec::new();
            let per_area = collection(&s.state, true);
            for site in collection(&s.state, false) {
                let month = site.month.clone();
                out.push((month.clone(), String::new(), site));
                for a in per_area.iter().filter(|a| a.month == month) {
                    let name =
                        a.area.as_ref().and_then(|id| areas.get(id)).cloned().unwrap_or_default();
                    out.push((month.clone(), name, a.clone()));
                }
            }
            out
        })
    });
    view! {
        <section id="arrears-collection" class="arrears-collection card">
            <h2>{move || w(W::Collection)}</h2>
            <table class="register-table">
                <thead>
                    <tr>
                        <th>{move || w(W::Month)}</th>
                        <th>{move || w(W::Area)}</th>
                        <th>{move || w(W::Owed)}</th>
                        <th>{move || w(W::Collected)}</th>
                        <th>{move || w(W::Rate)}</th>
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || lines.get()
                        key=|(m, a, c)| format!("{m}|{a}|{c:?}")
                        children=move |(month, area, c)| {
                            let site = area.is_empty();
                            let data_month = month.clone();
                            view! {
                                <tr class:site=site data-month=data_month data-permille=c.rate_permille().map(|p| p.to_string()).unwrap_or_default()>
                                    <td translate="no">{month}</td>
                                    <td translate="no">{area}</td>
                                    <td class="num">{money(c.owed)}</td>
                                    <td class="num">{money(c.collected)}</td>
                                    <td class="num">{rate_text(c.rate_permille())}</td>
                                </tr>
                            }
                        }
                    />
                </tbody>
            </table>
        </section>
    }
}
