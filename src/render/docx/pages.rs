//! Page geometry and the running heads and feet: nothing at the head of page
//! one, its foot carrying the job number with the language letter; after
//! it, odd and even pages mirror each other.

use super::body::{runs, ParaIds};
use super::styles::{self, twips};
use crate::model::FrontMatter;
use crate::render::style::HouseStyle;
use docx_rs::{Docx, FieldCharType, Footer, Header, InstrPAGE, InstrText, PageMargin, Run};

pub fn setup(docx: Docx, front: &FrontMatter, s: &HouseStyle, ids: &mut ParaIds) -> Docx {
    let margin = PageMargin {
        top: twips(s.margin_top),
        left: twips(s.margin_left),
        bottom: twips(s.margin_bottom),
        right: twips(s.margin_right),
        header: twips(s.header_distance),
        footer: twips(s.footer_distance),
        gutter: 0,
    };
    let head = |ids: &mut ParaIds, style: &str| {
        Header::new().add_paragraph(runs(ids.paragraph(style), &front.symbol))
    };
    let foot = |ids: &mut ParaIds, page_first: bool| {
        let job = Run::new().add_text(&front.job_number);
        let p = ids.paragraph(styles::FOOTER);
        let p = if page_first {
            p.add_run(page_number(s))
                .add_run(Run::new().add_tab())
                .add_run(job)
        } else {
            p.add_run(job)
                .add_run(Run::new().add_tab())
                .add_run(page_number(s))
        };
        Footer::new().add_paragraph(p)
    };
    let job_line = if front.job_language.is_empty() {
        front.job_number.clone()
    } else {
        format!("{} ({})", front.job_number, front.job_language)
    };

    // Word wants a paragraph in every header; a plain empty one draws no rule.
    let first_header = Header::new().add_paragraph(ids.paragraph(styles::NORMAL));
    let first_footer =
        Footer::new().add_paragraph(runs(ids.paragraph(styles::JOB_NUMBER), &job_line));
    let odd_header = head(ids, styles::HEADER_ODD);
    let even_header = head(ids, styles::HEADER_EVEN);
    let odd_footer = foot(ids, false);
    let even_footer = foot(ids, true);

    docx.page_size(twips(s.page_width) as u32, twips(s.page_height) as u32)
        .page_margin(margin)
        .header(odd_header)
        .first_header(first_header)
        .even_header(even_header)
        .footer(odd_footer)
        .first_footer(first_footer)
        .even_footer(even_footer)
}

/// The page number as a complex field (`begin`, ` PAGE `, `separate`,
/// `end`), which more readers update than the simple form. The `1` between
/// separate and end is only the cached result, refreshed on layout. Set
/// bold at its own size, as the PDF sets it beside the job number.
fn page_number(s: &HouseStyle) -> Run {
    Run::new()
        .bold()
        .size(styles::half_points(s.page_number_size))
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
        .add_field_char(FieldCharType::Separate, false)
        .add_text("1")
        .add_field_char(FieldCharType::End, false)
}
