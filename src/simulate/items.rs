//! Ledger items as the Monte Carlo draws them: what is uncertain about each, prepared once so that
//! a run draws only that.
//!
//! Per run and item, in this order: the occurrence (a uniform `u < p` for an item on its own, a
//! correlated normal for one in a shared shock), then — only when it happens — the amount's normal
//! draw and the start month's uniform. Certain parts draw nothing. The order is fixed by the
//! scenario, so runs repeat bit for bit.
//!
//! An item in a shared shock group g with correlation ρ takes z = √ρ·z_g + √(1−ρ)·z_own for both its
//! occurrence (it happens when Φ(z) < p) and its amount (the amount's quantile at Φ(z)): the
//! one-factor Gaussian copula.

use rand::RngExt as _;

use crate::dist::{normal_cdf, AmountDist, StartWindow};
use crate::forecast::stats::{normal_quantile, standard_normal, Rng};
use crate::scenario::{Direction, Scenario};

/// Half-width of the band around Φ⁻¹(p) inside which the occurrence of a shocked item is decided by
/// Φ(z) < p itself rather than by comparing z with the threshold (AS 241, accurate to about 1e-16):
/// so the decision is exactly Φ(z) < p, as if Φ were evaluated for every draw.
const THRESHOLD_BAND: f64 = 1e-6;

/// How an item's occurrence is drawn.
#[derive(Debug, Clone, Copy)]
enum Occurrence {
    /// Probability 1: no draw.
    Certain,
    /// On its own: happens when a uniform u in [0, 1) is below p.
    Uniform(f64),
    /// In a shared shock: happens when Φ(z) < p, i.e. z below Φ⁻¹(p).
    Threshold { p: f64, z: f64 },
}

/// One item, ready to draw.
#[derive(Debug, Clone)]
pub(super) struct SimItem {
    /// Index of its ledger.
    pub ledger: usize,
    /// +1 for an increase ledger, −1 for a decrease.
    sign: f64,
    dist: AmountDist,
    occurrence: Occurrence,
    window: StartWindow,
    /// Ramp months.
    pub ramp: u8,
    /// (group, √ρ, √(1−ρ)).
    shock: Option<(usize, f64, f64)>,
}

/// The drawn effect of an item in one run: its signed amount and start month.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Draw {
    /// Signed annual amount.
    pub amount: f64,
    /// Start month, 1..=12.
    pub start: u8,
}

/// The scenario's items in ledger order, and the number of shock groups.
pub(super) fn prepare(scenario: &Scenario) -> (Vec<SimItem>, usize) {
    let mut groups: Vec<&str> = Vec::new();
    let mut items = Vec::new();
    for (li, ledger) in scenario.ledgers.iter().enumerate() {
        for it in &ledger.items {
            let shock = it.shock.as_ref().map(|(name, rho)| {
                let g = match groups.iter().position(|n| n == name) {
                    Some(g) => g,
                    None => {
                        groups.push(name);
                        groups.len() - 1
                    }
                };
                (g, libm::sqrt(*rho), libm::sqrt(1.0 - rho))
            });
            let p = it.probability.value();
            let occurrence = match (p < 1.0, shock.is_some()) {
                (false, _) => Occurrence::Certain,
                (true, false) => Occurrence::Uniform(p),
                (true, true) => Occurrence::Threshold {
                    p,
                    z: normal_quantile(p),
                },
            };
            items.push(SimItem {
                ledger: li,
                sign: if ledger.direction == Direction::Increase {
                    1.0
                } else {
                    -1.0
                },
                dist: it.dist.clone(),
                occurrence,
                window: it.window,
                ramp: it.ramp_months,
                shock,
            });
        }
    }
    (items, groups.len())
}

impl SimItem {
    /// Draws the item for one run, given the run's shock-group normals; `None` when it does not
    /// happen.
    #[inline]
    pub(super) fn draw(&self, r: &mut Rng, group_z: &[f64]) -> Option<Draw> {
        let shared = self.shock.map(|(g, a, b)| (a * group_z[g], b));
        let happens = match self.occurrence {
            Occurrence::Certain => true,
            Occurrence::Uniform(p) => r.random::<f64>() < p,
            Occurrence::Threshold { p, z: threshold } => {
                let (common, b) = shared.unwrap_or((0.0, 1.0));
                let z = common + b * standard_normal(r);
                if z < threshold - THRESHOLD_BAND {
                    true
                } else if z > threshold + THRESHOLD_BAND {
                    false
                } else {
                    normal_cdf(z) < p
                }
            }
        };
        if !happens {
            return None;
        }
        let amount = if self.dist.is_point() {
            self.dist.sample_from_normal(0.0)
        } else {
            let own = standard_normal(r);
            match shared {
                Some((common, b)) => self.dist.sample_from_normal(common + b * own),
                None => self.dist.sample_from_normal(own),
            }
        };
        let start = if self.window.first() == self.window.last() {
            self.window.first()
        } else {
            self.window.start_month(r.random())
        };
        Some(Draw {
            amount: amount * self.sign,
            start,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forecast::stats::rng;

    #[test]
    fn the_threshold_decides_as_the_cdf_would() {
        // Comparing z with Φ⁻¹(p) outside the band gives the same answer as Φ(z) < p.
        for &p in &[1e-9, 0.01, 0.3, 0.5, 0.77, 0.99, 1.0 - 1e-12] {
            let q = normal_quantile(p);
            for k in -400..=400 {
                let z = q + f64::from(k) * 0.01;
                if (z - q).abs() > THRESHOLD_BAND {
                    assert_eq!(z < q, normal_cdf(z) < p, "p {p} z {z}");
                }
            }
        }
    }

    #[test]
    fn a_certain_point_item_draws_nothing() {
        let scenario = crate::Scenario::from_json(crate::examples::QIANTANG_2023_Q1).unwrap();
        let (items, _) = prepare(&scenario);
        let certain: Vec<&SimItem> = items
            .iter()
            .filter(|i| i.dist.is_point() && matches!(i.occurrence, Occurrence::Certain))
            .filter(|i| i.window.first() == i.window.last())
            .collect();
        assert!(!certain.is_empty());
        let mut r = rng(3);
        let before = r.clone();
        for item in certain {
            assert!(item.draw(&mut r, &[]).is_some());
        }
        assert_eq!(r, before, "no draw was taken");
    }
}
