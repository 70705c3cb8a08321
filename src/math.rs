//! A portable exponential for the Monte Carlo's hot loop.
//!
//! Every lognormal amount is exp(μ + σz); `libm::exp` (FreeBSD's rational approximation with a
//! division) costs about 33 ns per call in WebAssembly and was a third of a simulation's time
//! (`scripts/bench-sim.sh`). This is the table method of Tang (ACM TOMS 15, 1989), as in the
//! exponentials of ARM's optimized-routines and glibc: x = (128k + j)·ln2/128 + r with |r| ≤ ln2/256,
//! exp(x) = 2^k · 2^(j/128) · p(r), p the degree-5 Taylor polynomial of e^r (truncation below
//! 2e-16 · 2^-8). Only +, −, × and bit operations on f64, in a fixed order, so the result is the
//! same on every platform; the 128 table values come from `libm::exp2` once. Outside
//! |x| ≤ 700 (and for NaN) it defers to `libm::exp`.
//!
//! # Example
//! ```
//! let x = 2.5f64;
//! assert!((gapcast::math::exp(x) - libm::exp(x)).abs() <= 2.0 * f64::EPSILON * libm::exp(x));
//! ```

use std::sync::OnceLock;

/// Table size: 2^(j/N) for j = 0..N.
const N: usize = 128;
/// N / ln 2.
const INV_LN2_N: f64 = N as f64 / std::f64::consts::LN_2;
/// ln 2 / N in two parts: the high part has trailing zeros so that k·LN2_N_HI is exact for |k| < 2^20.
const LN2_N_HI: f64 = 0.693_147_180_369_123_8 / N as f64;
const LN2_N_LO: f64 = 1.908_214_929_270_587_7e-10 / N as f64;
/// 1.5·2^52: adding it rounds to the nearest integer (ties to even) in the low bits.
const SHIFT: f64 = 6_755_399_441_055_744.0;

fn table() -> &'static [f64; N] {
    static TABLE: OnceLock<[f64; N]> = OnceLock::new();
    TABLE.get_or_init(|| std::array::from_fn(|j| libm::exp2(j as f64 / N as f64)))
}

/// e^x, within 2 ulp of the exact value for |x| ≤ 700 (tested against `libm::exp`).
#[inline]
pub fn exp(x: f64) -> f64 {
    if x.is_nan() || x.abs() > 700.0 {
        return libm::exp(x);
    }
    let kd = x * INV_LN2_N + SHIFT;
    let bits = kd.to_bits();
    let kd = kd - SHIFT;
    let r = (x - kd * LN2_N_HI) - kd * LN2_N_LO;
    // kd is an integer in the low bits of `bits`: j = kd mod N, k = kd div N (two's complement)
    let ki = bits as i64;
    let j = (ki & (N as i64 - 1)) as usize;
    let k = ki >> 7;
    let r2 = r * r;
    // e^r − 1, added to 1 only through the table value so that its rounding error stays small
    let q = r + r2 * (0.5 + r * (1.0 / 6.0)) + r2 * r2 * (1.0 / 24.0 + r * (1.0 / 120.0));
    let t = table()[j];
    let scale = f64::from_bits(((k + 1023) as u64) << 52);
    (t + t * q) * scale
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ulps(a: f64, b: f64) -> f64 {
        ((a - b) / b).abs() / f64::EPSILON
    }

    #[test]
    fn matches_libm_within_two_ulp() {
        let mut worst: f64 = 0.0;
        // a grid over the whole fast range, and a dense one over the amounts' usual range
        let grid = (-7000..=7000).map(|i| f64::from(i) * 0.1);
        let dense = (-200_000..=200_000).map(|i| f64::from(i) * 1e-4 + 1e-9);
        for x in grid.chain(dense) {
            worst = worst.max(ulps(exp(x), libm::exp(x)));
        }
        assert!(worst <= 2.0, "worst {worst} ulp");
    }

    #[test]
    fn ends_and_specials() {
        assert_eq!(exp(0.0), 1.0);
        assert_eq!(exp(f64::NEG_INFINITY), 0.0);
        assert_eq!(exp(f64::INFINITY), f64::INFINITY);
        assert!(exp(f64::NAN).is_nan());
        assert_eq!(exp(710.0), f64::INFINITY);
        assert_eq!(exp(-750.0), 0.0);
        assert!(ulps(exp(700.0), libm::exp(700.0)) <= 2.0);
        assert!(ulps(exp(-700.0), libm::exp(-700.0)) <= 2.0);
    }

    #[test]
    fn is_non_decreasing_across_table_cells() {
        // 2^(j/N)·p(r) meets its neighbour cell at r = ±ln2/(2N): no step backwards there
        let step = std::f64::consts::LN_2 / N as f64;
        for c in -2000..2000 {
            let edge = (f64::from(c) + 0.5) * step;
            let below = exp(edge - 1e-13);
            let above = exp(edge + 1e-13);
            assert!(below <= above, "at {edge}: {below} > {above}");
        }
    }
}
