//! The register (台账) through its DOM contract: the tablet's search (`#register-search`,
//! `[data-testid="unit-hit"]` with `data-id` and `data-number`), the unit page
//! (`#unit-detail[data-id]`, people as `[data-testid="unit-person"]` with
//! `data-person-id` and `.person-name`, phones as `a.tel`), and the add-person form
//! (`#add-person`, `#person-add-name`, `#person-add-phone`, `#person-add-save`); on a desk,
//! the units table (`#units-filter`, rows `[data-testid="unit-row"][data-id]`).

use crate::actions::{SYNC_TIMEOUT, UI_TIMEOUT};
use crate::wait::wait_value;
use crate::{fail, progress, Browser, TestResult};
use serde::Deserialize;
use serde_json::json;

/// A tablet held upright: narrower than the desk layout's 1024 px, so the register shows
/// its search box rather than the tables.
pub const TABLET_PORTRAIT: (u32, u32) = (800, 1280);

/// One person on a unit page.
#[derive(Debug, Clone, Deserialize)]
pub struct UnitPerson {
    pub person_id: Option<String>,
    pub name: String,
    /// The `href` of every `a.tel` of the card.
    pub tel: Vec<String>,
    pub pending: Option<String>,
}

/// People of the unit page `arguments[0]` whose cards are `[data-testid=arguments[1]]`.
const PEOPLE_JS: &str = "const page = document.querySelector('#unit-detail');
if (!page || page.getAttribute('data-id') !== arguments[0]) return [];
const cards = page.querySelectorAll('[data-testid=\"' + arguments[1] + '\"]');
return Array.from(cards).map(p => ({
  person_id: p.getAttribute('data-person-id'),
  name: (p.querySelector('.person-name') || {}).textContent || '',
  tel: Array.from(p.querySelectorAll('a.tel')).map(a => a.getAttribute('href')),
  pending: p.getAttribute('data-pending') }));";

const HITS_JS: &str = "return Array.from(document.querySelectorAll('[data-testid=\"unit-hit\"]'))
  .map(h => [h.getAttribute('data-number'), h.getAttribute('data-id')]);";

impl Browser {
    /// Makes the window a portrait tablet's.
    pub async fn tablet_portrait(&self) -> TestResult {
        let (w, h) = TABLET_PORTRAIT;
        self.client().set_window_size(w, h).await?;
        Ok(())
    }

    /// Searches as on a tablet: makes the window a portrait tablet's (a desk-wide window shows
    /// the tables instead of the search box), opens the register from the header (no page
    /// load), types `query` into the search box and waits for the hit whose number is
    /// `number`; returns that unit's id.
    pub async fn search_unit(&self, query: &str, number: &str) -> TestResult<String> {
        self.tablet_portrait().await?;
        self.click("a#nav-register").await?;
        self.type_into("input#register-search", query).await?;
        let what = format!("{}: the register search for {query:?} lists unit {number}", self.name);
        let found = wait_value(&what, SYNC_TIMEOUT, || async {
            let hits: Vec<(Option<String>, Option<String>)> = self.js(HITS_JS, vec![]).await?;
            Ok(hits.into_iter().find(|(n, _)| n.as_deref() == Some(number)).and_then(|(_, id)| id))
        })
        .await;
        let id = self.explain(found).await?;
        progress(format_args!("{}: searched {query:?}, found {number} ({id})", self.name));
        Ok(id)
    }

    /// On a desk: opens the register from the header, types `text` into the units table's
    /// filter and waits until the row of unit `id` is listed.
    pub async fn filter_units_table(&self, text: &str, id: &str) -> TestResult {
        self.click("a#nav-register").await?;
        self.type_into("input#units-filter", text).await?;
        let row = format!("[data-testid=\"unit-row\"][data-id=\"{id}\"]");
        let what = format!("{}: the units table filtered by {text:?} lists unit {id}", self.name);
        let listed = wait_value(&what, SYNC_TIMEOUT, || async {
            Ok(self.attr_of(&row, "data-id").await?.map(|_| ()))
        })
        .await;
        self.explain(listed).await?;
        progress(format_args!("{}: the units table filtered by {text:?} lists {id}", self.name));
        Ok(())
    }

    /// Taps the search hit of unit `id` and waits for its page.
    pub async fn open_unit_hit(&self, id: &str) -> TestResult {
        self.click(&format!("[data-testid=\"unit-hit\"][data-id=\"{id}\"]")).await?;
        self.wait_unit_page(id).await
    }

    /// Waits until the page of unit `id` shows (its number filled in).
    pub async fn wait_unit_page(&self, id: &str) -> TestResult {
        let what = format!("{}: #unit-detail[data-id={id}] shows its number", self.name);
        let shown = wait_value(&what, SYNC_TIMEOUT, || async {
            let on_page = self.attr_of("#unit-detail", "data-id").await?.as_deref() == Some(id);
            let number = self.text_of("#unit-number").await?.unwrap_or_default();
            Ok((on_page && !number.trim().is_empty()).then_some(()))
        })
        .await;
        self.explain(shown).await
    }

    /// The people listed as living in unit `id` (empty unless its page is showing).
    pub async fn unit_people(&self, id: &str) -> TestResult<Vec<UnitPerson>> {
        self.js(PEOPLE_JS, vec![json!(id), json!("unit-person")]).await
    }

    /// The people listed as moved out of unit `id`.
    pub async fn moved_out_people(&self, id: &str) -> TestResult<Vec<UnitPerson>> {
        self.js(PEOPLE_JS, vec![json!(id), json!("moved-out-person")]).await
    }

    /// On the page of unit `unit`, moves `person` out today and waits until they are listed
    /// as moved out and no longer as living there.
    pub async fn move_out(&self, unit: &str, person: &str) -> TestResult {
        let card = format!("[data-testid=\"unit-person\"][data-person-id=\"{person}\"]");
        self.click(&format!("{card} button.move-out")).await?;
        self.click("button#move-out-save").await?;
        let what = format!("{}: {person} is listed as moved out of {unit}", self.name);
        let moved = wait_value(&what, UI_TIMEOUT, || async {
            let out = self.moved_out_people(unit).await?;
            let here = self.unit_people(unit).await?;
            let gone = !here.iter().any(|p| p.person_id.as_deref() == Some(person));
            Ok((gone && out.iter().any(|p| p.person_id.as_deref() == Some(person))).then_some(()))
        })
        .await;
        self.explain(moved).await?;
        progress(format_args!("{}: moved {person} out of {unit}", self.name));
        Ok(())
    }

    /// On the page of unit `unit`, moves `person` (found by typing `query`) in today and waits
    /// until they are listed as living there.
    pub async fn move_in(&self, unit: &str, query: &str, person: &str) -> TestResult {
        self.click("button#move-in").await?;
        self.type_into("input#move-in-search", query).await?;
        self.click(&format!("[data-testid=\"move-in-candidate\"][data-id=\"{person}\"]")).await?;
        self.click("button#move-in-save").await?;
        let what = format!("{}: {person} is listed as living in {unit} again", self.name);
        let back = wait_value(&what, UI_TIMEOUT, || async {
            let here = self.unit_people(unit).await?;
            Ok(here.iter().any(|p| p.person_id.as_deref() == Some(person)).then_some(()))
        })
        .await;
        if let Err(e) = back {
            let error = self.text_of("#move-in-error").await.ok().flatten().unwrap_or_default();
            return self.explain(fail(format!("{e}; #move-in-error says: {error:?}"))).await;
        }
        progress(format_args!("{}: moved {person} into {unit}", self.name));
        Ok(())
    }

    /// On the page of unit `unit`, adds a person with `name` and `phone` and waits until
    /// their card is listed; returns it.
    pub async fn add_person(&self, unit: &str, name: &str, phone: &str) -> TestResult<UnitPerson> {
        self.click("button#add-person").await?;
        self.type_into("input#person-add-name", name).await?;
        self.type_into("input#person-add-phone", phone).await?;
        self.click("button#person-add-save").await?;
        let what = format!("{}: the page of unit {unit} lists {name}", self.name);
        let listed = wait_value(&what, UI_TIMEOUT, || async {
            let people = self.unit_people(unit).await?;
            Ok(people.into_iter().find(|p| p.name.trim() == name))
        })
        .await;
        if let Err(e) = listed {
            let error = self.text_of("#person-add-error").await.ok().flatten().unwrap_or_default();
            return self.explain(fail(format!("{e}; #person-add-error says: {error:?}"))).await;
        }
        progress(format_args!("{}: added {name} to {unit}", self.name));
        listed
    }

    /// Waits until the page of unit `unit` lists `name` with a `tel:` link to `tel`.
    pub async fn wait_person_with_tel(&self, unit: &str, name: &str, tel: &str) -> TestResult {
        let what =
            format!("{}: the page of unit {unit} lists {name} with a link to {tel}", self.name);
        let shown = wait_value(&what, SYNC_TIMEOUT, || async {
            let people = self.unit_people(unit).await?;
            Ok(people
                .iter()
                .any(|p| p.name.trim() == name && p.tel.iter().any(|t| t == tel))
                .then_some(()))
        })
        .await;
        if let Err(e) = shown {
            let people = self.unit_people(unit).await.unwrap_or_default();
            return self.explain(fail(format!("{e}; listed: {people:?}"))).await;
        }
        Ok(())
    }
}
