//! The command line's arguments and options: part of the `recueil`
//! command, not of the library.

use clap::{Args, Parser, Subcommand};
use recueil::diagnostic::Format;
use std::path::PathBuf;

/// Compiles the recommendations adopted by a UN working group, report after
/// report, into the consolidated information document (JSON, DOCX, PDF).
#[derive(Parser)]
#[command(name = "recueil", version, propagate_version = true)]
#[command(
    after_help = "Exit status: 0 on success, 1 on bad input, 2 on bad usage.\nErrors are written as `path:line:col: error: message`."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    pub global: Global,
}

#[derive(Args)]
pub struct Global {
    /// No progress messages; errors and warnings on one line each.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Errors and warnings as JSON, one object per line on stderr.
    #[arg(long = "json-diagnostics", global = true)]
    pub json_diagnostics: bool,
    /// Refuse input files larger than this many bytes.
    #[arg(long, global = true, default_value_t = recueil::source::DEFAULT_MAX_BYTES, value_name = "BYTES")]
    pub max_bytes: u64,
}

#[derive(Subcommand)]
pub enum Command {
    /// Read reports and print their recommendations, classified, as JSON.
    ///
    /// One object per report: file, symbol, language, meeting {ordinal,
    /// place, start, end} and recommendations [{source, line, section,
    /// confidence, reason, text}].
    Extract {
        /// Classify with this manifest's chapters, rules and overrides
        /// (default: the built-in chapters of the report's language).
        #[arg(long, value_name = "FILE")]
        manifest: Option<PathBuf>,
        /// Report files (text drawn from a PDF, in any common encoding).
        #[arg(required = true, value_name = "REPORT")]
        reports: Vec<PathBuf>,
    },
    /// Compile the document a manifest describes into DIR.
    ///
    /// Writes <name>.json, <name>.docx and <name>.pdf in DIR (the name is
    /// the manifest's document.name; the PDF's fonts are the manifest's
    /// [fonts], or Liberation Serif). Doubtful classifications are listed on stderr and in
    /// the JSON's `review`. A file whose contents do not change is left as
    /// it is, with its date.
    Compile {
        /// The compilation's manifest (TOML).
        #[arg(value_name = "MANIFEST")]
        manifest: PathBuf,
        /// A report to add to those the manifest lists (repeatable).
        #[arg(long = "report", value_name = "FILE")]
        reports: Vec<PathBuf>,
        /// Output folder.
        #[arg(long, default_value = "output", value_name = "DIR")]
        out: PathBuf,
        /// Fail when a recommendation can't be placed by any rule or model.
        #[arg(long)]
        strict: bool,
        /// Write the doubtful decisions to FILE as [[overrides]] entries,
        /// each quoting its text: once a person has checked (or corrected)
        /// the chapter, confirming is a paste into the manifest.
        #[arg(long, value_name = "FILE")]
        review_overrides: Option<PathBuf>,
    },
    /// List what changed between two editions: recommendations added,
    /// removed, moved to another chapter, renumbered or reworded.
    ///
    /// Each edition may be the text of a published compilation, or the
    /// JSON, DOCX or PDF that recueil wrote.
    Diff {
        #[arg(value_name = "OLD")]
        old: PathBuf,
        #[arg(value_name = "NEW")]
        new: PathBuf,
        /// Manifest naming the editions' chapters (default: built-in chapters).
        #[arg(long, value_name = "FILE")]
        manifest: Option<PathBuf>,
        /// Print the changes as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Extract every report under DIR (.txt, .docx, .pdf, recursively), in
    /// parallel: one JSON per report in OUT and a summary.json.
    ///
    /// A bad report never stops the batch; the exit status is 1 if any
    /// report failed, and the summary names them. Run again, it rewrites
    /// only the files whose contents change.
    Batch {
        /// Folder of reports, searched with its subfolders.
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// Output folder (made if missing); each report's JSON keeps the
        /// report's path under DIR.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Classify with this manifest's chapters and rules.
        #[arg(long, value_name = "FILE")]
        manifest: Option<PathBuf>,
    },
    /// Measure the classifier on a published edition: each recommendation
    /// is classified by a model learned from all the others (leave-one-out).
    Evaluate {
        /// A compilation (text drawn from its PDF), or a manifest: then the
        /// first edition its `classification.editions` names, or its base
        /// edition, read with its chapters.
        #[arg(value_name = "EDITION")]
        edition: PathBuf,
        /// Manifest naming the edition's chapters (default: built-in chapters).
        #[arg(long, value_name = "FILE")]
        manifest: Option<PathBuf>,
    },
}

impl Global {
    pub fn diagnostic_format(&self) -> Format {
        if self.json_diagnostics {
            Format::Json
        } else if self.quiet {
            Format::Short
        } else {
            Format::Full
        }
    }
}
