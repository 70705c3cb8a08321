//! A portable exponential for the Monte Carlo's hot loop.
//!
//! Every lognormal amount is exp(μ + σz); `libm::exp` (FreeBSD's rational approximation with a
//! division) costs about 33 ns per call in WebAssembly and was a third of a simulation's time
//! (`scripts/bench-sim.sh`). This is the table method of Tang (ACM TOMS 15, 1989), as in the
//! exponentials of ARM's optimized-routines and glibc: x = (256k + j)·ln2/256 + r with |r| ≤ ln2/512,
//! exp(x) = 2^k · 2^(j/256) · p(r), p the degree-4 Taylor polynomial of e^r (truncation below
//! |r|⁵/120 < 4e-17). Only +, −, × and bit operations on f64, in a fixed order, so the result is the
//! same on every platform; the 256 table values are `libm::exp2`'s, written out. There is no
//! branch: the argument is clamped (by comparisons, which leave NaN alone) and 2^k is applied in
//! two halves, so that the same straight code gives ∞ and 0 beyond the ends. In WebAssembly in
//! Chromium the clamp's comparisons cost as much as the rest, so a block of draws
//! ([`crate::dist::AmountDist::fill_from_normals`]) uses the core without them
//! ([`exp_within_limit`]) and checks the range on the bits ([`within_limit`]). Subnormal results (x < −708.4) are rounded twice and may be off by more
//! than 2 ulp. The Monte Carlo's lognormal amounts in a shared shock go one step further:
//! [`LogNormalExp`] moves the table from x to the normal draw z, one table per item (an item on
//! its own draws by inversion instead, `simulate::inversion`).
//!
//! # Example
//! ```
//! let x = 2.5f64;
//! assert!((gapcast::math::exp(x) - libm::exp(x)).abs() <= 2.0 * f64::EPSILON * libm::exp(x));
//! ```

/// Table size: 2^(j/N) for j = 0..N.
const N: usize = 256;
/// N / ln 2.
const INV_LN2_N: f64 = N as f64 / std::f64::consts::LN_2;
/// ln 2 / N in two parts: the high part has trailing zeros so that k·LN2_N_HI is exact for |k| < 2^20.
const LN2_N_HI: f64 = 0.693_147_180_369_123_8 / N as f64;
const LN2_N_LO: f64 = 1.908_214_929_270_587_7e-10 / N as f64;
/// 1.5·2^52: adding it rounds to the nearest integer (ties to even) in the low bits.
const SHIFT: f64 = 6_755_399_441_055_744.0;

/// 2^(j/N) for j = 0..N, as the bits of `libm::exp2(j / N)` (test `the_table_is_libms_exp2`): a
/// static rather than a table built on first use, so the hot loop reads it without a check.
#[rustfmt::skip]
static TABLE_BITS: [u64; N] = [
    0x3ff0000000000000, 0x3ff00b1afa5abcbf, 0x3ff0163da9fb3335, 0x3ff02168143b0281,
    0x3ff02c9a3e778061, 0x3ff037d42e11bbcc, 0x3ff04315e86e7f85, 0x3ff04e5f72f654b1,
    0x3ff059b0d3158574, 0x3ff0650a0e3c1f89, 0x3ff0706b29ddf6de, 0x3ff07bd42b72a836,
    0x3ff0874518759bc8, 0x3ff092bdf66607e0, 0x3ff09e3ecac6f383, 0x3ff0a9c79b1f3919,
    0x3ff0b5586cf9890f, 0x3ff0c0f145e46c85, 0x3ff0cc922b7247f7, 0x3ff0d83b23395dec,
    0x3ff0e3ec32d3d1a2, 0x3ff0efa55fdfa9c5, 0x3ff0fb66affed31b, 0x3ff1073028d7233e,
    0x3ff11301d0125b51, 0x3ff11edbab5e2ab6, 0x3ff12abdc06c31cc, 0x3ff136a814f204ab,
    0x3ff1429aaea92de0, 0x3ff14e95934f312e, 0x3ff15a98c8a58e51, 0x3ff166a45471c3c2,
    0x3ff172b83c7d517b, 0x3ff17ed48695bbc0, 0x3ff18af9388c8dea, 0x3ff1972658375d2f,
    0x3ff1a35beb6fcb75, 0x3ff1af99f8138a1c, 0x3ff1bbe084045cd4, 0x3ff1c82f95281c6b,
    0x3ff1d4873168b9aa, 0x3ff1e0e75eb44027, 0x3ff1ed5022fcd91d, 0x3ff1f9c18438ce4d,
    0x3ff2063b88628cd6, 0x3ff212be3578a819, 0x3ff21f49917ddc96, 0x3ff22bdda27912d1,
    0x3ff2387a6e756238, 0x3ff2451ffb82140a, 0x3ff251ce4fb2a63f, 0x3ff25e85711ece75,
    0x3ff26b4565e27cdd, 0x3ff2780e341ddf29, 0x3ff284dfe1f56381, 0x3ff291ba7591bb70,
    0x3ff29e9df51fdee1, 0x3ff2ab8a66d10f13, 0x3ff2b87fd0dad990, 0x3ff2c57e39771b2f,
    0x3ff2d285a6e4030b, 0x3ff2df961f641589, 0x3ff2ecafa93e2f56, 0x3ff2f9d24abd886b,
    0x3ff306fe0a31b715, 0x3ff31432edeeb2fd, 0x3ff32170fc4cd831, 0x3ff32eb83ba8ea32,
    0x3ff33c08b26416ff, 0x3ff3496266e3fa2d, 0x3ff356c55f929ff1, 0x3ff36431a2de883b,
    0x3ff371a7373aa9cb, 0x3ff37f26231e754a, 0x3ff38cae6d05d866, 0x3ff39a401b7140ef,
    0x3ff3a7db34e59ff7, 0x3ff3b57fbfec6cf4, 0x3ff3c32dc313a8e5, 0x3ff3d0e544ede173,
    0x3ff3dea64c123422, 0x3ff3ec70df1c5175, 0x3ff3fa4504ac801c, 0x3ff40822c367a024,
    0x3ff4160a21f72e2a, 0x3ff423fb2709468a, 0x3ff431f5d950a897, 0x3ff43ffa3f84b9d4,
    0x3ff44e086061892d, 0x3ff45c2042a7d232, 0x3ff46a41ed1d0057, 0x3ff4786d668b3237,
    0x3ff486a2b5c13cd0, 0x3ff494e1e192aed2, 0x3ff4a32af0d7d3de, 0x3ff4b17dea6db7d7,
    0x3ff4bfdad5362a27, 0x3ff4ce41b817c114, 0x3ff4dcb299fddd0d, 0x3ff4eb2d81d8abff,
    0x3ff4f9b2769d2ca7, 0x3ff508417f4531ee, 0x3ff516daa2cf6642, 0x3ff5257de83f4eef,
    0x3ff5342b569d4f82, 0x3ff542e2f4f6ad27, 0x3ff551a4ca5d920f, 0x3ff56070dde910d2,
    0x3ff56f4736b527da, 0x3ff57e27dbe2c4cf, 0x3ff58d12d497c7fd, 0x3ff59c0827ff07cc,
    0x3ff5ab07dd485429, 0x3ff5ba11fba87a03, 0x3ff5c9268a5946b7, 0x3ff5d84590998b93,
    0x3ff5e76f15ad2148, 0x3ff5f6a320dceb71, 0x3ff605e1b976dc09, 0x3ff6152ae6cdf6f4,
    0x3ff6247eb03a5585, 0x3ff633dd1d1929fd, 0x3ff6434634ccc320, 0x3ff652b9febc8fb7,
    0x3ff6623882552225, 0x3ff671c1c70833f6, 0x3ff68155d44ca973, 0x3ff690f4b19e9538,
    0x3ff6a09e667f3bcd, 0x3ff6b052fa75173e, 0x3ff6c012750bdabf, 0x3ff6cfdcddd47645,
    0x3ff6dfb23c651a2f, 0x3ff6ef9298593ae5, 0x3ff6ff7df9519484, 0x3ff70f7466f42e87,
    0x3ff71f75e8ec5f74, 0x3ff72f8286ead08a, 0x3ff73f9a48a58174, 0x3ff74fbd35d7cbfd,
    0x3ff75feb564267c9, 0x3ff77024b1ab6e09, 0x3ff780694fde5d3f, 0x3ff790b938ac1cf6,
    0x3ff7a11473eb0187, 0x3ff7b17b0976cfdb, 0x3ff7c1ed0130c132, 0x3ff7d26a62ff86f0,
    0x3ff7e2f336cf4e62, 0x3ff7f3878491c491, 0x3ff80427543e1a12, 0x3ff814d2add106d9,
    0x3ff82589994cce13, 0x3ff8364c1eb941f7, 0x3ff8471a4623c7ad, 0x3ff857f4179f5b21,
    0x3ff868d99b4492ed, 0x3ff879cad931a436, 0x3ff88ac7d98a6699, 0x3ff89bd0a478580f,
    0x3ff8ace5422aa0db, 0x3ff8be05bad61778, 0x3ff8cf3216b5448c, 0x3ff8e06a5e0866d9,
    0x3ff8f1ae99157736, 0x3ff902fed0282c8a, 0x3ff9145b0b91ffc6, 0x3ff925c353aa2fe2,
    0x3ff93737b0cdc5e5, 0x3ff948b82b5f98e5, 0x3ff95a44cbc8520f, 0x3ff96bdd9a7670b3,
    0x3ff97d829fde4e50, 0x3ff98f33e47a22a2, 0x3ff9a0f170ca07ba, 0x3ff9b2bb4d53fe0d,
    0x3ff9c49182a3f090, 0x3ff9d674194bb8d5, 0x3ff9e86319e32323, 0x3ff9fa5e8d07f29e,
    0x3ffa0c667b5de565, 0x3ffa1e7aed8eb8bb, 0x3ffa309bec4a2d33, 0x3ffa42c980460ad8,
    0x3ffa5503b23e255d, 0x3ffa674a8af46052, 0x3ffa799e1330b358, 0x3ffa8bfe53c12e59,
    0x3ffa9e6b5579fdbf, 0x3ffab0e521356eba, 0x3ffac36bbfd3f37a, 0x3ffad5ff3a3c2774,
    0x3ffae89f995ad3ad, 0x3ffafb4ce622f2ff, 0x3ffb0e07298db666, 0x3ffb20ce6c9a8952,
    0x3ffb33a2b84f15fb, 0x3ffb468415b749b1, 0x3ffb59728de5593a, 0x3ffb6c6e29f1c52a,
    0x3ffb7f76f2fb5e47, 0x3ffb928cf22749e4, 0x3ffba5b030a1064a, 0x3ffbb8e0b79a6f1f,
    0x3ffbcc1e904bc1d2, 0x3ffbdf69c3f3a207, 0x3ffbf2c25bd71e09, 0x3ffc06286141b33d,
    0x3ffc199bdd85529c, 0x3ffc2d1cd9fa652c, 0x3ffc40ab5fffd07a, 0x3ffc544778fafb22,
    0x3ffc67f12e57d14b, 0x3ffc7ba88988c933, 0x3ffc8f6d9406e7b5, 0x3ffca3405751c4db,
    0x3ffcb720dcef9069, 0x3ffccb0f2e6d1675, 0x3ffcdf0b555dc3fa, 0x3ffcf3155b5bab74,
    0x3ffd072d4a07897c, 0x3ffd1b532b08c968, 0x3ffd2f87080d89f2, 0x3ffd43c8eacaa1d6,
    0x3ffd5818dcfba487, 0x3ffd6c76e862e6d3, 0x3ffd80e316c98398, 0x3ffd955d71ff6075,
    0x3ffda9e603db3285, 0x3ffdbe7cd63a8315, 0x3ffdd321f301b460, 0x3ffde7d5641c0658,
    0x3ffdfc97337b9b5f, 0x3ffe11676b197d17, 0x3ffe264614f5a129, 0x3ffe3b333b16ee12,
    0x3ffe502ee78b3ff6, 0x3ffe653924676d76, 0x3ffe7a51fbc74c83, 0x3ffe8f7977cdb740,
    0x3ffea4afa2a490da, 0x3ffeb9f4867cca6e, 0x3ffecf482d8e67f1, 0x3ffee4aaa2188510,
    0x3ffefa1bee615a27, 0x3fff0f9c1cb6412a, 0x3fff252b376bba97, 0x3fff3ac948dd7274,
    0x3fff50765b6e4540, 0x3fff6632798844f8, 0x3fff7bfdad9cbe14, 0x3fff91d802243c89,
    0x3fffa7c1819e90d8, 0x3fffbdba3692d514, 0x3fffd3c22b8f71f1, 0x3fffe9d96b2a23d9,
];

/// e^x, within 2 ulp of the exact value where the result is a normal number (|x| ≤ 708);
/// +∞ above 709.8, 0 below −745.2, NaN for NaN.
///
/// One straight computation for every x, with no test: the argument is clamped to ±1 000
/// (beyond which the result is already ∞ or 0) and the power of two is applied in two halves, so
/// that it cannot leave the exponent's range before the result over- or underflows. In
/// WebAssembly (V8) a test in the Monte Carlo's loop costs about as much as the exponential itself.
#[inline]
pub fn exp(x: f64) -> f64 {
    // comparisons leave NaN as it is, and NaN propagates to the result
    let x = if x > LIMIT { LIMIT } else { x };
    let x = if x < -LIMIT { -LIMIT } else { x };
    let (m, k) = table_and_polynomial(x);
    // 2^k as 2^k1 · 2^k2, each within the exponent's range for |k| ≤ 1 500
    let k1 = k >> 1;
    let scale1 = f64::from_bits(((k1 + 1023) as u64) << 52);
    let scale2 = f64::from_bits(((k - k1 + 1023) as u64) << 52);
    m * scale1 * scale2
}

/// Whether [`exp_within_limit`] gives [`exp`] at `x` (|x| ≤ 700; false for NaN): a comparison
/// of the bits as integers, which in WebAssembly costs less than a floating-point one whose
/// result is used.
#[inline]
pub fn within_limit(x: f64) -> bool {
    (x.to_bits() & !SIGN_BIT) <= FAST_LIMIT.to_bits()
}

/// [`exp`] without its clamp and with 2^k as one factor: the same bits for |x| ≤ 700 (where the
/// result is a normal number, so the two halves multiply exactly as one) and for NaN, and
/// meaningless for other x (see [`within_limit`]).
#[inline]
pub fn exp_within_limit(x: f64) -> f64 {
    let (m, k) = table_and_polynomial(x);
    m * f64::from_bits(((k + 1023) as u64) << 52)
}

/// e^r − 1 by its degree-4 Taylor polynomial, for |r| ≤ ln 2/512 (truncation below 4e-17).
#[inline(always)]
fn expm1_taylor(r: f64) -> f64 {
    let r2 = r * r;
    r + r2 * (0.5 + r * (1.0 / 6.0)) + r2 * r2 * (1.0 / 24.0)
}

/// x = k·ln2 + (j/N)·ln2 + r: returns 2^(j/N)·e^r and k.
#[inline(always)]
fn table_and_polynomial(x: f64) -> (f64, i64) {
    let kd = x * INV_LN2_N + SHIFT;
    let bits = kd.to_bits();
    let kd = kd - SHIFT;
    let r = (x - kd * LN2_N_HI) - kd * LN2_N_LO;
    // kd is an integer in the low bits of `bits`: j = kd mod N, k = kd div N (two's complement)
    let ki = bits as i64;
    let j = (ki & (N as i64 - 1)) as usize;
    // e^r − 1, added to 1 only through the table value so that its rounding error stays small
    let q = expm1_taylor(r);
    let t = f64::from_bits(TABLE_BITS[j]);
    (t + t * q, ki >> 8)
}

/// e^(μ + σz) of one lognormal amount (μ, σ) for many standard normal draws z, by a table of the
/// item's own e^(μ + σ·i/K) over the draws' usual range |z| ≤ 7: the method of [`exp`] (Tang's
/// table and the degree-4 polynomial) with the table moved from x to z, so that neither the
/// argument μ + σz nor its reduction by ln 2 is computed per draw, and 2^k is in the table.
/// z = i/K + δ with K a power of two ≥ σ·256/ln 2, so i/K and δ are exact and |σδ| ≤ ln 2/512,
/// the bound of [`exp`]'s reduced argument; the result is t + t·p(σδ) with t = e^(μ + σ·i/K) by
/// [`exp`]. It is as accurate as [`exp`] of the rounded argument μ + σz: both are within about
/// (|μ| + |σz|)/2 + 2 ulp of the exact e^(μ + σz) (the roundings of the argument, here in the
/// table's μ + σ·i/K), and they may differ from each other by up to about |μ| + |σz| ulp (test
/// `the_lognormal_table_is_exp_within_a_few_ulp`; the Monte Carlo's summaries of the bench and
/// of the seed did not change in their 12 printed digits). Across a table cell's edge it may step
/// back by a few ulp (not monotone at that scale, as [`exp`] is). A draw beyond ±7 (about 1
/// in 4·10¹¹) takes [`exp`], so each draw's value depends on z alone. Building the table takes
/// 14·K + 1 exponentials (1 793 for σ = 0.3, a few µs). In WebAssembly in Chromium a draw took
/// 2.1 against 3.6 ns with [`exp_within_limit`] (micro-benchmark), the bench's Monte Carlo 4 ms
/// less (`scripts/bench-sim.sh`); node 20's older V8 showed no difference.
#[derive(Clone)]
pub struct LogNormalExp {
    mu: f64,
    sigma: f64,
    /// K, and 1/K (exact).
    k: f64,
    inv_k: f64,
    /// Index of z = 0 in `table`: 7·K.
    offset: u32,
    /// e^(μ + σ·(i − offset)/K) for i = 0..=2·offset.
    table: Box<[f64]>,
}

impl std::fmt::Debug for LogNormalExp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LogNormalExp")
            .field("mu", &self.mu)
            .field("sigma", &self.sigma)
            .field("k", &self.k)
            .field("entries", &self.table.len())
            .finish()
    }
}

/// The draws a [`LogNormalExp`] tabulates: |z| ≤ 7.
const Z_LIMIT: f64 = 7.0;
/// The bits of [`Z_LIMIT`] (a comparison of |z|'s bits as integers is cheaper in WebAssembly).
const Z_LIMIT_BITS: u64 = 0x401C_0000_0000_0000;
/// The largest K of a [`LogNormalExp`] (a table of 14·K + 1 values, 57 KB): σ up to 2 ln 2 ≈ 1.3863,
/// a 90 % range whose ends differ 95-fold.
const MAX_K: f64 = 512.0;

impl LogNormalExp {
    /// The table for e^(μ + σz), or `None` when it does not apply: σ not in (0, 2 ln 2 ≈ 1.3863],
    /// the amounts at |z| ≤ 7 not all normal numbers well inside f64's range (|μ| + 7σ > 700), or
    /// a table of more than `max_entries` values (14·K + 1).
    pub fn new(mu: f64, sigma: f64, max_entries: usize) -> Option<LogNormalExp> {
        let fits = sigma > 0.0 && mu.abs() + Z_LIMIT * sigma <= FAST_LIMIT;
        // K: the smallest power of two with σ/(2K) ≤ ln 2/(2N)
        let k = (sigma * INV_LN2_N).max(1.0);
        let k = 2f64.powi(libm::ceil(libm::log2(k)) as i32);
        if !fits || k > MAX_K {
            return None;
        }
        let inv_k = 1.0 / k;
        let offset = (Z_LIMIT * k) as u32;
        if 2 * offset as usize + 1 > max_entries {
            return None;
        }
        let table = (0..=2 * offset)
            .map(|i| exp(mu + sigma * ((f64::from(i) - f64::from(offset)) * inv_k)))
            .collect();
        Some(LogNormalExp {
            mu,
            sigma,
            k,
            inv_k,
            offset,
            table,
        })
    }

    /// The number of values in the table.
    pub fn entries(&self) -> usize {
        self.table.len()
    }

    /// e^(μ + σz) for each z of `z`, into `out` (of the same length).
    pub fn fill(&self, z: &[f64], out: &mut [f64]) {
        let (sigma, k, inv_k, offset) = (self.sigma, self.k, self.inv_k, self.offset);
        let last = self.table.len() - 1;
        let mut beyond = false;
        for (z, o) in z.iter().zip(out.iter_mut()) {
            // z·K rounded to an integer i, in the low bits of `bits`; δ = z − i/K
            let kd = z * k + SHIFT;
            let bits = kd.to_bits();
            let kd = kd - SHIFT;
            let r = sigma * (z - kd * inv_k);
            beyond |= (z.to_bits() & !SIGN_BIT) > Z_LIMIT_BITS;
            let i = (bits as u32).wrapping_add(offset) as usize;
            let t = self.table[i.min(last)];
            *o = t + t * expm1_taylor(r);
        }
        if beyond {
            // (NaN too) rare: again, one at a time
            for (z, o) in z.iter().zip(out.iter_mut()) {
                if (z.to_bits() & !SIGN_BIT) > Z_LIMIT_BITS {
                    *o = exp(self.mu + self.sigma * z);
                }
            }
        }
    }
}

const SIGN_BIT: u64 = 1 << 63;

/// Beyond ±`LIMIT` e^x is ∞ or 0 in f64, and the table method's 2^k stays in two halves' range.
const LIMIT: f64 = 1000.0;
/// Within ±`FAST_LIMIT` e^x is a normal number and 2^k a single factor.
const FAST_LIMIT: f64 = 700.0;

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
    fn the_lognormal_table_is_exp_within_a_few_ulp() {
        // e^(μ + σz) against libm's exp of the rounded argument: the two may differ by the
        // roundings of μ + σz here and of μ + σ·i/K in the table (each up to about (|μ| + |σz|)·2⁻⁵³
        // relative) and a few ulp
        let mut r = crate::forecast::stats::rng(5);
        let zig = crate::simulate::normals::Ziggurat::new();
        let mut z = vec![0.0; 20_000];
        zig.fill(&mut r, &mut z);
        let grid = (-800..=800).map(|i| f64::from(i) * 0.01);
        let edges = [
            7.0,
            -7.0,
            6.999_999_999,
            7.000_000_001,
            -7.5,
            9.0,
            40.0,
            0.0,
            -0.0,
            1e-300,
        ];
        z.extend(grid.chain(edges));
        for (mu, sigma) in [
            (2.0, 0.3),
            (-1.0, 0.05),
            (0.0, 1e-4),
            (5.5, 1.2),
            (3.0, 1.386),
            (-600.0, 1.0),
        ] {
            let table = LogNormalExp::new(mu, sigma, usize::MAX).expect("applies");
            let mut out = vec![0.0; z.len()];
            table.fill(&z, &mut out);
            for (&z, &got) in z.iter().zip(&out) {
                let x = mu + sigma * z;
                let want = libm::exp(x);
                let allowed = 4.0 + mu.abs() + (sigma * z).abs();
                assert!(
                    ulps(got, want) <= allowed,
                    "μ {mu} σ {sigma} z {z}: {} ulp",
                    ulps(got, want)
                );
                if z.abs() > 7.0 {
                    assert_eq!(got, exp(x), "beyond the table: exp itself");
                }
            }
        }
        let table = LogNormalExp::new(1.0, 0.5, usize::MAX).unwrap();
        let mut out = [0.0; 3];
        table.fill(&[f64::NAN, f64::INFINITY, f64::NEG_INFINITY], &mut out);
        assert!(out[0].is_nan());
        assert_eq!(&out[1..], &[f64::INFINITY, 0.0]);
    }

    #[test]
    fn the_lognormal_table_applies_only_within_its_bounds() {
        assert_eq!(Z_LIMIT_BITS, Z_LIMIT.to_bits());
        assert!(LogNormalExp::new(2.0, 0.0, usize::MAX).is_none());
        assert!(LogNormalExp::new(2.0, -0.1, usize::MAX).is_none());
        assert!(LogNormalExp::new(2.0, f64::NAN, usize::MAX).is_none());
        assert!(LogNormalExp::new(f64::NAN, 0.3, usize::MAX).is_none());
        assert!(LogNormalExp::new(2.0, 1.4, usize::MAX).is_none());
        assert!(LogNormalExp::new(695.0, 1.0, usize::MAX).is_none());
        let small = LogNormalExp::new(0.0, 1e-9, usize::MAX).unwrap();
        assert_eq!((small.k, small.table.len()), (1.0, 15));
        let t = LogNormalExp::new(2.0, 0.3, usize::MAX).unwrap();
        assert_eq!((t.k, t.offset, t.table.len()), (128.0, 896, 1793));
        assert!(LogNormalExp::new(2.0, 0.3, 1793).is_some());
        assert!(LogNormalExp::new(2.0, 0.3, 1792).is_none());
        // 2 ln 2 is the largest σ (K = 512)
        let widest = LogNormalExp::new(0.0, 2.0 * std::f64::consts::LN_2, usize::MAX).unwrap();
        assert_eq!(widest.table.len(), 7169);
    }

    #[test]
    fn a_draw_beyond_the_table_changes_no_other_draw() {
        // each value depends on its z alone: the same bits with a draw beyond ±7 (or NaN) in the
        // block, and when drawn one at a time
        let t = LogNormalExp::new(2.0, 0.3, usize::MAX).unwrap();
        let z: Vec<f64> = (-70..=70).map(|i| f64::from(i) * 0.0997 + 1e-7).collect();
        let mut alone = vec![0.0; z.len()];
        t.fill(&z, &mut alone);
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        for extra in [7.5, -9.0, f64::NAN] {
            let mut with_extra = z.clone();
            with_extra.insert(z.len() / 2, extra);
            let mut out = vec![0.0; with_extra.len()];
            t.fill(&with_extra, &mut out);
            out.remove(z.len() / 2);
            assert_eq!(bits(&alone), bits(&out), "with {extra}");
        }
        for (&z, &a) in z.iter().zip(&alone) {
            let mut one = [0.0];
            t.fill(&[z], &mut one);
            assert_eq!(one[0].to_bits(), a.to_bits(), "z {z}");
        }
    }

    #[test]
    fn the_table_is_libms_exp2() {
        for (j, &t) in TABLE_BITS.iter().enumerate() {
            assert_eq!(t, libm::exp2(j as f64 / N as f64).to_bits(), "j = {j}");
        }
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
        // the ends of the normal range, where 2^k needs both halves
        for x in [709.78, 709.0, 705.5, -705.5, -708.3] {
            assert!(ulps(exp(x), libm::exp(x)) <= 2.0, "{x}");
        }
        assert_eq!(exp(709.8), f64::INFINITY);
        assert_eq!(exp(1e300), f64::INFINITY);
        assert_eq!(exp(-1e300), 0.0);
        // subnormal results: close, not to the ulp
        for x in [-709.0, -720.0, -740.0] {
            assert!((exp(x) / libm::exp(x) - 1.0).abs() < 1e-6, "{x}");
        }
    }

    #[test]
    fn within_the_limit_the_unclamped_core_is_exp() {
        let grid = (-70_000..=70_000).map(|i| f64::from(i) * 0.01);
        for x in [-700.0, -1.5, -0.0, 0.0, 1e-300, 2.5, 700.0]
            .into_iter()
            .chain(grid)
        {
            assert!(within_limit(x), "{x}");
            assert_eq!(exp_within_limit(x).to_bits(), exp(x).to_bits(), "{x}");
        }
        for x in [
            700.000_000_000_1,
            -709.0,
            1e4,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
        ] {
            assert!(!within_limit(x), "{x}");
        }
        assert!(exp_within_limit(f64::NAN).is_nan());
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
