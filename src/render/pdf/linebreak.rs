//! Total-fit line breaking over boxes, glue and penalties (Knuth and Plass):
//! the breaks are chosen for the whole paragraph at once, so that one loose
//! line is not bought by filling the lines before it greedily.

/// A penalty of this size forbids a break; its negation forces one.
pub const INFINITE_PENALTY: f64 = 10_000.0;
/// Stretch that swallows any shortfall: the glue that makes a last line ragged.
pub const FIL: f64 = 1.0e7;
const INFINITE_BADNESS: f64 = 10_000.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Item {
    Box {
        width: f64,
    },
    Glue {
        width: f64,
        stretch: f64,
        shrink: f64,
    },
    Penalty {
        width: f64,
        penalty: f64,
        flagged: bool,
    },
}

impl Item {
    #[cfg(test)]
    fn width(&self) -> f64 {
        match *self {
            Item::Box { width } | Item::Glue { width, .. } | Item::Penalty { width, .. } => width,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    pub line_width: f64,
    /// Largest badness accepted on the first pass (100 |r|³).
    pub tolerance: f64,
    pub line_penalty: f64,
    pub flagged_demerits: f64,
    pub fitness_demerits: f64,
    /// Added when the next-to-last line ends in a broken word.
    pub final_hyphen_demerits: f64,
    /// Stretch added at the end of every line: non-zero sets ragged right,
    /// where glue keeps its natural width and only the line ends vary.
    pub ragged_stretch: f64,
}

impl Params {
    pub fn justified(line_width: f64) -> Params {
        Params {
            line_width,
            tolerance: 200.0,
            line_penalty: 10.0,
            flagged_demerits: 10_000.0,
            fitness_demerits: 10_000.0,
            final_hyphen_demerits: 5000.0,
            ragged_stretch: 0.0,
        }
    }

    pub fn ragged(line_width: f64, stretch: f64) -> Params {
        Params {
            ragged_stretch: stretch,
            ..Params::justified(line_width)
        }
    }
}

/// A chosen break: the line ends before `position` (a glue or penalty item,
/// or `items.len()`), its glue set at `ratio` (stretch if positive, shrink if
/// negative; 0 for ragged lines).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Break {
    pub position: usize,
    pub ratio: f64,
}

#[derive(Clone, Copy)]
struct Node {
    position: usize,
    /// First item of the line that follows this break.
    start: usize,
    line: usize,
    fitness: usize,
    demerits: f64,
    ratio: f64,
    flagged: bool,
    previous: Option<usize>,
}

#[derive(Clone, Copy, Default)]
struct Sums {
    width: f64,
    stretch: f64,
    shrink: f64,
}

/// Breaks that minimise the paragraph's total demerits. Never fails: if no
/// set of lines meets the tolerance it accepts looser lines, and a box wider
/// than the measure gets an overfull line of its own.
pub fn total_fit(items: &[Item], params: &Params) -> Vec<Break> {
    if items.is_empty() {
        return Vec::new();
    }
    if let Some(breaks) = run(items, params, params.tolerance, false) {
        return breaks;
    }
    if let Some(breaks) = run(items, params, f64::INFINITY, false) {
        return breaks;
    }
    run(items, params, f64::INFINITY, true).unwrap_or_else(|| {
        vec![Break {
            position: end_of(items),
            ratio: 0.0,
        }]
    })
}

/// The breaks, if the paragraph can be set with no line worse than the
/// tolerance; nothing otherwise.
pub fn within_tolerance(items: &[Item], params: &Params) -> Option<Vec<Break>> {
    if items.is_empty() {
        return Some(Vec::new());
    }
    run(items, params, params.tolerance, false)
}

fn prefix_sums(items: &[Item]) -> Vec<Sums> {
    let mut sums = Vec::with_capacity(items.len() + 1);
    let mut s = Sums::default();
    sums.push(s);
    for item in items {
        // A penalty's width (a hyphen) counts only where the line breaks.
        match *item {
            Item::Box { width } => s.width += width,
            Item::Glue {
                width,
                stretch,
                shrink,
            } => {
                s.width += width;
                s.stretch += stretch;
                s.shrink += shrink;
            }
            Item::Penalty { .. } => {}
        }
        sums.push(s);
    }
    sums
}

fn is_legal_break(items: &[Item], i: usize) -> bool {
    if i == items.len() {
        return true;
    }
    match items[i] {
        Item::Penalty { penalty, .. } => penalty < INFINITE_PENALTY,
        Item::Glue { .. } => i > 0 && matches!(items[i - 1], Item::Box { .. }),
        Item::Box { .. } => false,
    }
}

/// Where the line after a break at `i` starts: discardable items vanish.
fn line_start(items: &[Item], i: usize) -> usize {
    let mut j = i;
    while j < items.len() {
        match items[j] {
            Item::Box { .. } => break,
            Item::Penalty { penalty, .. } if penalty <= -INFINITE_PENALTY && j > i => break,
            _ => j += 1,
        }
    }
    j
}

/// The last break: the paragraph's closing forced penalty, or its end.
fn end_of(items: &[Item]) -> usize {
    match items.last() {
        Some(Item::Penalty { penalty, .. }) if *penalty <= -INFINITE_PENALTY => items.len() - 1,
        _ => items.len(),
    }
}

fn fitness_class(ratio: f64) -> usize {
    if ratio < -0.5 {
        0
    } else if ratio <= 0.5 {
        1
    } else if ratio <= 1.0 {
        2
    } else {
        3
    }
}

fn run(items: &[Item], p: &Params, tolerance: f64, rescue: bool) -> Option<Vec<Break>> {
    let sums = prefix_sums(items);
    let mut nodes = vec![Node {
        position: 0,
        start: 0,
        line: 0,
        fitness: 1,
        demerits: 0.0,
        ratio: 0.0,
        flagged: false,
        previous: None,
    }];
    let mut active: Vec<usize> = vec![0];
    let end_position = end_of(items);

    for b in 1..=end_position {
        if !is_legal_break(items, b) {
            continue;
        }
        let (pen_width, penalty, flagged) = match items.get(b) {
            Some(&Item::Penalty {
                width,
                penalty,
                flagged,
            }) => (width, penalty, flagged),
            _ if b == items.len() => (0.0, -INFINITE_PENALTY, false),
            _ => (0.0, 0.0, false),
        };
        let forced = penalty <= -INFINITE_PENALTY;
        let mut best: [Option<Node>; 4] = [None; 4];
        let mut last_dropped: Option<usize> = None;
        let mut k = 0;
        while k < active.len() {
            let ai = active[k];
            let a = nodes[ai];
            let width = sums[b].width - sums[a.start].width + pen_width;
            let stretch = sums[b].stretch - sums[a.start].stretch + p.ragged_stretch;
            // Ragged lines keep their spaces whole: no shrinking either.
            let shrink = if p.ragged_stretch > 0.0 {
                0.0
            } else {
                sums[b].shrink - sums[a.start].shrink
            };
            let short = p.line_width - width;
            let ratio = if stretch >= FIL && short >= 0.0 {
                // Infinite glue takes the whole shortfall.
                0.0
            } else if short > 0.0 {
                if stretch > 0.0 {
                    short / stretch
                } else {
                    f64::INFINITY
                }
            } else if short < 0.0 {
                if shrink > 0.0 {
                    short / shrink
                } else {
                    f64::NEG_INFINITY
                }
            } else {
                0.0
            };
            let badness = if ratio.is_infinite() {
                INFINITE_BADNESS
            } else {
                (100.0 * ratio.abs().powi(3)).min(INFINITE_BADNESS)
            };
            let overfull = ratio < -1.0;
            if overfull || forced {
                active.remove(k);
                last_dropped = Some(ai);
            } else {
                k += 1;
            }
            if !overfull && badness <= tolerance {
                let base = p.line_penalty + badness;
                let mut demerits = if penalty >= 0.0 {
                    base * base + penalty * penalty
                } else if penalty > -INFINITE_PENALTY {
                    base * base - penalty * penalty
                } else {
                    base * base
                };
                if flagged && a.flagged {
                    demerits += p.flagged_demerits;
                }
                if b == end_position && a.flagged {
                    demerits += p.final_hyphen_demerits;
                }
                let fitness = fitness_class(ratio);
                if fitness.abs_diff(a.fitness) > 1 {
                    demerits += p.fitness_demerits;
                }
                let node = Node {
                    position: b,
                    start: line_start(items, b),
                    line: a.line + 1,
                    fitness,
                    demerits: a.demerits + demerits,
                    ratio: if p.ragged_stretch > 0.0 || !ratio.is_finite() {
                        0.0
                    } else {
                        ratio
                    },
                    flagged,
                    previous: Some(ai),
                };
                if best[fitness].is_none_or(|n| node.demerits < n.demerits) {
                    best[fitness] = Some(node);
                }
            }
        }
        let mut added = false;
        for node in best.into_iter().flatten() {
            nodes.push(node);
            active.push(nodes.len() - 1);
            added = true;
        }
        if active.is_empty() && !added {
            // Nothing can reach this break without overflowing.
            let dropped = last_dropped?;
            if !rescue {
                return None;
            }
            let a = nodes[dropped];
            nodes.push(Node {
                position: b,
                start: line_start(items, b),
                line: a.line + 1,
                fitness: 1,
                demerits: a.demerits + INFINITE_BADNESS * INFINITE_BADNESS,
                ratio: if p.ragged_stretch > 0.0 { 0.0 } else { -1.0 },
                flagged,
                previous: Some(dropped),
            });
            active.push(nodes.len() - 1);
        }
    }

    let end = active
        .iter()
        .copied()
        .filter(|&i| nodes[i].position == end_position)
        .min_by(|&x, &y| nodes[x].demerits.total_cmp(&nodes[y].demerits))?;
    let mut breaks = Vec::new();
    let mut cur = Some(end);
    while let Some(i) = cur {
        let n = nodes[i];
        if n.previous.is_some() {
            breaks.push(Break {
                position: n.position,
                ratio: n.ratio,
            });
        }
        cur = n.previous;
    }
    breaks.reverse();
    Some(breaks)
}

/// First-fit filling, line by line: what total fit is measured against.
#[cfg(test)]
pub fn greedy(items: &[Item], params: &Params) -> Vec<Break> {
    let sums = prefix_sums(items);
    let mut breaks = Vec::new();
    let mut start = 0;
    let mut last_fit: Option<usize> = None;
    let end_position = end_of(items);
    let mut b = 1;
    while b <= end_position {
        if is_legal_break(items, b) {
            let width = sums[b].width - sums[start].width;
            let shrink = sums[b].shrink - sums[start].shrink;
            let fits = width - shrink <= params.line_width;
            let forced = b == end_position
                || matches!(items[b], Item::Penalty { penalty, .. } if penalty <= -INFINITE_PENALTY);
            if !fits {
                if let Some(prev) = last_fit.take() {
                    breaks.push(Break {
                        position: prev,
                        ratio: ratio_of(&sums, start, prev, params.line_width),
                    });
                    start = line_start(items, prev);
                    continue;
                }
            }
            if forced {
                breaks.push(Break {
                    position: b,
                    ratio: 0.0,
                });
                start = line_start(items, b);
                last_fit = None;
            } else {
                last_fit = Some(b);
            }
        }
        b += 1;
    }
    breaks
}

#[cfg(test)]
fn ratio_of(sums: &[Sums], start: usize, end: usize, line_width: f64) -> f64 {
    let width = sums[end].width - sums[start].width;
    let short = line_width - width;
    let (stretch, shrink) = (
        sums[end].stretch - sums[start].stretch,
        sums[end].shrink - sums[start].shrink,
    );
    match short {
        s if s > 0.0 && stretch > 0.0 => s / stretch,
        s if s < 0.0 && shrink > 0.0 => s / shrink,
        _ => 0.0,
    }
}

/// The lines of `items` cut at `breaks`: for each, the range of items it
/// shows (discardables at its start and the break item excluded).
pub fn lines(items: &[Item], breaks: &[Break]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::with_capacity(breaks.len());
    let mut start = 0;
    for br in breaks {
        out.push(start..br.position.min(items.len()));
        start = line_start(items, br.position);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words of the given widths separated by glue, ending like a paragraph.
    fn paragraph(words: &[f64]) -> Vec<Item> {
        let mut items = Vec::new();
        for (i, &w) in words.iter().enumerate() {
            if i > 0 {
                items.push(Item::Glue {
                    width: 3.0,
                    stretch: 1.5,
                    shrink: 1.0,
                });
            }
            items.push(Item::Box { width: w });
        }
        items.push(Item::Penalty {
            width: 0.0,
            penalty: INFINITE_PENALTY,
            flagged: false,
        });
        items.push(Item::Glue {
            width: 0.0,
            stretch: FIL,
            shrink: 0.0,
        });
        items.push(Item::Penalty {
            width: 0.0,
            penalty: -INFINITE_PENALTY,
            flagged: false,
        });
        items
    }

    fn natural_widths(items: &[Item], breaks: &[Break]) -> Vec<f64> {
        lines(items, breaks)
            .into_iter()
            .map(|r| items[r].iter().map(|i| i.width()).sum())
            .collect()
    }

    fn set_widths(items: &[Item], breaks: &[Break]) -> Vec<f64> {
        lines(items, breaks)
            .into_iter()
            .zip(breaks)
            .map(|(r, b)| {
                items[r]
                    .iter()
                    .map(|i| match *i {
                        Item::Glue {
                            width,
                            stretch,
                            shrink,
                        } => {
                            width
                                + if b.ratio >= 0.0 {
                                    b.ratio * stretch
                                } else {
                                    b.ratio * shrink
                                }
                        }
                        other => other.width(),
                    })
                    .sum()
            })
            .collect()
    }

    fn worst_ratio(breaks: &[Break]) -> f64 {
        breaks[..breaks.len() - 1]
            .iter()
            .map(|b| b.ratio.abs())
            .fold(0.0, f64::max)
    }

    fn pseudo_words(n: usize) -> Vec<f64> {
        let mut seed = 7u64;
        (0..n)
            .map(|_| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                10.0 + ((seed >> 33) % 40) as f64
            })
            .collect()
    }

    #[test]
    fn total_fit_beats_greedy_on_a_known_case() {
        // Greedy squeezes seven words into the first line, which leaves the
        // second one gaping; total fit sets six and two even lines.
        let words = [
            8.0, 12.0, 16.0, 8.0, 24.0, 12.0, 8.0, 16.0, 40.0, 24.0, 24.0,
        ];
        let items = paragraph(&words);
        let p = Params::justified(100.0);
        let tf = total_fit(&items, &p);
        let gr = greedy(&items, &p);
        assert_eq!(lines(&items, &gr).len(), 3);
        assert_eq!(lines(&items, &tf).len(), 3);
        assert!(worst_ratio(&gr) > 4.0, "greedy {gr:?}");
        assert!(worst_ratio(&tf) < 1.0, "total fit {tf:?}");
        assert_eq!(lines(&items, &tf)[0], 0..11, "six words on the first line");
    }

    #[test]
    fn no_line_exceeds_the_measure() {
        let items = paragraph(&pseudo_words(300));
        let p = Params::justified(400.0);
        let breaks = total_fit(&items, &p);
        for w in set_widths(&items, &breaks) {
            assert!(w <= 400.0 + 1e-6, "line of {w}");
        }
        // Justified lines come out flush.
        let widths = set_widths(&items, &breaks);
        for w in &widths[..widths.len() - 1] {
            assert!((w - 400.0).abs() < 1e-6, "line of {w} not flush");
        }
    }

    #[test]
    fn last_line_is_ragged() {
        let items = paragraph(&pseudo_words(40));
        let breaks = total_fit(&items, &Params::justified(300.0));
        let last = breaks.last().copied().unwrap_or(Break {
            position: 0,
            ratio: 1.0,
        });
        assert_eq!(last.ratio, 0.0, "last line glue is at natural width");
        let widths = natural_widths(&items, &breaks);
        assert!(widths[widths.len() - 1] < 300.0);
    }

    #[test]
    fn word_wider_than_the_measure_does_not_panic() {
        let items = paragraph(&[20.0, 500.0, 20.0, 30.0]);
        let breaks = total_fit(&items, &Params::justified(100.0));
        assert_eq!(breaks.last().map(|b| b.position), Some(items.len() - 1));
        let all: Vec<usize> = lines(&items, &breaks).into_iter().flatten().collect();
        assert!(all.contains(&2), "the long word is set");
    }

    #[test]
    fn ragged_lines_keep_natural_spaces() {
        let items = paragraph(&pseudo_words(60));
        let breaks = total_fit(&items, &Params::ragged(250.0, 30.0));
        assert!(breaks.iter().all(|b| b.ratio == 0.0));
        for w in natural_widths(&items, &breaks) {
            assert!(w <= 250.0);
        }
    }

    #[test]
    fn a_hyphen_counts_only_where_the_line_breaks() {
        // Two fragments joined by a hyphenation point, set on one line: the
        // hyphen's width must not make the line overfull.
        let mut items = vec![
            Item::Box { width: 50.0 },
            Item::Penalty {
                width: 20.0,
                penalty: 50.0,
                flagged: true,
            },
            Item::Box { width: 50.0 },
        ];
        items.extend(paragraph(&[]));
        let breaks = total_fit(&items, &Params::justified(100.0));
        assert_eq!(breaks.len(), 1, "{breaks:?}");
    }

    #[test]
    fn empty_input_has_no_lines() {
        assert!(total_fit(&[], &Params::justified(100.0)).is_empty());
    }
}
