//! The first page's barcode and QR code drawn as filled rectangles: vectors
//! that print sharp at any size and add a few hundred bytes.

use super::fonts::FontKind;
use super::kit::{Kit, Mark};
use super::masthead::job_with_language;
use super::PdfError;
use crate::model::Compilation;
use crate::render::codes::{self, Code};

/// `code` with its top left corner at (`x`, `top`), `module` wide a column
/// and `row` high a row.
fn rectangles(
    code: &Code,
    x: f32,
    top: f32,
    module: f32,
    row: f32,
) -> impl Iterator<Item = Mark> + '_ {
    code.cells.iter().map(move |c| {
        let height = c.height as f32 * row;
        Mark::Rule {
            x: x + c.x as f32 * module,
            y: top + c.y as f32 * row + height / 2.0,
            width: c.width as f32 * module,
            thickness: height,
        }
    })
}

/// The barcode right of the job number at the foot, resting on its
/// baseline; the QR code in the lower right corner, below the text block.
pub fn first_page(c: &Compilation, kit: &Kit<'_>) -> Result<Vec<Mark>, PdfError> {
    let st = kit.style;
    let mut marks = Vec::new();
    let job = job_with_language(&c.front);
    if let Some(bars) = codes::job_barcode(&c.front.job_number) {
        let width = kit
            .setting(
                FontKind::Regular,
                st.job_number_size,
                f32::MAX,
                super::typeset::Align::Ragged,
            )
            .single(&job)?
            .width;
        let baseline = st.page_height - st.footer_distance;
        let x = st.margin_left + width + st.bar_gap;
        marks.extend(rectangles(
            &bars,
            x,
            baseline - st.bar_height,
            st.bar_module,
            st.bar_height,
        ));
    }
    if let Some(qr) = codes::document_qr(c.language.as_str(), &c.front.symbol) {
        let module = st.qr_side / qr.columns as f32;
        let x = st.margin_left + st.text_width() - st.qr_side;
        let top = st.page_height - st.qr_bottom - st.qr_side;
        marks.extend(rectangles(&qr, x, top, module, module));
    }
    Ok(marks)
}
