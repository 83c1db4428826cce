//! The page's one level-one heading (issue 28 point 17): every page names itself with exactly
//! one `h1`, which screen readers jump to and axe-core looks for; it is styled as the page's
//! title (`h1.page-title` in `style.css`), so pages keep their look.

use leptos::prelude::*;

/// `<h1 class="page-title">` around the page's title; `id` when tests or links name it.
#[component]
pub fn PageHeading(
    children: Children,
    #[prop(optional)] id: Option<&'static str>,
) -> impl IntoView {
    view! { <h1 class="page-title" id=id>{children()}</h1> }
}
