//! The manifest: what compilation to produce, from which reports, with which
//! chapters and classification rules. Written by the secretariat in TOML;
//! paths in it are relative to the manifest's own folder.

use crate::diagnostic::{line_col, Diagnostic, SourceText};
use crate::language::HeadingRule;
use crate::model::{ChapterKey, FrontMatter, LanguageTag, ParagraphRef};
use regex::Regex;
use serde::Deserialize;
use std::io::Read;
use std::path::{Path, PathBuf};

/// A manifest is a page or two of TOML; anything this large is not one.
pub const MAX_MANIFEST_BYTES: u64 = 4 * 1024 * 1024;

/// How the reports are read.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reading {
    /// Patterns of the titles of the report chapters that hold
    /// recommendations (`(?i)^findings and recommendations`); without
    /// them, the built-in ones of the report's language.
    #[serde(default)]
    pub recommendation_chapters: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub document: Document,
    pub masthead: Masthead,
    pub introduction: Introduction,
    pub chapters: Vec<ChapterSpec>,
    #[serde(default)]
    pub meetings: Vec<MeetingSpec>,
    #[serde(default)]
    pub reports: Vec<ReportSpec>,
    #[serde(default)]
    pub overrides: Vec<Override>,
    #[serde(default)]
    pub classification: Classification,
    #[serde(default)]
    pub fonts: Option<Fonts>,
    #[serde(default)]
    pub reading: Reading,
    /// The folder the manifest was read from.
    #[serde(skip)]
    pub dir: PathBuf,
    #[serde(skip)]
    pub path: String,
    /// The chapters with their patterns compiled, once, on loading.
    #[serde(skip)]
    rules: Vec<ChapterRules>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Stem of the output files (`CTOC-COP-WG.7-2015-5.fr`).
    pub name: String,
    pub symbol: String,
    pub job_number: String,
    pub language: LanguageTag,
    /// Date as printed on the first page.
    pub date: String,
    /// A prior edition (its text, or the JSON recueil wrote) that this one
    /// continues: its recommendations stay, the reports' are added.
    #[serde(default)]
    pub base_edition: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Masthead {
    pub organization: String,
    pub distribution: String,
    #[serde(default)]
    pub distribution_lines: Vec<String>,
    pub body: Vec<String>,
    pub agenda_item: String,
    pub agenda_title: String,
    pub agenda_footnote: String,
    pub title: String,
    pub subtitle: String,
    /// A note for editors, e.g. which values still need checking.
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Introduction {
    #[serde(default)]
    pub title: Option<String>,
    pub paragraphs: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChapterSpec {
    pub key: ChapterKey,
    pub title: String,
    /// Patterns (regular expressions) on a report's own heading that send
    /// its recommendations to this chapter.
    #[serde(default)]
    pub headings: Vec<String>,
    /// Word stems that speak for this chapter when no heading rule applies.
    #[serde(default)]
    pub keywords: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingSpec {
    /// Symbol of the meeting's report.
    pub report: String,
    pub ordinal: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportSpec {
    pub path: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    /// Symbol of the report.
    pub report: String,
    /// Paragraph reference as extraction gives it (`12`, `3 b)`).
    pub paragraph: ParagraphRef,
    /// The recommendation's opening words, as the paragraph must read.
    #[serde(default)]
    pub text: Option<String>,
    /// Or the short hash of its text that the review list shows.
    #[serde(default)]
    pub hash: Option<String>,
    pub chapter: ChapterKey,
    #[serde(default)]
    pub reason: Option<String>,
    /// Where the entry starts in the manifest, for errors.
    #[serde(skip)]
    pub line: usize,
    #[serde(skip)]
    pub column: usize,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Classification {
    /// Decisions less sure than this are listed for a person to confirm.
    #[serde(default = "default_doubt")]
    pub doubt_below: f64,
    /// Earlier editions (compilations) the model learns from.
    #[serde(default)]
    pub editions: Vec<String>,
}

impl Default for Classification {
    fn default() -> Self {
        Classification {
            doubt_below: default_doubt(),
            editions: Vec::new(),
        }
    }
}

fn default_doubt() -> f64 {
    0.75
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fonts {
    pub regular: String,
    pub bold: String,
    /// Faces for Latin letters, figures and signs, when `regular` and
    /// `bold` are not Latin faces (Chinese ones): each run of Latin text is
    /// set in these.
    #[serde(default)]
    pub latin: Option<LatinFonts>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LatinFonts {
    pub regular: String,
    pub bold: String,
}

/// A chapter with its rules compiled.
#[derive(Debug, Clone)]
pub struct ChapterRules {
    pub key: ChapterKey,
    pub title: String,
    pub headings: Vec<HeadingRule>,
    pub keywords: Vec<String>,
}

/// A name that builds an output path (`<name>.docx`): one component, no
/// folder, nothing that leads out of the output folder.
pub fn is_plain_file_name(name: &str) -> bool {
    // A leading point also rules out `.` and `..`; a colon after one
    // letter is a Windows drive.
    !(name.is_empty()
        || name.contains(['/', '\\', '\0'])
        || name.starts_with('.')
        || name.len() >= 2 && name.as_bytes()[1] == b':')
}

impl Manifest {
    pub fn load(path: &Path) -> Result<Manifest, Diagnostic> {
        let name = path.display().to_string();
        let mut text = String::new();
        std::fs::File::open(path)
            .and_then(|f| {
                std::io::Read::read_to_string(&mut f.take(MAX_MANIFEST_BYTES + 1), &mut text)
            })
            .map_err(|e| {
                Diagnostic::error(&name, 0, 0, format!("cannot read the manifest: {e}"))
            })?;
        if text.len() as u64 > MAX_MANIFEST_BYTES {
            return Err(Diagnostic::error(
                &name,
                0,
                0,
                format!("the manifest has more than {MAX_MANIFEST_BYTES} bytes: not a manifest"),
            ));
        }
        let held = SourceText::new(text.as_str());
        let mut manifest: Manifest = toml::from_str(&text).map_err(|e| match e.span() {
            Some(span) => Diagnostic::error_at(&name, &held, span, e.message()),
            None => Diagnostic::error(&name, 1, 1, e.message()).in_source(&name, &held),
        })?;
        manifest.dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        locate_overrides(&mut manifest.overrides, &text);
        manifest.path = name;
        manifest.rules = manifest
            .validate(&held)
            .map_err(|d| d.in_source(&manifest.path, &held))?;
        Ok(manifest)
    }

    /// Checks what TOML cannot, and compiles the chapters' patterns. An
    /// error points at the first place the value it is about is written.
    fn validate(&self, held: &SourceText) -> Result<Vec<ChapterRules>, Diagnostic> {
        let text = held.as_str();
        let error = |needle: &str, message: String| match text.find(needle) {
            Some(offset) => {
                Diagnostic::error_at(&self.path, held, offset..offset + needle.len(), message)
            }
            None => Diagnostic::error(&self.path, 1, 1, message),
        };
        if crate::language::get(self.document.language.as_str()).is_none() {
            return Err(error(
                "language",
                format!(
                    "unknown language `{}`; known: {}",
                    self.document.language,
                    crate::language::codes().join(", ")
                ),
            ));
        }
        if !is_plain_file_name(&self.document.name) {
            return Err(error(
                "name",
                format!(
                    "document.name `{}` is not a plain file name: the outputs would be written outside the folder asked for",
                    self.document.name
                ),
            )
            .with_hint("give a name without folders, such as `CTOC-COP-WG.7-2015-5.fr`; choose the folder with --out"));
        }
        if self.chapters.is_empty() {
            return Err(error("[document]", "the manifest lists no chapters".into()));
        }
        let keys: Vec<&str> = self.chapters.iter().map(|c| c.key.as_str()).collect();
        for (i, key) in keys.iter().enumerate() {
            if keys[..i].contains(key) {
                // Pointed at the second use, where the key is repeated.
                let message = format!("chapter key `{key}` is used twice");
                let second = Regex::new(&format!(
                    r#"(?m)^[ \t]*(key[ \t]*=[ \t]*["']{}["'])"#,
                    regex::escape(key)
                ))
                .ok()
                .and_then(|re| re.captures_iter(text).nth(1))
                .and_then(|c| c.get(1));
                return Err(match second {
                    Some(m) => Diagnostic::error_at(&self.path, held, m.range(), message),
                    None => error(&format!("\"{key}\""), message),
                });
            }
        }
        for o in &self.overrides {
            if o.text.is_none() && o.hash.is_none() {
                return Err(Diagnostic::error(
                    &self.path,
                    o.line,
                    o.column,
                    format!(
                        "the override for {} paragraph {} does not say which text it confirms",
                        o.report, o.paragraph
                    ),
                )
                .with_hint("add `text = \"…\"` (the recommendation's opening words) or `hash = \"…\"` (as the review list shows it)"));
            }
            if !keys.contains(&o.chapter.as_str()) {
                return Err(error(
                    &format!("\"{}\"", o.chapter),
                    format!(
                        "override names unknown chapter key `{}`; chapters: {}",
                        o.chapter,
                        keys.join(", ")
                    ),
                ));
            }
        }
        for pattern in &self.reading.recommendation_chapters {
            if let Err(e) = Regex::new(pattern) {
                return Err(error(
                    pattern,
                    format!("bad pattern of recommendation chapters: {e}"),
                ));
            }
        }
        let mut rules = Vec::with_capacity(self.chapters.len());
        for c in &self.chapters {
            let mut headings = Vec::with_capacity(c.headings.len());
            for pattern in &c.headings {
                headings.push(HeadingRule::new(pattern).map_err(|e| {
                    error(pattern, format!("bad heading pattern for `{}`: {e}", c.key))
                })?);
            }
            rules.push(ChapterRules {
                key: c.key.clone(),
                title: c.title.clone(),
                headings,
                keywords: c.keywords.iter().map(|k| k.to_lowercase()).collect(),
            });
        }
        if let Some(base) = &self.document.base_edition {
            if !self.resolve(base).is_file() {
                return Err(error(
                    base,
                    format!("base edition not found: {}", self.resolve(base).display()),
                ));
            }
        }
        for r in &self.reports {
            let path = self.resolve(&r.path);
            if !path.is_file() {
                return Err(error(
                    &r.path,
                    format!("report not found: {}", path.display()),
                ));
            }
        }
        Ok(rules)
    }

    /// A path of the manifest, taken from the manifest's folder.
    pub fn resolve(&self, path: &str) -> PathBuf {
        self.dir.join(path)
    }

    /// The manifest's patterns of recommendation chapters (checked when
    /// the manifest was loaded); empty for the built-in ones.
    pub fn recommendation_chapters(&self) -> Vec<Regex> {
        self.reading
            .recommendation_chapters
            .iter()
            .filter_map(|p| Regex::new(p).ok())
            .collect()
    }

    pub fn chapter_rules(&self) -> Vec<ChapterRules> {
        self.rules.clone()
    }

    pub(crate) fn front_matter(&self) -> FrontMatter {
        let m = &self.masthead;
        let lang = crate::language::get(self.document.language.as_str());
        FrontMatter {
            organization: m.organization.clone(),
            symbol: self.document.symbol.clone(),
            distribution: m.distribution.clone(),
            date: self.document.date.clone(),
            distribution_lines: m.distribution_lines.clone(),
            job_number: self.document.job_number.clone(),
            job_language: lang.map(|l| l.job_letter.clone()).unwrap_or_default(),
            body: m.body.clone(),
            agenda_item: m.agenda_item.clone(),
            agenda_title: m.agenda_title.clone(),
            agenda_footnote: m.agenda_footnote.clone(),
            title: m.title.clone(),
            subtitle: m.subtitle.clone(),
        }
    }
}

/// The chapters and rules a manifest gives, or for extraction without a
/// manifest the built-in ones of the language's table.
pub fn chapter_rules(
    manifest: Option<&Manifest>,
    language: &crate::language::Language,
) -> Vec<ChapterRules> {
    match manifest {
        Some(m) => m.chapter_rules(),
        None => default_chapters(language),
    }
}

/// As [`chapter_rules`], borrowed: the manifest's own, or the language's
/// built once for the whole run. A pattern keeps what it learnt of the
/// text it searched (its caches) only as long as it is not copied, and a
/// batch classifies thousands of reports with the same rules.
pub fn shared_chapter_rules<'a>(
    manifest: Option<&'a Manifest>,
    language: &'static crate::language::Language,
) -> &'a [ChapterRules] {
    static BUILT_IN: std::sync::Mutex<Vec<(&str, &[ChapterRules])>> =
        std::sync::Mutex::new(Vec::new());
    if let Some(m) = manifest {
        return &m.rules;
    }
    let code = language.code.as_str();
    let mut built = BUILT_IN.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, rules)) = built.iter().find(|(c, _)| *c == code) {
        return rules;
    }
    // One table per language recueil knows, kept for the rest of the run.
    let rules: &'static [ChapterRules] = Vec::leak(default_chapters(language));
    built.push((code, rules));
    rules
}

/// Built-in chapters and rules of a language's table.
pub fn default_chapters(language: &crate::language::Language) -> Vec<ChapterRules> {
    language
        .chapters()
        .iter()
        .map(|c| ChapterRules {
            key: ChapterKey::new(c.key.as_str()),
            title: c.title.clone(),
            headings: c.headings.clone(),
            keywords: c.keywords.iter().map(|k| k.to_lowercase()).collect(),
        })
        .collect()
}

/// Points each override at its `[[overrides]]` header (the n-th header is
/// the n-th entry); an array written inline keeps the first line.
fn locate_overrides(overrides: &mut [Override], text: &str) {
    // Headers `[[overrides]]`, spaces and tabs allowed round the word, at
    // the start of a line after any indent: where each begins.
    let blank = [' ', '\t'];
    let mut headers = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let header = line.trim_start_matches(blank);
        let is_header = header
            .strip_prefix("[[")
            .and_then(|h| h.trim_start_matches(blank).strip_prefix("overrides"))
            .is_some_and(|h| h.trim_start_matches(blank).starts_with("]]"));
        if is_header {
            headers.push(start + line.len() - header.len());
        }
        start += line.len();
    }
    for (i, o) in overrides.iter_mut().enumerate() {
        (o.line, o.column) = headers
            .get(i)
            .map_or((1, 1), |&at| line_col(text.as_bytes(), at));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_are_located_at_their_headers() {
        let text = "[document]\r\nx = \"[[overrides]]\"\r\n  [[overrides]]\r\nreport = \"A\"\n\t[[ overrides\t]] # second\n[[override]]\n[[overrides]]\n";
        let one = Override {
            report: String::new(),
            paragraph: ParagraphRef::number(1),
            text: None,
            hash: None,
            chapter: ChapterKey::new("other"),
            reason: None,
            line: 0,
            column: 0,
        };
        let mut overrides = vec![one.clone(), one.clone(), one.clone(), one];
        locate_overrides(&mut overrides, text);
        let places: Vec<(usize, usize)> = overrides.iter().map(|o| (o.line, o.column)).collect();
        assert_eq!(places, [(3, 3), (5, 2), (7, 1), (1, 1)]);
    }
}
