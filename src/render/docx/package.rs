//! Last touches on the archive docx-rs wrote, for what its API cannot say:
//! the language of the text, the core properties, the footnote's own `*`
//! mark and Word's footnote separators, settings in schema order. The
//! archive is then rewritten with fixed timestamps, so that the same
//! compilation always gives the same bytes.
//!
//! Every edit anchors on a string docx-rs is known to write and fails loudly
//! when it is missing, rather than shipping a silently different file.

use super::body::AGENDA_FOOTNOTE_ID;
use super::{canonical, theme};
use std::io::{Cursor, Read, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

/// Timestamp of every archive entry and of the core properties: the DOS
/// epoch, the earliest a zip entry can carry.
const FIXED_TIME: &str = "1980-01-01T00:00:00Z";

pub struct Metadata<'a> {
    pub title: &'a str,
    pub subject: &'a str,
    /// The document symbol, stored as the identifier.
    pub symbol: &'a str,
    /// `Nations Unies`: author and last editor.
    pub creator: &'a str,
    /// BCP 47 tag (`fr-FR`).
    pub language: String,
    /// The body face, named by the theme too.
    pub font: &'a str,
    /// Runs that end the first page's footer: its barcode and QR code.
    pub first_footer_runs: String,
    /// The footnote rule's weight (eighths of a point) and how far it ends
    /// short of the measure (twips).
    pub separator_rule: usize,
    pub separator_indent: i32,
}

pub fn finish(raw: &[u8], meta: &Metadata) -> Result<Vec<u8>, String> {
    let err = |e: zip::result::ZipError| e.to_string();
    let mut archive = ZipArchive::new(Cursor::new(raw)).map_err(err)?;
    let mut out = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::DEFAULT);

    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(err)?;
        // Word writes no directory entries; neither do we.
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().to_owned();
        let mut bytes = Vec::new();
        entry
            .read_to_end(&mut bytes)
            .map_err(|e| format!("{name}: {e}"))?;
        let bytes = match name.as_str() {
            "docProps/core.xml" => core_properties(meta).into_bytes(),
            "word/styles.xml" => edit(&name, bytes, |x| styles(x, &meta.language))?,
            "word/settings.xml" => edit(&name, bytes, |x| settings(x, &meta.language))?,
            "word/document.xml" => edit(&name, bytes, custom_footnote_mark)?,
            "word/footnotes.xml" => edit(&name, bytes, |x| {
                footnote_separators(x, meta.separator_rule, meta.separator_indent)
            })?,
            "word/_rels/document.xml.rels" => edit(&name, bytes, theme_relationship)?,
            "[Content_Types].xml" => edit(&name, bytes, theme_content_type)?,
            footer if footer.starts_with("word/footer") => {
                edit(&name, bytes, |x| first_footer(x, &meta.first_footer_runs))?
            }
            _ => bytes,
        };
        // Every WordprocessingML part, once edited, in schema order.
        let bytes = if name.starts_with("word/") && name.ends_with(".xml") {
            edit(&name, bytes, canonical::part)?
        } else {
            bytes
        };
        out.start_file(name, options).map_err(err)?;
        out.write_all(&bytes).map_err(|e| e.to_string())?;
    }
    out.start_file(theme::PART, options).map_err(err)?;
    out.write_all(theme::xml(meta.font).as_bytes())
        .map_err(|e| e.to_string())?;
    Ok(out.finish().map_err(err)?.into_inner())
}

fn edit(
    name: &str,
    bytes: Vec<u8>,
    f: impl FnOnce(&str) -> Result<String, String>,
) -> Result<Vec<u8>, String> {
    let xml = String::from_utf8(bytes).map_err(|e| format!("{name}: {e}"))?;
    f(&xml)
        .map(String::into_bytes)
        .map_err(|e| format!("{name}: {e}"))
}

/// Replaces the single occurrence of `from`.
fn replace_once(xml: &str, from: &str, to: &str) -> Result<String, String> {
    match xml.matches(from).count() {
        1 => Ok(xml.replacen(from, to, 1)),
        n => Err(format!("expected `{from}` once, found it {n} times")),
    }
}

/// The attributes that name the language: Word takes a Chinese text's from
/// `w:eastAsia`, an Arabic one's from `w:bidi`.
fn language_attributes(language: &str) -> String {
    match language.split('-').next() {
        Some("zh") => format!(r#"w:val="{language}" w:eastAsia="{language}""#),
        Some("ar") => format!(r#"w:val="{language}" w:bidi="{language}""#),
        _ => format!(r#"w:val="{language}""#),
    }
}

/// The face Word sets Chinese in: SimSun, the body face of Chinese UN
/// documents (Word and LibreOffice substitute a Ming face where it is not).
const CHINESE_FACE: &str = "SimSun";

/// The language goes on the document defaults, which every style inherits,
/// so Word checks spelling and hyphenates in it; a Chinese document's
/// defaults name a Chinese face. `Normal` is marked as the default
/// paragraph style, which Word looks for. Widow and orphan control goes
/// there too: no paragraph leaves a lone line at the foot or head of a
/// page, as in the PDF (Word reads its absence as off).
fn styles(xml: &str, language: &str) -> Result<String, String> {
    let mut xml = replace_once(
        xml,
        "</w:rPr></w:rPrDefault>",
        &format!(
            r#"<w:lang {} /></w:rPr></w:rPrDefault>"#,
            language_attributes(language)
        ),
    )?;
    if language.starts_with("zh") {
        let defaults = xml.find("<w:rPrDefault>").ok_or("no run defaults")?;
        let at = defaults
            + xml[defaults..]
                .find(r#"w:eastAsia=""#)
                .ok_or("no east Asian face")?;
        let value = at + r#"w:eastAsia=""#.len();
        let end = value + xml[value..].find('"').ok_or("unclosed attribute")?;
        xml.replace_range(value..end, CHINESE_FACE);
    }
    let xml = replace_once(
        &xml,
        "<w:pPrDefault><w:pPr>",
        "<w:pPrDefault><w:pPr><w:widowControl />",
    )?;
    replace_once(
        &xml,
        r#"<w:style w:type="paragraph" w:styleId="Normal">"#,
        r#"<w:style w:type="paragraph" w:styleId="Normal" w:default="1">"#,
    )
}

/// docx-rs writes `zoom` after `defaultTabStop` and `evenAndOddHeaders`
/// after `compat`, where the schema does not allow them; they move up, the
/// latter followed by the footnote settings that name the separators. The
/// theme language closes the part, as Word writes it.
fn settings(xml: &str, language: &str) -> Result<String, String> {
    const ZOOM: &str = r#"<w:zoom w:percent="100" />"#;
    let xml = replace_once(xml, ZOOM, "")?;
    let xml = replace_once(
        &xml,
        "<w:defaultTabStop ",
        &format!("{ZOOM}<w:defaultTabStop "),
    )?;
    let xml = replace_once(&xml, "<w:evenAndOddHeaders />", "")?;
    let xml = replace_once(
        &xml,
        "<w:compat>",
        concat!(
            "<w:evenAndOddHeaders />",
            r#"<w:footnotePr><w:footnote w:id="-1" /><w:footnote w:id="0" /></w:footnotePr>"#,
            "<w:compat>"
        ),
    )?;
    replace_once(
        &xml,
        "</w:settings>",
        &format!(
            r#"<w:themeFontLang {} /></w:settings>"#,
            language_attributes(language)
        ),
    )
}

/// The agenda footnote is marked `*`, as on every UN first page, not with a
/// number: Word calls that a custom mark, typed after the reference.
fn custom_footnote_mark(xml: &str) -> Result<String, String> {
    replace_once(
        xml,
        &format!(r#"<w:footnoteReference w:id="{AGENDA_FOOTNOTE_ID}" />"#),
        &format!(r#"<w:footnoteReference w:customMarkFollows="1" w:id="{AGENDA_FOOTNOTE_ID}" />"#),
    )
}

/// Word draws the rule above footnotes from these two special notes, and
/// writes them in every document that has footnotes. Its own separator is
/// a fixed two-inch line; the house style's is shorter and thin, so the
/// separator note draws it as a paragraph rule (`rule`, in eighths of a
/// point) ending `indent` twips short of the measure. Word's separator
/// character stays, hidden: LibreOffice draws its own footnote line (a
/// quarter of the measure; it reads nothing else of this note) only where
/// it finds one.
fn footnote_separators(xml: &str, rule: usize, indent: i32) -> Result<String, String> {
    let first = format!(r#"<w:footnote w:id="{AGENDA_FOOTNOTE_ID}">"#);
    let spacing = r#"<w:spacing w:after="0" w:line="240" w:lineRule="auto" />"#;
    let separators = format!(
        concat!(
            r#"<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr>"#,
            r#"<w:pBdr><w:bottom w:val="single" w:sz="{rule}" w:space="0" w:color="000000" /></w:pBdr>"#,
            r#"{spacing}<w:ind w:right="{indent}" /></w:pPr>"#,
            "<w:r><w:rPr><w:vanish /></w:rPr><w:separator /></w:r></w:p></w:footnote>",
            r#"<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr>{spacing}</w:pPr>"#,
            "<w:r><w:continuationSeparator /></w:r></w:p></w:footnote>",
        ),
        rule = rule,
        indent = indent,
        spacing = spacing,
    );
    replace_once(xml, &first, &format!("{separators}{first}"))
}

/// The first page's footer (the one paragraph in the job number's style)
/// ends with the codes; the other footers pass unchanged.
fn first_footer(xml: &str, runs: &str) -> Result<String, String> {
    let style = format!(r#"<w:pStyle w:val="{}" />"#, super::styles::JOB_NUMBER);
    if runs.is_empty() || !xml.contains(&style) {
        return Ok(xml.to_owned());
    }
    replace_once(xml, "</w:p></w:ftr>", &format!("{runs}</w:p></w:ftr>"))
}

/// The theme part, which docx-rs does not write, related to the main part.
fn theme_relationship(xml: &str) -> Result<String, String> {
    replace_once(
        xml,
        "</Relationships>",
        &format!(
            r#"<Relationship Id="rIdTheme1" Type="{}" Target="{}" /></Relationships>"#,
            theme::RELATIONSHIP,
            theme::TARGET
        ),
    )
}

fn theme_content_type(xml: &str) -> Result<String, String> {
    replace_once(
        xml,
        "</Types>",
        &format!(
            r#"<Override PartName="/{}" ContentType="{}" /></Types>"#,
            theme::PART,
            theme::CONTENT_TYPE
        ),
    )
}

/// docx-rs can set only the dates of the core properties; title, subject
/// and language need the whole part.
fn core_properties(meta: &Metadata) -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{title}</dc:title>",
            "<dc:subject>{subject}</dc:subject>",
            "<dc:creator>{creator}</dc:creator>",
            "<dc:identifier>{symbol}</dc:identifier>",
            "<dc:language>{language}</dc:language>",
            "<cp:lastModifiedBy>{creator}</cp:lastModifiedBy>",
            "<cp:revision>1</cp:revision>",
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{time}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{time}</dcterms:modified>"#,
            "</cp:coreProperties>"
        ),
        title = escape(meta.title),
        subject = escape(meta.subject),
        creator = escape(meta.creator),
        symbol = escape(meta.symbol),
        language = escape(&meta.language),
        time = FIXED_TIME,
    )
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}
