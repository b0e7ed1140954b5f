//! The PDF edition as readers see it: text drawn back out with poppler's
//! pdftotext, structure checked by qpdf, fonts listed by pdffonts.
//!
//! These tests need poppler-utils (pdftotext, pdffonts, pdfinfo) and qpdf
//! installed; without them they fail and say which package is missing.

mod common;

use common::reference_compilation;
use recueil::model::{Compilation, DocBlock};
use recueil::render::pdf::{write, FontFiles};
use recueil::render::style::UN;
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

fn written() -> &'static (Vec<u8>, PathBuf) {
    static PDF: OnceLock<(Vec<u8>, PathBuf)> = OnceLock::new();
    PDF.get_or_init(|| {
        let bytes = write(&reference_compilation(), &UN, &FontFiles::liberation())
            .unwrap_or_else(|e| panic!("writing the PDF failed: {e}"));
        let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("reference-compilation.pdf");
        std::fs::write(&path, &bytes)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        (bytes, path)
    })
}

/// Runs a checking tool; a missing tool fails the test with the package to
/// install, since a skipped check would pass unnoticed.
fn run(tool: &str, package: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!(
            "this test reads the PDF back with `{tool}`, which could not be run ({e}); \
             install the Debian package `{package}`"
        )
    });
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Page furniture as pdftotext gives it, one line each: running heads, feet
/// (job and page number, together or apart), the job number and the first
/// page's footnote.
fn is_furniture(line: &str, c: &Compilation) -> bool {
    let line = line.trim();
    let job = &c.front.job_number;
    let rest = line.replace(job.as_str(), "");
    line == c.front.symbol
        || (!line.is_empty() && line.chars().all(|ch| ch.is_ascii_digit()))
        || (line.contains(job.as_str())
            && rest.split_whitespace().all(|w| {
                w.chars().all(|ch| ch.is_ascii_digit())
                    || w == format!("({})", c.front.job_language)
            }))
        || (line.ends_with(c.front.agenda_footnote.as_str())
            && line.chars().count() <= c.front.agenda_footnote.chars().count() + 2)
}

/// Headings and paragraphs in reading order, as their words should read.
fn expected_texts(c: &Compilation) -> Vec<(String, String)> {
    c.blocks()
        .into_iter()
        .map(|b| match b {
            DocBlock::Chapter { numeral, title } => {
                (format!("chapter {numeral}"), format!("{numeral}. {title}"))
            }
            DocBlock::Subheading { letter, title } => {
                (format!("subheading {letter}"), format!("{letter}. {title}"))
            }
            DocBlock::Paragraph(p) => {
                let text = format!("{}. {}", p.number, p.inline_text());
                (format!("paragraph {}", p.number), text)
            }
        })
        .map(|(what, text)| (what, normalise(&text).replace("- ", "-")))
        .collect()
}

#[test]
fn pdftotext_gives_back_every_heading_and_paragraph_in_order() {
    let c = reference_compilation();
    assert_eq!(
        c.paragraphs().count(),
        92,
        "the reference compilation has 92 paragraphs"
    );
    let (_, path) = written();
    let (ok, text) = run(
        "pdftotext",
        "poppler-utils",
        &[path.to_str().unwrap_or_default(), "-"],
    );
    assert!(ok, "pdftotext failed: {text}");
    let body: Vec<&str> = text.lines().filter(|l| !is_furniture(l, &c)).collect();
    // A word broken at a line end carries a soft hyphen: joined again, it
    // must read as written. A line broken after a hyphen the text has is
    // matched with the space after that hyphen dropped on both sides.
    let hay = normalise(&body.join("\n").replace("\u{ad}\n", "")).replace("- ", "-");

    let mut from = 0;
    for (what, needle) in expected_texts(&c) {
        match hay[from..].find(&needle) {
            Some(at) => from += at + needle.len(),
            None => {
                // Show where the words part company, to make a failure readable.
                let words: Vec<&str> = needle.split(' ').collect();
                let mut longest = 0;
                for n in (1..=words.len()).rev() {
                    if hay[from..].contains(&words[..n].join(" ")) {
                        longest = n;
                        break;
                    }
                }
                let found = hay[from..]
                    .find(&words[..longest.max(1)].join(" "))
                    .unwrap_or(0);
                let context: String = hay[from + found..].chars().take(300).collect();
                panic!(
                    "{what} not found after the text before it.\n expected: {needle}\n matched up to word {longest}: {}\n text there: {context}",
                    words[..longest].join(" ")
                );
            }
        }
    }
}

#[test]
fn accented_letters_and_quotes_come_back_as_themselves() {
    let (_, path) = written();
    let (ok, text) = run(
        "pdftotext",
        "poppler-utils",
        &[path.to_str().unwrap_or_default(), "-"],
    );
    assert!(ok, "pdftotext failed: {text}");
    for word in [
        "Conférence",
        "l’ordre",
        "États",
        "Français",
        "août",
        "sûreté",
        "À",
    ] {
        assert!(text.contains(word), "{word:?} is not in the extracted text");
    }
}

#[test]
fn guillemets_and_ligature_letters_come_back_as_themselves() {
    let mut c = reference_compilation();
    c.introduction.paragraphs[0]
        .text
        .push_str(" Voir « l’œuvre commune » et l’Œuvre.");
    let bytes = write(&c, &UN, &FontFiles::liberation()).unwrap_or_else(|e| panic!("{e}"));
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("rare-characters.pdf");
    std::fs::write(&path, &bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let (ok, text) = run(
        "pdftotext",
        "poppler-utils",
        &[path.to_str().unwrap_or_default(), "-"],
    );
    assert!(ok, "pdftotext failed: {text}");
    assert!(
        normalise(&text).contains("Voir « l’œuvre commune » et l’Œuvre."),
        "not found in:\n{text}"
    );
}

#[test]
fn qpdf_finds_no_errors() {
    let (_, path) = written();
    let (ok, report) = run(
        "qpdf",
        "qpdf",
        &["--check", path.to_str().unwrap_or_default()],
    );
    assert!(ok, "qpdf --check failed:\n{report}");
    assert!(
        report.contains("No syntax or stream encoding errors found"),
        "qpdf --check:\n{report}"
    );
    assert!(!report.contains("WARNING"), "qpdf --check:\n{report}");
}

#[test]
fn fonts_are_embedded_and_subset() {
    let (_, path) = written();
    let (ok, list) = run(
        "pdffonts",
        "poppler-utils",
        &[path.to_str().unwrap_or_default()],
    );
    assert!(ok, "pdffonts failed: {list}");
    // name type encoding emb sub uni object ID, after two header lines
    let rows: Vec<Vec<&str>> = list
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(
        rows.len(),
        2,
        "expected the regular and the bold face:\n{list}"
    );
    for row in &rows {
        let n = row.len();
        assert!(n >= 7, "unexpected pdffonts line {row:?}");
        let (name, emb, sub, uni) = (row[0], row[n - 5], row[n - 4], row[n - 3]);
        assert!(
            name.contains('+') && name.contains("LiberationSerif"),
            "font name {name}"
        );
        assert_eq!(
            (emb, sub, uni),
            ("yes", "yes", "yes"),
            "{name}: emb/sub/uni\n{list}"
        );
    }
}

#[test]
fn document_info_names_title_and_language() {
    let (bytes, path) = written();
    let (ok, info) = run(
        "pdfinfo",
        "poppler-utils",
        &[path.to_str().unwrap_or_default()],
    );
    assert!(ok, "pdfinfo failed: {info}");
    let c = reference_compilation();
    assert!(info.contains(&c.front.title), "title missing from:\n{info}");
    assert!(
        normalise(&info).contains("Page size: 595.276 x 841.89 pts (A4)"),
        "not A4:\n{info}"
    );
    assert!(
        !info.contains("PDF/X"),
        "claims a PDF/X conformance it does not have:\n{info}"
    );
    assert!(
        normalise(&info).contains("CreationDate: Thu Aug 20 00:00:00 2015 UTC"),
        "{info}"
    );
    let lang = format!("/Lang({})", c.language);
    assert!(
        bytes.windows(lang.len()).any(|w| w == lang.as_bytes()),
        "no {lang} in the catalog"
    );
}

#[test]
fn two_runs_are_byte_identical() {
    let c = reference_compilation();
    let a = write(&c, &UN, &FontFiles::liberation()).unwrap_or_else(|e| panic!("{e}"));
    let b = write(&c, &UN, &FontFiles::liberation()).unwrap_or_else(|e| panic!("{e}"));
    assert!(a == b, "two writes of the same compilation differ");
    assert!(
        a == written().0,
        "a write differs from an earlier one in the same process"
    );
}

#[test]
fn whole_compilation_is_under_150_kb() {
    let (bytes, _) = written();
    assert!(bytes.len() < 150 * 1024, "{} bytes", bytes.len());
}

#[test]
fn no_word_leaves_the_text_block() {
    let (_, path) = written();
    let (ok, html) = run(
        "pdftotext",
        "poppler-utils",
        &["-bbox", path.to_str().unwrap_or_default(), "-"],
    );
    assert!(ok, "pdftotext -bbox failed: {html}");
    let left = UN.margin_left - 0.5;
    let right = UN.margin_left + UN.text_width() + 0.5;
    let mut words = 0;
    for line in html.lines().filter(|l| l.trim_start().starts_with("<word")) {
        let attr = |name: &str| -> f32 {
            let key = format!("{name}=\"");
            line.find(&key)
                .and_then(|i| line[i + key.len()..].split('"').next())
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| panic!("no {name} in {line}"))
        };
        let (x0, x1) = (attr("xMin"), attr("xMax"));
        assert!(
            x0 >= left && x1 <= right,
            "word outside the text block: {line}"
        );
        words += 1;
    }
    assert!(words > 3000, "only {words} words found");
}

#[test]
fn a_missing_font_is_named_in_the_error() {
    let fonts = FontFiles {
        regular: PathBuf::from("/nonexistent/Serif.ttf"),
        bold: FontFiles::liberation().bold,
        latin: None,
    };
    let err = write(&reference_compilation(), &UN, &fonts)
        .err()
        .map(|e| e.to_string());
    assert!(
        err.as_deref()
            .is_some_and(|e| e.contains("/nonexistent/Serif.ttf")),
        "{err:?}"
    );
}

/// `1er` in a subheading: the letters smaller and higher than the `1`, and
/// the text still reading `1er`.
#[test]
fn french_ordinal_letters_are_set_raised_and_read_as_one_word() {
    let (_, path) = written();
    let path = path.to_str().unwrap_or_default();
    let (ok, text) = run("pdftotext", "poppler-utils", &[path, "-"]);
    assert!(ok, "pdftotext failed: {text}");
    assert!(text.contains("au 1er juin 2012"), "{text}");

    let (ok, html) = run("pdftotext", "poppler-utils", &["-bbox", path, "-"]);
    assert!(ok, "pdftotext -bbox failed: {html}");
    let boxes: Vec<(String, [f32; 4])> = html
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            let word = l.strip_prefix("<word ")?;
            let (attrs, rest) = word.split_once('>')?;
            let text = rest.strip_suffix("</word>")?.to_owned();
            let num = |name: &str| -> Option<f32> {
                let at = attrs.find(&format!("{name}=\""))? + name.len() + 2;
                attrs[at..].split('"').next()?.parse().ok()
            };
            Some((
                text,
                [num("xMin")?, num("yMin")?, num("xMax")?, num("yMax")?],
            ))
        })
        .collect();
    let mut found = 0;
    for pair in boxes.windows(2) {
        let [(one, a), (er, b)] = pair else { continue };
        if one == "1" && er == "er" {
            let (height_one, height_er) = (a[3] - a[1], b[3] - b[1]);
            assert!(height_er < 0.8 * height_one, "not smaller: {a:?} {b:?}");
            assert!(b[3] < a[3] - 2.0, "not raised: {a:?} {b:?}");
            assert!((b[0] - a[2]).abs() < 0.5, "not set close: {a:?} {b:?}");
            found += 1;
        }
    }
    // The first meeting's subheading, as often as the published edition
    // prints it (`du 30 mai au 1er juin 2012`, six times).
    assert_eq!(found, 6, "raised ordinals");
}

/// Bookmarks: every chapter, and under it every meeting subheading, in
/// order, each opening the page its heading is on; the viewer opens with
/// the panel shown and the document's title in its title bar.
#[test]
fn bookmarks_list_every_chapter_and_subheading() {
    let (bytes, path) = written();
    let (ok, json) = run(
        "qpdf",
        "qpdf",
        &[
            "--json",
            "--json-key=outlines",
            path.to_str().unwrap_or_default(),
        ],
    );
    assert!(ok, "qpdf --json failed: {json}");
    let json: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
    fn walk(items: &serde_json::Value, depth: usize, out: &mut Vec<(usize, String, u64)>) {
        for item in items.as_array().into_iter().flatten() {
            let title = item["title"].as_str().unwrap_or_default().to_owned();
            let page = item["destpageposfrom1"].as_u64().unwrap_or(0);
            out.push((depth, title, page));
            walk(&item["kids"], depth + 1, out);
        }
    }
    let mut got = Vec::new();
    walk(&json["outlines"], 0, &mut got);

    let c = reference_compilation();
    let want: Vec<(usize, String)> = c
        .blocks()
        .into_iter()
        .filter_map(|b| match b {
            DocBlock::Chapter { numeral, title } => Some((0, format!("{numeral}. {title}"))),
            DocBlock::Subheading { letter, title } => Some((1, format!("{letter}. {title}"))),
            DocBlock::Paragraph(_) => None,
        })
        .collect();
    assert!(want.len() >= 7, "{} headings", want.len());
    let titles: Vec<(usize, String)> = got.iter().map(|(d, t, _)| (*d, t.clone())).collect();
    assert_eq!(titles, want);

    let (ok, info) = run(
        "pdfinfo",
        "poppler-utils",
        &[path.to_str().unwrap_or_default()],
    );
    assert!(ok, "{info}");
    let pages: u64 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0);
    let targets: Vec<u64> = got.iter().map(|(_, _, p)| *p).collect();
    assert!(
        targets.windows(2).all(|w| w[0] <= w[1]) && targets.iter().all(|&p| p >= 1 && p <= pages),
        "bookmark pages {targets:?} of {pages}"
    );

    for key in ["/DisplayDocTitle true", "/PageMode/UseOutlines"] {
        assert!(
            bytes.windows(key.len()).any(|w| w == key.as_bytes()),
            "no {key} in the catalog"
        );
    }
}
