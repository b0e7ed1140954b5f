//! Pages of marks to PDF bytes: subset fonts, the document's objects
//! through printpdf and the pages' content streams straight from the marks
//! (`content.rs`), then the document-level entries printpdf leaves random
//! or unset (file identifier, language) fixed on the object tree before
//! saving.

use super::bidi;
use super::content;
use super::fonts::{Fnv, FontKind};
use super::kit::{Faces, Mark, Page};
use super::outline;
use super::typeset::{is_ideographic, PlacedGlyph};
use super::PdfError;
use crate::render::style::HouseStyle;
use lopdf::{Object, StringFormat};
use printpdf::{
    Codepoint, FontId, Op, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfParseErrorSeverity,
    PdfSaveOptions, Pt, TextItem,
};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use unicode_normalization::char::canonical_combining_class;

/// What goes in the document information dictionary and the catalog.
pub struct Info {
    pub title: String,
    pub subject: String,
    pub author: String,
    pub identifier: String,
    pub language: String,
    /// The document's date, for the creation and modification dates.
    pub date: Option<(i32, u8, u8)>,
}

/// A font resource: a face's own font (part 0), or its Latin face's.
fn font_id(kind: FontKind, part: usize) -> FontId {
    FontId(content::resource(kind, part))
}

/// Each glyph the pages show, once, in one text section: what printpdf
/// reads the fonts' widths and text maps from. A glyph standing for
/// several texts keeps the last, as printpdf would.
fn shown_once(pages: &[Page], faces: &Faces, remaps: &Remaps) -> Vec<Op> {
    // Per font, the glyph drawn for each code of its subset.
    let mut shown: BTreeMap<(FontKind, usize), Vec<Option<&PlacedGlyph>>> = BTreeMap::new();
    // From the last glyph back: the first text met is the one kept.
    for page in pages.iter().rev() {
        for mark in page.marks.iter().rev() {
            if let Mark::Text { font, glyphs, .. } = mark {
                let face = faces.get(*font);
                for g in glyphs.iter().rev() {
                    let (part, own) = face.part(g.gid);
                    let code = remaps.get(&(*font, part)).map_or(0, |r| r.code(own));
                    let codes = shown.entry((*font, part)).or_default();
                    if codes.len() <= code as usize {
                        codes.resize(code as usize + 1, None);
                    }
                    codes[code as usize].get_or_insert(g);
                }
            }
        }
    }
    let mut ops = vec![Op::StartTextSection];
    for ((kind, part), codes) in shown {
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(font_id(kind, part)),
            size: Pt(1.0),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(
                codes
                    .into_iter()
                    .enumerate()
                    .filter_map(|(code, g)| Some(Codepoint::with_cid(code as u16, 0.0, drawn(g?))))
                    .collect(),
            )],
        });
    }
    ops.push(Op::EndTextSection);
    ops
}

/// Each font's map from the face's glyph ids to the subset's.
type Remaps = BTreeMap<(FontKind, usize), content::Remap>;

pub fn save(
    pages: &[Page],
    faces: &Faces,
    style: &HouseStyle,
    info: &Info,
) -> Result<Vec<u8>, PdfError> {
    // printpdf writes each font's widths and text map from the glyphs the
    // pages show: its first page shows every glyph once, with the text
    // printpdf keeps for it (the last it stood for), and each page's
    // content stream is then written here, straight from its marks.
    let (doc, mut lo, remaps) = printed(pages, faces, style, info, |remaps| {
        let mut ops = vec![Vec::new(); pages.len()];
        if let Some(first) = ops.first_mut() {
            *first = shown_once(pages, faces, remaps);
        }
        ops
    })?;
    write_contents(&mut lo, &doc, pages, faces, &remaps, style.page_height)?;
    let entries: Vec<outline::Entry> = pages.iter().flat_map(|p| p.outline.clone()).collect();
    outline::add(&mut lo, &entries, style.page_height)?;
    finish(&mut lo, &info.language)
}

/// The document printpdf makes of the pages (their fonts subset to the
/// glyphs they use), each page with the operations `ops` gives it.
fn printed(
    pages: &[Page],
    faces: &Faces,
    style: &HouseStyle,
    info: &Info,
    ops: impl FnOnce(&Remaps) -> Vec<Vec<Op>>,
) -> Result<(PdfDocument, lopdf::Document, Remaps), PdfError> {
    // The glyphs each face's text uses, marked in a table of all its ids.
    let mut marked: BTreeMap<FontKind, Vec<bool>> = BTreeMap::new();
    for page in pages {
        for mark in &page.marks {
            if let Mark::Text { font, glyphs, .. } = mark {
                let seen = marked.entry(*font).or_insert_with(|| vec![false; 1 << 16]);
                for g in glyphs {
                    seen[g.gid as usize] = true;
                }
            }
        }
    }
    let used: BTreeMap<FontKind, BTreeSet<u16>> = marked
        .into_iter()
        .map(|(kind, seen)| {
            let gids = (0..=u16::MAX).filter(|&g| seen[g as usize]).collect();
            (kind, gids)
        })
        .collect();

    let mut doc = PdfDocument::new(&info.title);
    let mut remaps: Remaps = BTreeMap::new();
    // Each font is subset on its own: on every core at once.
    let mut fonts: Vec<((FontKind, usize), &super::fonts::Face, BTreeSet<u16>)> = Vec::new();
    for (kind, gids) in &used {
        let face = faces.get(*kind);
        for (part, (font, first)) in face.parts().into_iter().enumerate() {
            let own: BTreeSet<u16> = gids
                .iter()
                .filter(|&&g| face.part(g).0 == part)
                .map(|g| g - first)
                .collect();
            if !own.is_empty() {
                fonts.push(((*kind, part), font, own));
            }
        }
    }
    let subsets: Vec<_> = fonts
        .par_iter()
        .map(|(id, font, own)| Ok((*id, font.subset(own)?)))
        .collect::<Result<_, PdfError>>()?;
    for ((kind, part), (subset, remap)) in subsets {
        doc.resources
            .fonts
            .map
            .insert(font_id(kind, part), PdfFont::new(subset));
        remaps.insert((kind, part), content::Remap::new(&remap));
    }

    let size = (
        printpdf::Mm(style.page_width * 25.4 / 72.0),
        printpdf::Mm(style.page_height * 25.4 / 72.0),
    );
    doc.pages = ops(&remaps)
        .into_iter()
        .map(|ops| PdfPage::new(size.0, size.1, ops))
        .collect();

    let i = &mut doc.metadata.info;
    i.document_title = info.title.clone();
    i.subject = info.subject.clone();
    i.author = info.author.clone();
    i.identifier = info.identifier.clone();
    i.creator = "recueil".to_string();
    i.producer = "recueil (printpdf)".to_string();
    if let Some(date) = info.date.map(date_time) {
        i.creation_date = date;
        i.modification_date = date;
        i.metadata_date = date;
    }

    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let lo = doc.to_lopdf_document(&opts, &mut warnings);
    if let Some(w) = warnings
        .iter()
        .find(|w| w.severity == PdfParseErrorSeverity::Error)
    {
        return Err(PdfError::Write(w.msg.clone()));
    }
    Ok((doc, lo, remaps))
}

/// Each page's content stream, written from its marks, in place of the
/// one printpdf made.
fn write_contents(
    lo: &mut lopdf::Document,
    doc: &PdfDocument,
    pages: &[Page],
    faces: &Faces,
    remaps: &Remaps,
    height: f32,
) -> Result<(), PdfError> {
    let fonts = content::Fonts {
        faces,
        remaps,
        subsets: remaps
            .keys()
            .filter_map(|&(kind, part)| {
                let font = doc.resources.fonts.map.get(&font_id(kind, part))?;
                Some(((kind, part), &font.parsed_font))
            })
            .collect(),
    };
    let contents = lo
        .get_pages()
        .into_values()
        .map(|id| {
            lo.get_dictionary(id)
                .and_then(|page| page.get(b"Contents"))
                .and_then(Object::as_reference)
                .map_err(|e| PdfError::Write(e.to_string()))
        })
        .collect::<Result<Vec<_>, _>>()?;
    // Pages are written and compressed on every core at once, and the
    // other streams (the fonts) compressed meanwhile.
    let (streams, ()) = rayon::join(
        || {
            pages
                .par_iter()
                .map(|page| {
                    let stream = content::page(page, height, &fonts);
                    let compressed = compressed(&stream);
                    (stream, compressed)
                })
                .collect::<Vec<_>>()
        },
        || compress(lo, &contents),
    );
    for (id, (stream, compressed)) in contents.into_iter().zip(streams) {
        match lo.get_object_mut(id) {
            Ok(Object::Stream(s)) => {
                // The content first, then the filter: the dictionary keeps
                // its keys in the order they were first set.
                s.set_content(stream);
                if let Some(compressed) = compressed {
                    s.dict.set("Filter", "FlateDecode");
                    s.set_content(compressed);
                }
            }
            _ => return Err(PdfError::Write("a page without its content stream".into())),
        }
    }
    Ok(())
}

/// The sign a bracket of right-to-left text is drawn as: the shaping
/// engine mirrors it, `(` of `(أ)` drawn as the glyph of `)`.
fn mirrored(c: char) -> Option<char> {
    let pairs = [
        ('(', ')'),
        ('[', ']'),
        ('{', '}'),
        ('<', '>'),
        ('«', '»'),
        ('‹', '›'),
    ];
    pairs.iter().find_map(|&(open, close)| match c {
        _ if c == open => Some(close),
        _ if c == close => Some(open),
        _ => None,
    })
}

/// What a glyph stands for in the font's ToUnicode map, which has one
/// text per glyph: a mirrored bracket stands for the sign it shows, its
/// own character is given by an `/ActualText` (see `segments`), so that
/// the same glyph drawn in left-to-right text (`(A)`) reads as itself.
fn drawn(g: &PlacedGlyph) -> String {
    match (g.level % 2, g.tail[0], mirrored(g.ch)) {
        (1, '\0', Some(shown)) => shown.to_string(),
        _ => g.text(),
    }
}

/// Whether a glyph is drawn as another sign than it stands for (`drawn`).
fn is_mirrored(g: &PlacedGlyph) -> bool {
    g.level % 2 == 1 && g.tail[0] == '\0' && mirrored(g.ch).is_some()
}

/// A stretch of a line's glyphs, with the `/ActualText` it is drawn under,
/// if any.
pub type Segment = (std::ops::Range<usize>, Option<String>);

/// A line's glyphs cut into stretches drawn as they are, mirrored
/// brackets (under their own character), words of right-to-left letters,
/// each drawn from its left end under an `/ActualText` holding the word,
/// and runs of Chinese the justification spaced out, under one holding the
/// run: text extraction takes a gap between two characters wider than a
/// tenth of an em for a word space, which Chinese text does not have. Text extraction (pdftotext) places each glyph by where it
/// stands: a mark set above or below its letter, off the pen, would be
/// taken for a word of its own, and the font's joining of some letters
/// (`تحترم`) leaves room between their glyphs that it takes for a word
/// space. Under one `/ActualText` the word's characters are spread evenly
/// over its width instead, left to right as given: given turned round,
/// they come out in reading order when extraction turns the right-to-left
/// words of the line round.
pub fn segments(glyphs: &[PlacedGlyph]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut plain = 0;
    let mut i = 0;
    while i < glyphs.len() {
        let mut end = i + 1;
        let spelled = if bidi::in_word(&glyphs[i]) {
            while end < glyphs.len() && bidi::in_word(&glyphs[end]) {
                end += 1;
            }
            Some(word_text(&glyphs[i..end]))
        } else if let Some(run) = spaced_out(&glyphs[i..]) {
            end = i + run;
            Some(glyphs[i..end].iter().map(PlacedGlyph::text).collect())
        } else if is_mirrored(&glyphs[i]) {
            Some(glyphs[i].text())
        } else {
            None
        };
        if let Some(text) = spelled {
            if plain < i {
                out.push((plain..i, None));
            }
            out.push((i..end, Some(text)));
            plain = end;
        }
        i = end;
    }
    if plain < glyphs.len() {
        out.push((plain..glyphs.len(), None));
    }
    out
}

/// The length of the run of Chinese characters `glyphs` starts with, if
/// the justification widened a gap inside it.
fn spaced_out(glyphs: &[PlacedGlyph]) -> Option<usize> {
    let chinese = |g: &PlacedGlyph| g.level == 0 && is_ideographic(g.ch) && g.tail[0] == '\0';
    let run = glyphs.iter().take_while(|g| chinese(g)).count();
    (run > 1 && glyphs[..run - 1].iter().any(|g| g.adjust < 0.0)).then_some(run)
}

/// The `/ActualText` of a right-to-left word drawn letter by letter from
/// its left end (see `segments`): its letters in reading order, each with
/// its marks in the canonical order the text keeps them in (fatha before
/// shadda), whatever order the font draws them in; turned round, as they
/// stand on the page.
fn word_text(word: &[PlacedGlyph]) -> String {
    let mut text = String::new();
    for letter in bidi::letters(word).into_iter().rev() {
        let (base, marks) = (&word[letter.start], &word[letter.start + 1..letter.end]);
        text.push_str(&base.text());
        let mut marks: Vec<char> = marks
            .iter()
            .flat_map(|g| g.text().chars().collect::<Vec<_>>())
            .collect();
        marks.sort_by_key(|&c| canonical_combining_class(c));
        text.extend(marks);
    }
    text.chars().rev().collect()
}

fn date_time((year, month, day): (i32, u8, u8)) -> printpdf::OffsetDateTime {
    use printpdf::date::{Date, DateTime, Offset, Time};
    DateTime {
        date: Date { year, month, day },
        time: Time {
            hour: 0,
            minute: 0,
            second: 0,
            millisecond: 0,
        },
        offset: Offset {
            hours: 0,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    }
}

/// Compresses every stream that may be but those of `except`, as
/// `lopdf::Document::compress` does (a stream that would not shrink is left
/// as it is, one compressed already too), but on every core at once and at
/// a middle level rather than zlib's best: the PDF comes out 1 to 3 %
/// bigger in a third of the time.
fn compress(lo: &mut lopdf::Document, except: &[lopdf::ObjectId]) {
    let mut streams: Vec<&mut lopdf::Stream> = lo
        .objects
        .iter_mut()
        .filter(|(id, _)| !except.contains(id))
        .filter_map(|(_, object)| match object {
            Object::Stream(stream) if stream.allows_compression => Some(stream),
            _ => None,
        })
        .collect();
    streams.par_iter_mut().for_each(|stream| {
        if stream.dict.get(b"Filter").is_ok() {
            return;
        }
        if let Some(compressed) = compressed(&stream.content) {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(compressed);
        }
    });
}

/// `data` compressed, if that makes the stream shorter, its filter's
/// name counted in.
fn compressed(data: &[u8]) -> Option<Vec<u8>> {
    // A compressor is set up once per thread and reset for each stream:
    // setting one up clears tables bigger than most streams.
    thread_local! {
        static COMPRESSOR: std::cell::RefCell<Option<flate2::Compress>> =
            const { std::cell::RefCell::new(None) };
    }
    COMPRESSOR.with(|kept| {
        let mut kept = kept.borrow_mut();
        let z = kept
            .get_or_insert_with(|| flate2::Compress::new(flate2::Compression::new(LEVEL), true));
        deflate(z, data).filter(|c| c.len() + 19 < data.len())
    })
}

/// `data` as one zlib stream, given to zlib as `flate2`'s writer gives it:
/// all the input, then the end, with at most 32 KiB of room for the output
/// at each call. zlib's output depends on both, and the bytes would change.
fn deflate(z: &mut flate2::Compress, data: &[u8]) -> Option<Vec<u8>> {
    const ROOM: usize = 32 * 1024;
    z.reset();
    let mut out = Vec::with_capacity(data.len() / 2 + 64);
    let mut room = Vec::with_capacity(ROOM);
    loop {
        let read = usize::try_from(z.total_in()).ok()?;
        let flush = match read == data.len() {
            true => flate2::FlushCompress::Finish,
            false => flate2::FlushCompress::None,
        };
        room.clear();
        let status = z.compress_vec(&data[read..], &mut room, flush).ok()?;
        out.extend_from_slice(&room);
        if status == flate2::Status::StreamEnd {
            return Some(out);
        }
    }
}

/// zlib's compression level for the PDF's streams.
const LEVEL: u32 = 5;

/// Language, viewer preferences and a file identifier derived from the
/// content, then the bytes.
fn finish(lo: &mut lopdf::Document, language: &str) -> Result<Vec<u8>, PdfError> {
    lo.version = "1.4".to_string();
    let catalog = lo
        .catalog_mut()
        .map_err(|e| PdfError::Write(e.to_string()))?;
    if !language.is_empty() {
        catalog.set(
            "Lang",
            Object::String(language.as_bytes().to_vec(), StringFormat::Literal),
        );
    }
    catalog.set(
        "ViewerPreferences",
        lopdf::Dictionary::from_iter(vec![("DisplayDocTitle", Object::Boolean(true))]),
    );
    // printpdf states a PDF/X version (empty, but present) and empty fields
    // in the information dictionary; readers take the key as a claim.
    let info_id = lo.trailer.get(b"Info").and_then(Object::as_reference).ok();
    if let Some(Ok(Object::Dictionary(info))) = info_id.map(|id| lo.get_object_mut(id)) {
        info.remove(b"GTS_PDFXVersion");
        info.remove(b"Trapped");
        let empty: Vec<Vec<u8>> = info
            .iter()
            .filter(
                |(_, v)| matches!(v, Object::String(s, _) if s.is_empty() || s == &[0xfe, 0xff]),
            )
            .map(|(k, _)| k.clone())
            .collect();
        for key in empty {
            info.remove(&key);
        }
    }
    compress(lo, &[]);

    let set_id = |lo: &mut lopdf::Document, id: &[u8]| {
        let s = Object::String(id.to_vec(), StringFormat::Hexadecimal);
        lo.trailer.set("ID", Object::Array(vec![s.clone(), s]));
    };
    set_id(lo, &[0; 16]);
    let mut draft = Vec::new();
    lo.save_to(&mut draft)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    let mut h1 = Fnv::new();
    h1.write(&draft);
    let mut h2 = Fnv::new();
    h2.write(b"recueil");
    h2.write(&draft);
    let mut id = h1.finish().to_be_bytes().to_vec();
    id.extend_from_slice(&h2.finish().to_be_bytes());
    // The identifier written in place of the zeros: the same bytes as
    // saving again, since both are written as 32 hexadecimal digits.
    let zeros = format!("<{}>", "0".repeat(32));
    let written = format!(
        "<{}>",
        id.iter().map(|b| format!("{b:02X}")).collect::<String>()
    );
    let at = draft
        .windows(zeros.len() * 2)
        .rposition(|w| w == [zeros.as_bytes(), zeros.as_bytes()].concat())
        .ok_or_else(|| PdfError::Write("the trailer has no file identifier".into()))?;
    let mut out = draft;
    out[at..at + zeros.len()].copy_from_slice(written.as_bytes());
    out[at + zeros.len()..at + 2 * zeros.len()].copy_from_slice(written.as_bytes());
    set_id(lo, &id);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::super::{faces, info, kit::Kit, layout, patterns, FontFiles};
    use super::*;
    use crate::render::style::UN;
    use printpdf::{DictItem, PaintMode, Rect, TextMatrix};

    /// The operations a page was once handed to printpdf as, which wrote
    /// its content stream from them.
    fn page_ops(page: &Page, height: f32, faces: &Faces, remaps: &Remaps) -> Vec<Op> {
        let mut ops = Vec::new();
        let mut current: Option<(FontKind, usize, f32)> = None;
        ops.push(Op::StartTextSection);
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
            let face = faces.get(*font);
            let mut set_font = |ops: &mut Vec<Op>, part: usize| {
                if current != Some((*font, part, *size)) {
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(font_id(*font, part)),
                        size: Pt(*size),
                    });
                    current = Some((*font, part, *size));
                }
            };
            set_font(&mut ops, face.part(glyphs[0].gid).0);
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(*x), Pt(height - baseline)),
            });
            // A glyph the font raises (a mark over a tall letter) is shown with
            // the text rise set; the pen goes on where the glyph before left it.
            let mut rise = 0.0;
            for (segment, spelled) in segments(glyphs) {
                if let Some(text) = &spelled {
                    ops.push(Op::BeginMarkedContentWithProperties {
                        tag: "Span".to_string(),
                        properties: actual_text(text),
                    });
                }
                let part = |g: &PlacedGlyph| face.part(g.gid).0;
                for chunk in
                    glyphs[segment].chunk_by(|a, b| a.offset.1 == b.offset.1 && part(a) == part(b))
                {
                    let part = part(&chunk[0]);
                    set_font(&mut ops, part);
                    let remap = remaps.get(&(*font, part));
                    if chunk[0].offset.1 != rise {
                        rise = chunk[0].offset.1;
                        ops.push(Op::SetLineOffset {
                            multiplier: rise * size / 1000.0,
                        });
                    }
                    let codepoints = chunk
                        .iter()
                        .map(|g| {
                            let own = face.part(g.gid).1;
                            let gid = remap.map_or(0, |r| r.code(own));
                            // Thousandths of an em in whole hundredths: plenty for
                            // placement, and it keeps the content streams short.
                            let adjust = (g.adjust * 100.0).round() / 100.0;
                            Codepoint::with_cid(gid, adjust, drawn(g))
                        })
                        .collect();
                    ops.push(Op::ShowText {
                        items: vec![TextItem::GlyphIds(codepoints)],
                    });
                }
                if spelled.is_some() {
                    ops.push(Op::EndMarkedContent);
                }
            }
            if rise != 0.0 {
                ops.push(Op::SetLineOffset { multiplier: 0.0 });
            }
        }
        ops.push(Op::EndTextSection);
        for mark in &page.marks {
            if let Mark::Rule {
                x,
                y,
                width,
                thickness,
            } = mark
            {
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(*x),
                        y: Pt(height - y - thickness / 2.0),
                        width: Pt(*width),
                        height: Pt(*thickness),
                        mode: Some(PaintMode::Fill),
                        winding_order: None,
                    },
                });
            }
        }
        ops
    }

    /// `/ActualText`, in UTF-16 with its byte order mark, as PDF text strings
    /// outside PDFDocEncoding are written.
    fn actual_text(text: &str) -> DictItem {
        let mut data = vec![0xfe, 0xff];
        data.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        DictItem::Dict {
            map: BTreeMap::from([(
                "ActualText".to_string(),
                DictItem::String {
                    data,
                    literal: false,
                },
            )]),
        }
    }

    /// The pages, faces and description of a compilation under `sources/`.
    fn set(edition: &str) -> (Vec<Page>, Faces, Info) {
        let path = format!(
            "{}/sources/{edition}/compilation.toml",
            env!("CARGO_MANIFEST_DIR")
        );
        let manifest = crate::manifest::Manifest::load(std::path::Path::new(&path)).unwrap();
        let compiled =
            crate::pipeline::compile_manifest(&manifest, &[], Default::default(), |_| {})
                .unwrap_or_else(|d| panic!("{d}"));
        let c = &compiled.compilation;
        let files = FontFiles::of(&manifest);
        let faces = faces(&files).unwrap();
        let dictionary = patterns(c.language.as_str());
        let kit = Kit {
            style: &UN,
            faces: &faces,
            hyphenator: dictionary.as_ref(),
            language: crate::language::get(c.language.as_str()),
        };
        let pages = layout::pages(c, &kit).unwrap();
        (pages, faces, info(c))
    }

    #[test]
    fn content_streams_are_the_ones_printpdf_writes() {
        // French (raised ordinals), Arabic (words and marks under
        // /ActualText, text rise, mirrored brackets), Chinese (spaced-out
        // runs, Latin letters in a face of their own): every object of the
        // document, streams included, as printpdf makes it from the
        // operations.
        for edition in ["wg-som", "wg-som-ar", "wg-som-zh"] {
            let (pages, faces, info) = set(edition);
            let height = UN.page_height;
            let (_, theirs, _) = printed(&pages, &faces, &UN, &info, |remaps| {
                pages
                    .iter()
                    .map(|p| page_ops(p, height, &faces, remaps))
                    .collect()
            })
            .unwrap();
            let (doc, mut ours, remaps) = printed(&pages, &faces, &UN, &info, |remaps| {
                let mut ops = vec![Vec::new(); pages.len()];
                ops[0] = shown_once(&pages, &faces, remaps);
                ops
            })
            .unwrap();
            write_contents(&mut ours, &doc, &pages, &faces, &remaps, height).unwrap();
            // Streams come out compressed: compared as printpdf leaves them.
            for (id, object) in ours.objects.iter_mut() {
                let plain =
                    |o: &Object| matches!(o, Object::Stream(s) if s.dict.get(b"Filter").is_err());
                if let (Object::Stream(s), Some(true)) = (object, theirs.objects.get(id).map(plain))
                {
                    if s.dict.get(b"Filter").is_ok() {
                        let content = s.decompressed_content().unwrap();
                        s.dict.remove(b"Filter");
                        s.set_content(content);
                    }
                }
            }
            assert_eq!(theirs.objects.len(), ours.objects.len(), "{edition}");
            for (id, object) in &theirs.objects {
                assert!(
                    ours.objects.get(id) == Some(object),
                    "{edition}: object {id:?} differs"
                );
            }
        }
    }
}
