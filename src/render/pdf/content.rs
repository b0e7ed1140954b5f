//! A page's content stream, written straight from its marks. The bytes are
//! those printpdf writes for the operations `paint` used to hand it (text
//! sections, `Tf`, `Tm`, `TJ`, marked spans, text rise, filled rectangles),
//! with its merging of the glyph runs of one baseline into one `TJ`; going
//! through printpdf's operations cost an object, a string and a formatted
//! number for every glyph of the document.

use super::fonts::FontKind;
use super::kit::{Faces, Mark, Page};
use super::typeset::PlacedGlyph;
use printpdf::ParsedFont;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// A font of the document: a face, and which of its parts (its own font,
/// or its Latin face's).
type Font = (FontKind, usize);

/// What a page's glyphs are written with: the faces, and per font its
/// glyph ids in the subset and the subset itself (whose widths move the
/// pen).
pub struct Fonts<'a> {
    pub faces: &'a Faces,
    pub remaps: &'a BTreeMap<Font, Remap>,
    pub subsets: BTreeMap<Font, &'a ParsedFont>,
}

/// A font's glyph ids in its subset, by the face's own ids: a table, as
/// every glyph of every page is looked up in it.
pub struct Remap {
    codes: Vec<u16>,
}

impl Remap {
    pub fn new(map: &BTreeMap<u16, u16>) -> Remap {
        let mut codes = vec![0; map.last_key_value().map_or(0, |(&own, _)| own as usize + 1)];
        for (&own, &code) in map {
            codes[own as usize] = code;
        }
        Remap { codes }
    }

    /// The subset's id of the face's glyph `own`; 0, the missing glyph,
    /// for a glyph the subset does not have.
    pub fn code(&self, own: u16) -> u16 {
        self.codes.get(own as usize).copied().unwrap_or(0)
    }
}

/// The resource name of a font in the pages' font dictionary.
pub fn resource(kind: FontKind, part: usize) -> String {
    let name = match kind {
        FontKind::Regular => "FR",
        FontKind::Bold => "FB",
    };
    match part {
        0 => name.to_string(),
        _ => format!("{name}L"),
    }
}

/// The content stream of `page`, on a page `height` points high.
pub fn page(page: &Page, height: f32, fonts: &Fonts) -> Vec<u8> {
    let mut w = Writer::default();
    w.begin_text();
    let mut current: Option<(Font, f32)> = None;
    for mark in &page.marks {
        let Mark::Text {
            x,
            baseline,
            font,
            size,
            glyphs,
        } = mark
        else {
            continue;
        };
        if glyphs.is_empty() {
            continue;
        }
        let face = fonts.faces.get(*font);
        let part = |g: &PlacedGlyph| face.part(g.gid).0;
        let mut set_font = |w: &mut Writer, part: usize| {
            if current != Some(((*font, part), *size)) {
                w.font((*font, part), *size);
                current = Some(((*font, part), *size));
            }
        };
        set_font(&mut w, part(&glyphs[0]));
        w.matrix(*x, height - baseline);
        let mut rise = 0.0;
        for (segment, spelled) in super::paint::segments(glyphs) {
            if let Some(text) = &spelled {
                w.begin_span(text);
            }
            for chunk in
                glyphs[segment].chunk_by(|a, b| a.offset.1 == b.offset.1 && part(a) == part(b))
            {
                let part = part(&chunk[0]);
                set_font(&mut w, part);
                let remap = fonts.remaps.get(&(*font, part));
                let width = |code: u16| {
                    fonts
                        .subsets
                        .get(&(*font, part))
                        .map_or(0, |f| scaled_width(f, code))
                };
                if chunk[0].offset.1 != rise {
                    rise = chunk[0].offset.1;
                    w.rise(rise * size / 1000.0);
                }
                let codes = chunk.iter().map(|g| {
                    let own = face.part(g.gid).1;
                    let code = remap.map_or(0, |r| r.code(own));
                    // Thousandths of an em in whole hundredths: plenty for
                    // placement, and it keeps the content streams short.
                    (code, (g.adjust * 100.0).round() / 100.0)
                });
                w.show(codes, &width);
            }
            if spelled.is_some() {
                w.end_span();
            }
        }
        if rise != 0.0 {
            w.rise(0.0);
        }
    }
    w.end_text();
    for mark in &page.marks {
        if let Mark::Rule {
            x,
            y,
            width,
            thickness,
        } = mark
        {
            w.rectangle(*x, height - y - thickness / 2.0, *width, *thickness);
        }
    }
    w.interrupt();
    w.out
}

/// A glyph's advance in the subset, in thousandths of an em, as `/W` and
/// the viewer's pen have it.
fn scaled_width(font: &ParsedFont, code: u16) -> i64 {
    let units = font.pdf_font_metrics.units_per_em as f32;
    font.get_glyph_width(code)
        .map_or(0, |w| (w as f32 * 1000.0 / units) as i64)
}

/// One element of a `TJ` array.
enum Shown {
    Code(u16),
    Number(f32),
}

/// Glyphs of one baseline shown from one text matrix; `pen` is where the
/// viewer's pen stands after them, in thousandths of an em from the
/// matrix's origin.
struct Run {
    matrix: [f32; 6],
    font: Font,
    size: f32,
    pen: f64,
    shown: Vec<Shown>,
}

#[derive(Default)]
struct Writer {
    out: Vec<u8>,
    /// Operations are separated by a line break.
    started: bool,
    in_text: bool,
    font: Option<(Font, f32)>,
    /// A text matrix not written yet: the next glyphs decide whether they
    /// go on the run or start one at it.
    pending: Option<[f32; 6]>,
    run: Option<Run>,
    numbers: FxHashMap<u32, String>,
}

/// Four upper-case hexadecimal digits.
fn hex(out: &mut Vec<u8>, v: u16) {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    out.extend(
        [12, 8, 4, 0]
            .iter()
            .map(|shift| DIGITS[(v >> shift) as usize & 0xf]),
    );
}

impl Writer {
    fn operator(&mut self, name: &str) {
        self.out.extend_from_slice(name.as_bytes());
    }

    /// Starts an operation: the line break before all but the first.
    fn start(&mut self) {
        if self.started {
            self.out.push(b'\n');
        }
        self.started = true;
    }

    /// A number as Rust displays it (printpdf's way); the same few
    /// numbers come back line after line, so each is formatted once.
    fn number(&mut self, v: f32) {
        let text = self
            .numbers
            .entry(v.to_bits())
            .or_insert_with(|| v.to_string());
        self.out.extend_from_slice(text.as_bytes());
    }

    fn code(&mut self, code: u16) {
        self.out.push(b'<');
        hex(&mut self.out, code);
        self.out.push(b'>');
    }

    fn matrix_op(&mut self, m: &[f32; 6]) {
        self.start();
        for v in m {
            self.number(*v);
            self.out.push(b' ');
        }
        self.operator("Tm");
    }

    /// Writes the run and the pending matrix: any operation but a matrix
    /// or glyphs ends a run.
    fn interrupt(&mut self) {
        if let Some(run) = self.run.take() {
            self.matrix_op(&run.matrix);
            self.start();
            self.out.push(b'[');
            self.shown(&run.shown);
            self.out.extend_from_slice(b"] TJ");
        }
        if let Some(m) = self.pending.take() {
            self.matrix_op(&m);
        }
    }

    /// A TJ array's elements: numbers set off by a space, strings not.
    fn shown(&mut self, shown: &[Shown]) {
        for (i, s) in shown.iter().enumerate() {
            match s {
                Shown::Code(c) => self.code(*c),
                Shown::Number(v) => {
                    if i > 0 {
                        self.out.push(b' ');
                    }
                    self.number(*v);
                }
            }
        }
    }

    fn begin_text(&mut self) {
        self.interrupt();
        self.in_text = true;
        self.start();
        self.operator("BT");
    }

    fn end_text(&mut self) {
        self.interrupt();
        self.in_text = false;
        self.start();
        self.operator("ET");
    }

    fn font(&mut self, font: Font, size: f32) {
        self.interrupt();
        self.font = Some((font, size));
        self.start();
        self.out.push(b'/');
        self.operator(&resource(font.0, font.1));
        self.out.push(b' ');
        self.number(size);
        self.out.push(b' ');
        self.operator("Tf");
    }

    fn matrix(&mut self, x: f32, y: f32) {
        let m = [1.0, 0.0, 0.0, 1.0, x, y];
        if !self.in_text {
            self.interrupt();
            self.matrix_op(&m);
            return;
        }
        if let Some(held) = self.pending.take() {
            self.matrix_op(&held);
        }
        self.pending = Some(m);
    }

    /// Glyphs (their codes and the TJ numbers after them): on the run of
    /// their baseline where the text matrix and font allow, else in a TJ of
    /// their own.
    fn show(&mut self, glyphs: impl Iterator<Item = (u16, f32)>, width: &dyn Fn(u16) -> i64) {
        let Some((font, size)) = self.font.filter(|(_, size)| *size > 0.0) else {
            return self.plain(glyphs);
        };
        if !self.in_text || (self.pending.is_none() && self.run.is_none()) {
            return self.plain(glyphs);
        }
        match self.pending.take() {
            Some(m) => {
                let extends = self
                    .run
                    .as_ref()
                    .is_some_and(|r| r.matrix[5] == m[5] && r.font == font && r.size == size);
                if extends {
                    let r = self.run.as_mut().expect("a run to extend");
                    let dx = (m[4] as f64 - r.matrix[4] as f64) * 1000.0 / size as f64;
                    let kern = (r.pen - dx) as f32;
                    if kern != 0.0 {
                        r.shown.push(Shown::Number(kern));
                        r.pen -= kern as f64;
                    }
                } else {
                    self.interrupt();
                    self.run = Some(Run {
                        matrix: m,
                        font,
                        size,
                        pen: 0.0,
                        shown: Vec::new(),
                    });
                }
            }
            None => {
                let same = self
                    .run
                    .as_ref()
                    .is_some_and(|r| r.font == font && r.size == size);
                if !same {
                    return self.plain(glyphs);
                }
            }
        }
        let r = self.run.as_mut().expect("a run to show on");
        for (code, adjust) in glyphs {
            r.shown.push(Shown::Code(code));
            r.pen += width(code) as f64;
            if adjust != 0.0 {
                r.shown.push(Shown::Number(adjust));
                r.pen -= adjust as f64;
            }
        }
    }

    /// Glyphs in a TJ of their own, where no run can take them.
    fn plain(&mut self, glyphs: impl Iterator<Item = (u16, f32)>) {
        self.interrupt();
        let mut shown = Vec::new();
        for (code, adjust) in glyphs {
            shown.push(Shown::Code(code));
            if adjust != 0.0 {
                shown.push(Shown::Number(adjust));
            }
        }
        self.start();
        self.out.push(b'[');
        self.shown(&shown);
        self.out.extend_from_slice(b"] TJ");
    }

    /// A span whose text extraction reads `text` (`/ActualText`, UTF-16
    /// with its byte order mark).
    fn begin_span(&mut self, text: &str) {
        self.interrupt();
        self.start();
        self.out.extend_from_slice(b"/Span <</ActualText<FEFF");
        for unit in text.encode_utf16() {
            hex(&mut self.out, unit);
        }
        self.out.extend_from_slice(b">>> BDC");
    }

    fn end_span(&mut self) {
        self.interrupt();
        self.start();
        self.operator("EMC");
    }

    fn rise(&mut self, v: f32) {
        self.interrupt();
        self.start();
        self.number(v);
        self.out.extend_from_slice(b" Ts");
    }

    fn rectangle(&mut self, x: f32, y: f32, width: f32, height: f32) {
        self.interrupt();
        self.start();
        for v in [x, y, width, height] {
            self.number(v);
            self.out.push(b' ');
        }
        self.operator("re");
        self.start();
        self.operator("f");
    }
}
