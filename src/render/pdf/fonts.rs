//! Font faces as the typesetter sees them: advances quantised exactly as the
//! PDF's `/W` array will state them, pair kerning from the legacy `kern`
//! table, and subsetting of the glyphs a document actually uses.

use super::PdfError;
use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{subset, CmapTarget, SubsetProfile};
use allsorts::tables::{FontTableProvider, NameTable};
use allsorts::tag;
use printpdf::ParsedFont;
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The two faces a document is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FontKind {
    Regular,
    Bold,
}

/// One glyph of shaped text. Widths are in thousandths of an em.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Glyph {
    pub gid: u16,
    /// What the glyph stands for, for the ToUnicode map: `ch`, then `tail`
    /// up to its first NUL (a ligature stands for several characters).
    pub ch: char,
    pub tail: [char; 3],
    pub advance: f32,
    /// Pair kerning before the next glyph (negative brings it closer); for
    /// a glyph shaped by the font's own rules, how far its shaped advance
    /// differs from its advance in `/W`.
    pub kern: f32,
    /// Bidirectional embedding level (odd: right to left); 0 for text
    /// without right-to-left letters.
    pub level: u8,
    /// Where the font's positioning moves the glyph (a mark over its base)
    /// without moving what follows.
    pub offset: (f32, f32),
    /// Shaped by the font's rules: `kern` belongs to the glyph itself, not
    /// to the pair it ends.
    pub shaped: bool,
}

/// A parsed font file.
pub struct Face {
    /// PostScript name, used as the PDF `/BaseFont`.
    pub name: String,
    bytes: Vec<u8>,
    units_per_em: u16,
    /// Depth below the baseline (`hhea` descender), in font units.
    descender: i16,
    cmap: FxHashMap<u32, u16>,
    /// Each glyph's advance as [`Face::advance`] gives it, worked out once.
    advances: Vec<f32>,
    kern: FxHashMap<(u16, u16), i16>,
    pub space: u16,
    /// The glyph that marks a word broken at a line end, and the text it
    /// stands for: a soft hyphen where the face has a hyphen glyph of its
    /// own for it, so that extracted text joins the word again.
    pub hyphen: (u16, char),
    /// Glyphs in the face's own font: ids from there on are `latin`'s.
    glyph_count: u16,
    /// The face Latin letters, figures and signs are set in when this one
    /// is not a Latin face (a Chinese face's Latin letters are its own
    /// design, not the serif of the house style): its glyph `g` is glyph
    /// `glyph_count + g` here, so that a run of text needs no other face.
    latin: Option<Box<Face>>,
}

impl Face {
    pub fn load(path: &Path) -> Result<Face, PdfError> {
        let bytes = std::fs::read(path).map_err(|e| PdfError::FontMissing {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        Face::from_bytes(path, bytes)
    }

    pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Face, PdfError> {
        let unreadable = |reason: &str| PdfError::FontUnreadable {
            path: path.to_path_buf(),
            reason: reason.to_string(),
        };
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(&bytes, 0, &mut warnings)
            .ok_or_else(|| unreadable("not a TrueType or OpenType font"))?;
        if parsed.units_per_em == 0 {
            return Err(unreadable("units per em is zero"));
        }
        if matches!(parsed.font_type, printpdf::FontType::OpenTypeCFF(_)) {
            // Subsetting and the /FontFile2 path below assume glyf outlines.
            return Err(unreadable(
                "CFF-flavoured OpenType is not supported; use a TrueType font",
            ));
        }
        let space = parsed
            .lookup_glyph_index(' ' as u32)
            .ok_or_else(|| unreadable("the font has no space glyph"))?;
        let hard = parsed.lookup_glyph_index('-' as u32);
        let hyphen = match (parsed.lookup_glyph_index(0x2010), hard) {
            (Some(own), Some(hard)) if own != hard => (own, '\u{ad}'),
            (_, Some(hard)) => (hard, '-'),
            (Some(own), None) => (own, '\u{2010}'),
            (None, None) => return Err(unreadable("the font has no hyphen")),
        };
        let (name, kern) = read_name_and_kern(&bytes).map_err(|e| unreadable(&e))?;
        let name = name.unwrap_or_else(|| {
            path.file_stem()
                .map(|s| s.to_string_lossy().replace(' ', ""))
                .unwrap_or_else(|| "Font".to_string())
        });
        let glyph_count = glyph_count(&bytes).map_err(|e| unreadable(&e))?;
        let upm = parsed.units_per_em;
        let known = parsed
            .glyph_widths
            .keys()
            .last()
            .map_or(0, |&g| g as usize + 1);
        let mut advances = vec![thousandths(0, upm); known];
        for (&gid, &w) in &parsed.glyph_widths {
            advances[gid as usize] = thousandths(w, upm);
        }
        Ok(Face {
            name,
            glyph_count,
            latin: None,
            units_per_em: upm,
            descender: parsed.font_metrics.descent,
            cmap: parsed.codepoint_to_glyph.into_iter().collect(),
            advances,
            kern,
            space,
            hyphen,
            bytes,
        })
    }

    /// This face with `latin` setting its Latin letters, figures and signs
    /// (spaces and hyphens too).
    pub fn with_latin(mut self, latin: Face) -> Result<Face, PdfError> {
        if self.glyph_count as u32 + latin.glyph_count as u32 > u16::MAX as u32 {
            return Err(PdfError::FontUnreadable {
                path: self.name.clone().into(),
                reason: format!("too many glyphs to set its Latin letters in {}", latin.name),
            });
        }
        let base = self.glyph_count;
        self.space = base + latin.space;
        self.hyphen = (base + latin.hyphen.0, latin.hyphen.1);
        self.latin = Some(Box::new(latin));
        Ok(self)
    }

    /// The fonts glyphs are drawn from, each with its first glyph id here:
    /// the face's own, then its Latin face's.
    pub fn parts(&self) -> Vec<(&Face, u16)> {
        std::iter::once((self, 0))
            .chain(self.latin.as_deref().map(|l| (l, self.glyph_count)))
            .collect()
    }

    /// Which of `parts` glyph `gid` is drawn from, and its id there.
    pub fn part(&self, gid: u16) -> (usize, u16) {
        match &self.latin {
            Some(_) if gid >= self.glyph_count => (1, gid - self.glyph_count),
            _ => (0, gid),
        }
    }

    fn part_face(&self, part: usize) -> &Face {
        match (part, &self.latin) {
            (1, Some(latin)) => latin,
            _ => self,
        }
    }

    /// Advance of a glyph in thousandths of an em, truncated the way the
    /// writer fills `/W`, so that what is measured is what viewers draw.
    pub fn advance(&self, gid: u16) -> f32 {
        let (part, gid) = self.part(gid);
        let face = self.part_face(part);
        face.advances
            .get(gid as usize)
            .copied()
            .unwrap_or_else(|| thousandths(0, face.units_per_em))
    }

    /// Depth of the face below the baseline, as a fraction of the type
    /// size, in whole thousandths of an em like the advances.
    pub fn descent(&self) -> f32 {
        let thousandths = (-(self.descender as f32) * 1000.0 / self.units_per_em as f32) as i64;
        thousandths as f32 / 1000.0
    }

    fn kern_pair(&self, left: u16, right: u16) -> f32 {
        let ((part, left), (other, right)) = (self.part(left), self.part(right));
        if part != other {
            return 0.0;
        }
        let face = self.part_face(part);
        face.kern
            .get(&(left, right))
            .map(|&v| v as f32 * 1000.0 / face.units_per_em as f32)
            .unwrap_or(0.0)
    }

    pub fn glyph_id(&self, ch: char) -> Result<u16, PdfError> {
        if let Some(latin) = self.latin.as_deref().filter(|_| is_latin(ch)) {
            if let Ok(gid) = latin.glyph_id(ch) {
                return Ok(self.glyph_count + gid);
            }
        }
        if let Some(&gid) = self.cmap.get(&(ch as u32)) {
            return Ok(gid);
        }
        stand_in(ch)
            .and_then(|f| self.cmap.get(&(f as u32)).copied())
            .ok_or_else(|| PdfError::MissingGlyph {
                font: self.name.clone(),
                ch,
                location: None,
            })
    }

    /// Glyphs for `text`, kerned pairwise, without breaking it.
    pub fn shape(&self, text: &str) -> Result<Vec<Glyph>, PdfError> {
        let mut out: Vec<Glyph> = Vec::with_capacity(text.len());
        for ch in text.chars() {
            if is_invisible(ch) && !self.cmap.contains_key(&(ch as u32)) {
                // Format characters (bidirectional marks, zero-width spaces
                // and joiners) draw nothing; a face needn't have them.
                continue;
            }
            let gid = self.glyph_id(ch)?;
            if let Some(prev) = out.last_mut() {
                prev.kern = self.kern_pair(prev.gid, gid);
            }
            out.push(Glyph {
                gid,
                ch,
                advance: self.advance(gid),
                ..Glyph::default()
            });
        }
        Ok(out)
    }

    /// Glyphs for `text`, a run of one direction at bidirectional `level`,
    /// shaped by the font's OpenType rules (joining forms, required
    /// ligatures, marks placed over their letters): in logical order, each
    /// standing for the characters of its cluster.
    pub fn shape_run(&self, text: &str, level: u8) -> Result<Vec<Glyph>, PdfError> {
        let unreadable = || PdfError::FontUnreadable {
            path: self.name.clone().into(),
            reason: "the shaping engine cannot read the font".to_string(),
        };
        let face = rustybuzz::Face::from_slice(&self.bytes, 0).ok_or_else(unreadable)?;
        // The face's stand-ins for signs it lacks, character for character,
        // so that each glyph still stands for the text's own characters.
        let original: Vec<(usize, char)> = text.char_indices().collect();
        let stood_in: String = original
            .iter()
            .map(|&(_, c)| match stand_in(c) {
                Some(s) if !self.cmap.contains_key(&(c as u32)) => s,
                _ => c,
            })
            .collect();
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(&stood_in);
        buffer.set_cluster_level(rustybuzz::BufferClusterLevel::Characters);
        buffer.set_direction(if level % 2 == 1 {
            rustybuzz::Direction::RightToLeft
        } else {
            rustybuzz::Direction::LeftToRight
        });
        buffer.guess_segment_properties();
        // No pair kerning: Amiri's opens the room after `ر`, `ز`, `و` wider than
        // the tenth of an em at which text extraction sees a word space,
        // splitting the words; the letters join by their forms either way.
        let no_kerning =
            rustybuzz::Feature::new(rustybuzz::ttf_parser::Tag::from_bytes(b"kern"), 0, ..);
        let shaped = rustybuzz::shape(&face, &[no_kerning], buffer);
        let scale = 1000.0 / self.units_per_em as f32;
        let mut glyphs: Vec<(usize, Glyph)> = shaped
            .glyph_infos()
            .iter()
            .zip(shaped.glyph_positions())
            .map(|(info, pos)| {
                let gid = info.glyph_id as u16;
                let advance = self.advance(gid);
                let glyph = Glyph {
                    gid,
                    advance,
                    kern: pos.x_advance as f32 * scale - advance,
                    level,
                    offset: (pos.x_offset as f32 * scale, pos.y_offset as f32 * scale),
                    shaped: true,
                    ..Glyph::default()
                };
                // The cluster as the index of its first character.
                let at = stood_in[..info.cluster as usize].chars().count();
                (at, glyph)
            })
            .collect();
        if level % 2 == 1 {
            glyphs.reverse();
        }
        // Each glyph stands for the characters from its cluster to the next
        // cluster's; a cluster of several glyphs gives them to the first.
        let mut starts: Vec<usize> = glyphs.iter().map(|(c, _)| *c).collect();
        starts.push(original.len());
        starts.sort_unstable();
        starts.dedup();
        let mut out = Vec::with_capacity(glyphs.len());
        let mut previous = None;
        for (cluster, mut glyph) in glyphs {
            let end = starts[starts.partition_point(|&s| s <= cluster)];
            let mut chars = original[cluster..end].iter().map(|&(_, c)| c);
            if glyph.gid == 0 {
                return Err(PdfError::MissingGlyph {
                    font: self.name.clone(),
                    ch: original.get(cluster).map_or('\u{fffd}', |&(_, c)| c),
                    location: None,
                });
            }
            if previous != Some(cluster) {
                glyph.ch = chars.next().unwrap_or('\u{fffd}');
                for (slot, c) in glyph.tail.iter_mut().zip(chars) {
                    *slot = c;
                }
            }
            previous = Some(cluster);
            out.push(glyph);
        }
        Ok(out)
    }

    pub fn space_width(&self, size: f32) -> f32 {
        self.advance(self.space) * size / 1000.0
    }

    /// A font program holding only `used` (and `.notdef`), with the map
    /// from this face's glyph ids to the subset's.
    pub fn subset(
        &self,
        used: &BTreeSet<u16>,
    ) -> Result<(ParsedFont, BTreeMap<u16, u16>), PdfError> {
        let failed = |reason: String| PdfError::Subset {
            font: self.name.clone(),
            reason,
        };
        // allsorts numbers the subset's glyphs in the order given, and wants
        // .notdef first.
        let ids: Vec<u16> = std::iter::once(0)
            .chain(used.iter().copied().filter(|&g| g != 0))
            .collect();
        let font = ReadScope::new(&self.bytes)
            .read::<FontData<'_>>()
            .map_err(|e| failed(e.to_string()))?;
        let provider = font.table_provider(0).map_err(|e| failed(e.to_string()))?;
        // No `name` or `post`: readers take the name from the PDF and need
        // neither, and they are a good part of a small subset's size.
        let profile = SubsetProfile::Custom(vec![
            tag::CMAP,
            tag::HEAD,
            tag::HHEA,
            tag::HMTX,
            tag::MAXP,
            tag::CVT,
            tag::FPGM,
            tag::PREP,
        ]);
        let bytes = subset(&provider, &ids, &profile, CmapTarget::Unicode)
            .map_err(|e| failed(e.to_string()))?;
        let mut warnings = Vec::new();
        let mut parsed = ParsedFont::from_bytes(&bytes, 0, &mut warnings)
            .ok_or_else(|| failed("the subset could not be read back".to_string()))?;
        parsed.font_name = Some(format!("{}+{}", subset_tag(&self.name, &ids), self.name));
        let remap = ids
            .iter()
            .enumerate()
            .map(|(new, &old)| (old, new as u16))
            .collect();
        Ok((parsed, remap))
    }
}

/// A width of `w` font units in whole thousandths of an em, truncated as
/// the writer fills `/W`.
fn thousandths(w: u16, units_per_em: u16) -> f32 {
    (w as f32 * 1000.0 / units_per_em as f32) as i64 as f32
}

/// Width in points of shaped glyphs at `size`.
pub fn glyphs_width(glyphs: &[Glyph], size: f32) -> f32 {
    glyphs.iter().map(|g| g.advance + g.kern).sum::<f32>() * size / 1000.0
}

/// The six capitals that mark a subset font's name, derived from what the
/// subset holds so that the same document always gets the same tag.
fn subset_tag(name: &str, ids: &[u16]) -> String {
    let mut h = Fnv::new();
    h.write(name.as_bytes());
    for id in ids {
        h.write(&id.to_be_bytes());
    }
    let mut v = h.finish();
    (0..6)
        .map(|_| {
            let c = (b'A' + (v % 26) as u8) as char;
            v /= 26;
            c
        })
        .collect()
}

/// FNV-1a, for identifiers that must not change between runs.
pub struct Fnv(u64);

impl Fnv {
    pub fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    pub fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= b as u64;
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
    pub fn finish(&self) -> u64 {
        self.0
    }
}

type NameAndKern = (Option<String>, FxHashMap<(u16, u16), i16>);

fn read_name_and_kern(bytes: &[u8]) -> Result<NameAndKern, String> {
    let font = ReadScope::new(bytes)
        .read::<FontData<'_>>()
        .map_err(|e| e.to_string())?;
    let provider = font.table_provider(0).map_err(|e| e.to_string())?;
    let name = provider
        .read_table_data(tag::NAME)
        .ok()
        .and_then(|data| {
            ReadScope::new(&data)
                .read::<NameTable<'_>>()
                .ok()
                .and_then(|t| t.string_for_id(NameTable::POSTSCRIPT_NAME))
        })
        .map(|n| {
            n.chars()
                .filter(|c| c.is_ascii_graphic() && !"[](){}<>/%#".contains(*c))
                .collect::<String>()
        })
        .filter(|n| !n.is_empty());
    let kern = match provider.read_table_data(tag::KERN) {
        Ok(data) => parse_kern(&data),
        Err(_) => FxHashMap::default(),
    };
    Ok((name, kern))
}

/// Horizontal format-0 pairs of a Microsoft-style `kern` table. Anything it
/// does not understand yields no pairs rather than an error: kerning is a
/// refinement, not a requirement.
fn parse_kern(data: &[u8]) -> FxHashMap<(u16, u16), i16> {
    let u16_at =
        |i: usize| -> Option<u16> { Some(u16::from_be_bytes([*data.get(i)?, *data.get(i + 1)?])) };
    let mut pairs = FxHashMap::default();
    let (Some(0), Some(n_tables)) = (u16_at(0), u16_at(2)) else {
        return pairs;
    };
    let mut at = 4;
    for _ in 0..n_tables {
        let (Some(_version), Some(length), Some(coverage)) =
            (u16_at(at), u16_at(at + 2), u16_at(at + 4))
        else {
            break;
        };
        let horizontal = coverage & 1 != 0;
        let minimum_or_cross = coverage & 0b110 != 0;
        let format = coverage >> 8;
        let Some(n_pairs) = u16_at(at + 6) else { break };
        if format == 0 && horizontal && !minimum_or_cross {
            let start = at + 14;
            for k in 0..n_pairs as usize {
                let p = start + 6 * k;
                let (Some(l), Some(r), Some(v)) = (u16_at(p), u16_at(p + 2), u16_at(p + 4)) else {
                    break;
                };
                pairs.insert((l, r), v as i16);
            }
            // The stored length overflows 16 bits for big format-0 tables.
            at = start + 6 * n_pairs as usize;
        } else {
            at += length as usize;
        }
    }
    pairs
}

/// Stand-ins that keep the meaning when a face lacks the exact sign.
fn stand_in(ch: char) -> Option<char> {
    match ch {
        '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}' => Some(' '),
        '\u{2217}' => Some('*'),
        '\u{2011}' => Some('-'),
        _ => None,
    }
}

/// Letters, figures and signs of Latin text: ASCII and the Latin blocks,
/// not the punctuation Chinese text shares (quotation marks, dashes).
fn is_latin(ch: char) -> bool {
    (' '..='~').contains(&ch) || ('\u{a0}'..='\u{24f}').contains(&ch) && ch != '\u{b7}'
}

/// The number of glyphs in the font (`maxp`).
fn glyph_count(bytes: &[u8]) -> Result<u16, String> {
    let font = ReadScope::new(bytes)
        .read::<FontData<'_>>()
        .map_err(|e| e.to_string())?;
    let provider = font.table_provider(0).map_err(|e| e.to_string())?;
    let maxp = provider
        .read_table_data(tag::MAXP)
        .map_err(|e| e.to_string())?;
    maxp.get(4..6)
        .map(|b| u16::from_be_bytes([b[0], b[1]]))
        .ok_or_else(|| "the maxp table is too short".to_string())
}

/// Unicode format characters that have no appearance of their own.
fn is_invisible(ch: char) -> bool {
    matches!(ch,
        '\u{ad}' | '\u{61c}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kern_table_format_zero_is_read() {
        let mut t = vec![0, 0, 0, 1];
        // subtable header: version, length, coverage (format 0, horizontal)
        t.extend_from_slice(&[0, 0, 0, 26, 0, 1]);
        t.extend_from_slice(&[0, 2, 0, 12, 0, 1, 0, 0]);
        t.extend_from_slice(&[0, 36, 0, 55, 0xff, 0xb0]);
        t.extend_from_slice(&[0, 55, 0, 36, 0xff, 0xc4]);
        let pairs = parse_kern(&t);
        assert_eq!(pairs.get(&(36, 55)), Some(&-80));
        assert_eq!(pairs.get(&(55, 36)), Some(&-60));
    }

    #[test]
    fn truncated_kern_table_gives_what_it_can() {
        let t = [0, 0, 0, 1, 0, 0, 0, 26, 0, 1, 0, 9, 0, 0];
        assert!(parse_kern(&t).is_empty());
    }

    #[test]
    fn latin_runs_of_a_chinese_face_come_from_its_latin_face() {
        let fonts = crate::render::pdf::FontFiles::liberation();
        let latin = Face::load(&fonts.regular).expect("make installs Liberation Serif");
        let c = latin.advance(latin.glyph_id('C').unwrap());
        let chinese = Face::load(Path::new("/usr/share/fonts/truetype/arphic/uming.ttc"))
            .expect("make installs AR PL UMing");
        let own = chinese.advance(chinese.glyph_id('C').unwrap());
        let face = chinese.with_latin(latin).unwrap();
        let glyphs = face.shape("第5/3号").unwrap();
        let parts: Vec<usize> = glyphs.iter().map(|g| face.part(g.gid).0).collect();
        assert_eq!(parts, [0, 1, 1, 1, 0]);
        let shaped = face.shape("C").unwrap()[0];
        assert_eq!(shaped.advance, c);
        assert_ne!(c, own);
        assert_eq!(face.part(face.space).0, 1);
        // Chinese punctuation stays in the Chinese face.
        assert_eq!(face.part(face.glyph_id('，').unwrap()).0, 0);
    }

    #[test]
    fn the_descent_is_the_face_s_own() {
        // Liberation Serif, metric twin of Times: descender 443 of 2048 units.
        let fonts = crate::render::pdf::FontFiles::liberation();
        let face = Face::load(&fonts.regular).expect("make installs Liberation Serif");
        assert_eq!(face.descent(), 0.216);
        let mut deeper = face;
        deeper.descender = -1024;
        assert_eq!(deeper.descent(), 0.5);
    }
}
