//! The command line as scripts and people use it: help, exit statuses,
//! diagnostics, and outputs written only when a run succeeds.

mod common;
use common::*;

#[test]
fn help_on_every_subcommand() {
    for sub in ["extract", "compile", "evaluate"] {
        let out = recueil(&[sub, "--help"]);
        assert!(out.status.success(), "{sub} --help");
        let text = stdout(&out);
        assert!(text.contains("Usage: recueil"), "{sub}: {text}");
    }
    let top = stdout(&recueil(&["--help"]));
    for sub in ["extract", "compile", "evaluate"] {
        assert!(top.contains(sub), "top-level help lists {sub}");
    }
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(recueil(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        recueil(&["extract"]).status.code(),
        Some(2),
        "extract needs a report"
    );
    assert_eq!(
        recueil(&["compile"]).status.code(),
        Some(2),
        "compile needs a manifest"
    );
}

#[test]
fn bad_input_exits_1_with_path_line_and_column() {
    let dir = temp_dir("cli-bad");
    let report = dir.join("report.txt");
    std::fs::write(&report, b"  I. Organisation\n\n1. Le Groupe de travail.\n").unwrap();
    let out = recueil(&["extract", report.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!(
            "{}:1:1: error: the report has no recommendations chapter",
            report.display()
        )),
        "{err}"
    );
}

#[test]
fn undecodable_report_is_located() {
    let dir = temp_dir("cli-encoding");
    let report = dir.join("mixed.txt");
    std::fs::write(
        &report,
        b"  I. Recommandations\n\n1. Les \xc3\x89tats parties \xe9\n",
    )
    .unwrap();
    let out = recueil(&["extract", report.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("mixed.txt:3:22: error: cannot decode the text"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn manifest_errors_point_into_the_manifest() {
    let dir = temp_dir("cli-manifest");
    let manifest = dir.join("m.toml");
    std::fs::write(&manifest, "[document]\nname = \"x\"\n").unwrap();
    let out = recueil(&[
        "compile",
        manifest.to_str().unwrap(),
        "--out",
        dir.join("out").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!("{}:", manifest.display())),
        "{err}"
    );
    assert!(err.contains("missing field"), "{err}");
    assert!(!dir.join("out").exists(), "nothing written on failure");
}

#[test]
fn a_document_name_that_leads_out_of_the_output_folder_is_refused() {
    let dir = temp_dir("cli-escape");
    let text = std::fs::read_to_string(manifest_path()).unwrap();
    for bad in ["../escaped", "/tmp/escaped", "inner/escaped", ".."] {
        let manifest = dir.join("m.toml");
        let changed = text.replacen(
            "name = \"CTOC-COP-WG.7-2015-5.fr\"",
            &format!("name = \"{bad}\""),
            1,
        );
        assert_ne!(changed, text);
        std::fs::write(&manifest, changed).unwrap();
        let out_dir = dir.join("out").join("inner");
        let out = recueil(&[
            "compile",
            manifest.to_str().unwrap(),
            "--out",
            out_dir.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(1), "{bad}");
        let err = stderr(&out);
        assert!(err.contains("is not a plain file name"), "{bad}: {err}");
        assert!(
            err.starts_with(&format!("{}:", manifest.display())),
            "{err}"
        );
        assert!(!dir.join("out").exists(), "{bad}: nothing written");
        assert!(!dir.join("escaped.docx").exists());
    }
}

#[test]
fn a_pdf_without_pdftotext_names_the_fix() {
    let pdf = root().join("tests/shapes/en-typed/report.pdf");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_recueil"))
        .args(["extract", pdf.to_str().unwrap()])
        .env("PATH", "")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("pdftotext is not installed"), "{err}");
    assert!(err.contains("poppler-utils"), "{err}");
}

#[test]
fn evaluate_takes_a_manifest_for_its_edition() {
    // The next-edition manifest learns from the published edition: that is
    // the edition measured, read with the manifest's chapters.
    let out = recueil(&["evaluate", "sources/wg-som/next-edition.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("leave-one-out accuracy: "), "{text}");
    assert!(text.contains("/88 = "), "{text}");
    // A manifest naming no published edition says what to give instead.
    let out = recueil(&["evaluate", "sources/wg-som/compilation.toml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(
            "sources/wg-som/compilation.toml:1:1: error: this manifest names no published edition"
        ),
        "{err}"
    );
    assert!(err.contains("--manifest MANIFEST"), "{err}");
}

#[test]
fn a_compilation_run_again_says_what_it_left_unchanged() {
    use std::os::unix::fs::MetadataExt;
    let out = temp_dir("cli-again").join("out");
    let run = || {
        let o = recueil(&[
            "compile",
            manifest_path().to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        stderr(&o).lines().last().unwrap_or("").to_string()
    };
    let first = run();
    assert!(first.starts_with("wrote "), "{first}");
    let pdf = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "pdf"))
        .unwrap();
    let inode = std::fs::metadata(&pdf).unwrap().ino();
    let second = run();
    assert!(second.starts_with("unchanged: "), "{second}");
    assert!(
        second.contains(".pdf") && second.contains(".docx"),
        "{second}"
    );
    assert_eq!(std::fs::metadata(&pdf).unwrap().ino(), inode);
    // A file changed by hand is written again, and said so.
    std::fs::write(&pdf, b"edited").unwrap();
    let third = run();
    assert!(
        third.starts_with("wrote ") && third.contains("; unchanged: "),
        "{third}"
    );
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
}
