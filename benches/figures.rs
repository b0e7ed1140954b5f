//! The figures of the speed goals, measured side by side in one run with
//! the release binary, as a person would run it:
//! - `compile` of `sources/wg-som` (JSON, DOCX and PDF) against pandoc
//!   writing the DOCX alone and typst writing the PDF alone, from the same
//!   content; and the peak memory of `compile`;
//! - `extract` of a 2 MB report, in MB/s;
//! - `batch` over a folder of reports, in reports per second;
//! - growth at 1x, 10x and 100x the input for each, and for the long run of
//!   lettered items and the page of headings alone that once took
//!   quadratic time.
//!
//! Commands run in turn, round after round, so that a busy machine slows
//! all of them alike; each figure is the median of the rounds. `make bench`
//! runs it; BENCH_ROUNDS and BENCH_BATCH_REPORTS change how many rounds and
//! how many reports the batch has, and BENCH_FIGURES which parts are
//! measured (`compile,extract,batch,items`, all by default).

mod common;

use common::corpus;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

const RECUEIL: &str = env!("CARGO_BIN_EXE_recueil");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn main() {
    // Only `cargo bench` (which passes `--bench`) runs the figures: they
    // take minutes. A filter naming other benchmarks is not for this one.
    if !common::benchmarking() || std::env::args().skip(1).any(|a| !a.starts_with('-')) {
        println!("figures: run by `cargo bench --bench figures` (make bench)");
        return;
    }
    let rounds = setting("BENCH_ROUNDS", 15);
    let batch_reports = setting("BENCH_BATCH_REPORTS", 2000);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("figures");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    println!("recueil: {RECUEIL}");
    println!("medians of {rounds} rounds, commands taken in turn in each round\n");
    let mut goals: Vec<Goal> = Vec::new();
    if wanted("compile") {
        compile_against_others(&dir, rounds, &mut goals);
    }
    if wanted("extract") {
        extraction(&dir, rounds, &mut goals);
    }
    if wanted("batch") {
        batch(&dir, rounds.min(5), batch_reports, &mut goals);
    }
    if wanted("items") {
        lettered_items(&dir, rounds.min(5));
    }
    println!(
        "\n{:<50} {:>26} {:>8}",
        "goal (wall as run here; CPU: the child's own time)", "measured", ""
    );
    for g in goals {
        let verdict = if g.met { "met" } else { "NOT MET" };
        println!("{:<50} {:>26} {verdict:>8}", g.goal, g.measured);
    }
    println!("load average over the last minute: {}", load());
}

/// A goal of the issue, what was measured, and whether the wall time meets it.
struct Goal {
    goal: String,
    measured: String,
    met: bool,
}

/// The machine's load average over the last minute: other work slows wall
/// times, much less the CPU time a command takes.
fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "unknown".into())
}

/// Whether a part of the figures is to be measured: all of them, unless
/// BENCH_FIGURES names some (`extract,batch`; the others are `compile` and
/// `items`), for measuring one part again while working on it.
fn wanted(part: &str) -> bool {
    std::env::var("BENCH_FIGURES").map_or(true, |parts| parts.split(',').any(|p| p.trim() == part))
}

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A command line to time: what it runs, and what it is called in tables.
/// `{run}` in an argument is replaced by the run's number: a fresh output
/// folder each time, as a first run writes.
struct Job {
    name: String,
    command: Vec<String>,
    runs: std::cell::Cell<usize>,
}

impl Job {
    fn new(name: &str, command: &[&str]) -> Job {
        Job {
            name: name.to_string(),
            command: command.iter().map(|s| s.to_string()).collect(),
            runs: std::cell::Cell::new(0),
        }
    }

    /// Runs the command once: wall time and CPU time (user and system) in
    /// seconds, and peak resident memory in KB, from the kernel's account
    /// of the child.
    // The child is reaped by wait4, which also reports what it used.
    #[allow(clippy::zombie_processes)]
    fn run(&self) -> Measure {
        let run = self.runs.get();
        self.runs.set(run + 1);
        let args = self.command[1..]
            .iter()
            .map(|a| a.replace("{run}", &run.to_string()));
        let start = Instant::now();
        let child = Command::new(&self.command[0])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{}: {e}", self.command[0]));
        let mut status = 0;
        // SAFETY: an all-zero rusage is a valid value, and wait4 only writes
        // into the two locals it is given, for a child of this process.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
        let wall = start.elapsed().as_secs_f64();
        assert!(pid > 0, "wait4 failed for {}", self.command[0]);
        assert!(
            libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
            "{} failed: {status}",
            self.command.join(" ")
        );
        let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
        Measure {
            wall,
            cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime),
            peak_kb: usage.ru_maxrss as u64,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Measure {
    wall: f64,
    cpu: f64,
    peak_kb: u64,
}

/// Medians of each job, run in turn `rounds` times after one run each to
/// warm the caches: wall time, CPU time and peak memory.
fn side_by_side(jobs: &[Job], rounds: usize) -> Vec<Measure> {
    let mut runs = vec![Vec::new(); jobs.len()];
    for job in jobs {
        job.run();
    }
    for _ in 0..rounds {
        for (job, r) in jobs.iter().zip(&mut runs) {
            r.push(job.run());
        }
    }
    runs.into_iter()
        .map(|r: Vec<Measure>| Measure {
            wall: median(r.iter().map(|m| m.wall).collect()),
            cpu: median(r.iter().map(|m| m.cpu).collect()),
            peak_kb: median(r.iter().map(|m| m.peak_kb as f64).collect()) as u64,
        })
        .collect()
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

fn compile_against_others(dir: &Path, rounds: usize, goals: &mut Vec<Goal>) {
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
    let measures = side_by_side(&jobs, rounds);
    println!("{:<46} {:>12} {:>12} {:>10}", "", "wall", "CPU", "peak");
    for (job, m) in jobs.iter().zip(&measures) {
        println!(
            "{:<46} {:>12} {:>12} {:>7.1} MB",
            job.name,
            ms(m.wall),
            ms(m.cpu),
            m.peak_kb as f64 / 1024.0
        );
    }
    let peak = measures[0].peak_kb as f64 / 1024.0;
    goals.push(Goal {
        goal: "compile peak memory <= 20 MB".into(),
        measured: format!("{peak:.1} MB"),
        met: peak <= 20.0,
    });
    if let Some(pandoc) = jobs.iter().position(|j| j.name.starts_with("pandoc")) {
        let (wall, cpu) = (
            measures[0].wall / measures[pandoc].wall,
            measures[0].cpu / measures[pandoc].cpu,
        );
        println!(
            "{:<46} {:>12.3} {:>12.3}",
            "recueil compile / pandoc DOCX", wall, cpu
        );
        goals.push(Goal {
            goal: "compile <= 0.15 x pandoc's DOCX (wall; CPU)".into(),
            measured: format!("{wall:.3} x; {cpu:.3} x"),
            met: wall <= 0.15,
        });
    }
    if let Some(typst) = jobs.iter().position(|j| j.name.starts_with("typst")) {
        println!(
            "{:<46} {:>12.3} {:>12.3}",
            "recueil compile / typst PDF",
            measures[0].wall / measures[typst].wall,
            measures[0].cpu / measures[typst].cpu
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
    let measures = side_by_side(&growth, rounds.min(5));
    print_growth(&growth, &measures, None);
    growth_goal(goals, "compile", &measures, &[1.0, 10.0, 100.0]);
}

fn extraction(dir: &Path, rounds: usize, goals: &mut Vec<Goal>) {
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
    let measures = side_by_side(&jobs, rounds);
    print_growth(&jobs, &measures, Some(&sizes));
    let inputs: Vec<f64> = sizes.iter().map(|&s| s as f64).collect();
    growth_goal(goals, "extract", &measures, &inputs);
    let mb = sizes[2] as f64 / 1e6;
    let (wall, cpu) = (mb / measures[2].wall, mb / measures[2].cpu);
    goals.push(Goal {
        goal: format!("extraction >= 100 MB/s ({mb:.1} MB; wall; CPU)"),
        measured: format!("{wall:.0} MB/s; {cpu:.0} MB/s"),
        met: wall >= 100.0,
    });
}

fn batch(dir: &Path, rounds: usize, reports: usize, goals: &mut Vec<Goal>) {
    println!(
        "\n== batch (the two source reports in turn, ten to a folder; one JSON each, into a new folder)"
    );
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
                // Each run writes a new folder, as batch-processing a
                // corpus does; run again over its own folder, recueil
                // leaves the unchanged files alone and writes nothing.
                path(&dir.join(format!("batch-{n}.out/{{run}}"))),
            ],
        ));
    }
    let measures = side_by_side(&jobs, rounds);
    // The folders written are removed once measured, not before the next
    // `make bench`: ext4 gives new files inodes away from those freed in
    // the last minutes, and scanning past them costs more than writing.
    for &n in &counts {
        std::fs::remove_dir_all(dir.join(format!("batch-{n}.out"))).unwrap();
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get()) as f64;
    println!(
        "{:<46} {:>12} {:>12} {:>12} {:>14}",
        "",
        "wall",
        "CPU",
        "reports/s",
        format!("{cores} x per CPU s")
    );
    for ((job, m), n) in jobs.iter().zip(&measures).zip(counts) {
        println!(
            "{:<46} {:>12} {:>12} {:>12.0} {:>14.0}",
            job.name,
            ms(m.wall),
            ms(m.cpu),
            n as f64 / m.wall,
            n as f64 / m.cpu * cores
        );
    }
    let (wall, cpu) = (
        reports as f64 / measures[2].wall,
        reports as f64 / measures[2].cpu * cores,
    );
    goals.push(Goal {
        goal: format!("batch >= 1,500 reports/s ({reports}; wall; CPU)"),
        measured: format!("{wall:.0}/s; {cpu:.0}/s"),
        met: wall >= 1500.0,
    });
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
    println!("\n== extract: one paragraph, then heading letters alone, each a warning");
    let mut jobs = Vec::new();
    let mut sizes = Vec::new();
    for lines in [2_000, 20_000, 200_000] {
        let report = dir.join(format!("alone-{lines}.txt"));
        let text = corpus::labels_alone(lines);
        sizes.push(text.len());
        std::fs::write(&report, text).unwrap();
        jobs.push(Job::new(
            &format!("  {lines} headings alone"),
            &[RECUEIL, "extract", "--quiet", path(&report)],
        ));
    }
    print_growth(&jobs, &side_by_side(&jobs, rounds), Some(&sizes));
}

/// Times at 1x, 10x, 100x, with each CPU time's ratio to the one before
/// (linear growth gives at most 10).
/// Linear growth: from each size to the next, the CPU time grows at most
/// as much as the input.
fn growth_goal(goals: &mut Vec<Goal>, what: &str, measures: &[Measure], inputs: &[f64]) {
    let steps: Vec<(f64, f64)> = measures
        .windows(2)
        .zip(inputs.windows(2))
        .map(|(m, i)| (m[1].cpu / m[0].cpu, i[1] / i[0]))
        .collect();
    goals.push(Goal {
        goal: format!("{what}: CPU grows at most as the input"),
        measured: steps
            .iter()
            .map(|(time, input)| format!("x{time:.1} for x{input:.0}"))
            .collect::<Vec<_>>()
            .join("; "),
        met: steps.iter().all(|(time, input)| time <= input),
    });
}

fn print_growth(jobs: &[Job], measures: &[Measure], sizes: Option<&[usize]>) {
    println!(
        "{:<46} {:>12} {:>12} {:>12} {:>10}",
        "", "wall", "CPU", "MB/s (CPU)", "CPU step"
    );
    for (i, (job, m)) in jobs.iter().zip(measures).enumerate() {
        let step = match i {
            0 => String::new(),
            _ => format!("x{:.1}", m.cpu / measures[i - 1].cpu),
        };
        let rate = sizes.map_or(String::new(), |s| {
            format!("{:.1}", s[i] as f64 / 1e6 / m.cpu)
        });
        println!(
            "{:<46} {:>12} {:>12} {:>12} {:>10}",
            job.name,
            ms(m.wall),
            ms(m.cpu),
            rate,
            step
        );
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
            quote(c.language.as_str()),
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
