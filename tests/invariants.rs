//! What must hold whatever the input: conservation of recommendations
//! through a compilation, no panic or hang from bytes to recommendations,
//! and the compilation's JSON read back into the same model.

mod common;
use common::*;
use proptest::collection::vec;
use proptest::prelude::*;
use recueil::compile::{self, check_conservation};
use recueil::manifest::Manifest;
use recueil::model::*;
use recueil::pipeline::{self, Limits};

// ---------------------------------------------------------------------------
// Conservation

fn test_manifest() -> Manifest {
    Manifest::load(&root().join("tests/odd/compilation.toml")).unwrap()
}

/// The plain test report compiled, with the recommendations that went in.
fn compiled() -> (Manifest, Vec<Recommendation>, Compilation) {
    let manifest = test_manifest();
    let report = root().join("tests/odd/plain.txt");
    let c = pipeline::compile_manifest(&manifest, &[report.as_path()], Limits::default(), |_| {})
        .unwrap();
    let recs: Vec<Recommendation> = c
        .extractions
        .iter()
        .flat_map(|e| e.recommendations.iter().cloned())
        .collect();
    assert_eq!(recs.len(), 3);
    (manifest, recs, c.compilation)
}

fn first_group(c: &mut Compilation) -> &mut MeetingGroup {
    c.chapters
        .iter_mut()
        .flat_map(|ch| ch.groups.iter_mut())
        .next()
        .expect("a chapter with a group")
}

#[test]
fn conservation_holds_for_a_real_compilation() {
    let (manifest, recs, c) = compiled();
    check_conservation(&manifest.path, &recs, &c).unwrap();
}

#[test]
fn conservation_fails_when_a_recommendation_is_dropped() {
    let (manifest, recs, mut c) = compiled();
    let dropped = first_group(&mut c).paragraphs.remove(0);
    let err = check_conservation(&manifest.path, &recs, &c).unwrap_err();
    let source = dropped.source.unwrap();
    assert!(
        err.message.contains(&format!(
            "recommendation {} para. {} appears 0 times in the compilation, not once",
            source.report, source.paragraph
        )),
        "{err}"
    );
}

#[test]
fn conservation_fails_when_a_recommendation_is_duplicated() {
    let (manifest, recs, mut c) = compiled();
    let group = first_group(&mut c);
    let mut copy = group.paragraphs[0].clone();
    copy.number += 100;
    group.paragraphs.push(copy);
    let err = check_conservation(&manifest.path, &recs, &c).unwrap_err();
    assert!(err.message.contains("appears 2 times"), "{err}");
}

#[test]
fn conservation_fails_when_the_compilation_holds_a_stranger() {
    let (manifest, recs, mut c) = compiled();
    let group = first_group(&mut c);
    let mut stranger = group.paragraphs[0].clone();
    stranger.source.as_mut().unwrap().paragraph = ParagraphRef::number(99);
    group.paragraphs.push(stranger);
    let err = check_conservation(&manifest.path, &recs, &c).unwrap_err();
    assert!(
        err.message.contains("para. 99, which no report gave"),
        "{err}"
    );
}

#[test]
fn conservation_fails_when_a_recommendation_is_given_twice() {
    let (manifest, mut recs, c) = compiled();
    recs.push(recs[1].clone());
    let err = check_conservation(&manifest.path, &recs, &c).unwrap_err();
    assert!(err.message.contains("was given more than once"), "{err}");
    // Pointed at the copy, in its report.
    assert_eq!(err.path, recs[1].source.file);
    assert_eq!(err.line, recs[1].source.line);
}

/// A recommendation cannot reach `compile` unclassified (the types say so);
/// one classified into a chapter the manifest lacks must not vanish.
#[test]
fn compile_refuses_to_lose_a_recommendation_of_an_unknown_chapter() {
    let manifest = test_manifest();
    let report = root().join("tests/odd/plain.txt");
    let c = pipeline::compile_manifest(&manifest, &[report.as_path()], Limits::default(), |_| {})
        .unwrap();
    let mut classified = c.classified;
    compile::compile(&manifest, &classified).expect("compiles as given");
    classified[0].recommendations[2].decision.chapter = ChapterKey::new("no-such-chapter");
    let err = compile::compile(&manifest, &classified).unwrap_err();
    assert!(err.message.contains("appears 0 times"), "{err}");
}

// ---------------------------------------------------------------------------
// Any text, from bytes to recommendations

/// Lines that open the blocks the parser knows, and the furniture and
/// characters the reader handles, to be mixed with arbitrary text.
fn report_line() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("  I. Recommandations".to_string()),
        Just("  II. Organisation de la réunion".to_string()),
        Just(" V. Recommandations".to_string()),
        Just(" A. Prévention".to_string()),
        Just(" B. Coopération".to_string()),
        (0u32..30).prop_map(|n| format!("{n}. Les États parties devraient")),
        Just(" a) Le trafic;".to_string()),
        Just(" b) La mer;".to_string()),
        Just(" (i) un;".to_string()),
        Just(" ii) deux;".to_string()),
        Just("h) huit".to_string()),
        Just("i) neuf".to_string()),
        Just(" Nations Unies CTOC/COP/WG.7/2012/6".to_string()),
        Just("Français".to_string()),
        Just("English".to_string()),
        Just("V.12-54101 (F)".to_string()),
        Just("2 V.15-00612".to_string()),
        Just("V.2012-54101 3".to_string()),
        Just("*1254101*".to_string()),
        Just("__________________".to_string()),
        Just(" ∗ CTOC/COP/WG.7/2015/1.".to_string()),
        Just("Le Groupe de travail a adopté les recommandations suivantes:".to_string()),
        Just("tenue à Vienne du 30 mai au 1er juin 2012, à sa première réunion".to_string()),
        Just(String::new()),
        Just("\u{c}".to_string()),
        Just("\t \t".to_string()),
        any::<String>(),
        "[a-zé’ .;:«»\\-]{0,40}",
    ];
    vec(pieces, 1..4).prop_map(|p| p.join(" "))
}

fn report_text() -> impl Strategy<Value = String> {
    let ending = prop_oneof![Just("\n"), Just("\r\n"), Just("\r"), Just("\n\n")];
    vec((report_line(), ending), 0..60).prop_map(|lines| {
        lines
            .into_iter()
            .flat_map(|(l, e)| [l, e.to_string()])
            .collect()
    })
}

/// Runs bytes through the reader, parser and extraction; every diagnostic
/// must name the file and a line that is in it.
fn read_parse_extract(bytes: &[u8]) -> Result<(), TestCaseError> {
    let lines = bytes.split(|&b| b == b'\n' || b == b'\r').count().max(1);
    // UTF-16 has as many line ends as its bytes show, or fewer.
    let within = |d: &recueil::diagnostic::Diagnostic| {
        prop_assert_eq!(&d.path, "p.txt");
        prop_assert!(d.line <= lines, "line {} of {}: {}", d.line, lines, d);
        Ok(())
    };
    let source = match recueil::source::from_bytes("p.txt", bytes) {
        Ok(s) => s,
        Err(e) => return within(&e),
    };
    let mut last = 0;
    for line in &source.lines {
        prop_assert!(line.number > last, "line numbers increase");
        let clean = !line.text.contains(['\n', '\r', '\u{c}', '\t']);
        prop_assert!(
            clean,
            "line {} keeps no line end, page break or tab",
            line.number
        );
        last = line.number;
    }
    let parsed = match recueil::parse::parse(&source) {
        Ok(p) => p,
        Err(e) => return within(&e),
    };
    for w in &parsed.warnings {
        within(w)?;
    }
    match recueil::extract::extract(&parsed.report) {
        Ok(recs) => {
            prop_assert!(!recs.is_empty());
            for r in &recs {
                prop_assert!(r.source.line >= 1 && r.source.line <= lines);
                let _ = r.inline_text();
            }
        }
        Err(e) => within(&e)?,
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_text_reads_without_panic(text in any::<String>()) {
        read_parse_extract(text.as_bytes())?;
    }

    #[test]
    fn any_bytes_read_without_panic(bytes in vec(any::<u8>(), 0..4096)) {
        read_parse_extract(&bytes)?;
    }

    #[test]
    fn any_report_shaped_text_reads_without_panic(text in report_text()) {
        read_parse_extract(text.as_bytes())?;
        // And the same text in UTF-16, as Word exports it.
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        read_parse_extract(&utf16)?;
    }

    #[test]
    fn any_text_in_a_recommendation_reads_without_panic(
        text in any::<String>(),
        item in any::<String>(),
    ) {
        let report = format!(
            " Nations Unies CTOC/COP/WG.7/2012/6\n\nFrançais\n\n  I. Recommandations\n\n1. {text}\n\n a) {item}\n"
        );
        read_parse_extract(report.as_bytes())?;
    }
}

// ---------------------------------------------------------------------------
// The compilation's JSON read back is the same compilation

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<String>(),
        1 => "[A-Za-zÉé’«» .,;:()\\-]{0,30}",
        1 => Just(String::new()),
        1 => Just("<&>\"'\u{202E}\u{200E}🌍\u{0}\u{1b}\u{7f}\u{85}\u{c}\r\n\t".to_string()),
    ]
}

fn date() -> impl Strategy<Value = Date> {
    (1000i32..3000, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| Date::new(y, m, d).unwrap())
}

fn meeting() -> impl Strategy<Value = Meeting> {
    (proptest::option::of(any::<u32>()), text(), date(), date()).prop_map(
        |(ordinal, place, start, end)| Meeting {
            ordinal,
            place,
            start,
            end,
        },
    )
}

fn items() -> impl Strategy<Value = Vec<Item>> {
    let leaf = (text(), text(), any::<usize>()).prop_map(|(label, text, line)| Item {
        label,
        text,
        items: Vec::new(),
        line,
    });
    let item = leaf.prop_recursive(3, 12, 3, |inner| {
        (text(), text(), vec(inner, 0..3), any::<usize>()).prop_map(|(label, text, items, line)| {
            Item {
                label,
                text,
                items,
                line,
            }
        })
    });
    vec(item, 0..3)
}

fn paragraph_ref() -> impl Strategy<Value = ParagraphRef> {
    (
        prop_oneof![
            any::<u32>().prop_map(ParagraphNumber::Number),
            any::<usize>().prop_map(|line| ParagraphNumber::Unnumbered { line }),
        ],
        proptest::option::of(text()),
    )
        .prop_map(|(paragraph, item)| ParagraphRef { paragraph, item })
}

fn provenance() -> impl Strategy<Value = Provenance> {
    (
        text(),
        text(),
        paragraph_ref(),
        any::<usize>(),
        proptest::option::of(text()),
    )
        .prop_map(|(file, report, paragraph, line, heading)| Provenance {
            file,
            report,
            paragraph,
            line,
            heading,
        })
}

fn classification() -> impl Strategy<Value = Classification> {
    (
        text(),
        prop_oneof![Just(0.0), Just(1.0), 0.0f64..=1.0],
        text(),
        any::<bool>(),
        proptest::option::of(text()),
    )
        .prop_map(
            |(chapter, confidence, reason, doubtful, meeting_reason)| Classification {
                chapter: ChapterKey::new(chapter),
                confidence,
                reason,
                doubtful,
                meeting_reason,
            },
        )
}

fn paragraph() -> impl Strategy<Value = NumberedParagraph> {
    (
        any::<u32>(),
        text(),
        items(),
        proptest::option::of(provenance()),
        proptest::option::of(classification()),
    )
        .prop_map(
            |(number, text, items, source, classification)| NumberedParagraph {
                number,
                text,
                items,
                source,
                classification,
            },
        )
}

fn front() -> impl Strategy<Value = FrontMatter> {
    (vec(text(), 13..=13), vec(text(), 0..3), vec(text(), 0..3)).prop_map(
        |(t, distribution_lines, body)| FrontMatter {
            organization: t[0].clone(),
            symbol: t[1].clone(),
            distribution: t[2].clone(),
            date: t[3].clone(),
            distribution_lines,
            job_number: t[4].clone(),
            job_language: t[5].clone(),
            body,
            agenda_item: t[6].clone(),
            agenda_title: t[7].clone(),
            agenda_footnote: t[8].clone(),
            title: t[9].clone(),
            subtitle: t[10].clone(),
        },
    )
}

fn compilation() -> impl Strategy<Value = Compilation> {
    let group = (text(), text(), meeting(), vec(paragraph(), 0..4)).prop_map(
        |(letter, title, meeting, paragraphs)| MeetingGroup {
            letter,
            title,
            meeting,
            paragraphs,
        },
    );
    let chapter =
        (text(), text(), text(), vec(group, 0..3)).prop_map(|(key, numeral, title, groups)| {
            CompiledChapter {
                key: ChapterKey::new(key),
                numeral,
                title,
                groups,
            }
        });
    let doubt = (any::<u32>(), provenance(), classification()).prop_map(
        |(number, source, classification)| Doubt {
            number,
            source,
            classification,
        },
    );
    (
        text(),
        front(),
        (text(), text(), vec(paragraph(), 0..3)),
        vec(chapter, 0..4),
        vec(meeting(), 0..3),
        vec(doubt, 0..3),
    )
        .prop_map(
            |(language, front, (numeral, title, paragraphs), chapters, meetings, review)| {
                Compilation {
                    language: LanguageTag::new(language),
                    front,
                    introduction: IntroductionChapter {
                        numeral,
                        title,
                        paragraphs,
                    },
                    chapters,
                    meetings,
                    review,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn compilation_json_reads_back_the_same(c in compilation()) {
        let json = recueil::render::json::write(&c);
        let back = recueil::render::json::read(&json)
            .map_err(|e| TestCaseError::fail(format!("{e}")))?;
        prop_assert_eq!(&back, &c);
        // And writing it again gives the same bytes.
        prop_assert_eq!(recueil::render::json::write(&back), json);
    }
}

/// Confidences that a JSON reader without exact float parsing gets wrong
/// by one unit in the last place.
#[test]
fn confidences_read_back_exactly() {
    let (_, _, mut c) = compiled();
    for (i, value) in [
        0.1,
        1.0 / 3.0,
        0.7500000000000001,
        5e-324,
        0.9999999999999999,
    ]
    .into_iter()
    .enumerate()
    {
        let p = &mut first_group(&mut c).paragraphs[0];
        p.classification.as_mut().unwrap().confidence = value;
        let back = recueil::render::json::read(&recueil::render::json::write(&c)).unwrap();
        assert_eq!(back, c, "case {i}: {value:e}");
    }
}
