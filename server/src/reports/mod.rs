//! Reports from the server (`docs/ARCHITECTURE.md`, "Reports"): the KPI figures of exactly
//! what the caller may read, computed by the same `shared::report` functions the app calls.
//!
//! The server keeps a replica of the caller's scope ([`cache`]), built as a device's is: a
//! snapshot of the scope's merged fields (the kinds the facts read, [`FACT_KINDS`]) through
//! the reader filter, then the scope's log since its last position on every request. The
//! scope tag is the pull's, so when records leave the scope (its epoch moves) or the caller's
//! scope changes, the replica is read again. Facts are taken again only when a change came.

pub mod cache;

use crate::clock::now_ms;
use crate::db::accounts::AuthUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::sync::pull::scope_tag;
use cache::{Scoped, Slot};
use shared::names::kind;
use shared::report::answer::{kpi_report, KpiReport, PeriodAsk};
use shared::report::{Facts, Filter};
use shared::scope::{Reader, Scope};
use shared::{Change, ReplicaState, Role};
use std::sync::Arc;

/// The kinds [`Facts::from_state`] reads (with the walk of a round), and so the only ones
/// a report's replica holds.
pub const FACT_KINDS: &[&str] = &[
    kind::REQUEST,
    kind::REQUEST_EVENT,
    kind::CALLBACK,
    kind::PATROL_ROUND,
    kind::PATROL_ANSWER,
    kind::PHOTO,
    kind::STAFF,
    kind::AREA,
    kind::BUILDING,
    kind::UNIT,
    kind::SETTINGS,
];

/// Rows read per query while a replica is built or brought up to date.
const PAGE: i64 = 5000;

/// Department staff hold only the requests routed to them and no patrol: the site's figures
/// are not theirs to read (the app offers them no reports either).
fn may_read_reports(user: &AuthUser) -> AppResult<()> {
    match user.role {
        Role::Department => Err(AppError::Forbidden(
            "reports are for butlers, office staff and supervisors / 报表仅供管家、前台和主管查看"
                .into(),
        )),
        _ => Ok(()),
    }
}

/// `GET /api/v1/reports/kpis`: the report `ask` names, under `filter`, of the caller's scope.
pub async fn kpis(
    state: &AppState,
    user: &AuthUser,
    ask: PeriodAsk,
    filter: Filter,
) -> AppResult<KpiReport> {
    may_read_reports(user)?;
    let now = now_ms() as i64;
    let period = ask.period(now).map_err(|e| AppError::BadRequest(e.0))?;
    let facts = scoped_facts(state, user).await?;
    let report = move || kpi_report(&facts, &period, &filter, now);
    tokio::task::spawn_blocking(report).await.map_err(AppError::internal)
}

/// The facts of the caller's scope as of now.
pub async fn scoped_facts(state: &AppState, user: &AuthUser) -> AppResult<Arc<Facts>> {
    let scope = user.scope();
    let tag = scope_tag(state, user, &scope).await?;
    // The log's end before the snapshot, as a pull reads it: what is written meanwhile is
    // read again from the log, which the merge makes harmless.
    let max = state.db().site_last_seq(&user.site_id).await?;
    let key = format!("{}\n{}\n{}", user.site_id, scope.key(), user.role);
    let slot: Slot = state.reports().slot(&key);
    let mut held = slot.lock().await;
    let reader = user.reader();
    if held.as_ref().is_none_or(|h| h.tag != tag) {
        *held = None;
        let started = std::time::Instant::now();
        let state_read = snapshot(state, &user.site_id, &scope, &reader).await?;
        let ms = started.elapsed().as_millis();
        tracing::info!(scope = %scope.key(), records = state_read.len(), ms, "report replica read");
        *held = Some(Scoped { tag, seq: max, state: state_read, facts: None });
    }
    let Some(h) = held.as_mut() else { return Err(AppError::internal("report replica")) };
    let changed = catch_up(state, &user.site_id, &scope, &reader, h, max).await?;
    if changed || h.facts.is_none() {
        let (replica, started) = (h.state.clone(), std::time::Instant::now());
        let facts = tokio::task::spawn_blocking(move || Facts::from_state(&replica))
            .await
            .map_err(AppError::internal)?;
        tracing::debug!(ms = started.elapsed().as_millis(), "report facts taken");
        h.facts = Some(Arc::new(facts));
    }
    h.facts.clone().ok_or_else(|| AppError::internal("report facts"))
}

/// Applies what `reader` may see of `changes` of the kinds the facts read; whether any was.
fn apply(replica: &mut ReplicaState, reader: &Reader, changes: Vec<Change>) -> bool {
    let mut any = false;
    for c in changes.into_iter().filter(|c| FACT_KINDS.contains(&c.kind.as_str())) {
        if let Some(c) = reader.sees(c) {
            replica.apply(&c);
            any = true;
        }
    }
    any
}

/// The scope's merged fields of [`FACT_KINDS`], page by page.
async fn snapshot(
    state: &AppState,
    site: &str,
    scope: &Scope,
    reader: &Reader,
) -> AppResult<ReplicaState> {
    let mut replica = ReplicaState::new();
    for kind in FACT_KINDS {
        let mut after = None;
        loop {
            let page =
                state.db().kind_fields_after(site, scope, kind, after.as_ref(), PAGE).await?;
            let full = page.len() as i64 == PAGE;
            after = page.last().map(|c| (c.id.0.clone(), c.field.clone()));
            apply(&mut replica, reader, page);
            if !full {
                break;
            }
        }
    }
    Ok(replica)
}

/// Brings `h` up to the log's end (at least `max`); whether anything changed.
async fn catch_up(
    state: &AppState,
    site: &str,
    scope: &Scope,
    reader: &Reader,
    h: &mut Scoped,
    max: i64,
) -> AppResult<bool> {
    let mut changed = false;
    loop {
        let rows = state.db().log_after(site, scope, h.seq, PAGE).await?;
        let full = rows.len() as i64 == PAGE;
        h.seq = rows.last().map_or(h.seq, |(seq, _)| *seq);
        changed |= apply(&mut h.state, reader, rows.into_iter().map(|(_, c)| c).collect());
        if !full {
            // Every row of the scope up to `max` is in: skip the other scopes' rows for good.
            h.seq = h.seq.max(max);
            return Ok(changed);
        }
    }
}
