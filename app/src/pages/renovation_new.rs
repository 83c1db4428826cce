//! `/renovations/new`: a renovation application (装修申请), offline: the unit (picked as the
//! new-request form picks it: typing a whole number chooses it, the register's search lists
//! the rest), the applicant (owner or tenant) and phone, the contractor, foreman and phone,
//! the workers, the scope of works, the planned dates, the deposit, and the documents
//! photographed. Filed `applied`, routed to the site's engineering department; the photos
//! are stored on it once it is saved (`parent_kind` `renovation`). `?unit=<id>` chooses
//! the unit.
//!
//! DOM: `#reno-unit-filter`, `#reno-unit`, `#reno-applicant`, `#reno-applicant-role`
//! (`owner` / `tenant`), `#reno-phone`, `#reno-company`, `#reno-foreman`,
//! `#reno-foreman-phone`, `#reno-workers`, `#reno-works`, `#reno-start`, `#reno-end`,
//! `#reno-deposit`, `#reno-photo-input`, `#reno-photos[data-count]`, `#reno-error`,
//! `#reno-save`.

use super::renovation_detail::error_word;
use crate::components::page_heading::PageHeading;
use crate::components::photo_notice;
use crate::components::photos::save_all;
use crate::context::use_ui;
use crate::i18n::Rn;
use crate::model::intake_unit::{picker_units, typed_unit};
use crate::model::renovation::{application_edits, department_by_code, ApplicationForm};
use crate::platform::utc_offset_min;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::blob::PhotoParent;
use shared::names::field;
use shared::register::PersonRole;
use shared::request::classifier::DepartmentCode;
use shared::RecordId;

/// The application form.
#[component]
pub fn NewRenovationPage() -> impl IntoView {
    let ui = use_ui();
    let navigate = use_navigate();
    let reg = ui.register;
    let t = move |w: Rn| w.text(ui.lang.get());
    let given = use_query_map().with_untracked(|q| q.get(field::UNIT)).unwrap_or_default();
    let unit = RwSignal::new(given);
    let filter = RwSignal::new(String::new());
    let shown = Memo::new(move |_| {
        let chosen = Some(RecordId(unit.get())).filter(RecordId::is_valid);
        reg.with(|r| picker_units(r, &filter.get(), None, chosen.as_ref()))
    });
    let on_filter = move |v: String| {
        if let Some(id) = reg.with_untracked(|r| typed_unit(r, &v, None)) {
            unit.set(id.to_string());
        }
        filter.set(v);
    };
    let text = || RwSignal::new(String::new());
    let (applicant, phone, company, foreman, foreman_phone) =
        (text(), text(), text(), text(), text());
    let (workers, works, start, end, deposit) = (text(), text(), text(), text(), text());
    let role = RwSignal::new(PersonRole::Owner);
    let error = RwSignal::new(None::<Rn>);
    let saving = RwSignal::new(false);
    let files: RwSignal<Vec<(web_sys::File, String)>, LocalStorage> =
        RwSignal::new_local(Vec::new());
    on_cleanup(move || {
        for (_, url) in files.try_get_untracked().unwrap_or_default() {
            let _ = web_sys::Url::revoke_object_url(&url);
        }
    });
    let choose_photos = move |ev: web_sys::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(list) = input.files() {
            let more: Vec<_> = (0..list.length())
                .filter_map(|i| list.get(i))
                .map(|f| {
                    let url = web_sys::Url::create_object_url_with_blob(&f).unwrap_or_default();
                    (f, url)
                })
                .collect();
            files.update(|f| f.extend(more));
        }
        input.set_value("");
    };
    let photo_count = move || files.with(Vec::len);

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let form = ApplicationForm {
            unit: unit.get_untracked(),
            applicant: applicant.get_untracked(),
            applicant_role: Some(role.get_untracked()),
            applicant_phone: phone.get_untracked(),
            company: company.get_untracked(),
            foreman: foreman.get_untracked(),
            foreman_phone: foreman_phone.get_untracked(),
            workers: workers.get_untracked(),
            works: works.get_untracked(),
            planned_start: start.get_untracked(),
            planned_end: end.get_untracked(),
            deposit: deposit.get_untracked(),
        };
        let Some(actor) = ui.actor() else { return error.set(Some(Rn::SaveFailed)) };
        let department =
            ui.snap.with_untracked(|s| department_by_code(&s.state, DepartmentCode::Engineering));
        let id = RecordId::new_v7();
        let edits =
            match application_edits(&id, &form, department.as_ref(), &actor, utc_offset_min()) {
                Ok(e) => e,
                Err(e) => return error.set(Some(error_word(e))),
            };
        let Some(engine) = ui.engine() else { return error.set(Some(Rn::SaveFailed)) };
        let photos: Vec<web_sys::File> =
            files.with_untracked(|f| f.iter().map(|(f, _)| f.clone()).collect());
        saving.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match crate::update::saving(engine.edit(edits)).await {
                Ok(_) => {
                    ui.sync_now();
                    let failed = save_all(&ui, PhotoParent::Renovation, &id, photos).await;
                    ui.sync_now();
                    let path = format!("/renovations/{id}");
                    photo_notice::carry(&ui, failed, &path);
                    navigate(&path, Default::default());
                }
                Err(e) => {
                    web_sys::console::error_1(&format!("save failed: {e}").into());
                    error.set(Some(Rn::SaveFailed));
                    saving.set(false);
                }
            }
        });
    };
    let input = move |id: &'static str, label: Rn, sig: RwSignal<String>, ty: &'static str| {
        view! {
            <div>
                <label for=id>{move || t(label)}</label>
                <input id=id type=ty bind:value=sig />
            </div>
        }
    };
    view! {
        <section class="new-renovation card">
            <PageHeading>{move || t(Rn::NewTitle)}</PageHeading>
            <form on:submit=save novalidate>
                <label for="reno-unit">{move || t(Rn::Unit)}</label>
                <div class="unit-picker">
                    <input
                        id="reno-unit-filter"
                        type="search"
                        aria-label=move || t(Rn::UnitFilter)
                        placeholder=move || t(Rn::UnitFilter)
                        prop:value=move || filter.get()
                        on:input=move |ev| on_filter(event_target_value(&ev))
                    />
                    <select id="reno-unit" prop:value=move || unit.get() on:change=move |ev| unit.set(event_target_value(&ev))>
                        <option value="" selected=move || unit.get().is_empty()>{move || t(Rn::UnitChoose)}</option>
                        <For
                            each=move || shown.get()
                            key=|u| u.id.clone()
                            children=move |u| {
                                let id = u.id.to_string();
                                let text = if u.people.is_empty() { u.number } else { format!("{} · {}", u.number, u.people) };
                                view! { <option translate="no" value=id.clone() selected=move || unit.get() == id>{text}</option> }
                            }
                        />
                    </select>
                </div>
                <div class="row3">
                    {input("reno-applicant", Rn::Applicant, applicant, "text")}
                    <div>
                        <label for="reno-applicant-role">{move || t(Rn::ApplicantRole)}</label>
                        <select id="reno-applicant-role" on:change=move |ev| {
                            if let Some(r) = PersonRole::parse(&event_target_value(&ev)) { role.set(r) }
                        }>
                            <option value=PersonRole::Owner.as_str() selected=move || role.get() == PersonRole::Owner>{move || t(Rn::Owner)}</option>
                            <option value=PersonRole::Tenant.as_str() selected=move || role.get() == PersonRole::Tenant>{move || t(Rn::Tenant)}</option>
                        </select>
                    </div>
                    {input("reno-phone", Rn::Phone, phone, "tel")}
                </div>
                <div class="row3">
                    {input("reno-company", Rn::Company, company, "text")}
                    {input("reno-foreman", Rn::Foreman, foreman, "text")}
                    {input("reno-foreman-phone", Rn::ForemanPhone, foreman_phone, "tel")}
                </div>
                <div class="row3">
                    {input("reno-start", Rn::Start, start, "date")}
                    {input("reno-end", Rn::End, end, "date")}
                    {input("reno-workers", Rn::Workers, workers, "number")}
                </div>
                <label for="reno-works">{move || t(Rn::Works)}</label>
                <textarea id="reno-works" rows="4" bind:value=works></textarea>
                {input("reno-deposit", Rn::Deposit, deposit, "number")}
                <label class="photo-attach" for="reno-photo-input">{move || t(Rn::Documents)}</label>
                <input id="reno-photo-input" type="file" accept="image/*" capture="environment" multiple on:change=choose_photos />
                <span id="reno-photos" data-count=move || photo_count().to_string()>
                    {move || (photo_count() > 0).then(|| format!("{} {}", photo_count(), t(Rn::DocumentsPending)))}
                </span>
                <ul class="photo-list pending-photos">
                    {move || files.with(|f| f.iter().map(|(_, url)| view! {
                        <li><img class="photo-thumb pending" src=url.clone() alt=move || t(Rn::Documents) /></li>
                    }).collect_view())}
                </ul>
                <div class="thumb-bar">
                    <p id="reno-error" class="error" role="alert">{move || error.get().map(t)}</p>
                    <button id="reno-save" class="primary" type="submit" disabled=move || saving.get()>{move || t(Rn::Submit)}</button>
                </div>
            </form>
        </section>
    }
}
