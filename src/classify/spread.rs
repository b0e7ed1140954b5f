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
pub struct Spread<'a> {
    rows: Vec<&'a Features>,
    /// Where each feature's examples start in `column`.
    starts: Vec<usize>,
    /// (example, value), feature by feature.
    column: Vec<(u32, f64)>,
    /// The features, block by block of FEATURES, each block's from the
    /// fewest examples to the most: features taken side by side have
    /// about as many, and their chains end together.
    order: Vec<u32>,
}

impl<'a> Spread<'a> {
    /// `vocabulary` is how many features there are.
    pub fn new(rows: Vec<&'a Features>, vocabulary: usize) -> Spread<'a> {
        let mut starts = vec![0; vocabulary + 1];
        for x in &rows {
            for &(f, _) in x.iter() {
                starts[f as usize + 1] += 1;
            }
        }
        for f in 0..vocabulary {
            starts[f + 1] += starts[f];
        }
        let mut next = starts.clone();
        let mut column = vec![(0, 0.0); starts[vocabulary]];
        for (i, x) in rows.iter().enumerate() {
            for &(f, v) in x.iter() {
                column[next[f as usize]] = (i as u32, v);
                next[f as usize] += 1;
            }
        }
        let mut order: Vec<u32> = (0..vocabulary as u32).collect();
        for block in order.chunks_mut(FEATURES) {
            block.sort_by_key(|&f| (starts[f as usize + 1] - starts[f as usize], f));
        }
        Spread {
            rows,
            starts,
            column,
            order,
        }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// `out` = X̃ X̃ᵀ `y`: the weights W = X̃ᵀ y feature by feature, then
    /// each example's scores. Each feature's weights, and each example's
    /// scores, are a row of 1, 4, 6 or LANES numbers (the `c` chapters and
    /// zeros after).
    pub fn times(&self, y: &[f64], c: usize, out: &mut [f64]) {
        match c {
            1 => self.times_in::<1>(y, c, out),
            2..=4 => self.times_in::<4>(y, c, out),
            5..=6 => self.times_in::<6>(y, c, out),
            7..=LANES => self.times_in::<LANES>(y, c, out),
            _ => self.times_by_chapter(y, c, out),
        }
    }

    fn times_in<const L: usize>(&self, y: &[f64], c: usize, out: &mut [f64]) {
        let vocabulary = self.starts.len() - 1;
        let mut padded = vec![[0.0; L]; self.rows.len()];
        for (p, a) in padded.iter_mut().zip(y.chunks(c)) {
            p[..c].copy_from_slice(a);
        }
        let mut w = vec![[0.0f64; L]; vocabulary];
        w.par_chunks_mut(FEATURES)
            .zip(self.order.par_chunks(FEATURES))
            .enumerate()
            .for_each(|(block, (w, order))| {
                let first = block * FEATURES;
                let lists = order.iter().map(|&f| {
                    let f = f as usize;
                    (f - first, &self.column[self.starts[f]..self.starts[f + 1]])
                });
                kernel::weights(lists, &padded, w);
            });
        let mut start = [0.0; L];
        for (sk, bk) in start.iter_mut().zip(self.bias(y, c)) {
            *sk = bk * BIAS;
        }
        out.par_chunks_mut(EXAMPLES * c)
            .zip(self.rows.par_chunks(EXAMPLES))
            .for_each(|(out, rows)| kernel::scores(rows, &w, &start, c, out));
    }

    /// As `times`, for more chapters than LANES.
    fn times_by_chapter(&self, y: &[f64], c: usize, out: &mut [f64]) {
        let vocabulary = self.starts.len() - 1;
        let mut w = vec![0.0; vocabulary * c];
        w.par_chunks_mut(FEATURES * c)
            .enumerate()
            .for_each(|(block, w)| {
                for (j, wf) in w.chunks_mut(c).enumerate() {
                    let f = block * FEATURES + j;
                    for &(i, v) in &self.column[self.starts[f]..self.starts[f + 1]] {
                        for (wk, ak) in wf.iter_mut().zip(&y[i as usize * c..][..c]) {
                            *wk += ak * v;
                        }
                    }
                }
            });
        let bias = self.bias(y, c);
        out.par_chunks_mut(c)
            .zip(self.rows.par_iter())
            .for_each(|(s, x)| {
                for (sk, bk) in s.iter_mut().zip(&bias) {
                    *sk = bk * BIAS;
                }
                for &(f, v) in x.iter() {
                    for (sk, wk) in s.iter_mut().zip(&w[f as usize * c..][..c]) {
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

/// The two sums of a step, GROUP chains at a time. Built twice on x86-64:
/// for any processor, and with AVX2 (a row of 4 numbers in a register),
/// taken when the processor has it. Multiplications and additions stay
/// apart (no fused multiply-add), so both give the same bits.
mod kernel {
    use super::GROUP;

    /// A feature's examples, each with the feature's value.
    type List<'c> = &'c [(u32, f64)];
    use crate::classify::features::Features;

    /// `w[j]` = Σ value × `padded[example]` over `list`, for each (j, list)
    /// of `lists`.
    pub fn weights<'c, const L: usize>(
        lists: impl Iterator<Item = (usize, List<'c>)>,
        padded: &[[f64; L]],
        w: &mut [[f64; L]],
    ) {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has AVX2, checked just above.
            return unsafe { weights_avx2(lists, padded, w) };
        }
        weights_any(lists, padded, w)
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn weights_avx2<'c, const L: usize>(
        lists: impl Iterator<Item = (usize, List<'c>)>,
        padded: &[[f64; L]],
        w: &mut [[f64; L]],
    ) {
        weights_any(lists, padded, w)
    }

    #[inline(always)]
    fn weights_any<'c, const L: usize>(
        mut lists: impl Iterator<Item = (usize, List<'c>)>,
        padded: &[[f64; L]],
        w: &mut [[f64; L]],
    ) {
        loop {
            let group: [Option<(usize, List)>; GROUP] = std::array::from_fn(|_| lists.next());
            if group[0].is_none() {
                return;
            }
            let mut acc = [[0.0; L]; GROUP];
            let empty: List = &[];
            let each: [List; GROUP] = std::array::from_fn(|g| group[g].map_or(empty, |l| l.1));
            let common = each.iter().map(|l| l.len()).min().unwrap_or(0);
            let heads: [List; GROUP] = std::array::from_fn(|g| &each[g][..common]);
            for t in 0..common {
                for (acc, head) in acc.iter_mut().zip(&heads) {
                    let (i, v) = head[t];
                    add(acc, &padded[i as usize], v);
                }
            }
            for g in 0..GROUP {
                for &(i, v) in &each[g][common..] {
                    add(&mut acc[g], &padded[i as usize], v);
                }
                if let Some((j, _)) = group[g] {
                    w[j] = acc[g];
                }
            }
        }
    }

    /// Each example's scores, `c` of them, into `out`: `start`, then
    /// Σ value × `w[feature]` over its features.
    pub fn scores<const L: usize>(
        rows: &[&Features],
        w: &[[f64; L]],
        start: &[f64; L],
        c: usize,
        out: &mut [f64],
    ) {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has AVX2, checked just above.
            return unsafe { scores_avx2(rows, w, start, c, out) };
        }
        scores_any(rows, w, start, c, out)
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn scores_avx2<const L: usize>(
        rows: &[&Features],
        w: &[[f64; L]],
        start: &[f64; L],
        c: usize,
        out: &mut [f64],
    ) {
        scores_any(rows, w, start, c, out)
    }

    #[inline(always)]
    fn scores_any<const L: usize>(
        rows: &[&Features],
        w: &[[f64; L]],
        start: &[f64; L],
        c: usize,
        out: &mut [f64],
    ) {
        for (rows, out) in rows.chunks(GROUP).zip(out.chunks_mut(GROUP * c)) {
            let mut acc = [*start; GROUP];
            let common = rows.iter().map(|x| x.len()).min().unwrap_or(0);
            if let [r0, r1, r2, r3] = rows {
                let heads = [&r0[..common], &r1[..common], &r2[..common], &r3[..common]];
                for t in 0..common {
                    for (acc, head) in acc.iter_mut().zip(&heads) {
                        let (f, v) = head[t];
                        add(acc, &w[f as usize], v);
                    }
                }
            } else {
                for t in 0..common {
                    for (g, x) in rows.iter().enumerate() {
                        let (f, v) = x[t];
                        add(&mut acc[g], &w[f as usize], v);
                    }
                }
            }
            for ((x, acc), s) in rows.iter().zip(&mut acc).zip(out.chunks_mut(c)) {
                for &(f, v) in &x[common..] {
                    add(acc, &w[f as usize], v);
                }
                s.copy_from_slice(&acc[..c]);
            }
        }
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
            let padded: Vec<[f64; 6]> = (0..50)
                .map(|i| std::array::from_fn(|k| value(i * 6 + k)))
                .collect();
            let lists: Vec<Vec<(u32, f64)>> = (0..23)
                .map(|f| {
                    (0..(f * 7 % 19))
                        .map(|t| (((f + t * 3) % 50) as u32, value(f * 19 + t)))
                        .collect()
                })
                .collect();
            let each = || lists.iter().enumerate().map(|(j, l)| (j, l.as_slice()));
            let (mut w, mut w_any) = (vec![[0.0; 6]; 23], vec![[0.0; 6]; 23]);
            weights(each(), &padded, &mut w);
            weights_any(each(), &padded, &mut w_any);
            let bits = |v: &[[f64; 6]]| v.iter().flatten().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&w), bits(&w_any));
            let rows: Vec<Features> = lists
                .iter()
                .map(|l| l.iter().map(|&(i, v)| (i % 23, v)).collect())
                .collect();
            let rows: Vec<&Features> = rows.iter().collect();
            let start = [0.5; 6];
            let (mut out, mut out_any) = (vec![0.0; 23 * 5], vec![0.0; 23 * 5]);
            scores(&rows, &w, &start, 5, &mut out);
            scores_any(&rows, &w, &start, 5, &mut out_any);
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
        for c in [1, 3, 6, 8, 11] {
            let y: Vec<f64> = (0..xs.len() * c).map(|i| (i as f64 * 0.37).cos()).collect();
            let mut out = vec![0.0; xs.len() * c];
            Spread::new(xs.iter().collect(), vocabulary).times(&y, c, &mut out);
            let expected = plain(&xs, vocabulary, &y, c);
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&out), bits(&expected), "{c} chapters");
        }
    }
}
