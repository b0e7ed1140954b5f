//! Page furniture: what a PDF repeats on every page and a reader must drop
//! before the text can be parsed. Recognised by its shape, not by where it
//! stands, so that any page length works.

use regex::Regex;
use serde::Serialize;
use std::sync::OnceLock;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Furniture {
    /// `*1506043*`, the barcode of the job number.
    Barcode,
    /// `V.15-06043 9`, `2 V.15-00612` or `V.15-06043 (F)`.
    JobNumber {
        job: String,
        page: Option<u32>,
        language: Option<String>,
    },
    /// A document symbol alone on its line: the running head.
    Symbol { symbol: String },
    /// A page number alone on its line.
    PageNumber { page: u32 },
}

/// A pattern compiled on first use, for the shapes that many reports never
/// show.
macro_rules! pattern {
    ($re:expr) => {{
        static RE: OnceLock<Regex> = OnceLock::new();
        RE.get_or_init(|| Regex::new($re).unwrap())
    }};
}

/// Compiles every pattern of this module, by reading one line of each
/// shape: called on a spare core before the reports are read.
pub fn prepare() {
    for line in ["*1234567*", "V.12-54101 (F) 2", "A/B/C", "7"] {
        recognise(line);
    }
    for line in ["V 15-06043", "*15060*"] {
        unrecognised(line);
    }
    find_symbol("x A/B/C");
}

/// What furniture this line is, if any. `line` is already trimmed.
///
/// Each pattern is tried only on lines that have the characters it cannot
/// match without (a barcode's `*`, a job number's `.` and `-`, a symbol's
/// `/`): nearly every line of a report is ruled out without a search.
pub fn recognise(line: &str) -> Option<Furniture> {
    if line.starts_with('*') && pattern!(r"^\*\d{6,8}\*$").is_match(line) {
        return Some(Furniture::Barcode);
    }
    // Running feet, symbols and page numbers open with a capital A to Z or
    // a digit (of any script, as `\d` reads them): most lines of text do not.
    let first = line.chars().next()?;
    if !(first.is_ascii_uppercase() || first.is_numeric()) {
        return None;
    }
    let job = || {
        pattern!(
            r"^(?:(?P<before>\d{1,4})\s+)?(?P<job>[A-Z]\.\d{2}-\d{5})(?:\s+\((?P<lang>[A-Z])\))?(?:\s+(?P<after>\d{1,4}))?(?:\s+[*\d/]*)?$"
        )
    };
    // Told first without capturing (which allocates): most lines with a
    // point and a dash are text.
    if let Some(c) = (line.contains('-') && line.contains('.') && job().is_match(line))
        .then(|| job().captures(line))
        .flatten()
    {
        let page = c
            .name("before")
            .or(c.name("after"))
            .and_then(|m| m.as_str().parse().ok());
        return Some(Furniture::JobNumber {
            job: c["job"].to_string(),
            page,
            language: c.name("lang").map(|m| m.as_str().to_string()),
        });
    }
    if line.contains('/')
        && pattern!(r"^[A-Z]{1,8}(?:/[A-Z0-9][A-Za-z0-9.\-]*){2,}$").is_match(line)
    {
        return Some(Furniture::Symbol {
            symbol: line.to_string(),
        });
    }
    // Four digits alone are a year that a title wrapped, not a page. Three
    // digits take at most 12 bytes, whatever their script.
    if line.len() <= 12 && pattern!(r"^\d{1,3}$").is_match(line) {
        return Some(Furniture::PageNumber {
            page: line.parse().ok()?,
        });
    }
    None
}

/// What a line that is not furniture looks like, when it has nearly the
/// shape of a running foot (`V.2015-06043 9`, `V 15-06043`) or of a barcode
/// (`*15060*`). `line` is already trimmed.
pub fn unrecognised(line: &str) -> Option<&'static str> {
    if line.len() > 64 || recognise(line).is_some() {
        return None;
    }
    let foot = || {
        pattern!(
            r"^(?:\d{1,4}\s+)?[A-Z]{1,2}[.,]?\s?\d{2,4}\s?[-‑–]\s?\d{3,7}(?:\s*\([A-Z]\))?(?:\s+\d{1,4})?(?:\s+[*\d/]*)?$"
        )
    };
    let barcode = || pattern!(r"^\*\d{3,12}\*?$|^\*?\d{3,12}\*$");
    if line.contains(['-', '‑', '–']) && foot().is_match(line) {
        Some("a running foot (job number)")
    } else if line.contains('*') && barcode().is_match(line) {
        Some("a barcode")
    } else {
        None
    }
}

/// Symbol anywhere in a line (`Nations Unies CTOC/COP/WG.7/2012/6`).
pub fn find_symbol(line: &str) -> Option<&str> {
    if !line.contains('/') {
        return None;
    }
    pattern!(r"(?:^|\s)([A-Z]{1,8}(?:/[A-Z0-9][A-Za-z0-9.\-]*){2,})(?:\s|$)")
        .captures(line)
        .map(|c| c.get(1).unwrap().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn running_feet_on_odd_and_even_pages() {
        assert_eq!(
            recognise("V.15-06043 9"),
            Some(Furniture::JobNumber {
                job: "V.15-06043".into(),
                page: Some(9),
                language: None
            })
        );
        assert_eq!(
            recognise("2 V.15-00612"),
            Some(Furniture::JobNumber {
                job: "V.15-00612".into(),
                page: Some(2),
                language: None
            })
        );
        assert_eq!(
            recognise("V.12-54101 (F)"),
            Some(Furniture::JobNumber {
                job: "V.12-54101".into(),
                page: None,
                language: Some("F".into())
            })
        );
    }

    #[test]
    fn heads_barcodes_and_page_numbers() {
        assert_eq!(recognise("*1506043*"), Some(Furniture::Barcode));
        assert_eq!(
            recognise("CTOC/COP/WG.7/2015/5"),
            Some(Furniture::Symbol {
                symbol: "CTOC/COP/WG.7/2015/5".into()
            })
        );
        assert_eq!(recognise("12"), Some(Furniture::PageNumber { page: 12 }));
    }

    #[test]
    fn text_is_not_furniture() {
        for line in [
            "12. Les États parties",
            "migrants. ",
            "a) Le trafic",
            "Point 2 de l’ordre du jour",
            "V.15-06043 et la suite du texte",
            "2012",
        ] {
            assert_eq!(recognise(line.trim()), None, "{line}");
        }
    }

    #[test]
    fn near_furniture_is_told_apart() {
        for line in [
            "V.2015-06043 9",
            "V 15-06043",
            "2 V.15-0604",
            "V.15-06043(F)",
            "*15060*",
            "*1506043",
        ] {
            assert!(unrecognised(line).is_some(), "{line}");
        }
        for line in [
            "V.15-06043 9",
            "*1506043*",
            "12",
            "12. Les États",
            "a) Le trafic",
            "2012-2013",
        ] {
            assert_eq!(unrecognised(line), None, "{line}");
        }
    }

    #[test]
    fn symbol_inside_a_masthead_line() {
        assert_eq!(
            find_symbol("Nations Unies CTOC/COP/WG.7/2012/6"),
            Some("CTOC/COP/WG.7/2012/6")
        );
        assert_eq!(find_symbol("Nations Unies"), None);
    }
}
