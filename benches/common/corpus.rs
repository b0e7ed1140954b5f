//! Deterministic inputs for the benchmarks, made from the reports in
//! `sources/wg-som/reports/`: a report of any size, a folder of reports for
//! `batch`, and the long run of lettered items that once took quadratic
//! time. The same call always gives the same bytes.

use std::path::Path;

const REPORTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/sources/wg-som/reports");

/// The 2012 report, as published (text drawn from its PDF).
pub fn report_2012() -> String {
    read("CTOC-COP-WG.7-2012-6.fr.txt")
}

/// The 2013 report, as published.
pub fn report_2013() -> String {
    read("CTOC-COP-WG.7-2013-5.fr.txt")
}

fn read(name: &str) -> String {
    std::fs::read_to_string(Path::new(REPORTS).join(name))
        .expect("the source reports are in sources/")
}

/// The 2012 report with its recommendations chapter `copies` times over,
/// paragraphs numbered on through the copies and the chapters after it:
/// one copy is the report itself; 100 copies make about 2 MB and 5,600
/// recommendations.
pub fn big_report(copies: usize) -> String {
    let text = report_2012();
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let chapter = |title: &str| {
        lines
            .iter()
            .position(|l| l.trim() == title)
            .expect("the 2012 report's chapters")
    };
    let (first, second) = (
        chapter("I. Recommandations"),
        chapter("II. Résumé des débats"),
    );
    let body = &lines[first + 1..second];
    let per_copy = body.iter().filter_map(|l| number(l)).max().unwrap_or(0);
    let mut out = String::with_capacity(text.len() * copies.max(1));
    lines[..=first].iter().for_each(|l| out.push_str(l));
    for copy in 0..copies.max(1) {
        for line in body {
            push_renumbered(&mut out, line, copy * per_copy);
        }
    }
    for line in &lines[second..] {
        push_renumbered(&mut out, line, (copies.max(1) - 1) * per_copy);
    }
    out
}

/// The 2012 report up to its recommendations chapter, then the chapter's
/// title and a paragraph announcing a list.
fn list_opening() -> String {
    let text = report_2012();
    let mut out: String = text
        .split_inclusive('\n')
        .take_while(|l| l.trim() != "I. Recommandations")
        .collect();
    out.push_str("  I. Recommandations\n\n");
    out.push_str("1. Le Groupe de travail a adopté les recommandations suivantes:\n\n");
    out
}

/// One paragraph announcing a list, then `items` lettered items `a)` to
/// `z)` and again from `a)`, one per line with no blank line between them.
pub fn lettered_items(items: usize) -> String {
    let mut out = list_opening();
    for i in 0..items {
        let letter = (b'a' + (i % 26) as u8) as char;
        out.push_str(&format!("{letter}) Les États coopèrent;\n"));
    }
    out.push_str("\n  II. Organisation de la réunion\n\n2. Le Groupe de travail s’est réuni.\n");
    out
}

/// One paragraph announcing a list, then `lines` lines each holding a
/// heading letter alone (`A.`): every one is a heading without text, and a
/// warning, which once took time in the square of their number.
pub fn labels_alone(lines: usize) -> String {
    let mut out = list_opening();
    for _ in 0..lines {
        out.push_str("A.\n");
    }
    out.push_str("\n  II. Organisation de la réunion\n\n2. Le Groupe de travail s’est réuni.\n");
    out
}

/// A folder of `reports` reports for `batch`: the 2012 and 2013 reports in
/// turn, ten to a subfolder.
pub fn write_batch_corpus(dir: &Path, reports: usize) -> std::io::Result<()> {
    let texts = [report_2012(), report_2013()];
    for i in 0..reports {
        let sub = dir.join(format!("{:04}", i / 10));
        std::fs::create_dir_all(&sub)?;
        std::fs::write(sub.join(format!("report-{i:05}.txt")), &texts[i % 2])?;
    }
    Ok(())
}

/// The paragraph number a line opens with (`12. Les États`), if any.
fn number(line: &str) -> Option<usize> {
    let rest = line.trim_start();
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || !rest[digits..].starts_with(". ") {
        return None;
    }
    rest[..digits].parse().ok()
}

fn push_renumbered(out: &mut String, line: &str, offset: usize) {
    match number(line) {
        Some(n) if offset > 0 => {
            let indent = &line[..line.len() - line.trim_start().len()];
            let digits = n.to_string().len();
            out.push_str(indent);
            out.push_str(&(n + offset).to_string());
            out.push_str(&line[indent.len() + digits..]);
        }
        _ => out.push_str(line),
    }
}

/// A manifest like `sources/wg-som/compilation.toml` whose 2012 report is
/// [`big_report`]`(copies)`, written with the report into `dir`. With one
/// copy it compiles the published edition.
pub fn write_manifest(dir: &Path, copies: usize) -> std::io::Result<std::path::PathBuf> {
    std::fs::create_dir_all(dir)?;
    let report = dir.join(format!("CTOC-COP-WG.7-2012-6.fr.x{copies}.txt"));
    std::fs::write(&report, big_report(copies))?;
    let manifest = std::fs::read_to_string(Path::new(REPORTS).join("../compilation.toml"))?
        .replace(
            "\"reports/CTOC-COP-WG.7-2012-6.fr.txt\"",
            &format!("{:?}", report.display().to_string()),
        )
        .replace(
            "\"reports/CTOC-COP-WG.7-2013-5.fr.txt\"",
            &format!("{:?}", format!("{REPORTS}/CTOC-COP-WG.7-2013-5.fr.txt")),
        );
    let path = dir.join(format!("compilation.x{copies}.toml"));
    std::fs::write(&path, manifest)?;
    Ok(path)
}
