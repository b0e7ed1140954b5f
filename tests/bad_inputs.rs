//! Malformed inputs run through the real binary. Every error exits 1 with
//! `path:line:col: error: …` naming the file (and the line where one makes
//! sense) and leaves the output folder exactly as it was; every warning lets
//! the run go on (exit 0) and says what it saw.
//!
//! Small inputs are committed in `tests/bad/`; big ones (a 1 MB line, a zip
//! bomb) are made here.

mod common;
use common::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Output;

/// The valid manifest the compile runs use; it lists no report.
fn manifest() -> PathBuf {
    root().join("tests/odd/compilation.toml")
}

/// What the manifest's compile writes in its output folder.
const OUTPUT: &str = "recueil-test.json";

fn bad(name: &str) -> PathBuf {
    root().join("tests/bad").join(name)
}

enum Input {
    /// A file committed in tests/bad/.
    Fixture(&'static str),
    /// A file made by the test, written under this name.
    Made(&'static str, fn() -> Vec<u8>),
    /// A path given as is (a device, a folder, a missing file).
    Path(fn(&Path) -> PathBuf),
}

enum Expect {
    /// Exit 1 with this message; the line when it is known.
    Error {
        line: Option<usize>,
        message: &'static str,
    },
    /// Exit 0, with this warning at this line.
    Warning { line: usize, message: &'static str },
}
use Expect::*;

struct Case {
    input: Input,
    /// Extra arguments (`--max-bytes`).
    args: &'static [&'static str],
    expect: Expect,
}

fn case(input: Input, expect: Expect) -> Case {
    Case {
        input,
        args: &[],
        expect,
    }
}

fn error(line: usize, message: &'static str) -> Expect {
    Error {
        line: Some(line),
        message,
    }
}

fn warning(line: usize, message: &'static str) -> Expect {
    Warning { line, message }
}

/// A small valid report (7 lines of masthead and meeting) up to its
/// recommendations chapter, which opens on line 8.
const HEAD: &str = " Nations Unies CTOC/COP/WG.7/2012/6\n\n Français\n\n Rapport sur la réunion du Groupe de travail tenue à Vienne\n du 30 mai au 1er juin 2012\n\n";

fn report_with(paragraph_2: &str) -> Vec<u8> {
    format!(
        "{HEAD}  I. Recommandations\n\n 1. Les États parties devraient recourir à l’entraide judiciaire.\n\n 2. {paragraph_2}\n\n  II. Organisation de la réunion\n\n 3. La réunion s’est ouverte le 30 mai 2012.\n"
    )
    .into_bytes()
}

/// A Word document whose `word/document.xml` is `xml`.
fn docx(xml: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(b"<?xml version=\"1.0\"?><Types/>").unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(xml).unwrap();
    zip.finish().unwrap().into_inner()
}

const W: &str = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#;

fn paragraphs_xml(paragraphs: &[&str]) -> String {
    let body: String = paragraphs
        .iter()
        .map(|p| format!("<w:p><w:r><w:t xml:space=\"preserve\">{p}</w:t></w:r></w:p>"))
        .collect();
    format!("{W}{body}</w:body></w:document>")
}

/// Patches the uncompressed size a zip declares for its entries (local
/// headers and central directory), as a zip bomb would lie about it.
fn lie_about_sizes(zip: &mut [u8], size: u32) {
    let mut i = 0;
    while i + 4 <= zip.len() {
        match &zip[i..i + 4] {
            b"PK\x03\x04" => zip[i + 22..i + 26].copy_from_slice(&size.to_le_bytes()),
            b"PK\x01\x02" => zip[i + 24..i + 28].copy_from_slice(&size.to_le_bytes()),
            _ => {}
        }
        i += 1;
    }
}

fn cases() -> Vec<Case> {
    use Input::*;
    vec![
        // Empty and binary.
        case(Fixture("empty.txt"), error(1, "the report is empty")),
        case(Fixture("blank-lines.txt"), error(1, "the report is empty")),
        case(Fixture("only-furniture.txt"), error(1, "the report is empty")),
        case(
            Fixture("png-image.txt"),
            error(3, "this is a binary file, not a text report (NUL byte)"),
        ),
        case(
            Made("garbage.bin", || {
                // Deterministic noise with NUL bytes in it.
                let mut x: u32 = 0x2545_F491;
                (0..4096)
                    .map(|_| {
                        x ^= x << 13;
                        x ^= x >> 17;
                        x ^= x << 5;
                        (x >> 24) as u8
                    })
                    .collect()
            }),
            Error {
                line: None,
                message: "this is a binary file, not a text report (NUL byte)",
            },
        ),
        // Characters no report has.
        case(
            Fixture("bell-character.txt"),
            error(11, "control character U+0007 in the text"),
        ),
        case(
            Fixture("terminal-escape.txt"),
            error(10, "control character U+001B in the text"),
        ),
        case(
            Fixture("c1-control.txt"),
            error(10, "control character U+0085 in the text"),
        ),
        // Encodings.
        case(
            Fixture("mixed-encodings.txt"),
            error(10, "cannot decode the text: this byte is not UTF-8, but the file has UTF-8 elsewhere: mixed encodings"),
        ),
        case(
            Fixture("neither-utf8-nor-1252.txt"),
            error(5, "cannot decode the text: this byte is neither UTF-8 nor Windows-1252"),
        ),
        case(
            Fixture("bad-utf8-after-bom.txt"),
            error(5, "cannot decode the text: invalid UTF-8 after a UTF-8 byte-order mark"),
        ),
        case(
            Fixture("truncated-mid-character.txt"),
            error(11, "mixed encodings"),
        ),
        case(
            Made("utf16-odd-length.txt", || {
                let mut bytes = vec![0xFF, 0xFE];
                bytes.extend("  I. Recommandations\n\n 1. Les États".encode_utf16().flat_map(u16::to_le_bytes));
                bytes.push(b'x');
                bytes
            }),
            error(3, "UTF-16 text with an odd number of bytes (truncated?)"),
        ),
        case(
            Made("utf16-unpaired-surrogate.txt", || {
                let mut bytes = vec![0xFE, 0xFF];
                bytes.extend("  I. Recommandations\n\n 1. Les ".encode_utf16().flat_map(u16::to_be_bytes));
                bytes.extend([0xD8, 0x3D]);
                bytes.extend("États".encode_utf16().flat_map(u16::to_be_bytes));
                bytes
            }),
            error(3, "invalid UTF-16 (unpaired surrogate)"),
        ),
        // Structure.
        case(
            Fixture("no-recommendations-chapter.txt"),
            error(1, "the report has no recommendations chapter"),
        ),
        case(
            Fixture("no-chapter-at-all.txt"),
            error(1, "the report has no recommendations chapter"),
        ),
        case(
            Fixture("empty-recommendations-chapter.txt"),
            error(8, "the recommendations chapter (I. Recommandations) holds no recommendation"),
        ),
        case(
            Fixture("recommendations-heading-only.txt"),
            error(8, "the recommendations chapter (I. Recommandations) holds no recommendation"),
        ),
        case(
            Fixture("no-language.txt"),
            error(1, "cannot tell the report's language"),
        ),
        case(
            Made("one-megabyte-line-no-newline.txt", || "mot ".repeat(256 * 1024).into_bytes()),
            error(1, "cannot tell the report's language"),
        ),
        // Word and PDF.
        case(
            Fixture("not-a-zip.docx"),
            error(1, "named .docx, but not a Word document (not a zip archive)"),
        ),
        case(
            Made("truncated.docx", || {
                let whole = docx(paragraphs_xml(&["I. Recommandations", "1. Les États."]).as_bytes());
                whole[..whole.len() / 2].to_vec()
            }),
            error(1, "not a Word document (bad zip"),
        ),
        case(
            Made("no-document.docx", || {
                let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
                zip.start_file("word/styles.xml", zip::write::SimpleFileOptions::default())
                    .unwrap();
                zip.write_all(b"<w:styles/>").unwrap();
                zip.finish().unwrap().into_inner()
            }),
            error(1, "not a Word document: the zip has no word/document.xml"),
        ),
        case(
            // 64 MB of XML in a zip of 450 kB: over the default bound of 50 MB.
            Made("zip-bomb.docx", || {
                let mut xml = String::with_capacity(64 << 20);
                xml.push_str(W);
                let p = "<w:p><w:r><w:t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</w:t></w:r></w:p>";
                while xml.len() < 64 << 20 {
                    xml.push_str(p);
                }
                docx(xml.as_bytes())
            }),
            error(1, "word/document.xml inflates to"),
        ),
        Case {
            // The zip says its XML is 100 bytes; it inflates to 2 MB. The
            // reader stops one byte past the bound.
            input: Made("lying-zip-bomb.docx", || {
                let xml = paragraphs_xml(&[&"a".repeat(2 << 20)]);
                let mut zip = docx(xml.as_bytes());
                lie_about_sizes(&mut zip, 100);
                zip
            }),
            args: &["--max-bytes", "1000000"],
            expect: error(1, "word/document.xml inflates beyond the limit of 1000000 bytes"),
        },
        case(
            Made("entity-expansion.docx", || {
                let xml = format!(
                    "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>{}",
                    paragraphs_xml(&["&lol3;"])
                );
                docx(xml.as_bytes())
            }),
            error(1, "word/document.xml declares a document type; refused (entity expansion)"),
        ),
        case(
            Made("unknown-entity.docx", || {
                docx(paragraphs_xml(&["  I. Recommandations", "1. Les &eacute;tats."]).as_bytes())
            }),
            error(2, "unknown entity &eacute; in word/document.xml"),
        ),
        case(
            Made("broken-xml.docx", || {
                let xml = paragraphs_xml(&["  I. Recommandations", "", "1. Les États."]);
                let cut = xml.find("1. Les").unwrap() - 3;
                docx(&xml.as_bytes()[..cut])
            }),
            error(3, "bad XML in word/document.xml"),
        ),
        case(
            Made("control-in-word.docx", || {
                docx(paragraphs_xml(&["  I. Recommandations", "", "1. Les &#27;[2J États."]).as_bytes())
            }),
            error(5, "control character U+001B in the text"),
        ),
        case(
            Fixture("not-a-pdf.pdf"),
            error(1, "cannot read the PDF's text"),
        ),
        // Limits and paths.
        Case {
            input: Made("too-big.txt", || report_with("Les États parties devraient agir.")),
            args: &["--max-bytes", "100"],
            expect: error(1, "more than the limit of 100"),
        },
        Case {
            // A file whose size on disk says nothing of what it holds.
            input: Path(|_| PathBuf::from("/dev/zero")),
            args: &["--max-bytes", "4096"],
            expect: error(1, "the file has more than the limit of 4096 bytes"),
        },
        case(
            Path(|dir| {
                let d = dir.join("a-folder.txt");
                std::fs::create_dir_all(&d).unwrap();
                d
            }),
            error(1, "this is a directory, not a report"),
        ),
        case(
            Path(|dir| dir.join("absent.txt")),
            error(1, "cannot read the file"),
        ),
        // Warnings: the run goes on.
        case(
            Fixture("duplicate-paragraph-numbers.txt"),
            warning(14, "paragraph 2 repeats or goes back after paragraph 2"),
        ),
        case(
            Fixture("skipped-paragraph-numbers.txt"),
            warning(12, "paragraph 4 follows paragraph 1: numbering skips"),
        ),
        case(
            Fixture("truncated-mid-paragraph.txt"),
            warning(12, "the file ends in the middle of paragraph 2: truncated?"),
        ),
        case(
            Fixture("unknown-running-foot.txt"),
            warning(
                12,
                "`V.2012-54101 3` looks like a running foot (job number) of an unknown shape; kept as text",
            ),
        ),
        case(
            Fixture("heading-without-paragraphs.txt"),
            warning(10, "heading A has no paragraphs"),
        ),
        case(
            Made("one-megabyte-line.txt", || {
                report_with(&"Les États devraient agir. ".repeat(40_000))
            }),
            warning(12, "paragraph 2 is unusually long (160000 words, 1039999 characters)"),
        ),
        case(
            Made("long-item.txt", || {
                let item = "et encore ".repeat(250);
                report_with(&format!("Les États devraient:\n\n a) {item}agir;\n\n b) coopérer."))
            }),
            warning(14, "item a) of paragraph 2 is unusually long (501 words, 2505 characters)"),
        ),
    ]
}

/// An output folder holding an earlier output and a file of someone else's.
fn populated_out(dir: &Path) -> PathBuf {
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join(OUTPUT), b"{\"an\": \"earlier output\"}\n").unwrap();
    std::fs::write(out.join("notes.txt"), b"keep me\n").unwrap();
    out
}

/// The first line of stderr that is an error, as (line, column, rest).
fn error_at<'a>(stderr: &'a str, path: &str) -> Option<(usize, usize, &'a str)> {
    stderr.lines().find_map(|l| {
        let rest = l.strip_prefix(path)?.strip_prefix(':')?;
        let (line, rest) = rest.split_once(':')?;
        let (column, _) = rest.split_once(':')?;
        let start = stderr.find(l)? + path.len() + line.len() + column.len() + 3;
        let rest = stderr[start..].strip_prefix(" error: ")?;
        Some((line.parse().ok()?, column.parse().ok()?, rest))
    })
}

fn check_error(what: &str, out: &Output, path: &str, line: Option<usize>, message: &str) {
    let err = stderr(out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{what}: exit status; stderr: {err}"
    );
    let (at_line, column, rest) = error_at(&err, path)
        .unwrap_or_else(|| panic!("{what}: no `{path}:LINE:COL: error:` in stderr: {err}"));
    assert!(at_line >= 1 && column >= 1, "{what}: {err}");
    if let Some(line) = line {
        assert_eq!(at_line, line, "{what}: line of the error: {err}");
    }
    let message = message.strip_prefix("error: ").unwrap_or(message);
    assert!(
        rest.starts_with(message) || rest.contains(message),
        "{what}: message: {err}"
    );
    assert!(!err.contains("panicked"), "{what}: {err}");
}

fn run_case(c: &Case, dir: &Path) -> Result<(), String> {
    let path = match &c.input {
        Input::Fixture(name) => bad(name),
        Input::Made(name, make) => {
            let p = dir.join(name);
            std::fs::write(&p, make()).unwrap();
            p
        }
        Input::Path(make) => make(dir),
    };
    let p = path.to_str().unwrap();
    let what = path.file_name().unwrap().to_string_lossy().into_owned();
    let result = std::panic::catch_unwind(|| {
        let mut args = vec!["extract", p];
        args.extend(c.args);
        let extracted = recueil(&args);
        let out = populated_out(dir);
        let before = files_in(&out);
        let mut args = vec![
            "compile".to_string(),
            manifest().to_str().unwrap().to_string(),
            "--report".into(),
            p.to_string(),
            "--out".into(),
            out.to_str().unwrap().to_string(),
        ];
        args.extend(c.args.iter().map(|a| a.to_string()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let compiled = recueil(&args);
        match c.expect {
            Error { line, message } => {
                check_error(&format!("{what} (extract)"), &extracted, p, line, message);
                assert!(
                    extracted.stdout.is_empty(),
                    "{what}: nothing printed on stdout"
                );
                check_error(&format!("{what} (compile)"), &compiled, p, line, message);
                assert_eq!(
                    files_in(&out),
                    before,
                    "{what}: the output folder is unchanged"
                );
            }
            Warning { line, message } => {
                let err = stderr(&extracted);
                assert_eq!(
                    extracted.status.code(),
                    Some(0),
                    "{what}: exit 0; stderr: {err}"
                );
                let expected = format!("{p}:{line}:1: warning: {message}");
                assert!(
                    err.contains(&expected),
                    "{what}: wanted `{expected}` in stderr: {err}"
                );
                let json: serde_json::Value = serde_json::from_slice(&extracted.stdout)
                    .unwrap_or_else(|e| panic!("{what}: stdout is JSON: {e}"));
                assert!(
                    !json[0]["recommendations"].as_array().unwrap().is_empty(),
                    "{what}: recommendations extracted"
                );
            }
        }
    });
    result.map_err(|e| {
        e.downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| format!("{what}: failed"))
    })
}

#[test]
fn every_bad_input_is_refused_or_warned_about() {
    let cases = cases();
    assert!(cases.len() >= 25, "{} cases", cases.len());
    let dir = temp_dir("bad-inputs");
    let failures: Vec<String> = cases
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let d = dir.join(i.to_string());
            std::fs::create_dir_all(&d).unwrap();
            run_case(c, &d).err()
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

/// Every committed fixture is used by a case, so none rots unseen.
#[test]
fn every_fixture_has_a_case() {
    let used: Vec<&str> = cases()
        .iter()
        .filter_map(|c| match c.input {
            Input::Fixture(name) => Some(name),
            _ => None,
        })
        .collect();
    for entry in std::fs::read_dir(root().join("tests/bad")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        // Manifests and the --strict report have tests of their own.
        if name.starts_with("manifest-") || name == "doubtful-classification.txt" {
            continue;
        }
        assert!(
            used.contains(&name.as_str()),
            "tests/bad/{name} has no case"
        );
    }
}

/// A valid report that compiles with the test manifest.
fn good_report(dir: &Path) -> PathBuf {
    let path = dir.join("good.txt");
    std::fs::copy(root().join("tests/odd/plain.txt"), &path).unwrap();
    path
}

fn compile(manifest: &Path, report: Option<&Path>, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "compile".to_string(),
        manifest.to_str().unwrap().to_string(),
        "--out".into(),
        out.to_str().unwrap().to_string(),
    ];
    if let Some(r) = report {
        args.push("--report".into());
        args.push(r.to_str().unwrap().to_string());
    }
    args.extend(extra.iter().map(|a| a.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    recueil(&args)
}

#[test]
fn bad_manifests_are_located_and_write_nothing() {
    let dir = temp_dir("bad-manifests");
    let report = good_report(&dir);
    let cases: &[(&str, usize, &str)] = &[
        ("manifest-missing-field.toml", 4, "missing field `symbol`"),
        ("manifest-unknown-field.toml", 24, "unknown field `colour`"),
        ("manifest-not-toml.toml", 21, ""),
        (
            "manifest-unknown-chapter-key.toml",
            49,
            "override names unknown chapter key `prevension`; chapters: prevention, cooperation, other",
        ),
        ("manifest-missing-report.toml", 25, "report not found: "),
        ("manifest-unknown-language.toml", 8, "unknown language `de`; known: "),
        ("manifest-bad-heading-pattern.toml", 37, "bad heading pattern for `cooperation`"),
        ("manifest-duplicate-chapter-key.toml", 41, "chapter key `prevention` is used twice"),
        ("manifest-bad-reading-pattern.toml", 25, "bad pattern of recommendation chapters"),
    ];
    let mut failures = Vec::new();
    for (name, line, message) in cases {
        let path = bad(name);
        let p = path.to_str().unwrap();
        let out = populated_out(&dir.join(name));
        let before = files_in(&out);
        let result = std::panic::catch_unwind(|| {
            let o = compile(&path, Some(&report), &out, &[]);
            check_error(name, &o, p, Some(*line), message);
            assert_eq!(files_in(&out), before, "{name}: output folder unchanged");
            // extract --manifest refuses it the same way.
            let o = recueil(&["extract", "--manifest", p, report.to_str().unwrap()]);
            check_error(name, &o, p, Some(*line), message);
            assert!(o.stdout.is_empty());
        });
        if let Err(e) = result {
            failures.push(e.downcast_ref::<String>().cloned().unwrap_or_default());
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_missing_manifest_is_an_error() {
    let dir = temp_dir("missing-manifest");
    let out = populated_out(&dir);
    let before = files_in(&out);
    let path = dir.join("absent.toml");
    let o = compile(&path, None, &out, &[]);
    check_error(
        "absent manifest",
        &o,
        path.to_str().unwrap(),
        Some(1),
        "cannot read the manifest",
    );
    assert_eq!(files_in(&out), before);
}

#[test]
fn a_manifest_that_never_ends_is_refused() {
    let dir = temp_dir("endless-manifest");
    let out = populated_out(&dir);
    let before = files_in(&out);
    let o = compile(Path::new("/dev/zero"), None, &out, &[]);
    check_error(
        "endless manifest",
        &o,
        "/dev/zero",
        Some(1),
        "the manifest has more than 4194304 bytes: not a manifest",
    );
    assert_eq!(files_in(&out), before);
}

#[test]
fn the_good_report_compiles_over_the_earlier_output() {
    // The control for the cases above: the same set-up succeeds, and does
    // replace the earlier output.
    let dir = temp_dir("good-compile");
    let report = good_report(&dir);
    let out = populated_out(&dir);
    let o = compile(&manifest(), Some(&report), &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let json = std::fs::read(out.join(OUTPUT)).unwrap();
    let compiled = recueil::render::json::read(&json).expect("the output is a compilation");
    assert_eq!(
        compiled.paragraphs().count(),
        1 + 3,
        "introduction and recommendations"
    );
    assert_eq!(std::fs::read(out.join("notes.txt")).unwrap(), b"keep me\n");
}

#[test]
fn an_output_folder_that_cannot_be_written_leaves_everything_as_it_was() {
    let dir = temp_dir("unwritable-out");
    let report = good_report(&dir);

    // A file where the output folder should be.
    let blocked = dir.join("blocked");
    std::fs::write(&blocked, b"a file, not a folder\n").unwrap();
    let out = blocked.join("out");
    let o = compile(&manifest(), Some(&report), &out, &[]);
    let target = out.join(OUTPUT);
    check_error(
        "file in the way",
        &o,
        target.to_str().unwrap(),
        None,
        "cannot write the output",
    );
    assert_eq!(std::fs::read(&blocked).unwrap(), b"a file, not a folder\n");

    // A folder where the output file should be.
    let out = populated_out(&dir.join("folder-in-the-way"));
    std::fs::remove_file(out.join(OUTPUT)).unwrap();
    std::fs::create_dir(out.join(OUTPUT)).unwrap();
    std::fs::write(out.join(OUTPUT).join("inside.txt"), b"x").unwrap();
    let before = files_in(&out);
    let o = compile(&manifest(), Some(&report), &out, &[]);
    let target = out.join(OUTPUT);
    check_error(
        "folder in the way",
        &o,
        target.to_str().unwrap(),
        None,
        "cannot write the output",
    );
    assert_eq!(files_in(&out), before, "no temporary file left behind");
    assert_eq!(
        std::fs::read(out.join(OUTPUT).join("inside.txt")).unwrap(),
        b"x"
    );
}

#[test]
fn a_report_given_twice_is_refused() {
    let dir = temp_dir("twice");
    let report = good_report(&dir);
    let out = populated_out(&dir);
    let before = files_in(&out);
    let r = report.to_str().unwrap();
    let o = recueil(&[
        "compile",
        manifest().to_str().unwrap(),
        "--report",
        r,
        "--report",
        r,
        "--out",
        out.to_str().unwrap(),
    ]);
    check_error("twice", &o, r, Some(1), "this report is given twice");
    assert_eq!(files_in(&out), before);
}

#[test]
fn doubtful_classifications_are_reviewed_and_refused_when_strict() {
    let dir = temp_dir("strict");
    let out = populated_out(&dir);
    let report = bad("doubtful-classification.txt");
    let r = report.to_str().unwrap();

    // Without --strict: listed for review, written.
    let o = compile(&manifest(), Some(&report), &out, &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains(&format!(
            "{r}:12:1: review: paragraph 3 (CTOC/COP/WG.7/2012/6 para. 2, text 3dacba09 “Les États devraient agir avec diligence.”) → other (0.00)"
        )),
        "{err}"
    );
    let json = std::fs::read(out.join(OUTPUT)).unwrap();
    let compiled = recueil::render::json::read(&json).unwrap();
    assert!(
        compiled.review.iter().any(|d| d.source.paragraph
            == recueil::model::ParagraphRef::number(2)
            && d.classification.confidence == 0.0),
        "{:?}",
        compiled.review
    );

    // With --strict: an error at the recommendation, and the output of the
    // run before stays as it was.
    let before = files_in(&out);
    let o = compile(&manifest(), Some(&report), &out, &["--strict"]);
    check_error(
        "strict",
        &o,
        r,
        Some(12),
        "no rule or model can place this recommendation (--strict)",
    );
    assert!(stderr(&o).contains(
        "hint: add an [[overrides]] entry for report \"CTOC/COP/WG.7/2012/6\" paragraph \"2\""
    ));
    assert_eq!(files_in(&out), before);
}

#[test]
fn duplicate_paragraph_numbers_stop_a_compile_at_the_duplicate() {
    // Extraction goes on with a warning (see the table); a compilation
    // can't tell the two paragraphs apart (overrides name paragraphs by
    // number), so it stops, pointing at the second one.
    let dir = temp_dir("duplicate-compile");
    let out = populated_out(&dir);
    let before = files_in(&out);
    let report = bad("duplicate-paragraph-numbers.txt");
    let o = compile(&manifest(), Some(&report), &out, &[]);
    check_error(
        "duplicate",
        &o,
        report.to_str().unwrap(),
        Some(14),
        "recommendation CTOC/COP/WG.7/2012/6 para. 2 was given more than once",
    );
    assert_eq!(files_in(&out), before);
}
