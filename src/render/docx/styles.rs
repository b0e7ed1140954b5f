//! The named paragraph styles, one per kind of block, so that an editor who
//! restyles `SingleTxt` restyles every numbered paragraph at once. Every
//! measure comes from the house-style table.

use crate::render::style::HouseStyle;
use docx_rs::{
    AlignmentType, BorderType, Docx, LineSpacing, LineSpacingType, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, RunFonts, SpecialIndentType, Style, StyleType, Tab,
    TabValueType, VertAlignType,
};

pub const NORMAL: &str = "Normal";
pub const CHAPTER: &str = "HCh";
pub const SUBHEADING: &str = "H1";
pub const PARAGRAPH: &str = "SingleTxt";
/// Sub-item styles by depth; deeper items than these share the last one.
pub const ITEMS: [&str; 3] = ["Item1", "Item2", "Item3"];
pub const ORGANIZATION: &str = "MastheadOrg";
pub const SYMBOL: &str = "MastheadSymbol";
pub const DISTRIBUTION: &str = "Distribution";
pub const BODY_NAME: &str = "BodyName";
pub const BODY_LINE: &str = "BodyLine";
pub const AGENDA_ITEM: &str = "AgendaItem";
pub const AGENDA_TITLE: &str = "AgendaTitle";
pub const TITLE: &str = "Title";
pub const SUBTITLE: &str = "Subtitle";
pub const HEADER: &str = "Header";
pub const HEADER_ODD: &str = "HeaderOdd";
pub const HEADER_EVEN: &str = "HeaderEven";
pub const FOOTER: &str = "Footer";
pub const JOB_NUMBER: &str = "JobNumber";
pub const FOOTNOTE_TEXT: &str = "FootnoteText";
pub const FOOTNOTE_MARK: &str = "FootnoteReference";
pub const END_RULE: &str = "EndRule";

/// Points to twentieths of a point, Word's unit for lengths.
pub fn twips(pt: f32) -> i32 {
    (pt * 20.0).round() as i32
}

/// Points to half-points, Word's unit for type sizes.
pub fn half_points(pt: f32) -> usize {
    (pt * 2.0).round() as usize
}

/// Points to eighths of a point, Word's unit for rule weights.
pub fn eighths(pt: f32) -> usize {
    (pt * 8.0).round() as usize
}

fn tab_at(pt: f32, kind: TabValueType) -> Tab {
    Tab::new().val(kind).pos(twips(pt) as usize)
}

fn spacing(line: f32, rule: LineSpacingType, before: f32, after: f32) -> LineSpacing {
    LineSpacing::new()
        .line_rule(rule)
        .line(twips(line))
        .before(twips(before) as u32)
        .after(twips(after) as u32)
}

fn paragraph(id: &str, base: &str) -> Style {
    Style::new(id, StyleType::Paragraph).name(id).based_on(base)
}

/// A rule under the paragraph and nowhere else (docx-rs would otherwise
/// box it on all four sides).
fn rule_below(pt: f32) -> ParagraphBorders {
    ParagraphBorders::with_empty().set(
        ParagraphBorder::new(ParagraphBorderPosition::Bottom)
            .val(BorderType::Single)
            .size(eighths(pt))
            .space(0),
    )
}

fn fonts(style: &HouseStyle) -> RunFonts {
    RunFonts::new()
        .ascii(style.body_font)
        .hi_ansi(style.body_font)
        .cs(style.body_font)
        .east_asia(style.body_font)
}

pub fn add(docx: Docx, s: &HouseStyle) -> Docx {
    let exact_body = |before, after| spacing(s.body_leading, LineSpacingType::Exact, before, after);
    let single = |before, after| spacing(s.body_leading, LineSpacingType::Auto, before, after);
    let hang = |left: f32, by: f32, right: f32| {
        (
            Some(twips(left)),
            Some(SpecialIndentType::Hanging(twips(by))),
            Some(twips(right)),
            None,
        )
    };

    let (l, h, r, c) = hang(s.heading_hang, s.heading_hang, s.paragraph_indent);
    // Word adds a paragraph's space after to the next one's space before;
    // the house style (and the PDF) puts the larger of the two. A heading
    // follows a paragraph, so it asks only for what the paragraph leaves.
    let heading_before =
        s.heading_space_before - s.paragraph_space_after.min(s.heading_space_before);
    let mut chapter = paragraph(CHAPTER, NORMAL)
        .next(PARAGRAPH)
        .bold()
        .size(half_points(s.chapter_size))
        .line_spacing(spacing(
            s.chapter_leading,
            LineSpacingType::Exact,
            heading_before,
            s.heading_space_after,
        ))
        .indent(l, h, r, c)
        .outline_lvl(0);
    chapter.paragraph_property = heading_flow(chapter.paragraph_property, s.heading_hang);

    let mut subheading = paragraph(SUBHEADING, NORMAL)
        .next(PARAGRAPH)
        .bold()
        .size(half_points(s.subheading_size))
        .line_spacing(exact_body(heading_before, s.heading_space_after))
        .indent(l, h, r, c)
        .outline_lvl(1);
    subheading.paragraph_property = heading_flow(subheading.paragraph_property, s.heading_hang);

    let mut numbered = paragraph(PARAGRAPH, NORMAL)
        .align(AlignmentType::Both)
        .line_spacing(exact_body(0.0, s.paragraph_space_after))
        .indent(
            Some(twips(s.paragraph_indent)),
            None,
            Some(twips(s.paragraph_indent)),
            None,
        );
    numbered.paragraph_property = numbered.paragraph_property.add_tab(tab_at(
        s.paragraph_indent + s.number_tab,
        TabValueType::Left,
    ));

    // docx-rs always writes an empty `Normal`, so the body face and size
    // live in the document defaults, which `Normal` and all else inherit.
    let mut docx = docx
        .default_fonts(fonts(s))
        .default_size(half_points(s.body_size))
        .default_line_spacing(exact_body(0.0, 0.0))
        .add_style(chapter)
        .add_style(subheading)
        .add_style(numbered);

    // Each level moves the label one step right; the wrapped lines stay at
    // the paragraph's indent, as the house style sets sub-items.
    for (depth, id) in ITEMS.iter().enumerate() {
        let first = s.item_indent * (depth + 1) as f32;
        let mut item = paragraph(id, PARAGRAPH).indent(
            Some(twips(s.paragraph_indent)),
            Some(SpecialIndentType::FirstLine(twips(first))),
            Some(twips(s.paragraph_indent)),
            None,
        );
        item.paragraph_property = item.paragraph_property.add_tab(tab_at(
            s.paragraph_indent + first + s.number_tab,
            TabValueType::Left,
        ));
        docx = docx.add_style(item);
    }

    // The first page's lines stand on the leadings the PDF sets them on,
    // not on Word's single spacing, which follows the face.
    let masthead_right = twips(s.text_width() - s.masthead_column);
    let left_column = |id: &str, before: f32| {
        let mut st = paragraph(id, NORMAL)
            .line_spacing(exact_body(before, 0.0))
            .indent(None, None, Some(masthead_right), None);
        st.paragraph_property = st.paragraph_property.keep_next(true);
        st
    };
    // Title and subtitle start where a chapter heading's title does.
    let title_block = |id: &str, size: f32, leading: f32, before: f32, after: f32| {
        let mut st = paragraph(id, NORMAL)
            .bold()
            .size(half_points(size))
            .line_spacing(spacing(leading, LineSpacingType::Exact, before, after))
            .indent(
                Some(twips(s.heading_hang)),
                None,
                Some(twips(s.paragraph_indent)),
                None,
            );
        st.paragraph_property = st.paragraph_property.keep_next(true);
        st
    };

    let end_indent = twips((s.text_width() - s.end_rule) / 2.0);
    let mut end_rule = paragraph(END_RULE, NORMAL)
        .align(AlignmentType::Center)
        .line_spacing(exact_body(s.end_rule_space, 0.0))
        .indent(Some(end_indent), None, Some(end_indent), None);
    end_rule.paragraph_property = end_rule
        .paragraph_property
        .set_borders(rule_below(s.rule_thin));

    let mut header = paragraph(HEADER, NORMAL)
        .bold()
        .size(half_points(s.running_size))
        .line_spacing(single(0.0, 0.0));
    header.paragraph_property = header
        .paragraph_property
        .set_borders(rule_below(s.rule_thin));

    // A foot holds the job number (and the page number, sized apart).
    let mut footer = paragraph(FOOTER, NORMAL)
        .size(half_points(s.job_number_size))
        .line_spacing(single(0.0, 0.0));
    footer.paragraph_property = footer
        .paragraph_property
        .add_tab(tab_at(s.text_width(), TabValueType::Right));

    let mut footnote = paragraph(FOOTNOTE_TEXT, NORMAL)
        .size(half_points(s.footnote_size))
        .line_spacing(spacing(
            s.footnote_leading,
            LineSpacingType::Exact,
            0.0,
            0.0,
        ))
        .indent(
            Some(twips(s.paragraph_indent)),
            Some(SpecialIndentType::Hanging(twips(s.footnote_hang))),
            Some(twips(s.paragraph_indent)),
            None,
        );
    footnote.paragraph_property = footnote
        .paragraph_property
        .add_tab(tab_at(s.paragraph_indent, TabValueType::Left));

    let mut mark = Style::new(FOOTNOTE_MARK, StyleType::Character).name(FOOTNOTE_MARK);
    mark.run_property = mark.run_property.vert_align(VertAlignType::SuperScript);

    docx.add_style(
        paragraph(ORGANIZATION, NORMAL)
            .size(half_points(s.organization_size))
            .line_spacing(single(0.0, 0.0)),
    )
    .add_style(
        paragraph(SYMBOL, NORMAL)
            .bold()
            .size(half_points(s.symbol_size))
            .align(AlignmentType::Right)
            .line_spacing(single(0.0, 0.0)),
    )
    .add_style(paragraph(DISTRIBUTION, NORMAL).line_spacing(exact_body(0.0, 0.0)))
    .add_style(left_column(BODY_NAME, 0.0).bold())
    .add_style(left_column(BODY_LINE, 0.0))
    // A blank line between the meeting and the agenda item.
    .add_style(left_column(AGENDA_ITEM, s.body_leading))
    .add_style(left_column(AGENDA_TITLE, 0.0).bold())
    .add_style(title_block(
        TITLE,
        s.title_size,
        s.title_leading,
        s.title_space_before,
        s.heading_space_after,
    ))
    .add_style(title_block(
        SUBTITLE,
        s.subheading_size,
        s.body_leading,
        0.0,
        s.heading_space_after,
    ))
    .add_style(header)
    .add_style(paragraph(HEADER_ODD, HEADER).align(AlignmentType::Right))
    .add_style(paragraph(HEADER_EVEN, HEADER).align(AlignmentType::Left))
    .add_style(footer)
    .add_style(paragraph(JOB_NUMBER, FOOTER))
    .add_style(footnote)
    .add_style(mark)
    .add_style(end_rule)
}

/// A heading keeps with what follows (never last on a page) and hangs its
/// numeral left of the title, a tab apart.
fn heading_flow(p: docx_rs::ParagraphProperty, hang: f32) -> docx_rs::ParagraphProperty {
    p.keep_next(true)
        .keep_lines(true)
        .add_tab(tab_at(hang, TabValueType::Left))
}
