//! The examples of a large fit by their features (see `fit.rs`): each
//! step multiplies them twice, X̃ᵀ then X̃, in time proportional to their
//! features.
//!
//! Each weight and each score is a sum whose order is fixed (the examples
//! in order, the features of an example in order), so that a fit gives the
//! same bits however it is run. One sum is a chain of additions, each
//! waiting for the one before; four sums are taken side by side, so that
//! the processor works on four chains at once, each still added up in its
//! own order.

use super::features::Features;
use super::fit::BIAS;
use rayon::prelude::*;

/// Chapters a fit from the features takes at once (a model has rarely
/// more; one with more takes them one by one).
const LANES: usize = 8;
/// Sums taken side by side.
const GROUP: usize = 4;
/// Features whose weights one task works out.
const FEATURES: usize = 512;
/// Examples whose scores one task works out.
const EXAMPLES: usize = 256;

/// Examples by their features, each example's (`rows`) and each
/// feature's examples in their order (`columns`): a feature's weights are
/// worked out from its own examples, so that features, and examples, can
/// be taken on every core at once.
///
/// Each step reads every entry twice, so entries are packed small: a
/// feature's value in an example is one of few (its kind's weight over a
/// count), so each entry holds the number of its value in `values` beside
/// its index, in 32 bits when both fit. A large fit's entries then stay in
/// the processor's caches rather than come from memory at each step.
pub struct Spread {
    examples: usize,
    vocabulary: usize,
    /// Every value an example gives a feature, each once, in the order met.
    values: Vec<f64>,
    /// Where an entry's index ends and its value's number starts.
    shift: u32,
    entries: Entries,
    /// The features, block by block of FEATURES, each block's from the
    /// fewest examples to the most: features taken side by side have
    /// about as many, and their chains end together.
    order: Vec<u32>,
    /// The examples from the fewest features to the most, the order of
    /// `rows`: examples taken side by side have about as many.
    by_length: Vec<u32>,
}

enum Entries {
    Narrow(Lists<u32>),
    Wide(Lists<u64>),
}

/// Both orders of the entries.
struct Lists<E> {
    /// Each feature's examples, feature by feature: (example, value).
    columns: Flat<E>,
    /// Each example's features, in the order of `by_length`: (feature, value).
    rows: Flat<E>,
}

/// Lists one after the other; list `j` is `entries[starts[j]..starts[j + 1]]`.
struct Flat<E> {
    starts: Vec<usize>,
    entries: Vec<E>,
}

impl<E: Entry> Flat<E> {
    fn list(&self, j: usize) -> &[E] {
        &self.entries[self.starts[j]..self.starts[j + 1]]
    }
}

/// An index and the number of a value in one word: the index below
/// `shift` bits, the number above.
trait Entry: Copy + Send + Sync {
    fn pack(index: usize, value: usize, shift: u32) -> Self;
    fn index(self, shift: u32) -> usize;
    fn value(self, shift: u32) -> usize;
}

/// The same for each width: the index and the number as words of it.
macro_rules! entry {
    ($word:ty) => {
        impl Entry for $word {
            fn pack(index: usize, value: usize, shift: u32) -> $word {
                index as $word | (value as $word) << shift
            }
            #[inline(always)]
            fn index(self, shift: u32) -> usize {
                (self & ((1 << shift) - 1)) as usize
            }
            #[inline(always)]
            fn value(self, shift: u32) -> usize {
                (self >> shift) as usize
            }
        }
    };
}
entry!(u32);
entry!(u64);

/// Whether indices of `shift` bits and the numbers of `values` values fit
/// in 32 bits together.
fn narrow(shift: u32, values: usize) -> bool {
    shift + bits_below(values).max(1) <= u32::BITS
}

/// Bits that hold every number below `n`.
fn bits_below(n: usize) -> u32 {
    usize::BITS - n.saturating_sub(1).leading_zeros()
}

impl Spread {
    /// `vocabulary` is how many features there are.
    pub fn new(rows: Vec<&Features>, vocabulary: usize) -> Spread {
        Spread::packed(rows, vocabulary, false)
    }

    /// As `new`, in 64-bit entries if `wide` or if 32 do not hold them.
    fn packed(rows: Vec<&Features>, vocabulary: usize, wide: bool) -> Spread {
        let mut numbers: hashbrown::HashMap<u64, u32, rustc_hash::FxBuildHasher> =
            hashbrown::HashMap::default();
        let mut values = Vec::new();
        let numbered: Vec<Vec<(u32, u32)>> = rows
            .iter()
            .map(|x| {
                x.iter()
                    .map(|&(f, v)| {
                        let number = *numbers.entry(v.to_bits()).or_insert_with(|| {
                            values.push(v);
                            values.len() as u32 - 1
                        });
                        (f, number)
                    })
                    .collect()
            })
            .collect();
        let by_length = by_length(&rows);
        let shift = bits_below(rows.len().max(vocabulary));
        let entries = if !wide && narrow(shift, values.len()) {
            Entries::Narrow(Lists::new(&numbered, vocabulary, shift, &by_length))
        } else {
            Entries::Wide(Lists::new(&numbered, vocabulary, shift, &by_length))
        };
        let count = |f: usize| match &entries {
            Entries::Narrow(l) => l.columns.list(f).len(),
            Entries::Wide(l) => l.columns.list(f).len(),
        };
        let mut order: Vec<u32> = (0..vocabulary as u32).collect();
        for block in order.chunks_mut(FEATURES) {
            block.sort_by_key(|&f| (count(f as usize), f));
        }
        Spread {
            examples: rows.len(),
            vocabulary,
            values,
            shift,
            entries,
            order,
            by_length,
        }
    }

    pub fn len(&self) -> usize {
        self.examples
    }

    /// `out` = X̃ X̃ᵀ `y`: the weights W = X̃ᵀ y feature by feature, then
    /// each example's scores. Each feature's weights, and each example's
    /// scores, are a row of 1, 4, 6 or LANES numbers (the `c` chapters and
    /// zeros after).
    pub fn times(&self, y: &[f64], c: usize, out: &mut [f64]) {
        match &self.entries {
            Entries::Narrow(lists) => self.times_with(lists, y, c, out),
            Entries::Wide(lists) => self.times_with(lists, y, c, out),
        }
    }

    fn times_with<E: Entry>(&self, lists: &Lists<E>, y: &[f64], c: usize, out: &mut [f64]) {
        let mut sorted = vec![0.0; self.examples * c];
        match c {
            1 => self.times_in::<E, 1>(lists, y, c, &mut sorted),
            2..=4 => self.times_in::<E, 4>(lists, y, c, &mut sorted),
            5..=6 => self.times_in::<E, 6>(lists, y, c, &mut sorted),
            7..=LANES => self.times_in::<E, LANES>(lists, y, c, &mut sorted),
            _ => self.times_by_chapter(lists, y, c, &mut sorted),
        }
        for (scores, &a) in sorted.chunks(c).zip(&self.by_length) {
            out[a as usize * c..][..c].copy_from_slice(scores);
        }
    }

    /// Scores into `sorted`, in the order of `by_length`.
    fn times_in<E: Entry, const L: usize>(
        &self,
        lists: &Lists<E>,
        y: &[f64],
        c: usize,
        sorted: &mut [f64],
    ) {
        let mut padded = vec![[0.0; L]; self.examples];
        for (p, a) in padded.iter_mut().zip(y.chunks(c)) {
            p[..c].copy_from_slice(a);
        }
        let packing = kernel::Packing {
            values: &self.values,
            shift: self.shift,
        };
        let mut w = vec![[0.0f64; L]; self.vocabulary];
        w.par_chunks_mut(FEATURES)
            .zip(self.order.par_chunks(FEATURES))
            .enumerate()
            .for_each(|(block, (w, order))| {
                let first = block * FEATURES;
                let lists = order
                    .iter()
                    .map(|&f| (f as usize - first, lists.columns.list(f as usize)));
                // SAFETY: `Lists::new` packed each entry of a column
                // from an example below `examples`, the rows of `padded`,
                // and a value of `values`.
                unsafe { kernel::weights(lists, &padded, packing, w) };
            });
        let mut start = [0.0; L];
        for (sk, bk) in start.iter_mut().zip(self.bias(y, c)) {
            *sk = bk * BIAS;
        }
        sorted
            .par_chunks_mut(EXAMPLES * c)
            .enumerate()
            .for_each(|(block, out)| {
                let first = block * EXAMPLES;
                let rows = (first..self.examples.min(first + EXAMPLES)).map(|r| lists.rows.list(r));
                // SAFETY: `Lists::new` packed each entry of a row from a
                // feature below `vocabulary`, the rows of `w`, and a value
                // of `values`.
                unsafe { kernel::scores(rows, &w, packing, &start, c, out) }
            });
    }

    /// As `times_in`, for more chapters than LANES.
    fn times_by_chapter<E: Entry>(
        &self,
        lists: &Lists<E>,
        y: &[f64],
        c: usize,
        sorted: &mut [f64],
    ) {
        let shift = self.shift;
        let mut w = vec![0.0; self.vocabulary * c];
        w.par_chunks_mut(FEATURES * c)
            .enumerate()
            .for_each(|(block, w)| {
                for (j, wf) in w.chunks_mut(c).enumerate() {
                    for &e in lists.columns.list(block * FEATURES + j) {
                        let (i, v) = (e.index(shift), self.values[e.value(shift)]);
                        for (wk, ak) in wf.iter_mut().zip(&y[i * c..][..c]) {
                            *wk += ak * v;
                        }
                    }
                }
            });
        let bias = self.bias(y, c);
        sorted.par_chunks_mut(c).enumerate().for_each(|(r, s)| {
            for (sk, bk) in s.iter_mut().zip(&bias) {
                *sk = bk * BIAS;
            }
            for &e in lists.rows.list(r) {
                let (f, v) = (e.index(shift), self.values[e.value(shift)]);
                for (sk, wk) in s.iter_mut().zip(&w[f * c..][..c]) {
                    *sk += wk * v;
                }
            }
        });
    }

    /// The constant feature's weights: Σ y BIAS, example by example.
    fn bias(&self, y: &[f64], c: usize) -> Vec<f64> {
        let mut bias = vec![0.0; c];
        for a in y.chunks(c) {
            for (bk, ak) in bias.iter_mut().zip(a) {
                *bk += ak * BIAS;
            }
        }
        bias
    }
}

/// The examples from the fewest features to the most (ties in their order).
fn by_length(rows: &[&Features]) -> Vec<u32> {
    let mut order: Vec<u32> = (0..rows.len() as u32).collect();
    order.sort_by_key(|&a| rows[a as usize].len());
    order
}

impl<E: Entry> Lists<E> {
    /// `numbered`: each example's (feature, value's number).
    fn new(
        numbered: &[Vec<(u32, u32)>],
        vocabulary: usize,
        shift: u32,
        by_length: &[u32],
    ) -> Lists<E> {
        let mut starts = vec![0; vocabulary + 1];
        for x in numbered {
            for &(f, _) in x {
                starts[f as usize + 1] += 1;
            }
        }
        for f in 0..vocabulary {
            starts[f + 1] += starts[f];
        }
        let mut next = starts.clone();
        let mut entries = vec![E::pack(0, 0, shift); starts[vocabulary]];
        for (i, x) in numbered.iter().enumerate() {
            for &(f, number) in x {
                entries[next[f as usize]] = E::pack(i, number as usize, shift);
                next[f as usize] += 1;
            }
        }
        let columns = Flat { starts, entries };
        let mut rows = Flat {
            starts: vec![0],
            entries: Vec::with_capacity(columns.entries.len()),
        };
        for &a in by_length {
            let x = &numbered[a as usize];
            rows.entries.extend(
                x.iter()
                    .map(|&(f, number)| E::pack(f as usize, number as usize, shift)),
            );
            rows.starts.push(rows.entries.len());
        }
        Lists { columns, rows }
    }
}

/// The two sums of a step, GROUP chains at a time. Built twice on x86-64:
/// for any processor, and with AVX2 (a row of 4 numbers in a register),
/// taken when the processor has it. Multiplications and additions stay
/// apart (no fused multiply-add), so both give the same bits.
///
/// Entries are opened without checking their index and value number: the
/// checks took a fifth of a large fit's time. Their callers vouch for them
/// (the `# Safety` sections), as `Lists::new` makes every entry from an
/// example, a feature and a value that exist.
mod kernel {
    use super::{Entry, GROUP};

    /// How entries give their values: `values[number]`, the number above
    /// `shift` bits.
    #[derive(Clone, Copy)]
    pub struct Packing<'v> {
        pub values: &'v [f64],
        pub shift: u32,
    }

    impl Packing<'_> {
        /// # Safety
        /// `e`'s value number is below `values.len()`.
        #[inline(always)]
        unsafe fn open<E: Entry>(self, e: E) -> (usize, f64) {
            // SAFETY: the caller vouches for the number.
            let v = unsafe { *self.values.get_unchecked(e.value(self.shift)) };
            (e.index(self.shift), v)
        }
    }

    /// `w[j]` = Σ value × `padded[example]` over `list`, for each (j, list)
    /// of `lists`.
    ///
    /// # Safety
    /// Every entry of `lists` has an index below `padded.len()` and a
    /// value number below `packing.values.len()`.
    pub unsafe fn weights<'c, E: Entry + 'c, const L: usize>(
        lists: impl Iterator<Item = (usize, &'c [E])>,
        padded: &[[f64; L]],
        packing: Packing,
        w: &mut [[f64; L]],
    ) {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has AVX2, checked just above; the
            // caller vouches for the entries.
            return unsafe { weights_avx2(lists, padded, packing, w) };
        }
        // SAFETY: the caller vouches for the entries.
        unsafe { weights_any(lists, padded, packing, w) }
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn weights_avx2<'c, E: Entry + 'c, const L: usize>(
        lists: impl Iterator<Item = (usize, &'c [E])>,
        padded: &[[f64; L]],
        packing: Packing,
        w: &mut [[f64; L]],
    ) {
        // SAFETY: as for `weights`.
        unsafe { weights_any(lists, padded, packing, w) }
    }

    /// # Safety
    /// As for `weights`.
    #[inline(always)]
    unsafe fn weights_any<'c, E: Entry + 'c, const L: usize>(
        mut lists: impl Iterator<Item = (usize, &'c [E])>,
        padded: &[[f64; L]],
        packing: Packing,
        w: &mut [[f64; L]],
    ) {
        loop {
            let group: [Option<(usize, &[E])>; GROUP] = std::array::from_fn(|_| lists.next());
            if group[0].is_none() {
                return;
            }
            let each = std::array::from_fn(|g| group[g].map_or(&[][..], |l| l.1));
            // SAFETY: the caller vouches for the entries.
            let acc = unsafe { sums(each, padded, packing, [0.0; L]) };
            for (g, acc) in group.iter().zip(acc) {
                if let Some((j, _)) = g {
                    w[*j] = acc;
                }
            }
        }
    }

    /// Each example's scores, `c` of them, into `out`: `start`, then
    /// Σ value × `w[feature]` over its features, for each example of `rows`.
    ///
    /// # Safety
    /// Every entry of `rows` has an index below `w.len()` and a value
    /// number below `packing.values.len()`.
    pub unsafe fn scores<'c, E: Entry + 'c, const L: usize>(
        rows: impl Iterator<Item = &'c [E]>,
        w: &[[f64; L]],
        packing: Packing,
        start: &[f64; L],
        c: usize,
        out: &mut [f64],
    ) {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has AVX2, checked just above; the
            // caller vouches for the entries.
            return unsafe { scores_avx2(rows, w, packing, start, c, out) };
        }
        // SAFETY: the caller vouches for the entries.
        unsafe { scores_any(rows, w, packing, start, c, out) }
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn scores_avx2<'c, E: Entry + 'c, const L: usize>(
        rows: impl Iterator<Item = &'c [E]>,
        w: &[[f64; L]],
        packing: Packing,
        start: &[f64; L],
        c: usize,
        out: &mut [f64],
    ) {
        // SAFETY: as for `scores`.
        unsafe { scores_any(rows, w, packing, start, c, out) }
    }

    /// # Safety
    /// As for `scores`.
    #[inline(always)]
    unsafe fn scores_any<'c, E: Entry + 'c, const L: usize>(
        mut rows: impl Iterator<Item = &'c [E]>,
        w: &[[f64; L]],
        packing: Packing,
        start: &[f64; L],
        c: usize,
        out: &mut [f64],
    ) {
        for out in out.chunks_mut(GROUP * c) {
            let each = std::array::from_fn(|_| rows.next().unwrap_or(&[]));
            // SAFETY: the caller vouches for the entries.
            let acc = unsafe { sums(each, w, packing, *start) };
            for (acc, s) in acc.iter().zip(out.chunks_mut(c)) {
                s.copy_from_slice(&acc[..c]);
            }
        }
    }

    /// For each list of `each`, `start` plus Σ value × `table[index]` over
    /// its entries in order: the lists' common length side by side, then
    /// each one's rest. Both passes of a step are these sums, over the
    /// features' lists of examples and over the examples' lists of features.
    ///
    /// # Safety
    /// Every entry has an index below `table.len()` and a value number
    /// below `packing.values.len()`.
    #[inline(always)]
    unsafe fn sums<E: Entry, const L: usize>(
        each: [&[E]; GROUP],
        table: &[[f64; L]],
        packing: Packing,
        start: [f64; L],
    ) -> [[f64; L]; GROUP] {
        let mut acc = [start; GROUP];
        let common = each.iter().map(|l| l.len()).min().unwrap_or(0);
        let heads: [&[E]; GROUP] = std::array::from_fn(|g| &each[g][..common]);
        for t in 0..common {
            for (acc, head) in acc.iter_mut().zip(&heads) {
                // SAFETY: the caller vouches for the entries.
                unsafe {
                    let (i, v) = packing.open(head[t]);
                    add(acc, table.get_unchecked(i), v);
                }
            }
        }
        for (acc, list) in acc.iter_mut().zip(&each) {
            for &e in &list[common..] {
                // SAFETY: the caller vouches for the entries.
                unsafe {
                    let (i, v) = packing.open(e);
                    add(acc, table.get_unchecked(i), v);
                }
            }
        }
        acc
    }

    #[inline(always)]
    fn add<const L: usize>(acc: &mut [f64; L], a: &[f64; L], v: f64) {
        for k in 0..L {
            acc[k] += a[k] * v;
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        /// The build this processor takes gives the bits of the build for
        /// any processor.
        #[test]
        fn both_builds_give_the_same_bits() {
            let value = |i: usize| ((i * 37 % 101) as f64 * 0.173).sin();
            let values: Vec<f64> = (0..40).map(value).collect();
            let packing = Packing {
                values: &values,
                shift: 6,
            };
            let padded: Vec<[f64; 6]> = (0..50)
                .map(|i| std::array::from_fn(|k| value(i * 6 + k)))
                .collect();
            let lists: Vec<Vec<u32>> = (0..23)
                .map(|f| {
                    (0..(f * 7 % 19))
                        .map(|t| u32::pack((f + t * 3) % 50, (f * 19 + t) % 40, 6))
                        .collect()
                })
                .collect();
            let each = || lists.iter().enumerate().map(|(j, l)| (j, l.as_slice()));
            let (mut w, mut w_any) = (vec![[0.0; 6]; 23], vec![[0.0; 6]; 23]);
            // SAFETY: indices below 50, the rows of `padded`, and value
            // numbers below 40, the values.
            unsafe {
                weights(each(), &padded, packing, &mut w);
                weights_any(each(), &padded, packing, &mut w_any);
            }
            let bits = |v: &[[f64; 6]]| v.iter().flatten().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&w), bits(&w_any));
            let rows: Vec<Vec<u32>> = lists
                .iter()
                .map(|l| {
                    l.iter()
                        .map(|&e| u32::pack(e.index(6) % 23, e.value(6), 6))
                        .collect()
                })
                .collect();
            let rows = || rows.iter().map(Vec::as_slice);
            let start = [0.5; 6];
            let (mut out, mut out_any) = (vec![0.0; 23 * 5], vec![0.0; 23 * 5]);
            // SAFETY: indices below 23, the rows of `w`, and value numbers
            // below 40, the values.
            unsafe {
                scores(rows(), &w, packing, &start, 5, &mut out);
                scores_any(rows(), &w, packing, &start, 5, &mut out_any);
            }
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&out), bits(&out_any));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Examples of many lengths, over more features than a block holds.
    fn examples() -> Vec<Features> {
        (0..41u32)
            .map(|i| {
                let n = 1 + (i * 37 % 23) as usize;
                let mut x: Vec<(u32, f64)> = (0..n as u32)
                    .map(|t| ((i * 131 + t * t * 17) % 1300, ((i + t) as f64 * 0.71).sin()))
                    .collect();
                x.sort_by_key(|p| p.0);
                x.dedup_by_key(|p| p.0);
                x
            })
            .collect()
    }

    /// X̃ X̃ᵀ y by plain loops, each sum in its order.
    fn plain(xs: &[Features], vocabulary: usize, y: &[f64], c: usize) -> Vec<f64> {
        let mut w = vec![vec![0.0; c]; vocabulary];
        let mut bias = vec![0.0; c];
        for (i, x) in xs.iter().enumerate() {
            for &(f, v) in x {
                for k in 0..c {
                    w[f as usize][k] += y[i * c + k] * v;
                }
            }
        }
        for a in y.chunks(c) {
            for k in 0..c {
                bias[k] += a[k] * BIAS;
            }
        }
        let mut out = Vec::new();
        for x in xs {
            let mut s: Vec<f64> = bias.iter().map(|b| b * BIAS).collect();
            for &(f, v) in x {
                for k in 0..c {
                    s[k] += w[f as usize][k] * v;
                }
            }
            out.extend(s);
        }
        out
    }

    #[test]
    fn sums_side_by_side_give_the_plain_loops_bits() {
        let xs = examples();
        let vocabulary = 1300;
        for wide in [false, true] {
            let spread = Spread::packed(xs.iter().collect(), vocabulary, wide);
            assert_eq!(matches!(spread.entries, Entries::Wide(_)), wide);
            for c in [1, 3, 6, 8, 11] {
                let y: Vec<f64> = (0..xs.len() * c).map(|i| (i as f64 * 0.37).cos()).collect();
                let mut out = vec![0.0; xs.len() * c];
                spread.times(&y, c, &mut out);
                let expected = plain(&xs, vocabulary, &y, c);
                let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
                assert_eq!(bits(&out), bits(&expected), "{c} chapters, wide: {wide}");
            }
        }
    }

    #[test]
    fn entries_are_narrow_while_index_and_value_fit_in_32_bits() {
        assert_eq!(bits_below(0), 0);
        assert_eq!(bits_below(1), 0);
        assert_eq!(bits_below(2), 1);
        assert_eq!(bits_below(1024), 10);
        assert_eq!(bits_below(1025), 11);
        assert!(narrow(31, 2));
        assert!(!narrow(31, 3));
        assert!(!narrow(32, 1));
        assert!(narrow(22, 1024));
        assert!(!narrow(22, 1025));
        let x: Features = vec![(0, 0.5), (3, 0.25)];
        assert!(matches!(
            Spread::new(vec![&x], 4).entries,
            Entries::Narrow(_)
        ));
    }
}
