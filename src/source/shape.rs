//! A cursor over a line, for telling the short, fixed shapes of page
//! furniture (`V.15-06043 (F) 9`, `*1506043*`, `CTOC/COP/WG.7/2015/5`)
//! without compiling a pattern: each shape is read once, left to right.
//!
//! Digits and spaces are those of the `regex` crate's `\d` and `\s`, of
//! every script: a Unicode decimal digit (general category Nd) and a
//! character with the White_Space property.

use std::sync::OnceLock;

/// A decimal digit of any script, as `\d` reads it.
pub fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    // The ranges of `\d`, as the regex crate's own parser gives them: the
    // same table, without compiling an automaton.
    static RANGES: OnceLock<Vec<(char, char)>> = OnceLock::new();
    let ranges = RANGES.get_or_init(|| {
        use regex_syntax::hir::{Class, HirKind};
        let hir = regex_syntax::Parser::new()
            .parse(r"\d")
            .expect("`\\d` is a valid pattern");
        match hir.kind() {
            HirKind::Class(Class::Unicode(class)) => class
                .ranges()
                .iter()
                .map(|r| (r.start(), r.end()))
                .collect(),
            other => unreachable!("`\\d` parses as a class of characters, not {other:?}"),
        }
    });
    ranges
        .binary_search_by(|&(start, end)| {
            if end < c {
                std::cmp::Ordering::Less
            } else if start > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// What is left of a line to read.
#[derive(Clone, Copy, Debug)]
pub struct Cursor<'a> {
    pub rest: &'a str,
}

impl<'a> Cursor<'a> {
    pub fn new(line: &'a str) -> Cursor<'a> {
        Cursor { rest: line }
    }

    pub fn at_end(&self) -> bool {
        self.rest.is_empty()
    }

    pub fn peek(&self) -> Option<char> {
        self.rest.chars().next()
    }

    /// Takes `c` if it comes next.
    pub fn eat(&mut self, c: char) -> bool {
        match self.rest.strip_prefix(c) {
            Some(rest) => {
                self.rest = rest;
                true
            }
            None => false,
        }
    }

    /// Takes the next character if `wanted` says so.
    pub fn eat_if(&mut self, wanted: impl Fn(char) -> bool) -> Option<char> {
        let c = self.peek().filter(|&c| wanted(c))?;
        self.rest = &self.rest[c.len_utf8()..];
        Some(c)
    }

    /// Takes every character in a row that `wanted` says so of, and gives
    /// them with their number.
    pub fn run(&mut self, wanted: impl Fn(char) -> bool) -> (&'a str, usize) {
        let (mut end, mut count) = (self.rest.len(), 0);
        for (i, c) in self.rest.char_indices() {
            if !wanted(c) {
                end = i;
                break;
            }
            count += 1;
        }
        let (taken, rest) = self.rest.split_at(end);
        self.rest = rest;
        (taken, count)
    }

    /// A whole run of digits, of `min` to `max` of them; None, and nothing
    /// taken, for a run shorter or longer. The shapes read with it are
    /// followed by what cannot be a digit, so a pattern's `\d{min,max}`
    /// could not stop inside a longer run either.
    pub fn digits(&mut self, min: usize, max: usize) -> Option<&'a str> {
        let mut ahead = *self;
        let (digits, count) = ahead.run(is_digit);
        (min..=max).contains(&count).then(|| {
            *self = ahead;
            digits
        })
    }

    /// At least one space (`\s+`).
    pub fn spaces(&mut self) -> bool {
        self.run(char::is_whitespace).1 > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_of_every_script_as_the_pattern_reads_them() {
        let pattern = regex::Regex::new(r"^\d$").unwrap();
        for c in (0..0x11_0000).filter_map(char::from_u32) {
            assert_eq!(
                is_digit(c),
                pattern.is_match(c.encode_utf8(&mut [0; 4])),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn spaces_as_the_pattern_reads_them() {
        let pattern = regex::Regex::new(r"^\s$").unwrap();
        for c in (0..0x11_0000).filter_map(char::from_u32) {
            assert_eq!(
                c.is_whitespace(),
                pattern.is_match(c.encode_utf8(&mut [0; 4])),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn a_run_of_digits_is_taken_whole_or_not_at_all() {
        let mut c = Cursor::new("12345 x");
        assert_eq!(c.digits(1, 4), None);
        assert_eq!(c.rest, "12345 x");
        assert_eq!(c.digits(3, 7), Some("12345"));
        assert!(c.spaces());
        assert_eq!(c.rest, "x");
        let mut arabic = Cursor::new("١٢٣");
        assert_eq!(arabic.digits(1, 3), Some("١٢٣"));
        assert!(arabic.at_end());
    }
}
