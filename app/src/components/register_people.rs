//! The desk's people table: name, phones, units and roles, sortable and filtered by name or
//! phone digits, one page at a time. A row opens the page of the person's first unit.

use super::table_parts::{sort_header, Pager};
use crate::context::{use_register_ui, use_ui};
use crate::i18n::{person_role_label, Key};
use crate::register::table::{PersonColumn, PersonTableRow};
use crate::register::unit::tel_href;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared::names::field;

/// The filter box, the table and its pager.
#[component]
pub fn PeopleTable() -> impl IntoView {
    let ui = use_ui();
    let reg = use_register_ui();
    let (filter, sort, page) = (reg.people_filter, reg.people_sort, reg.people_page);
    let shown = Memo::new(move |_| {
        let (f, s, p) = (filter.get(), sort.get(), page.get());
        ui.register.with(|r| r.people_table(&f, s, p))
    });
    let h = |column, name, label| sort_header(sort, page, column, name, label);
    view! {
        <div class="filter-bar register-filters">
            <input
                id="people-filter"
                type="search"
                aria-label=move || ui.t(Key::FilterPeople)
                placeholder=move || ui.t(Key::FilterPeople)
                prop:value=move || filter.get()
                on:input=move |ev| {
                    filter.set(event_target_value(&ev));
                    page.set(0);
                }
            />
        </div>
        <table id="people-table" class="register-table" data-total=move || shown.with(|p| p.total.to_string())>
            <thead>
                <tr>
                    {h(PersonColumn::Name, field::NAME, Key::Name)}
                    {h(PersonColumn::Phone, field::PHONE, Key::Phone)}
                    <th>{move || ui.t(Key::Phone2)}</th>
                    {h(PersonColumn::Units, "units", Key::Units)}
                    <th>{move || ui.t(Key::Role)}</th>
                </tr>
            </thead>
            <tbody>
                <For each=move || shown.with(|p| p.rows.clone()) key=|r| r.clone() children=|r| view! { <Row r=r /> } />
            </tbody>
        </table>
        <Show when=move || shown.with(|p| p.total == 0)>
            <p class="empty">{move || ui.t(Key::NoPeopleFound)}</p>
        </Show>
        <Pager
            id="people-pager"
            page=page
            pages=Signal::derive(move || shown.with(|p| p.pages))
            total=Signal::derive(move || shown.with(|p| p.total))
        />
    }
}

/// A phone cell: a `tel:` link, or nothing.
fn phone_cell(phone: String) -> impl IntoView {
    let href = tel_href(&phone);
    view! {
        <td class="phone">
            {href.map(|href| view! { <a class="tel" href=href on:click=|ev| ev.stop_propagation()>{phone}</a> })}
        </td>
    }
}

/// One person; a click opens their first unit's page.
#[component]
fn Row(r: PersonTableRow) -> impl IntoView {
    let ui = use_ui();
    let navigate = use_navigate();
    let href = r.first_unit.as_ref().map(|u| format!("/unit/{u}"));
    let roles = r.roles.clone();
    let role_text = move || {
        let lang = ui.lang.get();
        roles
            .iter()
            .map(|r| r.map(|r| person_role_label(r, lang)).unwrap_or("—"))
            .collect::<Vec<_>>()
            .join("、")
    };
    view! {
        <tr
            data-testid="person-row"
            class="register-row"
            class:no-unit=href.is_none()
            data-id=r.id.to_string()
            on:click=move |_| {
                if let Some(href) = &href {
                    navigate(href, Default::default())
                }
            }
        >
            <td class="name">
                <span translate="no">{r.name}</span>
                {r.key_customer.then(|| view! { <span class="badge key">{move || ui.t(Key::KeyCustomerMark)}</span> })}
            </td>
            {phone_cell(r.phone)}
            {phone_cell(r.phone2)}
            <td translate="no">{r.units}</td>
            <td>{role_text}</td>
        </tr>
    }
}
