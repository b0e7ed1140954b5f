//! Word reports (`.docx`): the text of `word/document.xml`, one line per
//! paragraph with a blank line between paragraphs, as a text report has.
//! The text is the accepted one (tracked deletions out, insertions in), a
//! field gives its result, paragraphs of tables and text boxes come in
//! reading order, and automatic numbering is written out as the label Word
//! shows, then a tab. A zip that inflates beyond a bound, or XML with a
//! document type (and so possibly entity expansion), is refused.

use super::numbering::{val, Numbering, NumberingProperties};
use quick_xml::events::Event;
use quick_xml::Reader;
use std::io::Read;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocxError {
    /// Paragraph of the document where reading stopped, if known.
    pub paragraph: usize,
    pub message: String,
}

fn error(paragraph: usize, message: impl Into<String>) -> DocxError {
    DocxError {
        paragraph,
        message: message.into(),
    }
}

/// One inflated part of the archive, bounded; `None` when it is absent.
fn part(
    archive: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
    max_inflated: u64,
) -> Result<Option<Vec<u8>>, DocxError> {
    let mut part = match archive.by_name(name) {
        Ok(part) => part,
        Err(_) => return Ok(None),
    };
    if part.size() > max_inflated {
        return Err(error(
            0,
            format!(
                "{name} inflates to {} bytes, over the limit of {max_inflated}",
                part.size()
            ),
        ));
    }
    // The declared size can lie: read at most one byte past the bound.
    let mut xml = Vec::new();
    (&mut part)
        .take(max_inflated + 1)
        .read_to_end(&mut xml)
        .map_err(|e| error(0, format!("cannot inflate {name}: {e}")))?;
    if xml.len() as u64 > max_inflated {
        return Err(error(
            0,
            format!("{name} inflates beyond the limit of {max_inflated} bytes"),
        ));
    }
    Ok(Some(xml))
}

/// The text of a Word document; `max_inflated` bounds the size of each XML
/// part after decompression.
pub fn text(bytes: &[u8], max_inflated: u64) -> Result<String, DocxError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| error(0, format!("not a Word document (bad zip: {e})")))?;
    let xml = part(&mut archive, "word/document.xml", max_inflated)?
        .ok_or_else(|| error(0, "not a Word document: the zip has no word/document.xml"))?;
    let lists = part(&mut archive, "word/numbering.xml", max_inflated)?.unwrap_or_default();
    let styles = part(&mut archive, "word/styles.xml", max_inflated)?.unwrap_or_default();
    let mut numbering = Numbering::read(&lists, &styles);
    paragraphs(&xml, &mut numbering)
}

/// Elements whose content is not part of the accepted text: deleted and
/// moved-away runs, earlier versions of properties, the fallback copy of a
/// drawing (its text box is read from the main copy), hidden field codes.
const SKIPPED: &[&[u8]] = &[
    b"del",
    b"moveFrom",
    b"pPrChange",
    b"rPrChange",
    b"sectPrChange",
    b"tblPrChange",
    b"trPrChange",
    b"tcPrChange",
    b"numberingChange",
    b"Fallback",
    b"instrText",
    b"delInstrText",
];

/// A paragraph being read: its text so far and its properties.
#[derive(Default)]
struct Open {
    text: String,
    style: Option<String>,
    numbering: NumberingProperties,
    /// The paragraph mark was deleted: the paragraph runs on into the next.
    mark_deleted: bool,
}

fn paragraphs(xml: &[u8], numbering: &mut Numbering) -> Result<String, DocxError> {
    let mut reader = Reader::from_reader(xml);
    let mut out = String::new();
    // Text boxes hold paragraphs inside a paragraph: innermost last.
    let mut open: Vec<Open> = Vec::new();
    // Text carried over from paragraphs whose mark was deleted.
    let mut carried = String::new();
    let mut count = 0;
    let mut in_text = false;
    let mut in_properties = 0usize;
    let mut skipping = 0usize;
    let mut buf = Vec::new();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| error(count + 1, format!("bad XML in word/document.xml: {e}")))?;
        if skipping > 0 {
            match event {
                Event::Start(_) => skipping += 1,
                Event::End(_) => skipping -= 1,
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
            continue;
        }
        match event {
            Event::DocType(_) => {
                return Err(error(
                    0,
                    "word/document.xml declares a document type; refused (entity expansion)",
                ));
            }
            Event::Start(e) if SKIPPED.contains(&e.local_name().as_ref()) => skipping = 1,
            Event::Start(e) if e.local_name().as_ref() == b"p" => open.push(Open::default()),
            Event::Start(e) if e.local_name().as_ref() == b"pPr" => in_properties += 1,
            Event::End(e) if e.local_name().as_ref() == b"pPr" => {
                in_properties = in_properties.saturating_sub(1)
            }
            Event::Start(e) if e.local_name().as_ref() == b"t" => in_text = true,
            Event::End(e) if e.local_name().as_ref() == b"t" => in_text = false,
            Event::Empty(e) | Event::Start(e) => {
                let Some(p) = open.last_mut() else {
                    buf.clear();
                    continue;
                };
                match e.local_name().as_ref() {
                    b"pStyle" if in_properties > 0 => p.style = val(&e),
                    b"numId" if in_properties > 0 => p.numbering.num_id = val(&e),
                    b"ilvl" if in_properties > 0 => {
                        p.numbering.level = val(&e).and_then(|v| v.parse().ok())
                    }
                    b"del" if in_properties > 0 => p.mark_deleted = true,
                    b"tab" if in_properties == 0 => p.text.push('\t'),
                    b"br" | b"cr" => p.text.push('\n'),
                    b"noBreakHyphen" => p.text.push('\u{2011}'),
                    _ => {}
                }
            }
            Event::End(e) if e.local_name().as_ref() == b"p" => {
                count += 1;
                let Some(p) = open.pop() else {
                    buf.clear();
                    continue;
                };
                let label = numbering.label(p.style.as_deref(), &p.numbering);
                if carried.is_empty() {
                    if let Some(label) = label {
                        carried.push_str(&label);
                        carried.push('\t');
                    }
                }
                carried.push_str(&p.text);
                if !p.mark_deleted {
                    out.push_str(&carried);
                    out.push_str("\n\n");
                    carried.clear();
                }
            }
            Event::Text(t) if in_text => {
                let text = t
                    .decode()
                    .map_err(|e| error(count + 1, format!("bad text in word/document.xml: {e}")))?;
                if let Some(p) = open.last_mut() {
                    p.text.push_str(&text);
                }
            }
            Event::GeneralRef(r) if in_text => {
                let name = r
                    .decode()
                    .map_err(|e| error(count + 1, format!("bad entity: {e}")))?;
                let c = match quick_xml::escape::resolve_predefined_entity(&name) {
                    Some(c) => c.to_string(),
                    None => match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        _ => {
                            return Err(error(
                                count + 1,
                                format!("unknown entity &{name}; in word/document.xml"),
                            ))
                        }
                    },
                };
                if let Some(p) = open.last_mut() {
                    p.text.push_str(&c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if !carried.is_empty() {
        out.push_str(&carried);
        out.push_str("\n\n");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn docx(document: &str) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("word/document.xml", options).unwrap();
        zip.write_all(document.as_bytes()).unwrap();
        zip.finish().unwrap().into_inner()
    }

    const W: &str = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#;

    #[test]
    fn paragraphs_become_lines_with_tabs() {
        let bytes = docx(&format!(
            "{W}<w:p><w:r><w:t>5.</w:t></w:r><w:r><w:tab/><w:t xml:space=\"preserve\">Les États &amp; l’ONUDC </w:t></w:r><w:r><w:t>« coopèrent ».</w:t></w:r></w:p><w:p><w:r><w:t>a)</w:t><w:tab/><w:t>Un</w:t></w:r></w:p></w:body></w:document>"
        ));
        assert_eq!(
            text(&bytes, 1 << 20).unwrap(),
            "5.\tLes États & l’ONUDC « coopèrent ».\n\na)\tUn\n\n"
        );
    }

    #[test]
    fn accepted_text_field_results_and_no_footnote_marks() {
        let bytes = docx(&format!(
            "{W}<w:p><w:r><w:t xml:space=\"preserve\">Les </w:t></w:r><w:del><w:r><w:delText>anciens </w:delText></w:r></w:del><w:ins><w:r><w:t xml:space=\"preserve\">nouveaux </w:t></w:r></w:ins><w:moveFrom><w:r><w:t>partis</w:t></w:r></w:moveFrom><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> REF x </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>États</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r><w:moveTo><w:r><w:t xml:space=\"preserve\"> venus</w:t></w:r></w:moveTo></w:p></w:body></w:document>"
        ));
        assert_eq!(
            text(&bytes, 1 << 20).unwrap(),
            "Les nouveaux États venus\n\n"
        );
    }

    #[test]
    fn a_deleted_paragraph_mark_joins_two_paragraphs() {
        let bytes = docx(&format!(
            "{W}<w:p><w:pPr><w:rPr><w:del w:id=\"1\"/></w:rPr></w:pPr><w:r><w:t xml:space=\"preserve\">Un </w:t></w:r></w:p><w:p><w:pPr><w:pPrChange><w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:pPrChange></w:pPr><w:r><w:t>texte.</w:t></w:r></w:p></w:body></w:document>"
        ));
        assert_eq!(text(&bytes, 1 << 20).unwrap(), "Un texte.\n\n");
    }

    #[test]
    fn text_boxes_once_and_tables_in_order() {
        let box_ =
            "<w:txbxContent><w:p><w:r><w:t>Distr. générale</w:t></w:r></w:p></w:txbxContent>";
        let bytes = docx(&format!(
            "{W}<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Nations Unies</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>CTOC/COP/WG.7/2016/3</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><mc:AlternateContent><mc:Choice>{box_}</mc:Choice><mc:Fallback>{box_}</mc:Fallback></mc:AlternateContent></w:r></w:p><w:p><w:r><w:t>Fin</w:t></w:r></w:p></w:body></w:document>"
        ));
        assert_eq!(
            text(&bytes, 1 << 20).unwrap(),
            "Nations Unies\n\nCTOC/COP/WG.7/2016/3\n\nDistr. générale\n\n\n\nFin\n\n"
        );
    }

    #[test]
    fn not_a_zip_and_zip_without_document() {
        assert!(text(b"plain text", 1 << 20)
            .unwrap_err()
            .message
            .contains("bad zip"));
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("other.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        assert!(text(&bytes, 1 << 20)
            .unwrap_err()
            .message
            .contains("no word/document.xml"));
    }

    #[test]
    fn inflation_beyond_the_bound_is_refused() {
        let big = format!(
            "{W}<w:p><w:r><w:t>{}</w:t></w:r></w:p></w:body></w:document>",
            "a".repeat(100_000)
        );
        let err = text(&docx(&big), 10_000).unwrap_err();
        assert!(err.message.contains("limit"), "{err:?}");
    }

    #[test]
    fn document_types_are_refused() {
        let xml = format!("<!DOCTYPE lol [<!ENTITY a \"aaaa\">]>{W}<w:p><w:r><w:t>&a;</w:t></w:r></w:p></w:body></w:document>");
        assert!(text(&docx(&xml), 1 << 20)
            .unwrap_err()
            .message
            .contains("document type"));
    }
}
