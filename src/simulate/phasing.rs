//! How a ledger item's annual amount falls on the plan year's periods, for every start month and
//! ramp: built once per simulation, read for every drawn item.
//!
//! The share of a period is the item's rate summed over the period's months / 12 (see
//! [`crate::ledger::rate_in_month`]); the year's share is the sum over periods. In-year, only the
//! periods after the last month with data count, and only for items that have not started by then
//! (the others are already in the data). Rows are fixed at 12 periods (zero beyond the calendar's
//! 11 or 12) so that adding an item is one unrolled loop (measured faster than skipping the
//! periods before its start).

use crate::calendar::Period;
use crate::ledger::rate_in_month;

/// Share tables indexed by start month (1..=12) and ramp (0..=12).
pub(super) struct Phasing {
    entries: Vec<Entry>,
}

struct Entry {
    /// Share of the annual amount in each period (zero beyond the calendar's periods).
    shares: [f64; 12],
    /// Sum of the shares.
    year: f64,
}

impl Phasing {
    /// Tables for the plan year's `periods`; `known` periods already have data when `in_year`.
    pub(super) fn new(periods: &[Period], known: usize, in_year: bool) -> Phasing {
        let last_known_month = match (in_year, known.checked_sub(1)) {
            (true, Some(k)) => periods[k].end_month(),
            _ => 0,
        };
        let mut entries = Vec::with_capacity(13 * 13);
        for start in 0..=12u8 {
            for ramp in 0..=12u8 {
                let mut shares = [0.0; 12];
                for (pi, (slot, period)) in shares.iter_mut().zip(periods).enumerate() {
                    *slot = {
                        let counted =
                            start >= 1 && (!in_year || (pi >= known && start > last_known_month));
                        if counted {
                            period
                                .months()
                                .iter()
                                .map(|&m| rate_in_month(start, ramp, m))
                                .sum::<f64>()
                                / 12.0
                        } else {
                            0.0
                        }
                    };
                }
                let year = shares.iter().sum();
                entries.push(Entry { shares, year });
            }
        }
        Phasing { entries }
    }

    fn entry(&self, start: u8, ramp: u8) -> &Entry {
        &self.entries[usize::from(start.min(12)) * 13 + usize::from(ramp.min(12))]
    }

    /// Adds `amount` × each period's share to `by_period`, and returns amount × the year's share.
    #[inline]
    pub(super) fn add(&self, start: u8, ramp: u8, amount: f64, by_period: &mut [f64; 12]) -> f64 {
        let e = self.entry(start, ramp);
        for (slot, share) in by_period.iter_mut().zip(&e.shares) {
            *slot += amount * share;
        }
        amount * e.year
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
        let mut by_period = [0.0; 12];
        // starts in January, no ramp: the whole amount over the year
        let year = phasing.add(1, 0, 12.0, &mut by_period);
        assert!((year - 12.0).abs() < 1e-12);
        assert!((by_period.iter().sum::<f64>() - 12.0).abs() < 1e-12);
        // starts in October, no ramp: three months of twelve
        let mut late = [0.0; 12];
        assert!((phasing.add(10, 0, 12.0, &mut late) - 3.0).abs() < 1e-12);
        let first = late.iter().position(|&v| v != 0.0).unwrap();
        assert_eq!(periods[first].months(), &[10]);
    }

    #[test]
    fn in_year_only_later_periods_and_later_starts_count() {
        let periods = calendar_year();
        // data through the 5th period (Jan–Feb combined, so through June)
        let phasing = Phasing::new(&periods, 5, true);
        let mut by_period = [0.0; 12];
        assert_eq!(
            phasing.add(3, 0, 12.0, &mut by_period),
            0.0,
            "already in the data"
        );
        assert!(by_period.iter().all(|&v| v == 0.0));
        assert!((phasing.add(7, 0, 12.0, &mut by_period) - 6.0).abs() < 1e-12);
    }
}
