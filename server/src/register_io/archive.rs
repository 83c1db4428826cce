//! An XLSX file's archive inspected before the spreadsheet reader opens it: every entry is
//! unpacked once, counted and thrown away, so a header that lies about sizes cannot make the
//! reader hold more than [`super::limits`] allow. Unpacking reads at most one byte past an
//! entry's limit.
//!
//! The reader (calamine) holds whole the parts it reads when it opens a workbook (the
//! package's relationships, shared strings, styles, the workbook and its relationships) and
//! streams the worksheets. So only `xl/worksheets/sheetN.xml` may be large; the workbook must
//! be `xl/workbook.xml` (where every writer puts it), so that no large entry is read whole.
//! The XML of each part is scanned for the longest event the XML reader would buffer
//! ([`MAX_XML_EVENT`]), and the shared strings for their declared and actual count (the
//! reader reserves room for the declared `uniqueCount`).

use super::limits::*;
use super::xml_scan::{attr, local_name, XmlScan};
use crate::error::{AppError, AppResult};
use std::io::{Cursor, Read};

/// The part the reader opens first, naming the workbook.
const PACKAGE_RELS: &str = "_rels/.rels";
/// The shared strings part.
const SHARED_STRINGS: &str = "xl/sharedStrings.xml";
/// Where the package's relationships must put the workbook.
const WORKBOOK: &str = "xl/workbook.xml";
/// The relationship type naming the workbook ends so.
const OFFICE_DOCUMENT: &[u8] = b"/relationships/officeDocument";

/// A refusal of a file that is not a readable XLSX archive.
pub fn unreadable(why: impl std::fmt::Display) -> AppError {
    AppError::UnsupportedMediaType(format!(
        "not a readable XLSX file ({why}); accepted formats: .xlsx, or .csv in UTF-8 or \
         GB18030 / 无法读取的 XLSX 文件；支持的格式：.xlsx，或 UTF-8、GB18030 编码的 .csv"
    ))
}

/// An entry's name as the reader looks it up: `/` separated, in lower case.
fn normalised(name: &str) -> String {
    name.replace('\\', "/").to_ascii_lowercase()
}

/// Whether an entry is a worksheet by its normalised name: `xl/worksheets/sheet<N>.xml`.
fn is_worksheet(name: &str) -> bool {
    name.strip_prefix("xl/worksheets/sheet")
        .and_then(|rest| rest.strip_suffix(".xml"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The most an entry may unpack to.
fn limit_of(name: &str) -> u64 {
    match name {
        n if is_worksheet(n) => MAX_SHEET_PART_BYTES,
        n if n == normalised(SHARED_STRINGS) => MAX_SHARED_STRINGS_BYTES,
        _ => MAX_OTHER_PART_BYTES,
    }
}

/// Checks an XLSX file's archive against the limits; `Ok` means the reader may open it.
pub fn check(bytes: &[u8]) -> AppResult<()> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(unreadable)?;
    if zip.len() > MAX_ENTRIES {
        return Err(refuse(
            format!("the archive has {} entries, more than {MAX_ENTRIES}", zip.len()),
            &format!("压缩包内文件超过 {MAX_ENTRIES} 个"),
        ));
    }
    let mut total = 0u64;
    let mut workbook_named = false;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(unreadable)?;
        let name = normalised(&entry.name().map_err(unreadable)?);
        let limit = limit_of(&name);
        let too_big = |size: u64| {
            refuse(
                format!("{name} unpacks to more than {size} bytes, over its limit of {limit}"),
                &format!("{name} 解压后超过上限 {limit} 字节"),
            )
        };
        let (declared, packed) = (entry.size(), entry.compressed_size());
        if declared > limit {
            return Err(too_big(declared));
        }
        let is_xml = name.ends_with(".xml") || name.ends_with(".rels");
        let mut xml = is_xml.then(|| XmlScan::new(&name));
        let mut strings = 0usize;
        let mut on_tag = |tag: &[u8]| match name.as_str() {
            PACKAGE_RELS => package_relationship(tag, &mut workbook_named),
            n if n == normalised(SHARED_STRINGS) => shared_string(tag, &mut strings),
            _ => Ok(()),
        };
        let mut unpacked = 0u64;
        let mut buf = vec![0u8; 64 * 1024];
        let mut limited = (&mut entry).take(limit + 1);
        loop {
            let n = limited.read(&mut buf).map_err(unreadable)?;
            if n == 0 {
                break;
            }
            unpacked += n as u64;
            if unpacked > limit {
                return Err(too_big(unpacked));
            }
            if unpacked > RATIO_FLOOR && unpacked > packed.saturating_mul(MAX_RATIO) {
                return Err(refuse(
                    format!(
                        "{name} unpacks over {unpacked} bytes from {packed}, beyond {MAX_RATIO}:1"
                    ),
                    &format!("{name} 压缩比超过 {MAX_RATIO}:1"),
                ));
            }
            if let Some(scan) = xml.as_mut() {
                scan.feed(&buf[..n], &mut on_tag)?;
            }
        }
        if unpacked > declared {
            return Err(unreadable(format!("{name} unpacks to more than its header says")));
        }
        total += unpacked;
        if total > MAX_UNPACKED_BYTES {
            let mib = MAX_UNPACKED_BYTES / (1024 * 1024);
            return Err(refuse(
                format!("the archive unpacks to more than {mib} MiB"),
                &format!("压缩包解压后超过 {mib} MiB"),
            ));
        }
    }
    if !workbook_named {
        return Err(unreadable(format!("{PACKAGE_RELS} does not name {WORKBOOK}")));
    }
    Ok(())
}

/// A tag of the package's relationships: the workbook must be [`WORKBOOK`].
fn package_relationship(tag: &[u8], named: &mut bool) -> AppResult<()> {
    if local_name(tag) != b"Relationship"
        || !attr(tag, b"Type").is_some_and(|t| t.ends_with(OFFICE_DOCUMENT))
    {
        return Ok(());
    }
    let target = attr(tag, b"Target").unwrap_or_default();
    if target.strip_prefix(b"/").unwrap_or(target) != WORKBOOK.as_bytes() {
        return Err(unreadable(format!("the workbook is not {WORKBOOK}")));
    }
    *named = true;
    Ok(())
}

/// A tag of the shared strings: the declared and the actual count of strings are checked.
fn shared_string(tag: &[u8], strings: &mut usize) -> AppResult<()> {
    let too_many = || {
        refuse(
            format!("the workbook has more than {MAX_CELLS} shared strings"),
            &format!("共享字符串超过 {MAX_CELLS} 个"),
        )
    };
    match local_name(tag) {
        b"si" => {
            *strings += 1;
            return if *strings > MAX_CELLS { Err(too_many()) } else { Ok(()) };
        }
        b"sst" => {}
        _ => return Ok(()),
    }
    let Some(count) = attr(tag, b"uniqueCount") else { return Ok(()) };
    let digits = count.strip_prefix(b"+").unwrap_or(count);
    let n = std::str::from_utf8(digits).ok().and_then(|d| d.trim().parse::<u64>().ok());
    match n {
        Some(n) if n <= MAX_CELLS as u64 => Ok(()),
        None if !digits.iter().any(u8::is_ascii_digit) => Ok(()),
        _ => Err(too_many()),
    }
}
