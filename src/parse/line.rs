//! The grammar of one line: what kind of block, if any, a line opens. The
//! parser in `mod.rs` decides from context whether an opening is real (a
//! wrapped line may happen to start with `2012.` or `a)`).

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while1, take_while_m_n};
use nom::character::complete::{char, digit1, space1};
use nom::combinator::{all_consuming, map, map_res, recognize, rest, verify};
use nom::sequence::{delimited, preceded, terminated};
use nom::{IResult, Parser};

/// Style of a sub-item label, for telling nesting levels apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Counter {
    Alpha,
    AlphaUpper,
    Roman,
    /// Arabic numerals (the Arabic `‘1’`).
    Decimal,
    /// Labels a language table spells out, by sequence (Cyrillic `а`,
    /// Arabic `أ`, Chinese `一`).
    Letters(usize),
}

/// What encloses a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Enclosure {
    /// `a)`
    Bare,
    /// `(a)`
    Parens,
    /// `‘1’`, as Arabic documents number the sub-items of a sub-item.
    Quotes,
}

impl Enclosure {
    pub fn print(self, key: &str) -> String {
        match self {
            Enclosure::Bare => format!("{key})"),
            Enclosure::Parens => format!("({key})"),
            Enclosure::Quotes => format!("‘{key}’"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label<'a> {
    /// The letters or numeral without punctuation (`b`, `iv`).
    pub key: &'a str,
    pub enclosure: Enclosure,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opening<'a> {
    Blank,
    /// `I. Title`, `B. Title`: upper-case letters, a point, a title. Whether
    /// it is a chapter (roman numeral) or a heading (letter) is decided in
    /// context, since `I`, `V`, `X`, `C` and so on can be either.
    Numbered {
        token: &'a str,
        title: &'a str,
    },
    Paragraph {
        number: u32,
        text: &'a str,
    },
    Item {
        label: Label<'a>,
        text: &'a str,
    },
    /// `__________________`, the rule above footnotes.
    FootnoteRule,
    Text,
}

/// What the line (with its indentation) opens.
pub fn opening(line: &str) -> Opening<'_> {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return Opening::Blank;
    }
    alt((footnote_rule, numbered, paragraph, item))
        .parse(trimmed)
        .map(|(_, o)| o)
        .unwrap_or(Opening::Text)
}

/// `∗ Text` or `1 Text`: a footnote under the rule.
pub fn footnote(line: &str) -> Option<(&str, &str)> {
    let mark = alt((
        recognize(take_while_m_n(1, 2, |c: char| c.is_ascii_digit())),
        recognize(take_while_m_n(1, 3, |c| c == '*' || c == '∗')),
    ));
    let parsed: IResult<&str, (&str, &str)> = (terminated(mark, space1), rest).parse(line.trim());
    parsed.ok().map(|(_, (m, t))| (m, t.trim_end()))
}

fn footnote_rule(i: &str) -> IResult<&str, Opening<'_>> {
    map(
        all_consuming(verify(take_while1(|c| c == '_'), |s: &str| s.len() >= 5)),
        |_| Opening::FootnoteRule,
    )
    .parse(i)
}

/// A title starts with a capital, or with a letter of a script without
/// case (Arabic, Chinese).
fn title_start(i: &str) -> IResult<&str, &str> {
    verify(rest, |t: &str| {
        t.chars().next().is_some_and(|c| {
            c.is_uppercase() || c.is_alphabetic() && !c.is_lowercase() || c == '«' || c == '“'
        })
    })
    .parse(i)
}

/// A numeral spelled out by a language table (`أولاً`, `ألف`, `一`).
fn spelled_numeral(i: &str) -> IResult<&str, &str> {
    match crate::language::numeral_prefix(i) {
        Some(n) => Ok((&i[n.len()..], &i[..n.len()])),
        None => Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Tag,
        ))),
    }
}

/// `II. Title`, or `II.` alone when the title was set apart from its
/// numeral (as text drawn from a PDF with hanging numerals may give it).
fn numbered(i: &str) -> IResult<&str, Opening<'_>> {
    // `II.`, or a spelled-out numeral with its point or dash (`أولاً-`).
    let token = || {
        alt((
            terminated(
                take_while_m_n(1, 6, |c: char| c.is_ascii_uppercase()),
                char('.'),
            ),
            terminated(spelled_numeral, alt((char('.'), char('-')))),
        ))
    };
    alt((
        map(
            (token(), preceded(space1, title_start)),
            |(token, title)| Opening::Numbered {
                token,
                title: title.trim_end(),
            },
        ),
        map(all_consuming(token()), |token| Opening::Numbered {
            token,
            title: "",
        }),
    ))
    .parse(i)
}

/// `5. Text`, or Arabic `5- نص`: a dash only before a letter of a script
/// other than the Latin one, so that `2012- 2013` stays text.
fn paragraph(i: &str) -> IResult<&str, Opening<'_>> {
    let number = || map_res(verify(digit1, |d: &str| d.len() <= 4), str::parse::<u32>);
    let dashed = (
        terminated(number(), char('-')),
        preceded(
            space1,
            verify(rest, |t: &str| {
                t.chars()
                    .next()
                    .is_some_and(|c| c.is_alphabetic() && !c.is_ascii() && !c.is_lowercase())
            }),
        ),
    );
    map(
        alt((
            (terminated(number(), char('.')), preceded(space1, rest)),
            dashed,
        )),
        |(number, text): (u32, &str)| Opening::Paragraph {
            number,
            text: text.trim_end(),
        },
    )
    .parse(i)
}

/// A label a language table spells out, longest first (`هـ`, not `ه`).
fn spelled_label(i: &str) -> IResult<&str, &str> {
    match crate::language::label_prefix(i) {
        Some(l) => Ok((&i[l.len()..], &i[..l.len()])),
        None => Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Tag,
        ))),
    }
}

fn label_key(i: &str) -> IResult<&str, &str> {
    alt((
        spelled_label,
        verify(
            take_while_m_n(1, 6, |c: char| c.is_ascii_lowercase()),
            |k: &str| k.len() <= 2 || k.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l')),
        ),
        take_while_m_n(1, 1, |c: char| c.is_ascii_uppercase()),
    ))
    .parse(i)
}

fn label(i: &str) -> IResult<&str, Label<'_>> {
    let parens = map(delimited(char('('), label_key, char(')')), |key| Label {
        key,
        enclosure: Enclosure::Parens,
    });
    let bare = map(terminated(label_key, tag(")")), |key| Label {
        key,
        enclosure: Enclosure::Bare,
    });
    // Either way round: text drawn from a right-to-left page may give the
    // marks in the order they are seen.
    let quote = || alt((char('‘'), char('’')));
    let quotes = map(
        delimited(quote(), verify(digit1, |d: &str| d.len() <= 2), quote()),
        |key| Label {
            key,
            enclosure: Enclosure::Quotes,
        },
    );
    alt((parens, bare, quotes)).parse(i)
}

fn item(i: &str) -> IResult<&str, Opening<'_>> {
    alt((
        map(
            (label, preceded(space1, rest)),
            |(label, text): (Label, &str)| Opening::Item {
                label,
                text: text.trim_end(),
            },
        ),
        // A label alone on its line, its text on the next ones: text drawn
        // from a PDF splits a short item at the gap after its label.
        map(all_consuming(label), |label| Opening::Item {
            label,
            text: "",
        }),
    ))
    .parse(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chapters_and_headings() {
        assert_eq!(
            opening("  II. Recommandations relatives à la prévention et à la "),
            Opening::Numbered {
                token: "II",
                title: "Recommandations relatives à la prévention et à la"
            }
        );
        assert_eq!(
            opening(" A. Recommandations adoptées"),
            Opening::Numbered {
                token: "A",
                title: "Recommandations adoptées"
            }
        );
        assert_eq!(
            opening("VII."),
            Opening::Numbered {
                token: "VII",
                title: ""
            }
        );
        // A sentence that ends on an initial is not a heading.
        assert_eq!(opening("M. le Président a ouvert"), Opening::Text);
        assert_eq!(opening("A. la suite"), Opening::Text);
    }

    #[test]
    fn arabic_and_chinese_numerals() {
        assert_eq!(
            opening("  أولاً- التوصيات "),
            Opening::Numbered {
                token: "أولاً",
                title: "التوصيات"
            }
        );
        assert_eq!(
            opening(" باء- حماية حقوق المهاجرين"),
            Opening::Numbered {
                token: "باء",
                title: "حماية حقوق المهاجرين"
            }
        );
        assert_eq!(
            opening("  二. 审议情况摘要"),
            Opening::Numbered {
                token: "二",
                title: "审议情况摘要"
            }
        );
        assert_eq!(
            opening(" A. 预防和提高认识措施"),
            Opening::Numbered {
                token: "A",
                title: "预防和提高认识措施"
            }
        );
        assert_eq!(
            opening("12- ينبغي للدول"),
            Opening::Paragraph {
                number: 12,
                text: "ينبغي للدول"
            }
        );
        // A dash after a number opens a paragraph only before a letter of
        // another script.
        assert_eq!(opening("2012- 2013 et"), Opening::Text);
        assert_eq!(opening("5- les États"), Opening::Text);
        for (line, key, enclosure) in [
            (" (هـ) ينبغي", "هـ", Enclosure::Parens),
            ("  ‘2’ التدابير", "2", Enclosure::Quotes),
            ("  ’3‘ جوانب", "3", Enclosure::Quotes),
            ("  (三) 偷运移民", "三", Enclosure::Parens),
        ] {
            match opening(line) {
                Opening::Item { label, .. } => {
                    assert_eq!((label.key, label.enclosure), (key, enclosure))
                }
                other => panic!("{line}: {other:?}"),
            }
        }
    }

    #[test]
    fn numbered_paragraphs() {
        assert_eq!(
            opening("5. Les États parties"),
            Opening::Paragraph {
                number: 5,
                text: "Les États parties"
            }
        );
        assert_eq!(
            opening(" 12. Les États"),
            Opening::Paragraph {
                number: 12,
                text: "Les États"
            }
        );
        assert_eq!(opening("5.Les"), Opening::Text);
        assert_eq!(opening("12345. trop long"), Opening::Text);
    }

    #[test]
    fn sub_items_in_both_styles() {
        for (line, key, parens) in [
            (" a) Le trafic", "a", false),
            ("(b) The smuggling", "b", true),
            ("  iv) Le trafic", "iv", false),
            ("(ii) Criminal", "ii", true),
            ("iii) Les", "iii", false),
            ("(viii) The", "viii", true),
            (" в) государствам", "в", false),
        ] {
            match opening(line) {
                Opening::Item { label, .. } => assert_eq!(
                    (label.key, label.enclosure == Enclosure::Parens),
                    (key, parens)
                ),
                other => panic!("{line}: {other:?}"),
            }
        }
        assert_eq!(opening("a)Le"), Opening::Text);
        assert!(matches!(opening(" г) "), Opening::Item { text: "", .. }));
    }

    #[test]
    fn footnotes_and_rules() {
        assert_eq!(opening("__________________ "), Opening::FootnoteRule);
        assert_eq!(opening("___"), Opening::Text);
        assert_eq!(
            footnote(" ∗ CTOC/COP/WG.7/2015/1. "),
            Some(("∗", "CTOC/COP/WG.7/2015/1."))
        );
        assert_eq!(footnote(" 1 La liste"), Some(("1", "La liste")));
        assert_eq!(footnote("Les États"), None);
    }

    #[test]
    fn blank_and_text() {
        assert_eq!(opening("   "), Opening::Blank);
        assert_eq!(opening("de migrants et de mettre"), Opening::Text);
    }
}
