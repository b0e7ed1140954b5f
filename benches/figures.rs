//! The figures of the speed goals, measured side by side in one run with
//! the release binary, as a person would run it:
//! - `compile` of `sources/wg-som` (JSON, DOCX and PDF) against pandoc
//!   writing the DOCX alone and typst writing the PDF alone, from the same
//!   content; and the peak memory of `compile`;
//! - `extract` of a 2 MB report, in MB/s;
//! - `batch` over a folder of reports, in reports per second;
//! - growth at 1x, 10x and 100x the input for each, and for the long run of
//!   lettered items that once took quadratic time.
//!
//! Commands run in turn, round after round, so that a busy machine slows
//! all of them alike; each figure is the median of the rounds. `make bench`
//! runs it; BENCH_ROUNDS and BENCH_BATCH_REPORTS change how many rounds and
//! how many reports the batch has.

mod common;

use common::corpus;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

const RECUEIL: &str = env!("CARGO_BIN_EXE_recueil");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn main() {
    // `cargo bench` passes `--bench`; a filter that names another bench
    // target's benchmarks is not for this one.
    if std::env::args().skip(1).any(|a| !a.starts_with('-')) {
        return;
    }
    let rounds = setting("BENCH_ROUNDS", 15);
    let batch_reports = setting("BENCH_BATCH_REPORTS", 2000);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("figures");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    println!("recueil: {RECUEIL}");
    println!("medians of {rounds} rounds, commands taken in turn in each round\n");
    let mut goals = Vec::new();
    compile_against_others(&dir, rounds, &mut goals);
    extraction(&dir, rounds, &mut goals);
    batch(&dir, rounds.min(5), batch_reports, &mut goals);
    lettered_items(&dir, rounds.min(5));
    println!("\n{:<46} {:>22} {:>18}", "goal", "measured", "");
    for (goal, measured, met) in goals {
        let verdict = if met { "met" } else { "NOT MET" };
        println!("{goal:<46} {measured:>22} {verdict:>18}");
    }
}

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A command line to time: what it runs, and what it is called in tables.
struct Job {
    name: String,
    command: Vec<String>,
}

impl Job {
    fn new(name: &str, command: &[&str]) -> Job {
        Job {
            name: name.to_string(),
            command: command.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn run(&self) -> f64 {
        let start = Instant::now();
        let status = Command::new(&self.command[0])
            .args(&self.command[1..])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap_or_else(|e| panic!("{}: {e}", self.command[0]));
        let elapsed = start.elapsed().as_secs_f64();
        assert!(
            status.success(),
            "{} failed: {status}",
            self.command.join(" ")
        );
        elapsed
    }

    /// Peak resident memory in KB, as GNU time reports it.
    fn peak_kb(&self, dir: &Path) -> Option<u64> {
        let report = dir.join("time.txt");
        let status = Command::new("/usr/bin/time")
            .args(["-f", "%M", "-o"])
            .arg(&report)
            .args(&self.command)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .ok()?;
        if !status.success() {
            return None;
        }
        std::fs::read_to_string(report).ok()?.trim().parse().ok()
    }
}

/// Median seconds of each job, run in turn `rounds` times after one run
/// each to warm the caches.
fn side_by_side(jobs: &[Job], rounds: usize) -> Vec<f64> {
    let mut times = vec![Vec::new(); jobs.len()];
    for job in jobs {
        job.run();
    }
    for _ in 0..rounds {
        for (job, t) in jobs.iter().zip(&mut times) {
            t.push(job.run());
        }
    }
    times.into_iter().map(median).collect()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn available(program: &str, probe: &[&str]) -> bool {
    Command::new(program)
        .args(probe)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn path(p: &Path) -> &str {
    p.to_str().expect("scratch paths are UTF-8")
}

fn ms(seconds: f64) -> String {
    format!("{:.1} ms", seconds * 1000.0)
}

fn compile_against_others(dir: &Path, rounds: usize, goals: &mut Vec<(String, String, bool)>) {
    println!(
        "== compile sources/wg-som (JSON + DOCX + PDF), and the same content by pandoc and typst"
    );
    let manifest = format!("{ROOT}/sources/wg-som/compilation.toml");
    let out = dir.join("compile");
    let recueil = Job::new(
        "recueil compile (JSON + DOCX + PDF)",
        &[
            RECUEIL,
            "compile",
            &manifest,
            "--out",
            path(&out),
            "--quiet",
        ],
    );
    recueil.run();
    let json = std::fs::read(out.join("CTOC-COP-WG.7-2015-5.fr.json")).expect("compile wrote JSON");
    let compilation = recueil::render::json::read(&json).expect("the JSON reads back");
    let markdown = dir.join("compilation.md");
    let typst_source = dir.join("compilation.typ");
    std::fs::write(&markdown, same_content::markdown(&compilation)).unwrap();
    std::fs::write(&typst_source, same_content::typst(&compilation)).unwrap();
    let mut jobs = vec![recueil];
    if available("pandoc", &["--version"]) {
        jobs.push(Job::new(
            "pandoc (DOCX alone)",
            &[
                "pandoc",
                path(&markdown),
                "-o",
                path(&dir.join("pandoc.docx")),
            ],
        ));
    } else {
        println!("pandoc is not installed: tools/setup-system.sh bench installs it");
    }
    if available("python3", &["-c", "import typst"]) {
        jobs.push(Job::new(
            "typst (PDF alone, from Python)",
            &[
                "python3",
                "-c",
                "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2])",
                path(&typst_source),
                path(&dir.join("typst.pdf")),
            ],
        ));
    } else {
        println!("typst is not installed: tools/setup-system.sh bench installs it");
    }
    let times = side_by_side(&jobs, rounds);
    for (job, t) in jobs.iter().zip(&times) {
        println!("{:<46} {:>12}", job.name, ms(*t));
    }
    let peak = jobs[0].peak_kb(dir);
    if let Some(kb) = peak {
        println!(
            "{:<46} {:>9.1} MB",
            "recueil compile, peak memory",
            kb as f64 / 1024.0
        );
        goals.push((
            "compile peak memory <= 20 MB".into(),
            format!("{:.1} MB", kb as f64 / 1024.0),
            kb <= 20 * 1024,
        ));
    }
    if let Some(pandoc) = jobs.iter().position(|j| j.name.starts_with("pandoc")) {
        let ratio = times[0] / times[pandoc];
        println!("{:<46} {:>12.3}", "recueil compile / pandoc DOCX", ratio);
        goals.push((
            "compile <= 0.15 x pandoc's DOCX".into(),
            format!("{ratio:.3} x ({})", ms(times[0])),
            ratio <= 0.15,
        ));
    }
    if let Some(typst) = jobs.iter().position(|j| j.name.starts_with("typst")) {
        println!(
            "{:<46} {:>12.3}",
            "recueil compile / typst PDF",
            times[0] / times[typst]
        );
    }
    println!("growth (the 2012 report's recommendations 1, 10, 100 times over):");
    let mut growth = Vec::new();
    for copies in [1, 10, 100] {
        let manifest = corpus::write_manifest(&dir.join("growth"), copies).unwrap();
        growth.push(Job::new(
            &format!("  compile x{copies}"),
            &[
                RECUEIL,
                "compile",
                path(&manifest),
                "--out",
                path(&dir.join("growth/out")),
                "--quiet",
            ],
        ));
    }
    print_growth(&growth, &side_by_side(&growth, rounds.min(5)), None);
}

fn extraction(dir: &Path, rounds: usize, goals: &mut Vec<(String, String, bool)>) {
    println!("\n== extract (read, parse, extract, classify, JSON on stdout)");
    let mut jobs = Vec::new();
    let mut sizes = Vec::new();
    for copies in [1, 10, 100] {
        let report = dir.join(format!("report-x{copies}.txt"));
        let text = corpus::big_report(copies);
        sizes.push(text.len());
        std::fs::write(&report, text).unwrap();
        jobs.push(Job::new(
            &format!("  extract x{copies}"),
            &[RECUEIL, "extract", "--quiet", path(&report)],
        ));
    }
    let times = side_by_side(&jobs, rounds);
    print_growth(&jobs, &times, Some(&sizes));
    let rate = sizes[2] as f64 / 1e6 / times[2];
    goals.push((
        format!(
            "extraction >= 100 MB/s ({:.1} MB report)",
            sizes[2] as f64 / 1e6
        ),
        format!("{rate:.0} MB/s ({})", ms(times[2])),
        rate >= 100.0,
    ));
}

fn batch(dir: &Path, rounds: usize, reports: usize, goals: &mut Vec<(String, String, bool)>) {
    println!("\n== batch (the two source reports in turn, ten to a folder; one JSON each)");
    let mut jobs = Vec::new();
    let counts = [reports / 100, reports / 10, reports];
    for &n in &counts {
        let corpus_dir = dir.join(format!("batch-{n}"));
        corpus::write_batch_corpus(&corpus_dir, n).unwrap();
        jobs.push(Job::new(
            &format!("  batch of {n} reports"),
            &[
                RECUEIL,
                "batch",
                "--quiet",
                path(&corpus_dir),
                "--out",
                path(&dir.join(format!("batch-{n}.out"))),
            ],
        ));
    }
    let times = side_by_side(&jobs, rounds);
    for ((job, t), n) in jobs.iter().zip(&times).zip(counts) {
        println!(
            "{:<46} {:>12} {:>10.0} reports/s",
            job.name,
            ms(*t),
            n as f64 / t
        );
    }
    let rate = reports as f64 / times[2];
    goals.push((
        format!("batch >= 1,500 reports/s ({reports} reports)"),
        format!("{rate:.0} reports/s"),
        rate >= 1500.0,
    ));
}

fn lettered_items(dir: &Path, rounds: usize) {
    println!("\n== extract: one paragraph, then lettered items a) to z) over and over");
    let mut jobs = Vec::new();
    let mut sizes = Vec::new();
    for items in [2_000, 20_000, 200_000] {
        let report = dir.join(format!("items-{items}.txt"));
        let text = corpus::lettered_items(items);
        sizes.push(text.len());
        std::fs::write(&report, text).unwrap();
        jobs.push(Job::new(
            &format!("  {items} items"),
            &[RECUEIL, "extract", "--quiet", path(&report)],
        ));
    }
    print_growth(&jobs, &side_by_side(&jobs, rounds), Some(&sizes));
}

/// Times at 1x, 10x, 100x, each with its ratio to the one before (linear
/// growth gives at most 10).
fn print_growth(jobs: &[Job], times: &[f64], sizes: Option<&[usize]>) {
    for (i, (job, t)) in jobs.iter().zip(times).enumerate() {
        let step = match i {
            0 => String::new(),
            _ => format!("x{:.1} on the step before", t / times[i - 1]),
        };
        let rate = sizes.map_or(String::new(), |s| {
            format!("{:.1} MB/s", s[i] as f64 / 1e6 / t)
        });
        println!("{:<46} {:>12} {:>12} {step}", job.name, ms(*t), rate);
    }
}

/// The compilation's text as pandoc and typst take it: the same headings,
/// paragraphs and sub-items, in each one's plain markup.
mod same_content {
    use recueil::model::{Compilation, Item, NumberedParagraph};

    pub fn markdown(c: &Compilation) -> String {
        let escape = |s: &str| {
            let mut out = String::with_capacity(s.len());
            for ch in s.chars() {
                if "\\`*_[]#<>$".contains(ch) {
                    out.push('\\');
                }
                out.push(ch);
            }
            out
        };
        let mut out = format!(
            "---\ntitle: \"{}\"\nlang: {}\n---\n\n",
            c.front.title, c.language
        );
        let paragraph = |out: &mut String, p: &NumberedParagraph| {
            out.push_str(&format!("{}\\. {}\n\n", p.number, escape(&p.text)));
            items(&p.items, 0, &mut |depth, item| {
                out.push_str(&format!(
                    "{}{} {}\n\n",
                    "    ".repeat(depth),
                    escape(&item.label),
                    escape(&item.text)
                ))
            });
        };
        out.push_str(&format!(
            "# {}. {}\n\n",
            c.introduction.numeral,
            escape(&c.introduction.title)
        ));
        for p in &c.introduction.paragraphs {
            paragraph(&mut out, p);
        }
        for chapter in &c.chapters {
            out.push_str(&format!(
                "# {}. {}\n\n",
                chapter.numeral,
                escape(&chapter.title)
            ));
            for group in &chapter.groups {
                out.push_str(&format!(
                    "## {}. {}\n\n",
                    group.letter,
                    escape(&group.title)
                ));
                for p in &group.paragraphs {
                    paragraph(&mut out, p);
                }
            }
        }
        out
    }

    pub fn typst(c: &Compilation) -> String {
        let quote = |s: &str| format!("{s:?}");
        let mut out = format!(
            "#set page(paper: \"a4\")\n#set text(font: \"Liberation Serif\", size: 10pt, lang: {})\n#set par(justify: true)\n\n#align(center)[#text(size: 14pt, weight: \"bold\")[#{}]]\n\n",
            quote(&c.language),
            quote(&c.front.title)
        );
        let paragraph = |out: &mut String, p: &NumberedParagraph| {
            out.push_str(&format!(
                "#par[#{}]\n\n",
                quote(&format!("{}.\u{a0}{}", p.number, p.text))
            ));
            items(&p.items, 0, &mut |depth, item| {
                out.push_str(&format!(
                    "#pad(left: {}em)[#{}]\n\n",
                    2 * (depth + 1),
                    quote(&format!("{} {}", item.label, item.text))
                ))
            });
        };
        let heading = |out: &mut String, level: usize, text: String| {
            out.push_str(&format!("#heading(level: {level})[#{}]\n\n", quote(&text)));
        };
        heading(
            &mut out,
            1,
            format!("{}. {}", c.introduction.numeral, c.introduction.title),
        );
        for p in &c.introduction.paragraphs {
            paragraph(&mut out, p);
        }
        for chapter in &c.chapters {
            heading(
                &mut out,
                1,
                format!("{}. {}", chapter.numeral, chapter.title),
            );
            for group in &chapter.groups {
                heading(&mut out, 2, format!("{}. {}", group.letter, group.title));
                for p in &group.paragraphs {
                    paragraph(&mut out, p);
                }
            }
        }
        out
    }

    fn items(list: &[Item], depth: usize, f: &mut impl FnMut(usize, &Item)) {
        for item in list {
            f(depth, item);
            items(&item.items, depth + 1, f);
        }
    }
}
