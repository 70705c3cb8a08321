//! Phasing of ledger items over the plan year, and the ten-ledger totals.
//!
//! An item's amount is its full-year (annualised) output. In the plan year it runs from its start
//! month; with a ramp of k months its rate climbs linearly, reaching 1/k of full rate in the start
//! month, 2/k in the next, and full rate from the k-th month on (k = 0 or 1 is a step). Each month at
//! full rate counts one twelfth of the amount (calendar share of the year), so the in-year effect is
//! `amount × Σ_m rate(m) / 12`. Source: DESIGN.md "How a year is projected".
//!
//! # Example
//! ```
//! use gapcast::ledger::year_share;
//! assert_eq!(year_share(1, 0), 1.0);      // runs all year
//! assert_eq!(year_share(7, 0), 0.5);      // from July: half the annual amount falls in the year
//! // from April, ramp over 3 months: 1/3 + 2/3 + 7 full months = 8 months -> 8/12
//! assert!((year_share(4, 3) - 8.0 / 12.0).abs() < 1e-12);
//! ```

use crate::scenario::{Direction, Item, Ledger};

/// Fraction of full rate an item runs at in `month` (1..=12).
pub fn rate_in_month(start_month: u8, ramp_months: u8, month: u8) -> f64 {
    if month < start_month {
        return 0.0;
    }
    let months_running = f64::from(month - start_month + 1);
    if ramp_months <= 1 {
        1.0
    } else {
        (months_running / f64::from(ramp_months)).min(1.0)
    }
}

/// Share of the annual amount that falls in the plan year: Σ_m rate(m) / 12.
pub fn year_share(start_month: u8, ramp_months: u8) -> f64 {
    (1..=12u8)
        .map(|m| rate_in_month(start_month, ramp_months, m))
        .sum::<f64>()
        / 12.0
}

/// An item's effect in one month: amount × rate / 12.
pub fn item_effect_in_month(item: &Item, month: u8) -> f64 {
    item.amount * rate_in_month(item.start_month, item.ramp_months, month) / 12.0
}

/// An item's in-year effect: amount × year share (≥ 0; the ledger's direction gives the sign).
pub fn item_effect(item: &Item) -> f64 {
    item.amount * year_share(item.start_month, item.ramp_months)
}

/// A ledger's in-year effect, the sum of its items' (≥ 0).
pub fn ledger_effect(ledger: &Ledger) -> f64 {
    ledger.items.iter().map(item_effect).sum()
}

/// Totals of all ledgers: increases, decreases (both ≥ 0) and the net.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LedgerTotals {
    /// Σ increase ledgers.
    pub increases: f64,
    /// Σ decrease ledgers.
    pub decreases: f64,
}

impl LedgerTotals {
    /// Adds up the ledgers.
    pub fn of(ledgers: &[Ledger]) -> Self {
        let sum = |d| {
            ledgers
                .iter()
                .filter(|l| l.direction == d)
                .map(ledger_effect)
                .sum()
        };
        LedgerTotals {
            increases: sum(Direction::Increase),
            decreases: sum(Direction::Decrease),
        }
    }

    /// Increases − decreases.
    pub fn net(&self) -> f64 {
        self.increases - self.decreases
    }
}

/// Effects of all ledgers in a set of months: (increases, decreases), both ≥ 0.
pub fn effects_in_months(ledgers: &[Ledger], months: &[u8]) -> (f64, f64) {
    let mut up = 0.0;
    let mut down = 0.0;
    for ledger in ledgers {
        let effect: f64 = ledger
            .items
            .iter()
            .map(|item| {
                months
                    .iter()
                    .map(|&m| item_effect_in_month(item, m))
                    .sum::<f64>()
            })
            .sum();
        match ledger.direction {
            Direction::Increase => up += effect,
            Direction::Decrease => down += effect,
        }
    }
    (up, down)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn item(amount: f64, start_month: u8, ramp_months: u8) -> Item {
        Item::fixed("x", amount, start_month, ramp_months)
    }

    #[test]
    fn linear_ramp_climbs_to_full_rate() {
        // ramp 6 from July: 1/6, 2/6, …, 6/6 in Jul–Dec -> 21/6 months -> 3.5/12 of the amount
        let rates: Vec<f64> = (7..=12).map(|m| rate_in_month(7, 6, m)).collect();
        assert_eq!(
            rates,
            vec![1.0 / 6.0, 2.0 / 6.0, 3.0 / 6.0, 4.0 / 6.0, 5.0 / 6.0, 1.0]
        );
        assert!((item_effect(&item(48.0, 7, 6)) - 14.0).abs() < 1e-12);
        assert_eq!(rate_in_month(7, 6, 6), 0.0);
        // a ramp longer than the months left never reaches full rate inside the year
        assert!((year_share(12, 12) - 1.0 / 144.0).abs() < 1e-15);
    }

    #[test]
    fn totals_split_by_direction() {
        let ledgers = vec![
            Ledger {
                name: "a".into(),
                direction: Direction::Increase,
                items: vec![item(12.0, 1, 0), item(24.0, 7, 0)],
            },
            Ledger {
                name: "b".into(),
                direction: Direction::Decrease,
                items: vec![item(6.0, 1, 0)],
            },
        ];
        let t = LedgerTotals::of(&ledgers);
        assert_eq!((t.increases, t.decreases, t.net()), (24.0, 6.0, 18.0));
        let (up, down) = effects_in_months(&ledgers, &[1, 2]);
        assert_eq!((up, down), (2.0, 1.0));
    }

    proptest! {
        #[test]
        fn phasing_sums_to_the_annualised_share(
            amount in 0.0f64..1e6, start in 1u8..=12, ramp in 0u8..=12,
        ) {
            let it = item(amount, start, ramp);
            let by_month: f64 = (1..=12).map(|m| item_effect_in_month(&it, m)).sum();
            prop_assert!((by_month - item_effect(&it)).abs() <= 1e-9 * (1.0 + amount));
            let share = year_share(start, ramp);
            // never more than the months left, never less than the ramp's share of them
            prop_assert!(share <= f64::from(13 - start) / 12.0 + 1e-12);
            prop_assert!(share > 0.0);
            // a step item counts exactly the months it runs
            if ramp <= 1 {
                prop_assert!((share - f64::from(13 - start) / 12.0).abs() < 1e-12);
            }
        }
    }
}
