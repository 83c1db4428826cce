//! Two butlers change the same request's contact phone to different numbers while the server
//! is down; when it comes back, all devices agree on one number and the office's conflicts
//! page keeps the other one (a phone number never vanishes silently).

use e2e::actions::SYNC_TIMEOUT;
use e2e::{on_one_request, unique_suffix, wait_until, wait_value, Browser, Server, TestResult};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_same_field_converges_with_conflict() {
    on_one_request(scenario).await;
}

async fn scenario(server: &mut Server, browsers: &[Browser], id: &str) -> TestResult {
    let [butler1, butler2, office] = browsers else {
        return e2e::fail("expected three browsers");
    };
    server.kill()?;
    let suffix = unique_suffix() % 100_000_000;
    let phone1 = format!("135{suffix:08}");
    let phone2 = format!("136{suffix:08}");
    for (butler, phone) in [(butler1, &phone1), (butler2, &phone2)] {
        butler
            .edit_detail(
                "input#edit-contact-phone",
                "button#save-contact-phone",
                "#detail-contact-phone",
                phone,
            )
            .await?;
    }
    tokio::try_join!(butler1.wait_pending(), butler2.wait_pending())?;
    e2e::progress("both butlers hold their edits in the outbox");

    server.restart().await?;
    let candidates = [phone1.clone(), phone2.clone()];
    let winner = wait_value(
        "all three devices show the same one of the two phone numbers, badges synced",
        SYNC_TIMEOUT,
        || async {
            let mut shown = Vec::new();
            for browser in browsers {
                let text = browser.text_of("#detail-contact-phone").await?.unwrap_or_default();
                let synced = browser.badge().await?.is_some_and(|b| b.is_synced());
                let hits: Vec<&String> =
                    candidates.iter().filter(|c| text.contains(c.as_str())).collect();
                if !synced || hits.len() != 1 {
                    return Ok(None);
                }
                shown.push(hits[0].clone());
            }
            Ok(shown.iter().all(|s| *s == shown[0]).then(|| shown[0].clone()))
        },
    )
    .await;
    let winner = match winner {
        Ok(w) => w,
        Err(e) => {
            let mut seen = String::new();
            for b in browsers {
                let text = b.text_of("#detail-contact-phone").await.ok().flatten();
                let badge = b.badge().await.ok().flatten();
                seen.push_str(&format!(
                    "\n  {}: #detail-contact-phone {text:?}, badge {badge:?}",
                    b.name
                ));
            }
            return e2e::fail(format!("{e}{seen}"));
        }
    };
    let loser = if winner == phone1 { &phone2 } else { &phone1 };
    e2e::progress(format_args!("all three show {winner}; {loser} lost"));

    office.click("a#nav-conflicts").await?;
    let what = format!(
        "office's /conflicts shows a conflict row for request {id} with the lost phone {loser}"
    );
    let conflict = wait_until(&what, SYNC_TIMEOUT, || async {
        let rows = office.conflict_rows().await?;
        Ok(rows
            .iter()
            .any(|r| r.target_id.as_deref() == Some(id) && r.text.contains(loser.as_str())))
    })
    .await;
    office.explain(conflict).await?;
    e2e::progress(format_args!("office's /conflicts keeps {loser} for {id}"));
    Ok(())
}
