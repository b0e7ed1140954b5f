//! Word reports (`.docx`): the text of `word/document.xml`, one line per
//! paragraph with a blank line between paragraphs, as a text report has.
//! Tabs and breaks are kept; a zip that inflates beyond a bound, or XML with
//! a document type (and so possibly entity expansion), is refused.

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

/// The text of a Word document; `max_inflated` bounds the size of the XML
/// after decompression.
pub fn text(bytes: &[u8], max_inflated: u64) -> Result<String, DocxError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| error(0, format!("not a Word document (bad zip: {e})")))?;
    let mut part = archive
        .by_name("word/document.xml")
        .map_err(|_| error(0, "not a Word document: the zip has no word/document.xml"))?;
    if part.size() > max_inflated {
        return Err(error(
            0,
            format!(
                "word/document.xml inflates to {} bytes, over the limit of {max_inflated}",
                part.size()
            ),
        ));
    }
    // The declared size can lie: read at most one byte past the bound.
    let mut xml = Vec::new();
    (&mut part)
        .take(max_inflated + 1)
        .read_to_end(&mut xml)
        .map_err(|e| error(0, format!("cannot inflate word/document.xml: {e}")))?;
    if xml.len() as u64 > max_inflated {
        return Err(error(
            0,
            format!("word/document.xml inflates beyond the limit of {max_inflated} bytes"),
        ));
    }
    paragraphs(&xml)
}

fn paragraphs(xml: &[u8]) -> Result<String, DocxError> {
    let mut reader = Reader::from_reader(xml);
    let mut out = String::new();
    let mut paragraph = String::new();
    let mut count = 0;
    let mut in_text = false;
    let mut buf = Vec::new();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| error(count + 1, format!("bad XML in word/document.xml: {e}")))?;
        match event {
            Event::DocType(_) => {
                return Err(error(
                    0,
                    "word/document.xml declares a document type; refused (entity expansion)",
                ));
            }
            Event::Start(e) if e.local_name().as_ref() == b"t" => in_text = true,
            Event::End(e) if e.local_name().as_ref() == b"t" => in_text = false,
            Event::Empty(e) | Event::Start(e) => match e.local_name().as_ref() {
                b"tab" => paragraph.push('\t'),
                b"br" | b"cr" => paragraph.push('\n'),
                b"noBreakHyphen" => paragraph.push('\u{2011}'),
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == b"p" => {
                count += 1;
                out.push_str(&paragraph);
                out.push_str("\n\n");
                paragraph.clear();
            }
            Event::Text(t) if in_text => {
                let text = t
                    .decode()
                    .map_err(|e| error(count + 1, format!("bad text in word/document.xml: {e}")))?;
                paragraph.push_str(&text);
            }
            Event::GeneralRef(r) if in_text => {
                let name = r
                    .decode()
                    .map_err(|e| error(count + 1, format!("bad entity: {e}")))?;
                match quick_xml::escape::resolve_predefined_entity(&name) {
                    Some(c) => paragraph.push_str(c),
                    None => match r.resolve_char_ref() {
                        Ok(Some(c)) => paragraph.push(c),
                        _ => {
                            return Err(error(
                                count + 1,
                                format!("unknown entity &{name}; in word/document.xml"),
                            ))
                        }
                    },
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
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
