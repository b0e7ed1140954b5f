//! Many reports at once: every report under a folder, extracted in
//! parallel, one JSON per report and a summary. One bad file never stops
//! the batch; it is named in the summary.

use crate::diagnostic::Diagnostic;
use crate::manifest::Manifest;
use crate::model::Meeting;
use crate::pipeline::{self, Limits};
use rayon::prelude::*;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// File endings taken as reports.
pub(crate) const REPORT_ENDINGS: &[&str] = &["txt", "docx", "pdf"];

#[derive(Debug, Clone, Serialize)]
pub struct ReportSummary {
    pub file: String,
    /// Where its JSON was written, relative to the output folder.
    pub output: Option<String>,
    pub symbol: Option<String>,
    pub meeting: Option<Meeting>,
    pub recommendations: usize,
    pub doubtful: usize,
    pub warnings: Vec<String>,
    pub error: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub reports: Vec<ReportSummary>,
    pub total_reports: usize,
    pub failed: usize,
    pub total_recommendations: usize,
    pub total_doubtful: usize,
    pub total_warnings: usize,
}

impl ReportSummary {
    /// What became of the report, in a few words.
    pub fn status(&self) -> String {
        match &self.error {
            Some(e) => format!("FAILED: {e}"),
            None => format!(
                "{} recommendations, {} doubtful",
                self.recommendations, self.doubtful
            ),
        }
    }
}

impl Summary {
    /// The closing line of a batch written to `out`.
    pub fn line(&self, out: &Path) -> String {
        format!(
            "{} reports, {} failed, {} recommendations, {} doubtful, {} warnings; summary in {}",
            self.total_reports,
            self.failed,
            self.total_recommendations,
            self.total_doubtful,
            self.total_warnings,
            out.join("summary.json").display()
        )
    }

    /// An error naming the reports that failed, if any did.
    pub fn check(&self, dir: &Path) -> Result<(), Diagnostic> {
        let failed: Vec<&str> = self
            .reports
            .iter()
            .filter(|r| r.error.is_some())
            .map(|r| r.file.as_str())
            .collect();
        if failed.is_empty() {
            return Ok(());
        }
        Err(Diagnostic::error(
            dir.display().to_string(),
            0,
            0,
            format!("{} report(s) failed: {}", failed.len(), failed.join(", ")),
        ))
    }
}

/// Every report file under `dir`, in a stable order.
pub fn find_reports(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).map_err(|e| {
            Diagnostic::error(
                d.display().to_string(),
                0,
                0,
                format!("cannot list the folder: {e}"),
            )
        })?;
        for entry in entries.flatten() {
            let path = entry.path();
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            if hidden {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else if path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| REPORT_ENDINGS.iter().any(|r| e.eq_ignore_ascii_case(r)))
            {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Extracts `reports` (found under `dir` by [`find_reports`]) into `out`;
/// `progress` is called once per report as it finishes (from worker threads).
pub fn run(
    reports: &[PathBuf],
    dir: &Path,
    out: &Path,
    manifest: Option<&Manifest>,
    limits: Limits,
    progress: &(dyn Fn(&ReportSummary) + Sync),
) -> Result<Summary, Diagnostic> {
    let learning = match manifest {
        Some(m) => Some(pipeline::learn(m, limits, &[])?),
        None => None,
    };
    // Compiled once for the whole batch, like the language's patterns.
    let chapters = manifest
        .map(Manifest::recommendation_chapters)
        .unwrap_or_default();
    let summaries: Vec<ReportSummary> = reports
        .par_iter()
        .map(|path| {
            let s = one(
                path,
                dir,
                out,
                manifest,
                &chapters,
                learning.as_ref(),
                limits,
            );
            progress(&s);
            s
        })
        .collect();
    let summary = Summary {
        total_reports: summaries.len(),
        failed: summaries.iter().filter(|s| s.error.is_some()).count(),
        total_recommendations: summaries.iter().map(|s| s.recommendations).sum(),
        total_doubtful: summaries.iter().map(|s| s.doubtful).sum(),
        total_warnings: summaries.iter().map(|s| s.warnings.len()).sum(),
        reports: summaries,
    };
    let mut json = serde_json::to_vec_pretty(&summary).expect("the summary serialises");
    json.push(b'\n');
    crate::output::write_all(&[(out.join("summary.json"), json)])?;
    Ok(summary)
}

fn one(
    path: &Path,
    dir: &Path,
    out: &Path,
    manifest: Option<&Manifest>,
    chapters: &[regex::Regex],
    learning: Option<&pipeline::Learning>,
    limits: Limits,
) -> ReportSummary {
    let mut s = ReportSummary {
        file: path.display().to_string(),
        output: None,
        symbol: None,
        meeting: None,
        recommendations: 0,
        doubtful: 0,
        warnings: Vec::new(),
        error: None,
    };
    let result = (|| -> Result<(), Diagnostic> {
        let extraction = [pipeline::read_report_in(path, limits, chapters)?];
        let classified = pipeline::classify(&extraction, manifest, learning, &[])?;
        let (e, c) = (&extraction[0], &classified[0]);
        s.symbol = e.report.masthead.symbol.clone();
        s.meeting = Some(c.meeting.clone());
        s.recommendations = c.recommendations.len();
        s.doubtful = c.doubtful();
        s.warnings = e.warnings.iter().map(ToString::to_string).collect();
        let relative = path.strip_prefix(dir).unwrap_or(path);
        let target = PathBuf::from(format!("{}.json", relative.display()));
        let mut json = serde_json::to_vec_pretty(&crate::render::extraction::report(&e.report, c))
            .expect("an extraction serialises");
        json.push(b'\n');
        crate::output::write_all(&[(out.join(&target), json)])?;
        s.output = Some(target.display().to_string());
        Ok(())
    })();
    if let Err(d) = result {
        s.error = Some(d.to_string());
    }
    s
}
