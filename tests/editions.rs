//! After a session: the next edition from the published one plus the new
//! meeting's report; editions read back; the diff between editions.

mod common;
use common::*;
use recueil::model::Compilation;
use std::path::PathBuf;

const THIRD: &str = "tests/fixtures/third-meeting/CTOC-COP-WG.7-2015-6.fr.txt";

/// The next edition's manifest kept in the project: the published edition
/// as base and as the model's lesson, and the one decision a person confirmed.
fn next_manifest() -> PathBuf {
    root().join("sources/wg-som/next-edition.toml")
}

const NEXT_NAME: &str = "CTOC-COP-WG.7-2016-2.fr";

/// The next-edition command exactly as the README prints it (continuation
/// lines joined), its arguments after the binary.
fn readme_next_edition_command() -> Vec<String> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme
        .find("target/release/recueil compile sources/wg-som/next-edition.toml")
        .expect("the README shows the next-edition command");
    let mut command = String::new();
    for line in readme[start..].lines() {
        match line.strip_suffix('\\') {
            Some(part) => command.push_str(part),
            None => {
                command.push_str(line);
                break;
            }
        }
    }
    command
        .split_whitespace()
        .skip(1)
        .map(String::from)
        .collect()
}

/// The README's next-edition command, run with its `--out` moved to a
/// folder of the test's own.
fn compile_next(name: &str) -> (PathBuf, Compilation) {
    let out = temp_dir(name).join("out");
    let mut args = readme_next_edition_command();
    let at = args.iter().position(|a| a == "--out").expect("--out");
    args[at + 1] = out.to_str().unwrap().to_string();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = recueil(&args);
    assert!(run.status.success(), "{}", stderr(&run));
    let json = out.join(format!("{NEXT_NAME}.json"));
    let c = recueil::render::json::read(&std::fs::read(&json).unwrap()).unwrap();
    (json, c)
}

#[test]
fn the_readme_next_edition_command_names_the_projects_files() {
    let args = readme_next_edition_command();
    assert_eq!(args[0], "compile");
    for file in [&args[1], &args[3]] {
        assert!(root().join(file).is_file(), "{file} is in the project");
    }
    assert_eq!(root().join(&args[1]), next_manifest());
    assert_eq!(args[2], "--report");
    assert_eq!(args[3], THIRD);
}

#[test]
fn the_third_meeting_continues_the_published_edition() {
    let published = published_compilation();
    let (_, next) = compile_next("next-edition");

    assert_eq!(
        next.introduction, published.introduction,
        "introduction unchanged"
    );
    let numbers: Vec<u32> = next.paragraphs().map(|p| p.number).collect();
    assert_eq!(
        numbers,
        (1..=98).collect::<Vec<_>>(),
        "92 + 6 paragraphs, numbered consecutively"
    );
    assert_eq!(next.meetings.len(), 3);
    let third = &next.meetings[2];
    assert_eq!(
        (third.ordinal, third.start.to_string()),
        (Some(3), "2015-11-18".to_string())
    );

    for (new, old) in next.chapters.iter().zip(&published.chapters) {
        assert_eq!(
            (&new.key, &new.numeral, &new.title),
            (&old.key, &old.numeral, &old.title)
        );
        // Every earlier recommendation, in the same place and order, same text.
        for (g_new, g_old) in new.groups.iter().zip(&old.groups) {
            assert_eq!((&g_new.letter, &g_new.title), (&g_old.letter, &g_old.title));
            let a: Vec<String> = g_new.paragraphs.iter().map(full_text).collect();
            let b: Vec<String> = g_old.paragraphs.iter().map(full_text).collect();
            assert_eq!(a, b, "chapter {} {}", new.numeral, g_old.letter);
        }
        // Each chapter of this edition received one recommendation or more of
        // the third meeting, under a new subheading C.
        assert_eq!(new.groups.len(), 3, "chapter {}", new.numeral);
        let c = &new.groups[2];
        assert_eq!(c.letter, "C");
        assert_eq!(
            c.title,
            "Recommandations adoptées par le Groupe de travail à sa troisième réunion, tenue à Vienne du 18 au 20 novembre 2015"
        );
        assert!(c
            .paragraphs
            .iter()
            .all(|p| p.source.as_ref().unwrap().report == "CTOC/COP/WG.7/2015/6"));
    }
    // The review list stays shorter than a third of the new recommendations
    // (measured: one, a model decision under the threshold).
    assert!(
        next.review.len() * 3 < 6,
        "{} of 6 left for review",
        next.review.len()
    );
    let research_c = &next.chapters[4].groups[2].paragraphs;
    assert_eq!(research_c.len(), 1);
    assert!(research_c[0]
        .text
        .starts_with("Les États parties sont invités à recueillir"));
    assert!(
        research_c[0].text.ends_with("rapport mondial."),
        "a list item's `;` becomes a full stop"
    );
}

#[test]
fn a_report_given_twice_or_a_meeting_already_published_is_refused() {
    let dir = temp_dir("next-twice");
    let manifest = next_manifest();
    let out = dir.join("out");
    let twice = recueil(&[
        "compile",
        manifest.to_str().unwrap(),
        "--report",
        THIRD,
        "--report",
        THIRD,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(twice.status.code(), Some(1));
    assert!(
        stderr(&twice).contains("this report is given twice"),
        "{}",
        stderr(&twice)
    );

    let second = dir.join("second.txt");
    std::fs::write(
        &second,
        " Nations Unies CTOC/COP/WG.7/2013/5\n\nFrançais\n\nRapport sur la réunion tenue à Vienne du 11 au 13 novembre 2013\n\n  I. Recommandations\n\n1. Les États parties devraient agir.\n",
    )
    .unwrap();
    let again = recueil(&[
        "compile",
        manifest.to_str().unwrap(),
        "--report",
        second.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("is already in the base edition"),
        "{}",
        stderr(&again)
    );
    assert!(!out.exists(), "nothing written");
}

#[test]
fn json_edition_reads_back_as_the_same_model() {
    let (json, next) = compile_next("next-json");
    let rules = manifest().chapter_rules();
    let back = recueil::pipeline::read_any_edition(&json, &rules, Default::default()).unwrap();
    assert_eq!(back, next);
}

#[test]
fn diff_between_the_reference_and_the_next_edition() {
    let (json, _) = compile_next("next-diff");
    let run = recueil(&[
        "diff",
        reference_path().to_str().unwrap(),
        json.to_str().unwrap(),
        "--json",
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let d: serde_json::Value = serde_json::from_str(&stdout(&run)).unwrap();
    let changes = d["changes"].as_array().unwrap();
    let count = |kind: &str| changes.iter().filter(|c| c["change"] == kind).count();
    assert_eq!(count("added"), 6, "the third meeting's six recommendations");
    assert_eq!(count("removed"), 0);
    assert_eq!(count("moved"), 0);
    assert_eq!(count("reworded"), 0);
    // Paragraphs 1-29 stay put (the first addition is 30); 30-92 shift.
    assert_eq!(
        d["unchanged"].as_u64().unwrap() + count("renumbered") as u64,
        88
    );
    assert!(count("renumbered") > 50);

    let text = recueil(&[
        "diff",
        reference_path().to_str().unwrap(),
        json.to_str().unwrap(),
    ]);
    let last = stdout(&text).lines().last().unwrap().to_string();
    assert!(last.starts_with("6 added, 0 removed, 0 moved,"), "{last}");
}

#[test]
fn diff_sees_a_reworded_and_a_moved_recommendation() {
    let old = published_compilation();
    let mut new = old.clone();
    new.chapters[0].groups[0].paragraphs[0].text = new.chapters[0].groups[0].paragraphs[0]
        .text
        .replace("faire mieux connaître", "mieux faire connaître");
    let moved = new.chapters[1].groups[0].paragraphs.remove(0);
    new.chapters[2].groups[0].paragraphs.push(moved);
    let d = recueil::diff::diff(&old, &new);
    let text = recueil::diff::to_text(&d);
    assert!(text.contains("reworded      5 → 5"), "{text}");
    // The longest common run keeps `faire`; `mieux` moves before it.
    assert!(
        text.contains("{+mieux+} faire [-mieux-] connaître"),
        "{text}"
    );
    assert!(
        text.contains("moved        16 → 16  protection → criminalization"),
        "{text}"
    );
}

#[test]
fn the_model_never_learns_from_the_edition_it_regenerates() {
    let dir = temp_dir("learn-from-self");
    let text = std::fs::read_to_string(manifest_path()).unwrap().replace(
        "editions = []",
        &format!(
            "editions = [\"{}\"]",
            reference_path().canonicalize().unwrap().display()
        ),
    );
    let reports = root().join("sources/wg-som/reports");
    let text = text.replace(
        "path = \"reports/",
        &format!("path = \"{}/", reports.display()),
    );
    let manifest = dir.join("self.toml");
    std::fs::write(&manifest, text).unwrap();
    let run = recueil(&[
        "compile",
        manifest.to_str().unwrap(),
        "--out",
        dir.join("out").to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("the model cannot learn from"),
        "{}",
        stderr(&run)
    );
    assert!(!dir.join("out").exists());
}

#[test]
fn json_docx_and_pdf_editions_read_back_as_the_model_written() {
    let dir = temp_dir("round-trip");
    let out = dir.join("out");
    let run = recueil(&[
        "compile",
        manifest_path().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let written = recueil::render::json::read(
        &std::fs::read(out.join("CTOC-COP-WG.7-2015-5.fr.json")).unwrap(),
    )
    .unwrap();
    let rules = manifest().chapter_rules();
    for ending in ["json", "docx", "pdf"] {
        let path = out.join(format!("CTOC-COP-WG.7-2015-5.fr.{ending}"));
        let back = recueil::pipeline::read_any_edition(&path, &rules, Default::default())
            .unwrap_or_else(|e| panic!("{ending}: {e}"));
        let (back_text, written_text) = (content(&back), content(&written));
        let first_difference = back_text
            .lines()
            .zip(written_text.lines())
            .find(|(a, b)| a != b);
        assert_eq!(first_difference, None, "{ending} reads back as written");
        assert_eq!(back_text, written_text, "{ending}: same length");
        assert_eq!(back.meetings, written.meetings, "{ending}: meetings");
        if ending != "json" {
            assert_eq!(
                back.front.symbol, "CTOC/COP/WG.7/2015/5",
                "{ending}: symbol read from the masthead"
            );
        }
    }
    // And the published text reads back as the same document too.
    assert_eq!(content(&published_compilation()), content(&written));
}
