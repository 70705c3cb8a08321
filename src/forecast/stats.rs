//! Small statistical helpers shared by the forecasters: the normal quantile, sample quantiles and
//! the seeded generator every sample path uses.
//!
//! The normal quantile is Wichura's algorithm AS 241 (PPND16, Applied Statistics 37, 1988), accurate
//! to about 1e-16. Sample quantiles are R's type 7 (the default of `quantile()` and numpy).
//! Randomness comes from xoshiro256++ (`rand_xoshiro::Xoshiro256PlusPlus`, Blackman & Vigna 2021),
//! a named, portable generator, so that a seed gives the same draws natively and in WebAssembly. It
//! uses 64-bit operations only; PCG64's 128-bit multiply made every draw a library call in
//! WebAssembly (measured: `scripts/bench-sim.sh`).
//!
//! # Example
//! ```
//! use gapcast::forecast::stats::{normal_quantile, quantile_sorted};
//! assert!((normal_quantile(0.975) - 1.959963984540054).abs() < 1e-12);
//! assert_eq!(quantile_sorted(&[1.0, 2.0, 3.0, 4.0], 0.5), 2.5);
//! ```

use rand::SeedableRng;

/// The generator of every sample path and Monte Carlo run.
pub type Rng = rand_xoshiro::Xoshiro256PlusPlus;

/// The generator, seeded (SplitMix64 expands the seed into the state).
pub fn rng(seed: u64) -> Rng {
    Rng::seed_from_u64(seed)
}

/// Standard normal draws from a seeded generator (ziggurat, `rand_distr::StandardNormal`).
#[inline]
pub fn standard_normal(rng: &mut Rng) -> f64 {
    use rand::RngExt as _;
    rng.sample(rand_distr::StandardNormal)
}

fn poly(coefs: &[f64], x: f64) -> f64 {
    coefs.iter().rev().fold(0.0, |acc, c| acc * x + c)
}

/// Quantile of the standard normal distribution at probability `p` in (0, 1) (AS 241).
/// Returns ±∞ at 0 and 1, NaN outside.
#[allow(clippy::excessive_precision)] // the coefficients as Wichura published them
pub fn normal_quantile(p: f64) -> f64 {
    if !(0.0..=1.0).contains(&p) || p.is_nan() {
        return f64::NAN;
    }
    if p == 0.0 {
        return f64::NEG_INFINITY;
    }
    if p == 1.0 {
        return f64::INFINITY;
    }
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180625 - q * q;
        let a = [
            3.387_132_872_796_366_5,
            133.141_667_891_784_38,
            1_971.590_950_306_551_3,
            13_731.693_765_509_461,
            45_921.953_931_549_87,
            67_265.770_927_008_7,
            33_430.575_583_588_13,
            2_509.080_928_730_122_7,
        ];
        let b = [
            1.0,
            42.313_330_701_600_91,
            687.187_007_492_057_9,
            5_394.196_021_424_751,
            21_213.794_301_586_597,
            39_307.895_800_092_71,
            28_729.085_735_721_943,
            5_226.495_278_852_545,
        ];
        return q * poly(&a, r) / poly(&b, r);
    }
    let r = if q < 0.0 { p } else { 1.0 - p };
    let r = (-libm::log(r)).sqrt();
    let value = if r <= 5.0 {
        let r = r - 1.6;
        let c = [
            1.423_437_110_749_683_5,
            4.630_337_846_156_546,
            5.769_497_221_460_691,
            3.647_848_324_763_204_5,
            1.270_458_252_452_368_4,
            0.241_780_725_177_450_6,
            0.022_723_844_989_269_184,
            7.745_450_142_783_414e-4,
        ];
        let d = [
            1.0,
            2.053_191_626_637_759,
            1.676_384_830_183_803_8,
            0.689_767_334_985_1,
            0.148_103_976_427_480_08,
            0.015_198_666_563_616_457,
            5.475_938_084_995_345e-4,
            1.050_750_071_644_416_9e-9,
        ];
        poly(&c, r) / poly(&d, r)
    } else {
        let r = r - 5.0;
        let e = [
            6.657_904_643_501_103,
            5.463_784_911_164_114,
            1.784_826_539_917_291_3,
            0.296_560_571_828_504_9,
            0.026_532_189_526_576_124,
            0.001_242_660_947_388_078_4,
            2.711_555_568_743_487_6e-5,
            2.010_334_399_292_288e-7,
        ];
        let f = [
            1.0,
            0.599_832_206_555_888,
            0.136_929_880_922_735_8,
            0.014_875_361_290_850_615,
            7.868_691_311_456_133e-4,
            1.846_318_317_510_054_8e-5,
            1.421_511_758_316_446e-7,
            2.043_426_310_425_465_6e-15,
        ];
        poly(&e, r) / poly(&f, r)
    };
    if q < 0.0 {
        -value
    } else {
        value
    }
}

/// The z multiplier of a two-sided interval at `level` % (e.g. 95 → 1.959964).
pub fn z_for_level(level: f64) -> f64 {
    normal_quantile(0.5 + level / 200.0)
}

/// R type 7 quantile of sorted data (`p` in [0, 1]); NaN for empty data.
pub fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    match sorted.len() {
        0 => f64::NAN,
        1 => sorted[0],
        n => {
            let h = (n - 1) as f64 * p.clamp(0.0, 1.0);
            let lo = h.floor() as usize;
            let hi = (lo + 1).min(n - 1);
            sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
        }
    }
}

/// R type 7 quantile of unsorted data (O(n) selection instead of a sort; the data is not changed).
pub fn quantile_unsorted(data: &[f64], p: f64) -> f64 {
    quantiles_unsorted(data, &[p])[0]
}

/// R type 7 quantiles of unsorted data at probabilities `probs`: the same numbers as
/// [`quantile_sorted`] on the sorted data, by selection (see [`OrderStatistics`]).
pub fn quantiles_unsorted(data: &[f64], probs: &[f64]) -> Vec<f64> {
    quantiles_with(data, probs, None)
}

/// [`quantiles_unsorted`] of data whose [`Scan`] is known (it saves the selection a pass).
pub fn quantiles_scanned(data: &[f64], scan: &Scan, probs: &[f64]) -> Vec<f64> {
    quantiles_with(data, probs, Some(scan))
}

fn quantiles_with(data: &[f64], probs: &[f64], scan: Option<&Scan>) -> Vec<f64> {
    let n = data.len();
    if n < 2 {
        return probs
            .iter()
            .map(|_| data.first().copied().unwrap_or(f64::NAN))
            .collect();
    }
    let at = OrderStatistics::with_scan(data, type7_rank_set(n, probs), scan);
    probs
        .iter()
        .map(|&p| {
            let (lo, hi, frac) = type7_ranks(n, p);
            at.get(lo) + frac * (at.get(hi) - at.get(lo))
        })
        .collect()
}

/// Every order statistic (0-based, ascending, distinct) the R type 7 quantiles of `n` values at
/// `probs` interpolate between.
fn type7_rank_set(n: usize, probs: &[f64]) -> Vec<usize> {
    let mut ranks: Vec<usize> = probs
        .iter()
        .flat_map(|&p| {
            let (lo, hi, _) = type7_ranks(n, p);
            [lo, hi]
        })
        .collect();
    ranks.sort_unstable();
    ranks.dedup();
    ranks
}

/// The two order statistics (0-based) an R type 7 quantile of `n ≥ 1` values at `p` interpolates
/// between, and the weight of the upper one: the value is `x[lo] + frac·(x[hi] − x[lo])`.
pub fn type7_ranks(n: usize, p: f64) -> (usize, usize, f64) {
    let h = (n - 1) as f64 * p.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    (lo, (lo + 1).min(n - 1), h - lo as f64)
}

/// Some order statistics of a sample: the values a sort (by `total_cmp`) would put at the wanted
/// ranks, found by selection in a few O(n) passes, without changing the sample.
///
/// Samples of 16 384 values or more are first counted into buckets (`select_by_buckets`), so that
/// only the few buckets holding a wanted rank are selected in. Selection runs on a copy made of
/// integer keys that order as `total_cmp` does (`total_order_key`): an integer comparison is
/// cheaper than `total_cmp`'s, and in WebAssembly (V8, node 20) the p5…p95 of 100 000 values took
/// 0.42 ms against 0.62 ms selecting on the floats in place.
///
/// The rank nearest the middle of the part is selected first and each side is done on its own, so
/// the median, p10 and p90 of 100 000 values cost a selection over all of them and two over halves,
/// and the neighbour of a selected rank (the other end of a type 7 interpolation) is a min or max
/// pass over a small side (`select_nth_unstable` does index 0 and len − 1 that way).
#[derive(Debug, Clone)]
pub struct OrderStatistics {
    /// The ranks, ascending and distinct.
    ranks: Vec<usize>,
    /// The value at each rank.
    values: Vec<f64>,
}

impl OrderStatistics {
    /// The values of `data` at `ranks` (0-based; sorted and deduplicated here; ranks beyond the
    /// data are dropped).
    pub fn of(data: &[f64], ranks: Vec<usize>) -> OrderStatistics {
        OrderStatistics::with_scan(data, ranks, None)
    }

    /// [`OrderStatistics::of`] data whose [`Scan`] is known (it saves a pass).
    pub fn of_scanned(data: &[f64], ranks: Vec<usize>, scan: &Scan) -> OrderStatistics {
        OrderStatistics::with_scan(data, ranks, Some(scan))
    }

    fn with_scan(data: &[f64], mut ranks: Vec<usize>, scan: Option<&Scan>) -> OrderStatistics {
        debug_assert!(
            scan.is_none_or(|scan| scan.len == data.len()),
            "a scan of other data"
        );
        ranks.sort_unstable();
        ranks.dedup();
        ranks.retain(|&r| r < data.len());
        let by_buckets = (data.len() >= 4 * BUCKETS && !ranks.is_empty())
            .then(|| {
                select_by_buckets(
                    data,
                    &ranks,
                    &scan.copied().unwrap_or_else(|| Scan::of(data)),
                )
            })
            .flatten();
        let values = by_buckets.unwrap_or_else(|| select_by_keys(data, &ranks));
        OrderStatistics { ranks, values }
    }

    /// The value at rank `r` (NaN when `r` was not asked for).
    pub fn get(&self, r: usize) -> f64 {
        self.ranks
            .binary_search(&r)
            .map_or(f64::NAN, |i| self.values[i])
    }
}

/// An integer that orders as `f64::total_cmp` orders `x` (the transformation `total_cmp` itself
/// makes: negative values have their other 63 bits flipped).
#[inline]
fn total_order_key(x: f64) -> i64 {
    let bits = x.to_bits() as i64;
    bits ^ (((bits >> 63) as u64) >> 1) as i64
}

/// The value of a [`total_order_key`] (the transformation is its own inverse).
#[inline]
fn from_total_order_key(key: i64) -> f64 {
    f64::from_bits((key ^ (((key >> 63) as u64) >> 1) as i64) as u64)
}

/// The values at `ranks` (ascending, distinct, in range) by selection on a copy of the keys.
fn select_by_keys(data: &[f64], ranks: &[usize]) -> Vec<f64> {
    let mut keys: Vec<i64> = data.iter().map(|&x| total_order_key(x)).collect();
    select_ranks_from(&mut keys, 0, ranks);
    ranks
        .iter()
        .map(|&r| from_total_order_key(keys[r]))
        .collect()
}

/// Buckets of [`select_by_buckets`]' counting pass (a power of two).
const BUCKETS: usize = 4096;
/// 2^52: adding it to a number in [0, 2^52) leaves that number rounded to an integer in the low bits.
const TWO_POW_52: f64 = 4_503_599_627_370_496.0;

/// The values at `ranks` (ascending, distinct, in range) by counting, in three passes that only
/// read the data: in WebAssembly (V8, node 20) 0.30 ms against 0.42 ms for [`select_by_keys`] on
/// the p5…p95 of 100 000 normal values (a harness timing the two on the same data in one run).
///
/// The range of the data is cut into [`BUCKETS`] equal buckets. One pass counts the values in each
/// bucket, which tells the bucket, and the rank within it, of every wanted rank; a second gathers
/// the values of those few buckets, and the ranks are selected among them. The bucket of a value
/// is a monotone function of it (rounded −, × and +), so a bucket's values all lie between its
/// neighbours'; ties and the order of ±0 are settled by the selection inside a bucket, which uses
/// `total_cmp`'s order. Data bunched in a few buckets (an outlier far from the rest) costs two
/// passes more than selecting on all of it, and no more memory. The range comes from the data's
/// [`Scan`]. None when the data has NaN or infinite values (or a sum too large to be finite), or is
/// constant (the caller then selects on all of it).
fn select_by_buckets(data: &[f64], ranks: &[usize], scan: &Scan) -> Option<Vec<f64>> {
    let (lo, hi) = (scan.min, scan.max);
    let scale = (BUCKETS - 1) as f64 / (hi - lo);
    if !scan.sum_is_finite() || !(hi - lo).is_finite() || !scale.is_finite() || hi <= lo {
        return None;
    }
    // (x − lo)·scale is in [0, BUCKETS − 1] (the product's rounding cannot carry it past the end)
    let bucket = |x: f64| (((x - lo) * scale + TWO_POW_52).to_bits() as usize) & (BUCKETS - 1);
    let mut counts = vec![0u32; BUCKETS];
    for &x in data {
        counts[bucket(x)] += 1;
    }
    // Each wanted bucket: its index, the rank of its first value and where its values are gathered.
    let mut slot = vec![u16::MAX; BUCKETS];
    let mut wanted: Vec<(usize, usize, usize)> = Vec::new();
    let (mut below, mut b, mut gathered) = (0usize, 0usize, 0usize);
    for &r in ranks {
        while below + counts[b] as usize <= r {
            below += counts[b] as usize;
            b += 1;
        }
        if slot[b] == u16::MAX {
            slot[b] = wanted.len() as u16;
            wanted.push((b, below, gathered));
            gathered += counts[b] as usize;
        }
    }
    let mut keys = vec![0i64; gathered];
    let mut next: Vec<usize> = wanted.iter().map(|w| w.2).collect();
    for &x in data {
        let s = slot[bucket(x)];
        if s != u16::MAX {
            let at = &mut next[usize::from(s)];
            keys[*at] = total_order_key(x);
            *at += 1;
        }
    }
    let mut values = Vec::with_capacity(ranks.len());
    for &(b, first, at) in &wanted {
        let len = counts[b] as usize;
        let part = &mut keys[at..at + len];
        let inside = &ranks
            [ranks.partition_point(|&r| r < first)..ranks.partition_point(|&r| r < first + len)];
        select_ranks_from(part, first, inside);
        values.extend(
            inside
                .iter()
                .map(|&r| from_total_order_key(part[r - first])),
        );
    }
    Some(values)
}

fn select_ranks_from(data: &mut [i64], offset: usize, ranks: &[usize]) {
    if ranks.is_empty() {
        return;
    }
    let centre = offset + data.len() / 2;
    let after = ranks.partition_point(|&r| r < centre);
    let m = match (after.checked_sub(1), ranks.get(after)) {
        (Some(b), Some(&a)) if centre - ranks[b] < a - centre => b,
        (Some(b), None) => b,
        _ => after,
    };
    let k = ranks[m] - offset;
    data.select_nth_unstable(k);
    let (below, rest) = data.split_at_mut(k);
    select_ranks_from(below, offset, &ranks[..m]);
    select_ranks_from(&mut rest[1..], offset + k + 1, &ranks[m + 1..]);
}

/// The sum, the least and the greatest value of a sample, from one pass: what its mean, its
/// standard deviation and [`OrderStatistics`]' counting all start from.
///
/// The pass runs four interleaved lanes (values 0, 4, 8, … in the first, and so on), added up at
/// the end: in WebAssembly a single running sum, minimum or maximum is a chain of dependent
/// instructions that cannot overlap, while four independent chains can (with the sd's pass and the
/// fewer passes: Chromium 45.0 → 43.9 ms on `scripts/bench-sim.sh`'s scenario). The sum is
/// therefore not added in the data's order, which moves it by rounding only. A NaN or an infinite
/// value makes the sum non-finite ([`Scan::sum_is_finite`]); `min` and `max` skip NaN.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scan {
    /// Number of values.
    pub len: usize,
    /// Their sum.
    pub sum: f64,
    /// The least value (+∞ when empty).
    pub min: f64,
    /// The greatest value (−∞ when empty).
    pub max: f64,
}

impl Scan {
    /// Scans `data`.
    pub fn of(data: &[f64]) -> Scan {
        let (mut sum, mut min, mut max) = ([0.0f64; 4], [f64::INFINITY; 4], [f64::NEG_INFINITY; 4]);
        let chunks = data.chunks_exact(4);
        let tail = chunks.remainder();
        let mut take = |lane: usize, x: f64| {
            sum[lane] += x;
            if x < min[lane] {
                min[lane] = x;
            }
            if x > max[lane] {
                max[lane] = x;
            }
        };
        for chunk in chunks {
            for (lane, &x) in chunk.iter().enumerate() {
                take(lane, x);
            }
        }
        for (lane, &x) in tail.iter().enumerate() {
            take(lane, x);
        }
        let least = |a: f64, b: f64| if b < a { b } else { a };
        let greatest = |a: f64, b: f64| if b > a { b } else { a };
        Scan {
            len: data.len(),
            sum: (sum[0] + sum[1]) + (sum[2] + sum[3]),
            min: least(least(min[0], min[1]), least(min[2], min[3])),
            max: greatest(greatest(max[0], max[1]), greatest(max[2], max[3])),
        }
    }

    /// Whether the sum is finite: false when some value is NaN or infinite (or the values are so
    /// large that their sum overflows).
    pub fn sum_is_finite(&self) -> bool {
        self.sum.is_finite()
    }

    /// The mean (NaN when empty).
    pub fn mean(&self) -> f64 {
        self.sum / self.len as f64
    }

    /// The standard deviation of the scanned `data` (n − 1 denominator; 0 below two values), from
    /// a second pass over the deviations from the mean, in lanes as [`Scan::of`].
    pub fn sd(&self, data: &[f64]) -> f64 {
        debug_assert_eq!(self.len, data.len(), "a scan of other data");
        if data.len() < 2 {
            return 0.0;
        }
        let mean = self.mean();
        let mut squares = [0.0f64; 4];
        let chunks = data.chunks_exact(4);
        let tail = chunks.remainder();
        for chunk in chunks {
            for (s, &x) in squares.iter_mut().zip(chunk) {
                *s += (x - mean) * (x - mean);
            }
        }
        for (s, &x) in squares.iter_mut().zip(tail) {
            *s += (x - mean) * (x - mean);
        }
        let squares = (squares[0] + squares[1]) + (squares[2] + squares[3]);
        libm::sqrt(squares / (data.len() - 1) as f64)
    }
}

/// Mean of a slice (NaN when empty).
pub fn mean(x: &[f64]) -> f64 {
    x.iter().sum::<f64>() / x.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_keys_order_as_total_cmp_and_turn_back() {
        let values = [
            f64::NEG_INFINITY,
            -1e300,
            -2.5,
            -f64::MIN_POSITIVE,
            -0.0,
            0.0,
            5e-324,
            1.0,
            3e8,
            f64::INFINITY,
            f64::NAN,
            -f64::NAN,
        ];
        for a in values {
            assert_eq!(
                from_total_order_key(total_order_key(a)).to_bits(),
                a.to_bits()
            );
            for b in values {
                assert_eq!(
                    total_order_key(a).cmp(&total_order_key(b)),
                    a.total_cmp(&b),
                    "{a} {b}"
                );
            }
        }
    }

    #[test]
    fn selected_ranks_are_the_sorts() {
        // seeded pseudo-random values with ties, zeros of both signs and a NaN; every rank set
        let mut r = rng(17);
        for n in [1usize, 2, 3, 10, 257, 5_000] {
            let data: Vec<f64> = (0..n)
                .map(|i| match i % 7 {
                    0 => 0.0,
                    1 => -0.0,
                    2 => f64::from((i % 5) as u8),
                    3 if i == 3 => f64::NAN,
                    _ => standard_normal(&mut r),
                })
                .collect();
            let mut sorted = data.clone();
            sorted.sort_by(f64::total_cmp);
            for ranks in [
                vec![0],
                vec![n - 1],
                vec![0, n / 2, n - 1],
                (0..n).step_by(3).collect(),
            ] {
                let mut ranks = ranks;
                ranks.dedup();
                let at = OrderStatistics::of(&data, ranks.clone());
                for &k in &ranks {
                    assert_eq!(at.get(k).to_bits(), sorted[k].to_bits(), "n {n} rank {k}");
                }
                assert!(at.get(n).is_nan(), "beyond the data");
            }
        }
    }

    #[test]
    #[allow(clippy::excessive_precision)] // reference values to 20 digits, as mpmath gave them
    fn normal_quantile_matches_published_values() {
        // Reference: mpmath with 30 digits, sqrt(2) * erfinv(2p − 1)
        let cases = [
            (0.5, 0.0),
            (0.9, 1.281551565544600467),
            (0.975, 1.9599639845400542355),
            (0.995, 2.575829303548900761),
            (1e-10, -6.3613409024040562047),
            (0.02425, -1.9729610513118848503),
        ];
        for (p, z) in cases {
            assert!(
                (normal_quantile(p) - z).abs() < 1e-13,
                "{p}: {} vs {z}",
                normal_quantile(p)
            );
        }
        assert_eq!(normal_quantile(0.0), f64::NEG_INFINITY);
        assert!(normal_quantile(1.5).is_nan());
        assert!((z_for_level(80.0) - 1.281551565544600467).abs() < 1e-13);
    }

    #[test]
    fn quantiles_are_type_7() {
        // numpy.quantile([3, 1, 4, 1, 5], [0.1, 0.9]) = [1.0, 4.6]
        let mut x = vec![3.0, 1.0, 4.0, 1.0, 5.0];
        x.sort_by(f64::total_cmp);
        assert!((quantile_sorted(&x, 0.1) - 1.0).abs() < 1e-12);
        assert!((quantile_sorted(&x, 0.9) - 4.6).abs() < 1e-12);
        assert!(quantile_sorted(&[], 0.5).is_nan());
        let y = vec![3.0, 1.0, 4.0, 1.0, 5.0];
        assert!((quantile_unsorted(&y, 0.9) - 4.6).abs() < 1e-12);
        assert!((quantile_unsorted(&y, 0.1) - 1.0).abs() < 1e-12);
        assert_eq!(y, [3.0, 1.0, 4.0, 1.0, 5.0], "the data is left as it was");
        assert_eq!(quantile_unsorted(&[2.0], 0.3), 2.0);
        assert!(quantile_unsorted(&[], 0.3).is_nan());
    }

    #[test]
    fn selected_ranks_are_where_a_sort_puts_them() {
        let mut r = rng(11);
        for n in [2usize, 3, 10, 101, 1000, 4097] {
            let data: Vec<f64> = (0..n)
                .map(|_| (standard_normal(&mut r) * 4.0).round())
                .collect();
            let mut sorted = data.clone();
            sorted.sort_by(f64::total_cmp);
            let probs = [0.0, 0.05, 0.1, 0.5, 0.9, 0.95, 1.0];
            let q = quantiles_unsorted(&data, &probs);
            for (&p, &v) in probs.iter().zip(&q) {
                assert_eq!(
                    v.to_bits(),
                    quantile_sorted(&sorted, p).to_bits(),
                    "n {n} p {p}"
                );
            }
            let ranks: Vec<usize> = [0, 1, n / 3, n / 2, n / 2 + 1, n - 2, n - 1]
                .into_iter()
                .filter(|&k| k < n)
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            let at = OrderStatistics::of(&data, ranks.clone());
            for &k in &ranks {
                assert_eq!(at.get(k), sorted[k], "n {n} rank {k}");
            }
        }
    }

    /// Ranks of R type 7 quantiles at p5…p95 and the ends, as the summaries ask for them.
    fn summary_ranks(n: usize) -> Vec<usize> {
        type7_rank_set(n, &[0.0, 0.05, 0.1, 0.5, 0.9, 0.95, 1.0])
    }

    #[test]
    fn counting_selection_finds_what_a_sort_finds() {
        let mut r = rng(5);
        let mut z = || standard_normal(&mut r);
        let samples: Vec<(&str, Vec<f64>)> = vec![
            (
                "normal",
                (0..100_000).map(|_| 3600.0 + 90.0 * z()).collect(),
            ),
            // ties: a fifth exactly zero (an item that did not happen), the rest rounded
            (
                "zeros and ties",
                (0..20_000)
                    .map(|i| {
                        if i % 5 == 0 {
                            0.0
                        } else {
                            (40.0 + 9.0 * z()).round()
                        }
                    })
                    .collect(),
            ),
            // both zeros, both signs, and subnormals: ordered as total_cmp orders them
            (
                "signed zeros",
                (0..16_384)
                    .map(|i| match i % 4 {
                        0 => -0.0,
                        1 => 0.0,
                        2 => 5e-324 * (i % 7) as f64,
                        _ => z(),
                    })
                    .collect(),
            ),
            (
                "lognormal",
                (0..50_000).map(|_| (1.0 + 0.8 * z()).exp() - 2.0).collect(),
            ),
            // one outlier squeezes everything else into the first bucket
            (
                "outlier",
                (0..20_000)
                    .map(|i| if i == 80 { 1e12 } else { z() })
                    .collect(),
            ),
        ];
        for (name, data) in &samples {
            let mut sorted = data.clone();
            sorted.sort_by(f64::total_cmp);
            let ranks = summary_ranks(data.len());
            let by_buckets = select_by_buckets(data, &ranks, &Scan::of(data))
                .unwrap_or_else(|| panic!("{name}: counting declined"));
            let by_keys = select_by_keys(data, &ranks);
            for (i, &k) in ranks.iter().enumerate() {
                assert_eq!(
                    by_buckets[i].to_bits(),
                    sorted[k].to_bits(),
                    "{name} rank {k}"
                );
                assert_eq!(by_keys[i].to_bits(), sorted[k].to_bits(), "{name} rank {k}");
            }
        }
    }

    #[test]
    fn counting_selection_declines_what_it_cannot_do() {
        let mut r = rng(6);
        let normal: Vec<f64> = (0..20_000).map(|_| standard_normal(&mut r)).collect();
        let ranks = summary_ranks(normal.len());
        let with = |i: usize, x: f64| {
            let mut d = normal.clone();
            d[i] = x;
            d
        };
        let cases = [
            ("NaN", with(77, f64::NAN)),
            ("+∞", with(78, f64::INFINITY)),
            ("−∞", with(79, f64::NEG_INFINITY)),
            ("constant", vec![2.5; 20_000]),
            ("short", normal[..1000].to_vec()),
        ];
        for (name, data) in &cases {
            // (short data would be counted correctly, but `OrderStatistics::with_scan` sends it
            // to the key selection, which is faster there)
            assert!(
                *name == "short"
                    || select_by_buckets(data, &summary_ranks(data.len()), &Scan::of(data))
                        .is_none(),
                "{name}"
            );
            // and the public path still gets them right
            let mut sorted = data.clone();
            sorted.sort_by(f64::total_cmp);
            let ranks = summary_ranks(data.len());
            let at = OrderStatistics::of(data, ranks.clone());
            for &k in &ranks {
                assert_eq!(at.get(k).to_bits(), sorted[k].to_bits(), "{name} rank {k}");
            }
        }
        assert!(select_by_buckets(&normal, &ranks, &Scan::of(&normal)).is_some());
    }

    #[test]
    fn a_scan_is_the_plain_sum_minimum_and_maximum() {
        let mut r = rng(8);
        let data: Vec<f64> = (0..1003)
            .map(|_| 50.0 + 7.0 * standard_normal(&mut r))
            .collect();
        // every tail length, and the empty and single-value cases
        for len in [0, 1, 2, 3, 4, 5, 6, 7, 8, 999, 1000, 1001, 1002, 1003] {
            let d = &data[..len];
            let scan = Scan::of(d);
            let sum: f64 = d.iter().sum();
            let min = d.iter().copied().fold(f64::INFINITY, f64::min);
            let max = d.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            assert_eq!((scan.len, scan.min, scan.max), (len, min, max), "{len}");
            assert!((scan.sum - sum).abs() <= 1e-12 * sum.abs(), "{len}");
            if len == 0 {
                assert!(scan.mean().is_nan());
            } else {
                assert!((scan.mean() - sum / len as f64).abs() < 1e-12, "{len}");
            }
            let sd = if len < 2 {
                0.0
            } else {
                let m = sum / len as f64;
                (d.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (len - 1) as f64).sqrt()
            };
            assert!((scan.sd(d) - sd).abs() < 1e-12, "{len}");
        }
        let mut bad = data.clone();
        bad[501] = f64::NAN;
        let scan = Scan::of(&bad);
        assert!(!scan.sum_is_finite());
        let min = bad.iter().copied().fold(f64::INFINITY, f64::min);
        let max = bad.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        assert_eq!((scan.min, scan.max), (min, max), "NaN is skipped");
        bad[501] = f64::NEG_INFINITY;
        assert!(!Scan::of(&bad).sum_is_finite());
        assert!(Scan::of(&data).sum_is_finite());
    }

    #[test]
    fn seeded_draws_repeat() {
        let a: Vec<f64> = (0..5)
            .map({
                let mut r = rng(7);
                move |_| standard_normal(&mut r)
            })
            .collect();
        let b: Vec<f64> = (0..5)
            .map({
                let mut r = rng(7);
                move |_| standard_normal(&mut r)
            })
            .collect();
        assert_eq!(a, b);
        assert_ne!(a[0], a[1]);
    }
}
