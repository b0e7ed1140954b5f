//! The document's body: the masthead of page one, then headings and
//! numbered paragraphs in reading order, then the end rule. Numbers and
//! labels are typed as text followed by a tab, never Word list numbering,
//! so that they survive any edit and any reader.

use super::bidi;
use super::styles::{self, twips};
use crate::language::{self, Language};
use crate::model::{Compilation, DocBlock, FrontMatter, Item, NumberedParagraph};
use crate::render::style::HouseStyle;
use docx_rs::{
    BorderType, BreakType, Docx, Footnote, LineSpacing, Paragraph, Run, Table, TableBorders,
    TableCell, TableCellBorder, TableCellBorderPosition, TableCellBorders, TableLayoutType,
    TableRow, VAlignType, VertAlignType, WidthType,
};

/// Hands out paragraph ids in order. docx-rs draws them from a per-thread
/// counter, so two documents built on one thread would differ; counting here
/// makes the same input give the same bytes.
#[derive(Default)]
pub struct ParaIds(u32);

impl ParaIds {
    pub fn paragraph(&mut self, style: &str) -> Paragraph {
        self.0 += 1;
        Paragraph::new().id(format!("{:08X}", self.0)).style(style)
    }
}

/// The id docx-rs gives the first footnote; `package` marks it as carrying
/// its own `*`.
pub const AGENDA_FOOTNOTE_ID: usize = 1;
pub const FOOTNOTE_MARK: &str = "*";

/// Adds `text` to `p`, turning tabs and line breaks into Word's own tab and
/// break rather than characters that Word would show as spaces.
pub fn runs(p: Paragraph, text: &str) -> Paragraph {
    typed(p, text, None)
}

/// As [`runs`], with the letters of abbreviated ordinals (`1er`) in runs of
/// their own, raised as the language sets them.
pub fn typed(mut p: Paragraph, text: &str, language: Option<&Language>) -> Paragraph {
    for (i, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if i > 0 {
            p = p.add_run(Run::new().add_break(BreakType::TextWrapping));
        }
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                p = p.add_run(Run::new().add_tab());
            }
            let mut from = 0;
            for raised in language
                .map(|l| l.superscript_spans(piece))
                .unwrap_or_default()
            {
                if raised.start > from {
                    p = text_runs(p, &piece[from..raised.start]);
                }
                let mut run = Run::new().add_text(&piece[raised.clone()]);
                run.run_property = run.run_property.vert_align(VertAlignType::SuperScript);
                p = p.add_run(run);
                from = raised.end;
            }
            if from < piece.len() {
                p = text_runs(p, &piece[from..]);
            }
        }
    }
    p
}

/// `text` as one run, or, in right-to-left text, a run for each Latin
/// stretch and each stretch around them.
fn text_runs(mut p: Paragraph, text: &str) -> Paragraph {
    for (piece, _) in bidi::direction_runs(text) {
        p = p.add_run(Run::new().add_text(piece));
    }
    p
}

/// `label`, a tab, then the text: how every heading and paragraph opens.
fn labelled(p: Paragraph, label: &str, text: &str, language: Option<&Language>) -> Paragraph {
    let p = runs(p, label).add_run(Run::new().add_tab());
    typed(p, text, language)
}

pub fn add(mut docx: Docx, compilation: &Compilation, s: &HouseStyle, ids: &mut ParaIds) -> Docx {
    let lang = language::get(compilation.language.as_str());
    docx = masthead(docx, &compilation.front, s, ids, lang);
    let mut after_chapter = false;
    for block in compilation.blocks() {
        let chapter = matches!(block, DocBlock::Chapter { .. });
        match block {
            DocBlock::Chapter { numeral, title } => {
                let p = ids.paragraph(styles::CHAPTER);
                docx =
                    docx.add_paragraph(labelled(p, &language::marked(lang, numeral), title, lang));
            }
            DocBlock::Subheading { letter, title } => {
                let mut p = ids.paragraph(styles::SUBHEADING);
                if after_chapter {
                    // The chapter heading's space after is all there is
                    // between them, as in the PDF.
                    p = p.line_spacing(LineSpacing::new().before(0));
                }
                docx =
                    docx.add_paragraph(labelled(p, &language::marked(lang, letter), title, lang));
            }
            DocBlock::Paragraph(para) => docx = numbered(docx, para, ids, lang),
        }
        after_chapter = chapter;
    }
    docx.add_paragraph(ids.paragraph(styles::END_RULE))
}

fn numbered(
    mut docx: Docx,
    para: &NumberedParagraph,
    ids: &mut ParaIds,
    lang: Option<&Language>,
) -> Docx {
    let p = ids.paragraph(styles::PARAGRAPH);
    docx = docx.add_paragraph(labelled(
        p,
        &language::marked(lang, &para.number.to_string()),
        &para.text,
        lang,
    ));
    items(docx, &para.items, 0, ids, lang)
}

fn items(
    mut docx: Docx,
    items: &[Item],
    depth: usize,
    ids: &mut ParaIds,
    lang: Option<&Language>,
) -> Docx {
    let style = styles::ITEMS[depth.min(styles::ITEMS.len() - 1)];
    for item in items {
        let p = ids.paragraph(style);
        docx = docx.add_paragraph(labelled(p, &item.label, &item.text, lang));
        docx = self::items(docx, &item.items, depth + 1, ids, lang);
    }
    docx
}

fn masthead(
    mut docx: Docx,
    f: &FrontMatter,
    s: &HouseStyle,
    ids: &mut ParaIds,
    lang: Option<&Language>,
) -> Docx {
    let cell = |width: f32, bottom_rule: f32| {
        TableCell::new()
            .width(twips(width) as usize, WidthType::Dxa)
            .vertical_align(VAlignType::Bottom)
            .set_borders(
                TableCellBorders::with_empty().set(
                    TableCellBorder::new(TableCellBorderPosition::Bottom)
                        .border_type(BorderType::Single)
                        .size(styles::eighths(bottom_rule)),
                ),
            )
    };
    // Three columns: the symbol reaches further left than the distribution
    // block under it, so that it stays on one line at its large size.
    let organization = s.masthead_organization;
    let right = s.distribution_width();
    let middle = s.text_width() - organization - right;

    let top = TableRow::new(vec![
        cell(organization, s.rule_thin)
            .add_paragraph(runs(ids.paragraph(styles::ORGANIZATION), &f.organization)),
        cell(middle + right, s.rule_thin)
            .grid_span(2)
            .add_paragraph(runs(ids.paragraph(styles::SYMBOL), &f.symbol)),
    ]);
    let mut distribution = cell(right, s.rule_thick)
        .vertical_align(VAlignType::Top)
        .add_paragraph(runs(ids.paragraph(styles::DISTRIBUTION), &f.distribution))
        .add_paragraph(typed(ids.paragraph(styles::DISTRIBUTION), &f.date, lang));
    for line in &f.distribution_lines {
        distribution = distribution.add_paragraph(runs(ids.paragraph(styles::DISTRIBUTION), line));
    }
    let second = TableRow::new(vec![
        cell(organization + middle, s.rule_thick)
            .grid_span(2)
            .add_paragraph(ids.paragraph(styles::DISTRIBUTION)),
        distribution,
    ]);
    let grid = [organization, middle, right].map(|w| twips(w) as usize);
    let table = Table::new(vec![top, second])
        .set_grid(grid.to_vec())
        .width(twips(s.text_width()) as usize, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .set_borders(TableBorders::with_empty())
        .indent(0);
    docx = docx.add_table(table);

    // The body's names are set bold, the closing place-and-dates line plain,
    // as on every UN masthead.
    for (i, line) in f.body.iter().enumerate() {
        let style = if s.body_line_is_bold(i, f.body.len()) {
            styles::BODY_NAME
        } else {
            styles::BODY_LINE
        };
        // The extra space above the body and after its first line, as the
        // PDF sets it.
        let mut p = ids.paragraph(style);
        if i == 0 {
            p = p.line_spacing(
                LineSpacing::new()
                    .before(twips(s.body_space) as u32)
                    .after(twips(s.body_space) as u32),
            );
        }
        docx = docx.add_paragraph(typed(p, line, lang));
    }

    let footnote = Footnote {
        id: AGENDA_FOOTNOTE_ID,
        content: vec![runs(
            ids.paragraph(styles::FOOTNOTE_TEXT)
                // Styled as the reference mark, the run is the note's own mark:
                // Word shows it, LibreOffice recognises and does not repeat it.
                .add_run(
                    Run::new()
                        .style(styles::FOOTNOTE_MARK)
                        .add_text(FOOTNOTE_MARK),
                )
                .add_run(Run::new().add_tab()),
            &f.agenda_footnote,
        )],
    };
    let agenda = runs(ids.paragraph(styles::AGENDA_ITEM), &f.agenda_item).add_run(
        Run::new()
            .add_footnote_reference(footnote)
            .add_text(FOOTNOTE_MARK),
    );
    docx.add_paragraph(agenda)
        .add_paragraph(runs(ids.paragraph(styles::AGENDA_TITLE), &f.agenda_title))
        .add_paragraph(runs(ids.paragraph(styles::TITLE), &f.title))
        .add_paragraph(runs(ids.paragraph(styles::SUBTITLE), &f.subtitle))
}
