//! The Word document of the reference compilation: read back as Word
//! structure, and laid out by LibreOffice as an editor would see it.

mod common;

use common::{libreoffice_convert, reference_compilation, run_tool};
use docx_rs::{DocumentChild, ParagraphChild, RunChild};
use recueil::model::{Compilation, DocBlock, Item};
use recueil::render::docx::write;
use recueil::render::style::UN;
use std::process::Command;

/// (style, text) of every block the compilation should produce after the
/// masthead, numbers and labels followed by a tab.
fn expected_blocks(c: &Compilation) -> Vec<(String, String)> {
    fn push_items(out: &mut Vec<(String, String)>, items: &[Item], depth: usize) {
        for item in items {
            let style = format!("Item{}", (depth + 1).min(3));
            out.push((style, format!("{}\t{}", item.label, item.text)));
            push_items(out, &item.items, depth + 1);
        }
    }
    let mut out = vec![];
    for block in c.blocks() {
        match block {
            DocBlock::Chapter { numeral, title } => {
                out.push(("HCh".into(), format!("{numeral}.\t{title}")))
            }
            DocBlock::Subheading { letter, title } => {
                out.push(("H1".into(), format!("{letter}.\t{title}")))
            }
            DocBlock::Paragraph(p) => {
                out.push(("SingleTxt".into(), format!("{}.\t{}", p.number, p.text)));
                push_items(&mut out, &p.items, 0);
            }
        }
    }
    out
}

fn read_back(bytes: &[u8]) -> Vec<(String, String)> {
    let doc = docx_rs::read_docx(bytes).expect("the file reads back");
    let mut out = vec![];
    for child in &doc.document.children {
        let DocumentChild::Paragraph(p) = child else {
            continue;
        };
        let style = p.property.style.as_ref().map(|s| s.val.clone());
        let mut text = String::new();
        for c in &p.children {
            let ParagraphChild::Run(run) = c else {
                continue;
            };
            for rc in &run.children {
                match rc {
                    RunChild::Text(t) => text.push_str(&t.text),
                    RunChild::Tab(_) => text.push('\t'),
                    _ => {}
                }
            }
        }
        out.push((style.unwrap_or_default(), text));
    }
    out
}

#[test]
fn every_heading_and_paragraph_reads_back_in_order() {
    let c = reference_compilation();
    let bytes = write(&c, &UN).expect("the reference compilation writes");
    let got = read_back(&bytes);
    let start = got
        .iter()
        .position(|(s, _)| s == "HCh")
        .expect("a chapter heading");
    let body = &got[start..];
    let (end_rule, body) = body.split_last().expect("blocks");
    assert_eq!(end_rule.0, "EndRule", "the document ends with its rule");

    let want = expected_blocks(&c);
    assert_eq!(body.len(), want.len(), "number of blocks");
    for (i, (g, w)) in body.iter().zip(&want).enumerate() {
        assert_eq!(g, w, "block {i}");
    }
    let numbered = body.iter().filter(|(s, _)| s == "SingleTxt").count();
    assert_eq!(numbered, 92);
}

/// Collapses every run of whitespace (no-break spaces included) into one
/// space, since line breaks and justification are the layout's business.
fn normalise(s: &str) -> String {
    s.split(char::is_whitespace)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Drops the running heads and feet, page-one job line and footnote, which
/// a page break drops into the middle of a paragraph's text.
fn without_page_furniture(text: &str, c: &Compilation) -> String {
    let f = &c.front;
    let furniture = |line: &str| {
        let line = line.trim();
        let words: Vec<&str> = line.split_whitespace().collect();
        let page = |w: &str| w.chars().all(|ch| ch.is_ascii_digit());
        line == f.symbol
            || line == f.job_number
            || line == format!("{} ({})", f.job_number, f.job_language)
            || line.ends_with(f.agenda_footnote.as_str())
            || (!line.is_empty() && page(line))
            || (words.len() == 2
                && words.contains(&f.job_number.as_str())
                && words.iter().any(|w| page(w)))
    };
    text.lines()
        .filter(|l| !furniture(l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Rejoins words that LibreOffice broke after their own hyphen
/// (`celui-` / `ci`), keeping the hyphen: pdftotext's default mode would
/// drop it, which is why the text is taken in layout mode.
fn rejoin_hyphenated(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        if out.ends_with('-') {
            out.push_str(line.trim_start());
        } else {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(line.trim_end());
        }
        let trimmed = out.trim_end().len();
        out.truncate(trimmed);
    }
    out
}

/// LibreOffice lays the document out as an editor would open it; the text
/// it prints must hold every numbered paragraph, in order and unchanged.
#[test]
fn libreoffice_lays_out_every_numbered_paragraph() {
    for tool in ["soffice", "pdftotext"] {
        let found = std::env::var_os("PATH")
            .map(|p| std::env::split_paths(&p).any(|d| d.join(tool).is_file()))
            .unwrap_or(false);
        assert!(
            found,
            "`{tool}` is not on PATH: this test converts the DOCX to PDF with LibreOffice \
             (package libreoffice-writer) and reads it with pdftotext (package poppler-utils). \
             Install them; the test fails rather than skips so that a missing check is noticed."
        );
    }
    let c = reference_compilation();
    let bytes = write(&c, &UN).expect("the reference compilation writes");
    let dir = tempfile::tempdir().expect("a temporary directory");
    let docx = dir.path().join("compilation.docx");
    std::fs::write(&docx, bytes).unwrap();

    let pdf = libreoffice_convert(&docx, "pdf", dir.path());
    let text = run_tool(Command::new("pdftotext").arg("-layout").arg(&pdf).arg("-"));
    let text = normalise(&rejoin_hyphenated(&without_page_furniture(&text, &c)));

    let mut from = 0;
    for p in c.paragraphs() {
        let mut pieces = vec![format!("{}. {}", p.number, p.text)];
        let mut stack: Vec<&Item> = p.items.iter().rev().collect();
        while let Some(item) = stack.pop() {
            pieces.push(format!("{} {}", item.label, item.text));
            stack.extend(item.items.iter().rev());
        }
        for piece in pieces {
            let piece = normalise(&piece);
            match text[from..].find(&piece) {
                Some(at) => from += at + piece.len(),
                None => panic!(
                    "paragraph {} not found after offset {from}: {piece:?}\nnext text: {:?}",
                    p.number,
                    text[from..].chars().take(400).collect::<String>()
                ),
            }
        }
    }
    assert_eq!(c.paragraphs().count(), 92);
}
