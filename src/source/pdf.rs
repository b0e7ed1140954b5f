//! PDF reports: their text layer, as `pdftotext` (poppler-utils) draws it
//! in its -layout mode, which keeps each paragraph number and item label
//! on the line of its text (the default mode sets hanging labels apart and
//! may reorder them); right-to-left pages from the words it finds and
//! where they stand (see `words`). pdftotext runs under a time limit, so
//! that a crafted PDF cannot hang a compilation or a batch.

use crate::diagnostic::Diagnostic;
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long pdftotext may take on one report.
pub const TIME_LIMIT: Duration = Duration::from_secs(60);

const FIX: &str = "install poppler-utils (`tools/setup-system.sh check`, or `apt-get install poppler-utils`), or give the text drawn from the PDF instead";

pub fn text(path: &str, limit: Duration) -> Result<Vec<u8>, Diagnostic> {
    let layout = pdftotext(path, "-layout", limit)?;
    // Right-to-left text: its -layout form cuts Arabic words at their
    // marks. The -raw form keeps the words of a line in the order they were
    // drawn, marks and all, as a word processor draws a line; where a PDF
    // draws each word on its own (recueil's editions do, each with its
    // text), it puts one word a line, and the lines are set from the words
    // and where they stand instead.
    match std::str::from_utf8(&layout) {
        Ok(text) if super::bidi::drawn_right_to_left(text) => {
            let raw = pdftotext(path, "-raw", limit)?;
            if lines_of_words(&String::from_utf8_lossy(&raw)) {
                return Ok(raw);
            }
            let bbox = pdftotext(path, "-bbox", limit)?;
            Ok(super::words::text(&String::from_utf8_lossy(&bbox)).into_bytes())
        }
        _ => Ok(layout),
    }
}

/// Whether most lines of a text hold several words, as a page's lines do,
/// rather than one word each.
fn lines_of_words(text: &str) -> bool {
    let (mut lines, mut several) = (0, 0);
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        lines += 1;
        if line.split_whitespace().nth(1).is_some() {
            several += 1;
        }
    }
    several * 2 > lines
}

/// What pdftotext draws from the PDF at `path` in `mode`.
fn pdftotext(path: &str, mode: &str, limit: Duration) -> Result<Vec<u8>, Diagnostic> {
    let error = |message: String| Diagnostic::error(path, 0, 0, message);
    let mut child = Command::new("pdftotext")
        .args([mode, "-enc", "UTF-8", path, "-"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            let why = if e.kind() == std::io::ErrorKind::NotFound {
                "pdftotext is not installed".to_string()
            } else {
                format!("pdftotext does not start: {e}")
            };
            error(format!("cannot read the PDF's text: {why}")).with_hint(FIX)
        })?;
    // Both pipes are drained while the tool runs, so that it never blocks
    // on a full pipe.
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() >= limit => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(error(format!(
                    "cannot read the PDF's text: pdftotext ran for more than {} s and was stopped",
                    limit.as_secs()
                ))
                .with_hint("the PDF may be damaged or crafted; print it again, or give its text"));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(error(format!("cannot read the PDF's text: {e}"))),
        }
    };
    let out = stdout.join().unwrap_or_default();
    let err = stderr.join().unwrap_or_default();
    if !status.success() {
        let said = String::from_utf8_lossy(&err);
        let said = said.lines().next().unwrap_or("").trim();
        return Err(error(format!(
            "cannot read the PDF's text: pdftotext failed ({status}){}",
            if said.is_empty() {
                String::new()
            } else {
                format!(": {said}")
            }
        ))
        .with_hint("the PDF may be damaged, encrypted or not a PDF; open it, print it again, or give its text"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_of_lines_is_told_from_a_word_a_line() {
        assert!(lines_of_words("نص جديد\nنص آخر\n18\n"));
        assert!(!lines_of_words("نص\nجديد\nنص آخر\n\n18\n"));
        assert!(!lines_of_words(""));
    }

    #[test]
    fn a_damaged_pdf_is_named_with_the_fix() {
        let dir = std::env::temp_dir().join(format!("recueil-pdf-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("broken.pdf");
        std::fs::write(&path, b"%PDF-1.4\nnot really\n").unwrap();
        let err = text(path.to_str().unwrap(), TIME_LIMIT).unwrap_err();
        assert!(err.message.contains("cannot read the PDF's text"), "{err}");
        assert!(err.hint.is_some());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn pdftotext_is_stopped_at_the_time_limit() {
        let pdf = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/shapes/en-typed/report.pdf"
        );
        let err = text(pdf, Duration::ZERO).unwrap_err();
        assert!(err.message.contains("was stopped"), "{err}");
        assert!(text(pdf, TIME_LIMIT).is_ok());
    }
}
