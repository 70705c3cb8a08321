//! Summaries of Monte Carlo runs: quantiles, the probability of meeting the target with its Monte
//! Carlo standard error, and the reinforcement needed for a chosen probability.
//!
//! The probability p̂ of meeting the target is the share of runs whose annual total reaches it; its
//! standard error is √(p̂(1−p̂)/N) (binomial). The additional net increase x that brings
//! P(total + x ≥ target) to a level L is solved on the runs themselves: adding x shifts every run,
//! so x = target − q_{1−L}(total), the empirical quantile (R type 7), rounded up to 0.01 of the unit.
//!
//! Nothing here sorts the runs: every quantile is an order statistic or two, found by selection
//! ([`OrderStatistics`]), which is what makes the summaries of 100 000 runs cheap next to the
//! runs themselves (`scripts/bench-sim.sh`).
//!
//! # Example
//! ```
//! use gapcast::simulate::summary::{probability_at_least, Quantiles};
//! let runs: Vec<f64> = (1..=100).map(f64::from).collect();
//! let p = probability_at_least(&runs, 91.0);
//! assert_eq!(p.p, 0.10);
//! let q = Quantiles::of(&runs);
//! assert!((q.p50 - 50.5).abs() < 1e-12);
//! ```

use serde::Serialize;

use crate::forecast::stats::{
    quantile_sorted, quantiles_scanned, type7_ranks, OrderStatistics, Scan,
};

/// Mean and the usual quantiles of a sample.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Quantiles {
    /// Mean.
    pub mean: f64,
    /// Standard deviation (n − 1 denominator).
    pub sd: f64,
    /// 5th percentile.
    pub p5: f64,
    /// 10th percentile.
    pub p10: f64,
    /// Median.
    pub p50: f64,
    /// 90th percentile.
    pub p90: f64,
    /// 95th percentile.
    pub p95: f64,
}

impl Quantiles {
    /// Quantiles (R type 7) of an unsorted sample, by selection.
    pub fn of(values: &[f64]) -> Quantiles {
        let scan = Scan::of(values);
        let q = quantiles_scanned(values, &scan, &PROBS);
        Quantiles::from_parts(scan.mean(), scan.sd(values), [q[0], q[1], q[2], q[3], q[4]])
    }

    /// Quantiles of a sorted sample.
    pub fn of_sorted(sorted: &[f64]) -> Quantiles {
        let scan = Scan::of(sorted);
        let q = PROBS.map(|p| quantile_sorted(sorted, p));
        Quantiles::from_parts(scan.mean(), scan.sd(sorted), q)
    }

    /// Mean, sd and the quantiles at [`PROBS`].
    fn from_parts(mean: f64, sd: f64, q: [f64; 5]) -> Quantiles {
        let [p5, p10, p50, p90, p95] = q;
        Quantiles {
            mean,
            sd,
            p5,
            p10,
            p50,
            p90,
            p95,
        }
    }
}

/// The probabilities of [`Quantiles`], ascending.
const PROBS: [f64; 5] = [0.05, 0.10, 0.50, 0.90, 0.95];

/// What needs the order of the annual totals, from one selection over them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OfTotals {
    /// The totals' quantiles.
    pub total: Quantiles,
    /// The gap's, target − total: its order statistics are the totals' in reverse.
    pub gap: Quantiles,
    /// [`increase_for_probability`] at the level asked for.
    pub for_level: f64,
}

impl OfTotals {
    /// Summarises `totals`, whose [`Scan`] is `scan`, against `target`; `level` as in
    /// [`increase_for_probability`]. The quantiles are the numbers sorting the totals first would
    /// give; the gap's mean is target − the totals' mean and its standard deviation theirs (equal
    /// to the gaps' own up to rounding).
    pub fn of(totals: &[f64], scan: &Scan, target: f64, level: f64) -> OfTotals {
        let n = totals.len();
        let (mean, sd) = (scan.mean(), scan.sd(totals));
        let (gap_mean, gap_sd) = (target - mean, sd);
        if n == 0 {
            let nan = Quantiles::of_sorted(&[]);
            return OfTotals {
                total: nan,
                gap: nan,
                for_level: f64::NAN,
            };
        }
        let ranks: Vec<usize> = PROBS
            .iter()
            .flat_map(|&p| {
                let (lo, hi, _) = type7_ranks(n, p);
                [lo, hi, n - 1 - lo, n - 1 - hi]
            })
            .chain([increase_rank(n, level)])
            .collect();
        let x = OrderStatistics::of_scanned(totals, ranks, scan);
        let total = PROBS.map(|p| {
            let (lo, hi, frac) = type7_ranks(n, p);
            x.get(lo) + frac * (x.get(hi) - x.get(lo))
        });
        // as quantile_sorted on the gaps in ascending order, gaps[i] = target − x[n − 1 − i]
        let gap = PROBS.map(|p| {
            let (lo, hi, frac) = type7_ranks(n, p);
            let (below, above) = (target - x.get(n - 1 - lo), target - x.get(n - 1 - hi));
            below + frac * (above - below)
        });
        OfTotals {
            total: Quantiles::from_parts(mean, sd, total),
            gap: Quantiles::from_parts(gap_mean, gap_sd, gap),
            for_level: increase_to(target, x.get(increase_rank(n, level))),
        }
    }
}

/// A probability estimated from runs, with its Monte Carlo standard error.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Probability {
    /// Share of runs, 0..=1.
    pub p: f64,
    /// √(p(1−p)/N).
    pub se: f64,
    /// Number of runs.
    pub runs: usize,
}

/// P(value ≥ threshold) over the runs, with its standard error.
pub fn probability_at_least(values: &[f64], threshold: f64) -> Probability {
    let n = values.len();
    let hits = values.iter().filter(|&&v| v >= threshold).count();
    let p = if n == 0 {
        f64::NAN
    } else {
        hits as f64 / n as f64
    };
    Probability {
        p,
        se: if n == 0 {
            f64::NAN
        } else {
            (p * (1.0 - p) / n as f64).sqrt()
        },
        runs: n,
    }
}

/// The additional net increase needed so that P(total + x ≥ target) ≥ `level` (0..1), to 0.01 of
/// the unit (rounded up); 0 when already reached. `sorted` must be sorted.
pub fn increase_for_probability(sorted: &[f64], target: f64, level: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    increase_to(target, sorted[increase_rank(sorted.len(), level)])
}

/// The order statistic (0-based) of `n ≥ 1` runs that must reach the target for P ≥ `level`.
fn increase_rank(n: usize, level: f64) -> usize {
    // P(T + x ≥ target) ≥ L ⇔ at most ⌊(1−L)·N⌋ runs may stay below target − x: the value at
    // that order statistic (0-based k = ⌈(1−L)·N⌉ − 1 … use the k-th smallest) must reach it.
    let allowed_below = ((1.0 - level) * n as f64 + 1e-9).floor() as usize;
    allowed_below.min(n - 1)
}

/// target − `value`, rounded up to 0.01; 0 when already reached.
fn increase_to(target: f64, value: f64) -> f64 {
    let x = target - value;
    if x <= 0.0 {
        0.0
    } else {
        (x * 100.0).ceil() / 100.0
    }
}

/// Counts of a sample (in any order) in `bins` equal-width bins over its range: (edges, counts).
/// `scan` is the sample's [`Scan`], which gives the range (unless some value is not finite).
pub fn histogram(values: &[f64], scan: &Scan, bins: usize) -> (Vec<f64>, Vec<usize>) {
    let bins = bins.max(1);
    if values.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let (lo, hi) = if scan.sum_is_finite() {
        (scan.min, scan.max)
    } else {
        let lo = values.iter().copied().min_by(f64::total_cmp);
        let hi = values.iter().copied().max_by(f64::total_cmp);
        (lo.unwrap_or(f64::NAN), hi.unwrap_or(f64::NAN))
    };
    let width = if hi > lo {
        (hi - lo) / bins as f64
    } else {
        1.0
    };
    let edges: Vec<f64> = (0..=bins).map(|i| lo + width * i as f64).collect();
    let mut counts = vec![0usize; bins];
    for &v in values {
        let i = (((v - lo) / width) as usize).min(bins - 1);
        counts[i] += 1;
    }
    (edges, counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probability_and_its_standard_error() {
        let runs: Vec<f64> = (0..1000).map(|i| i as f64).collect();
        let p = probability_at_least(&runs, 750.0);
        assert_eq!(p.p, 0.25);
        assert!((p.se - (0.25f64 * 0.75 / 1000.0).sqrt()).abs() < 1e-15);
    }

    #[test]
    fn reinforcement_for_a_probability_is_exact_on_the_runs() {
        // runs 1..=100, target 91: to reach P ≥ 0.8 the 21st smallest run (index 20, value 21)
        // must reach the target: x = 91 − 21 = 70; then runs 21..=100 (80 of them) meet it.
        let sorted: Vec<f64> = (1..=100).map(f64::from).collect();
        let x = increase_for_probability(&sorted, 91.0, 0.8);
        assert_eq!(x, 70.0);
        let shifted: Vec<f64> = sorted.iter().map(|v| v + x).collect();
        assert!(probability_at_least(&shifted, 91.0).p >= 0.8);
        let less: Vec<f64> = sorted.iter().map(|v| v + x - 0.01).collect();
        assert!(probability_at_least(&less, 91.0).p < 0.8);
        assert_eq!(increase_for_probability(&sorted, 0.5, 0.8), 0.0);
        // rounding up to 0.01
        assert_eq!(increase_for_probability(&[1.001], 2.0, 0.5), 1.0);
    }

    #[test]
    fn totals_by_selection_are_the_sorted_summaries() {
        let mut r = crate::forecast::stats::rng(5);
        let totals: Vec<f64> = (0..1001)
            .map(|_| 100.0 + 10.0 * crate::forecast::stats::standard_normal(&mut r))
            .collect();
        let mut sorted = totals.clone();
        sorted.sort_by(f64::total_cmp);
        let gaps: Vec<f64> = sorted.iter().rev().map(|t| 105.0 - t).collect();
        let of = OfTotals::of(&totals, &Scan::of(&totals), 105.0, 0.8);
        let (total, gap) = (Quantiles::of_sorted(&sorted), Quantiles::of_sorted(&gaps));
        for (a, b) in [(of.total, total), (of.gap, gap)] {
            assert_eq!(
                [a.p5, a.p10, a.p50, a.p90, a.p95],
                [b.p5, b.p10, b.p50, b.p90, b.p95]
            );
            assert!((a.mean - b.mean).abs() < 1e-12 && (a.sd - b.sd).abs() < 1e-12);
        }
        assert_eq!(of.for_level, increase_for_probability(&sorted, 105.0, 0.8));
        assert_eq!(
            histogram(&totals, &Scan::of(&totals), 7),
            histogram(&sorted, &Scan::of(&sorted), 7)
        );
    }

    #[test]
    fn histogram_counts_every_run_once() {
        let sorted: Vec<f64> = (0..100).map(f64::from).collect();
        let (edges, counts) = histogram(&sorted, &Scan::of(&sorted), 10);
        assert_eq!(edges.len(), 11);
        assert_eq!(counts.iter().sum::<usize>(), 100);
        let two = [5.0, 5.0];
        assert_eq!(
            histogram(&two, &Scan::of(&two), 4).1.iter().sum::<usize>(),
            2
        );
        assert!(histogram(&[], &Scan::of(&[]), 4).0.is_empty());
    }
}
