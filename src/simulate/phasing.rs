//! How a ledger item's annual amount falls on the plan year's periods: the year's share of each
//! start month and ramp (a table built once per simulation), and the item's monthly effect gathered
//! per run by difference arrays over the months.
//!
//! An item's rate (see [`crate::ledger::rate_in_month`]) is 0 before its start month s, rises by
//! 1/r a month over its ramp of r months (r = 1 for no ramp) and then stays at 1: its monthly
//! effect amount × rate / 12 is piecewise linear. Without a ramp (r = 1) it is a step, whose first
//! difference is amount/12 at s and nothing else; with one, its second difference is
//! amount/(12r) at s and −amount/(12r) at s + r, and nothing else. A drawn item adds that one
//! number, or those two, to its run's rows of differences instead of a share to each of 12
//! periods (a step one addition fewer than a ramp: most items have no ramp); one pass sums them
//! back into monthly effects (prefix sums) and those into periods. Both work on a block of runs
//! at once, each month a row of the block (so each loop runs over consecutive runs, and the pass
//! back is a few straight loops over rows rather than one small loop per run).
//!
//! The year's share is Σ_m rate(m)/12 over the counted months. In-year, only items that start after
//! the last month with data count (the others are already in the data); they have no effect on the
//! months with data, so the periods before them stay zero by construction.

use super::items::{Runs, Starts};
use crate::calendar::Period;
use crate::ledger::rate_in_month;

/// Share tables indexed by start month (1..=12) and ramp (0..=12).
pub(super) struct Phasing {
    /// Share of the annual amount in the plan year, by start month (0..=12) × 13 + ramp (0..=12).
    year: [f64; 13 * 13],
    /// 1 / (12·r) by ramp (0..=12), r = max(ramp, 1): the monthly step of a unit amount's effect.
    step: [f64; 13],
    /// The months of each period, as rows of the second differences (month m at m − 1).
    period_rows: Vec<std::ops::Range<usize>>,
}

/// Differences of one run's monthly effects: the second differences of the ramps at index m − 1
/// for month m and 12 for beyond December (where a ramp that ends after the year puts its
/// −step), then the first differences of the steps at [`FIRST_DIFFERENCES`] + m − 1. A block
/// keeps 25 such rows.
pub(super) const MONTH_ROWS: usize = 25;
/// The row of January's first differences.
const FIRST_DIFFERENCES: usize = 13;

#[cfg(test)]
type Months = [f64; MONTH_ROWS];

impl Phasing {
    /// Tables for the plan year's `periods`; `known` periods already have data when `in_year`.
    pub(super) fn new(periods: &[Period], known: usize, in_year: bool) -> Phasing {
        let last_known_month = match (in_year, known.checked_sub(1)) {
            (true, Some(k)) => periods[k].end_month(),
            _ => 0,
        };
        let mut year = [0.0; 13 * 13];
        for start in 1..=12u8 {
            if start <= last_known_month {
                continue;
            }
            for ramp in 0..=12u8 {
                // per period, then over periods: the order of the earlier tables (same bits)
                year[usize::from(start) * 13 + usize::from(ramp)] = periods
                    .iter()
                    .map(|period| {
                        period
                            .months()
                            .iter()
                            .map(|&m| rate_in_month(start, ramp, m))
                            .sum::<f64>()
                            / 12.0
                    })
                    .sum();
            }
        }
        let step = std::array::from_fn(|ramp| 1.0 / (12.0 * ramp.max(1) as f64));
        // a period's months are consecutive
        let period_rows = periods
            .iter()
            .map(|p| usize::from(p.months()[0]) - 1..usize::from(p.end_month()))
            .collect();
        Phasing {
            year,
            step,
            period_rows,
        }
    }

    /// Whether an item starting in `start` counts at all (it does not when it starts in a month
    /// that already has data).
    pub(super) fn counts(&self, start: u8) -> bool {
        let start = usize::from(start.min(12));
        self.year[start * 13] != 0.0
    }

    /// Adds a block of runs of one item — its signed `amounts`, its `starts` and `ramp` — to the
    /// block's second differences `months` (row m − 1 for month m, row 12 beyond December, each
    /// row `stride` runs long) and amount × the year's share to its ledger's `effects` (nothing for
    /// an item that does not count). With [`Runs::All`] `amounts` has every run's amount (0 where
    /// the item did not happen); with [`Runs::Where`] only those of the runs listed.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn add_block(
        &self,
        starts: Starts,
        ramp: u8,
        amounts: &[f64],
        runs: Runs,
        effects: &mut [f64],
        months: &mut [f64],
        stride: usize,
    ) {
        debug_assert!(
            matches!(runs, Runs::All) || matches!(runs, Runs::Where(r) if r.len() <= amounts.len())
        );
        let ramp = usize::from(ramp.min(12));
        let unit_step = self.step[ramp];
        // a step (no ramp, or one of a month) is one first difference; a ramp two second ones
        let steps_at_once = ramp <= 1;
        let rows = |start: usize| {
            if steps_at_once {
                ((FIRST_DIFFERENCES + start - 1) * stride, 0)
            } else {
                ((start - 1) * stride, (start - 1 + ramp).min(12) * stride)
            }
        };
        // one run b: the item's effect on the year and its differences
        let mut add = |b: usize, amount: f64, share: f64, step: f64, (up, down): (usize, usize)| {
            effects[b] += amount * share;
            let step = amount * step;
            months[up + b] += step;
            if !steps_at_once {
                months[down + b] -= step;
            }
        };
        match starts {
            Starts::Fixed(start) => {
                let start = usize::from(start.clamp(1, 12));
                let share = self.year[start * 13 + ramp];
                if share == 0.0 {
                    return;
                }
                let at = rows(start);
                match runs {
                    Runs::All => amounts
                        .iter()
                        .enumerate()
                        .for_each(|(b, &amount)| add(b, amount, share, unit_step, at)),
                    Runs::Where(runs) => amounts.iter().zip(runs).for_each(|(&amount, &b)| {
                        add(usize::from(b), amount, share, unit_step, at)
                    }),
                }
            }
            Starts::Drawn(starts) => {
                // per start month: the share, and the step (0 when the item would not count, so
                // that it adds nothing to the months), looked up instead of chosen by a test,
                // which in WebAssembly is a branch on a random start
                let shares: [f64; 13] = std::array::from_fn(|m| self.year[m * 13 + ramp]);
                let steps = shares.map(|share| if share == 0.0 { 0.0 } else { unit_step });
                let mut add_drawn = |b: usize, amount: f64| {
                    let start = usize::from(starts[b].clamp(1, 12));
                    add(b, amount, shares[start], steps[start], rows(start));
                };
                match runs {
                    Runs::All => amounts
                        .iter()
                        .enumerate()
                        .for_each(|(b, &amount)| add_drawn(b, amount)),
                    Runs::Where(runs) => amounts
                        .iter()
                        .zip(runs)
                        .for_each(|(&amount, &b)| add_drawn(usize::from(b), amount)),
                }
            }
        }
    }

    /// The block's effects in period `pi` from its `months` (as [`Phasing::add_block`] left them)
    /// into `out`, for the first `len` runs (each month's row is `stride` runs long). `slope` and
    /// `level` are each run's running first difference and monthly effect: zero for a new block,
    /// then carried from one period to the next, which are taken in order.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn period_block(
        &self,
        pi: usize,
        months: &[f64],
        len: usize,
        stride: usize,
        slope: &mut [f64],
        level: &mut [f64],
        out: &mut [f64],
    ) {
        let (slope, level, out) = (&mut slope[..len], &mut level[..len], &mut out[..len]);
        for (k, m) in self.period_rows[pi].clone().enumerate() {
            let second = &months[m * stride..m * stride + len];
            let first = &months[(FIRST_DIFFERENCES + m) * stride..][..len];
            let runs = second.iter().zip(first).zip(slope.iter_mut());
            let runs = runs.zip(level.iter_mut()).zip(out.iter_mut());
            if k == 0 {
                // the period's first month starts its sum (from 0, as a sum does)
                for ((((d2, d1), s), l), o) in runs {
                    *s += d2;
                    *l += *s + d1;
                    *o = 0.0 + *l;
                }
            } else {
                for ((((d2, d1), s), l), o) in runs {
                    *s += d2;
                    *l += *s + d1;
                    *o += *l;
                }
            }
        }
    }

    /// One run of one item: [`Phasing::add_block`] on a block of one run, returning the year's
    /// effect (for the tests).
    #[cfg(test)]
    fn add(&self, start: u8, ramp: u8, amount: f64, months: &mut Months) -> f64 {
        let mut flat = *months;
        let mut effect = [0.0];
        self.add_block(
            Starts::Fixed(start),
            ramp,
            &[amount],
            Runs::All,
            &mut effect,
            &mut flat,
            1,
        );
        *months = flat;
        effect[0]
    }

    /// One run's effects by period: [`Phasing::by_period_block`] on a block of one run (for the
    /// tests).
    #[cfg(test)]
    fn by_period(&self, months: &Months) -> [f64; 12] {
        let mut out = [0.0; 12];
        let (mut slope, mut level) = ([0.0], [0.0]);
        for (pi, o) in out.iter_mut().enumerate().take(self.period_rows.len()) {
            let o = std::slice::from_mut(o);
            self.period_block(pi, months, 1, 1, &mut slope, &mut level, o);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn calendar_year() -> Vec<Period> {
        let scenario = crate::Scenario::from_json(crate::examples::QIANTANG_2023).unwrap();
        scenario.history.periods().to_vec()
    }

    #[test]
    fn a_whole_year_item_counts_in_full_and_a_late_one_in_part() {
        let periods = calendar_year();
        let phasing = Phasing::new(&periods, 0, false);
        let mut months = [0.0; MONTH_ROWS];
        // starts in January, no ramp: the whole amount over the year
        let year = phasing.add(1, 0, 12.0, &mut months);
        assert!((year - 12.0).abs() < 1e-12);
        assert!((phasing.by_period(&months).iter().sum::<f64>() - 12.0).abs() < 1e-12);
        // starts in October, no ramp: three months of twelve
        let mut late = [0.0; MONTH_ROWS];
        assert!((phasing.add(10, 0, 12.0, &mut late) - 3.0).abs() < 1e-12);
        let late = phasing.by_period(&late);
        let first = late.iter().position(|&v| v != 0.0).unwrap();
        assert_eq!(periods[first].months(), &[10]);
    }

    #[test]
    fn in_year_only_later_periods_and_later_starts_count() {
        let periods = calendar_year();
        // data through the 5th period (Jan–Feb combined, so through June)
        let phasing = Phasing::new(&periods, 5, true);
        let mut months = [0.0; MONTH_ROWS];
        assert_eq!(
            phasing.add(3, 0, 12.0, &mut months),
            0.0,
            "already in the data"
        );
        assert!(months.iter().all(|&v| v == 0.0));
        assert!((phasing.add(7, 0, 12.0, &mut months) - 6.0).abs() < 1e-12);
        assert!(phasing.by_period(&months)[..5].iter().all(|&v| v == 0.0));
    }

    #[test]
    fn the_differences_give_each_period_its_share() {
        // every start and ramp against Σ rate/12 over the period's months, as the ledger defines it
        for (known, in_year) in [(0, false), (4, true)] {
            let periods = calendar_year();
            let phasing = Phasing::new(&periods, known, in_year);
            let last_known = if in_year {
                periods[known - 1].end_month()
            } else {
                0
            };
            for start in 1..=12u8 {
                for ramp in 0..=12u8 {
                    let mut months = [0.0; MONTH_ROWS];
                    let year = phasing.add(start, ramp, 7.0, &mut months);
                    let by_period = phasing.by_period(&months);
                    let counted = start > last_known;
                    for (pi, period) in periods.iter().enumerate() {
                        let want = if counted {
                            let rate: f64 = period
                                .months()
                                .iter()
                                .map(|&m| rate_in_month(start, ramp, m))
                                .sum();
                            7.0 * rate / 12.0
                        } else {
                            0.0
                        };
                        assert!((by_period[pi] - want).abs() < 1e-12, "{start} {ramp} {pi}");
                    }
                    let want = if counted {
                        7.0 * crate::ledger::year_share(start, ramp)
                    } else {
                        0.0
                    };
                    assert!((year - want).abs() < 1e-12);
                }
            }
        }
    }

    #[test]
    fn listed_runs_are_the_others_at_zero() {
        // an item that happened in runs 1, 2 and 4 of 6: phasing its three amounts with the list
        // gives the same bits as phasing all six runs with 0 in the others, for a fixed start and
        // for drawn starts
        let periods = calendar_year();
        let phasing = Phasing::new(&periods, 0, false);
        let (listed, amounts) = ([1u16, 2, 4], [2.5, -7.0, 3.25]);
        let mut every = [0.0; 6];
        for (&b, &a) in listed.iter().zip(&amounts) {
            every[usize::from(b)] = a;
        }
        let drawn = [3u8, 12, 5, 1, 7, 9];
        for starts in [Starts::Fixed(4), Starts::Drawn(&drawn)] {
            for ramp in [0, 3] {
                let stride = 6;
                let phase = |amounts: &[f64], runs: Runs| {
                    // a non-zero start, so that "adds nothing" is tested too
                    let mut months = vec![1.0; MONTH_ROWS * stride];
                    let mut effects = [0.5; 6];
                    phasing.add_block(
                        starts,
                        ramp,
                        amounts,
                        runs,
                        &mut effects,
                        &mut months,
                        stride,
                    );
                    let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
                    (bits(&effects), bits(&months))
                };
                assert_eq!(
                    phase(&amounts, Runs::Where(&listed)),
                    phase(&every, Runs::All),
                    "{starts:?} ramp {ramp}"
                );
            }
        }
    }

    #[test]
    fn a_block_of_runs_is_each_run_on_its_own() {
        // five runs of two items, drawn starts and a zero amount (an item that did not happen),
        // in a block of stride 8: each run's periods and effect as when it is phased alone
        let periods = calendar_year();
        let phasing = Phasing::new(&periods, 0, false);
        let items: [(&[u8], u8, [f64; 5]); 2] = [
            (&[1, 4, 12, 7, 3], 2, [5.0, 0.0, 3.5, 8.0, 1.0]),
            (&[6, 6, 2, 11, 9], 0, [-2.0, -4.0, 0.0, -1.5, -3.0]),
        ];
        let stride = 8;
        let mut months = vec![0.0; MONTH_ROWS * stride];
        let mut effects = [0.0; 5];
        for (starts, ramp, amounts) in items {
            let starts = Starts::Drawn(starts);
            phasing.add_block(
                starts,
                ramp,
                &amounts,
                Runs::All,
                &mut effects,
                &mut months,
                stride,
            );
        }
        let mut out = vec![0.0; periods.len() * stride];
        let (mut slope, mut level) = (vec![0.0; stride], vec![0.0; stride]);
        for (pi, out) in out.chunks_exact_mut(stride).enumerate() {
            phasing.period_block(pi, &months, 5, stride, &mut slope, &mut level, out);
        }
        for b in 0..5 {
            let mut alone = [0.0; MONTH_ROWS];
            let mut effect = 0.0;
            for (starts, ramp, amounts) in items {
                effect += phasing.add(starts[b], ramp, amounts[b], &mut alone);
            }
            let by_period = phasing.by_period(&alone);
            assert_eq!(effects[b].to_bits(), effect.to_bits(), "run {b}");
            for pi in 0..periods.len() {
                assert_eq!(
                    out[pi * stride + b].to_bits(),
                    by_period[pi].to_bits(),
                    "run {b} period {pi}"
                );
            }
        }
    }
}
