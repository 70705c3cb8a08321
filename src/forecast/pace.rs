//! The pace (seasonal-share) method: what district offices use today to turn the year-to-date
//! figure into a full-year estimate, and so the baseline every statistical model must beat.
//!
//! With `m` periods of the current year known, the seasonal pace `S_m` is the mean over past complete
//! years of `YTD_m / annual` (DESIGN.md, "Progress pace"); the annual estimate is `A = YTD_m / S_m`,
//! and each remaining period `j` of the year is forecast as `A · s̄_j`, `s̄_j` being period `j`'s mean
//! share of the annual total. Later years repeat `A` (no growth), spread by the same shares; when the
//! current year is complete, `A` is its total. Without any complete past year the shares are
//! calendar shares (months / 12, so the combined January–February period of an 11-period year
//! counts 2/12), and a note says so. A series that starts mid-year (`phase > 0`) uses the known part
//! of its first year the same way.
//!
//! Intervals come from the errors the same method made in past complete years, on the log scale:
//! for each past year, the estimate it would have given at the same point of that year with shares
//! from the *other* past years (leave-one-out), `e = ln(Â / A_actual)`, and
//! `σ = √(mean e²)` (the point is not bias-corrected, so bias counts as error). The annual total is
//! log-normal around `A`: `A · exp(±z σ)`, and the remaining periods share what the total leaves
//! after the YTD, `(A_q − YTD) · s̄_j / (1 − S_m)`, so that late in the year the whole annual error
//! falls on the few months left. Each further year adds the spread of past year-on-year changes,
//! `σ_k² = σ² + k σ_g²` with `σ_g² = mean (ln A_{y+1} / A_y)²`. With fewer than two past errors (or
//! year-on-year changes) the spreads are conservative defaults ([`Pace`]), with a note. Bounds and
//! paths of a series with no negative values are floored at 0. Sample paths draw the annual totals
//! from those log-normals and distribute them by the shares. [`ModelInfo::sigma2`] is `σ²` on the
//! log scale; the point is the median of that distribution.
//!
//! # Example
//! ```
//! use gapcast::forecast::{Forecaster, SeriesInput, pace::Pace};
//! // Two complete years, each with the first half holding 40 % of the total, then 6 months of 48.
//! let mut y = vec![8.0; 6];
//! y.extend([12.0; 6]);
//! y.extend([16.0; 6]);
//! y.extend([24.0; 6]);
//! y.extend([8.0; 6]);
//! let fit = Pace::default().fit(&SeriesInput::new(&y, 12))?;
//! assert!((fit.info().params["annualEstimate"] - 120.0).abs() < 1e-9); // 48 / 0.4
//! let f = fit.predict(6, &[80.0]);
//! assert!((f.point[0] - 12.0).abs() < 1e-9); // 120 × 0.1
//! # Ok::<(), gapcast::Error>(())
//! ```

use std::collections::BTreeMap;

use super::stats::{rng, standard_normal, z_for_level};
use super::{Fitted, Forecast, Forecaster, Interval, ModelInfo, SeriesInput};
use crate::error::{Error, Notice};

/// The pace (seasonal-share) method.
///
/// | Name | Default | Purpose | Range |
/// |---|---|---|---|
/// | `default_remaining_spread` | 0.20 | log-scale sd of the rest of the year's total, used when fewer than two past years give errors; the annual total's sd is this × the share of the year still to come | ≥ 0 |
/// | `default_growth_spread` | 0.15 | log-scale sd of one year's change of the annual total, used when fewer than two year-on-year changes are known | ≥ 0 |
///
/// The defaults are deliberately wide: a district's annual industrial output rarely moves by more
/// than ±15 % a year, so 0.15 puts a 95 % band of about ×0.75…×1.34 on each further year, and the
/// months still to come are given a 20 % sd.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pace {
    /// Log-scale sd of the remaining periods' total when it cannot be estimated.
    pub default_remaining_spread: f64,
    /// Log-scale sd of a year-on-year change when it cannot be estimated.
    pub default_growth_spread: f64,
}

impl Default for Pace {
    fn default() -> Self {
        Pace {
            default_remaining_spread: 0.20,
            default_growth_spread: 0.15,
        }
    }
}

/// A fitted pace model.
#[derive(Debug, Clone)]
pub struct PaceFit {
    info: ModelInfo,
    /// Mean share of each position in the annual total.
    shares: Vec<f64>,
    /// Periods of the current year still to come.
    left_in_year: usize,
    /// Annual estimate of the current year (its total when complete).
    annual: f64,
    /// The part of the annual estimate outside the remaining periods: the YTD, plus the estimate
    /// of periods before a mid-year start.
    base: f64,
    /// Share of the annual total the remaining periods of the current year usually hold.
    remaining_share: f64,
    /// Log-scale sd of the current year's total (0 when complete).
    sigma: f64,
    /// Log-scale sd of one year-on-year change.
    sigma_growth: f64,
    /// Floor bounds and paths at 0 (no negative history).
    non_negative: bool,
}

/// Below this, a share is treated as zero.
const TINY_SHARE: f64 = 1e-9;

/// Calendar shares: months per period / 12 for 12 and 11 (January–February combined) periods,
/// `1 / p` otherwise.
fn calendar_shares(p: usize) -> Vec<f64> {
    match p {
        11 => (0..11)
            .map(|j| if j == 0 { 2.0 / 12.0 } else { 1.0 / 12.0 })
            .collect(),
        _ => vec![1.0 / p as f64; p],
    }
}

/// Mean shares over the given years' values (each a full year with a positive total).
fn mean_shares(years: &[&[f64]], p: usize) -> Vec<f64> {
    let mut shares = vec![0.0; p];
    for values in years {
        let total: f64 = values.iter().sum();
        for (s, v) in shares.iter_mut().zip(values.iter()) {
            *s += v / total;
        }
    }
    for s in &mut shares {
        *s /= years.len() as f64;
    }
    shares
}

/// `exp(x)` with `x` kept within ±50, so that absurd spreads from pathological data still give
/// finite bounds (e⁵⁰ ≈ 5·10²¹). The portable table exponential of [`crate::math`]: the same bits
/// natively and in WebAssembly, where the platform's `exp` was 5 % of the Monte Carlo's time
/// (`node --cpu-prof bench/sim-bench.mjs`, raw wasm-bindgen build).
fn growth_factor(x: f64) -> f64 {
    crate::math::exp(x.clamp(-50.0, 50.0))
}

fn rms(x: &[f64]) -> f64 {
    (x.iter().map(|v| v * v).sum::<f64>() / x.len() as f64).sqrt()
}

fn spread_or_default(value: f64, default: f64) -> f64 {
    if value.is_finite() && value >= 0.0 {
        value
    } else {
        default
    }
}

impl Forecaster for Pace {
    fn fit(&self, series: &SeriesInput<'_>) -> Result<Box<dyn Fitted>, Error> {
        super::check_series("", series.values)?;
        let y = series.values;
        let n = y.len();
        let p = series.period.max(1);
        let phase = series.phase % p;
        let default_remaining = spread_or_default(self.default_remaining_spread, 0.20);
        let default_growth = spread_or_default(self.default_growth_spread, 0.15);
        let mut notes = Vec::new();

        // Years are numbered from the first (possibly partial) one; position = index within year.
        let last_year = (n - 1 + phase) / p;
        let last_position = (n - 1 + phase) % p;
        let start_of = |year: usize| year * p - phase; // only for years ≥ 1, or year 0 when phase = 0
        let first_complete = usize::from(phase > 0);
        let current_complete = last_position == p - 1 && (last_year > 0 || phase == 0);
        // Complete years before the current one, and the current one if complete.
        let complete_until = if current_complete {
            last_year + 1
        } else {
            last_year
        };
        let complete: Vec<(usize, &[f64])> = (first_complete..complete_until)
            .map(|year| (year, &y[start_of(year)..start_of(year) + p]))
            .collect();
        let usable: Vec<(usize, &[f64])> = complete
            .iter()
            .copied()
            .filter(|(_, v)| v.iter().sum::<f64>() > 0.0)
            .collect();
        if usable.len() < complete.len() {
            let skipped = complete.len() - usable.len();
            notes.push(Notice {
                code: "pace.zeroYearSkipped",
                en: format!("{skipped} complete year(s) with a total of zero or below are left out of the seasonal shares"),
                zh: format!("有 {skipped} 个完整年度的合计为零或负数，未计入季节占比"),
            });
        }
        let past: Vec<&[f64]> = usable
            .iter()
            .filter(|(year, _)| *year < last_year)
            .map(|(_, v)| *v)
            .collect();
        let all_years: Vec<&[f64]> = usable.iter().map(|(_, v)| *v).collect();

        let seasonal = !all_years.is_empty();
        let shares = if seasonal {
            mean_shares(&all_years, p)
        } else {
            notes.push(Notice {
                code: "pace.calendarFallback",
                en: "no complete past year with output: calendar shares (months / 12) are used instead of seasonal shares".to_string(),
                zh: "没有有产值的完整历史年度：用序时占比（月数 / 12）代替季节占比".to_string(),
            });
            calendar_shares(p)
        };

        // The known window of the current year.
        let window_start = if last_year == 0 { phase } else { 0 };
        let current_start = if last_year == 0 {
            0
        } else {
            start_of(last_year)
        };
        let ytd: f64 = y[current_start..].iter().sum();
        let window_share: f64 = shares[window_start..=last_position].iter().sum();
        let remaining_share: f64 = shares[last_position + 1..].iter().sum();
        let early_share: f64 = shares[..window_start].iter().sum();

        let annual = if current_complete {
            ytd
        } else if window_share > TINY_SHARE {
            ytd / window_share
        } else {
            // The known periods usually hold nothing: the rest of the year is the last usable
            // year's total spread by the shares.
            let last_total: f64 = all_years.last().map_or(0.0, |v| v.iter().sum());
            notes.push(Notice {
                code: "pace.zeroShare",
                en: "the periods known so far usually hold none of the annual total, so the year-to-date cannot be scaled up: the last complete year's total is spread over the remaining periods by the usual shares".to_string(),
                zh: "已知各期通常不占全年产值，无法按进度推算全年：剩余各期按上一完整年度的合计和通常占比计".to_string(),
            });
            ytd + last_total * remaining_share
        };

        let base = ytd + annual * early_share;

        // Spread of the current year's total: leave-one-out errors of past years at the same point.
        let sigma = if current_complete {
            0.0
        } else {
            let errors: Vec<f64> = (0..past.len())
                .filter_map(|i| {
                    let others: Vec<&[f64]> = past
                        .iter()
                        .enumerate()
                        .filter(|&(k, _)| k != i)
                        .map(|(_, v)| *v)
                        .collect();
                    if others.is_empty() {
                        return None;
                    }
                    let s: f64 = mean_shares(&others, p)[window_start..=last_position]
                        .iter()
                        .sum();
                    let known: f64 = past[i][window_start..=last_position].iter().sum();
                    let actual: f64 = past[i].iter().sum();
                    let estimate = known / s;
                    (s > TINY_SHARE && estimate > 0.0).then(|| libm::log(estimate / actual))
                })
                .filter(|e| e.is_finite())
                .collect();
            if errors.len() >= 2 {
                rms(&errors)
            } else {
                let s = default_remaining * remaining_share.clamp(0.0, 1.0);
                notes.push(Notice {
                    code: "pace.defaultSpread",
                    en: format!(
                        "fewer than two past years to measure this method's error at this point of the year: the interval assumes a {}% spread (1 sd) on the periods still to come",
                        crate::error::num(100.0 * default_remaining)
                    ),
                    zh: format!(
                        "可用于衡量本方法在年内同一时点误差的历史年度不足两个：区间按剩余各期 {}%（1 个标准差）的波动估计",
                        crate::error::num(100.0 * default_remaining)
                    ),
                });
                s
            }
        };

        // Year-on-year changes of consecutive complete years.
        let growth: Vec<f64> = usable
            .windows(2)
            .filter(|w| w[1].0 == w[0].0 + 1)
            .map(|w| libm::log(w[1].1.iter().sum::<f64>() / w[0].1.iter().sum::<f64>()))
            .filter(|g| g.is_finite())
            .collect();
        let sigma_growth = if growth.len() >= 2 {
            rms(&growth)
        } else {
            notes.push(Notice {
                code: "pace.defaultGrowthSpread",
                en: format!(
                    "fewer than two year-on-year changes are known: years after the current one assume a {}% spread (1 sd) per year",
                    crate::error::num(100.0 * default_growth)
                ),
                zh: format!(
                    "已知的年度同比变化不足两个：当年之后各年按每年 {}%（1 个标准差）的波动估计",
                    crate::error::num(100.0 * default_growth)
                ),
            });
            default_growth
        };

        // Fitted: each complete year's total (or the current estimate) spread by the shares.
        let fitted = (0..n)
            .map(|t| {
                let (year, position) = ((t + phase) / p, (t + phase) % p);
                if let Some((_, v)) = usable.iter().find(|(yr, _)| *yr == year) {
                    v.iter().sum::<f64>() * shares[position]
                } else if year == last_year {
                    annual * shares[position]
                } else {
                    f64::NAN
                }
            })
            .collect();

        let params = BTreeMap::from([
            ("annualEstimate".to_string(), annual),
            ("seasonalPace".to_string(), window_share),
            ("periodsKnown".to_string(), (last_position + 1) as f64),
            ("completeYears".to_string(), usable.len() as f64),
            ("sigmaLog".to_string(), sigma),
            ("sigmaGrowth".to_string(), sigma_growth),
        ]);
        let info = ModelInfo {
            method: "pace",
            model: format!(
                "Pace(shares={})",
                if seasonal { "seasonal" } else { "calendar" }
            ),
            params,
            log_likelihood: None,
            aic: None,
            aicc: None,
            sigma2: sigma * sigma,
            fitted,
            notes,
        };
        Ok(Box::new(PaceFit {
            info,
            shares,
            left_in_year: p - 1 - last_position,
            annual,
            base,
            remaining_share,
            sigma,
            sigma_growth,
            non_negative: y.iter().all(|&v| v >= 0.0),
        }))
    }
}

impl PaceFit {
    /// (years after the current one, position in the year) of step `k` (1-based).
    fn locate(&self, k: usize) -> (usize, usize) {
        let p = self.shares.len();
        if k <= self.left_in_year {
            (0, p - 1 - self.left_in_year + k)
        } else {
            let after = k - self.left_in_year - 1;
            (after / p + 1, after % p)
        }
    }

    /// The value of step `k` given the current year's total and the annual total of its year.
    fn value(&self, k: usize, current_total: f64, year_total: impl Fn(usize) -> f64) -> f64 {
        let (year, position) = self.locate(k);
        self.value_at(year, self.shares[position], current_total, year_total(year))
    }

    /// The value of a period `year` years after the current one with share `share`, given the
    /// current year's total and the annual total of its year.
    #[inline]
    fn value_at(&self, year: usize, share: f64, current_total: f64, year_total: f64) -> f64 {
        let v = if year == 0 {
            if self.remaining_share > TINY_SHARE {
                (current_total - self.base) * share / self.remaining_share
            } else {
                current_total * share
            }
        } else {
            year_total * share
        };
        // a comparison, not `f64::max`, which is a library call in WebAssembly
        match self.non_negative {
            true if v > 0.0 => v,
            true => 0.0,
            false => v,
        }
    }

    fn spread(&self, year: usize) -> f64 {
        (self.sigma * self.sigma + year as f64 * self.sigma_growth * self.sigma_growth).sqrt()
    }
}

impl Fitted for PaceFit {
    fn info(&self) -> &ModelInfo {
        &self.info
    }

    fn predict(&self, h: usize, levels: &[f64]) -> Forecast {
        let point = (1..=h)
            .map(|k| self.value(k, self.annual, |_| self.annual))
            .collect();
        let intervals = levels
            .iter()
            .map(|&level| {
                let z = z_for_level(level);
                let (mut lower, mut upper) = (Vec::with_capacity(h), Vec::with_capacity(h));
                for k in 1..=h {
                    let (year, _) = self.locate(k);
                    let bound = |sign: f64| {
                        let total = self.annual * growth_factor(sign * z * self.spread(year));
                        self.value(k, total, |_| total)
                    };
                    let (a, b) = (bound(-1.0), bound(1.0));
                    lower.push(a.min(b));
                    upper.push(a.max(b));
                }
                Interval {
                    level,
                    lower,
                    upper,
                }
            })
            .collect();
        Forecast { point, intervals }
    }

    fn sample_paths(&self, h: usize, n: usize, seed: u64) -> Vec<f64> {
        let mut r = rng(seed);
        // the years after the current one that the horizon reaches: only their totals are drawn
        let years = if h == 0 { 0 } else { self.locate(h).0 };
        // each step's year and share, found once for all paths
        let steps: Vec<(usize, f64)> = (1..=h)
            .map(|k| {
                let (year, position) = self.locate(k);
                (year, self.shares[position])
            })
            .collect();
        let mut out = vec![0.0; n.saturating_mul(h)];
        let mut totals = vec![0.0; years + 1];
        for path in out.chunks_exact_mut(h.max(1)) {
            // totals[0]: the current year; totals[j]: j years later (a log random walk).
            let mut log_shift = self.sigma * standard_normal(&mut r);
            totals[0] = self.annual * growth_factor(log_shift);
            for total in &mut totals[1..] {
                log_shift += self.sigma_growth * standard_normal(&mut r);
                *total = self.annual * growth_factor(log_shift);
            }
            for (value, &(year, share)) in path.iter_mut().zip(&steps) {
                *value = self.value_at(year, share, totals[0], totals[year.min(years)]);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * b.abs().max(1.0)
    }

    fn fit(y: &[f64], period: usize, phase: usize) -> Box<dyn Fitted> {
        Pace::default()
            .fit(&SeriesInput {
                values: y,
                period,
                phase,
            })
            .unwrap()
    }

    /// Year 1 (total 120) and year 2 (total 150), then Jan–May of year 3, all 10.
    fn two_years_and_five_months() -> Vec<f64> {
        let mut y = vec![
            8.0, 8.0, 8.0, 8.0, 8.0, 10.0, 10.0, 10.0, 10.0, 10.0, 14.0, 16.0,
        ];
        y.extend([
            9.0, 9.0, 9.0, 9.0, 9.0, 12.0, 12.0, 12.0, 12.0, 12.0, 15.0, 30.0,
        ]);
        y.extend([10.0; 5]);
        y
    }

    #[test]
    fn hand_worked_two_years_and_five_months() {
        let f = fit(&two_years_and_five_months(), 12, 0);
        // Jan–May shares: year 1 40/120 = 1/3, year 2 45/150 = 0.3 → S_5 = (1/3 + 0.3)/2 = 19/60.
        // YTD_5 = 50 → A = 50 / (19/60) = 3000/19 = 157.894 736 8…
        let a = 3000.0 / 19.0;
        let info = f.info();
        assert_eq!(info.model, "Pace(shares=seasonal)");
        assert!(close(info.params["seasonalPace"], 19.0 / 60.0));
        assert!(close(info.params["annualEstimate"], a));
        assert_eq!(info.params["periodsKnown"], 5.0);
        // June share: (10/120 + 12/150)/2 = (1/12 + 2/25)/2 = 49/600 → 3000/19 × 49/600 = 245/19.
        // December share: (16/120 + 30/150)/2 = (2/15 + 1/5)/2 = 1/6 → 3000/19 / 6 = 500/19.
        // Next January: (8/120 + 9/150)/2 = (1/15 + 3/50)/2 = 19/300 → 3000/19 × 19/300 = 10.
        let p = f.predict(8, &[95.0]);
        assert!(close(p.point[0], 245.0 / 19.0), "{:?}", p.point);
        assert!(close(p.point[6], 500.0 / 19.0));
        assert!(close(p.point[7], 10.0));
        // The rest of the year plus the YTD is the annual estimate.
        let rest: f64 = p.point[..7].iter().sum();
        assert!(close(50.0 + rest, a));

        // Leave-one-out errors at m = 5: year 1 with year 2's share 0.3: Â = 40/0.3 = 133.33,
        // e₁ = ln(133.33/120) = ln(10/9); year 2 with year 1's 1/3: Â = 45·3 = 135,
        // e₂ = ln(135/150) = ln(0.9) = −ln(10/9). σ = √((e₁² + e₂²)/2) = ln(10/9) = 0.105 360 5.
        let sigma = (10.0f64 / 9.0).ln();
        assert!(close(info.params["sigmaLog"], sigma));
        // 95 %: A_hi = A·exp(1.959964 σ); June upper = (A_hi − 50) × (49/600) / (1 − 19/60).
        let z = 1.959963984540054;
        let a_hi = a * (z * sigma).exp();
        let a_lo = a * (-z * sigma).exp();
        let iv = &p.intervals[0];
        assert!(close(
            iv.upper[0],
            (a_hi - 50.0) * (49.0 / 600.0) / (41.0 / 60.0)
        ));
        assert!(close(
            iv.lower[0],
            (a_lo - 50.0) * (49.0 / 600.0) / (41.0 / 60.0)
        ));
        // With one year-on-year change only (150/120), the growth spread is the default 0.15:
        // next January = 10 · exp(±z √(σ² + 0.15²)).
        assert_eq!(info.params["sigmaGrowth"], 0.15);
        assert!(info
            .notes
            .iter()
            .any(|n| n.code == "pace.defaultGrowthSpread"));
        let s1 = (sigma * sigma + 0.15 * 0.15).sqrt();
        assert!(close(iv.upper[7], 10.0 * (z * s1).exp()));
        assert!(close(iv.lower[7], 10.0 * (-z * s1).exp()));
    }

    #[test]
    fn complete_current_year_forecasts_next_year_by_shares() {
        let y = &two_years_and_five_months()[..24];
        let f = fit(y, 12, 0);
        // A = year 2's total 150; shares from both years. Jan: 150 × 19/300 = 9.5;
        // Dec: 150 × 1/6 = 25.
        let p = f.predict(12, &[80.0]);
        assert!(close(p.point[0], 9.5));
        assert!(close(p.point[11], 25.0));
        assert!(close(p.point.iter().sum::<f64>(), 150.0));
        assert_eq!(f.info().params["sigmaLog"], 0.0);
        // The interval of the next year is the growth spread alone: 9.5 · exp(±1.281552 · 0.15).
        let z = 1.2815515655446004;
        assert!(close(p.intervals[0].upper[0], 9.5 * (z * 0.15f64).exp()));
    }

    #[test]
    fn no_complete_year_uses_calendar_shares_with_jan_feb_counting_two() {
        // Period 11 (Jan–Feb combined), Jan–Feb + Mar–May known: S = 2/12 + 3/12 = 5/12.
        // YTD = 20 + 3 × 10 = 50 → A = 50 × 12/5 = 120; June = 120/12 = 10.
        let f = fit(&[20.0, 10.0, 10.0, 10.0], 11, 0);
        assert_eq!(f.info().model, "Pace(shares=calendar)");
        assert!(close(f.info().params["annualEstimate"], 120.0));
        let codes: Vec<_> = f.info().notes.iter().map(|n| n.code).collect();
        assert!(codes.contains(&"pace.calendarFallback"), "{codes:?}");
        assert!(codes.contains(&"pace.defaultSpread"));
        let p = f.predict(8, &[95.0]);
        assert!(close(p.point[0], 10.0));
        // next year's combined Jan–Feb: 120 × 2/12 = 20
        assert!(close(p.point[7], 20.0));
        // Default spread: σ = 0.20 × (1 − 5/12) = 0.116 666 7; intervals are not degenerate.
        assert!(close(f.info().params["sigmaLog"], 0.2 * 7.0 / 12.0));
        assert!(p.intervals[0].lower[0] < 10.0 && p.intervals[0].upper[0] > 10.0);
    }

    #[test]
    fn mid_year_start_uses_the_known_part() {
        // Period 4, starting at position 2: [_, _, 3, 5] [2, 2, 3, 5] [2, 2, 3, 5] [4, 4]
        // Complete years: 2 (total 12, shares 1/6, 1/6, 1/4, 5/12).
        // Current: positions 0–1 known, YTD = 8, S = 1/3 → A = 24; forecasts 24/4 = 6, 24·5/12 = 10.
        let y = [3.0, 5.0, 2.0, 2.0, 3.0, 5.0, 2.0, 2.0, 3.0, 5.0, 4.0, 4.0];
        let f = fit(&y, 4, 2);
        assert!(close(f.info().params["annualEstimate"], 24.0));
        assert_eq!(f.info().params["completeYears"], 2.0);
        let p = f.predict(3, &[]);
        assert!(close(p.point[0], 6.0) && close(p.point[1], 10.0) && close(p.point[2], 4.0));
        // The first (partial) year has no fitted value.
        assert!(f.info().fitted[0].is_nan());
        assert!(close(f.info().fitted[2], 2.0));

        // Only part of the first year, from position 1: calendar shares 1/4, S = 2/4, YTD = 6
        // → A = 12; position 3 = 12/4 = 3 (the unseen position 0 is not charged to it), then 3 a
        // period next year.
        let f = fit(&[3.0, 3.0], 4, 1);
        assert!(close(f.info().params["annualEstimate"], 12.0));
        let p = f.predict(5, &[95.0]);
        for v in &p.point {
            assert!(close(*v, 3.0), "{:?}", p.point);
        }
        // default spread on the quarter still to come: 0.2 × 1/4
        assert!(close(f.info().params["sigmaLog"], 0.05));
    }

    #[test]
    fn zeros_and_spikes_give_finite_answers() {
        let zeros = vec![0.0; 30];
        let spike: Vec<f64> = (0..30).map(|t| if t == 13 { 5.0 } else { 0.0 }).collect();
        let mut zero_window = vec![0.0, 0.0, 6.0, 6.0, 0.0, 0.0, 9.0, 3.0];
        zero_window.extend([0.0, 0.0]);
        for (y, p) in [(&zeros, 12), (&spike, 12), (&zero_window, 4)] {
            let f = fit(y, p, 0);
            let fc = f.predict(20, &[80.0, 95.0]);
            let all = fc.point.iter().chain(
                fc.intervals
                    .iter()
                    .flat_map(|i| i.lower.iter().chain(&i.upper)),
            );
            for v in all {
                assert!(v.is_finite(), "{:?} {:?}", f.info(), fc);
            }
            assert!(f.sample_paths(20, 5, 3).iter().all(|v| v.is_finite()));
        }
        let f = fit(&zeros, 12, 0);
        assert!(f
            .info()
            .notes
            .iter()
            .any(|n| n.code == "pace.zeroYearSkipped"));
        // Positions 0–1 always hold 0, so YTD / S is 0 / 0: the rest of the year is the last
        // complete year's total 12 spread by the mean shares (6/12 + 9/12)/2 = 0.625 and
        // (6/12 + 3/12)/2 = 0.375 → 7.5 and 4.5.
        let f = fit(&zero_window, 4, 0);
        assert!(f.info().notes.iter().any(|n| n.code == "pace.zeroShare"));
        let p = f.predict(2, &[]).point;
        assert!(close(p[0], 7.5) && close(p[1], 4.5), "{p:?}");
    }

    #[test]
    fn paths_reproduce_the_intervals_and_the_annual_total() {
        let mut y = two_years_and_five_months();
        y.splice(
            0..0,
            [7.0, 7.0, 7.0, 7.0, 7.0, 9.0, 9.0, 9.0, 9.0, 9.0, 12.0, 14.0],
        );
        let f = fit(&y, 12, 0);
        let n = 4000;
        let paths = f.sample_paths(19, n, 5);
        assert_eq!(paths, f.sample_paths(19, n, 5));
        let emp = super::super::intervals_from_paths(&paths, 19, &[80.0]);
        let ana = f.predict(19, &[80.0]);
        for k in [0, 6, 18] {
            let half = ana.intervals[0].upper[k] - ana.point[k];
            let e = emp[0].upper[k] - ana.point[k];
            assert!((e - half).abs() < 0.1 * half, "step {k}: {e} vs {half}");
        }
        // Within the current year every path keeps the shape: June / December = share ratio.
        for i in 0..5 {
            let row = &paths[i * 19..i * 19 + 7];
            assert!((row[0] / row[6] - ana.point[0] / ana.point[6]).abs() < 1e-9);
        }
    }

    proptest! {
        #[test]
        fn prop_positive_series_are_sane(
            y in prop::collection::vec(0.5f64..1e6, 1..60),
            period in prop::sample::select(vec![1usize, 4, 11, 12]),
            phase in 0usize..12,
            seed in any::<u64>(),
        ) {
            let f = fit(&y, period, phase);
            let p = f.predict(30, &[80.0, 95.0]);
            let (i80, i95) = (&p.intervals[0], &p.intervals[1]);
            for k in 0..30 {
                prop_assert!(p.point[k].is_finite());
                let eps = 1e-9 * p.point[k].abs();
                prop_assert!(i95.lower[k] <= i80.lower[k] + eps);
                prop_assert!(i80.lower[k] <= p.point[k] + eps && p.point[k] <= i80.upper[k] + eps);
                prop_assert!(i80.upper[k] <= i95.upper[k] + eps);
                prop_assert!(i95.lower[k] >= 0.0);
            }
            let a = f.sample_paths(30, 3, seed);
            prop_assert_eq!(a.len(), 90);
            prop_assert!(a.iter().all(|v| v.is_finite() && *v >= 0.0));
            prop_assert_eq!(a, f.sample_paths(30, 3, seed));
        }

        #[test]
        fn prop_any_finite_series_gives_finite_ordered_output(
            y in prop::collection::vec(prop_oneof![Just(0.0), -1e13f64..1e13, -1.0f64..1.0], 1..50),
            period in prop::sample::select(vec![1usize, 4, 11, 12]),
            phase in 0usize..12,
        ) {
            let f = fit(&y, period, phase);
            let p = f.predict(30, &[80.0, 95.0]);
            for k in 0..30 {
                prop_assert!(p.point[k].is_finite());
                for iv in &p.intervals {
                    prop_assert!(iv.lower[k].is_finite() && iv.upper[k].is_finite());
                    prop_assert!(iv.lower[k] <= p.point[k] && p.point[k] <= iv.upper[k]);
                }
            }
            prop_assert!(f.sample_paths(30, 2, 1).iter().all(|v| v.is_finite()));
        }
    }
}
