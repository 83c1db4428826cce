//! The moves on My day (`model::moving_day`): the lift bookings of the next three days for
//! the staff who open `/moving` (the butler meets the movers at the lift), and the release
//! passes valid today not yet through the gate — for the staff who issue them and for
//! security, who checks them at the gate. Each line links to its page.
//!
//! DOM: `#day-moves` with `.count[data-count]` and `li.day-move[data-booking]`;
//! `#day-passes` with `.count[data-count]` and `li.day-pass[data-pass]`.

use super::moving::slot_text;
use crate::components::day_card::DayCard;
use crate::context::use_ui;
use crate::i18n::{move_type_label, mv, Mv};
use crate::model::deadlines;
use crate::model::moving::unit_label;
use crate::model::moving_day::{day_moves, DayMoves};
use crate::model::nav::may_open;
use crate::model::pass::security_department;
use leptos::prelude::*;
use shared::{RecordId, Role};

#[component]
pub fn DayMoves() -> impl IntoView {
    let ui = use_ui();
    let lang = move || ui.lang.get();
    let moves = Memo::new(move |_| {
        ui.tick.track();
        let now = ui.now();
        ui.snap.with(|s| day_moves(&s.state, now))
    });
    let settings = Memo::new(move |_| ui.snap.with(|s| deadlines::settings(&s.state)));
    let label = move |u: &Option<RecordId>| {
        u.as_ref().map(|u| ui.snap.with(|s| unit_label(&s.state, u))).unwrap_or_default()
    };
    let opens = move |path: &str| ui.role().is_some_and(|r| may_open(r, path));
    // A department sees passes only if it is the site's security: passes are routed there.
    let gate = move || {
        ui.snap.with(|s| {
            let me = s.session.as_ref().map(|x| &x.me);
            match me {
                Some(me) if me.role == Role::Department => {
                    let sec = security_department(&s.state).map(|d| d.0);
                    sec.is_some() && me.department_id == sec
                }
                Some(_) => true,
                None => false,
            }
        })
    };
    let n = move |f: fn(&DayMoves) -> usize| Signal::derive(move || moves.with(f));
    view! {
        <Show when=move || opens("/moving")>
            <DayCard id="day-moves" title=Signal::derive(move || mv(Mv::DayMoves, lang())) count=n(|m| m.bookings.len())>
                    <For each=move || moves.get().bookings key=|b| b.id.clone() let:b>
                        <li class="day-move" data-booking=b.id.0.clone()>
                            <a href="/moving">
                                <span translate="no">{b.day.clone()}" "{slot_text(b.slot, &settings.get_untracked())}" "{label(&b.unit)}</span>
                                " "{move || b.direction.map(|d| move_type_label(d, lang())).unwrap_or("")}
                            </a>
                        </li>
                    </For>
            </DayCard>
        </Show>
        <Show when=move || opens("/passes") && gate()>
            <DayCard id="day-passes" title=Signal::derive(move || mv(Mv::DayPasses, lang())) count=n(|m| m.passes.len())>
                    <For each=move || moves.get().passes key=|p| p.id.clone() let:p>
                        <li class="day-pass" data-pass=p.id.0.clone()>
                            <a href=format!("/passes/{}", p.id.0)>
                                <span translate="no">{label(&p.unit)}" · "{p.goods.clone()}" · "{p.bearer.clone()}</span>
                            </a>
                        </li>
                    </For>
            </DayCard>
        </Show>
    }
}
