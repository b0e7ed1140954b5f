//! Word's automatic numbering: the labels a reader sees but the document
//! does not hold as text. `numbering.xml` defines abstract lists (a format
//! and a label pattern per level) and numbering instances over them, which
//! may restart a level (`lvlOverride`/`startOverride`); a paragraph takes a
//! list and a level from its own properties or from its style (`styles.xml`,
//! through `basedOn`). Counting follows Word: instances of one abstract list
//! continue each other unless an override restarts them, and a level
//! restarts after any level above it.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
    /// The style that carries this level, if the list is tied to one.
    style: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct Instance {
    abstract_id: String,
    /// Level → the number it restarts at when the instance is first used.
    restarts: HashMap<usize, u32>,
    /// Levels the instance redefines.
    levels: HashMap<usize, Level>,
}

/// A paragraph's numbering properties, as far as they are given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NumberingProperties {
    pub num_id: Option<String>,
    pub level: Option<usize>,
}

#[derive(Debug, Default)]
struct Style {
    based_on: Option<String>,
    numbering: NumberingProperties,
}

/// The lists of a document and the counters of the paragraphs read so far.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    instances: HashMap<String, Instance>,
    styles: HashMap<String, Style>,
    counters: HashMap<String, [Option<u32>; 9]>,
    used: HashSet<String>,
}

fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// The `w:val` of an element.
pub(crate) fn val(e: &BytesStart) -> Option<String> {
    attr(e, b"val")
}

impl Numbering {
    /// The lists of `numbering.xml` and the numbering of the styles of
    /// `styles.xml`; either may be missing or empty. Malformed parts give
    /// what was read before the fault: numbering is never worth refusing a
    /// report for.
    pub fn read(numbering: &[u8], styles: &[u8]) -> Numbering {
        let mut n = Numbering::default();
        n.read_lists(numbering);
        n.read_styles(styles);
        n
    }

    fn read_lists(&mut self, xml: &[u8]) {
        let mut reader = Reader::from_reader(xml);
        let mut buf = Vec::new();
        let mut abstract_id: Option<String> = None;
        let mut instance: Option<(String, Instance)> = None;
        let mut level: Option<(usize, Level)> = None;
        let mut override_level: Option<usize> = None;
        while let Ok(event) = reader.read_event_into(&mut buf) {
            let (e, start) = match &event {
                Event::Start(e) => (e.clone(), true),
                Event::Empty(e) => (e.clone(), false),
                Event::End(end) => {
                    match end.local_name().as_ref() {
                        b"abstractNum" => abstract_id = None,
                        b"num" => {
                            if let Some((id, i)) = instance.take() {
                                self.instances.insert(id, i);
                            }
                        }
                        b"lvl" => {
                            if let Some((i, l)) = level.take() {
                                if let Some((_, inst)) = instance.as_mut() {
                                    inst.levels.insert(i, l);
                                } else if let Some(id) = &abstract_id {
                                    let levels = self.abstracts.entry(id.clone()).or_default();
                                    if levels.len() <= i {
                                        levels.resize(i + 1, Level::default());
                                    }
                                    levels[i] = l;
                                }
                            }
                        }
                        b"lvlOverride" => override_level = None,
                        _ => {}
                    }
                    buf.clear();
                    continue;
                }
                Event::Eof => break,
                _ => {
                    buf.clear();
                    continue;
                }
            };
            match e.local_name().as_ref() {
                b"abstractNum" if start => abstract_id = attr(&e, b"abstractNumId"),
                b"num" if start => {
                    instance = attr(&e, b"numId").map(|id| (id, Instance::default()));
                }
                b"abstractNumId" => {
                    if let (Some((_, i)), Some(v)) = (instance.as_mut(), val(&e)) {
                        i.abstract_id = v;
                    }
                }
                b"lvlOverride" if start => {
                    override_level = attr(&e, b"ilvl").and_then(|v| v.parse().ok());
                }
                b"startOverride" => {
                    if let (Some((_, i)), Some(l), Some(v)) = (
                        instance.as_mut(),
                        override_level,
                        val(&e).and_then(|v| v.parse().ok()),
                    ) {
                        i.restarts.insert(l, v);
                    }
                }
                b"lvl" if start => {
                    let i = attr(&e, b"ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                    level = (i < 9).then(|| {
                        (
                            i,
                            Level {
                                start: 1,
                                format: "decimal".into(),
                                ..Level::default()
                            },
                        )
                    });
                }
                b"start" => {
                    if let (Some((_, l)), Some(v)) = (level.as_mut(), val(&e)) {
                        l.start = v.parse().unwrap_or(1);
                    }
                }
                b"numFmt" => {
                    if let (Some((_, l)), Some(v)) = (level.as_mut(), val(&e)) {
                        l.format = v;
                    }
                }
                b"lvlText" => {
                    if let (Some((_, l)), Some(v)) = (level.as_mut(), val(&e)) {
                        l.text = v;
                    }
                }
                b"pStyle" => {
                    if let Some((_, l)) = level.as_mut() {
                        l.style = val(&e);
                    }
                }
                _ => {}
            }
            buf.clear();
        }
    }

    fn read_styles(&mut self, xml: &[u8]) {
        let mut reader = Reader::from_reader(xml);
        let mut buf = Vec::new();
        let mut current: Option<(String, Style)> = None;
        while let Ok(event) = reader.read_event_into(&mut buf) {
            match &event {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    b"style" => current = attr(e, b"styleId").map(|id| (id, Style::default())),
                    b"basedOn" => {
                        if let Some((_, s)) = current.as_mut() {
                            s.based_on = val(e);
                        }
                    }
                    b"numId" => {
                        if let Some((_, s)) = current.as_mut() {
                            s.numbering.num_id = val(e);
                        }
                    }
                    b"ilvl" => {
                        if let Some((_, s)) = current.as_mut() {
                            s.numbering.level = val(e).and_then(|v| v.parse().ok());
                        }
                    }
                    _ => {}
                },
                Event::End(e) if e.local_name().as_ref() == b"style" => {
                    if let Some((id, s)) = current.take() {
                        self.styles.insert(id, s);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
    }

    /// The numbering a style gives, through the styles it is based on.
    fn style_numbering(&self, style: &str) -> NumberingProperties {
        let mut out = NumberingProperties::default();
        let mut id = Some(style.to_string());
        for _ in 0..16 {
            let Some(s) = id.as_deref().and_then(|i| self.styles.get(i)) else {
                break;
            };
            out.num_id = out.num_id.or_else(|| s.numbering.num_id.clone());
            out.level = out.level.or(s.numbering.level);
            id = s.based_on.clone();
        }
        out
    }

    fn level(&self, num_id: &str, level: usize) -> Option<Level> {
        let instance = self.instances.get(num_id)?;
        if let Some(l) = instance.levels.get(&level) {
            return Some(l.clone());
        }
        self.abstracts
            .get(&instance.abstract_id)?
            .get(level)
            .cloned()
    }

    /// The label of the next paragraph with this style and these
    /// properties (`5.`, `(a)`, `ii)`), counting it; `None` when it is not
    /// numbered, or numbered with a bullet.
    pub fn label(&mut self, style: Option<&str>, own: &NumberingProperties) -> Option<String> {
        let from_style = style.map(|s| self.style_numbering(s)).unwrap_or_default();
        let num_id = own.num_id.clone().or(from_style.num_id)?;
        if num_id == "0" {
            return None;
        }
        let instance = self.instances.get(&num_id)?.clone();
        // A list tied to a style numbers that style at the level it names.
        let tied = style.and_then(|s| {
            self.abstracts
                .get(&instance.abstract_id)?
                .iter()
                .position(|l| l.style.as_deref() == Some(s))
        });
        let level = own.level.or(from_style.level).or(tied).unwrap_or(0).min(8);
        let counters = self
            .counters
            .entry(instance.abstract_id.clone())
            .or_insert([None; 9]);
        if self.used.insert(num_id.clone()) {
            for (&l, &start) in &instance.restarts {
                if l < 9 {
                    counters[l] = Some(start.saturating_sub(1));
                }
            }
        }
        let this = self.level(&num_id, level)?;
        let counters = self
            .counters
            .get_mut(&instance.abstract_id)
            .expect("inserted above");
        counters[level] = Some(counters[level].map_or(this.start, |n| n + 1));
        for deeper in counters.iter_mut().skip(level + 1) {
            *deeper = None;
        }
        let counters = *counters;
        if matches!(this.format.as_str(), "bullet" | "none") {
            return None;
        }
        let mut label = this.text.clone();
        for k in (0..=level).rev() {
            let placeholder = format!("%{}", k + 1);
            if !label.contains(&placeholder) {
                continue;
            }
            let of = self.level(&num_id, k).unwrap_or_default();
            let n = counters[k].unwrap_or(of.start);
            label = label.replace(&placeholder, &format_number(&of.format, n));
        }
        let label = label.trim().to_string();
        (!label.is_empty()).then_some(label)
    }
}

/// A counter in one of Word's number formats.
fn format_number(format: &str, n: u32) -> String {
    match format {
        "lowerLetter" => crate::language::counter(
            crate::language::Counter::Alpha,
            n.saturating_sub(1) as usize,
        ),
        "upperLetter" => crate::language::counter(
            crate::language::Counter::AlphaUpper,
            n.saturating_sub(1) as usize,
        ),
        "lowerRoman" => crate::language::roman(n).to_lowercase(),
        "upperRoman" => crate::language::roman(n),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LISTS: &str = r#"<w:numbering xmlns:w="w">
      <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="NumPara"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
      <w:abstractNum w:abstractNumId="2">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%1)"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%2)"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
      <w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>
    </w:numbering>"#;
    const STYLES: &str = r#"<w:styles xmlns:w="w">
      <w:style w:styleId="NumPara"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
      <w:style w:styleId="NumParaWide"><w:basedOn w:val="NumPara"/></w:style>
    </w:styles>"#;

    fn own(num: &str, level: usize) -> NumberingProperties {
        NumberingProperties {
            num_id: Some(num.into()),
            level: Some(level),
        }
    }

    #[test]
    fn styles_levels_restarts_and_continuations() {
        let mut n = Numbering::read(LISTS.as_bytes(), STYLES.as_bytes());
        let none = NumberingProperties::default();
        assert_eq!(n.label(Some("NumPara"), &none).as_deref(), Some("1."));
        assert_eq!(n.label(Some("NumParaWide"), &none).as_deref(), Some("2."));
        assert_eq!(n.label(None, &own("2", 0)).as_deref(), Some("(a)"));
        assert_eq!(n.label(None, &own("2", 1)).as_deref(), Some("(i)"));
        assert_eq!(n.label(None, &own("2", 1)).as_deref(), Some("(ii)"));
        assert_eq!(n.label(None, &own("2", 2)), None, "bullets are no label");
        assert_eq!(n.label(None, &own("2", 0)).as_deref(), Some("(b)"));
        assert_eq!(
            n.label(None, &own("2", 1)).as_deref(),
            Some("(i)"),
            "a level restarts under a new parent"
        );
        assert_eq!(n.label(Some("NumPara"), &none).as_deref(), Some("3."));
        assert_eq!(
            n.label(None, &own("3", 0)).as_deref(),
            Some("(a)"),
            "startOverride restarts"
        );
        assert_eq!(n.label(None, &own("3", 0)).as_deref(), Some("(b)"));
        assert_eq!(
            n.label(None, &own("4", 0)).as_deref(),
            Some("(c)"),
            "an instance without override continues"
        );
        assert_eq!(
            n.label(Some("NumPara"), &own("0", 0)),
            None,
            "numId 0 removes the numbering"
        );
        assert_eq!(n.label(None, &own("99", 0)), None);
    }

    #[test]
    fn malformed_parts_give_no_numbering() {
        let mut n = Numbering::read(b"<w:numbering><w:num", b"");
        assert_eq!(n.label(None, &own("1", 0)), None);
    }
}
