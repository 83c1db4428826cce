//! No kind is spelled as a string literal outside its declaration (`shared::names`): code
//! names a kind through `names::kind`, so a renamed or mistyped kind is a compile error, not a
//! record silently never read. This scans the non-test sources of the directories below for
//! a kind's exact quoted name (`"request"`).
//!
//! Not counted: `shared/src/schema/names.rs` (the declaration), test code (`tests/`
//! directories, `tests.rs` and `*_tests.rs` files, the item after `#[cfg(test)]` or
//! `#[cfg(all(test, …))]`), comments, a wire enum's own values (`Department = "department"`:
//! a role, not the kind), an HTML attribute in a `view!` (`class="unit"`), and a line that
//! says why its literal is no kind (`// not a kind: an error code`).

use shared::names::kind;
use std::path::{Path, PathBuf};

/// The source directories scanned, relative to the workspace root.
const SCANNED: &[&str] = &["shared/src", "server/src", "app/src"];
/// The one file that spells the kinds.
const DECLARATION: &str = "shared/src/schema/names.rs";
/// A line carrying this marker spells a name that merely looks like a kind.
const MARKER: &str = "// not a kind";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root").to_path_buf()
}

/// The Rust files under `dir`, test files left out.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).expect("readable dir").flatten().collect();
    entries.sort_by_key(|e| e.path());
    for e in entries {
        let path = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if name != "tests" {
                sources(&path, out);
            }
        } else if name.ends_with(".rs") && name != "tests.rs" && !name.ends_with("_tests.rs") {
            out.push(path);
        }
    }
}

/// `src` without the items marked `#[cfg(test)]` (up to the end of their braces or `;`).
fn without_tests(src: &str) -> String {
    let mut out = String::new();
    let mut rest = src;
    while let Some(at) =
        ["#[cfg(test)]", "#[cfg(all(test"].iter().filter_map(|m| rest.find(m)).min()
    {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let end = match (after.find('{'), after.find(';')) {
            (Some(b), Some(s)) if s < b => s + 1,
            (Some(b), _) => {
                let mut depth = 0usize;
                let mut end = after.len();
                for (i, ch) in after[b..].char_indices() {
                    match ch {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                end = b + i + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                end
            }
            (None, Some(s)) => s + 1,
            (None, None) => after.len(),
        };
        // Keep the line count, so reported line numbers stay right.
        out.extend(after[..end].chars().filter(|c| *c == '\n'));
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Every kind literal of one source: `(line number, line)`.
fn literals(src: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (n, line) in without_tests(src).lines().enumerate() {
        let code = line.split("//").next().unwrap_or_default();
        let wire_value = code.trim().split_once(" = ").is_some_and(|(variant, value)| {
            variant.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && value.trim_end_matches(',').starts_with('"')
                && value.trim_end_matches(',').ends_with('"')
                && !variant.is_empty()
                && variant.chars().next().is_some_and(char::is_uppercase)
        });
        if line.contains(MARKER) || wire_value {
            continue;
        }
        // An HTML attribute in a `view!` (`class="unit"`) is `=` then the literal, which
        // formatted Rust code never is (it writes ` = `).
        let spelled = |k: &&str| {
            code.match_indices(&format!("\"{k}\"")).any(|(i, _)| !code[..i].ends_with('='))
        };
        if kind::ALL.iter().any(spelled) {
            found.push((n + 1, line.trim().to_owned()));
        }
    }
    found
}

/// Every kind literal under `dirs` (relative to the workspace root), as `path:line: text`.
fn scan(dirs: &[&str]) -> Vec<String> {
    let root = workspace();
    let mut files = Vec::new();
    for dir in dirs {
        sources(&root.join(dir), &mut files);
    }
    let mut out = Vec::new();
    for file in files.iter().filter(|f| !f.ends_with(DECLARATION)) {
        let src = std::fs::read_to_string(file).expect("utf-8 source");
        let shown = file.strip_prefix(&root).unwrap_or(file).display().to_string();
        out.extend(literals(&src).into_iter().map(|(n, l)| format!("{shown}:{n}: {l}")));
    }
    out
}

#[test]
fn no_kind_is_spelled_as_a_literal_outside_its_declaration() {
    let found = scan(SCANNED);
    assert!(found.is_empty(), "use shared::names::kind instead:\n{}", found.join("\n"));
}

#[test]
fn the_scan_finds_literals_in_code_and_skips_tests_comments_and_marked_lines() {
    let src = r#"
fn placed(kind: &str) -> bool {
    kind == "request" // a literal
}
/// A doc naming "unit" is no code.
const CODE: &str = "conflict"; // not a kind: an error code
wire_enum!(Role {
    Department = "department",
});
#[cfg(test)]
mod tests {
    const X: &str = "photo";
}
#[cfg(all(test, not(target_arch = "wasm32")))]
mod more_tests {
    const Y: &str = "photo";
}
fn view() { view! { <td class="unit">"x"</td> } }
fn after() { let _ = "person"; }
"#;
    let lines: Vec<usize> = literals(src).into_iter().map(|(n, _)| n).collect();
    assert_eq!(lines, vec![3, 19]);
    assert!(scan(&["shared/src/schema"]).is_empty(), "the declaration itself is skipped");
}
