//! The amounts of items on their own, by inversion: a 32-bit uniform u read through a table of the
//! item's quantiles at 4 096 equally likely cells, linearly between the cell's ends; exactly, by
//! the distribution's inverse CDF, in the eight cells at each end (u < 1/512 or u > 1 − 1/512).
//!
//! Why: a lognormal amount drawn as a normal z (ziggurat) and then e^(μ + σz) (a table of the
//! exponential) cost two table methods per draw; inversion costs one lookup and one
//! multiply-add, and half a 64-bit draw. In Chromium the bench's Monte Carlo went from about
//! 36 to 31 ms (`scripts/bench-sim.sh`; README, "Monte Carlo speed").
//!
//! How close: the table's knots are the exact quantiles Q(i/4096), so every cell keeps exactly its
//! probability, 1/4096; within a cell the amount is a straight line between the knots where the
//! exact one is the quantile curve. Measured as numerical inversion is (Hörmann & Leydold,
//! "Continuous random variate generation by fast numerical inversion", *ACM TOMACS* 13(4), 2003):
//! the u-error |F(x̂(u)) − u|, the largest distance between the CDF drawn from and the exact one,
//! is at most 7e-6 for every distribution a scenario may give (test
//! `the_u_error_is_small_for_every_kind`: lognormal ranges with σ up to 2.8, the largest
//! [`crate::dist::MAX_RANGE_RATIO`] allows; normal ranges censored at 0; triangular with the mode
//! anywhere; a PERT adds this to its own tabulated quantile's). A million runs cannot see it: the
//! distance between their empirical CDF and the exact one is about 1e-3 (Kolmogorov–Smirnov,
//! 0.87/√N). The straight lines move a mean by at most 1 % of its Monte Carlo standard error at a
//! million runs, and a variance by at most 8 % of its (test `the_moments_are_the_exact_quantiles`;
//! the most is for a lognormal range of a wide spread, whose upper cells are the most curved).
//! The tails beyond the interpolated cells (0.4 % of the draws) are the exact inverse CDF at
//! u = (v + ½)·2⁻³², so a draw reaches at most Φ⁻¹(2⁻³³) = ±6.34 standard normal deviations (the
//! chance of going beyond is 2.3·10⁻¹⁰ per draw).
//!
//! A normal range's table holds the normal itself, μ + σ·Φ⁻¹(p), smooth across 0, and a drawn
//! amount below 0 is then clipped to 0: so the cell where the amount crosses 0 is as close as the
//! others, and the chance of 0 is the normal's.
//!
//! The knots Φ⁻¹(i/4096) are computed once (AS 241); an item's table holds 4 097 values (32 KB),
//! of which 4 081 are computed per simulation (an exponential each for a lognormal range). Items
//! past the simulation's table budget compute the two knots they need per draw by the same
//! formula: the same amounts, more slowly.

use std::sync::OnceLock;

use crate::dist::AmountDist;
use crate::forecast::stats::normal_quantile;

/// Bits of a 32-bit uniform that choose its cell.
const CELL_BITS: u32 = 12;
/// Cells: equally likely slices of (0, 1).
const CELLS: usize = 1 << CELL_BITS;
/// Bits that place the uniform within its cell.
const FRAC_BITS: u32 = 32 - CELL_BITS;
/// Cells at each end drawn by the exact inverse CDF.
const EXACT_CELLS: u32 = 8;
/// Values of a table: a knot at each cell's ends.
pub(super) const ENTRIES: usize = CELLS + 1;

/// Φ⁻¹(i/4096) for i = 0..=4096 (±∞ at the ends), computed on first use.
fn normal_knots() -> &'static [f64; ENTRIES] {
    static KNOTS: OnceLock<Box<[f64; ENTRIES]>> = OnceLock::new();
    KNOTS.get_or_init(|| {
        let mut z = Box::new([0.0; ENTRIES]);
        z[0] = f64::NEG_INFINITY;
        z[CELLS] = f64::INFINITY;
        // symmetric: Φ⁻¹(1 − p) = −Φ⁻¹(p), and Φ⁻¹(½) = 0
        for i in 1..CELLS / 2 {
            let q = normal_quantile(i as f64 / CELLS as f64);
            z[i] = q;
            z[CELLS - i] = -q;
        }
        z
    })
}

/// The cell of a 32-bit uniform and its place in it: (i, f) with u = (i + f)/4096, f ∈ (0, 1).
#[inline(always)]
fn cell_and_fraction(v: u32) -> (usize, f64) {
    // f = (low bits + ½)·2⁻²⁰, exactly: 1 + f is built from its bits (the low bits, then a 1, at
    // the top of the mantissa of a number in [1, 2)) and 1 subtracted
    const ONE: u64 = 0x3FF0_0000_0000_0000;
    let low = u64::from(v) & ((1 << FRAC_BITS) - 1);
    let f = f64::from_bits(ONE | (low << (52 - FRAC_BITS)) | (1 << (51 - FRAC_BITS))) - 1.0;
    ((v >> FRAC_BITS) as usize, f)
}

/// Whether cell `i` is one of the exact ones at the ends.
#[inline(always)]
fn is_exact(i: usize) -> bool {
    (i as u32).wrapping_sub(EXACT_CELLS) >= CELLS as u32 - 2 * EXACT_CELLS
}

/// u = (v + ½)·2⁻³² of a 32-bit uniform v.
fn uniform(v: u32) -> f64 {
    (f64::from(v) + 0.5) * (1.0 / 4_294_967_296.0)
}

/// An item's signed amounts by inversion: its distribution, its sign and, within the budget, its
/// table.
#[derive(Debug, Clone)]
pub(super) struct Inversion {
    dist: AmountDist,
    /// +1 for an increase ledger, −1 for a decrease.
    sign: f64,
    /// The knots' signed amounts, when the item has a table.
    table: Option<Box<[f64; ENTRIES]>>,
    /// Whether amounts below 0 are clipped (a normal range).
    censored: bool,
}

impl Inversion {
    /// Inversion of `dist`, its amounts times `sign` (±1), with a table when `with_table`. The
    /// sign is in the table, so a decrease's amounts cost no pass of their own: the same numbers
    /// as negating the increase's (negation is exact, and rounding symmetric about 0).
    pub(super) fn new(dist: &AmountDist, sign: f64, with_table: bool) -> Inversion {
        let table = with_table.then(|| {
            let mut table = Box::new([0.0; ENTRIES]);
            // the knots the interpolated cells read; those of the exact cells' far ends repeat
            // their neighbours (finite, and never used)
            let used = EXACT_CELLS as usize..=CELLS - EXACT_CELLS as usize;
            for i in used.clone() {
                table[i] = sign * knot(dist, i);
            }
            let (first, last) = (table[*used.start()], table[*used.end()]);
            table[..*used.start()].fill(first);
            table[*used.end() + 1..].fill(last);
            table
        });
        Inversion {
            dist: dist.clone(),
            sign,
            table,
            censored: dist.is_censored(),
        }
    }

    /// Whether the item has a table.
    #[cfg(test)]
    pub(super) fn has_table(&self) -> bool {
        self.table.is_some()
    }

    /// The amounts of the 32-bit uniforms `v`, into `out` (of the same length, at most 65 536);
    /// `exact` is scratch of the same length.
    pub(super) fn fill(&self, v: &[u32], out: &mut [f64], exact: &mut [u16]) {
        debug_assert!(out.len() <= 1 << 16, "a place must fit a u16");
        let v = &v[..out.len()];
        // the places of the draws in exact cells, listed as they come: each place is written at
        // the list's end, which moves on only for an exact one (straight code)
        let mut n = 0;
        match &self.table {
            Some(table) => {
                for (j, (&v, o)) in v.iter().zip(out.iter_mut()).enumerate() {
                    let (i, f) = cell_and_fraction(v);
                    exact[n] = j as u16;
                    n += usize::from(is_exact(i));
                    // i ≤ 4095: both reads are within the table's 4097 values
                    let (low, high) = (table[i], table[i + 1]);
                    *o = low + f * (high - low);
                }
            }
            None => {
                for (j, (&v, o)) in v.iter().zip(out.iter_mut()).enumerate() {
                    let (i, f) = cell_and_fraction(v);
                    exact[n] = j as u16;
                    n += usize::from(is_exact(i));
                    if !is_exact(i) {
                        let (low, high) = (knot(&self.dist, i), knot(&self.dist, i + 1));
                        *o = self.sign * (low + f * (high - low));
                    }
                }
            }
        }
        if self.censored {
            // an amount below 0, i.e. of the other sign than the item's: 0, on the bits (no
            // floating-point choice in the loop)
            let sign_bit = self.sign.to_bits() & (1 << 63);
            for o in out.iter_mut() {
                let bits = o.to_bits();
                let other_sign = ((bits ^ sign_bit) as i64 >> 63) as u64;
                *o = f64::from_bits(bits & !other_sign);
            }
        }
        for &j in &exact[..n] {
            let j = usize::from(j);
            out[j] = self.sign * self.dist.quantile(uniform(v[j]));
        }
    }
}

/// The amount at knot i (the quantile at i/4096) of `dist`.
fn knot(dist: &AmountDist, i: usize) -> f64 {
    dist.knot(i as f64 / CELLS as f64, normal_knots()[i])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dist::{normal_cdf, AmountSpec};
    use crate::error::Place;

    fn dist(json: &str) -> AmountDist {
        let spec: AmountSpec = serde_json::from_str(json).unwrap();
        let mut problems = Vec::new();
        spec.check(Place::Field, &mut problems).unwrap().tabulated()
    }

    #[test]
    fn the_cell_and_fraction_are_the_uniforms() {
        for v in [
            0u32,
            1,
            0xFFFFF,
            0x100000,
            0x7FFF_FFFF,
            0xDEAD_BEEF,
            u32::MAX,
        ] {
            let (i, f) = cell_and_fraction(v);
            assert_eq!((i as f64 + f) / CELLS as f64, uniform(v), "{v:#x}");
            assert!(f > 0.0 && f < 1.0);
        }
        let exact: Vec<usize> = (0..CELLS).filter(|&i| is_exact(i)).collect();
        assert_eq!(
            exact,
            [0, 1, 2, 3, 4, 5, 6, 7, 4088, 4089, 4090, 4091, 4092, 4093, 4094, 4095]
        );
    }

    #[test]
    fn the_knots_are_the_normal_quantiles() {
        let z = normal_knots();
        assert_eq!(z[CELLS / 2], 0.0);
        // Φ⁻¹(1/4096) = −3.48710410411443110683 (mpmath: √2·erfinv(2/4096 − 1), 30 digits)
        assert!((z[1] + 3.487_104_104_114_431).abs() < 1e-13, "{}", z[1]);
        assert!(z[1..CELLS].windows(2).all(|w| w[0] < w[1]));
        for i in [1, 100, 2047, 3000, 4095] {
            assert!((normal_cdf(z[i]) - i as f64 / CELLS as f64).abs() < 1e-15);
        }
    }

    /// 65 536 uniforms spread over every cell (the most one call takes), and the amounts drawn
    /// for them.
    fn spread(inversion: &Inversion) -> (Vec<u32>, Vec<f64>) {
        let step = 1u32 << (FRAC_BITS - 4);
        let v: Vec<u32> = (0..1u32 << (CELL_BITS + 4))
            .map(|k| k * step + step / 2)
            .collect();
        let mut x = vec![0.0; v.len()];
        inversion.fill(&v, &mut x, &mut vec![0; v.len()]);
        (v, x)
    }

    /// The largest |F(x) − u| of amounts `x` drawn for uniforms `v`, with the exact CDF `cdf`.
    fn u_error(v: &[u32], x: &[f64], cdf: impl Fn(f64) -> f64) -> f64 {
        let mut worst: f64 = 0.0;
        for (&v, &x) in v.iter().zip(x) {
            let u = uniform(v);
            // an amount clipped to 0 is exact for every u up to the chance of 0
            let error = if x == 0.0 {
                (u - cdf(0.0)).max(0.0)
            } else {
                (cdf(x) - u).abs()
            };
            worst = worst.max(error);
        }
        worst
    }

    /// [`u_error`] of the inversion of `d`.
    fn inversion_u_error(d: &AmountDist, cdf: impl Fn(f64) -> f64) -> f64 {
        let (v, x) = spread(&Inversion::new(d, 1.0, true));
        u_error(&v, &x, cdf)
    }

    #[test]
    fn the_u_error_is_small_for_every_kind() {
        // measured: 3.3e-6 (σ 0.03) to 6.4e-6 (σ 2.8) for lognormal ranges, 3.3e-6 for a normal
        // range, 1.8e-6 for triangular, 0 for uniform
        const BOUND: f64 = 7e-6;
        // lognormal ranges from a 1.1-fold to the largest 10⁴-fold spread (σ 0.03 to 2.8)
        for (low, high) in [
            (10.0, 11.0),
            (5.4, 12.1),
            (1.0, 10.0),
            (1.0, 95.0),
            (1.0, 1e4),
        ] {
            let d = dist(&format!(
                r#"{{"type":"range90","low":{low},"high":{high}}}"#
            ));
            let (mu, sigma) = d.lognormal().unwrap();
            let e = inversion_u_error(&d, |x| normal_cdf((libm::log(x) - mu) / sigma));
            assert!(e < BOUND, "lognormal {low}–{high}: u-error {e:e}");
        }
        // a normal range, censored at 0
        let d = dist(r#"{"type":"range90","low":0,"high":20}"#);
        let sd = 20.0 / (2.0 * crate::dist::Z90);
        let e = inversion_u_error(&d, |x| normal_cdf((x - 10.0) / sd));
        assert!(e < BOUND, "normal: u-error {e:e}");
        // triangular and PERT with the mode at either end and between
        for mode in [0.0, 1.0, 5.0, 10.0] {
            let d = dist(&format!(
                r#"{{"type":"triangular","min":0,"mode":{mode},"max":10}}"#
            ));
            let e = inversion_u_error(&d, |x| {
                if x < mode {
                    x * x / (10.0 * mode)
                } else {
                    1.0 - (10.0 - x) * (10.0 - x) / (10.0 * (10.0 - mode))
                }
            });
            assert!(e < BOUND, "triangular mode {mode}: u-error {e:e}");
            // a PERT's quantile is itself read from a table of its CDF (`AmountDist::tabulated`),
            // whose own u-error (up to 2.4e-5 at mode 1) the inversion keeps and adds little to
            let d = dist(&format!(
                r#"{{"type":"pert","min":0,"mode":{mode},"max":10}}"#
            ));
            let (a, b) = (1.0 + 0.4 * mode, 1.0 + 0.4 * (10.0 - mode));
            let cdf = |x: f64| crate::dist::beta_cdf(x / 10.0, a, b);
            let (v, drawn) = spread(&Inversion::new(&d, 1.0, true));
            let quantiles: Vec<f64> = v.iter().map(|&v| d.quantile(uniform(v))).collect();
            let (e, own) = (u_error(&v, &drawn, cdf), u_error(&v, &quantiles, cdf));
            assert!(
                e < own + BOUND,
                "PERT mode {mode}: u-error {e:e}, its quantile's {own:e}"
            );
        }
        let d = dist(r#"{"type":"uniform","min":2,"max":7}"#);
        let e = inversion_u_error(&d, |x| (x - 2.0) / 5.0);
        assert!(e < 1e-12, "uniform: u-error {e:e}");
    }

    /// Uniforms scattered over (0, 1) by a multiplicative hash, and both ends.
    fn scattered(n: u32) -> Vec<u32> {
        (0..n)
            .map(|k| k.wrapping_mul(0x9E37_79B9))
            .chain([0, u32::MAX])
            .collect()
    }

    /// The amounts of `d` times `sign` for the uniforms `v`, with a table or without.
    fn amounts(d: &AmountDist, sign: f64, with_table: bool, v: &[u32]) -> Vec<f64> {
        let mut x = vec![0.0; v.len()];
        Inversion::new(d, sign, with_table).fill(v, &mut x, &mut vec![0; v.len()]);
        x
    }

    /// A lognormal range, a normal one (censored at 0), a triangular and a PERT.
    const SOME_KINDS: [&str; 4] = [
        r#"{"type":"range90","low":5.4,"high":12.1}"#,
        r#"{"type":"range90","low":0,"high":20}"#,
        r#"{"type":"triangular","min":1,"mode":2,"max":9}"#,
        r#"{"type":"pert","min":1,"mode":2,"max":9}"#,
    ];

    #[test]
    fn a_decrease_draws_the_increases_amounts_negated() {
        for json in SOME_KINDS {
            let d = dist(json);
            let v = scattered(30_000);
            for with_table in [true, false] {
                let (up, down) = (
                    amounts(&d, 1.0, with_table, &v),
                    amounts(&d, -1.0, with_table, &v),
                );
                for (increase, decrease) in up.iter().zip(&down) {
                    // the same magnitude, bit for bit (a clipped 0 is 0 either way)
                    assert_eq!(increase.abs().to_bits(), decrease.abs().to_bits(), "{json}");
                    assert!(
                        *increase >= 0.0 && *decrease <= 0.0,
                        "{json}: {increase} {decrease}"
                    );
                }
                if d.is_censored() {
                    assert!(up.contains(&0.0), "{json}: some clipped");
                }
            }
        }
    }

    #[test]
    fn without_a_table_the_amounts_are_the_same() {
        for json in SOME_KINDS {
            let d = dist(json);
            let v = scattered(20_000);
            let a = amounts(&d, 1.0, true, &v);
            assert_eq!(a, amounts(&d, 1.0, false, &v), "{json}");
            assert!(a.iter().all(|x| x.is_finite() && *x >= 0.0));
        }
    }

    #[test]
    fn the_moments_are_the_exact_quantiles() {
        // the mean and variance of the amounts at the middles of 2²⁰ equal slices of (0, 1)
        // against those of the exact quantiles at the same uniforms: what the interpolation moves.
        // Measured: the mean by at most 1.0 % of its standard error at a million runs (a 95-fold
        // lognormal range, whose upper cells are the most curved: 2.3e-5 of the mean), the
        // variance by at most 8 % of its (the same range: 1.2e-4 of the variance).
        for json in [
            r#"{"type":"range90","low":5.4,"high":12.1}"#,
            r#"{"type":"range90","low":1,"high":95}"#,
            r#"{"type":"range90","low":1,"high":10000}"#,
            r#"{"type":"range90","low":0,"high":20}"#,
            r#"{"type":"triangular","min":1,"mode":2,"max":9}"#,
            r#"{"type":"pert","min":1,"mode":8,"max":9}"#,
        ] {
            let d = dist(json);
            let v: Vec<u32> = (0..1u32 << 20).map(|k| (k << 12) | 0x800).collect();
            let mut drawn = vec![0.0; v.len()];
            let inversion = Inversion::new(&d, 1.0, true);
            for (v, drawn) in v.chunks(1024).zip(drawn.chunks_mut(1024)) {
                inversion.fill(v, drawn, &mut [0; 1024]);
            }
            let exact: Vec<f64> = v.iter().map(|&v| d.quantile(uniform(v))).collect();
            let moments = |x: &[f64]| {
                let n = x.len() as f64;
                let mean = x.iter().sum::<f64>() / n;
                (
                    mean,
                    x.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n,
                )
            };
            let ((m, var), (m_exact, var_exact)) = (moments(&drawn), moments(&exact));
            // against what a million runs can resolve: the Monte Carlo standard error of a mean,
            // sd/√N, and of a variance, about var·√(2/N) (more for heavier tails)
            let n = 1e6f64;
            let (mean_se, var_se) = (d.variance().sqrt() / n.sqrt(), var_exact * (2.0 / n).sqrt());
            assert!(
                (m - m_exact).abs() < 0.02 * mean_se,
                "{json}: mean {m} against {m_exact}"
            );
            assert!(
                (var - var_exact).abs() < 0.1 * var_se,
                "{json}: variance {var} against {var_exact}"
            );
        }
    }
}
