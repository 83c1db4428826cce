//! What the desk's register tables share: a column header that sorts on a click, and the
//! pager under a table (100 rows a page).

use crate::context::use_ui;
use crate::i18n::{fill, Key};
use crate::register::table::Sort;
use leptos::prelude::*;

/// A `<th>` whose button sorts by `column` (a second click turns the order around) and goes
/// back to the first page. `name` is its `data-sort` attribute.
pub fn sort_header<C>(
    sort: RwSignal<Sort<C>>,
    page: RwSignal<usize>,
    column: C,
    name: &'static str,
    label: Key,
) -> impl IntoView
where
    C: Copy + PartialEq + Send + Sync + 'static,
{
    let ui = use_ui();
    let state = move || {
        sort.with(|s| match (s.column == column, s.descending) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        })
    };
    let arrow = move || match state() {
        "ascending" => "▲",
        "descending" => "▼",
        _ => "",
    };
    view! {
        <th data-sort=name aria-sort=state>
            <button
                class="sort"
                on:click=move |_| {
                    sort.update(|s| *s = s.clicked(column));
                    page.set(0);
                }
            >
                {move || ui.t(label)}
                <span class="arrow">{arrow}</span>
            </button>
        </th>
    }
}

/// Previous / next and "page p of n, t rows" for a table whose current page is `page`
/// (zero-based; `pages` and `total` as the last query answered).
#[component]
pub fn Pager(
    id: &'static str,
    page: RwSignal<usize>,
    pages: Signal<usize>,
    total: Signal<usize>,
) -> impl IntoView {
    let ui = use_ui();
    let text = move || {
        let values =
            [("p", page.get().min(pages.get() - 1) + 1), ("n", pages.get()), ("t", total.get())];
        fill(ui.t(Key::PageOf), &values)
    };
    view! {
        <div id=id class="pager">
            <button
                class="prev"
                disabled=move || page.get() == 0
                on:click=move |_| page.update(|p| *p = p.saturating_sub(1))
            >
                {move || ui.t(Key::PrevPage)}
            </button>
            <span class="page-of" data-page=move || page.get().to_string()>{text}</span>
            <button
                class="next"
                disabled=move || { page.get() + 1 >= pages.get() }
                on:click=move |_| page.update(|p| *p += 1)
            >
                {move || ui.t(Key::NextPage)}
            </button>
        </div>
    }
}
