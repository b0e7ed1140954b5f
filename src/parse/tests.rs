use super::*;
use crate::source::from_bytes;

fn parse_text(text: &str) -> Parsed {
    parse(&from_bytes("test.txt", text.as_bytes()).unwrap()).unwrap()
}

fn paragraphs(report: &Report) -> Vec<&Paragraph> {
    report
        .chapters
        .iter()
        .flat_map(|c| c.blocks.iter())
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p),
            _ => None,
        })
        .collect()
}

#[test]
fn chapters_headings_and_wrapped_paragraphs() {
    let parsed = parse_text(
        "  I. Recommandations relatives à la prévention et à la \nsensibilisation \n\n A. Mesures de \nprévention \n\n1. Les États parties \ndevraient agir. \n\n2. Ils devraient aussi \n coopérer. \n",
    );
    let chapter = &parsed.report.chapters[0];
    assert_eq!(chapter.numeral, "I");
    assert_eq!(
        chapter.title,
        "Recommandations relatives à la prévention et à la sensibilisation"
    );
    assert_eq!(
        chapter.blocks[0],
        Block::Heading {
            label: "A".into(),
            title: "Mesures de prévention".into(),
            line: 4
        }
    );
    let ps = paragraphs(&parsed.report);
    assert_eq!(ps.len(), 2);
    assert_eq!(ps[0].text, "Les États parties devraient agir.");
    assert_eq!((ps[1].number, ps[1].line), (Some(2), 10));
    assert_eq!(ps[1].text, "Ils devraient aussi coopérer.");
}

#[test]
fn paragraph_split_across_a_page_with_furniture_is_joined() {
    let parsed = parse_text(
        "  I. Recommandations\n\n1. Les États parties devraient \nrenforcer la \n\nV.12-54101 3\n\u{c}CTOC/COP/WG.7/2012/6\n\ncoopération. \n\n2. Suite.\n",
    );
    let ps = paragraphs(&parsed.report);
    assert_eq!(ps.len(), 2);
    assert_eq!(
        ps[0].text,
        "Les États parties devraient renforcer la coopération."
    );
}

#[test]
fn page_that_opens_on_a_paragraph_without_blank_line() {
    let parsed = parse_text(
        "  I. Recommandations\n\n11. Fin de phrase. \n 12. Nouveau paragraphe \nqui continue.\n",
    );
    let ps = paragraphs(&parsed.report);
    assert_eq!(ps.len(), 2);
    assert_eq!(ps[1].number, Some(12));
}

#[test]
fn a_wrapped_line_that_starts_with_a_year_is_not_a_paragraph() {
    let parsed = parse_text("  I. Rapport\n\n1. La réunion s’est tenue du 30 mai au 1er juin\n2012. Elle a adopté\nle rapport.\n");
    let ps = paragraphs(&parsed.report);
    assert_eq!(ps.len(), 1);
    assert!(ps[0].text.contains("1er juin 2012. Elle"));
}

#[test]
fn nested_items_in_both_dialects() {
    let parsed = parse_text(
        "  I. Recommandations\n\n1. Le Groupe de travail a adopté les recommandations suivantes: \n\n a) Première \nrecommandation; \n\n b) Deuxième, avec: \n\n i) un; \n\n ii) deux; \n\n c) Troisième. \n",
    );
    let ps = paragraphs(&parsed.report);
    let items = &ps[0].items;
    assert_eq!(items.len(), 3);
    assert_eq!(items[0].text, "Première recommandation;");
    assert_eq!(items[1].items.len(), 2);
    assert_eq!(items[1].items[1].label, "ii)");
    assert_eq!(items[2].label, "c)");
}

#[test]
fn english_parenthesised_items_and_letter_i_after_h() {
    let mut text =
        String::from("  I. Recommendations\n\n1. The Working Group adopted the following:\n");
    for l in ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'] {
        text.push_str(&format!("\n ({l}) Item {l};\n"));
    }
    let parsed = parse_text(&text);
    let ps = paragraphs(&parsed.report);
    assert_eq!(ps[0].items.len(), 10);
    assert_eq!(ps[0].items[8].label, "(i)");
}

#[test]
fn footnotes_leave_the_text_flow() {
    let parsed = parse_text(
        "  I. Organisation\n\n1. La liste des participants1 figure \n\n__________________ \n 1 La liste figure dans le document CTOC/COP/WG.7/2012/INF/1. \n\n\u{c} CTOC/COP/WG.7/2012/6\n\ndans l’annexe.\n",
    );
    assert_eq!(parsed.report.footnotes.len(), 1);
    assert_eq!(parsed.report.footnotes[0].mark, "1");
    let ps = paragraphs(&parsed.report);
    assert_eq!(
        ps[0].text,
        "La liste des participants1 figure dans l’annexe."
    );
}

#[test]
fn numbering_that_skips_or_repeats_is_a_warning() {
    let parsed = parse_text("  I. Rapport\n\n1. Un.\n\n3. Trois.\n\n3. Encore trois.\n");
    assert_eq!(paragraphs(&parsed.report).len(), 3);
    assert_eq!(parsed.warnings.len(), 2, "{:?}", parsed.warnings);
    assert_eq!(parsed.warnings[0].line, 5);
}

#[test]
fn masthead_and_meeting_from_the_first_page() {
    let parsed = parse_text(
        " Nations Unies CTOC/COP/WG.7/2013/5\n\nDistr. générale\n4 décembre 2013\nFrançais\nOriginal: anglais\n\nV.13-88412 (F)\n*1388412*\n\nRapport sur la réunion du Groupe de travail sur le trafic\nillicite de migrants tenue à Vienne du 11 au 13 novembre 2013\n\n  I. Organisation\n\n1. Le Groupe de travail a tenu sa deuxième réunion à Vienne du 11 au 13 novembre 2013.\n",
    );
    let r = &parsed.report;
    assert_eq!(r.masthead.symbol.as_deref(), Some("CTOC/COP/WG.7/2013/5"));
    assert_eq!(r.masthead.language.as_ref().map(|l| l.as_str()), Some("fr"));
    assert_eq!(r.masthead.date.as_deref(), Some("4 décembre 2013"));
    assert_eq!(r.masthead.job_number.as_deref(), Some("V.13-88412"));
    let m = r.meeting.as_ref().unwrap();
    assert_eq!((m.ordinal, m.place.as_str()), (Some(2), "Vienne"));
    assert_eq!(m.start.to_string(), "2013-11-11");
    assert_eq!(m.end.to_string(), "2013-11-13");
}

#[test]
fn english_meeting_wording() {
    let parsed = parse_text(
        "Report on the meeting of the Working Group held in Vienna from 30 May to 1 June 2012\n\n  I. Organization of the meeting\n\n1. The Working Group held its first meeting in Vienna.\n",
    );
    let m = parsed.report.meeting.as_ref().unwrap();
    assert_eq!(
        parsed.report.masthead.language.as_ref().map(|l| l.as_str()),
        Some("en")
    );
    assert_eq!((m.ordinal, m.place.as_str()), (Some(1), "Vienna"));
    assert_eq!(m.start.to_string(), "2012-05-30");
}

#[test]
fn empty_report_is_an_error() {
    let source = from_bytes("empty.txt", b"\n\n  \n").unwrap();
    let err = parse(&source).unwrap_err();
    assert!(err
        .to_string()
        .starts_with("empty.txt:1:1: error: the report is empty"));
}

#[test]
fn chinese_lines_join_without_space() {
    let mut s = String::from("工作组通过了以下");
    append(&mut s, "建议。");
    assert_eq!(s, "工作组通过了以下建议。");
    let mut s = String::from("秘书处编写的背景文件");
    append(&mut s, "（CTOC/COP/WG.7/2012/2）。");
    assert_eq!(s, "秘书处编写的背景文件（CTOC/COP/WG.7/2012/2）。");
    let mut s = String::from("بتهريب");
    append(&mut s, "المهاجرين");
    assert_eq!(s, "بتهريب المهاجرين");
}

#[test]
fn hyphen_at_line_end_joins_without_space() {
    let mut s = String::from("des centres pluri-");
    append(&mut s, "institutions et des");
    assert_eq!(s, "des centres pluri-institutions et des");
    let mut s = String::from("la coopéra\u{ad}");
    append(&mut s, "tion internationale");
    assert_eq!(s, "la coopération internationale");
    let mut s = String::from("une fin -");
    append(&mut s, "suite");
    assert_eq!(s, "une fin - suite");
}

#[test]
fn no_break_spaces_survive() {
    assert_eq!(squeeze("« texte »  ;"), "« texte » ;");
}

#[test]
fn asterisk_footnote_without_a_typed_rule() {
    let parsed = parse_text(
        "  I. Introduction\n\n1. Texte de la page.\n\n ∗ CTOC/COP/WG.7/2015/1.\n\u{c}\n2. Suite.\n",
    );
    assert_eq!(parsed.report.footnotes.len(), 1);
    assert_eq!(paragraphs(&parsed.report).len(), 2);
    assert_eq!(paragraphs(&parsed.report)[0].text, "Texte de la page.");
}

#[test]
fn pdf_text_without_blank_lines_headings_apart_from_numerals() {
    let parsed = parse_text(
        "I.\n\nRecommandations\n1. Le Groupe a retenu les thèmes suivants:\na) le trafic par mer;\nb) les enquêtes.\nB.\n\nAutres questions\n2. Texte.\n",
    );
    let chapter = &parsed.report.chapters[0];
    assert_eq!(chapter.title, "Recommandations");
    let ps = paragraphs(&parsed.report);
    assert_eq!(ps[0].items.len(), 2);
    assert_eq!(ps[0].items[1].text, "les enquêtes.");
    assert!(
        matches!(&chapter.blocks[1], Block::Heading { label, title, .. } if label == "B" && title == "Autres questions")
    );
}

#[test]
fn a_two_column_masthead_drawn_with_layout() {
    let parsed = parse_text(
        "United Nations                                          CTOC/COP/WG.7/2012/6\n       Conference of the Parties to the       Distr.: General\n       United Nations Convention against      15 June 2012\n       Transnational Organized Crime          English\n                                              Original: English\n\n  I. Recommendations\n\n1. States parties should act.\n",
    );
    let m = &parsed.report.masthead;
    assert_eq!(m.symbol.as_deref(), Some("CTOC/COP/WG.7/2012/6"));
    assert_eq!(m.language.as_ref().map(|l| l.as_str()), Some("en"));
    assert_eq!(m.date.as_deref(), Some("15 June 2012"));
}

#[test]
fn a_paragraph_cut_by_missing_pages_and_the_text_they_orphan() {
    let parsed = parse_text(
        "  I. Recommendations\n\n1. States parties should act.\n\n2. States parties should consider\nV.14-01234 2\n\u{c}CTOC/COP/WG.7/2014/2\n\nthe rights of migrants.\n\n5. States parties should cooperate.\nV.14-01234 5\n",
    );
    let said: Vec<&str> = parsed.warnings.iter().map(|w| w.message.as_str()).collect();
    assert!(
        said.iter()
            .any(|m| m.contains("paragraph 2 is cut off: the page after page 2 is missing")),
        "{said:#?}"
    );
    assert!(
        said.iter()
            .any(|m| m.contains("page 5 follows page 2") && m.contains("the rights of migrants.")),
        "{said:#?}"
    );
    let ps = paragraphs(&parsed.report);
    assert_eq!(
        ps[1].text, "States parties should consider",
        "nothing glued to it"
    );
    assert_eq!(ps[2].number, Some(5));
}

#[test]
fn numbers_alone_on_their_lines_with_and_without_blank_lines() {
    for text in [
        "I.\nRecommendations\n1.\nAt its meeting, the Working Group adopted the following recommendations.\nA.\nPrevention\n2.\nStates parties should act.\n(a)\nfirst;\n(b)\nsecond.\n3.\nStates parties should cooperate.\n",
        "I.\n\nRecommendations\n\n1.\n\nAt its meeting, the Working Group adopted the following recommendations.\n\nA.\n\nPrevention\n\n2.\n\nStates parties should act.\n\n(a)\n\nfirst;\n\n(b)\n\nsecond.\n\n3.\n\nStates parties should cooperate.\n",
    ] {
        let parsed = parse_text(text);
        let chapter = &parsed.report.chapters[0];
        assert_eq!(chapter.title, "Recommendations", "{text}");
        assert!(
            matches!(&chapter.blocks[1], Block::Heading { label, title, .. } if label == "A" && title == "Prevention"),
            "{text}"
        );
        let ps = paragraphs(&parsed.report);
        let numbers: Vec<Option<u32>> = ps.iter().map(|p| p.number).collect();
        assert_eq!(numbers, [Some(1), Some(2), Some(3)], "{text}");
        assert_eq!(ps[1].text, "States parties should act.", "no number left in the text");
        let labels: Vec<&str> = ps[1].items.iter().map(|i| i.label.as_str()).collect();
        assert_eq!(labels, ["(a)", "(b)"]);
    }
}
