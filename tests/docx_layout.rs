//! The Word document's pages as LibreOffice lays them out: headings kept
//! with what follows them never leave a page cut short, because the Word
//! styles space headings as the PDF does (Word adds a paragraph's space
//! after to the next one's space before, where the house style takes the
//! larger of the two).

mod common;

use common::{checking_tool, libreoffice_convert, reference_compilation, run_tool};
use recueil::render::docx::write;
use recueil::render::style::UN;
use std::process::Command;

#[test]
fn no_page_ends_more_than_three_lines_short() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let docx = dir.path().join("compilation.docx");
    std::fs::write(&docx, write(&reference_compilation(), &UN).expect("writes")).unwrap();
    let pdf = libreoffice_convert(&docx, "pdf", dir.path());
    let html = run_tool(
        Command::new(checking_tool("pdftotext"))
            .arg("-bbox")
            .arg(&pdf)
            .arg("-"),
    );

    // The lowest word of each page's text block (running feet lie below it).
    let foot = UN.page_height - UN.margin_bottom;
    let mut lowest: Vec<f32> = Vec::new();
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page") {
            lowest.push(0.0);
        } else if line.starts_with("<word") {
            let y_max = line
                .split("yMax=\"")
                .nth(1)
                .and_then(|v| v.split('"').next())
                .and_then(|v| v.parse::<f32>().ok())
                .unwrap_or_else(|| panic!("no yMax in {line}"));
            if let Some(low) = lowest.last_mut() {
                if y_max <= foot + 0.5 {
                    *low = low.max(y_max);
                }
            }
        }
    }
    assert!(lowest.len() >= 3, "{} pages", lowest.len());
    // Page 1 ends at its footnote, the last page where the text ends.
    let inner = &lowest[1..lowest.len() - 1];
    for (i, low) in inner.iter().enumerate() {
        assert!(
            foot - low <= 3.0 * UN.body_leading + 0.5,
            "page {} ends {:.0} pt above the foot of the text block",
            i + 2,
            foot - low
        );
    }
}
