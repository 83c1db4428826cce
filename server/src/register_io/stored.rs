//! The site's register as stored: its live buildings, units, people and links, read through
//! the snapshot reader pulls use (`Db::fields_after`), one kind at a time, and indexed by the
//! keys a file names records by (a building by its name, a unit by its building and number).

use crate::db::Db;
use crate::error::AppResult;
use serde_json::Value;
use shared::fields::read;
use shared::names::{field, kind};
use shared::scope::Scope;
use std::collections::HashMap;

/// A record's fields by name.
pub type Fields = HashMap<String, Value>;

/// Fields read per query.
const PAGE: i64 = 5_000;

/// The live (not deleted) register of one site.
#[derive(Debug, Default)]
pub struct Stored {
    /// Buildings: id → name.
    pub buildings: HashMap<String, String>,
    by_name: HashMap<String, String>,
    pub units: HashMap<String, Fields>,
    unit_keys: HashMap<(String, String), String>,
    pub persons: HashMap<String, Fields>,
    pub links: HashMap<String, Fields>,
    links_by_unit: HashMap<String, Vec<String>>,
}

/// A text field as `shared::fields::read::text` reads it, empty when unset.
pub fn text<'a>(f: &'a Fields, name: &str) -> &'a str {
    f.get(name).and_then(read::text).unwrap_or_default()
}

/// Every record of one kind of `site_id` (deleted ones too), read a page at a time.
pub async fn read_kind(db: &Db, site_id: &str, kind: &str) -> AppResult<HashMap<String, Fields>> {
    let mut of_kind: HashMap<String, Fields> = HashMap::new();
    let mut after = (kind.to_owned(), String::new(), String::new());
    loop {
        let page = db.fields_after(site_id, &Scope::Site, Some(&after), PAGE).await?;
        let mut ended = (page.len() as i64) < PAGE;
        for c in page {
            if c.kind.as_str() != kind {
                ended = true;
                break;
            }
            after = (kind.to_owned(), c.id.0.clone(), c.field.clone());
            of_kind.entry(c.id.0).or_default().insert(c.field, c.value);
        }
        if ended {
            break;
        }
    }
    Ok(of_kind)
}

/// Whether a record is not deleted.
pub fn live(f: &Fields) -> bool {
    !f.get(field::DELETED).is_some_and(read::is_true)
}

impl Stored {
    /// Reads the register of `site_id`.
    pub async fn load(db: &Db, site_id: &str) -> AppResult<Self> {
        let mut records: HashMap<&str, HashMap<String, Fields>> = HashMap::new();
        for kind in [kind::BUILDING, kind::PERSON, kind::UNIT, kind::UNIT_PERSON] {
            records.insert(kind, read_kind(db, site_id, kind).await?);
        }
        let mut take = |kind: &str| -> HashMap<String, Fields> {
            records.remove(kind).unwrap_or_default().into_iter().filter(|(_, f)| live(f)).collect()
        };
        let (buildings, units, persons, links) =
            (take(kind::BUILDING), take(kind::UNIT), take(kind::PERSON), take(kind::UNIT_PERSON));
        Ok(Self::index(buildings, units, persons, links))
    }

    /// Builds the lookups over records already read.
    fn index(
        buildings: HashMap<String, Fields>,
        units: HashMap<String, Fields>,
        persons: HashMap<String, Fields>,
        links: HashMap<String, Fields>,
    ) -> Self {
        let buildings: HashMap<String, String> =
            buildings.into_iter().map(|(id, f)| (id, text(&f, field::NAME).to_owned())).collect();
        let mut by_name = HashMap::new();
        let mut ids: Vec<&String> = buildings.keys().collect();
        ids.sort(); // of two buildings with one name, the older id is found
        for id in ids.into_iter().rev() {
            by_name.insert(buildings[id].clone(), id.clone());
        }
        let mut unit_ids: Vec<&String> = units.keys().collect();
        unit_ids.sort();
        let mut unit_keys = HashMap::new();
        for id in unit_ids.into_iter().rev() {
            let f = &units[id];
            let key = (text(f, field::BUILDING).to_owned(), text(f, field::NUMBER).to_owned());
            unit_keys.insert(key, id.clone());
        }
        let mut links_by_unit: HashMap<String, Vec<String>> = HashMap::new();
        for (id, f) in &links {
            links_by_unit.entry(text(f, field::UNIT).to_owned()).or_default().push(id.clone());
        }
        for ids in links_by_unit.values_mut() {
            ids.sort();
        }
        Stored { buildings, by_name, units, unit_keys, persons, links, links_by_unit }
    }

    /// The id of the live building named `name`.
    pub fn building(&self, name: &str) -> Option<&str> {
        self.by_name.get(name.trim()).map(String::as_str)
    }

    /// The id of the live unit `number` of the building named `building`.
    pub fn unit(&self, building: &str, number: &str) -> Option<&str> {
        let b = self.building(building)?;
        self.unit_keys.get(&(b.to_owned(), number.trim().to_owned())).map(String::as_str)
    }

    /// The live links of a unit, oldest first.
    pub fn unit_links(&self, unit: &str) -> &[String] {
        self.links_by_unit.get(unit).map_or(&[], Vec::as_slice)
    }
}
