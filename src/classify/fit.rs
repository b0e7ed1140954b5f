//! Fitting the multinomial logistic regression of `model.rs`: minimises the
//! mean cross-entropy plus PENALTY/2 ‖W‖² by accelerated gradient descent
//! (Nesterov, constant momentum for a strongly convex objective), in the
//! span of the examples: W = Σ αᵢ x̃ᵢ (x̃: the features and the constant
//! one), where the L2-regularised optimum lies.
//!
//! Each step needs the examples' scores, K α with K the table of dot
//! products between examples. With a few hundred examples, K is computed
//! once and multiplied; with more, K would grow as the square of their
//! number, so the scores are computed from the features instead: W = X̃ᵀα,
//! then X̃W, in time proportional to the examples. Both are the same
//! descent; they differ only in the rounding of the scores.

pub use super::spread::Spread;
use rayon::prelude::*;

/// Strength of the L2 penalty on the weights.
pub const PENALTY: f64 = 0.001;
/// Weight of the constant feature that carries each chapter's prior.
pub const BIAS: f64 = 1.0;
const MAX_STEPS: usize = 4000;
/// Training stops when no coefficient's gradient exceeds this.
const TOLERANCE: f64 = 1e-6;
/// From this many examples, their steps are taken on every core at once.
const SIDE_BY_SIDE: usize = 1024;

/// The examples a fit learns from, as what multiplies their coefficients
/// into their scores.
pub enum Examples {
    /// Their table of dot products (the constant feature included).
    Table(Table),
    /// Their features.
    Features(Spread),
}

/// Rows of the table are taken eight at a time and classes two at a time,
/// so that the products are added up in registers; each sum still runs
/// over the examples in order, and so is rounded as a plain loop's would be.
const ROWS: usize = 8;
const CLASSES: usize = 2;

/// The dot products between `n` examples, each row padded with zeros to a
/// multiple of ROWS. The table is symmetric: row b read across columns a
/// gives K[a][b].
pub struct Table {
    n: usize,
    width: usize,
    k: Vec<f64>,
}

impl Table {
    /// The sub-table of `gram` (rows of `stride`) for the examples `rows`.
    pub fn of(gram: &[f64], stride: usize, rows: &[usize]) -> Table {
        let n = rows.len();
        let width = n.div_ceil(ROWS) * ROWS;
        let mut k = vec![0.0; n * width];
        for (b, &rb) in rows.iter().enumerate() {
            for (a, &ra) in rows.iter().enumerate() {
                k[b * width + a] = gram[rb * stride + ra];
            }
        }
        Table { n, width, k }
    }

    /// `out` = K `y`, with `y` and `out` of `c` columns, row-major.
    fn times(&self, y: &[f64], c: usize, out: &mut [f64]) {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has AVX2, checked just above.
            return unsafe { self.times_avx2(y, c, out) };
        }
        self.times_any(y, c, out)
    }

    /// `times` with AVX2: ROWS numbers of a column of the table in two
    /// registers. Multiplications and additions stay apart (no fused
    /// multiply-add): the same bits as `times_any` alone.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn times_avx2(&self, y: &[f64], c: usize, out: &mut [f64]) {
        self.times_any(y, c, out)
    }

    #[inline(always)]
    fn times_any(&self, y: &[f64], c: usize, out: &mut [f64]) {
        let (n, width) = (self.n, self.width);
        let cp = c.div_ceil(CLASSES) * CLASSES;
        let mut padded = vec![0.0; n * cp];
        for (p, row) in padded.chunks_mut(cp).zip(y.chunks(c)) {
            p[..c].copy_from_slice(row);
        }
        for a0 in (0..n).step_by(ROWS) {
            for q0 in (0..cp).step_by(CLASSES) {
                let mut acc = [[0.0f64; ROWS]; CLASSES];
                for b in 0..n {
                    let kv: &[f64; ROWS] = self.k[b * width + a0..][..ROWS]
                        .try_into()
                        .expect("rows padded");
                    let yv: &[f64; CLASSES] = padded[b * cp + q0..][..CLASSES]
                        .try_into()
                        .expect("classes padded");
                    for q in 0..CLASSES {
                        for r in 0..ROWS {
                            acc[q][r] += kv[r] * yv[q];
                        }
                    }
                }
                for (q, column) in acc.iter().enumerate().take(c.saturating_sub(q0)) {
                    for (r, v) in column.iter().enumerate().take(n - a0) {
                        out[(a0 + r) * c + q0 + q] = *v;
                    }
                }
            }
        }
    }
}

impl Examples {
    fn len(&self) -> usize {
        match self {
            Examples::Table(t) => t.n,
            Examples::Features(spread) => spread.len(),
        }
    }

    /// `out` = K `y` (`c` columns).
    fn times(&self, y: &[f64], c: usize, out: &mut [f64]) {
        match self {
            Examples::Table(t) => t.times(y, c, out),
            Examples::Features(spread) => spread.times(y, c, out),
        }
    }
}

/// Fits the regression on `examples`, whose chapters are `labels` (each
/// below `classes`). Returns the coefficients α, `examples` × `classes`,
/// row-major; W = Σ αᵢ x̃ᵢ.
pub fn fit(examples: &Examples, labels: &[usize], classes: usize) -> Vec<f64> {
    let n = examples.len();
    let c = classes;
    // Lipschitz constant of the gradient: the largest eigenvalue of the
    // table (power iteration from a fixed start), halved for the softmax,
    // over n; plus the penalty.
    let mut v = vec![1.0; n];
    let mut w = vec![0.0; n];
    let mut top = 0.0;
    for _ in 0..50 {
        examples.times(&v, 1, &mut w);
        top = w.iter().map(|x| x * x).sum::<f64>().sqrt();
        if top == 0.0 {
            break;
        }
        v = w.iter().map(|x| x / top).collect();
    }
    let lipschitz = 1.05 * top / (2.0 * n as f64) + PENALTY;
    let step = 1.0 / lipschitz;
    let q = (PENALTY / lipschitz).sqrt();
    let momentum = (1.0 - q) / (1.0 + q);
    let mut alpha = vec![0.0; n * c];
    let mut previous = alpha.clone();
    let mut y = vec![0.0; n * c];
    let mut scores = vec![0.0; n * c];
    let mut p = vec![0.0; c];
    for _ in 0..MAX_STEPS {
        for ((y, a), before) in y.iter_mut().zip(&alpha).zip(&previous) {
            *y = a + momentum * (a - before);
        }
        examples.times(&y, c, &mut scores);
        previous.copy_from_slice(&alpha);
        let descend = |a: usize, alpha: &mut [f64], p: &mut [f64]| {
            let s = &scores[a * c..(a + 1) * c];
            let max = s.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let mut sum = 0.0;
            for (pk, sk) in p.iter_mut().zip(s) {
                *pk = (sk - max).exp();
                sum += *pk;
            }
            let mut largest = 0.0f64;
            for kk in 0..c {
                let target = if labels[a] == kk { 1.0 } else { 0.0 };
                let g = (p[kk] / sum - target) / n as f64 + PENALTY * y[a * c + kk];
                largest = largest.max(g.abs());
                alpha[kk] = y[a * c + kk] - step * g;
            }
            largest
        };
        // Each example's step is its own: many are taken on every core.
        let largest = if n < SIDE_BY_SIDE {
            alpha
                .chunks_mut(c)
                .enumerate()
                .map(|(a, alpha)| descend(a, alpha, &mut p))
                .fold(0.0, f64::max)
        } else {
            alpha
                .par_chunks_mut(c)
                .enumerate()
                .map_init(|| vec![0.0; c], |p, (a, alpha)| descend(a, alpha, p))
                .reduce(|| 0.0, f64::max)
        };
        if largest < TOLERANCE {
            break;
        }
    }
    alpha
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::features::Features;

    fn features() -> Vec<Features> {
        vec![
            vec![(0, 0.5), (2, 1.0)],
            vec![(1, 2.0)],
            vec![(0, 1.5), (1, 0.25), (3, 1.0)],
            vec![(2, 0.75), (3, 0.5)],
            vec![(0, 1.0), (3, 2.0)],
        ]
    }

    /// More examples than the table takes rows at once, of many lengths.
    fn many_features() -> Vec<Features> {
        (0..21u32)
            .map(|i| {
                (0..1 + i % 5)
                    .map(|t| (i * 3 + t * 7) % 11)
                    .collect::<std::collections::BTreeSet<u32>>()
                    .into_iter()
                    .map(|f| (f, ((i + f) as f64 * 0.29).sin()))
                    .collect()
            })
            .collect()
    }

    fn gram(xs: &[Features]) -> Vec<f64> {
        let n = xs.len();
        let mut k = vec![0.0; n * n];
        for (i, a) in xs.iter().enumerate() {
            for (j, b) in xs.iter().enumerate() {
                let dot: f64 = a
                    .iter()
                    .flat_map(|(f, u)| {
                        b.iter()
                            .filter(move |(g, _)| g == f)
                            .map(move |(_, v)| u * v)
                    })
                    .sum();
                k[i * n + j] = dot + BIAS * BIAS;
            }
        }
        k
    }

    #[test]
    fn the_table_and_the_features_give_the_same_scores() {
        let xs = features();
        let rows = [0, 2, 3, 4, 1];
        let table = Table::of(&gram(&xs), xs.len(), &rows);
        let examples = Examples::Features(Spread::new(rows.iter().map(|&r| &xs[r]).collect(), 4));
        let c = 3;
        let y: Vec<f64> = (0..rows.len() * c)
            .map(|i| (i as f64 * 0.37).sin())
            .collect();
        let (mut a, mut b) = (vec![0.0; rows.len() * c], vec![0.0; rows.len() * c]);
        table.times(&y, c, &mut a);
        examples.times(&y, c, &mut b);
        for (x, z) in a.iter().zip(&b) {
            assert!((x - z).abs() < 1e-12, "{a:?} {b:?}");
        }
    }

    #[test]
    fn the_table_adds_up_in_the_order_of_the_examples() {
        // Each score is the plain loop's sum, to the last bit.
        let xs = many_features();
        let rows: Vec<usize> = (0..xs.len()).collect();
        let k = gram(&xs);
        let table = Table::of(&k, xs.len(), &rows);
        let c = 5;
        let y: Vec<f64> = (0..rows.len() * c)
            .map(|i| (i as f64 * 1.3).cos())
            .collect();
        let mut out = vec![0.0; rows.len() * c];
        table.times(&y, c, &mut out);
        for a in 0..rows.len() {
            for q in 0..c {
                let mut s = 0.0;
                for b in 0..rows.len() {
                    s += k[a * rows.len() + b] * y[b * c + q];
                }
                assert_eq!(out[a * c + q].to_bits(), s.to_bits());
            }
        }
    }

    #[test]
    fn the_table_gives_the_same_bits_on_any_processor() {
        let xs = many_features();
        let rows: Vec<usize> = (0..xs.len()).collect();
        let table = Table::of(&gram(&xs), xs.len(), &rows);
        let c = 3;
        let y: Vec<f64> = (0..rows.len() * c)
            .map(|i| (i as f64 * 0.7).sin())
            .collect();
        let (mut a, mut b) = (vec![0.0; rows.len() * c], vec![0.0; rows.len() * c]);
        table.times(&y, c, &mut a);
        table.times_any(&y, c, &mut b);
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&a), bits(&b));
    }

    #[test]
    fn both_ways_fit_the_same_coefficients() {
        let xs = features();
        let rows = [0, 1, 2, 3, 4];
        let labels = [0, 1, 0, 2, 2];
        let table = fit(
            &Examples::Table(Table::of(&gram(&xs), xs.len(), &rows)),
            &labels,
            3,
        );
        let spread = fit(
            &Examples::Features(Spread::new(xs.iter().collect(), 4)),
            &labels,
            3,
        );
        for (a, b) in table.iter().zip(&spread) {
            assert!((a - b).abs() < 1e-9, "{a} {b}");
        }
    }
}
