//! The boxes at the foot of a printed form where people sign and the office stamps (a
//! renovation permit: the office's stamp, the applicant, the contractor). Paper forms in
//! the office are signed by hand after printing, so each box is a labelled empty space with
//! a date line, sized for a pen on A4.
//!
//! DOM: `.sign-boxes` holding one `.sign-box` per label.

use leptos::prelude::*;

/// One box per label, in order, each with room to sign and a date line.
#[component]
pub fn SignBoxes(
    /// What each box is for, in the reader's language.
    labels: Vec<String>,
    /// The date line's label ("日期" / "Date").
    date: String,
) -> impl IntoView {
    view! {
        <div class="sign-boxes">
            {labels
                .into_iter()
                .map(|label| {
                    view! {
                        <div class="sign-box">
                            <span class="sign-label">{label}</span>
                            <span class="sign-space"></span>
                            <span class="sign-date">{date.clone()}</span>
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
}
