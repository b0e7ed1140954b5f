//! Helpers shared by the end-to-end tests: the real binary, the real
//! sources, and the published edition kept in the project.
#![allow(dead_code)]

use recueil::manifest::Manifest;
use recueil::model::Compilation;
use recueil::pipeline::{self, Limits};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The published French compilation, as the secretariat keeps it beside
/// the sources: the base of the next edition and the model's lesson.
pub fn reference_path() -> PathBuf {
    root().join("sources/wg-som/editions/CTOC-COP-WG.7-2015-5.fr.txt")
}

pub fn manifest_path() -> PathBuf {
    root().join("sources/wg-som/compilation.toml")
}

pub fn manifest() -> Manifest {
    Manifest::load(&manifest_path()).expect("the project's manifest loads")
}

/// The compilation regenerated from the two source reports.
pub fn reference_compilation() -> Compilation {
    pipeline::compile_manifest(&manifest(), &[], Limits::default(), |_| {})
        .expect("the sources compile")
        .compilation
}

/// The published reference, read back with recueil's own reader.
pub fn published_compilation() -> Compilation {
    pipeline::read_edition(
        &reference_path(),
        &manifest().chapter_rules(),
        Limits::default(),
    )
    .expect("the reference reads back")
}

pub fn recueil(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_recueil"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the recueil binary runs")
}

/// A fresh empty folder for one test, under the build's own scratch
/// folder: the next run (or `cargo clean`) clears it, and runs leave
/// nothing in the system's temporary folder.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("test-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Whitespace runs as one space, ends trimmed.
pub fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Paragraph text with its sub-items inline, as compared with the reference.
pub fn full_text(p: &recueil::model::NumberedParagraph) -> String {
    normalise(&p.inline_text())
}

pub fn files_in(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| {
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        std::fs::read(e.path()).unwrap_or_default(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// A checking tool, on PATH or where `tools/setup-system.sh` puts what it
/// installs with pip (`~/.local/bin`); a missing one fails the test with
/// the command that installs it, since a skipped check would pass unnoticed.
pub fn checking_tool(name: &str) -> PathBuf {
    let local = std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/bin"));
    std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .chain(local)
        .map(|dir| dir.join(name))
        .find(|path| path.is_file())
        .unwrap_or_else(|| {
            panic!(
                "`{name}` is not installed: run `make setup-check` (tools/setup-system.sh check)"
            )
        })
}

/// Runs a checking tool and gives its standard output; a failure shows both
/// of its outputs.
pub fn run_tool(cmd: &mut Command) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `file` converted by LibreOffice to `format` (`pdf`, `fodt`) in the folder
/// `out`, as an editor would open and print it; gives the converted file.
pub fn libreoffice_convert(file: &Path, format: &str, out: &Path) -> PathBuf {
    // A private profile: concurrent LibreOffice runs sharing one would block
    // on each other's lock.
    let profile = format!(
        "-env:UserInstallation=file://{}",
        out.join(".profile").display()
    );
    run_tool(
        Command::new(checking_tool("soffice"))
            .arg(profile)
            .args(["--headless", "--convert-to", format, "--outdir"])
            .arg(out)
            .arg(file),
    );
    let stem = file.file_stem().expect("a file name").to_string_lossy();
    let converted = out.join(format!("{stem}.{format}"));
    assert!(
        converted.is_file(),
        "LibreOffice wrote no {format} for {}",
        file.display()
    );
    converted
}

/// What an edition says, without what only the model knows (provenance,
/// classification reasons, review list, the first page's layout fields):
/// compared between an edition and its reading back.
pub fn content(c: &Compilation) -> String {
    let mut out = format!("{}. {}\n", c.introduction.numeral, c.introduction.title);
    for p in &c.introduction.paragraphs {
        out.push_str(&format!("{}. {}\n", p.number, full_text(p)));
    }
    for ch in &c.chapters {
        out.push_str(&format!("{} {}. {}\n", ch.key, ch.numeral, ch.title));
        for g in &ch.groups {
            out.push_str(&format!("{}. {} {:?}\n", g.letter, g.title, g.meeting));
            for p in &g.paragraphs {
                out.push_str(&format!("{}. {}\n", p.number, full_text(p)));
                for item in &p.items {
                    out.push_str(&format!("  {} {}\n", item.label, item.text));
                }
            }
        }
    }
    out
}

/// Writes the published edition and the next one (with the third meeting's
/// report) with the real binary, as `make` and the README do; gives the
/// folder and the two edition names.
pub fn write_both_editions(name: &str) -> (PathBuf, [&'static str; 2]) {
    let out = temp_dir(name);
    let dir = out.to_str().expect("UTF-8 temp path");
    let runs = [
        recueil(&[
            "compile",
            "sources/wg-som/compilation.toml",
            "--out",
            dir,
            "--quiet",
        ]),
        recueil(&[
            "compile",
            "sources/wg-som/next-edition.toml",
            "--report",
            "tests/fixtures/third-meeting/CTOC-COP-WG.7-2015-6.fr.txt",
            "--out",
            dir,
            "--quiet",
        ]),
    ];
    for run in &runs {
        assert!(run.status.success(), "{}", stderr(run));
    }
    (out, ["CTOC-COP-WG.7-2015-5.fr", "CTOC-COP-WG.7-2016-2.fr"])
}
