//! Snapshots of what recueil draws out of each source report: every
//! recommendation with its provenance, chapter, confidence and reason.
//! A change here is a change of the product: review it with
//! `cargo insta review`, never accept it blindly.

mod common;
use common::*;
use recueil::pipeline::{self, Limits};

fn snapshot_of(report: &str) -> String {
    let manifest = manifest();
    let path = manifest.resolve(report);
    let mut extraction =
        vec![pipeline::read_report(&path, Limits::default()).expect("the report reads")];
    let mut classified =
        pipeline::classify(&extraction, Some(&manifest), None, &[]).expect("the report classifies");
    let (e, c) = (&mut extraction[0], &mut classified[0]);
    // Paths differ between machines; the snapshot names the file only.
    e.report.file = report.to_string();
    for r in &mut c.recommendations {
        r.recommendation.source.file = report.to_string();
    }
    let mut out = serde_json::to_string_pretty(&recueil::render::extraction::report(&e.report, c))
        .expect("serialises");
    for w in &e.warnings {
        out.push_str(&format!("\nwarning: {}", w.message));
    }
    out
}

#[test]
fn first_meeting_report() {
    insta::assert_snapshot!(snapshot_of("reports/CTOC-COP-WG.7-2012-6.fr.txt"));
}

#[test]
fn second_meeting_report() {
    insta::assert_snapshot!(snapshot_of("reports/CTOC-COP-WG.7-2013-5.fr.txt"));
}

#[test]
fn third_meeting_report() {
    let root = root();
    let path = root.join("tests/fixtures/third-meeting/CTOC-COP-WG.7-2015-6.fr.txt");
    let mut extraction = vec![pipeline::read_report(&path, Limits::default()).unwrap()];
    let classified = pipeline::classify(&extraction, None, None, &[]).unwrap();
    let e = &mut extraction[0];
    e.report.file = "CTOC-COP-WG.7-2015-6.fr.txt".into();
    insta::assert_json_snapshot!(recueil::render::extraction::report(
        &e.report,
        &classified[0]
    ));
}

#[path = "../benches/common/corpus.rs"]
#[allow(dead_code)]
mod corpus;

/// A report long enough to be read on both cores (its passes, its lines'
/// openings, its JSON in pieces) and through a mapping of its file gives,
/// copy after copy, what its one copy gives: the same texts, headings and
/// chapters, paragraphs numbered on.
#[test]
fn a_long_report_reads_as_its_copies() {
    let dir = temp_dir("long-report");
    let extract = |copies: usize| -> Vec<serde_json::Value> {
        let path = dir.join(format!("x{copies}.txt"));
        std::fs::write(&path, corpus::big_report(copies)).unwrap();
        let out = recueil(&["extract", "--quiet", path.to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
        let reports: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        reports[0]["recommendations"].as_array().unwrap().clone()
    };
    let (one, copies) = (extract(1), 52);
    let many = extract(copies);
    assert!(
        corpus::big_report(copies).len() > 1024 * 1024,
        "long enough to be shared out, and read through a mapping"
    );
    assert_eq!(many.len(), one.len() * copies);
    let number = |r: &serde_json::Value| -> u32 {
        let p = r["paragraph"].as_str().unwrap();
        p.split(' ').next().unwrap().parse().unwrap()
    };
    let per_copy = one.iter().map(number).max().unwrap();
    for (i, r) in many.iter().enumerate() {
        let (copy, o) = (i / one.len(), &one[i % one.len()]);
        for field in [
            "text",
            "heading",
            "section",
            "confidence",
            "doubtful",
            "reason",
        ] {
            assert_eq!(r[field], o[field], "recommendation {i}, {field}");
        }
        assert_eq!(
            number(r),
            number(o) + copy as u32 * per_copy,
            "recommendation {i}"
        );
    }
}
