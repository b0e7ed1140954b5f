//! Reports as they really come. Each folder of tests/shapes/ holds one
//! report in several shapes, made by tools/make-shapes.py: the plain text,
//! the Word original (typed or automatic numbering), the PDF LibreOffice
//! printed from it, and the text pdftotext draws from that PDF in its
//! default, -layout and -raw modes. Every shape must give the plain text's
//! recommendations, with the same paragraph numbers and the same words.

mod common;
use common::*;
use recueil::pipeline::{self, Limits};

const SHAPES: &[&str] = &[
    "en-typed",
    "fr-auto",
    "en-sessions",
    "en-pages",
    "en-word",
    "en-body",
    "fr-chapters",
    "es-typed",
    "ru-typed",
    "ar-typed",
    "zh-typed",
    "en-more",
    "ar-more",
];
const FORMS: &[&str] = &[
    "plain.txt",
    "report.docx",
    "report.pdf",
    "default.txt",
    "layout.txt",
    "raw.txt",
];

/// The report's symbol, language and meeting, then one line per
/// recommendation: where it was read, its heading, its words.
fn recommendations(shape: &str, form: &str) -> Result<Vec<String>, String> {
    let path = root().join("tests/shapes").join(shape).join(form);
    let e = pipeline::read_report(&path, Limits::default()).map_err(|d| d.to_string())?;
    let about = format!(
        "report {:?} of {:?} in {:?}, meeting {:?}",
        e.report.masthead.symbol,
        e.report.masthead.date,
        e.report.masthead.language.as_ref().map(|l| l.as_str()),
        e.report.meeting
    );
    Ok(std::iter::once(about)
        .chain(e.recommendations.iter().map(|r| {
            format!(
                "{} [{}] {}",
                r.source.paragraph,
                r.source.heading.as_deref().unwrap_or("-"),
                r.inline_text()
            )
        }))
        .collect())
}

/// What the plain text gives, as reviewed: the expectation of every shape.
fn plain_summary(shape: &str) -> String {
    let path = root().join("tests/shapes").join(shape).join("plain.txt");
    let e = pipeline::read_report(&path, Limits::default()).expect("the plain text reads");
    let mut out = format!(
        "symbol: {:?}\nlanguage: {:?}\nmeeting: {:?}\n",
        e.report.masthead.symbol,
        e.report.masthead.language.as_ref().map(|l| l.as_str()),
        e.report.meeting
    );
    for line in recommendations(shape, "plain.txt").unwrap().iter().skip(1) {
        out.push_str(line);
        out.push('\n');
    }
    for w in &e.warnings {
        out.push_str(&format!("warning: {}\n", w.message));
    }
    out
}

#[test]
fn the_plain_text_of_each_shape() {
    for shape in SHAPES {
        insta::assert_snapshot!(format!("plain-{shape}"), plain_summary(shape));
    }
}

/// Found / expected for one form of one shape, and what differs.
fn compare(shape: &str, form: &str) -> (usize, usize, Vec<String>) {
    let expected = recommendations(shape, "plain.txt").expect("the plain text reads");
    let got = match recommendations(shape, form) {
        Ok(got) => got,
        Err(e) => return (0, expected.len() - 1, vec![format!("error: {e}")]),
    };
    // The first line is about the report, the others are recommendations.
    let same = expected.iter().skip(1).filter(|e| got.contains(e)).count();
    let mut diff: Vec<String> = expected
        .iter()
        .filter(|e| !got.contains(e))
        .map(|e| format!("- {e}"))
        .collect();
    diff.extend(
        got.iter()
            .filter(|g| !expected.contains(g))
            .map(|g| format!("+ {g}")),
    );
    (same, expected.len() - 1, diff)
}

/// Where pdftotext's default mode drew a hanging sub-item label away from
/// its text: before the foot of the page, ahead of the label that comes
/// first in the report (en-typed: `(c)` before `(i)`), or in the paragraph
/// below, after a paragraph number drawn before the last items above it
/// (fr-auto; zh-typed, where no capital tells paragraph 7's text from
/// paragraph 6's items). The two labels, in the order the default mode
/// drew them.
const MOVED: &[(&str, &str, &str)] = &[
    ("en-typed", "(c)", "(i)"),
    ("fr-auto", "6.", "i)"),
    ("zh-typed", "7.", "(一)"),
];

/// A label that no text of its list can take, and the line it stands on.
const ORPHANS: &[(&str, &str, usize)] = &[("fr-auto", "i)", 78), ("zh-typed", "(一)", 74)];

/// Recommendations that pdftotext's text of a printed shape has lost, and
/// what in that text shows it: the reader cannot give them back from the
/// text alone. For each: the shape, the form, the paragraphs, and words of
/// the form that only the loss explains.
/// - ar-typed, ar-more/layout.txt, default.txt: LibreOffice sets Amiri's
///   shadda off the pen; pdftotext cuts the line at the word that carries
///   it, draws the words after the cut on the line above, and the mark
///   alone at the end of the line (`الجريمة ّ` for `الجريمة المنظَّمة`,
///   `تدابير َّ` for `تدابير تتصدَّى`, `شج ع` … `تَُّ` for `تُشجَّع`).
///   Which letter of the cut word the mark sits on, the text cannot tell:
///   every `المنظَّمة` of the reports is cut so, and `تتصدَّى` comes once.
const LOST: &[(&str, &str, &[u32], &[&str])] = &[
    (
        "ar-more",
        "layout.txt",
        &[4, 6, 7, 8, 12],
        &["الجريمة \u{651}", "\u{202b}شج ع الدول"],
    ),
    (
        "ar-more",
        "default.txt",
        &[4, 7, 8, 12],
        &["الجريمة \u{651}", "\u{202b}شج ع الدول"],
    ),
    (
        "ar-typed",
        "layout.txt",
        &[3, 5],
        &[
            "الجريمة \u{651}",
            "\u{202b}\u{651}\u{64e}\u{202c}   \u{202b}تدابير",
        ],
    ),
    (
        "ar-typed",
        "default.txt",
        &[3, 5],
        &[
            "الجريمة \u{651}",
            "\u{202b}\u{651}\u{64e}\u{202c}\n\u{202b}تدابير",
        ],
    ),
];

/// The paragraph a line of `recommendations` is about.
fn paragraph_of(line: &str) -> Option<u32> {
    line.split([' ', '\u{a0}']).next()?.parse().ok()
}

#[test]
fn every_shape_reads_like_its_plain_text() {
    let mut failures = Vec::new();
    for shape in SHAPES {
        for form in FORMS {
            let path = root().join("tests/shapes").join(shape).join(form);
            if !path.exists() {
                continue;
            }
            let (same, expected, mut diff) = compare(shape, form);
            eprintln!("{shape}/{form}: {same}/{expected}");
            if let Some((_, _, lost, evidence)) =
                LOST.iter().find(|(s, f, ..)| s == shape && f == form)
            {
                let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
                for words in *evidence {
                    assert!(
                        text.contains(words),
                        "{shape}/{form}: {words:?} is not in it"
                    );
                }
                // Every listed paragraph is really lost, and nothing else.
                for n in *lost {
                    assert!(
                        diff.iter()
                            .any(|d| d.starts_with("- ") && paragraph_of(&d[2..]) == Some(*n))
                            || diff.iter().any(|d| d.starts_with("error:")),
                        "{shape}/{form}: paragraph {n} now reads whole: take it off the list"
                    );
                }
                let whole_form = lost.len() == expected;
                diff.retain(|d| match d.strip_prefix("- ").or(d.strip_prefix("+ ")) {
                    Some(line) => !paragraph_of(line).is_some_and(|n| lost.contains(&n)),
                    None => {
                        !(whole_form && d.contains("the report has no recommendations chapter"))
                    }
                });
            }
            if !diff.is_empty() {
                failures.push(format!("{shape}/{form}:\n{}", diff.join("\n")));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The moved labels are really in the default mode's text, in the order
/// the printing drew them, and the reader reports the one it cannot give
/// back (every_shape_reads_like_its_plain_text checks the rest).
#[test]
fn labels_the_default_mode_moved() {
    let read = |shape: &str| {
        let path = root().join("tests/shapes").join(shape).join("default.txt");
        (std::fs::read_to_string(&path).unwrap(), path)
    };
    for (shape, first, then) in MOVED {
        let (text, _) = read(shape);
        let at = |label: &str| text.lines().position(|l| l.trim() == label);
        let (first_at, then_at) = (at(first), at(then));
        assert!(
            first_at.is_some() && then_at.is_some() && first_at < then_at,
            "{shape}: {first} drawn before {then}"
        );
    }
    for (shape, label, line) in ORPHANS {
        let (text, path) = read(shape);
        assert_eq!(
            text.lines().nth(line - 1).map(str::trim),
            Some(*label),
            "{shape}: the label stands alone where it was drawn"
        );
        let e = pipeline::read_report(&path, Limits::default()).unwrap();
        assert!(
            e.warnings.iter().any(|w| w.line == *line
                && w.message
                    .contains(&format!("the label {label} stands alone"))),
            "{shape}: {:#?}",
            e.warnings
        );
    }
}

/// Text drawn from the printed en-pages report with its first page (and
/// so its masthead) and a page among the recommendations left out. Each
/// recommendation that starts on a kept page is found under its own number
/// (as the generator listed them from the -raw text), with the words of
/// the whole report up to where its page ends; the report's language comes
/// from its words and its symbol from the running head; the missing pages
/// and the text they orphan are reported.
#[test]
fn pages_missing() {
    let folder = root().join("tests/shapes/en-pages");
    let listed = std::fs::read_to_string(folder.join("fragment-expected.txt")).unwrap();
    let expected_numbers: Vec<&str> = listed.lines().nth(1).unwrap().split(' ').collect();
    let whole = pipeline::read_report(&folder.join("plain.txt"), Limits::default()).unwrap();
    for mode in ["default", "layout", "raw"] {
        let form = format!("fragment-{mode}.txt");
        let e = pipeline::read_report(&folder.join(&form), Limits::default())
            .unwrap_or_else(|d| panic!("{form}: {d}"));
        assert_eq!(
            e.report.masthead.language.as_ref().map(|l| l.as_str()),
            Some("en"),
            "{form}"
        );
        assert_eq!(
            e.report.masthead.symbol.as_deref(),
            Some("CTOC/COP/WG.7/2014/2"),
            "{form}"
        );
        let numbers: Vec<String> = e
            .recommendations
            .iter()
            .map(|r| r.source.paragraph.to_string())
            .collect();
        assert_eq!(numbers, expected_numbers, "{form}");
        for r in &e.recommendations {
            let full = whole
                .recommendations
                .iter()
                .find(|w| w.source.paragraph == r.source.paragraph)
                .unwrap();
            assert_eq!(r.source.heading, full.source.heading, "{form}");
            assert!(
                full.inline_text().starts_with(r.inline_text().as_ref()),
                "{form}: paragraph {} reads\n{}\nnot the start of\n{}",
                r.source.paragraph,
                r.inline_text(),
                full.inline_text()
            );
        }
        let said: Vec<&str> = e.warnings.iter().map(|w| w.message.as_str()).collect();
        let says = |what: &str| said.iter().any(|m| m.contains(what));
        assert!(says("the text starts on page 2"), "{form}: {said:#?}");
        assert!(
            says("page 4 follows page 2: the text at its top continues"),
            "{form}: {said:#?}"
        );
        eprintln!("{form}: {}/{}", numbers.len(), expected_numbers.len());
    }
}

/// What pdftotext did to the text of a shape that the reader mends
/// (every_shape_reads_like_its_plain_text checks it reads whole): the
/// shape, the form, and words of it that show it.
/// - ru-typed/default.txt: the hyphen of `государствам-участникам`,
///   broken at a line's end, taken for a word break (`source/hyphens.rs`);
///   the words of a justified line of few long words drawn apart, each
///   alone after the text (`source/justified.rs`).
/// - ar-typed/default.txt: the room a joined letter leaves inside
///   `والأشخاص` taken for a word space (`source/joins.rs`).
/// - en-more/default.txt: a compound the report writes once with its
///   hyphen, joined at a line's end (`source/hyphens.rs`).
/// - ar-more/raw.txt: a word cut in three pieces at its marks, the mark
///   and a letter on the line of the words after it (`تُشجَّع`), and a
///   paragraph number under the running head (`source/cuts.rs`).
/// - ar-typed/raw.txt: each word marked right to left, not the line
///   (`source/bidi.rs`); lines cut at every change of direction, the dash
///   of a paragraph number and of a chapter numeral, and the numbers of
///   dates, alone on their lines; lines of the page cut in pieces at the
///   marks set off their letters, the pieces after the cut first
///   (`source/cuts.rs`).
const MENDED: &[(&str, &str, &[&str])] = &[
    (
        "ru-typed",
        "default.txt",
        &[
            "государствамучастникам",
            "прокуратуры;\n\nпограничных\n\nслужб,\n\nполиции\n\nи\n",
        ],
    ),
    ("ar-typed", "default.txt", &["والأش خاص"]),
    (
        "ar-typed",
        "raw.txt",
        &[
            "\n2014\n-\n\u{64b} \u{202b}أولا\u{202c}\n",
            "\n1\n-\n",
            "\n18\n",
            "\n\u{64f} \u{202b}ي\u{202c} \u{202b}أن\u{202c}",
        ],
    ),
    (
        "ar-more",
        "raw.txt",
        &[
            "\u{202b}ع\u{202c} \u{64e}\u{651}\n\u{202b}شج\u{202c}\n\u{64f} \u{202b}ت\u{202c}",
            "CTOC/COP/WG.7/2014/2\n7\n-\n",
        ],
    ),
    ("en-more", "default.txt", &["awarenessraising"]),
];

/// The shapes are what they claim to be: pdftotext's default mode set the
/// paragraph numbers and item labels alone on their lines, the -layout mode
/// kept them beside their text, and the Word originals of the automatic
/// shapes carry no typed number at all.
#[test]
fn the_shapes_are_really_there() {
    let read = |shape: &str, form: &str| {
        std::fs::read_to_string(root().join("tests/shapes").join(shape).join(form)).unwrap()
    };
    // Without the embedding controls pdftotext wraps right-to-left text
    // in: an Arabic number comes as it stands on the page, `-2`.
    let plain = |l: &str| l.replace(|c| ('\u{202a}'..='\u{202e}').contains(&c), "");
    let digits = |n: &str| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit());
    for shape in SHAPES.iter().filter(|s| **s != "en-word") {
        let default = read(shape, "default.txt");
        let alone = default
            .lines()
            .map(plain)
            .filter(|l| {
                let l = l.trim();
                l.strip_suffix('.').is_some_and(digits) || l.strip_prefix('-').is_some_and(digits)
            })
            .count();
        assert!(alone >= 3, "{shape}: {alone} numbers alone on their line");
        let layout = read(shape, "layout.txt");
        assert!(
            layout
                .lines()
                .map(plain)
                .any(|l| l.trim_start().starts_with("2.  ") || l.trim_end().ends_with("  -2")),
            "{shape}: -layout keeps numbers beside their text"
        );
    }
    for (shape, form, evidence) in MENDED {
        let text = read(shape, form);
        for words in *evidence {
            assert!(
                text.contains(words),
                "{shape}/{form}: {words:?} is not in it"
            );
        }
    }
    for shape in ["fr-auto", "en-sessions"] {
        let bytes =
            std::fs::read(root().join("tests/shapes").join(shape).join("report.docx")).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
            .unwrap();
        assert!(!xml.contains(">2.<"), "{shape}: no typed paragraph number");
        assert!(xml.contains("NumPara"), "{shape}: numbered through a style");
    }
}
