//! Odd but valid inputs: the same report in every encoding and with every
//! line ending, page break and spacing a real export may have. Each variant
//! must be read exactly like its plain UTF-8 twin, `tests/odd/plain.txt`:
//! the same `recueil extract` output but for the `file` field.
//!
//! And the characters a recommendation may carry (those special in XML,
//! emoji, bidirectional marks) come through to the JSON unchanged.

mod common;
use common::*;
use std::path::Path;

fn plain() -> String {
    std::fs::read_to_string(root().join("tests/odd/plain.txt")).unwrap()
}

/// `recueil extract` of a file, without its `file` field.
fn extracted(path: &Path) -> serde_json::Value {
    let out = recueil(&["extract", path.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}: {}",
        path.display(),
        stderr(&out)
    );
    assert!(
        !stderr(&out).contains("warning"),
        "{}: no warning for a valid report: {}",
        path.display(),
        stderr(&out)
    );
    let mut json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for report in json.as_array_mut().unwrap() {
        report.as_object_mut().unwrap().remove("file");
    }
    json
}

fn utf16(text: &str, big_endian: bool, mark: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if mark {
        out.extend(if big_endian {
            [0xFE, 0xFF]
        } else {
            [0xFF, 0xFE]
        });
    }
    for unit in text.encode_utf16() {
        out.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    out
}

/// Every line ending replaced by `ending`.
fn with_endings(text: &str, ending: &str) -> String {
    text.replace('\n', ending)
}

/// The variants, each with what it changes.
fn variants(plain: &str) -> Vec<(&'static str, Vec<u8>)> {
    let (windows_1252, _, unmappable) = encoding_rs::WINDOWS_1252.encode(plain);
    assert!(!unmappable, "the plain report fits in Windows-1252");
    let mut lines_mixed = String::new();
    let mut previous = "";
    for (i, line) in plain.split_inclusive('\n').enumerate() {
        let line = line.strip_suffix('\n').unwrap_or(line);
        // A CR then an empty line ended by LF would be one CRLF.
        let ending = match ["\n", "\r\n", "\r"][i % 3] {
            _ if previous == "\r" && line.is_empty() => "\r",
            e => e,
        };
        lines_mixed.push_str(line);
        lines_mixed.push_str(ending);
        previous = ending;
    }
    vec![
        ("crlf.txt", with_endings(plain, "\r\n").into_bytes()),
        ("lone-cr.txt", with_endings(plain, "\r").into_bytes()),
        ("mixed-line-ends.txt", lines_mixed.into_bytes()),
        ("no-final-newline.txt", plain.trim_end().as_bytes().to_vec()),
        ("utf8-bom.txt", [b"\xEF\xBB\xBF", plain.as_bytes()].concat()),
        (
            "utf8-bom-crlf.txt",
            [b"\xEF\xBB\xBF", with_endings(plain, "\r\n").as_bytes()].concat(),
        ),
        ("utf16le-bom.txt", utf16(plain, false, true)),
        ("utf16le.txt", utf16(plain, false, false)),
        ("utf16be-bom.txt", utf16(plain, true, true)),
        ("utf16be.txt", utf16(plain, true, false)),
        (
            "utf16le-bom-crlf.txt",
            utf16(&with_endings(plain, "\r\n"), false, true),
        ),
        ("windows-1252.txt", windows_1252.into_owned()),
        (
            // A page break in the middle of a line of a paragraph, and one
            // opening a continuation line.
            "form-feeds.txt",
            plain
                .replacen("mener des campagnes", "mener des\u{c}campagnes", 1)
                .replacen("\n sensibilisation aux", "\n\u{c} sensibilisation aux", 1)
                .into_bytes(),
        ),
        (
            "tabs-for-spaces.txt",
            plain
                .lines()
                .map(|l| {
                    let indent = l.len() - l.trim_start_matches(' ').len();
                    format!("{}{}\n", "\t".repeat(indent.min(2)), &l[indent..])
                })
                .collect::<String>()
                .replace(
                    "Les États parties devraient",
                    "Les\tÉtats  parties\t devraient",
                )
                .into_bytes(),
        ),
        (
            "trailing-spaces.txt",
            plain
                .lines()
                .map(|l| format!("{l}   \n"))
                .collect::<String>()
                .into_bytes(),
        ),
        (
            // Accents as a letter and a combining mark (NFD), as some PDF
            // tools give them.
            "decomposed-accents.txt",
            plain
                .replace('é', "e\u{301}")
                .replace('É', "E\u{301}")
                .replace('è', "e\u{300}")
                .into_bytes(),
        ),
    ]
}

#[test]
fn every_variant_reads_like_its_plain_twin() {
    let plain = plain();
    let dir = temp_dir("odd-inputs");
    let twin = extracted(&root().join("tests/odd/plain.txt"));
    assert_eq!(
        twin[0]["recommendations"].as_array().unwrap().len(),
        3,
        "the plain report has three recommendations: {twin}"
    );
    let mut differ = Vec::new();
    for (name, bytes) in variants(&plain) {
        assert_ne!(bytes, plain.as_bytes(), "{name} is a real variant");
        let path = dir.join(name);
        std::fs::write(&path, &bytes).unwrap();
        if extracted(&path) != twin {
            differ.push(name);
        }
    }
    assert!(
        differ.is_empty(),
        "read differently from plain.txt: {differ:?}"
    );
}

/// The variants are told apart: a variant that changes the text does not
/// read like its twin (so the comparison above can fail).
#[test]
fn a_changed_text_does_not_read_like_the_twin() {
    let dir = temp_dir("odd-control");
    let twin = extracted(&root().join("tests/odd/plain.txt"));
    let path = dir.join("changed.txt");
    std::fs::write(&path, plain().replace("campagnes", "campagne")).unwrap();
    assert_ne!(extracted(&path), twin);
    let path = dir.join("moved.txt");
    std::fs::write(&path, format!("\n{}", plain())).unwrap();
    assert_ne!(extracted(&path), twin, "line numbers count");
}

/// Characters special in XML, emoji and bidirectional marks in a
/// recommendation come through to the JSON unchanged. Bidirectional marks
/// and overrides are kept on purpose: reports quote names and titles in
/// Arabic or Hebrew, whose marks belong to the text; removing them would
/// change the recommendation, and refusing them would refuse such reports.
/// (C0 and C1 control characters, by contrast, are refused by the reader:
/// see tests/bad/.)
#[test]
fn special_characters_come_through_unchanged() {
    let specials = [
        "<b>&amp; \"guillemets\" 'apostrophes' & </w:t> ]]> <!-- -->",
        "emoji 🌍 👩‍⚖️ 🇺🇳",
        "bidi \u{200E}LRM\u{200F}RLM \u{202A}LRE\u{202C} \u{202B}RLE\u{202C} \u{202D}LRO\u{202C} \u{202E}RLO\u{202C} \u{2066}LRI\u{2069} \u{2067}RLI\u{2069} \u{2068}FSI\u{2069} \u{61C}ALM",
        "arabe \u{202B}الأمم المتحدة\u{202C} et hébreu \u{2067}האומות המאוחדות\u{2069}",
        "espaces\u{a0}insécables\u{202f}; zéro\u{200B}largeur \u{200D}joint\u{FEFF}",
    ];
    let dir = temp_dir("special-characters");
    let mut refused = Vec::new();
    for (i, special) in specials.iter().enumerate() {
        let text = plain().replace(
            "« dans toute la mesure possible »",
            &format!("« {special} »"),
        );
        let path = dir.join(format!("special-{i}.txt"));
        std::fs::write(&path, &text).unwrap();
        let json = extracted(&path);
        let recs = json[0]["recommendations"].as_array().unwrap();
        let wanted = format!(
            "Les États parties devraient recourir à l’entraide judiciaire et à l’extradition « {special} »."
        );
        assert_eq!(recs[2]["text"].as_str().unwrap(), wanted, "case {i}");
        // And through a compilation, in the JSON it writes.
        let out = dir.join(format!("out-{i}"));
        let o = recueil(&[
            "compile",
            root().join("tests/odd/compilation.toml").to_str().unwrap(),
            "--report",
            path.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        if o.status.code() == Some(1) {
            // The PDF's font lacks the character: refused, pointing at the
            // report's line, and nothing written.
            let err = stderr(&o);
            assert!(err.contains("has no glyph for"), "case {i}: {err}");
            let located = err.lines().any(|l| {
                l.starts_with(&format!("{}:", path.display()))
                    && l.contains(": error: cannot write the PDF")
            });
            assert!(
                located,
                "case {i}: the error names the report and line: {err}"
            );
            assert!(!out.exists(), "case {i}: nothing written");
            refused.push(i);
            continue;
        }
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let compiled =
            recueil::render::json::read(&std::fs::read(out.join("recueil-test.json")).unwrap())
                .unwrap();
        assert!(
            compiled.paragraphs().any(|p| p.text == wanted[..]),
            "case {i}: the compilation keeps the text"
        );
    }
    // XML specials, typographic spaces and marks reach every output; only
    // characters Liberation Serif has no glyph for (emoji, Arabic) stop the PDF.
    eprintln!("refused by the PDF font: cases {refused:?}");
    assert_eq!(
        refused,
        [1, 3],
        "only emoji and Arabic lack glyphs in Liberation Serif"
    );
}
