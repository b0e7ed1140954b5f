//! What a person sees of an error: the headline, the line of the file it
//! points at with a marker under the place, the hint; and what a program
//! reads of it (`--json-diagnostics`): the byte range in the text. Each
//! expected output is written here by hand from the input.

mod common;
use common::*;
use std::path::{Path, PathBuf};

/// A report read as far as its recommendations chapter, whose line 10 is
/// `line_10`.
fn report(dir: &Path, line_10: &str) -> PathBuf {
    let text = format!(
        " Nations Unies CTOC/COP/WG.7/2012/6\n\n Français\n\n Rapport sur la réunion du Groupe de travail tenue à Vienne\n du 30 mai au 1er juin 2012\n\n  I. Recommandations\n\n{line_10}\n"
    );
    let path = dir.join("report.txt");
    std::fs::write(&path, text).unwrap();
    path
}

fn compile_report(report: &Path, dir: &Path, extra: &[&str]) -> (bool, String) {
    let out = dir.join("out");
    let mut args = vec![
        "compile",
        "tests/odd/compilation.toml",
        "--report",
        report.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend(extra);
    let o = recueil(&args);
    (o.status.success(), stderr(&o))
}

#[test]
fn a_report_error_shows_its_line_with_accents_and_the_marker_under_the_character() {
    let dir = temp_dir("diagnostic-accents");
    let path = report(&dir, " 1. Les États parties coopèrent\u{7} vite.");
    let (ok, err) = compile_report(&path, &dir, &[]);
    assert!(!ok);
    // ` 1. Les États parties coopèrent` is 31 characters (35 bytes): the
    // bell is the 32nd; shown as a space.
    let expected = format!(
        "{}:10:32: error: control character U+0007 in the text: this looks like a binary file\n   |\n10 |  1. Les États parties coopèrent  vite.\n   | {}^\n",
        path.display(),
        " ".repeat(31)
    );
    assert_eq!(err, expected);
}

#[test]
fn wide_characters_move_the_marker_two_columns() {
    let dir = temp_dir("diagnostic-cjk");
    // Two ideographs, a space, two more: 9 columns on a terminal.
    let path = report(&dir, "中文 段落\u{7}");
    let (ok, err) = compile_report(&path, &dir, &[]);
    assert!(!ok);
    let expected = format!(
        "{}:10:6: error: control character U+0007 in the text: this looks like a binary file\n   |\n10 | 中文 段落\n   | {}^\n",
        path.display(),
        " ".repeat(9)
    );
    assert_eq!(err, expected);
}

#[test]
fn a_parser_warning_underlines_the_line_it_is_about() {
    let dir = temp_dir("diagnostic-warning");
    // Numbering that skips is a warning only: the report compiles on.
    let path = report(
        &dir,
        " 1. Les États devraient coopérer.\n\n 3. Les États devraient coopérer aussi.",
    );
    let (_, err) = compile_report(&path, &dir, &[]);
    let headline = format!(
        "{}:12:1: warning: paragraph 3 follows paragraph 1: numbering skips\n",
        path.display()
    );
    let at = err
        .find(&headline)
        .unwrap_or_else(|| panic!("no warning at line 12:\n{err}"));
    let snippet: Vec<&str> = err[at..].lines().skip(1).take(3).collect();
    // The line starts with a space; the marker covers its text, from `3`
    // to the final `.` (38 characters).
    assert_eq!(
        snippet,
        [
            "   |",
            "12 |  3. Les États devraient coopérer aussi.",
            &format!("   |  {}", "^".repeat(38))
        ],
        "{err}"
    );
}

#[test]
fn a_manifest_error_marks_the_value_in_characters_not_bytes() {
    let dir = temp_dir("diagnostic-manifest");
    let mut text = std::fs::read_to_string(root().join("tests/odd/compilation.toml")).unwrap();
    text.push_str(
        "\n[[overrides]]\nreport = \"CTOC/COP/WG.7/2012/6\"\nparagraph = \"1\"\ntext = \"Les États\"\nchapter = \"coopération-régionale\"\n",
    );
    let lines = text.lines().count();
    let manifest = dir.join("compilation.toml");
    std::fs::write(&manifest, &text).unwrap();
    let out = dir.join("out");
    let o = recueil(&[
        "compile",
        manifest.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    let err = stderr(&o);
    let number = lines.to_string();
    let pad = " ".repeat(number.len());
    // `chapter = ` is 10 characters; the quoted key 23 characters (25 bytes).
    let expected = format!(
        "{}:{lines}:11: error: override names unknown chapter key `coopération-régionale`; chapters: prevention, cooperation, other\n{pad} |\n{number} | chapter = \"coopération-régionale\"\n{pad} | {}{}\n",
        manifest.display(),
        " ".repeat(10),
        "^".repeat(23)
    );
    assert_eq!(err, expected);
}

#[test]
fn the_json_form_carries_the_byte_range_in_the_text() {
    let dir = temp_dir("diagnostic-json");
    let path = report(&dir, " 1. Les États parties coopèrent\u{7} vite.");
    let (ok, err) = compile_report(&path, &dir, &["--json-diagnostics"]);
    assert!(!ok);
    let bytes = std::fs::read(&path).unwrap();
    let bell = bytes.iter().position(|&b| b == 7).unwrap();
    let d: serde_json::Value = serde_json::from_str(err.trim()).expect("one JSON object");
    assert_eq!(d["line"], 10);
    assert_eq!(d["column"], 32);
    assert_eq!(
        d["labels"],
        serde_json::json!([{ "start": bell, "end": bell + 1 }]),
        "{err}"
    );
}

#[test]
fn an_error_about_a_whole_file_shows_no_snippet() {
    let dir = temp_dir("diagnostic-whole-file");
    let missing = dir.join("missing.txt");
    let (ok, err) = compile_report(&missing, &dir, &[]);
    assert!(!ok);
    assert!(!err.contains(" | "), "{err}");
}
