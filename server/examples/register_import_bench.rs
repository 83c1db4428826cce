//! How long the register import takes at size: 10,000 units in 40 buildings and two people
//! per unit (20,000 rows), as CSV and as one XLSX file, on a fresh SQLite file (or the empty
//! database at `GUANJIA_BENCH_URL`). Prints the time of each dry run and commit.
//!
//! `cargo run --release -p server --example register_import_bench`
//!
//! The target (issue "Register, areas and access", point 4): 10,000 units in under 10 s.

use rust_xlsxwriter::Workbook;
use serde_json::json;
use server::accounts::create_site;
use server::register_io::{import, ImportReport, XLSX_TYPE};
use server::sync::{apply_server_changes, server_change};
use server::{AppState, Config};
use shared::RecordId;
use std::time::Instant;

const BUILDINGS: usize = 40;
const UNITS_PER_BUILDING: usize = 250;
const FLOORS: usize = 25;

const UNIT_HEADER: [&str; 7] = ["楼栋", "房号", "楼层", "类型", "面积", "状态", "备注"];
const PEOPLE_HEADER: [&str; 10] =
    ["楼栋", "房号", "姓名", "电话", "电话2", "身份", "入住日期", "迁出日期", "重点客户", "备注"];

/// Every unit's row, then every person's (owner and resident of each unit).
fn rows() -> (Vec<Vec<String>>, Vec<Vec<String>>) {
    let (mut units, mut people) = (Vec::new(), Vec::new());
    for b in 1..=BUILDINGS {
        for u in 0..UNITS_PER_BUILDING {
            let (floor, door) = (u / (UNITS_PER_BUILDING / FLOORS) + 1, u % 10 + 1);
            let number = format!("{b}-{floor:02}{door:02}");
            let area = format!("{:.2}", 60.0 + (u % 90) as f64);
            let state = ["入住", "空置", "装修中"][u % 3];
            let unit = [&format!("{b}号楼"), &number, &floor.to_string(), "住宅", &area, state, ""];
            units.push(unit.iter().map(|s| s.to_string()).collect());
            for (k, role) in ["业主", "住户"].iter().enumerate() {
                let phone = format!("13{:09}", (b * 1000 + u) * 2 + k);
                let name = format!("住户{b}-{u}-{k}");
                let day = format!("20{:02}-{:02}-{:02}", 10 + u % 14, u % 12 + 1, u % 28 + 1);
                let key = if u % 20 == 0 { "是" } else { "" };
                let row =
                    [&format!("{b}号楼"), &number, &name, &phone, "", role, &day, "", key, ""];
                people.push(row.iter().map(|s| s.to_string()).collect());
            }
        }
    }
    (units, people)
}

fn csv(header: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header).expect("header");
    for r in rows {
        w.write_record(r).expect("row");
    }
    w.into_inner().expect("csv")
}

fn xlsx(units: &[Vec<String>], people: &[Vec<String>]) -> Vec<u8> {
    let mut book = Workbook::new();
    for (name, header, rows) in
        [("单元", &UNIT_HEADER[..], units), ("住户", &PEOPLE_HEADER[..], people)]
    {
        let sheet = book.add_worksheet();
        sheet.set_name(name).expect("name");
        for (c, h) in header.iter().enumerate() {
            sheet.write_string(0, c as u16, *h).expect("header");
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
                sheet.write_string(r as u32 + 1, c as u16, v).expect("cell");
            }
        }
    }
    book.save_to_buffer().expect("xlsx")
}

async fn timed(
    what: &str,
    state: &AppState,
    site: &str,
    file: &[u8],
    content_type: &str,
    commit: bool,
) -> ImportReport {
    let start = Instant::now();
    let r = import(state, site, file.to_vec(), Some(content_type.into()), commit)
        .await
        .expect("import");
    let secs = start.elapsed().as_secs_f64();
    let (u, p) = (r.units, r.people);
    println!(
        "{what:<34} {secs:>7.2} s   units new/updated/unchanged {}/{}/{}   people {}/{}/{}   \
         errors {}",
        u.new,
        u.updated,
        u.unchanged,
        p.new,
        p.updated,
        p.unchanged,
        r.errors.len()
    );
    assert!(r.errors.is_empty(), "{:?}", &r.errors[..r.errors.len().min(5)]);
    r
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = std::env::var("GUANJIA_BENCH_URL")
        .unwrap_or_else(|_| format!("sqlite://{}/bench.db", dir.path().display()));
    let mut config = Config::new(url.clone());
    config.dist = dir.path().join("dist");
    let state = AppState::connect(config).await.expect("connect");
    let site = create_site(&state, &RecordId::new_v7(), "基准小区").await.expect("site");
    let mut changes = Vec::new();
    let area = RecordId::new_v7();
    changes.push(server_change("area", &area, "name", json!("一区"), state.hlc_now()));
    changes.push(server_change("area", &area, "site", json!(site), state.hlc_now()));
    for b in 1..=BUILDINGS {
        let id = RecordId::new_v7();
        changes.push(server_change(
            "building",
            &id,
            "name",
            json!(format!("{b}号楼")),
            state.hlc_now(),
        ));
        changes.push(server_change("building", &id, "area", json!(area.as_str()), state.hlc_now()));
    }
    apply_server_changes(&state, &site, &changes).await.expect("buildings");

    let (units, people) = rows();
    let (units_csv, people_csv) = (csv(&UNIT_HEADER, &units), csv(&PEOPLE_HEADER, &people));
    let book = xlsx(&units, &people);
    println!(
        "{} units ({} KiB CSV), {} people rows ({} KiB CSV), both as XLSX {} KiB, on {}",
        units.len(),
        units_csv.len() / 1024,
        people.len(),
        people_csv.len() / 1024,
        book.len() / 1024,
        url.split("://").next().unwrap_or("?"),
    );
    timed("units CSV, dry run", &state, &site, &units_csv, "text/csv", false).await;
    timed("units CSV, commit", &state, &site, &units_csv, "text/csv", true).await;
    timed("people CSV, dry run", &state, &site, &people_csv, "text/csv", false).await;
    timed("people CSV, commit", &state, &site, &people_csv, "text/csv", true).await;
    timed("both as XLSX again, dry run", &state, &site, &book, XLSX_TYPE, false).await;
    timed("both as XLSX again, commit (no-op)", &state, &site, &book, XLSX_TYPE, true).await;
    let last = state.db().site_last_seq(&site).await.expect("log");
    println!("the site's log holds {last} changes");
}
