//! Pokes between server instances.
//!
//! A device listens to the instance it happens to be connected to, but its scope may change
//! through a push to any instance behind the load balancer. On PostgreSQL every poke goes
//! through `NOTIFY` (delivered at commit, to every instance, including the sender), and each
//! instance relays what it hears to its own event streams. SQLite is one process by nature,
//! so pokes stay in memory there.

use crate::db::{Backend, Db};
use crate::error::AppResult;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast;

/// The PostgreSQL channel pokes travel on; the payload is the site id.
pub const CHANNEL: &str = "guanjia_poke";

/// Sends a poke for `site_id` to every instance (PostgreSQL) or to this one (SQLite).
pub fn send(db: &Db, local: &broadcast::Sender<Arc<str>>, site_id: &str) {
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
