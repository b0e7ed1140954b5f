//! Puts the property elements docx-rs writes into the order the Office Open
//! XML schema prescribes (ISO/IEC 29500-4, transitional), so that strict
//! consumers read every property and Word has nothing to repair.
//!
//! docx-rs writes children of `w:pPr`, `w:rPr`, `w:sectPr`, `w:tblPr`,
//! `w:tcPr`, `w:style` and `w:lvl` in the order its structs hold them, not
//! the schema's (`pStyle` after `rPr`, `sz` before `b`, `headerReference`
//! after `pgMar`), and adds what the schema forbids (an empty `rPr` in a
//! style's paragraph properties, `w:type` on a grid column).
//!
//! Why a pass over the finished parts rather than a patched docx-rs under
//! `[patch]`: the order is a property of the format, not of one writer, so
//! one table per schema sequence fixes every element docx-rs writes today
//! or after an upgrade, in about two hundred lines of our own; a patched
//! crate would mean keeping a fork of its serialisers in step with every
//! release, for no gain in the bytes. The pass only reorders siblings and
//! drops what the schema forbids: text, attributes and everything else pass
//! through byte for byte, so the pass cannot change what the document says.
//! A child it does not know in an ordered container is an error, not a
//! guess: a new property must find its place in the table first.

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, Writer};

/// The sequences of the schema, by container. Names separated by `|` share
/// a rank (the schema allows them in any order among themselves).
const PPR_BASE: &[&str] = &[
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
];
/// What a paragraph's own properties may add after the base (CT_PPr).
const PPR_TAIL: &[&str] = &["rPr", "sectPr", "pPrChange"];
/// Properties of a style, a numbering level or the defaults (CT_PPrGeneral):
/// no run properties there.
const PPR_GENERAL_TAIL: &[&str] = &["pPrChange"];

const RPR: &[&str] = &[
    "ins",
    "del",
    "moveFrom",
    "moveTo",
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
    "rPrChange",
];

const SECTPR: &[&str] = &[
    "headerReference|footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
    "sectPrChange",
];

const TBLPR: &[&str] = &[
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
    "tblCaption",
    "tblDescription",
    "tblPrChange",
];

const TCPR: &[&str] = &[
    "cnfStyle",
    "tcW",
    "gridSpan",
    "hMerge",
    "vMerge",
    "tcBorders",
    "shd",
    "noWrap",
    "tcMar",
    "textDirection",
    "tcFitText",
    "vAlign",
    "hideMark",
    "headers",
    "cellIns",
    "cellDel",
    "cellMerge",
    "tcPrChange",
];

const BORDERS: &[&str] = &[
    "top",
    "start|left",
    "bottom",
    "end|right",
    "insideH",
    "insideV",
    "tl2br",
    "tr2bl",
    "between",
    "bar",
];

const STYLE: &[&str] = &[
    "name",
    "aliases",
    "basedOn",
    "next",
    "link",
    "autoRedefine",
    "hidden",
    "uiPriority",
    "semiHidden",
    "unhideWhenUsed",
    "qFormat",
    "locked",
    "personal",
    "personalCompose",
    "personalReply",
    "rsid",
    "pPr",
    "rPr",
    "tblPr",
    "trPr",
    "tcPr",
    "tblStylePr",
];

const LVL: &[&str] = &[
    "start",
    "numFmt",
    "lvlRestart",
    "pStyle",
    "isLgl",
    "suff",
    "lvlText",
    "lvlPicBulletId",
    "legacy",
    "lvlJc",
    "pPr",
    "rPr",
];

const DOC_DEFAULTS: &[&str] = &["rPrDefault", "pPrDefault"];

/// A parsed part: elements with their children, everything else kept as
/// the event it was read as.
enum Node {
    Element {
        start: BytesStart<'static>,
        children: Vec<Node>,
    },
    Other(Event<'static>),
}

impl Node {
    fn local_name(&self) -> Option<&[u8]> {
        match self {
            Node::Element { start, .. } => Some(local(start.name().into_inner())),
            Node::Other(_) => None,
        }
    }
}

fn local(qname: &[u8]) -> &[u8] {
    match qname.iter().position(|&b| b == b':') {
        Some(i) => &qname[i + 1..],
        None => qname,
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The part `xml` with every ordered container in schema order.
pub fn part(xml: &str) -> Result<String, String> {
    let mut nodes = parse(xml)?;
    canonicalise(&mut nodes, b"")?;
    let mut writer = Writer::new(Vec::with_capacity(xml.len()));
    for node in &nodes {
        write(&mut writer, node)?;
    }
    String::from_utf8(writer.into_inner()).map_err(|e| e.to_string())
}

fn parse(xml: &str) -> Result<Vec<Node>, String> {
    let mut reader = Reader::from_str(xml);
    // (start tag, children) of every open element, outermost first.
    let mut open: Vec<(BytesStart<'static>, Vec<Node>)> = Vec::new();
    let mut top: Vec<Node> = Vec::new();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("at byte {}: {e}", reader.buffer_position()))?;
        let node = match event {
            Event::Eof => break,
            Event::Start(start) => {
                open.push((start.into_owned(), Vec::new()));
                continue;
            }
            Event::End(_) => {
                let (start, children) = open.pop().ok_or("closing tag without opening tag")?;
                Node::Element { start, children }
            }
            Event::Empty(start) => Node::Element {
                start: start.into_owned(),
                children: Vec::new(),
            },
            other => Node::Other(other.into_owned()),
        };
        match open.last_mut() {
            Some((_, children)) => children.push(node),
            None => top.push(node),
        }
    }
    if let Some((start, _)) = open.last() {
        return Err(format!("<{}> is never closed", text(start.name().as_ref())));
    }
    Ok(top)
}

fn write(writer: &mut Writer<Vec<u8>>, node: &Node) -> Result<(), String> {
    let err = |e: std::io::Error| e.to_string();
    match node {
        Node::Element { start, children } if children.is_empty() => writer
            .write_event(Event::Empty(start.borrow()))
            .map_err(err),
        Node::Element { start, children } => {
            writer
                .write_event(Event::Start(start.borrow()))
                .map_err(err)?;
            for child in children {
                write(writer, child)?;
            }
            writer.write_event(Event::End(start.to_end())).map_err(err)
        }
        Node::Other(event) => writer.write_event(event.borrow()).map_err(err),
    }
}

/// The sequence the children of `name` (inside `parent`) must follow.
fn order(name: &[u8], parent: &[u8]) -> Option<(&'static [&'static str], &'static [&'static str])> {
    Some(match name {
        b"pPr" if matches!(parent, b"style" | b"lvl" | b"pPrDefault") => {
            (PPR_BASE, PPR_GENERAL_TAIL)
        }
        b"pPr" => (PPR_BASE, PPR_TAIL),
        b"rPr" => (RPR, &[]),
        b"sectPr" => (SECTPR, &[]),
        b"tblPr" => (TBLPR, &[]),
        b"tcPr" => (TCPR, &[]),
        b"pBdr" | b"tblBorders" | b"tcBorders" => (BORDERS, &[]),
        b"style" => (STYLE, &[]),
        b"lvl" => (LVL, &[]),
        b"docDefaults" => (DOC_DEFAULTS, &[]),
        _ => return None,
    })
}

fn rank(sequence: (&[&str], &[&str]), child: &[u8]) -> Option<usize> {
    sequence
        .0
        .iter()
        .chain(sequence.1)
        .position(|names| names.split('|').any(|n| n.as_bytes() == child))
}

fn canonicalise(nodes: &mut [Node], parent: &[u8]) -> Result<(), String> {
    for node in nodes.iter_mut() {
        let Node::Element { start, children } = node else {
            continue;
        };
        let name = local(start.name().into_inner()).to_vec();
        if name == b"gridCol" {
            // The schema gives a grid column a width only, always in twips.
            let kept: Vec<(Vec<u8>, Vec<u8>)> = start
                .attributes()
                .filter_map(Result::ok)
                .filter(|a| local(a.key.into_inner()) != b"type")
                .map(|a| (a.key.into_inner().to_vec(), a.value.into_owned()))
                .collect();
            start.clear_attributes();
            for (key, value) in &kept {
                start.push_attribute((key.as_slice(), value.as_slice()));
            }
        }
        canonicalise(children, &name)?;
        let Some(sequence) = order(&name, parent) else {
            continue;
        };
        if sequence.1 == PPR_GENERAL_TAIL {
            // docx-rs writes an empty `rPr` in every paragraph-properties
            // element; only a paragraph's own may have one.
            children.retain(|c| {
                !(c.local_name() == Some(b"rPr")
                    && matches!(c, Node::Element { children, .. } if children.is_empty()))
            });
        }
        let mut ranked = Vec::with_capacity(children.len());
        for child in children.drain(..) {
            let r = match &child {
                Node::Element { start, .. } => {
                    let child_name = local(start.name().into_inner());
                    rank(sequence, child_name).ok_or_else(|| {
                        format!(
                            "<{}> in <{}>: no place for it in the schema's order",
                            text(child_name),
                            text(&name)
                        )
                    })?
                }
                // Whitespace between properties: docx-rs writes none.
                Node::Other(Event::Text(t)) if t.iter().all(u8::is_ascii_whitespace) => continue,
                Node::Other(_) => {
                    return Err(format!("text or markup inside <{}>", text(&name)));
                }
            };
            ranked.push((r, child));
        }
        // Stable: children of equal rank (header and footer references)
        // keep the order they were written in.
        ranked.sort_by_key(|(r, _)| *r);
        children.extend(ranked.into_iter().map(|(_, c)| c));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::part;

    #[test]
    fn paragraph_and_run_properties_follow_the_schema() {
        let xml = r#"<w:p><w:pPr><w:rPr /><w:pStyle w:val="H1" /><w:spacing w:before="240" /><w:keepNext /></w:pPr><w:r><w:rPr><w:sz w:val="20" /><w:b /></w:rPr><w:t xml:space="preserve">l’État &amp; «a»</w:t></w:r></w:p>"#;
        assert_eq!(
            part(xml).as_deref(),
            Ok(
                r#"<w:p><w:pPr><w:pStyle w:val="H1" /><w:keepNext /><w:spacing w:before="240" /><w:rPr /></w:pPr><w:r><w:rPr><w:b /><w:sz w:val="20" /></w:rPr><w:t xml:space="preserve">l’État &amp; «a»</w:t></w:r></w:p>"#
            )
        );
    }

    #[test]
    fn a_style_loses_its_empty_run_properties_in_paragraph_properties() {
        let xml = r#"<w:style w:styleId="A"><w:name w:val="A"/><w:rPr><w:b/></w:rPr><w:pPr><w:rPr/><w:jc w:val="both"/></w:pPr><w:basedOn w:val="Normal"/></w:style>"#;
        assert_eq!(
            part(xml).as_deref(),
            Ok(
                r#"<w:style w:styleId="A"><w:name w:val="A"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="both"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>"#
            )
        );
    }

    #[test]
    fn section_references_come_first_in_the_order_written() {
        let xml = r#"<w:sectPr><w:pgSz w:w="1"/><w:headerReference w:type="default"/><w:footerReference w:type="default"/><w:headerReference w:type="first"/><w:titlePg/></w:sectPr>"#;
        assert_eq!(
            part(xml).as_deref(),
            Ok(
                r#"<w:sectPr><w:headerReference w:type="default"/><w:footerReference w:type="default"/><w:headerReference w:type="first"/><w:pgSz w:w="1"/><w:titlePg/></w:sectPr>"#
            )
        );
    }

    #[test]
    fn grid_columns_keep_their_width_only() {
        assert_eq!(
            part(r#"<w:tblGrid><w:gridCol w:w="3402" w:type="dxa" /></w:tblGrid>"#).as_deref(),
            Ok(r#"<w:tblGrid><w:gridCol w:w="3402"/></w:tblGrid>"#)
        );
    }

    #[test]
    fn an_unknown_property_is_an_error_not_a_guess() {
        let err = part(r#"<w:rPr><w:b/><w:sparkle/></w:rPr>"#);
        assert!(
            err.as_ref()
                .is_err_and(|e| e.contains("<sparkle> in <rPr>")),
            "{err:?}"
        );
    }

    #[test]
    fn the_declaration_and_namespaces_pass_through() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>"#;
        assert_eq!(part(xml).as_deref(), Ok(xml));
    }
}
