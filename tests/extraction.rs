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
