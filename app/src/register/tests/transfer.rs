//! The import report, the enabling rules and the export file names.

use crate::register::transfer::*;

fn err(sheet: &str, row: usize, column: &str) -> RowError {
    RowError { sheet: sheet.into(), row, column: column.into(), reason: "bad / 错误".into() }
}

const REPORT: &str = r#"{
    "units": {"new": 2, "updated": 1, "unchanged": 7},
    "people": {"new": 0, "updated": 3, "unchanged": 4},
    "errors": [
        {"sheet": "people", "row": 5, "column": "电话", "reason": "bad phone / 电话格式错误"},
        {"sheet": "units", "row": 9, "column": "房号", "reason": "empty / 为空"},
        {"sheet": "units", "row": 3, "column": "楼层", "reason": "not a number / 不是数字"}
    ],
    "ignored": [
        {"sheet": "units", "row": 1, "column": "备注2", "reason": "unknown"},
        {"sheet": "units", "row": 1, "column": "备注2", "reason": "unknown"}
    ],
    "committed": false
}"#;

#[test]
fn the_server_report_reads_and_its_errors_come_in_file_order() {
    let r: ImportReport = serde_json::from_str(REPORT).unwrap();
    assert_eq!(r.units, Counts { new: 2, updated: 1, unchanged: 7 });
    assert_eq!(r.people.updated, 3);
    let rows = r.error_rows();
    let order: Vec<_> = rows.iter().map(|e| (e.sheet.as_str(), e.row)).collect();
    assert_eq!(order, [("people", 5), ("units", 3), ("units", 9)]);
    assert_eq!(r.ignored_columns(), ["units: 备注2"]);
    assert!(!r.changes_nothing());
    assert!(ImportReport::default().changes_nothing());
}

#[test]
fn import_is_enabled_only_after_a_clean_dry_run_of_the_chosen_file() {
    let clean = ImportReport::default();
    let dirty = ImportReport { errors: vec![err("units", 2, "房号")], ..Default::default() };
    assert!(!ImportStep::Idle.may_commit(true));
    assert!(ImportStep::Checked(clean.clone()).may_commit(true));
    assert!(!ImportStep::Checked(clean.clone()).may_commit(false));
    assert!(!ImportStep::Checked(dirty.clone()).may_commit(true));
    assert!(!ImportStep::Committing(clean.clone()).may_commit(true));
    let written = ImportReport { committed: true, ..Default::default() };
    assert!(!ImportStep::Committed(written.clone()).may_commit(true));
    assert!(!ImportStep::Checked(written).may_commit(true));
    assert!(!ImportStep::Failed(ImportFailure::Offline).may_commit(true));

    assert!(ImportStep::Idle.may_check(true));
    assert!(!ImportStep::Idle.may_check(false));
    assert!(!ImportStep::Checking.may_check(true));
    assert!(ImportStep::Checked(dirty.clone()).may_check(true));
    assert_eq!(ImportStep::Checked(dirty.clone()).report(), Some(&dirty));
    let refused = ImportStep::Failed(ImportFailure::HasErrors(dirty.clone()));
    assert_eq!(refused.report(), Some(&dirty));
    assert!(ImportStep::Checking.busy() && !ImportStep::Idle.busy());
}

#[test]
fn failed_answers_read_as_offline_expired_has_errors_or_the_servers_message() {
    assert_eq!(ImportFailure::from_answer(0, ""), ImportFailure::Offline);
    assert_eq!(ImportFailure::from_answer(502, "Bad Gateway"), ImportFailure::Offline);
    assert_eq!(ImportFailure::from_answer(401, ""), ImportFailure::Unauthorized);
    match ImportFailure::from_answer(422, REPORT) {
        ImportFailure::HasErrors(r) => assert_eq!(r.errors.len(), 3),
        other => panic!("{other:?}"),
    }
    let body = r#"{"error":{"code":"unsupported_media_type","message":"not an XLSX or CSV file / 不是 XLSX 或 CSV 文件"}}"#;
    assert_eq!(
        ImportFailure::from_answer(415, body),
        ImportFailure::Rejected {
            status: 415,
            message: "not an XLSX or CSV file / 不是 XLSX 或 CSV 文件".into()
        }
    );
    assert_eq!(
        ImportFailure::from_answer(400, ""),
        ImportFailure::Rejected { status: 400, message: "HTTP 400".into() }
    );
    assert_eq!(
        ImportFailure::from_answer(413, "too big"),
        ImportFailure::Rejected { status: 413, message: "too big".into() }
    );
}

#[test]
fn files_are_sent_with_a_type_told_from_their_name() {
    assert_eq!(import_mime("台账.XLSX", ""), XLSX_MIME);
    assert_eq!(import_mime("units.csv", "application/vnd.ms-excel"), "text/csv");
    assert_eq!(import_mime("data", "text/plain"), "text/plain");
    assert_eq!(import_mime("data", ""), "application/octet-stream");
}

#[test]
fn exports_ask_for_their_table_and_language_and_name_their_files_by_date() {
    let q = |k: ExportKind, lang| {
        k.query(lang).into_iter().map(|(a, b)| format!("{a}={b}")).collect::<Vec<_>>().join("&")
    };
    assert_eq!(q(ExportKind::Xlsx, "zh"), "format=xlsx&lang=zh");
    assert_eq!(q(ExportKind::CsvUnits, "en"), "format=csv&table=units&lang=en");
    assert_eq!(q(ExportKind::CsvPeople, "fr"), "format=csv&table=people&lang=zh");
    assert_eq!(ExportKind::CsvUnits.file_name("2026-11-27"), "台账-units-2026-11-27.csv");
    assert_eq!(ExportKind::CsvPeople.file_name("2026-11-27"), "台账-people-2026-11-27.csv");
    assert_eq!(ExportKind::Xlsx.file_name("2026-11-27"), "台账-2026-11-27.xlsx");
    assert_eq!(ExportKind::Xlsx.mime(), XLSX_MIME);
    assert_eq!(ExportKind::ALL.len(), 3);
}
