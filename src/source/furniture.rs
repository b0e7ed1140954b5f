//! Page furniture: what a PDF repeats on every page and a reader must drop
//! before the text can be parsed. Recognised by its shape, not by where it
//! stands, so that any page length works.

use super::shape::{is_digit, Cursor};
use serde::Serialize;

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

/// What furniture this line is, if any. `line` is already trimmed.
///
/// Each shape is read only on lines that have the characters it cannot
/// do without (a barcode's `*`, a job number's `.` and `-`, a symbol's
/// `/`): nearly every line of a report is ruled out at once.
pub fn recognise(line: &str) -> Option<Furniture> {
    // `*1506043*`: six to eight digits between stars.
    if line.starts_with('*') {
        let mut c = Cursor::new(line);
        if c.eat('*') && c.digits(6, 8).is_some() && c.eat('*') && c.at_end() {
            return Some(Furniture::Barcode);
        }
    }
    // Running feet, symbols and page numbers open with a capital A to Z or
    // a digit (of any script): most lines of text do not.
    let first = line.chars().next()?;
    if !(first.is_ascii_uppercase() || first.is_numeric()) {
        return None;
    }
    if line.contains('-') && line.contains('.') {
        if let Some(foot) = job_number(line) {
            return Some(foot);
        }
    }
    if line.contains('/') && symbol_length(line) == Some(line.len()) {
        return Some(Furniture::Symbol {
            symbol: line.to_string(),
        });
    }
    // One to three digits alone: four are a year that a title wrapped, not
    // a page. Three digits take at most 12 bytes, whatever their script.
    if line.len() <= 12 {
        let mut c = Cursor::new(line);
        if c.digits(1, 3).is_some() && c.at_end() {
            return Some(Furniture::PageNumber {
                page: line.parse().ok()?,
            });
        }
    }
    None
}

/// A running foot: the job number (`V.15-06043`), the page number before
/// or after it, the language letter (`(F)`), and whatever digits, stars
/// and slashes of a barcode pdftotext put after.
fn job_number(line: &str) -> Option<Furniture> {
    let mut c = Cursor::new(line);
    let before = page_before(&mut c)?;
    let job = c.rest;
    c.eat_if(|ch| ch.is_ascii_uppercase())?;
    c.eat('.').then_some(())?;
    c.digits(2, 2)?;
    c.eat('-').then_some(())?;
    c.digits(5, 5)?;
    let job = &job[..job.len() - c.rest.len()];
    let (language, after) = match language_letter(c)
        .and_then(|(letter, rest)| Some((Some(letter), page_after(rest)?)))
    {
        Some(found) => found,
        None => (None, page_after(c)?),
    };
    let page = before.or(after).and_then(|p| p.parse().ok());
    Some(Furniture::JobNumber {
        job: job.to_string(),
        page,
        language: language.map(String::from),
    })
}

/// The page number a running foot opens with (`2 V.15-00612`), if any, and
/// the spaces after it. None when the line opens with digits of another
/// shape: a foot opens with a capital otherwise.
fn page_before<'a>(c: &mut Cursor<'a>) -> Option<Option<&'a str>> {
    if !c.peek().is_some_and(is_digit) {
        return Some(None);
    }
    let page = c.digits(1, 4)?;
    c.spaces().then_some(Some(page))
}

/// ` (F)` after a job number: the letter, and what follows it.
fn language_letter(mut c: Cursor<'_>) -> Option<(char, Cursor<'_>)> {
    c.spaces().then_some(())?;
    c.eat('(').then_some(())?;
    let letter = c.eat_if(|ch| ch.is_ascii_uppercase())?;
    c.eat(')').then_some((letter, c))
}

/// The end of a running foot: a page number of up to four digits, if any,
/// then what a barcode leaves (`*`, digits, `/`). None when the end has
/// another shape; else the page number, if there is one.
fn page_after(tail: Cursor<'_>) -> Option<Option<&str>> {
    let mut c = tail;
    if c.spaces() {
        if let Some(page) = c.digits(1, 4) {
            if barcode_leftovers(c) {
                return Some(Some(page));
            }
        }
    }
    barcode_leftovers(tail).then_some(None)
}

/// Nothing, or spaces then only stars, digits and slashes.
fn barcode_leftovers(mut c: Cursor<'_>) -> bool {
    if c.at_end() {
        return true;
    }
    if !c.spaces() {
        return false;
    }
    c.run(|ch| ch == '*' || ch == '/' || is_digit(ch));
    c.at_end()
}

/// How long the document symbol is that `text` starts with
/// (`CTOC/COP/WG.7/2015/5`): one to eight capitals, then two parts or
/// more, each a slash, a capital or digit, then letters, digits, points
/// and hyphens.
fn symbol_length(text: &str) -> Option<usize> {
    let mut c = Cursor::new(text);
    if !(1..=8).contains(&c.run(|ch| ch.is_ascii_uppercase()).1) {
        return None;
    }
    let mut parts = 0;
    loop {
        let mut part = c;
        if !part.eat('/')
            || part
                .eat_if(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit())
                .is_none()
        {
            break;
        }
        part.run(|ch| ch.is_ascii_alphanumeric() || ch == '.' || ch == '-');
        c = part;
        parts += 1;
    }
    (parts >= 2).then(|| text.len() - c.rest.len())
}

/// What a line that is not furniture looks like, when it has nearly the
/// shape of a running foot (`V.2015-06043 9`, `V 15-06043`) or of a barcode
/// (`*15060*`). `line` is already trimmed.
pub fn unrecognised(line: &str) -> Option<&'static str> {
    if line.len() > 64 || recognise(line).is_some() {
        return None;
    }
    if line.contains(['-', '‑', '–']) && nearly_a_foot(line) {
        Some("a running foot (job number)")
    } else if line.contains('*') && nearly_a_barcode(line) {
        Some("a barcode")
    } else {
        None
    }
}

/// A job number with one or two letters, a point or comma or none, two to
/// four digits, any dash, three to seven digits, each part maybe spaced;
/// then as a running foot ends.
fn nearly_a_foot(line: &str) -> bool {
    let mut c = Cursor::new(line);
    if page_before(&mut c).is_none() {
        return false;
    }
    if !(1..=2).contains(&c.run(|ch| ch.is_ascii_uppercase()).1) {
        return false;
    }
    c.eat_if(|ch| ch == '.' || ch == ',');
    c.eat_if(char::is_whitespace);
    if c.digits(2, 4).is_none() {
        return false;
    }
    c.eat_if(char::is_whitespace);
    if c.eat_if(|ch| matches!(ch, '-' | '‑' | '–')).is_none() {
        return false;
    }
    c.eat_if(char::is_whitespace);
    if c.digits(3, 7).is_none() {
        return false;
    }
    let mut letter = c;
    letter.run(char::is_whitespace);
    if letter.eat('(')
        && letter.eat_if(|ch| ch.is_ascii_uppercase()).is_some()
        && letter.eat(')')
        && page_after(letter).is_some()
    {
        return true;
    }
    page_after(c).is_some()
}

/// Three to twelve digits with a star on one side or both.
fn nearly_a_barcode(line: &str) -> bool {
    let mut c = Cursor::new(line);
    let opened = c.eat('*');
    if c.digits(3, 12).is_none() {
        return false;
    }
    let closed = c.eat('*');
    c.at_end() && (opened || closed)
}

/// Symbol anywhere in a line (`Nations Unies CTOC/COP/WG.7/2012/6`),
/// between spaces or the line's ends.
pub fn find_symbol(line: &str) -> Option<&str> {
    if !line.contains('/') {
        return None;
    }
    let mut starts = std::iter::once(0).chain(
        line.char_indices()
            .filter(|(_, c)| c.is_whitespace())
            .map(|(i, c)| i + c.len_utf8()),
    );
    starts.find_map(|start| {
        let symbol = &line[start..start + symbol_length(&line[start..])?];
        let after = &line[start + symbol.len()..];
        (after.is_empty() || after.starts_with(char::is_whitespace)).then_some(symbol)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use regex::Regex;

    /// The shapes as patterns, as they were first written: the readers
    /// above must agree with them on every line.
    mod patterns {
        use super::*;
        use std::sync::LazyLock;

        /// Compiled once for the many lines tried.
        macro_rules! pattern {
            ($re:expr) => {{
                static RE: LazyLock<Regex> = LazyLock::new(|| Regex::new($re).unwrap());
                &*RE
            }};
        }

        pub fn recognise(line: &str) -> Option<Furniture> {
            if pattern!(r"^\*\d{6,8}\*$").is_match(line) {
                return Some(Furniture::Barcode);
            }
            let first = line.chars().next()?;
            if !(first.is_ascii_uppercase() || first.is_numeric()) {
                return None;
            }
            let job = pattern!(
                r"^(?:(?P<before>\d{1,4})\s+)?(?P<job>[A-Z]\.\d{2}-\d{5})(?:\s+\((?P<lang>[A-Z])\))?(?:\s+(?P<after>\d{1,4}))?(?:\s+[*\d/]*)?$"
            );
            if let Some(c) = job.captures(line) {
                return Some(Furniture::JobNumber {
                    job: c["job"].to_string(),
                    page: c
                        .name("before")
                        .or(c.name("after"))
                        .and_then(|m| m.as_str().parse().ok()),
                    language: c.name("lang").map(|m| m.as_str().to_string()),
                });
            }
            if pattern!(r"^[A-Z]{1,8}(?:/[A-Z0-9][A-Za-z0-9.\-]*){2,}$").is_match(line) {
                return Some(Furniture::Symbol {
                    symbol: line.to_string(),
                });
            }
            if pattern!(r"^\d{1,3}$").is_match(line) {
                return Some(Furniture::PageNumber {
                    page: line.parse().ok()?,
                });
            }
            None
        }

        pub fn unrecognised(line: &str) -> Option<&'static str> {
            if line.len() > 64 || recognise(line).is_some() {
                return None;
            }
            let foot = pattern!(
                r"^(?:\d{1,4}\s+)?[A-Z]{1,2}[.,]?\s?\d{2,4}\s?[-‑–]\s?\d{3,7}(?:\s*\([A-Z]\))?(?:\s+\d{1,4})?(?:\s+[*\d/]*)?$"
            );
            let barcode = pattern!(r"^\*\d{3,12}\*?$|^\*?\d{3,12}\*$");
            if foot.is_match(line) {
                Some("a running foot (job number)")
            } else if barcode.is_match(line) {
                Some("a barcode")
            } else {
                None
            }
        }

        pub fn find_symbol(line: &str) -> Option<&str> {
            pattern!(r"(?:^|\s)([A-Z]{1,8}(?:/[A-Z0-9][A-Za-z0-9.\-]*){2,})(?:\s|$)")
                .captures(line)
                .map(|c| c.get(1).unwrap().as_str())
        }
    }

    /// Lines made of the pieces furniture is made of, and of what comes
    /// near it: digits of two scripts, spaces of three kinds, dashes,
    /// stars, slashes, letters and brackets.
    fn near_furniture() -> impl Strategy<Value = String> {
        const PIECES: [&str; 35] = [
            "V",
            ".",
            ",",
            "15",
            "2015",
            "-",
            "‑",
            "–",
            "06043",
            "0604",
            "1234567",
            " ",
            "  ",
            "\u{a0}",
            "\t",
            "(F)",
            "(",
            ")",
            "F",
            "9",
            "12",
            "123",
            "12345",
            "*",
            "/",
            "CTOC",
            "COP",
            "WG.7",
            "A",
            "ABCDEFGHI",
            "x",
            "a",
            "١٢",
            "٣",
            "é",
        ];
        proptest::collection::vec(proptest::sample::select(&PIECES[..]), 0..9)
            .prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        #[test]
        fn the_shapes_read_as_their_patterns(line in near_furniture()) {
            let trimmed = line.trim();
            prop_assert_eq!(recognise(trimmed), patterns::recognise(trimmed));
            prop_assert_eq!(unrecognised(trimmed), patterns::unrecognised(trimmed));
            prop_assert_eq!(find_symbol(&line), patterns::find_symbol(&line));
        }
    }

    #[test]
    fn the_shapes_of_the_project_reports_read_as_their_patterns() {
        let texts = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/shapes"))
            .into_iter()
            .flatten()
            .flatten()
            .flat_map(|dir| {
                std::fs::read_dir(dir.path())
                    .into_iter()
                    .flatten()
                    .flatten()
            })
            .filter_map(|f| std::fs::read_to_string(f.path()).ok());
        let mut lines = 0;
        for text in texts {
            for line in text.lines() {
                let trimmed = line.trim();
                assert_eq!(recognise(trimmed), patterns::recognise(trimmed), "{line}");
                assert_eq!(
                    unrecognised(trimmed),
                    patterns::unrecognised(trimmed),
                    "{line}"
                );
                assert_eq!(find_symbol(line), patterns::find_symbol(line), "{line}");
                lines += 1;
            }
        }
        assert!(lines > 1000, "only {lines} lines read");
    }

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
