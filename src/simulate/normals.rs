//! Standard normal draws for the Monte Carlo, a block at a time, two from each 64-bit draw: the
//! shared shocks' common normals, and the amounts and occurrences of the items in them.
//!
//! The ziggurat method of Marsaglia and Tsang ("The Ziggurat Method for Generating Random
//! Variables", *Journal of Statistical Software* 5(8), 2000), with 256 layers and the layout of
//! Doornik ("An Improved Ziggurat Method to Generate Normal Random Samples", 2005) that
//! `rand_distr::StandardNormal` also uses: separate bits choose the layer and the value, so the
//! two are independent. What differs is the width: each 32-bit half of a xoshiro256++ draw gives
//! one normal (8 bits for the layer, 24 for the value and its sign), where `rand_distr` spends a
//! whole 64-bit draw on each. A normal then has 2²⁴ possible values within its layer, a
//! resolution of 6·10⁻⁸ of the layer's width, far below what 10⁶ runs can resolve, and the
//! generator's share of the cost is halved (the normals were a fifth of the Monte Carlo's time in
//! WebAssembly).
//!
//! The layers' right edges x₁ = r > x₂ > … > x₂₅₆ = 0 are computed here from the published
//! r = 3.6541528853610088 and common area v = 0.00492867323399 by the recursion
//! xᵢ₊₁ = √(−2 ln(v / xᵢ + f(xᵢ))), f(x) = e^(−x²/2), with x₀ = v / f(r) the base strip's
//! equivalent width; a test checks them against `rand_distr`'s table. All arithmetic is `libm`'s
//! and [`crate::math::exp`], so that a seed gives the same draws natively and in WebAssembly.
//!
//! A draw with layer i and value u ∈ (−1, 1) is x = u·xᵢ, accepted at once when |x| < xᵢ₊₁
//! (99.3 % of draws). Otherwise, in layer 0 it comes from the tail beyond r (Marsaglia 1964:
//! x = −ln U₁ / r, y = −ln U₂, until 2y > x²; then ±(r + x)); in the others x is kept when
//! f(xᵢ₊₁) + (f(xᵢ) − f(xᵢ₊₁))·U < f(x), else a new 32-bit value is taken from a fresh draw.
//! The extra uniforms come from fresh 64-bit draws of the same generator.
//!
//! # Example
//! ```
//! use gapcast::simulate::normals::Ziggurat;
//! let zig = Ziggurat::new();
//! let mut rng = gapcast::forecast::stats::rng(7);
//! let mut z = vec![0.0; 100_000];
//! zig.fill(&mut rng, &mut z);
//! let mean = z.iter().sum::<f64>() / z.len() as f64;
//! assert!(mean.abs() < 0.015); // 5 standard errors
//! ```

use rand::Rng as _;

use crate::forecast::stats::Rng;

/// Layers.
const LAYERS: usize = 256;
/// Right edge of the lowest layer: where the tail begins.
#[allow(clippy::excessive_precision)] // as published
const R: f64 = 3.654_152_885_361_008_8;
/// The area of each layer (and of the base strip with the tail).
const V: f64 = 0.004_928_673_233_99;
/// The value u = (v + ½)·2⁻²³ − 1 in (−1, 1), symmetric about 0, of the top 24 bits v of `bits`,
/// exactly: 2 + (v + ½)·2⁻²³ is built from its bits (v, then a 1, in the top of the mantissa of a
/// number in [2, 4)) and 3 subtracted, which is cheaper than converting v (a WebAssembly
/// micro-optimisation; the same numbers as the arithmetic, tested).
#[inline(always)]
fn uniform_from_top_24(bits: u32) -> f64 {
    const TWO: u64 = 0x4000_0000_0000_0000;
    f64::from_bits(TWO | (u64::from(bits >> 8) << 28) | (1 << 27)) - 3.0
}

/// The ziggurat's tables (4 KB, built once per simulation).
#[derive(Debug, Clone)]
pub struct Ziggurat {
    /// Right edges of the layers, `x[0] = v / f(r)`, `x[1] = r`, …, `x[256] = 0`.
    x: [f64; LAYERS + 1],
    /// `f(x[i])`.
    f: [f64; LAYERS + 1],
}

impl Default for Ziggurat {
    fn default() -> Self {
        Ziggurat::new()
    }
}

/// The normal density without its constant, e^(−x²/2).
fn density(x: f64) -> f64 {
    crate::math::exp(-0.5 * x * x)
}

impl Ziggurat {
    /// The tables.
    pub fn new() -> Ziggurat {
        let mut x = [0.0; LAYERS + 1];
        x[0] = V / density(R);
        x[1] = R;
        for i in 1..LAYERS - 1 {
            x[i + 1] = libm::sqrt(-2.0 * libm::log(V / x[i] + density(x[i])));
        }
        x[LAYERS] = 0.0;
        let f = x.map(density);
        Ziggurat { x, f }
    }

    /// Fills `out` with standard normal draws from `rng`: two from each 64-bit draw, low half
    /// first (a draw that is not accepted at once takes further draws).
    pub fn fill(&self, rng: &mut Rng, out: &mut [f64]) {
        let mut pairs = out.chunks_exact_mut(2);
        for pair in &mut pairs {
            let bits = rng.next_u64();
            pair[0] = self.draw(bits as u32, rng);
            pair[1] = self.draw((bits >> 32) as u32, rng);
        }
        if let [last] = pairs.into_remainder() {
            *last = self.draw(rng.next_u64() as u32, rng);
        }
    }

    /// One normal from 32 random bits (the low 8 choose the layer).
    #[inline(always)]
    pub(super) fn draw(&self, bits: u32, rng: &mut Rng) -> f64 {
        let i = (bits & 0xff) as usize;
        let u = uniform_from_top_24(bits);
        let x = u * self.x[i];
        if x.abs() < self.x[i + 1] {
            x
        } else {
            self.beyond(i, u, rng)
        }
    }

    /// The rest of the method, for the 0.7 % of draws not accepted at once.
    #[cold]
    #[inline(never)]
    fn beyond(&self, mut i: usize, mut u: f64, rng: &mut Rng) -> f64 {
        loop {
            if i == 0 {
                loop {
                    let x = -libm::log(open01(rng)) / R;
                    let y = -libm::log(open01(rng));
                    if 2.0 * y > x * x {
                        return if u < 0.0 { -(R + x) } else { R + x };
                    }
                }
            }
            let x = u * self.x[i];
            if self.f[i + 1] + (self.f[i] - self.f[i + 1]) * open01(rng) < density(x) {
                return x;
            }
            let bits = rng.next_u64() as u32;
            i = (bits & 0xff) as usize;
            u = uniform_from_top_24(bits);
            let x = u * self.x[i];
            if x.abs() < self.x[i + 1] {
                return x;
            }
        }
    }
}

/// A uniform in (0, 1) from the top 52 bits of a draw: (k + ½)·2⁻⁵².
fn open01(rng: &mut Rng) -> f64 {
    ((rng.next_u64() >> 12) as f64 + 0.5) * (1.0 / 4_503_599_627_370_496.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forecast::stats::rng;

    #[test]
    #[allow(clippy::excessive_precision)] // as published
    fn the_layers_are_rand_distrs() {
        // rand_distr 0.6's ZIG_NORM_X (src/ziggurat_tables.rs), a few of its 257 entries
        let published = [
            (0, 3.910_757_959_537_090_045),
            (1, 3.654_152_885_361_008_796),
            (2, 3.449_278_298_560_964_462),
            (3, 3.320_244_733_839_166_074),
            (128, 1.535_342_571_438_843_118),
            (254, 0.286_174_591_747_260_509),
            (255, 0.215_241_895_913_273_806),
            (256, 0.0),
        ];
        let zig = Ziggurat::new();
        for (i, want) in published {
            assert!(
                (zig.x[i] - want).abs() < 1e-9,
                "x[{i}] = {} against {want}",
                zig.x[i]
            );
        }
        assert!(zig.x.windows(2).skip(1).all(|w| w[0] > w[1]));
    }

    /// Φ, for the test's bins (Abramowitz–Stegun 7.1.26 would do; `libm::erfc` is exact enough).
    fn phi(z: f64) -> f64 {
        0.5 * libm::erfc(-z / std::f64::consts::SQRT_2)
    }

    #[test]
    fn draws_are_standard_normal() {
        let zig = Ziggurat::new();
        let mut r = rng(42);
        let n = 2_000_000;
        let mut z = vec![0.0; n];
        zig.fill(&mut r, &mut z);
        let nf = n as f64;
        let mean = z.iter().sum::<f64>() / nf;
        let var = z.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (nf - 1.0);
        let kurt = z.iter().map(|v| (v - mean).powi(4)).sum::<f64>() / nf / (var * var);
        // standard errors: 1/√n, √(2/n), √(24/n); 5 of each
        assert!(mean.abs() < 5.0 / nf.sqrt(), "mean {mean}");
        assert!((var - 1.0).abs() < 5.0 * (2.0 / nf).sqrt(), "var {var}");
        assert!(
            (kurt - 3.0).abs() < 5.0 * (24.0 / nf).sqrt(),
            "kurtosis {kurt}"
        );
        // counts in bins across the body and both tails (beyond r = 3.654 too) against Φ:
        // each within 5 binomial standard errors
        let edges = [
            -4.5, -3.654, -3.0, -2.0, -1.0, -0.3, 0.0, 0.3, 1.0, 2.0, 3.0, 3.654, 4.5,
        ];
        let mut bounds = vec![f64::NEG_INFINITY];
        bounds.extend(edges);
        bounds.push(f64::INFINITY);
        for w in bounds.windows(2) {
            let count = z.iter().filter(|&&v| v >= w[0] && v < w[1]).count() as f64;
            let p = phi(w[1]) - phi(w[0]);
            let se = (nf * p * (1.0 - p)).sqrt();
            assert!(
                (count - nf * p).abs() < 5.0 * se.max(1.0),
                "[{}, {}): {count} against {}",
                w[0],
                w[1],
                nf * p
            );
        }
    }

    #[test]
    fn the_uniform_is_the_arithmetic_one() {
        let mut r = rng(9);
        let ends = [0u32, 0xff, 0x100, 0x7fff_ffff, 0x8000_0000, u32::MAX];
        let random = (0..100_000).map(|_| r.next_u64() as u32);
        for bits in ends.into_iter().chain(random) {
            let want = (f64::from(bits >> 8) + 0.5) / 8_388_608.0 - 1.0;
            assert_eq!(uniform_from_top_24(bits), want, "{bits:#x}");
        }
        assert!(uniform_from_top_24(0) > -1.0 && uniform_from_top_24(u32::MAX) < 1.0);
        assert_eq!(uniform_from_top_24(0), -uniform_from_top_24(u32::MAX));
    }

    #[test]
    fn the_same_seed_gives_the_same_draws_and_an_odd_block_ends_alike() {
        let zig = Ziggurat::new();
        let (mut a, mut b) = (vec![0.0; 1001], vec![0.0; 1001]);
        zig.fill(&mut rng(3), &mut a);
        zig.fill(&mut rng(3), &mut b);
        assert_eq!(a, b);
        let mut c = vec![0.0; 1000];
        zig.fill(&mut rng(3), &mut c);
        assert_eq!(a[..1000], c[..]);
    }
}
