//! The Working Group compilation in the UN's languages: the translated
//! reports read like the French ones (same recommendations, same paragraph
//! numbers, the meeting in the language's own words), and each edition
//! `make` writes has the French edition's layout, its subheadings in its own
//! language, and reads back as written.

mod common;
use common::*;
use recueil::manifest::Manifest;
use recueil::model::Compilation;
use serde_json::Value;
use std::path::PathBuf;

struct Language {
    code: &'static str,
    /// How the report names the place the meetings were held in.
    place: &'static str,
    /// The labels of the first sub-items, in order, as the language prints them.
    items: &'static [&'static str],
    /// The subheadings of the first and second meetings in the edition.
    subheadings: [&'static str; 2],
    /// Their letters, as the edition prints them before their dash or point.
    letters: [&'static str; 2],
}

const FRENCH: Language = Language {
    code: "fr",
    place: "Vienne",
    items: &["a)", "b)", "c)", "d)", "e)", "f)", "g)", "h)", "i)", "j)", "k)"],
    subheadings: [
        "Recommandations adoptées par le Groupe de travail à sa première réunion, tenue à Vienne du 30 mai au 1er juin 2012",
        "Recommandations adoptées par le Groupe de travail à sa deuxième réunion, tenue à Vienne du 11 au 13 novembre 2013",
    ],
    letters: ["A", "B"],
};

const ENGLISH: Language = Language {
    code: "en",
    place: "Vienna",
    items: &["(a)", "(b)", "(c)", "(d)", "(e)", "(f)", "(g)", "(h)", "(i)", "(j)", "(k)"],
    subheadings: [
        "Recommendations adopted by the Working Group at its first meeting, held in Vienna from 30 May to 1 June 2012",
        "Recommendations adopted by the Working Group at its second meeting, held in Vienna from 11 to 13 November 2013",
    ],
    letters: ["A", "B"],
};

const SPANISH: Language = Language {
    code: "es",
    place: "Viena",
    items: &["a)", "b)", "c)", "d)", "e)", "f)", "g)", "h)", "i)", "j)", "k)"],
    subheadings: [
        "Recomendaciones aprobadas por el Grupo de Trabajo en su primera reunión, celebrada en Viena del 30 de mayo al 1 de junio de 2012",
        "Recomendaciones aprobadas por el Grupo de Trabajo en su segunda reunión, celebrada en Viena del 11 al 13 de noviembre de 2013",
    ],
    letters: ["A", "B"],
};

const RUSSIAN: Language = Language {
    code: "ru",
    // In the prepositional case, as the reports and the subheadings use it.
    place: "Вене",
    items: &["а)", "б)", "в)", "г)", "д)", "е)", "ж)", "з)", "и)", "к)", "л)"],
    subheadings: [
        "Рекомендации, принятые Рабочей группой на ее первом совещании, состоявшемся в Вене 30 мая – 1 июня 2012 года",
        "Рекомендации, принятые Рабочей группой на ее втором совещании, состоявшемся в Вене 11–13 ноября 2013 года",
    ],
    letters: ["A", "B"],
};

const ARABIC: Language = Language {
    code: "ar",
    place: "فيينا",
    items: &[
        "(أ)", "(ب)", "(ج)", "(د)", "(هـ)", "(و)", "(ز)", "(ح)", "(ط)", "(ي)", "(ك)",
    ],
    subheadings: [
        "التوصيات التي اعتمدها الفريق العامل في اجتماعه الأول، المعقود في فيينا من 30 أيار/مايو إلى 1 حزيران/يونيه 2012",
        "التوصيات التي اعتمدها الفريق العامل في اجتماعه الثاني، المعقود في فيينا من 11 إلى 13 تشرين الثاني/نوفمبر 2013",
    ],
    letters: ["ألف", "باء"],
};

const CHINESE: Language = Language {
    code: "zh",
    place: "维也纳",
    items: &[
        "(a)", "(b)", "(c)", "(d)", "(e)", "(f)", "(g)", "(h)", "(i)", "(j)", "(k)",
    ],
    subheadings: [
        "工作组2012年5月30日至6月1日在维也纳举行的第一次会议通过的建议",
        "工作组2013年11月11日至13日在维也纳举行的第二次会议通过的建议",
    ],
    letters: ["A", "B"],
};

/// Languages whose reports recueil reads.
const READ: &[&Language] = &[&FRENCH, &ENGLISH, &SPANISH, &RUSSIAN, &ARABIC, &CHINESE];

/// Languages whose edition `make` compiles.
const COMPILED: &[&Language] = &[&ENGLISH, &SPANISH, &RUSSIAN, &ARABIC, &CHINESE];

const REPORTS: [&str; 2] = ["CTOC-COP-WG.7-2012-6", "CTOC-COP-WG.7-2013-5"];

fn sources(code: &str) -> PathBuf {
    match code {
        "fr" => root().join("sources/wg-som"),
        _ => root().join(format!("sources/wg-som-{code}")),
    }
}

fn report_path(code: &str, report: &str) -> PathBuf {
    sources(code).join(format!("reports/{report}.{code}.txt"))
}

/// A report's recommendations as `recueil extract` prints them.
fn extract(code: &str, report: &str) -> Value {
    let path = report_path(code, report);
    let run = recueil(&["extract", path.to_str().unwrap()]);
    assert!(run.status.success(), "{}: {}", path.display(), stderr(&run));
    let mut all: Value = serde_json::from_str(&stdout(&run)).unwrap();
    all[0].take()
}

/// `6 c)` → (6, Some("c)")), `55` → (55, None).
fn split_paragraph(id: &str) -> (u32, Option<String>) {
    match id.split_once(' ') {
        Some((n, label)) => (n.parse().unwrap(), Some(label.to_string())),
        None => (id.parse().unwrap(), None),
    }
}

/// Paragraph numbers with each sub-item's position among its paragraph's:
/// what must be the same in every language, whatever its labels.
fn positions(ids: &[(u32, Option<String>)]) -> Vec<(u32, Option<usize>)> {
    let mut out = Vec::new();
    let mut count = std::collections::HashMap::new();
    for (n, label) in ids {
        let index = label.as_ref().map(|_| {
            let c = count.entry(*n).or_insert(0usize);
            *c += 1;
            *c - 1
        });
        out.push((*n, index));
    }
    out
}

fn ids(extraction: &Value) -> Vec<(u32, Option<String>)> {
    extraction["recommendations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| split_paragraph(r["paragraph"].as_str().unwrap()))
        .collect()
}

#[test]
fn reports_in_each_language_give_the_french_recommendations() {
    for report in REPORTS {
        let french = ids(&extract("fr", report));
        for lang in READ {
            let extraction = extract(lang.code, report);
            assert_eq!(extraction["language"], lang.code, "{report}.{}", lang.code);
            let got = ids(&extraction);
            assert_eq!(
                positions(&got),
                positions(&french),
                "{report}.{}: the French paragraphs and sub-items",
                lang.code
            );
            for (_, label) in positions(&got).iter().zip(&got) {
                if let Some(label) = &label.1 {
                    assert!(
                        lang.items.contains(&label.as_str()),
                        "{report}.{}: label {label} is not one of the language's",
                        lang.code
                    );
                }
            }
            let labels: Vec<&str> = got
                .iter()
                .filter(|(n, _)| *n == 5)
                .filter_map(|(_, l)| l.as_deref())
                .collect();
            if report.ends_with("2013-5") {
                assert_eq!(labels, lang.items, "{report}.{}: paragraph 5", lang.code);
            }
            let meeting = &extraction["meeting"];
            assert_eq!(meeting["place"], lang.place, "{report}.{}", lang.code);
            let (ordinal, start, end) = if report.ends_with("2012-6") {
                (1, "2012-05-30", "2012-06-01")
            } else {
                (2, "2013-11-11", "2013-11-13")
            };
            assert_eq!(meeting["ordinal"], ordinal, "{report}.{}", lang.code);
            assert_eq!(meeting["start"], start, "{report}.{}", lang.code);
            assert_eq!(meeting["end"], end, "{report}.{}", lang.code);
        }
    }
}

/// A report of another working group (trafficking in persons), typed in
/// another layout: a paragraph that introduces the recommendations, then
/// the recommendations as numbered paragraphs under headings, then the
/// chapters that are not recommendations.
#[test]
fn a_report_of_another_group_reads_in_its_language() {
    // The English and French ones state a meeting of two days.
    for (code, place, end, paragraphs) in [
        ("en", "Vienna", "2015-11-07", &["2", "3", "4"][..]),
        ("fr", "Vienne", "2015-11-07", &["2", "3", "4"]),
        ("es", "Viena", "2015-11-09", &["2", "3", "4"]),
        ("ru", "Вене", "2015-11-09", &["2", "3"]),
        ("zh", "维也纳", "2015-11-09", &["2", "3"]),
        ("ar", "فيينا", "2015-11-09", &["2", "3"]),
    ] {
        let report = extract_other_group(&format!("other-group-{code}"), &other_group_report(code));
        assert_eq!(report["symbol"], "CTOC/COP/WG.4/2015/6", "{code}");
        assert_eq!(report["language"], code);
        let meeting = &report["meeting"];
        assert_eq!(meeting["place"], place, "{code}");
        assert_eq!(meeting["start"], "2015-11-06", "{code}");
        assert_eq!(meeting["end"], end, "{code}");
        let found: Vec<&str> = report["recommendations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["paragraph"].as_str().unwrap())
            .collect();
        assert_eq!(found, paragraphs, "{code}");
        // Paragraph 3 keeps its two items, in its own words.
        let third = report["recommendations"][1]["text"].as_str().unwrap();
        assert!(third.matches(')').count() >= 2, "{code}: {third}");
    }
}

fn other_group_report(code: &str) -> String {
    let path = root().join(format!(
        "tests/fixtures/other-group/CTOC-COP-WG.4-2015-6.{code}.txt"
    ));
    std::fs::read_to_string(path).unwrap()
}

/// What `recueil extract` reads in a text of the other group's report.
/// `name`: the test's own folder, for tests run side by side.
fn extract_other_group(name: &str, text: &str) -> Value {
    let dir = temp_dir(&format!("languages-{name}"));
    let path = dir.join("report.txt");
    std::fs::write(&path, text).unwrap();
    let run = recueil(&["extract", path.to_str().unwrap()]);
    assert!(run.status.success(), "{}", stderr(&run));
    let mut all: Value = serde_json::from_str(&stdout(&run)).unwrap();
    all[0].take()
}

/// A meeting of two days, in each language's UN form, in the report's
/// title: the only statement of the meeting left in it.
#[test]
fn a_meeting_of_two_days_is_read_in_every_language() {
    for (code, range, two_days) in [
        (
            "es",
            "del 6 al 9 de noviembre de 2015",
            "los días 6 y 7 de noviembre de 2015",
        ),
        ("ru", "6–9 ноября 2015 года", "6 и 7 ноября 2015 года"),
        ("zh", "2015年11月6日至9日", "2015年11月6日和7日"),
        (
            "ar",
            "من 6 إلى 9 تشرين الثاني/نوفمبر 2015",
            "يومي 6 و7 تشرين الثاني/نوفمبر 2015",
        ),
    ] {
        let text = other_group_report(code);
        let title_end = text.find(range).expect("the title states the meeting") + range.len();
        let (title, rest) = text.split_at(title_end);
        // Paragraph 1 restates the meeting: its statement is left out.
        let rest = rest.replace(range, "");
        let text = format!("{}{two_days}{rest}", &title[..title.len() - range.len()]);
        let meeting = extract_other_group(&format!("two-days-{code}"), &text)["meeting"].take();
        assert_eq!(meeting["start"], "2015-11-06", "{code}: {meeting}");
        assert_eq!(meeting["end"], "2015-11-07", "{code}: {meeting}");
    }
}

/// A meeting from one year into the next, in each language's UN form: the
/// end is the second date, not the end of the first year's.
#[test]
fn a_meeting_over_the_new_year_is_read_in_every_language() {
    for (code, stated, over) in [
        (
            "en",
            "on 6 and 7 November 2015",
            "from 30 December 2015 to 2 January 2016",
        ),
        (
            "fr",
            "les 6 et 7 novembre 2015",
            "du 30 décembre 2015 au 2 janvier 2016",
        ),
        (
            "es",
            "del 6 al 9 de noviembre de 2015",
            "del 30 de diciembre de 2015 al 2 de enero de 2016",
        ),
        (
            "ru",
            "6–9 ноября 2015 года",
            "30 декабря 2015 года – 2 января 2016 года",
        ),
        (
            "ar",
            "من 6 إلى 9 تشرين الثاني/نوفمبر 2015",
            "من 30 كانون الأول/ديسمبر 2015 إلى 2 كانون الثاني/يناير 2016",
        ),
        ("zh", "2015年11月6日至9日", "2015年12月30日至2016年1月2日"),
    ] {
        let text = other_group_report(code);
        assert!(text.contains(stated), "{code}: {stated}");
        let report = extract_other_group(&format!("new-year-{code}"), &text.replace(stated, over));
        let meeting = &report["meeting"];
        assert_eq!(meeting["start"], "2015-12-30", "{code}: {meeting}");
        assert_eq!(meeting["end"], "2016-01-02", "{code}: {meeting}");
    }
}

/// A recommendations chapter titled "Conclusions and recommendations", as
/// each language titles it.
#[test]
fn a_chapter_of_conclusions_and_recommendations_is_read_in_every_language() {
    for (code, title, conclusions) in [
        (
            "en",
            "I. Recommendations",
            "I. Conclusions and recommendations",
        ),
        (
            "fr",
            "I. Recommandations",
            "I. Conclusions et recommandations",
        ),
        (
            "es",
            "I. Recomendaciones",
            "I. Conclusiones y recomendaciones",
        ),
        ("ru", "I. Рекомендации", "I. Выводы и рекомендации"),
        ("ar", "أولاً- التوصيات", "أولاً- الاستنتاجات والتوصيات"),
        ("zh", "一. 建议", "一. 结论和建议"),
    ] {
        let text = other_group_report(code);
        assert!(text.contains(title), "{code}: {title}");
        let report = extract_other_group(
            &format!("conclusions-{code}"),
            &text.replacen(title, conclusions, 1),
        );
        let found = report["recommendations"].as_array().unwrap().len();
        assert!(found >= 2, "{code}: {report}");
    }
}

/// The paragraph that introduces the recommendations, in its other usual
/// wordings, is not one of them.
#[test]
fn the_introducing_paragraph_is_left_out_in_its_usual_wordings() {
    for (code, wording, other) in [
        (
            "en",
            "adopted the recommendations set out below",
            "adopted the following recommendations:",
        ),
        (
            "fr",
            "a adopté les recommandations ci-après",
            "a adopté les recommandations suivantes :",
        ),
        (
            "es",
            "aprobó las recomendaciones que figuran a continuación",
            "aprobó las siguientes recomendaciones:",
        ),
        (
            "ru",
            "приняла следующие рекомендации.",
            "приняла рекомендации, изложенные ниже.",
        ),
        ("zh", "通过了以下建议", "通过了下列建议"),
        ("ar", "التوصيات الواردة أدناه", "التوصيات التالية"),
    ] {
        let text = other_group_report(code);
        assert!(text.contains(wording), "{code}: {wording}");
        let report = extract_other_group(
            &format!("introducing-{code}"),
            &text.replacen(wording, other, 1),
        );
        let first = &report["recommendations"][0]["paragraph"];
        assert_eq!(first, "2", "{code}: {other}");
    }
}

/// The meeting's ordinal as each language writes it, past the tenth too
/// (Arabic writes the eleventh to the nineteenth in two words).
#[test]
fn ordinals_of_later_meetings_are_read_in_every_language() {
    for (code, at, ordinals) in [
        (
            "en",
            "At its meeting",
            &[("At its fifth meeting", 5), ("At its twelfth meeting", 12)][..],
        ),
        (
            "fr",
            "À sa réunion",
            &[("À sa cinquième réunion", 5), ("À sa douzième réunion", 12)],
        ),
        (
            "es",
            "En su reunión",
            &[("En su quinta reunión", 5), ("En su duodécima reunión", 12)],
        ),
        (
            "ru",
            "На своем совещании",
            &[
                ("На своем пятом совещании", 5),
                ("На своем двенадцатом совещании", 12),
            ],
        ),
        (
            "zh",
            "举行的会议上",
            &[("举行的第五次会议上", 5), ("举行的第十二次会议上", 12)],
        ),
        (
            "ar",
            "في اجتماعه المعقود",
            &[
                ("في اجتماعه الخامس المعقود", 5),
                ("في اجتماعه الحادي عشر المعقود", 11),
                ("في اجتماعه الثاني عشر المعقود", 12),
            ],
        ),
    ] {
        let text = other_group_report(code);
        assert!(text.contains(at), "{code}: {at}");
        for (i, (words, ordinal)) in ordinals.iter().enumerate() {
            let report =
                extract_other_group(&format!("ordinal-{code}-{i}"), &text.replacen(at, words, 1));
            assert_eq!(report["meeting"]["ordinal"], *ordinal, "{code}: {words}");
        }
    }
}

fn manifest_of(code: &str) -> Manifest {
    Manifest::load(&sources(code).join("compilation.toml")).expect("the manifest loads")
}

/// Compiles a language's manifest with the real binary into a fresh folder
/// of the calling test's own.
fn compile(code: &str, test: &str) -> PathBuf {
    let out = temp_dir(&format!("languages-{test}-{code}")).join("out");
    let manifest = sources(code).join("compilation.toml");
    let run = recueil(&[
        "compile",
        manifest.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ]);
    assert!(run.status.success(), "{code}: {}", stderr(&run));
    out
}

fn read_json(out: &std::path::Path, code: &str) -> Compilation {
    let path = out.join(format!("CTOC-COP-WG.7-2015-5.{code}.json"));
    recueil::render::json::read(&std::fs::read(path).unwrap()).unwrap()
}

/// Where one recommendation went: chapter key, subheading place, number,
/// and the report and paragraph it came from (a sub-item by the place of its
/// label among the language's).
type Placement = (String, usize, u32, String, (u32, Option<usize>));

/// Where each recommendation of an edition in `lang` went.
fn layout(c: &Compilation, lang: &Language) -> Vec<Placement> {
    let mut out = Vec::new();
    for chapter in &c.chapters {
        for group in &chapter.groups {
            for p in &group.paragraphs {
                let source = p
                    .source
                    .as_ref()
                    .expect("a compiled paragraph has its source");
                let (n, label) = split_paragraph(&source.paragraph.to_string());
                let index = label.map(|l| {
                    lang.items
                        .iter()
                        .position(|i| *i == l)
                        .unwrap_or_else(|| panic!("{}: label {l} of the language", lang.code))
                });
                let letter = lang
                    .letters
                    .iter()
                    .position(|l| *l == group.letter)
                    .unwrap_or_else(|| panic!("{}: letter {}", lang.code, group.letter));
                out.push((
                    chapter.key.to_string(),
                    letter,
                    p.number,
                    source.report.clone(),
                    (n, index),
                ));
            }
        }
    }
    out
}

/// The recommendations placed in another chapter than the French ones,
/// each with the classifier's reason; then the whole layout compared.
fn assert_same_layout(edition: &Compilation, lang: &Language, french: &Compilation) {
    let code = lang.code;
    let chapters = |c: &Compilation,
                    l: &Language|
     -> std::collections::BTreeMap<(String, (u32, Option<usize>)), String> {
        layout(c, l)
            .into_iter()
            .map(|(key, _, _, report, at)| ((report, at), key))
            .collect()
    };
    let reasons: std::collections::HashMap<u32, String> = edition
        .paragraphs()
        .filter_map(|p| Some((p.number, p.classification.as_ref()?.reason.clone())))
        .collect();
    let numbers: std::collections::HashMap<(String, (u32, Option<usize>)), u32> =
        layout(edition, lang)
            .into_iter()
            .map(|(_, _, number, report, at)| ((report, at), number))
            .collect();
    let french_chapters = chapters(french, &FRENCH);
    let differences: Vec<String> = chapters(edition, lang)
        .into_iter()
        .filter(|(source, key)| french_chapters.get(source) != Some(key))
        .map(|(source, key)| {
            let reason = numbers.get(&source).and_then(|n| reasons.get(n));
            format!(
                "{source:?} in {key}, French in {:?}: {reason:?}",
                french_chapters.get(&source)
            )
        })
        .collect();
    assert!(
        differences.is_empty(),
        "{code}:\n{}",
        differences.join("\n")
    );
    assert_eq!(layout(edition, lang), layout(french, &FRENCH), "{code}");
}

#[test]
fn each_edition_has_the_french_layout_and_its_own_subheadings() {
    let french = read_json(&compile("fr", "layout"), "fr");
    for lang in COMPILED.iter().copied().chain([&FRENCH]) {
        let edition = read_json(&compile(lang.code, "layout"), lang.code);
        assert_eq!(edition.language.as_str(), lang.code);
        assert_same_layout(&edition, lang, &french);
        let chapter = &edition.chapters[0];
        let titles: Vec<&str> = chapter.groups.iter().map(|g| g.title.as_str()).collect();
        assert_eq!(titles, lang.subheadings, "{}", lang.code);
        let intro = manifest_of(lang.code).introduction.paragraphs.len();
        assert_eq!(
            edition.introduction.paragraphs.len(),
            intro,
            "{}",
            lang.code
        );
    }
}

#[test]
fn each_edition_reads_back_as_written() {
    for lang in COMPILED {
        let out = compile(lang.code, "read-back");
        let written = read_json(&out, lang.code);
        let rules = manifest_of(lang.code).chapter_rules();
        for ending in ["json", "docx", "pdf"] {
            let path = out.join(format!("CTOC-COP-WG.7-2015-5.{}.{ending}", lang.code));
            let back = recueil::pipeline::read_any_edition(&path, &rules, Default::default())
                .unwrap_or_else(|e| panic!("{}.{ending}: {e}", lang.code));
            let (back_text, written_text) = (content(&back), content(&written));
            let first_difference = back_text
                .lines()
                .zip(written_text.lines())
                .find(|(a, b)| a != b);
            assert_eq!(first_difference, None, "{}.{ending}", lang.code);
            assert_eq!(
                back_text, written_text,
                "{}.{ending}: same length",
                lang.code
            );
            assert_eq!(back.meetings, written.meetings, "{}.{ending}", lang.code);
        }
        // And the Word document is valid Open XML, as the French one is.
        let docx = out.join(format!("CTOC-COP-WG.7-2015-5.{}.docx", lang.code));
        let audit = std::process::Command::new(checking_tool("openxml-audit"))
            .args(["-m", "0", "-o", "json"])
            .arg(&docx)
            .output()
            .expect("openxml-audit runs");
        let verdict: serde_json::Value =
            serde_json::from_slice(&audit.stdout).expect("openxml-audit gives a JSON report");
        assert_eq!(
            verdict[0]["error_count"].as_u64(),
            Some(0),
            "{}.docx: {:#}",
            lang.code,
            verdict[0]["errors"]
        );
    }
}

/// The Chinese edition is set in Chinese faces, its Latin runs in the
/// serif of the house style, subset; its lines break between characters
/// but never before a closing sign or after an opening one; its Word
/// document names the language and the faces Word sets it in.
#[test]
fn chinese_edition_is_typeset_in_its_script() {
    let out = compile("zh", "chinese");
    let pdf = out.join("CTOC-COP-WG.7-2015-5.zh.pdf");
    let size = std::fs::metadata(&pdf).unwrap().len();
    assert!(size <= 300 * 1024, "{size} bytes");
    let text = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (package poppler-utils)");
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("偷运移民问题工作组"), "{text}");
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        assert!(
            !line.starts_with(['。', '，', '、', '；', '：', '）', '」']),
            "{line}"
        );
        assert!(!line.ends_with(['（', '「']), "{line}");
        // No word space between two Chinese characters, however far the
        // justification set them apart.
        let chars: Vec<char> = line.chars().collect();
        for w in chars.windows(3) {
            let chinese = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
            assert!(!(chinese(w[0]) && w[1] == ' ' && chinese(w[2])), "{line}");
        }
    }
    // Each run in the face of its script: Latin letters and figures (the
    // symbol, dates, numbers) in the serif of the house style, Chinese in
    // the Chinese faces. pdftohtml gives each run of one font apart.
    let runs = run_tool(
        std::process::Command::new(checking_tool("pdftohtml"))
            .args(["-xml", "-stdout", "-i", "-q"])
            .arg(&pdf),
    );
    let fonts: std::collections::HashMap<&str, &str> = runs
        .lines()
        .filter_map(|l| l.trim().strip_prefix("<fontspec id=\""))
        .filter_map(|l| {
            let (id, rest) = l.split_once('"')?;
            let family = rest.split("family=\"").nth(1)?.split('"').next()?;
            Some((id, family))
        })
        .collect();
    let (mut latin, mut chinese) = (0, 0);
    for line in runs.lines().filter(|l| l.starts_with("<text ")) {
        let font = line
            .split("font=\"")
            .nth(1)
            .and_then(|f| f.split('"').next());
        let family = font.and_then(|f| fonts.get(f)).copied().unwrap_or("");
        // The words, without the markup round them (`<b>`, `</text>`).
        let mut text = String::new();
        let mut in_tag = false;
        for c in line.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        if text.chars().any(|c| c.is_ascii_alphanumeric()) {
            assert!(family.contains("LiberationSerif"), "{family}: {line}");
            latin += 1;
        }
        if text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
            assert!(
                family.contains("UMing") || family.contains("ZenHei"),
                "{family}: {line}"
            );
            chinese += 1;
        }
    }
    assert!(
        latin > 100 && chinese > 100,
        "{latin} Latin runs, {chinese} Chinese"
    );
    let docx = std::fs::read(out.join("CTOC-COP-WG.7-2015-5.zh.docx")).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut styles = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("word/styles.xml").unwrap(),
        &mut styles,
    )
    .unwrap();
    assert!(styles.contains(r#"w:eastAsia="zh-CN""#), "{styles}");
    assert!(styles.contains(r#"w:eastAsia="SimSun""#), "{styles}");
    // Latin runs in the house style's serif.
    assert!(styles.contains(r#"w:ascii="Times New Roman""#), "{styles}");
    assert!(styles.contains(r#"w:hAnsi="Times New Roman""#), "{styles}");
}

/// LibreOffice opens the Chinese Word document and lays its text out in a
/// Chinese face: every subheading of the edition is in the PDF it prints
/// (spaces aside, which LibreOffice puts between Chinese and digits).
#[test]
fn libreoffice_lays_out_the_chinese_word_document() {
    let out = compile("zh", "libreoffice");
    let docx = out.join("CTOC-COP-WG.7-2015-5.zh.docx");
    let pdf = libreoffice_convert(&docx, "pdf", &out.join("lo"));
    let text = run_tool(
        std::process::Command::new(checking_tool("pdftotext"))
            .args(["-enc", "UTF-8"])
            .arg(&pdf)
            .arg("-"),
    );
    let unspaced = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let text = unspaced(&text);
    let edition = read_json(&out, "zh");
    for chapter in &edition.chapters {
        assert!(
            text.contains(&unspaced(&chapter.title)),
            "{}",
            chapter.title
        );
        for group in &chapter.groups {
            assert!(text.contains(&unspaced(&group.title)), "{}", group.title);
        }
    }
}

/// The Arabic edition is shaped and set right to left in an Arabic face,
/// subset; its text comes back from the PDF in reading order; its Word
/// document lays paragraphs and runs out right to left, names the language
/// and the complex-script face, and keeps Latin symbols in left-to-right
/// runs of their own.
#[test]
fn arabic_edition_is_set_right_to_left() {
    let out = compile("ar", "arabic");
    let pdf = out.join("CTOC-COP-WG.7-2015-5.ar.pdf");
    let size = std::fs::metadata(&pdf).unwrap().len();
    assert!(size <= 300 * 1024, "{size} bytes");
    let text = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (package poppler-utils)");
    // pdftotext marks the embedded left-to-right runs with bidirectional
    // embedding controls, which draw nothing, and sets the spaces next to
    // them on either side: the words are compared, in order.
    let unspaced = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace() && !('\u{202a}'..='\u{202e}').contains(c))
            .collect::<String>()
    };
    let text = String::from_utf8(text.stdout).unwrap();
    // Words whole with their vowel marks, not cut where a mark is set above
    // or below its letter.
    let controls = |c: char| ('\u{202a}'..='\u{202e}').contains(&c);
    let spaced = text.replace(controls, "");
    let spaced = spaced.split_whitespace().collect::<Vec<_>>().join(" ");
    for words in ["الجريمة المنظَّمة عبر الوطنية", "عنصراً دائماً من عناصر"]
    {
        assert!(spaced.contains(words), "{words}\n{spaced}");
    }
    let text = unspaced(&text);
    // Words in reading order, a number and a Latin symbol embedded.
    for phrase in [
        "الفريق العامل المعني بتهريب المهاجرين",
        "التوصيات المتعلقة بالمنع والتوعية",
        "في فيينا من 30 أيار/مايو إلى 1 حزيران/يونيه 2012",
        "CTOC/COP/WG.7/2015/5",
    ] {
        assert!(text.contains(&unspaced(phrase)), "{phrase}\n{text}");
    }
    assert!(text.contains("ألف-"), "{text}");
    assert!(!text.contains(".A"), "{text}");

    let docx = std::fs::read(out.join("CTOC-COP-WG.7-2015-5.ar.docx")).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let part = |archive: &mut zip::ZipArchive<_>, name: &str| {
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut archive.by_name(name).unwrap(), &mut xml).unwrap();
        xml
    };
    let styles = part(&mut archive, "word/styles.xml");
    assert!(styles.contains(r#"w:bidi="ar-SA""#), "{styles}");
    assert!(styles.contains(r#"w:cs="Simplified Arabic""#), "{styles}");
    let document = part(&mut archive, "word/document.xml");
    // The first numbered paragraph of the introduction, right to left.
    let first = document
        .find("عملاً بالقرار")
        .expect("the introduction's first paragraph");
    let paragraph = &document[document[..first].rfind("<w:p ").unwrap()..first];
    assert!(paragraph.contains("<w:bidi/>"), "{paragraph}");
    assert!(paragraph.contains("<w:rtl/>"), "{paragraph}");
    // Numbers, letters and numerals closed by a dash, as Arabic documents
    // print them: `1-`, `ألف-`, `ثانياً-`.
    for label in ["1-", "ألف-", "باء-", "ثانياً-"] {
        let text = format!(">{label}</w:t>");
        assert!(document.contains(&text), "{label}");
    }
    assert!(!document.contains(">1.</w:t>"));
    assert!(!document.contains(">A.</w:t>"));
    // The agenda footnote's symbol: a Latin run, not marked right to left.
    let footnotes = part(&mut archive, "word/footnotes.xml");
    let symbol = footnotes.find("CTOC/COP/WG.7/2015/1").unwrap();
    let run = &footnotes[footnotes[..symbol].rfind("<w:r>").unwrap()..symbol];
    assert!(!run.contains("<w:rtl/>"), "{run}");
}

/// LibreOffice opens the Arabic Word document right to left: the paragraph
/// it reads the introduction's first paragraph into is written from the
/// right, and the document's complex-script language is Arabic.
#[test]
fn libreoffice_lays_out_the_arabic_word_document_right_to_left() {
    let out = compile("ar", "libreoffice");
    let docx = out.join("CTOC-COP-WG.7-2015-5.ar.docx");
    let fodt = libreoffice_convert(&docx, "fodt", &out.join("lo"));
    let odt = std::fs::read_to_string(fodt).unwrap();
    let text = odt.find("عملاً بالقرار").expect("the first paragraph");
    let opening = &odt[odt[..text].rfind("<text:p ").unwrap()..text];
    let style = opening
        .split("text:style-name=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("the paragraph's style");
    let definition = odt
        .find(&format!("<style:style style:name=\"{style}\""))
        .map(|at| &odt[at..at + odt[at..].find("</style:style>").unwrap()])
        .expect("the paragraph style's definition");
    assert!(
        definition.contains(r#"style:writing-mode="rl-tb""#),
        "{definition}"
    );
    assert!(
        odt.contains(r#"style:language-complex="ar""#),
        "no Arabic complex-script language"
    );
}
