//! Blocks of lines onto pages: headings stay with what follows them, and a
//! paragraph is split only where neither part is a lone line.

use std::ops::Range;

/// What pagination needs to know of a block.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// Space above the block, dropped at the top of a page.
    pub space_before: f32,
    /// Height of each line.
    pub lines: Vec<f32>,
    /// A heading: it goes to the next page unless the start of the
    /// following block fits under it.
    pub keep_with_next: bool,
    pub splittable: bool,
}

/// The part of a page the flow may fill, as distances from the top edge.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Area {
    pub top: f32,
    pub bottom: f32,
}

/// Lines of one block placed on one page; `top` is the first line's top.
#[derive(Debug, Clone, PartialEq)]
pub struct Slice {
    pub block: usize,
    pub lines: Range<usize>,
    pub page: usize,
    pub top: f32,
}

/// Rounding slack, so that a block that fits exactly is not pushed over.
const EPSILON: f32 = 0.01;

/// Places `shapes` in order; `area` gives the fillable part of each page,
/// and `min_lines` is the fewest lines of a paragraph allowed alone at the
/// foot or head of a page (2: no widows, no orphans).
pub fn paginate(shapes: &[Shape], area: impl Fn(usize) -> Area, min_lines: usize) -> Vec<Slice> {
    let mut out = Vec::new();
    let mut page = 0;
    let mut y = area(0).top;
    let mut at_top = true;
    let mut i = 0;
    let mut from = 0;
    while i < shapes.len() {
        let s = &shapes[i];
        let bottom = area(page).bottom;
        let gap = if at_top || from > 0 {
            0.0
        } else {
            s.space_before
        };
        let rest = &s.lines[from..];
        let total: f32 = rest.iter().sum();
        if rest.is_empty() {
            i += 1;
            from = 0;
            continue;
        }

        let need = gap + start_need(shapes, i, from, min_lines);
        if !at_top && y + need > bottom + EPSILON {
            page += 1;
            y = area(page).top;
            at_top = true;
            continue;
        }

        let mut take = rest.len();
        if y + gap + total > bottom + EPSILON {
            // Largest head that fits, leaving enough for the next page.
            let mut fit = 0;
            let mut h = y + gap;
            for &lh in rest {
                if h + lh > bottom + EPSILON {
                    break;
                }
                h += lh;
                fit += 1;
            }
            take = if s.splittable && rest.len() >= 2 * min_lines {
                fit.min(rest.len() - min_lines)
            } else {
                0
            };
            if take < min_lines.min(rest.len()) || take == 0 {
                if at_top {
                    // Taller than a page: fill it, rules or no rules.
                    take = fit.max(1);
                } else {
                    page += 1;
                    y = area(page).top;
                    at_top = true;
                    continue;
                }
            }
        }

        out.push(Slice {
            block: i,
            lines: from..from + take,
            page,
            top: y + gap,
        });
        y += gap + rest[..take].iter().sum::<f32>();
        at_top = false;
        if from + take >= s.lines.len() {
            i += 1;
            from = 0;
        } else {
            from += take;
            page += 1;
            y = area(page).top;
            at_top = true;
        }
    }
    out
}

/// Height the block `i` (from line `from`) needs at the foot of a page to
/// start there: its first lines, or all of it and what it keeps with.
fn start_need(shapes: &[Shape], i: usize, from: usize, min_lines: usize) -> f32 {
    let s = &shapes[i];
    let rest = &s.lines[from..];
    let total: f32 = rest.iter().sum();
    if s.keep_with_next {
        return match shapes.get(i + 1) {
            Some(next) => total + next.space_before + start_need(shapes, i + 1, 0, min_lines),
            None => total,
        };
    }
    if s.splittable && rest.len() >= 2 * min_lines {
        rest[..min_lines].iter().sum()
    } else {
        total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(n: usize) -> Shape {
        Shape {
            space_before: 6.0,
            lines: vec![12.0; n],
            keep_with_next: false,
            splittable: true,
        }
    }

    fn heading() -> Shape {
        Shape {
            space_before: 12.0,
            lines: vec![12.0],
            keep_with_next: true,
            splittable: false,
        }
    }

    fn pages(top: f32, bottom: f32) -> impl Fn(usize) -> Area {
        move |_| Area { top, bottom }
    }

    fn lines_on(slices: &[Slice], block: usize, page: usize) -> usize {
        slices
            .iter()
            .filter(|s| s.block == block && s.page == page)
            .map(|s| s.lines.len())
            .sum()
    }

    #[test]
    fn everything_fits_on_one_page() {
        let slices = paginate(&[para(3), para(4)], pages(0.0, 1000.0), 2);
        assert_eq!(slices.len(), 2);
        assert_eq!(slices[1].top, 36.0 + 6.0);
    }

    #[test]
    fn no_orphan_at_the_foot() {
        // 10 lines of room: after 9 lines, one more would fit but would be
        // left alone at the foot, so the whole paragraph moves.
        let slices = paginate(&[para(9), para(5)], pages(0.0, 120.0 + 6.0), 2);
        assert_eq!(lines_on(&slices, 1, 0), 0);
        assert_eq!(lines_on(&slices, 1, 1), 5);
    }

    #[test]
    fn no_widow_at_the_head() {
        // Room for 4 lines of the second paragraph; taking them would leave
        // one line alone on the next page, so 3 go and 2 follow.
        let slices = paginate(&[para(5), para(5)], pages(0.0, 60.0 + 6.0 + 48.0), 2);
        assert_eq!(lines_on(&slices, 1, 0), 3);
        assert_eq!(lines_on(&slices, 1, 1), 2);
    }

    #[test]
    fn three_lines_are_never_split() {
        let slices = paginate(&[para(8), para(3)], pages(0.0, 96.0 + 6.0 + 24.0), 2);
        assert_eq!(lines_on(&slices, 1, 0), 0);
        assert_eq!(lines_on(&slices, 1, 1), 3);
    }

    #[test]
    fn heading_keeps_two_lines_of_what_follows() {
        // Room for the heading and one line only: the heading moves on.
        let shapes = [para(8), heading(), para(6)];
        let slices = paginate(&shapes, pages(0.0, 96.0 + 24.0 + 6.0 + 12.0), 2);
        assert_eq!(lines_on(&slices, 1, 0), 0);
        assert_eq!(lines_on(&slices, 1, 1), 1);
        assert_eq!(
            slices.iter().find(|s| s.block == 1).map(|s| s.top),
            Some(0.0)
        );
    }

    #[test]
    fn heading_stays_when_two_lines_fit() {
        let shapes = [para(8), heading(), para(6)];
        let slices = paginate(&shapes, pages(0.0, 96.0 + 24.0 + 6.0 + 24.0), 2);
        assert_eq!(lines_on(&slices, 1, 0), 1);
        assert_eq!(lines_on(&slices, 2, 0), 2);
        assert_eq!(lines_on(&slices, 2, 1), 4);
    }

    #[test]
    fn chained_headings_move_together() {
        let shapes = [para(8), heading(), heading(), para(6)];
        // Room for both headings and one line: all three move.
        let slices = paginate(&shapes, pages(0.0, 96.0 + 24.0 + 24.0 + 6.0 + 12.0), 2);
        assert_eq!(lines_on(&slices, 1, 1), 1);
        assert_eq!(lines_on(&slices, 2, 1), 1);
    }

    #[test]
    fn a_block_taller_than_a_page_is_still_placed() {
        let slices = paginate(&[para(30)], pages(0.0, 120.0), 2);
        let placed: usize = slices.iter().map(|s| s.lines.len()).sum();
        assert_eq!(placed, 30);
        assert!(slices
            .iter()
            .all(|s| s.top + 12.0 * s.lines.len() as f32 <= 120.0 + EPSILON));
    }

    #[test]
    fn no_space_above_a_block_at_the_top_of_a_page() {
        let slices = paginate(&[para(9), para(5)], pages(10.0, 130.0), 2);
        let second = slices
            .iter()
            .find(|s| s.block == 1)
            .map(|s| (s.page, s.top));
        assert_eq!(second, Some((1, 10.0)));
    }
}
