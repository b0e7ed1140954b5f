//! Right-to-left documents (Arabic). Word lays a paragraph out from the
//! right margin when its properties say `w:bidi`, and treats a run as
//! right-to-left text, set in the complex-script face and language, when
//! its properties say `w:rtl`. docx-rs can say neither, so this pass adds
//! them to the finished parts; `canonical` then puts them in their place.
//!
//! The body splits each text at the edges of its Latin stretches
//! ([`direction_runs`]), so that a symbol such as `CTOC/COP/WG.7/2015/1`
//! stays a left-to-right run of its own, embedded in the right-to-left
//! text by the bidirectional algorithm, as Word itself types it.

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, Writer};
use unicode_bidi::{bidi_class, BidiClass};

/// No character before U+0590 (Hebrew) is of a right-to-left class: the
/// text of most editions is told left to right without a table lookup.
fn right_to_left(c: char) -> bool {
    c >= '\u{590}' && matches!(bidi_class(c), BidiClass::R | BidiClass::AL)
}

fn left_to_right(c: char) -> bool {
    bidi_class(c) == BidiClass::L
}

/// `text` cut into the pieces that become runs of their own, each with
/// whether it is right-to-left text: every Latin stretch (from a Latin
/// letter to the last Latin letter or digit before the next Arabic letter)
/// apart from the Arabic text around it. A text without Arabic letters is
/// one piece, left to right, so that other languages' runs are unchanged.
pub fn direction_runs(text: &str) -> Vec<(&str, bool)> {
    if !text.chars().any(right_to_left) {
        return vec![(text, false)];
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut pieces = Vec::new();
    let mut from = 0;
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        k += 1;
        if !left_to_right(c) {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = chars.get(k) {
            if right_to_left(d) {
                break;
            }
            if left_to_right(d) || d.is_ascii_digit() {
                end = j + d.len_utf8();
            }
            k += 1;
        }
        if i > from {
            pieces.push((&text[from..i], true));
        }
        pieces.push((&text[i..end], false));
        from = end;
        // What followed the stretch's last letter or digit is read again.
        k = chars.partition_point(|&(j, _)| j < end);
    }
    if from < text.len() {
        pieces.push((&text[from..], true));
    }
    pieces
}

fn local(qname: &[u8]) -> &[u8] {
    match qname.iter().position(|&b| b == b':') {
        Some(i) => &qname[i + 1..],
        None => qname,
    }
}

fn is(event: &Event, name: &[u8]) -> bool {
    match event {
        Event::Start(s) | Event::Empty(s) => local(s.name().into_inner()) == name,
        Event::End(e) => local(e.name().into_inner()) == name,
        _ => false,
    }
}

/// The index just past the element that starts at `events[i]`.
fn element_end(events: &[Event], i: usize) -> usize {
    if matches!(events[i], Event::Empty(_)) {
        return i + 1;
    }
    let mut depth = 0usize;
    for (k, e) in events.iter().enumerate().skip(i) {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return k + 1;
                }
            }
            _ => {}
        }
    }
    events.len()
}

/// The characters of the `w:t` elements among `events`.
fn text_of(events: &[Event]) -> String {
    let mut out = String::new();
    let mut inside = false;
    for e in events {
        match e {
            Event::Start(_) if is(e, b"t") => inside = true,
            Event::End(_) if is(e, b"t") => inside = false,
            Event::Text(t) if inside => out.push_str(&t.decode().unwrap_or_default()),
            _ => {}
        }
    }
    out
}

/// `events[at]` opens a container (`w:pPr`, `w:rPr`, `w:tblPr`), or is
/// where one must be made: `property` is added to it.
fn add_property(
    out: &mut Vec<Event<'static>>,
    events: &[Event<'static>],
    at: usize,
    container: &str,
    property: &str,
) -> usize {
    let prop = Event::Empty(BytesStart::new(property.to_owned()));
    match events.get(at) {
        Some(Event::Start(_)) if is(&events[at], local(container.as_bytes())) => {
            out.push(events[at].clone());
            out.push(prop);
            at + 1
        }
        // An empty container, or none: one made, with the property alone
        // (the containers docx-rs leaves empty carry no attributes).
        found => {
            let start = BytesStart::new(container.to_owned());
            let end = Event::End(start.to_end().into_owned());
            out.push(Event::Start(start));
            out.push(prop);
            out.push(end);
            match found {
                Some(Event::Empty(_)) if is(&events[at], local(container.as_bytes())) => at + 1,
                _ => at,
            }
        }
    }
}

/// A run right to left when its text has no Latin letter.
fn run(events: &[Event<'static>], out: &mut Vec<Event<'static>>) {
    let text = text_of(events);
    if text.is_empty() || text.chars().any(left_to_right) {
        out.extend_from_slice(events);
        return;
    }
    out.push(events[0].clone());
    let rest = add_property(out, events, 1, "w:rPr", "w:rtl");
    out.extend_from_slice(&events[rest..]);
}

/// A paragraph laid out right to left unless its first letter is Latin
/// (the bidirectional algorithm's rule for a paragraph's direction, with
/// right to left for a paragraph without letters), its runs marked.
fn paragraph(events: &[Event<'static>], out: &mut Vec<Event<'static>>) {
    let first_strong = text_of(events)
        .chars()
        .find(|&c| left_to_right(c) || right_to_left(c));
    let mut i = 1;
    out.push(events[0].clone());
    if !first_strong.is_some_and(left_to_right) {
        i = add_property(out, events, 1, "w:pPr", "w:bidi");
    }
    while i < events.len() {
        if matches!(events[i], Event::Start(_)) && is(&events[i], b"r") {
            let end = element_end(events, i);
            run(&events[i..end], out);
            i = end;
        } else {
            out.push(events[i].clone());
            i += 1;
        }
    }
}

/// The part `xml` (the document or its footnotes) set right to left:
/// paragraphs, runs, and tables whose columns run from the right.
pub fn part(xml: &str) -> Result<String, String> {
    let mut reader = Reader::from_str(xml);
    let mut events = Vec::new();
    loop {
        match reader
            .read_event()
            .map_err(|e| format!("at byte {}: {e}", reader.buffer_position()))?
        {
            Event::Eof => break,
            e => events.push(e.into_owned()),
        }
    }
    let mut out = Vec::with_capacity(events.len() + events.len() / 4);
    let mut i = 0;
    while i < events.len() {
        let e = &events[i];
        if matches!(e, Event::Start(_)) && is(e, b"p") {
            let end = element_end(&events, i);
            paragraph(&events[i..end], &mut out);
            i = end;
        } else if matches!(e, Event::Start(_) | Event::Empty(_)) && is(e, b"tblPr") {
            i = add_property(&mut out, &events, i, "w:tblPr", "w:bidiVisual");
        } else {
            out.push(e.clone());
            i += 1;
        }
    }
    let mut writer = Writer::new(Vec::with_capacity(xml.len() + xml.len() / 8));
    for e in out {
        writer.write_event(e).map_err(|e| e.to_string())?;
    }
    String::from_utf8(writer.into_inner()).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_symbols_and_their_numbers_are_runs_of_their_own() {
        let text = "انظر الوثيقة CTOC/COP/WG.7/2015/1، الفقرة 5.";
        assert_eq!(
            direction_runs(text),
            vec![
                ("انظر الوثيقة ", true),
                ("CTOC/COP/WG.7/2015/1", false),
                ("، الفقرة 5.", true),
            ]
        );
    }

    #[test]
    fn a_text_without_arabic_letters_is_one_piece() {
        assert_eq!(
            direction_runs("Recommandations (WG.7) 2012"),
            vec![("Recommandations (WG.7) 2012", false)]
        );
        assert_eq!(direction_runs("5."), vec![("5.", false)]);
    }

    #[test]
    fn paragraphs_and_runs_say_their_direction() {
        let xml = concat!(
            r#"<w:body><w:p><w:pPr><w:pStyle w:val="A" /></w:pPr>"#,
            r#"<w:r><w:rPr /><w:t>فيينا</w:t></w:r>"#,
            r#"<w:r><w:t>WG.7</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:t>Distr.: General</w:t></w:r></w:p>"#,
            r#"<w:tbl><w:tblPr><w:tblW w:w="0" /></w:tblPr></w:tbl></w:body>"#,
        );
        assert_eq!(
            part(xml).unwrap(),
            concat!(
                r#"<w:body><w:p><w:pPr><w:bidi/><w:pStyle w:val="A" /></w:pPr>"#,
                r#"<w:r><w:rPr><w:rtl/></w:rPr><w:t>فيينا</w:t></w:r>"#,
                r#"<w:r><w:t>WG.7</w:t></w:r></w:p>"#,
                r#"<w:p><w:r><w:t>Distr.: General</w:t></w:r></w:p>"#,
                r#"<w:tbl><w:tblPr><w:bidiVisual/><w:tblW w:w="0" /></w:tblPr></w:tbl></w:body>"#,
            )
        );
    }
}
