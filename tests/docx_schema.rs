//! Every Word document recueil writes is valid against the Office Open XML
//! schema, as an Open XML SDK-class validator checks it: a property out of
//! order is one Word silently drops or repairs, and one a strict consumer
//! refuses.

mod common;

use common::{checking_tool, write_both_editions};
use std::process::Command;

#[test]
fn every_docx_the_project_writes_has_no_validator_error() {
    let validator = checking_tool("openxml-audit");
    let (dir, names) = write_both_editions("docx-schema");
    for name in names {
        let path = dir.join(format!("{name}.docx"));
        let out = Command::new(&validator)
            .args(["-m", "0", "-o", "json"])
            .arg(&path)
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", validator.display()));
        let report = String::from_utf8_lossy(&out.stdout);
        let verdict: serde_json::Value = serde_json::from_str(&report).unwrap_or_else(|e| {
            panic!(
                "openxml-audit gave no JSON report ({e}):\n{report}\n{}",
                String::from_utf8_lossy(&out.stderr)
            )
        });
        let file = &verdict[0];
        let errors = file["error_count"].as_u64();
        assert_eq!(
            errors,
            Some(0),
            "{name}.docx: validator errors:\n{:#}",
            file["errors"]
        );
        assert_eq!(file["valid"], serde_json::Value::Bool(true), "{report}");
        assert!(out.status.success(), "{report}");
    }
}
