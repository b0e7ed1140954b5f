use super::styles;
use super::{write, DocxError, Location};
use crate::model::*;
use crate::render::style::UN;
use docx_rs::{DocumentChild, ParagraphChild, RunChild};
use std::io::Read;

const TRICKY: &str = "Fish & chips <b> \"quoted\" 'single' l’État « œuvre » a\u{A0}: b\u{202F};";

fn item(label: &str, text: &str, items: Vec<Item>) -> Item {
    Item {
        label: label.into(),
        text: text.into(),
        items,
        line: 0,
    }
}

fn para(number: u32, text: &str, items: Vec<Item>) -> NumberedParagraph {
    NumberedParagraph {
        number,
        text: text.into(),
        items,
        source: None,
        classification: None,
    }
}

fn sample() -> Compilation {
    let meeting = Meeting {
        ordinal: Some(1),
        place: "Vienne".into(),
        start: Date::new(2012, 5, 30).unwrap(),
        end: Date::new(2012, 6, 1).unwrap(),
    };
    Compilation {
        language: "fr".into(),
        front: FrontMatter {
            organization: "Nations Unies".into(),
            symbol: "CTOC/COP/WG.7/2015/5".into(),
            distribution: "Distr. générale".into(),
            date: "20 août 2015".into(),
            distribution_lines: vec!["Français".into(), "Original: anglais".into()],
            job_number: "V.15-06043".into(),
            job_language: "F".into(),
            body: vec![
                "Conférence des Parties".into(),
                "Vienne, 18-20 novembre 2015".into(),
            ],
            agenda_item: "Point 2 de l’ordre du jour provisoire".into(),
            agenda_title: "Examen des recommandations".into(),
            agenda_footnote: "CTOC/COP/WG.7/2015/1.".into(),
            title: "Recommandations & « suites »".into(),
            subtitle: "Document d’information".into(),
        },
        introduction: IntroductionChapter {
            numeral: "I".into(),
            title: "Introduction".into(),
            paragraphs: vec![para(1, TRICKY, vec![])],
        },
        chapters: vec![CompiledChapter {
            key: "prevention".into(),
            numeral: "II".into(),
            title: "Prévention".into(),
            groups: vec![MeetingGroup {
                letter: "A".into(),
                title: "Recommandations adoptées à la première réunion".into(),
                meeting: meeting.clone(),
                paragraphs: vec![para(
                    2,
                    "Les États parties devraient :",
                    vec![
                        item(
                            "a)",
                            "sensibiliser;",
                            vec![item("i)", "les jeunes;", vec![])],
                        ),
                        item("b)", "coopérer.", vec![]),
                    ],
                )],
            }],
        }],
        meetings: vec![meeting],
        review: vec![],
    }
}

fn part(docx: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut out = String::new();
    archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("no part {name}"))
        .read_to_string(&mut out)
        .unwrap();
    out
}

/// The body's paragraphs outside the masthead table, as (style, text) with
/// tabs as `\t`.
fn body_paragraphs(docx: &[u8]) -> Vec<(String, String)> {
    let doc = docx_rs::read_docx(docx).expect("docx-rs reads its own output back");
    let mut out = vec![];
    for child in &doc.document.children {
        let DocumentChild::Paragraph(p) = child else {
            continue;
        };
        let style = p
            .property
            .style
            .as_ref()
            .map(|s| s.val.clone())
            .unwrap_or_default();
        let mut text = String::new();
        for c in &p.children {
            if let ParagraphChild::Run(run) = c {
                for rc in &run.children {
                    match rc {
                        RunChild::Text(t) => text.push_str(&t.text),
                        RunChild::Tab(_) => text.push('\t'),
                        _ => {}
                    }
                }
            }
        }
        out.push((style, text));
    }
    out
}

/// The header or footer part that the section refers to for `kind`
/// (`default`, `even`, `first`).
fn referenced(docx: &[u8], element: &str, kind: &str) -> String {
    let document = part(docx, "word/document.xml");
    let marker = format!(r#"<w:{element}Reference w:type="{kind}" r:id=""#);
    let start = document.find(&marker).expect("reference present") + marker.len();
    let rid = &document[start..start + document[start..].find('"').unwrap()];
    let rels = part(docx, "word/_rels/document.xml.rels");
    let at = rels.find(&format!(r#"Id="{rid}""#)).unwrap();
    let target_at = at + rels[at..].find("Target=\"").unwrap() + 8;
    let target = &rels[target_at..target_at + rels[target_at..].find('"').unwrap()];
    part(docx, &format!("word/{target}"))
}

#[test]
fn blocks_come_back_in_order_with_styles_numbers_and_tabs() {
    let bytes = write(&sample(), &UN).unwrap();
    let paragraphs = body_paragraphs(&bytes);
    let from = paragraphs
        .iter()
        .position(|(s, _)| s == styles::CHAPTER)
        .expect("a chapter heading");
    let expected = [
        (styles::CHAPTER, "I.\tIntroduction".to_owned()),
        (styles::PARAGRAPH, format!("1.\t{TRICKY}")),
        (styles::CHAPTER, "II.\tPrévention".to_owned()),
        (
            styles::SUBHEADING,
            "A.\tRecommandations adoptées à la première réunion".to_owned(),
        ),
        (
            styles::PARAGRAPH,
            "2.\tLes États parties devraient :".to_owned(),
        ),
        (styles::ITEMS[0], "a)\tsensibiliser;".to_owned()),
        (styles::ITEMS[1], "i)\tles jeunes;".to_owned()),
        (styles::ITEMS[0], "b)\tcoopérer.".to_owned()),
        (styles::END_RULE, String::new()),
    ];
    let got: Vec<(&str, &str)> = paragraphs[from..]
        .iter()
        .map(|(s, t)| (s.as_str(), t.as_str()))
        .collect();
    let want: Vec<(&str, &str)> = expected.iter().map(|(s, t)| (*s, t.as_str())).collect();
    assert_eq!(got, want);
}

#[test]
fn front_page_lines_use_their_own_styles() {
    let bytes = write(&sample(), &UN).unwrap();
    let paragraphs = body_paragraphs(&bytes);
    let want = [
        (styles::BODY_NAME, "Conférence des Parties"),
        (styles::BODY_LINE, "Vienne, 18-20 novembre 2015"),
        (
            styles::AGENDA_ITEM,
            "Point 2 de l’ordre du jour provisoire*",
        ),
        (styles::AGENDA_TITLE, "Examen des recommandations"),
        (styles::TITLE, "Recommandations & « suites »"),
        (styles::SUBTITLE, "Document d’information"),
    ];
    for (style, text) in want {
        assert!(
            paragraphs.iter().any(|(s, t)| s == style && t == text),
            "no {style} paragraph reading {text:?} in {paragraphs:?}"
        );
    }
    let document = part(&bytes, "word/document.xml");
    for text in [
        "Nations Unies",
        "CTOC/COP/WG.7/2015/5",
        "Distr. générale",
        "Original: anglais",
    ] {
        assert!(document.contains(text), "masthead lacks {text}");
    }
}

#[test]
fn special_characters_are_escaped_once_and_kept() {
    let bytes = write(&sample(), &UN).unwrap();
    let document = part(&bytes, "word/document.xml");
    assert!(document.contains("Fish &amp; chips &lt;b&gt;"));
    assert!(!document.contains("&amp;amp;"));
    assert!(document.contains("a\u{A0}: b\u{202F};"));
    assert!(document.contains("l’État « œuvre »"));
}

#[test]
fn agenda_footnote_is_a_real_footnote_marked_with_an_asterisk() {
    let bytes = write(&sample(), &UN).unwrap();
    let document = part(&bytes, "word/document.xml");
    assert!(document.contains(
        r#"<w:footnoteReference w:customMarkFollows="1" w:id="1" /><w:t xml:space="preserve">*</w:t>"#
    ));
    let notes = part(&bytes, "word/footnotes.xml");
    let note = &notes[notes.find(r#"<w:footnote w:id="1">"#).expect("footnote 1")..];
    assert!(note.contains(r#"<w:pStyle w:val="FootnoteText" />"#));
    assert!(note.contains("CTOC/COP/WG.7/2015/1."));
    assert!(notes.contains(r#"w:type="separator" w:id="-1""#));
    assert!(notes.contains(r#"w:type="continuationSeparator" w:id="0""#));
    assert!(part(&bytes, "word/_rels/document.xml.rels").contains("footnotes.xml"));
}

#[test]
fn running_heads_and_feet_differ_on_odd_even_and_first_pages() {
    let bytes = write(&sample(), &UN).unwrap();
    let document = part(&bytes, "word/document.xml");
    assert!(document.contains("<w:titlePg />"));

    let odd = referenced(&bytes, "header", "default");
    assert!(odd.contains(r#"w:val="HeaderOdd""#) && odd.contains("CTOC/COP/WG.7/2015/5"));
    let even = referenced(&bytes, "header", "even");
    assert!(even.contains(r#"w:val="HeaderEven""#) && even.contains("CTOC/COP/WG.7/2015/5"));
    let first = referenced(&bytes, "header", "first");
    assert!(!first.contains("CTOC"));

    let page = [
        r#"<w:fldChar w:fldCharType="begin""#,
        "<w:instrText>PAGE</w:instrText>",
        r#"<w:fldChar w:fldCharType="end""#,
    ];
    let odd_foot = referenced(&bytes, "footer", "default");
    let even_foot = referenced(&bytes, "footer", "even");
    for foot in [&odd_foot, &even_foot] {
        for piece in page {
            assert!(foot.contains(piece), "{piece} missing in {foot}");
        }
    }
    // Odd: job number, then the page number; even: the other way round.
    assert!(odd_foot.find("V.15-06043").unwrap() < odd_foot.find("PAGE").unwrap());
    assert!(even_foot.find("PAGE").unwrap() < even_foot.find("V.15-06043").unwrap());
    let first_foot = referenced(&bytes, "footer", "first");
    assert!(first_foot.contains("V.15-06043 (F)") && !first_foot.contains("PAGE"));

    let settings = part(&bytes, "word/settings.xml");
    let flag = settings.find("<w:evenAndOddHeaders />").expect("flag set");
    assert!(flag < settings.find("<w:compat>").unwrap());
}

#[test]
fn language_and_properties_are_set() {
    let bytes = write(&sample(), &UN).unwrap();
    let styles_xml = part(&bytes, "word/styles.xml");
    let defaults = &styles_xml[..styles_xml.find("</w:docDefaults>").unwrap()];
    assert!(defaults.contains(r#"<w:lang w:val="fr-FR" />"#));
    for id in [
        styles::CHAPTER,
        styles::SUBHEADING,
        styles::PARAGRAPH,
        styles::ITEMS[0],
        styles::TITLE,
        styles::FOOTNOTE_TEXT,
        styles::END_RULE,
    ] {
        assert_eq!(
            styles_xml.matches(&format!(r#"w:styleId="{id}""#)).count(),
            1,
            "style {id}"
        );
    }
    let core = part(&bytes, "docProps/core.xml");
    assert!(core.contains("<dc:title>Recommandations &amp; « suites »</dc:title>"));
    assert!(core.contains("<dc:subject>Document d’information</dc:subject>"));
    assert!(core.contains("<dc:language>fr-FR</dc:language>"));

    let mut english = sample();
    english.language = "en".into();
    let bytes = write(&english, &UN).unwrap();
    assert!(part(&bytes, "word/styles.xml").contains(r#"<w:lang w:val="en-GB" />"#));
    assert!(part(&bytes, "docProps/core.xml").contains("<dc:language>en-GB</dc:language>"));
}

#[test]
fn same_input_gives_same_bytes() {
    let first = write(&sample(), &UN).unwrap();
    // Paragraphs made elsewhere on this thread must not shift the ids.
    let _ = docx_rs::Paragraph::new();
    let second = write(&sample(), &UN).unwrap();
    assert!(first == second, "two writes differ");

    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&first)).unwrap();
    for i in 0..archive.len() {
        let entry = archive.by_index(i).unwrap();
        assert_eq!(
            entry.last_modified(),
            Some(zip::DateTime::DEFAULT),
            "{}",
            entry.name()
        );
    }
}

#[test]
fn forbidden_control_character_is_refused_with_its_paragraph() {
    let mut c = sample();
    c.chapters[0].groups[0].paragraphs[0].items[0].items[0].text = "bad\u{1}".into();
    let err = write(&c, &UN).unwrap_err();
    assert_eq!(
        err,
        DocxError::ForbiddenCharacter {
            location: Location::Paragraph(2),
            character: '\u{1}'
        }
    );
    assert!(err.to_string().contains("paragraph 2"), "{err}");

    let mut c = sample();
    c.front.title = "x\u{FFFF}".into();
    let err = write(&c, &UN).unwrap_err();
    assert!(err.to_string().contains("title"), "{err}");
}

#[test]
fn first_page_lines_stand_on_the_leadings_the_pdf_uses() {
    let styles_xml = part(&write(&sample(), &UN).unwrap(), "word/styles.xml");
    let spacing_of = |id: &str| {
        let at = styles_xml
            .find(&format!(r#"w:styleId="{id}""#))
            .unwrap_or_else(|| panic!("style {id}"));
        let rest = &styles_xml[at..];
        let start = rest.find("<w:spacing ").unwrap();
        rest[start..start + rest[start..].find("/>").unwrap()].to_string()
    };
    // In twentieths of a point: footnotes 9.5 pt, the title 17 pt, the
    // masthead's lines 12 pt, a blank line (12 pt) above the agenda item.
    let exact = |line: u32| format!(r#"w:line="{line}" w:lineRule="exact""#);
    assert!(spacing_of(styles::FOOTNOTE_TEXT).contains(&exact(190)));
    assert!(spacing_of(styles::TITLE).contains(&exact(340)));
    for id in [styles::BODY_NAME, styles::BODY_LINE, styles::DISTRIBUTION] {
        assert!(spacing_of(id).contains(&exact(240)), "{id}");
    }
    assert!(spacing_of(styles::AGENDA_ITEM).contains(r#"w:before="240""#));

    // The feet: job numbers at 8 pt, the page number bold at 9 pt, in
    // half-points.
    let footer = &styles_xml[styles_xml.find(r#"w:styleId="Footer""#).unwrap()..];
    let footer = &footer[..footer.find("</w:style>").unwrap()];
    assert!(footer.contains(r#"<w:sz w:val="16" />"#), "{footer}");
    let foot = referenced(&write(&sample(), &UN).unwrap(), "footer", "default");
    let page_run = &foot[..foot.find(r#"<w:fldChar w:fldCharType="begin""#).unwrap()];
    let page_props = &page_run[page_run.rfind("<w:rPr>").unwrap()..];
    assert!(
        page_props.contains(r#"<w:sz w:val="18" />"#) && page_props.contains("<w:b />"),
        "{page_props}"
    );
}

#[test]
fn french_ordinal_letters_are_a_superscript_run() {
    let mut c = sample();
    c.chapters[0].groups[0].title = "Réunion tenue à Vienne du 30 mai au 1er juin 2012".into();
    c.introduction.paragraphs[0].text = "La 1re session et la 2e.".into();
    let document = part(&write(&c, &UN).unwrap(), "word/document.xml");
    let raised =
        r#"<w:r><w:rPr><w:vertAlign w:val="superscript" /></w:rPr><w:t xml:space="preserve">"#;
    for (before, letters, after) in [
        ("au 1", "er", " juin 2012"),
        ("La 1", "re", " session et la 2"),
        ("la 2", "e", "."),
    ] {
        let run = format!(
            r#"{before}</w:t></w:r>{raised}{letters}</w:t></w:r><w:r><w:rPr /><w:t xml:space="preserve">{after}"#
        );
        assert!(
            document.contains(&run),
            "no raised {letters:?} after {before:?}"
        );
    }
    // English sets nothing raised.
    c.language = "en".into();
    let document = part(&write(&c, &UN).unwrap(), "word/document.xml");
    assert!(!document.contains("superscript"));
}

#[test]
fn the_footnote_rule_is_short_and_thin_and_no_line_is_left_alone() {
    let bytes = write(&sample(), &UN).unwrap();
    let notes = part(&bytes, "word/footnotes.xml");
    let separator = notes
        .split(r#"<w:footnote w:type="separator" w:id="-1">"#)
        .nth(1)
        .and_then(|rest| rest.split("</w:footnote>").next())
        .unwrap_or_else(|| panic!("no separator note in {notes}"));
    // A 0.5 pt rule ending 30 mm into the measure (16.5 cm - 3 cm).
    assert!(
        separator.contains(r#"<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000" />"#),
        "{separator}"
    );
    assert!(
        separator.contains(r#"<w:ind w:right="7654" />"#),
        "{separator}"
    );
    assert!(
        separator.contains("<w:r><w:rPr><w:vanish /></w:rPr><w:separator /></w:r>"),
        "{separator}"
    );
    let styles = part(&bytes, "word/styles.xml");
    assert!(
        styles.contains("<w:pPrDefault><w:pPr><w:widowControl />"),
        "{styles}"
    );
}

#[test]
fn a_subheading_under_its_chapter_heading_adds_no_space_of_its_own() {
    let document = part(&write(&sample(), &UN).unwrap(), "word/document.xml");
    let h1 = document
        .split(r#"<w:pStyle w:val="H1" />"#)
        .nth(1)
        .and_then(|rest| rest.split("</w:pPr>").next())
        .unwrap_or_else(|| panic!("no subheading"));
    assert!(h1.contains(r#"<w:spacing w:before="0" />"#), "{h1}");
}
