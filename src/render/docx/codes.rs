//! The first page's barcode and QR code as DrawingML shapes: each code is
//! one shape whose custom geometry holds a rectangle per dark run, so Word
//! and LibreOffice draw it as vectors, sharp at any zoom and in print.
//!
//! docx-rs has no shapes; the runs are added to the first page's footer in
//! [`super::package`]. The barcode is inline after the job number, resting
//! on its baseline, with Code 39's quiet zone inside the drawing; the QR
//! code is anchored to the page's lower right corner, below the text block.
//! The shapes are plain `w:drawing` runs, which Word (2010 and later) and
//! LibreOffice read; Word wraps its own in `mc:AlternateContent` with a VML
//! fallback for Word 2007, a wrapper that readers without Markup
//! Compatibility skip altogether.

use crate::model::Compilation;
use crate::render::codes::{self, Code};
use crate::render::style::HouseStyle;

/// English Metric Units a point: DrawingML's unit of length.
fn emu(pt: f32) -> i64 {
    (pt * 12_700.0).round() as i64
}

/// The runs to add to the first page's footer paragraph, empty when the
/// document has neither a job number nor an address.
pub fn first_page_runs(c: &Compilation, s: &HouseStyle) -> String {
    let mut runs = String::new();
    if let Some(bars) = codes::job_barcode(&c.front.job_number) {
        let quiet = (s.bar_gap / s.bar_module).round() as usize;
        let width = emu((bars.columns + quiet) as f32 * s.bar_module);
        let height = emu(s.bar_height);
        let digits = codes::job_digits(&c.front.job_number).unwrap_or_default();
        runs.push_str(&format!(
            concat!(
                "<w:r><w:drawing>",
                r#"<wp:inline distT="0" distB="0" distL="0" distR="0">"#,
                r#"<wp:extent cx="{w}" cy="{h}" /><wp:effectExtent l="0" t="0" r="0" b="0" />"#,
                r#"<wp:docPr id="1001" name="Code 39" descr="{digits}" />"#,
                "<wp:cNvGraphicFramePr />{shape}",
                "</wp:inline></w:drawing></w:r>"
            ),
            w = width,
            h = height,
            digits = digits,
            shape = shape(&bars, quiet, width, height),
        ));
    }
    if let Some(address) = codes::address(c.language.as_str(), &c.front.symbol) {
        if let Some(qr) = codes::qr(&address) {
            let side = emu(s.qr_side);
            let x = emu(s.page_width - s.margin_right - s.qr_side);
            let y = emu(s.page_height - s.qr_bottom - s.qr_side);
            runs.push_str(&format!(
                concat!(
                    "<w:r><w:drawing>",
                    r#"<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="1" layoutInCell="1" allowOverlap="1">"#,
                    r#"<wp:simplePos x="0" y="0" />"#,
                    r#"<wp:positionH relativeFrom="page"><wp:posOffset>{x}</wp:posOffset></wp:positionH>"#,
                    r#"<wp:positionV relativeFrom="page"><wp:posOffset>{y}</wp:posOffset></wp:positionV>"#,
                    r#"<wp:extent cx="{side}" cy="{side}" /><wp:effectExtent l="0" t="0" r="0" b="0" />"#,
                    "<wp:wrapNone />",
                    r#"<wp:docPr id="1002" name="QR" descr="{address}" />"#,
                    "<wp:cNvGraphicFramePr />{shape}",
                    "</wp:anchor></w:drawing></w:r>"
                ),
                x = x,
                y = y,
                side = side,
                address = escape(&address),
                shape = shape(&qr, 0, side, side),
            ));
        }
    }
    runs
}

/// One filled shape of `width` × `height` EMU holding `code`, its path on
/// a grid of modules with `quiet` empty columns on the left.
fn shape(code: &Code, quiet: usize, width: i64, height: i64) -> String {
    let mut path = String::new();
    for cell in &code.cells {
        let (x0, y0) = (quiet + cell.x, cell.y);
        let (x1, y1) = (x0 + cell.width, y0 + cell.height);
        path.push_str(&format!(
            concat!(
                r#"<a:moveTo><a:pt x="{x0}" y="{y0}" /></a:moveTo>"#,
                r#"<a:lnTo><a:pt x="{x1}" y="{y0}" /></a:lnTo>"#,
                r#"<a:lnTo><a:pt x="{x1}" y="{y1}" /></a:lnTo>"#,
                r#"<a:lnTo><a:pt x="{x0}" y="{y1}" /></a:lnTo>"#,
                "<a:close />"
            ),
            x0 = x0,
            y0 = y0,
            x1 = x1,
            y1 = y1,
        ));
    }
    format!(
        concat!(
            r#"<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">"#,
            r#"<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">"#,
            "<wps:wsp><wps:cNvSpPr /><wps:spPr>",
            r#"<a:xfrm><a:off x="0" y="0" /><a:ext cx="{w}" cy="{h}" /></a:xfrm>"#,
            "<a:custGeom><a:avLst /><a:gdLst /><a:ahLst /><a:cxnLst />",
            r#"<a:rect l="0" t="0" r="r" b="b" />"#,
            r#"<a:pathLst><a:path w="{columns}" h="{rows}" stroke="0">{path}</a:path></a:pathLst>"#,
            "</a:custGeom>",
            r#"<a:solidFill><a:srgbClr val="000000" /></a:solidFill><a:ln><a:noFill /></a:ln>"#,
            "</wps:spPr><wps:bodyPr /></wps:wsp>",
            "</a:graphicData></a:graphic>"
        ),
        w = width,
        h = height,
        columns = quiet + code.columns,
        rows = code.rows,
        path = path,
    )
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('"', "&quot;")
}
