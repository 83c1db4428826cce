//! The register (台账) from and to XLSX and CSV: `POST /register/import` (a dry run unless
//! `commit=true`, nothing written while any row is wrong) and `GET /register/export`, whose
//! file imports again with no changes.

use crate::support::{self, expect_error, fixture_id, ok_json, Backend, TestServer};
use reqwest::header::CONTENT_TYPE;
use reqwest::{Response, StatusCode};
use rstest::rstest;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use serde_json::Value;
use server::register_io::columns::day_to_ms;
use server::register_io::stored::{text, Stored};
use server::register_io::{Counts, ImportReport, RowError, XLSX_TYPE};

pub(crate) const CSV: &str = "text/csv";

pub(crate) async fn import(
    s: &TestServer,
    token: &str,
    body: Vec<u8>,
    ct: &str,
    commit: bool,
) -> Response {
    s.http
        .post(s.url(&format!("/api/v1/register/import?commit={commit}")))
        .bearer_auth(token)
        .header(CONTENT_TYPE, ct)
        .body(body)
        .send()
        .await
        .expect("import request")
}

/// Imports and expects 200.
pub(crate) async fn imported(
    s: &TestServer,
    token: &str,
    body: Vec<u8>,
    ct: &str,
    commit: bool,
) -> ImportReport {
    ok_json(import(s, token, body, ct, commit).await).await
}

pub(crate) async fn export(s: &TestServer, token: &str, query: &str) -> Response {
    s.get(&format!("/api/v1/register/export?{query}"), Some(token)).await
}

pub(crate) fn counts(new: usize, updated: usize, unchanged: usize) -> Counts {
    Counts { new, updated, unchanged }
}

/// A pull cursor at the end of the office's log: later changes are what a pull from it gets.
async fn caught_up(s: &TestServer, token: &str) -> String {
    let mut p = s.pull(token, None, Some(5000)).await;
    while p.more {
        p = s.pull(token, Some(&p.cursor), Some(5000)).await;
    }
    p.cursor
}

pub(crate) async fn stored(s: &TestServer) -> Stored {
    Stored::load(s.state.db(), fixture_id("site").as_str()).await.expect("register")
}

/// A unit's field, found by building name and number.
pub(crate) fn unit_field(st: &Stored, building: &str, number: &str, field: &str) -> Value {
    let id = st.unit(building, number).unwrap_or_else(|| panic!("no unit {building} {number}"));
    st.units[id].get(field).cloned().unwrap_or(Value::Null)
}

/// The (person, link) of the person named `name` linked to a unit.
pub(crate) fn person_of<'a>(
    st: &'a Stored,
    building: &str,
    number: &str,
    name: &str,
) -> (&'a str, &'a str) {
    let unit = st.unit(building, number).expect("unit");
    st.unit_links(unit)
        .iter()
        .find_map(|l| {
            let p = text(&st.links[l], "person");
            (text(&st.persons[p], "name") == name).then_some((p, l.as_str()))
        })
        .unwrap_or_else(|| panic!("{name} is not linked to {number}"))
}

pub(crate) fn units_csv(lang: &str) -> String {
    match lang {
        "zh" => {
            "楼栋,房号,楼层,类型,面积,状态,备注\n\
                 0号楼,0-0101,1,住宅,89.5,入住,\n\
                 0号楼,0-0102,1,商铺,120,空置,临街\n\
                 1号楼,1-0201,2,车位,13.25,装修中,\n"
        }
        _ => {
            "Building,Number,Floor,Type,Floor Area,State,Note\n\
              0号楼,0-0101,1,apartment,89.5,occupied,\n\
              0号楼,0-0102,1,Shop,120,vacant,临街\n\
              1号楼,1-0201,2,parking,13.25,renovating,\n"
        }
    }
    .into()
}

fn people_csv(lang: &str) -> String {
    match lang {
        "zh" => {
            "楼栋,房号,姓名,电话,电话2,身份,入住日期,迁出日期,重点客户,备注\n\
                 0号楼,0-0101,张三,13800000001,,业主,2020-01-02,,是,\n\
                 0号楼,0-0102,李四,+86 138-0000-0002,,租户,2021/3/4,2022-05-06,否,押金已退\n"
        }
        _ => {
            "building,number,name,phone,phone2,role,from,to,key_customer,note\n\
              0号楼,0-0101,张三,13800000001,,owner,2020-01-02,,yes,\n\
              0号楼,0-0102,李四,+86 138-0000-0002,,tenant,2021/3/4,2022-05-06,no,押金已退\n"
        }
    }
    .into()
}

/// What the example files above leave in the register.
fn check_imported(st: &Stored) {
    assert_eq!(unit_field(st, "0号楼", "0-0101", "type"), "apartment");
    assert_eq!(unit_field(st, "0号楼", "0-0102", "floor_area"), 120.0);
    assert_eq!(unit_field(st, "0号楼", "0-0102", "note"), "临街");
    assert_eq!(unit_field(st, "1号楼", "1-0201", "state"), "renovating");
    assert_eq!(unit_field(st, "1号楼", "1-0201", "floor"), 2);
    let (p, l) = person_of(st, "0号楼", "0-0101", "张三");
    assert_eq!(st.persons[p]["phone"], "13800000001");
    assert_eq!(st.persons[p]["key_customer"], true);
    assert_eq!(st.links[l]["role"], "owner");
    assert_eq!(st.links[l]["from"], day_to_ms(2020, 1, 2).unwrap());
    let (p, l) = person_of(st, "0号楼", "0-0102", "李四");
    assert_eq!(st.persons[p]["phone"], "+86 138-0000-0002");
    assert_eq!(st.links[l]["to"], day_to_ms(2022, 5, 6).unwrap());
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn csv_files_import_with_chinese_or_english_headers(
    #[values(Backend::Sqlite, Backend::Postgres)] b: Backend,
    #[values("zh", "en")] lang: &str,
) {
    let Some(s) = support::start(b).await else { return };
    let office = s.login("office").await;
    let units = units_csv(lang).into_bytes();
    let dry = imported(&s, &office, units.clone(), CSV, false).await;
    assert_eq!((dry.units, dry.errors.len(), dry.committed), (counts(2, 1, 0), 0, false));
    let done = imported(&s, &office, units.clone(), CSV, true).await;
    assert_eq!((done.units, done.committed), (counts(2, 1, 0), true));
    let people = people_csv(lang).into_bytes();
    let done = imported(&s, &office, people.clone(), "text/csv; charset=utf-8", true).await;
    assert_eq!((done.people, done.errors), (counts(2, 0, 0), vec![]));
    check_imported(&stored(&s).await);

    // The butler of 一区 receives the new unit and its people by pulling: they were placed.
    let butler = s.login("butler").await;
    let snapshot = s.pull(&butler, None, Some(5000)).await.changes;
    let st = stored(&s).await;
    let (li, _) = person_of(&st, "0号楼", "0-0102", "李四");
    for id in [st.unit("0号楼", "0-0102").unwrap(), li] {
        assert!(snapshot.iter().any(|c| c.id.as_str() == id), "butler lacks {id}");
    }
    assert!(!snapshot.iter().any(|c| c.id.as_str() == st.unit("1号楼", "1-0201").unwrap()));

    // The same files again change nothing.
    let again = imported(&s, &office, units, CSV, true).await;
    assert_eq!(again.units, counts(0, 0, 3));
    let again = imported(&s, &office, people, CSV, true).await;
    assert_eq!(again.people, counts(0, 0, 2));
}

/// Both tables as two sheets, with English headers and typed cells.
fn xlsx_both_sheets() -> Vec<u8> {
    let mut book = Workbook::new();
    let units = book.add_worksheet();
    units.set_name("units").unwrap();
    let header = ["building", "number", "floor", "type", "floor_area", "state", "note"];
    for (c, h) in header.iter().enumerate() {
        units.write_string(0, c as u16, *h).unwrap();
    }
    let rows: [(&str, &str, f64, &str, f64, &str); 3] = [
        ("0号楼", "0-0101", 1.0, "apartment", 89.5, "occupied"),
        ("0号楼", "0-0102", 1.0, "商铺", 120.0, "空置"),
        ("1号楼", "1-0201", 2.0, "parking", 13.25, "renovating"),
    ];
    for (r, (b, n, floor, ty, area, state)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        units.write_string(r, 0, *b).unwrap();
        units.write_string(r, 1, *n).unwrap();
        units.write_number(r, 2, *floor).unwrap();
        units.write_string(r, 3, *ty).unwrap();
        units.write_number(r, 4, *area).unwrap();
        units.write_string(r, 5, *state).unwrap();
    }
    units.write_string(2, 6, "临街").unwrap();
    // The people sheet is told apart by its headers, not its name.
    let people = book.add_worksheet();
    people.set_name("Sheet2").unwrap();
    let header =
        ["Building", "Number", "Name", "Phone", "Role", "From", "To", "Key customer", "Note"];
    for (c, h) in header.iter().enumerate() {
        people.write_string(0, c as u16, *h).unwrap();
    }
    let day = Format::new().set_num_format("yyyy-mm-dd");
    let date = |y, m, d| ExcelDateTime::from_ymd(y, m, d).unwrap();
    for (c, v) in ["0号楼", "0-0101", "张三"].iter().enumerate() {
        people.write_string(1, c as u16, *v).unwrap();
    }
    people.write_number(1, 3, 13800000001.0).unwrap();
    people.write_string(1, 4, "owner").unwrap();
    people.write_datetime_with_format(1, 5, date(2020, 1, 2), &day).unwrap();
    people.write_boolean(1, 7, true).unwrap();
    for (c, v) in ["0号楼", "0-0102", "李四", "+86 138-0000-0002", "租户"].iter().enumerate()
    {
        people.write_string(2, c as u16, *v).unwrap();
    }
    people.write_string(2, 5, "2021-03-04").unwrap();
    people.write_datetime_with_format(2, 6, date(2022, 5, 6), &day).unwrap();
    people.write_string(2, 7, "否").unwrap();
    people.write_string(2, 8, "押金已退").unwrap();
    book.save_to_buffer().unwrap()
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_xlsx_file_imports_both_tables_at_once(
    #[values(Backend::Sqlite, Backend::Postgres)] b: Backend,
) {
    let Some(s) = support::start(b).await else { return };
    let office = s.login("office").await;
    // Detected from the bytes, whatever the content type says.
    let r = imported(&s, &office, xlsx_both_sheets(), "application/octet-stream", true).await;
    assert_eq!(r.errors, vec![]);
    assert_eq!((r.units, r.people, r.committed), (counts(2, 1, 0), counts(2, 0, 0), true));
    check_imported(&stored(&s).await);
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_committed_xlsx_fixture_imports(
    #[values(Backend::Sqlite, Backend::Postgres)] b: Backend,
) {
    let Some(s) = support::start(b).await else { return };
    let office = s.login("office").await;
    let file = include_bytes!("../fixtures/register/register-zh.xlsx").to_vec();
    let r = imported(&s, &office, file.clone(), XLSX_TYPE, true).await;
    assert_eq!(r.errors, vec![]);
    assert_eq!((r.units, r.people), (counts(2, 1, 0), counts(3, 0, 0)));
    let ignored: Vec<(&str, usize, &str)> =
        r.ignored.iter().map(|e| (e.sheet.as_str(), e.row, e.column.as_str())).collect();
    assert_eq!(ignored, [("单元", 3, "序号")]);
    let st = stored(&s).await;
    assert_eq!(unit_field(&st, "1号楼", "1-B1-001", "floor"), -1);
    assert_eq!(unit_field(&st, "0号楼", "0-0201", "floor_area"), 102.25);
    let (wang, link) = person_of(&st, "0号楼", "0-0101", "王五");
    assert_eq!(st.persons[wang]["phone"], "13912345678");
    assert_eq!(st.links[link]["from"], day_to_ms(2019, 5, 1).unwrap());
    // The owner of two units is one person.
    assert_eq!(person_of(&st, "1号楼", "1-B1-001", "王五").0, wang);
    let (zhao, link) = person_of(&st, "0号楼", "0-0201", "赵六");
    assert_eq!(st.persons[zhao]["phone2"], "13800000009");
    assert_eq!(st.links[link]["from"], day_to_ms(2022, 7, 15).unwrap());
    assert_eq!(st.links[link]["to"], day_to_ms(2023, 1, 31).unwrap());
    let again = imported(&s, &office, file, XLSX_TYPE, false).await;
    assert_eq!((again.units, again.people), (counts(0, 0, 3), counts(0, 0, 3)));
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dry_run_writes_nothing(#[values(Backend::Sqlite, Backend::Postgres)] b: Backend) {
    let Some(s) = support::start(b).await else { return };
    let office = s.login("office").await;
    let cursor = caught_up(&s, &office).await;
    let r = imported(&s, &office, xlsx_both_sheets(), XLSX_TYPE, false).await;
    assert_eq!((r.units, r.people, r.committed), (counts(2, 1, 0), counts(2, 0, 0), false));
    let r = imported(&s, &office, units_csv("zh").into_bytes(), CSV, false).await;
    assert_eq!(r.units, counts(2, 1, 0));
    let (changes, _) = s.pull_all(&office, &cursor).await;
    assert_eq!(changes, vec![], "a dry run wrote to the log");
    assert!(stored(&s).await.unit("0号楼", "0-0102").is_none());
}

/// Where the errors of a report are: (sheet, row, column).
fn places(errors: &[RowError]) -> Vec<(String, usize, String)> {
    errors.iter().map(|e| (e.sheet.clone(), e.row, e.column.clone())).collect()
}

fn at(sheet: &str, row: usize, column: &str) -> (String, usize, String) {
    (sheet.into(), row, column.into())
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_bad_row_is_listed_and_nothing_is_written(
    #[values(Backend::Sqlite, Backend::Postgres)] b: Backend,
) {
    let Some(s) = support::start(b).await else { return };
    let office = s.login("office").await;
    let cursor = caught_up(&s, &office).await;
    let long = "长".repeat(4001);
    let units = format!(
        "楼栋,房号,楼层,类型,面积,状态,备注\n\
         0号楼,,1,住宅,,,\n\
         9号楼,9-0101,,,,,\n\
         0号楼,0-0103,一楼,别墅,-5,住着,\n\
         0号楼,0-0104,,,,,{long}\n\
         0号楼,0-0105,,,,,\n\
         0号楼,0-0105,3,,,,\n\
         0号楼,0-0106,2,住宅,80,入住,\n"
    );
    let r = import(&s, &office, units.into_bytes(), CSV, true).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r: ImportReport = r.json().await.expect("report");
    assert!(!r.committed);
    let u = |row, col| at("units", row, col);
    let expected = [
        u(2, "房号"),
        u(3, "楼栋"),
        u(4, "楼层"),
        u(4, "类型"),
        u(4, "面积"),
        u(4, "状态"),
        u(5, "备注"),
        u(6, "房号"),
        u(7, "房号"),
    ];
    assert_eq!(places(&r.errors), expected, "{:#?}", r.errors);
    assert!(r.errors[1].reason.contains("9号楼"), "{}", r.errors[1].reason);
    assert!(r.errors[7].reason.contains("row 7") && r.errors[7].reason.contains("第 7 行"));
    assert_eq!(r.units, counts(1, 0, 0), "the valid row is still counted");

    let people = "楼栋,房号,姓名,电话,电话2,身份,入住日期,迁出日期,重点客户,备注\n\
                  0号楼,0-0101,张三,138-0000 0001x,,业主,2020-13-01,,也许,\n\
                  0号楼,0-0999,李四,,,,,,,\n\
                  0号楼,0-0101,,,,,,,,\n\
                  0号楼,0-0101,王五,,,房东,,,,\n\
                  0号楼,0-0101,赵六,,,,2020-01-01,,,\n\
                  0号楼,0-0101,赵六,,,,,,,\n";
    let r = import(&s, &office, people.as_bytes().to_vec(), CSV, true).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r: ImportReport = r.json().await.expect("report");
    let p = |row, col| at("people", row, col);
    let expected = [
        p(2, "电话"),
        p(2, "入住日期"),
        p(2, "重点客户"),
        p(3, "房号"),
        p(4, "姓名"),
        p(5, "身份"),
        p(6, "房号"),
        p(7, "房号"),
    ];
    assert_eq!(places(&r.errors), expected, "{:#?}", r.errors);
    assert!(r.errors.iter().all(|e| e.reason.contains(" / ")), "reasons in both languages");

    let (changes, _) = s.pull_all(&office, &cursor).await;
    assert_eq!(changes, vec![], "an import with errors wrote to the log");
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_that_are_not_a_register_are_refused_whole(
    #[values(Backend::Sqlite, Backend::Postgres)] b: Backend,
) {
    let Some(s) = support::start(b).await else { return };
    let office = s.login("office").await;
    let cursor = caught_up(&s, &office).await;
    let refused = [
        (
            b"%PDF-1.4\n\x00\x01binary".to_vec(),
            "application/pdf",
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00".to_vec(),
            "application/octet-stream",
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (units_csv("zh").into_bytes(), "application/json", StatusCode::UNSUPPORTED_MEDIA_TYPE),
        (b"PK\x03\x04 not really a zip".to_vec(), XLSX_TYPE, StatusCode::UNSUPPORTED_MEDIA_TYPE),
        (units_csv("zh").into_bytes(), XLSX_TYPE, StatusCode::UNSUPPORTED_MEDIA_TYPE),
        (vec![], CSV, StatusCode::BAD_REQUEST),
        (b"\xEF\xBB\xBF\n , \n".to_vec(), CSV, StatusCode::BAD_REQUEST),
        (b"a,b,c\n1,2,3\n".to_vec(), CSV, StatusCode::BAD_REQUEST),
    ];
    for (body, ct, status) in refused {
        let r = import(&s, &office, body, ct, true).await;
        let code = if status == StatusCode::BAD_REQUEST {
            "bad_request"
        } else {
            "unsupported_media_type"
        };
        let v = expect_error(r, status, code).await;
        let message = v["error"]["message"].as_str().unwrap().to_owned();
        assert!(message.contains(" / "), "{message}");
        if status == StatusCode::UNSUPPORTED_MEDIA_TYPE {
            assert!(message.contains(".xlsx") && message.contains(".csv"), "{message}");
        }
    }
    let empty = import(&s, &office, vec![], CSV, false).await;
    let v = expect_error(empty, StatusCode::BAD_REQUEST, "bad_request").await;
    assert!(v["error"]["message"].as_str().unwrap().contains("empty"));

    // Over the limit: refused before anything is read.
    let big = vec![b'a'; server::register_io::MAX_FILE_BYTES + 1];
    let v = expect_error(
        import(&s, &office, big, CSV, true).await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload_too_large",
    )
    .await;
    assert!(v["error"]["message"].as_str().unwrap().contains("20 MiB"));
    // Within it, though above the server's limit for other routes.
    let mut padded = units_csv("zh").into_bytes();
    padded.extend(std::iter::repeat_n(b'\n', 5 * 1024 * 1024));
    assert_eq!(imported(&s, &office, padded, CSV, false).await.units, counts(2, 1, 0));

    let (changes, _) = s.pull_all(&office, &cursor).await;
    assert_eq!(changes, vec![]);
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gb18030_csv_as_excel_saves_it_imports(
    #[values(Backend::Sqlite, Backend::Postgres)] b: Backend,
) {
    let Some(s) = support::start(b).await else { return };
    let office = s.login("office").await;
    let utf8 = units_csv("zh");
    let (gbk, _, lossy) = encoding_rs::GB18030.encode(&utf8);
    assert!(!lossy && std::str::from_utf8(&gbk).is_err());
    let r = imported(&s, &office, gbk.into_owned(), "application/vnd.ms-excel", true).await;
    assert_eq!((r.units, r.errors), (counts(2, 1, 0), vec![]));
    assert_eq!(unit_field(&stored(&s).await, "0号楼", "0-0102", "note"), "临街");
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_office_imports_and_exports(
    #[values(Backend::Sqlite, Backend::Postgres)] b: Backend,
) {
    let Some(s) = support::start(b).await else { return };
    let butler = s.login("butler").await;
    let r = import(&s, &butler, units_csv("zh").into_bytes(), CSV, true).await;
    expect_error(r, StatusCode::FORBIDDEN, "forbidden").await;
    expect_error(export(&s, &butler, "format=xlsx").await, StatusCode::FORBIDDEN, "forbidden")
        .await;
    let r = s.http.post(s.url("/api/v1/register/import")).body("x").send().await.unwrap();
    expect_error(r, StatusCode::UNAUTHORIZED, "unauthorized").await;
    let office = s.login("office").await;
    // (`format=csv` alone is the units table: `contract.rs`.)
    let r = export(&s, &office, "format=pdf").await;
    expect_error(r, StatusCode::BAD_REQUEST, "bad_request").await;
    assert!(stored(&s).await.unit("0号楼", "0-0102").is_none());
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_export_imports_again_with_no_changes(
    #[values(Backend::Sqlite, Backend::Postgres)] b: Backend,
) {
    let Some(s) = support::start(b).await else { return };
    let office = s.login("office").await;
    let file = include_bytes!("../fixtures/register/register-zh.xlsx").to_vec();
    imported(&s, &office, file, XLSX_TYPE, true).await;
    imported(&s, &office, units_csv("zh").into_bytes(), CSV, true).await;
    imported(&s, &office, people_csv("zh").into_bytes(), CSV, true).await;
    let cursor = caught_up(&s, &office).await;

    let r = export(&s, &office, "format=xlsx").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()[CONTENT_TYPE], XLSX_TYPE);
    assert!(r.headers()["content-disposition"].to_str().unwrap().contains(".xlsx"));
    let xlsx = r.bytes().await.unwrap().to_vec();
    let again = imported(&s, &office, xlsx, XLSX_TYPE, true).await;
    assert_eq!((again.errors, again.ignored), (vec![], vec![]));
    // The site's 0-0101 and 1-0101, 0-0201 and 1-B1-001 of the fixture file, 0-0102 and
    // 1-0201 of the CSV; 王五 (twice), 赵六, 张三 and 李四.
    assert_eq!(again.units, counts(0, 0, 6));
    assert_eq!(again.people, counts(0, 0, 5));

    for (table, rows) in [("units", 6), ("people", 5)] {
        for lang in ["zh", "en"] {
            let r = export(&s, &office, &format!("format=csv&table={table}&lang={lang}")).await;
            assert_eq!(r.status(), StatusCode::OK);
            assert!(r.headers()[CONTENT_TYPE].to_str().unwrap().starts_with("text/csv"));
            let csv = r.bytes().await.unwrap().to_vec();
            let text = String::from_utf8(csv.clone()).unwrap();
            let header =
                if lang == "zh" { "\u{feff}楼栋,房号" } else { "\u{feff}building,number" };
            assert!(text.starts_with(header), "{text}");
            let again = imported(&s, &office, csv, CSV, true).await;
            let c = if table == "units" { again.units } else { again.people };
            assert_eq!((c, again.errors), (counts(0, 0, rows), vec![]), "{table} {lang}:\n{text}");
        }
    }
    let (changes, _) = s.pull_all(&office, &cursor).await;
    assert_eq!(changes, vec![], "re-importing an export wrote something");
    let zh = export(&s, &office, "format=csv&table=people").await.text().await.unwrap();
    for cell in ["业主", "租户", "是", "2019-05-01", "13912345678", "押金已退"] {
        assert!(zh.contains(cell), "{cell} in {zh}");
    }
}
