//! `recueil batch` over a folder of prior reports: good ones in text and
//! Word, and a bad one that must not stop the others.

mod common;
use common::*;
use std::io::Write;
use std::path::Path;

/// A Word original of a text report: one Word paragraph per block of
/// lines, without the page furniture that only the PDF has.
fn write_docx(text: &str, path: &Path) {
    let mut body = String::new();
    let blocks = text.split("\n\n").map(|b| {
        b.lines()
            .map(|l| l.trim_matches(|c: char| c == '\u{c}' || c == ' '))
            .filter(|l| {
                !l.is_empty()
                    && !l.starts_with("CTOC/")
                    && !l.contains("V.15-08596")
                    && !l.starts_with('*')
            })
            .collect::<Vec<_>>()
            .join(" ")
    });
    for block in blocks.filter(|b| !b.is_empty()) {
        let escaped = block
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        body.push_str(&format!(
            "<w:p><w:r><w:t xml:space=\"preserve\">{escaped}</w:t></w:r></w:p>"
        ));
    }
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap();
}

#[test]
fn batch_goes_on_past_a_bad_report_and_names_it() {
    let dir = temp_dir("batch");
    let input = dir.join("reports");
    std::fs::create_dir_all(input.join("2015")).unwrap();
    let third = std::fs::read_to_string(
        root().join("tests/fixtures/third-meeting/CTOC-COP-WG.7-2015-6.fr.txt"),
    )
    .unwrap();
    std::fs::write(input.join("2015/third.txt"), &third).unwrap();
    write_docx(&third, &input.join("2015/third-word.docx"));
    std::fs::write(input.join("broken.txt"), "  I. Organisation de la réunion\n\n1. Le Groupe de travail a examiné les questions de fond de la réunion.\n").unwrap();
    std::fs::write(input.join("notes.md"), "not a report").unwrap();
    let out = dir.join("out");

    let run = recueil(&[
        "batch",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        run.status.code(),
        Some(1),
        "a failed report makes the batch fail"
    );
    let err = stderr(&run);
    assert!(err.contains("broken.txt"), "{err}");
    assert!(
        stdout(&run).starts_with("3 reports, 1 failed, 12 recommendations"),
        "{}",
        stdout(&run)
    );

    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["total_reports"], 3);
    assert_eq!(summary["failed"], 1);
    let reports = summary["reports"].as_array().unwrap();
    let broken = reports
        .iter()
        .find(|r| r["file"].as_str().unwrap().ends_with("broken.txt"))
        .unwrap();
    assert!(broken["error"]
        .as_str()
        .unwrap()
        .contains("no recommendations chapter"));

    // The Word original gives what its text twin gives.
    let text: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("2015/third.txt.json")).unwrap()).unwrap();
    let word: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("2015/third-word.docx.json")).unwrap())
            .unwrap();
    let texts = |v: &serde_json::Value| -> Vec<String> {
        v["recommendations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["text"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(texts(&text).len(), 6);
    assert_eq!(texts(&text), texts(&word));
    assert_eq!(text["meeting"], word["meeting"]);
    assert!(!out.join("broken.txt.json").exists());
}

/// `recueil batch --quiet` of the folder `input` into `out`.
fn quiet_batch(input: &Path, out: &Path) -> std::process::Output {
    recueil(&[
        "batch",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ])
}

#[test]
fn batch_of_good_reports_succeeds_quietly() {
    let dir = temp_dir("batch-good");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy(
        root().join("tests/fixtures/third-meeting/CTOC-COP-WG.7-2015-6.fr.txt"),
        input.join("a.txt"),
    )
    .unwrap();
    let out = dir.join("out");
    let run = quiet_batch(&input, &out);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(stderr(&run).is_empty(), "quiet: {}", stderr(&run));
    assert!(out.join("a.txt.json").is_file());
}

#[test]
fn a_batch_run_again_rewrites_only_what_changed() {
    use std::os::unix::fs::MetadataExt;
    let dir = temp_dir("batch-again");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    let third = std::fs::read_to_string(
        root().join("tests/fixtures/third-meeting/CTOC-COP-WG.7-2015-6.fr.txt"),
    )
    .unwrap();
    std::fs::write(input.join("a.txt"), &third).unwrap();
    std::fs::write(input.join("b.txt"), &third).unwrap();
    let out = dir.join("out");
    let run = || {
        let run = quiet_batch(&input, &out);
        assert!(run.status.success(), "{}", stderr(&run));
    };
    let inode = |name: &str| std::fs::metadata(out.join(name)).unwrap().ino();
    run();
    let (a, b) = (inode("a.txt.json"), inode("b.txt.json"));
    // b's report changes by one word of a recommendation; a's not at all.
    let changed = third.replacen("priorité absolue", "priorité première", 1);
    assert_ne!(changed, third);
    std::fs::write(input.join("b.txt"), changed).unwrap();
    run();
    assert_eq!(inode("a.txt.json"), a, "a's JSON is the same file");
    assert_ne!(inode("b.txt.json"), b, "b's JSON is written anew");
    let listing: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(listing.is_empty(), "{listing:?}");
}

#[test]
fn a_pdf_report_is_read_through_its_text_layer() {
    // LibreOffice prints the text report to PDF, as a report's PDF would be;
    // recueil must draw the same recommendations out of its text layer.
    let dir = temp_dir("pdf-report");
    let text = root().join("tests/fixtures/third-meeting/CTOC-COP-WG.7-2015-6.fr.txt");
    std::fs::copy(&text, dir.join("report.txt")).unwrap();
    let converted = std::process::Command::new("soffice")
        .args(["--headless", &format!("-env:UserInstallation=file://{}/profile", dir.display())])
        .args(["--convert-to", "pdf", "--outdir", dir.to_str().unwrap(), dir.join("report.txt").to_str().unwrap()])
        .output()
        .expect("soffice (Debian package libreoffice-writer, installed by `make setup`) prints the report to PDF");
    assert!(
        converted.status.success(),
        "{}",
        String::from_utf8_lossy(&converted.stderr)
    );
    // Named without an ending: recueil tells a PDF by its content.
    std::fs::rename(dir.join("report.pdf"), dir.join("report-as-pdf")).unwrap();
    let texts = |path: &Path| -> Vec<String> {
        let run = recueil(&["extract", path.to_str().unwrap()]);
        assert!(run.status.success(), "{}", stderr(&run));
        let v: serde_json::Value = serde_json::from_str(&stdout(&run)).unwrap();
        v[0]["recommendations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["text"].as_str().unwrap().to_string())
            .collect()
    };
    let from_pdf = texts(&dir.join("report-as-pdf"));
    assert_eq!(from_pdf.len(), 6);
    assert_eq!(from_pdf, texts(&text));
}
