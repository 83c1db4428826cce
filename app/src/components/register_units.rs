//! The desk's units table: number, building, floor, type, occupancy, people and open
//! requests; a click on a header sorts, the filter box (the search box's rules) and the
//! building and occupancy selects narrow it, and only one page of rows is rendered.

use super::table_parts::{sort_header, Pager};
use crate::context::{use_register_ui, use_ui};
use crate::i18n::{unit_state_label, unit_type_label, Key};
use crate::register::table::{UnitColumn, UnitTableRow};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared::names::field;
use shared::register::UnitState;
use shared::RecordId;

/// The filters, the table and its pager.
#[component]
pub fn UnitsTable() -> impl IntoView {
    let ui = use_ui();
    let reg = use_register_ui();
    let (filter, sort, page) = (reg.unit_filter, reg.unit_sort, reg.unit_page);
    let shown = Memo::new(move |_| {
        let (f, s, p) = (filter.get(), sort.get(), page.get());
        ui.register.with(|r| r.unit_table(&f, s, p))
    });
    let buildings = Memo::new(move |_| ui.register.with(|r| r.buildings.clone()));
    let set_filter = move |change: &dyn Fn(&mut crate::register::table::UnitFilter)| {
        filter.update(|f| change(f));
        page.set(0);
    };
    let h = |column, name, label| sort_header(sort, page, column, name, label);
    view! {
        <div class="filter-bar register-filters">
            <input
                id="units-filter"
                type="search"
                aria-label=move || ui.t(Key::FilterUnits)
                placeholder=move || ui.t(Key::FilterUnits)
                prop:value=move || filter.with(|f| f.text.clone())
                on:input=move |ev| set_filter(&|f| f.text = event_target_value(&ev))
            />
            <select
                id="units-building"
                aria-label=move || ui.t(Key::Building)
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    set_filter(&|f| f.building = (!v.is_empty()).then(|| RecordId(v.clone())))
                }
            >
                <option value="">{move || ui.t(Key::AllBuildings)}</option>
                <For
                    each=move || buildings.get()
                    key=|b| b.clone()
                    children=move |(id, name)| {
                        let selected = id.clone();
                        view! {
                            <option
                                translate="no"
                                value=id.to_string()
                                selected=move || filter.with(|f| f.building.as_ref() == Some(&selected))
                            >
                                {name}
                            </option>
                        }
                    }
                />
            </select>
            <select
                id="units-state"
                aria-label=move || ui.t(Key::Status)
                on:change=move |ev| {
                    let v = UnitState::parse(&event_target_value(&ev));
                    set_filter(&|f| f.state = v)
                }
            >
                <option value="">{move || ui.t(Key::AllStates)}</option>
                {UnitState::ALL.iter().map(|s| {
                    let s = *s;
                    view! {
                        <option value=s.as_str() selected=move || filter.with(|f| f.state == Some(s))>
                            {move || unit_state_label(s, ui.lang.get())}
                        </option>
                    }
                }).collect_view()}
            </select>
        </div>
        <table id="units-table" class="register-table" data-total=move || shown.with(|p| p.total.to_string())>
            <thead>
                <tr>
                    {h(UnitColumn::Number, field::NUMBER, Key::Unit)}
                    {h(UnitColumn::Building, field::BUILDING, Key::Building)}
                    {h(UnitColumn::Floor, field::FLOOR, Key::Floor)}
                    {h(UnitColumn::Type, field::TYPE, Key::UnitTypeLabel)}
                    {h(UnitColumn::State, field::STATE, Key::UnitStateLabel)}
                    {h(UnitColumn::People, "people", Key::PeopleCount)}
                    {h(UnitColumn::OpenRequests, "open-requests", Key::OpenRequests)}
                </tr>
            </thead>
            <tbody>
                <For each=move || shown.with(|p| p.rows.clone()) key=|r| r.clone() children=|r| view! { <Row r=r /> } />
            </tbody>
        </table>
        <Show when=move || shown.with(|p| p.total == 0)>
            <p class="empty">{move || ui.t(Key::NoUnitsFound)}</p>
        </Show>
        <Pager
            id="units-pager"
            page=page
            pages=Signal::derive(move || shown.with(|p| p.pages))
            total=Signal::derive(move || shown.with(|p| p.total))
        />
    }
}

/// One unit; a click opens its page.
#[component]
fn Row(r: UnitTableRow) -> impl IntoView {
    let ui = use_ui();
    let navigate = use_navigate();
    let href = format!("/unit/{}", r.id);
    let (unit_type, state) = (r.unit_type, r.state);
    view! {
        <tr
            data-testid="unit-row"
            class="register-row"
            data-id=r.id.to_string()
            on:click=move |_| navigate(&href, Default::default())
        >
            <td class="number" translate="no"><a href=format!("/unit/{}", r.id)>{r.number}</a></td>
            <td translate="no">{r.building}</td>
            <td class="num">{r.floor.map(|f| f.to_string())}</td>
            <td>{move || unit_type.map(|t| unit_type_label(t, ui.lang.get()))}</td>
            <td>{move || state.map(|s| unit_state_label(s, ui.lang.get()))}</td>
            <td class="num">{r.people}</td>
            <td class="num" class:has-open={r.open_requests > 0}>{r.open_requests}</td>
        </tr>
    }
}
