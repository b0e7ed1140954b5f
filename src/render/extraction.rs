//! The JSON form of a report's extraction, as `recueil extract` prints it
//! and `recueil batch` writes it: stable field names that scripts rely on.

use crate::model::{Classified, LanguageTag, Meeting, MeetingRecommendations, Report};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::ser::Formatter;
use std::borrow::Cow;
use std::io::{self, Write};

#[derive(Debug, Serialize)]
pub struct ReportOut<'a> {
    pub file: &'a str,
    pub symbol: Option<&'a str>,
    pub language: Option<&'a str>,
    pub meeting: Option<&'a Meeting>,
    /// The last field: `write_report` writes the others with serde_json,
    /// then these.
    pub recommendations: Vec<RecommendationOut<'a>>,
}

#[derive(Debug, Serialize)]
pub struct RecommendationOut<'a> {
    /// `CTOC/COP/WG.7/2012/6, para. 3 b)`.
    pub source: String,
    pub paragraph: String,
    pub line: usize,
    pub heading: Option<&'a str>,
    pub section: Option<&'a str>,
    pub confidence: Option<f64>,
    pub doubtful: bool,
    pub reason: Option<&'a str>,
    /// As the compilation prints it, sub-items inline after their labels.
    pub text: Cow<'a, str>,
}

pub fn report<'a>(report: &'a Report, classified: &'a MeetingRecommendations) -> ReportOut<'a> {
    ReportOut {
        recommendations: classified
            .recommendations
            .par_iter()
            .with_min_len(256)
            .map(recommendation)
            .collect(),
        ..head(report, classified)
    }
}

/// The report's fields, with no recommendation.
fn head<'a>(report: &'a Report, classified: &'a MeetingRecommendations) -> ReportOut<'a> {
    ReportOut {
        file: &report.file,
        symbol: report.masthead.symbol.as_deref(),
        language: report.masthead.language.as_ref().map(LanguageTag::as_str),
        meeting: Some(&classified.meeting),
        recommendations: Vec::new(),
    }
}

fn recommendation(c: &Classified) -> RecommendationOut<'_> {
    let (r, d) = (&c.recommendation, &c.decision);
    RecommendationOut {
        source: format!("{}, para. {}", r.source.report, r.source.paragraph),
        paragraph: r.source.paragraph.to_string(),
        line: r.source.line,
        heading: r.source.heading.as_deref(),
        section: Some(d.chapter.as_str()),
        confidence: Some(d.confidence),
        doubtful: d.doubtful,
        reason: Some(d.reason.as_str()),
        text: r.inline_text(),
    }
}

/// Recommendations one task puts into words.
const PIECE: usize = 256;
/// Recommendations put into words before they are written: a big report's
/// JSON is never held whole.
const WINDOW: usize = 4 * PIECE;

/// Writes the array of the reports' `report`s as serde_json's pretty
/// printer does, byte for byte. A big report's recommendations are put into
/// words on every core, piece by piece, each laid out at its depth, and
/// written in order.
pub fn write_reports<W: Write>(
    out: &mut W,
    reports: &[(&Report, &MeetingRecommendations)],
) -> io::Result<()> {
    out.write_all(b"[")?;
    for (i, (report, classified)) in reports.iter().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        indent(out, 1)?;
        write_report(out, report, classified, 1)?;
    }
    if !reports.is_empty() {
        out.write_all(b"\n")?;
    }
    out.write_all(b"]")
}

/// One report's object, `depth` levels in.
fn write_report<W: Write>(
    out: &mut W,
    report: &Report,
    classified: &MeetingRecommendations,
    depth: usize,
) -> io::Result<()> {
    let all = &classified.recommendations;
    // The report's fields as serde_json lays them out, the recommendations
    // (the last field) left empty: their `[]` and the object's end are
    // written here instead.
    let mut fields = Vec::new();
    pretty(&mut fields, &head(report, classified), depth)?;
    let end = "[]\n}".len() + 2 * depth;
    debug_assert!(fields[..fields.len() - end].ends_with(b"\"recommendations\": "));
    out.write_all(&fields[..fields.len() - end])?;
    out.write_all(b"[")?;
    for (w, window) in all.chunks(WINDOW).enumerate() {
        let pieces: Vec<io::Result<Vec<u8>>> = window
            .par_chunks(PIECE)
            .enumerate()
            .map(|(p, piece)| {
                let mut text = Vec::new();
                for (i, c) in piece.iter().enumerate() {
                    let first = w == 0 && p == 0 && i == 0;
                    text.extend_from_slice(if first { b"\n" } else { b",\n" });
                    indent(&mut text, depth + 2)?;
                    pretty(&mut text, &recommendation(c), depth + 2)?;
                }
                Ok(text)
            })
            .collect();
        for piece in pieces {
            out.write_all(&piece?)?;
        }
    }
    if !all.is_empty() {
        out.write_all(b"\n")?;
        indent(out, depth + 1)?;
    }
    out.write_all(b"]\n")?;
    indent(out, depth)?;
    out.write_all(b"}")
}

/// `value` in serde_json's pretty layout, `depth` levels in.
fn pretty<W: Write>(out: &mut W, value: &impl Serialize, depth: usize) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(
        out,
        Nested {
            depth,
            has_value: false,
        },
    );
    value.serialize(&mut serializer).map_err(io::Error::from)
}

fn indent<W: Write + ?Sized>(out: &mut W, depth: usize) -> io::Result<()> {
    for _ in 0..depth {
        out.write_all(b"  ")?;
    }
    Ok(())
}

/// serde_json's `PrettyFormatter` (two spaces a level), starting `depth`
/// levels in: a piece of a bigger document, laid out on its own.
struct Nested {
    depth: usize,
    has_value: bool,
}

impl Formatter for Nested {
    fn begin_array<W: Write + ?Sized>(&mut self, out: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(b"[")
    }

    fn end_array<W: Write + ?Sized>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"]")
    }

    fn begin_array_value<W: Write + ?Sized>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.next(out, first)
    }

    fn end_array_value<W: Write + ?Sized>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: Write + ?Sized>(&mut self, out: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(b"{")
    }

    fn end_object<W: Write + ?Sized>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"}")
    }

    fn begin_object_key<W: Write + ?Sized>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.next(out, first)
    }

    fn begin_object_value<W: Write + ?Sized>(&mut self, out: &mut W) -> io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: Write + ?Sized>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

impl Nested {
    fn next<W: Write + ?Sized>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        out.write_all(if first { b"\n" } else { b",\n" })?;
        indent(out, self.depth)
    }

    fn close<W: Write + ?Sized>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            out.write_all(b"\n")?;
            indent(out, self.depth)?;
        }
        out.write_all(bracket)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        ChapterKey, Date, Decision, Item, Masthead, ParagraphRef, Provenance, Recommendation,
    };

    fn report(symbol: Option<&str>) -> Report {
        Report {
            file: "r\u{e9}port \"1\".txt".into(),
            masthead: Masthead {
                symbol: symbol.map(str::to_string),
                ..Masthead::default()
            },
            front: Vec::new(),
            meeting: None,
            chapters: Vec::new(),
            footnotes: Vec::new(),
        }
    }

    /// `n` recommendations of many shapes: with and without heading and
    /// items, texts to escape, confidences of every length.
    fn classified(n: usize) -> MeetingRecommendations {
        let date = |day| Date {
            year: 2012,
            month: 5,
            day,
        };
        MeetingRecommendations {
            meeting: Meeting {
                ordinal: Some(1),
                place: "Vienne".into(),
                start: date(30),
                end: date(31),
            },
            meeting_reason: String::new(),
            recommendations: (0..n)
                .map(|i| Classified {
                    recommendation: Recommendation {
                        source: Provenance {
                            file: "r.txt".into(),
                            report: "CTOC/COP/WG.7/2012/6".into(),
                            paragraph: ParagraphRef::of(Some(i as u32 + 1), i),
                            line: 3 * i,
                            heading: (i % 3 != 0).then(|| format!("Heading “{i}”")),
                        },
                        text: format!("Les États parties\t« {i} »\\ \"quoted\" l’entraide\u{1}"),
                        items: (0..i % 3)
                            .map(|k| Item {
                                label: format!("{})", (b'a' + k as u8) as char),
                                text: format!("item {k}"),
                                items: Vec::new(),
                                line: 0,
                            })
                            .collect(),
                    },
                    decision: Decision {
                        chapter: ChapterKey::new(["prevention", "protection"][i % 2]),
                        confidence: 1.0 / (i as f64 + 1.0),
                        reason: format!("reason {i}"),
                        doubtful: i % 5 == 0,
                    },
                })
                .collect(),
        }
    }

    /// Byte for byte what serde_json's pretty printer writes, for reports
    /// of no, one, a piece's and several windows' recommendations.
    #[test]
    fn reports_are_written_as_serde_json_pretty_prints_them() {
        let reports = [report(Some("A/1")), report(None)];
        for counts in [
            vec![],
            vec![0],
            vec![1],
            vec![PIECE + 1, 3],
            vec![2 * WINDOW + 5, 0],
        ] {
            let all: Vec<MeetingRecommendations> = counts.iter().map(|&n| classified(n)).collect();
            let pairs: Vec<(&Report, &MeetingRecommendations)> = all
                .iter()
                .enumerate()
                .map(|(i, c)| (&reports[i % 2], c))
                .collect();
            let mut ours = Vec::new();
            write_reports(&mut ours, &pairs).unwrap();
            let outs: Vec<ReportOut> = pairs.iter().map(|(r, c)| super::report(r, c)).collect();
            let theirs = serde_json::to_vec_pretty(&outs).unwrap();
            assert!(
                ours == theirs,
                "{counts:?}:\n{}",
                String::from_utf8_lossy(&ours)
            );
        }
    }
}
