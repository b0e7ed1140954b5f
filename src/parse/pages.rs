//! Pages missing from a text drawn from a PDF, told by the page numbers of
//! the running feet: where a page's number is not the one after the
//! previous page's, the text at the top of that page continues something
//! the reader never saw.

use crate::source::{Furniture, Source};

/// What the page numbers say about the pages of a source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pages {
    /// The printed number of the first page, when it is not 1.
    pub first: Option<u32>,
    /// First text lines of pages that follow missing pages, with the
    /// printed numbers of the page before and of this one.
    pub after_gap: Vec<(usize, u32, u32)>,
}

impl Pages {
    pub fn gap_before(&self, line: usize) -> Option<(u32, u32)> {
        let i = self.after_gap.partition_point(|(l, _, _)| *l < line);
        self.after_gap
            .get(i)
            .filter(|(l, _, _)| *l == line)
            .map(|&(_, before, this)| (before, this))
    }
}

pub fn read(source: &Source) -> Pages {
    // The first text line of each page; the first page starts at the top.
    let mut starts: Vec<usize> = source
        .lines
        .iter()
        .filter(|l| l.page_start)
        .map(|l| l.number)
        .collect();
    starts.insert(0, source.lines.first().map_or(1, |l| l.number));
    starts.dedup();
    // Page numbers stand in the running foot, after the page's text and
    // before the next page's first text line.
    let bounds: Vec<(usize, usize)> = starts
        .iter()
        .enumerate()
        .map(|(i, &start)| {
            let from = if i == 0 { 0 } else { start };
            let to = starts.get(i + 1).map_or(usize::MAX, |&next| next - 1);
            (from, to)
        })
        .collect();
    // The furniture is in line order: each page looks only at its own.
    let furniture = &source.furniture;
    let numbers: Vec<Option<u32>> = bounds
        .iter()
        .map(|&(from, to)| {
            let first = furniture.partition_point(|r| r.number < from);
            furniture[first..]
                .iter()
                .take_while(|r| r.number <= to)
                .find_map(|r| match r.furniture {
                    Furniture::PageNumber { page } => Some(page),
                    Furniture::JobNumber { page, .. } => page,
                    _ => None,
                })
        })
        .collect();
    let mut pages = Pages {
        first: numbers.first().copied().flatten().filter(|&n| n > 1),
        after_gap: Vec::new(),
    };
    for i in 1..starts.len() {
        if let (Some(before), Some(this)) = (numbers[i - 1], numbers[i]) {
            if this > before + 1 {
                pages.after_gap.push((starts[i], before, this));
            }
        }
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::from_bytes;

    #[test]
    fn a_page_number_that_jumps_marks_the_next_page() {
        let text = "CTOC/COP/WG.7/2014/2\n\nfirst page text\nV.14-01234 2\n\u{c}CTOC/COP/WG.7/2014/2\n\n(d) a list that began elsewhere\nV.14-01234 4\n\u{c}more\n5\n";
        let source = from_bytes("r.txt", text.as_bytes()).unwrap();
        let pages = read(&source);
        assert_eq!(pages.first, Some(2));
        assert_eq!(pages.after_gap, [(7, 2, 4)]);
        assert_eq!(pages.gap_before(7), Some((2, 4)));
        assert_eq!(pages.gap_before(9), None, "page 5 follows page 4");
    }
}
