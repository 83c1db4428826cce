//! `/renovations/:id/permit`: the printable renovation permit (装修许可证) of an approved
//! renovation — unit, applicant, contractor, foreman, works, dates, deposit, who approved
//! it and when, the site rules, and boxes for the office's stamp and the applicant's and
//! contractor's signatures — printed on A4 by the app's print styles like the
//! patrol report (`.report.printable`: no header, no navigation).
//!
//! DOM: `#reno-permit[data-id]`, `#permit-unit`, `#permit-approved`, `#permit-print`,
//! `#permit-pending` (not approved: no permit).

use super::renovation_parts::{date_text, Field};
use crate::components::page_heading::PageHeading;
use crate::components::sign_boxes::SignBoxes;
use crate::context::use_ui;
use crate::i18n::Rn;
use crate::model::renovation::renovation;
use crate::platform::{format_time, utc_offset_min};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::renovation::RenovationStatus;
use shared::RecordId;

/// The permit of one renovation.
#[component]
pub fn PermitPage() -> impl IntoView {
    let ui = use_ui();
    let params = use_params_map();
    let id = Memo::new(move |_| RecordId(params.with(|p| p.get("id").unwrap_or_default())));
    let r =
        Memo::new(move |_| ui.snap.with(|s| renovation(&s.state, &id.get(), 0, utc_offset_min())));
    let site = move || {
        ui.snap.with(|s| s.session.as_ref().map(|s| s.me.site_name.clone()).unwrap_or_default())
    };
    let t = move |w: Rn| w.text(ui.lang.get());
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <section id="reno-permit" class="report printable permit" data-id=move || id.get().0>
            <PageHeading><span translate="no">{site}</span>" · "{move || t(Rn::Permit)}</PageHeading>
            {move || match r.get() {
                Some(r) if matches!(r.status, Some(RenovationStatus::Approved | RenovationStatus::Stopped | RenovationStatus::Completed)) => {
                    let end = r.extended_to.max(r.planned_end);
                    let approved = format!("{} {}", r.approved_by, r.approved_at.map(|a| format_time(a as u64)).unwrap_or_default());
                    let role = r.applicant_role.map(|p| crate::i18n::person_role_label(p, ui.lang.get())).unwrap_or("");
                    view! {
                        <dl class="report-head permit-fields">
                            <dt>{t(Rn::PermitNo)}</dt><dd translate="no">{r.id.as_str()[..8].to_uppercase()}</dd>
                            <dt>{t(Rn::Unit)}</dt><dd id="permit-unit" translate="no">{format!("{} {}", r.area_name, r.unit_number)}</dd>
                            <Field label=Rn::Applicant value=format!("{} {} {}", r.applicant, role, r.applicant_phone) />
                            <Field label=Rn::Company value=r.company.clone() />
                            <Field label=Rn::Foreman value=format!("{} {}", r.foreman, r.foreman_phone) />
                            <Field label=Rn::Workers value=r.workers.map(|w| w.to_string()).unwrap_or_default() />
                            <Field label=Rn::Works value=r.works.clone() />
                            <Field label=Rn::Start value=date_text(r.planned_start) />
                            <Field label=Rn::End value=date_text(end) />
                            <Field label=Rn::Deposit value=r.deposit.map(|d| d.to_string()).unwrap_or_default() />
                            <dt>{t(Rn::ApprovedBy)}</dt><dd id="permit-approved" translate="no">{approved}</dd>
                        </dl>
                        <h2>{t(Rn::Rules)}</h2>
                        <ol class="permit-rules">
                            {[Rn::Rule1, Rn::Rule2, Rn::Rule3, Rn::Rule4, Rn::Rule5].into_iter().map(|w| view! { <li>{t(w)}</li> }).collect_view()}
                        </ol>
                        <SignBoxes
                            labels=vec![t(Rn::SignOffice).to_owned(), t(Rn::SignApplicant).to_owned(), t(Rn::SignContractor).to_owned()]
                            date=t(Rn::SignDate).to_owned()
                        />
                        <p class="no-print"><button id="permit-print" type="button" on:click=print>{t(Rn::Print)}</button></p>
                    }.into_any()
                }
                _ => view! { <p id="permit-pending">{t(Rn::PermitPending)}</p> }.into_any(),
            }}
        </section>
    }
}
