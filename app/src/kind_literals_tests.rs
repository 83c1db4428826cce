//! No kind name is spelled as a string literal in the app's code (issue 21 point 1): a kind
//! is named through `shared::names::kind`, so renaming or adding one is found by the
//! compiler. Scans `src/` as written; test code (`*_tests.rs`, `tests.rs`, `tests/`, and
//! everything from a file's `#[cfg(test)]` on) may spell names, and so may an HTML attribute
//! in a `view!` (`class="unit"`: written `=` then the literal, which formatted Rust never is).
//! The same rule as the scan of `shared/` and `server/`.

use shared::names::kind;
use std::path::Path;

/// The lines of `source` (non-test part) that spell a kind name as a literal.
fn offending_lines(source: &str) -> Vec<(usize, String)> {
    let end = ["#[cfg(test)]", "#[cfg(all(test"]
        .iter()
        .filter_map(|m| source.find(m))
        .min()
        .unwrap_or(source.len());
    let mut out = Vec::new();
    for (i, line) in source[..end].lines().enumerate() {
        let code = line.trim_start();
        if code.starts_with("//") {
            continue;
        }
        let spelled = kind::ALL.iter().any(|k| {
            let quoted = format!("\"{k}\"");
            line.match_indices(&quoted).any(|(at, _)| !line[..at].ends_with('='))
        });
        if spelled {
            out.push((i + 1, code.to_owned()));
        }
    }
    out
}

fn scan(dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("an entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        if path.is_dir() {
            if name != "tests" {
                scan(&path, out);
            }
        } else if name.ends_with(".rs") && !name.ends_with("tests.rs") {
            let source = std::fs::read_to_string(&path).expect("a source file");
            for (line, code) in offending_lines(&source) {
                out.push(format!("{}:{line}: {code}", path.display()));
            }
        }
    }
}

#[test]
fn no_kind_name_is_a_string_literal_outside_tests() {
    let mut found = Vec::new();
    scan(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut found);
    assert!(found.is_empty(), "use shared::names::kind, not:\n{}", found.join("\n"));
}

#[test]
fn the_scan_sees_code_and_skips_comments_attributes_and_tests() {
    let source = "let k = Kind::new(\"request\");\n// \"unit\" in a comment\n\
                  <td class=\"unit\">\nlet n = \"unit_number\";\n#[cfg(test)]\nput(\"unit\");\n";
    let found: Vec<usize> = offending_lines(source).into_iter().map(|(l, _)| l).collect();
    assert_eq!(found, [1]);
}
