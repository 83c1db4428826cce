//! Pokes between server instances.
//!
//! A device listens to the instance it happens to be connected to, but its scope may change
//! through a push to any instance behind the load balancer. On PostgreSQL every poke goes
//! through `NOTIFY` (delivered at commit, to every instance, including the sender), and each
//! instance relays what it hears to its own event streams. SQLite is one process by nature,
//! so pokes stay in memory there.

use crate::db::{Backend, Db};
use crate::error::AppResult;
use shared::scope::Scope;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast;

/// The PostgreSQL channel pokes travel on; the payload is [`payload`].
pub const CHANNEL: &str = "guanjia_poke";

/// The key of reference data, which every replica of the site holds.
pub const EVERYONE: &str = "*";

/// The poke key of a log row's area: reference data (`None`) reaches everyone, office-only
/// rows reach the whole-site scope, others their area.
pub fn area_key(area: Option<&str>) -> String {
    match area {
        None => EVERYONE.into(),
        Some(crate::db::UNPLACED) => Scope::Site.key(),
        Some(a) => Scope::Area(a.into()).key(),
    }
}

/// A poke's text: the site, a newline, the touched scope keys separated by commas.
pub fn payload(site_id: &str, touched: &[String]) -> String {
    format!("{site_id}\n{}", touched.join(","))
}

/// Whether a poke concerns a replica of `scope` in `site_id`. A poke of another shape
/// (an older instance's) concerns every replica of its site.
pub fn concerns(poke: &str, site_id: &str, scope: &Scope) -> bool {
    let (site, keys) = poke.split_once('\n').unwrap_or((poke, EVERYONE));
    site == site_id
        && (*scope == Scope::Site || keys.split(',').any(|k| k == EVERYONE || k == scope.key()))
}

/// Whether a poke carries reference data (a user's own role or area may have changed).
pub fn touches_everyone(poke: &str) -> bool {
    poke.split_once('\n').is_none_or(|(_, keys)| keys.split(',').any(|k| k == EVERYONE))
}

/// Sends a poke for the `touched` scopes of `site_id` to every instance (PostgreSQL) or to
/// this one (SQLite).
pub fn send(db: &Db, local: &broadcast::Sender<Arc<str>>, site_id: &str, touched: &[String]) {
    let site_id = payload(site_id, touched);
    let site_id = site_id.as_str();
    match db.backend {
        Backend::Sqlite => {
            // No receiver is not an error: nobody is listening right now.
            let _ = local.send(Arc::from(site_id));
        }
        Backend::Postgres => {
            let (pool, local, site) = (db.pool.clone(), local.clone(), site_id.to_owned());
            tokio::spawn(async move {
                // `pg_notify` returns `void`, which the Any driver cannot describe: wrap it.
                let notify = sqlx::query("SELECT 1 AS sent FROM (SELECT pg_notify($1, $2)) AS n")
                    .bind(CHANNEL)
                    .bind(&site)
                    .execute(&pool)
                    .await;
                if let Err(e) = notify {
                    tracing::warn!(error = %e, "pg_notify failed; poking this instance only");
                    let _ = local.send(Arc::from(site.as_str()));
                }
            });
        }
    }
}

/// On PostgreSQL, starts relaying `NOTIFY` pokes from every instance to `local`. The
/// listener reconnects by itself; pokes lost while it was away are covered by the devices'
/// periodic sync.
pub async fn relay(db: &Db, url: &str, local: broadcast::Sender<Arc<str>>) -> AppResult<()> {
    if db.backend != Backend::Postgres {
        return Ok(());
    }
    let mut listener = sqlx::postgres::PgListener::connect(url).await?;
    listener.listen(CHANNEL).await?;
    tokio::spawn(async move {
        loop {
            match listener.recv().await {
                Ok(n) => {
                    let _ = local.send(Arc::from(n.payload()));
                }
                Err(e) => {
                    tracing::warn!(error = %e, "poke listener lost PostgreSQL; retrying");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_poke_reaches_only_the_scopes_it_names() {
        let east = Scope::Area("east".into());
        let west = Scope::Area("west".into());
        let fixers = Scope::Department("fix".into());
        let poke =
            payload("site-1", &[area_key(Some("east")), Scope::Department("fix".into()).key()]);
        assert!(concerns(&poke, "site-1", &east) && concerns(&poke, "site-1", &fixers));
        assert!(
            !concerns(&poke, "site-1", &west) && !concerns(&poke, "site-1", &Scope::ReferenceOnly)
        );
        assert!(concerns(&poke, "site-1", &Scope::Site), "the office holds every area");
        assert!(!concerns(&poke, "site-2", &Scope::Site), "never another site");
        let office_only = payload("site-1", &[area_key(Some(crate::db::UNPLACED))]);
        assert!(concerns(&office_only, "site-1", &Scope::Site));
        assert!(!concerns(&office_only, "site-1", &east));
        assert!(!touches_everyone(&poke));
    }

    #[test]
    fn reference_data_and_old_pokes_reach_everyone() {
        let reference = payload("site-1", &[area_key(None)]);
        assert!(touches_everyone(&reference));
        for scope in [Scope::Area("a".into()), Scope::Department("d".into()), Scope::ReferenceOnly]
        {
            assert!(concerns(&reference, "site-1", &scope));
            assert!(concerns("site-1", "site-1", &scope), "a bare site id from an older instance");
        }
    }
}
