//! Seeded Monte Carlo of the ten ledgers on top of forecast sample paths: how likely the target is,
//! which ledger decides it, and how much more is needed to be safe.
//!
//! One run is one joint draw of everything. The year's own output comes from the forecast's sample
//! paths (YTD actual + a path of the remaining months; a complete base year is its actual total),
//! phased over the plan year by the base year's seasonal shape. Each ledger item happens with its
//! probability, has an amount drawn from its distribution, a start month drawn from its window and
//! its ramp; its effect in the plan year is amount × Σ_m rate(m)/12 (see [`crate::ledger`]).
//! Items in a shared shock group draw their amount and their occurrence through a Gaussian copula:
//! z = √ρ·z_group + √(1−ρ)·z_own, so that they succeed or fail together. Decrease ledgers subtract.
//! When the plan year already has data, the total is YTD + the path of the remaining months + the
//! effects, in those months, of items that start after the last month with data.
//!
//! Runs and seed are part of the scenario; the generator is xoshiro256++ and every transcendental
//! function comes from `libm` or [`crate::math`], so the same scenario gives the same bytes natively
//! and in WebAssembly.
//!
//! Speed (`scripts/bench-sim.sh`, 100 000 runs × 30 items): the runs are drawn a block at a time,
//! item by item (`runs`, `items`); an item on its own draws its amount by inversion through a
//! table of its quantiles (`inversion`); each output keeps its runs in one flat array and every
//! summary is found by selection on it ([`summary`]); a drawn item adds two numbers to a
//! second-difference array over the months (`phasing`) rather than a share to every period.
//!
//! # Example
//! ```
//! use gapcast::{simulate::simulate, Scenario};
//! let scenario = Scenario::from_json(gapcast::examples::QIANTANG_2023)?;
//! let s = simulate(&scenario, Some(2_000), Some(7))?;
//! assert!(s.total.p10 <= s.total.p50 && s.total.p50 <= s.total.p90);
//! assert!((0.0..=1.0).contains(&s.meet.p));
//! # Ok::<(), gapcast::Error>(())
//! ```

pub mod charts;
mod inversion;
mod items;
pub mod normals;
mod phasing;
mod runs;
mod stream;
pub mod summary;

use serde::Serialize;

use crate::error::{Error, Notice, Place, Problem, ProblemKind};
use crate::forecast::stats::{quantiles_unsorted, Scan};
use crate::gap::period_profile;
use crate::scenario::{Direction, Scenario, Unit};
use phasing::Phasing;
use runs::RunArrays;
use summary::{histogram, probability_at_least, OfTotals, Probability, Quantiles};

/// Most runs one simulation may ask for.
pub const MAX_RUNS: usize = 1_000_000;
/// Default runs.
pub const DEFAULT_RUNS: usize = 10_000;
/// Bins of the histogram.
const HISTOGRAM_BINS: usize = 40;

/// Everything a simulation reports. Field names are the JSON names (camelCase).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SimSummary {
    /// Runs.
    pub runs: usize,
    /// Seed.
    pub seed: u64,
    /// Annual target.
    pub target: f64,
    /// Unit.
    pub unit: Unit,
    /// The plan year's annual total.
    pub total: Quantiles,
    /// P(total ≥ target), with its Monte Carlo standard error.
    pub meet: Probability,
    /// Gap = target − total (positive: short).
    pub gap: Quantiles,
    /// The year's own output (base year, or plan-year YTD + forecast) before the ledgers.
    pub base: Quantiles,
    /// Each ledger's signed effect in the plan year.
    pub ledgers: Vec<LedgerSummary>,
    /// Swing of the total as each ledger goes from its p10 to its p90, others at their medians,
    /// sorted by swing (largest first).
    pub tornado: Vec<Swing>,
    /// Cumulative total by period: p10/p50/p90 and the target path (calendar pace × target).
    pub fan: Fan,
    /// Histogram of the total.
    pub histogram: Histogram,
    /// Reinforcement targets.
    pub reinforcement: SimReinforcement,
    /// Notes (fallbacks of the forecast, etc.).
    pub notices: Vec<Notice>,
}

/// A ledger's effect across runs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LedgerSummary {
    /// Name.
    pub name: String,
    /// Increase or decrease.
    pub direction: Direction,
    /// Signed effect quantiles.
    pub effect: Quantiles,
}

/// One bar of the tornado.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Swing {
    /// Ledger name.
    pub name: String,
    /// Total with this ledger at its p10.
    pub low: f64,
    /// Total with this ledger at its p90.
    pub high: f64,
    /// high − low.
    pub swing: f64,
}

/// The fan of the cumulative total.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Fan {
    /// Months of each period (`[1, 2]` for a combined Jan–Feb).
    pub months: Vec<Vec<u8>>,
    /// 10th percentile of the cumulative total.
    pub p10: Vec<f64>,
    /// Median.
    pub p50: Vec<f64>,
    /// 90th percentile.
    pub p90: Vec<f64>,
    /// Actual YTD where known (plan-year data), else null.
    pub actual: Vec<Option<f64>>,
    /// Target × calendar pace at the end of each period.
    pub target_path: Vec<f64>,
}

/// Histogram of the annual total.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Histogram {
    /// Bin edges (bins + 1).
    pub edges: Vec<f64>,
    /// Runs per bin.
    pub counts: Vec<usize>,
}

/// Reinforcement targets from the simulation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SimReinforcement {
    /// (a) share × target − expected net ledgers.
    pub by_rule: f64,
    /// The probability asked for in (b).
    pub level: f64,
    /// (b) additional net increase so that P(meet) ≥ level, to 0.01 of the unit.
    pub for_level: f64,
}

fn runs_problem(value: usize) -> Error {
    Problem::new(
        Place::Field("simulation.runs"),
        ProblemKind::CountOutOfRange {
            value: value as f64,
            min: 1,
            max: MAX_RUNS as i64,
        },
    )
    .into()
}

impl SimSummary {
    /// The summary as JSON, numbers tidied to 12 significant digits (as the account's): the one
    /// form the CLI (`--json`) and the binding return.
    pub fn to_json(&self) -> serde_json::Value {
        let mut v = serde_json::to_value(self).unwrap_or(serde_json::Value::Null);
        crate::account::tidy_value(&mut v);
        v
    }
}

/// Runs the Monte Carlo of a checked scenario; `runs` and `seed` override the scenario's.
///
/// # Errors
/// `forecast.count` for runs outside 1..=1 000 000; forecast errors are reported as notices and the
/// year's own output is then held at its point estimate.
pub fn simulate(
    scenario: &Scenario,
    runs: Option<usize>,
    seed: Option<u64>,
) -> Result<SimSummary, Error> {
    simulate_runs(scenario, runs, seed, false).map(|(summary, _)| summary)
}

/// [`simulate`], also returning each run's annual total in run order (for the binding's
/// `totals: Float64Array`, e.g. to export the runs) when `keep_totals` is set.
///
/// # Errors
/// As [`simulate`].
pub fn simulate_runs(
    scenario: &Scenario,
    runs: Option<usize>,
    seed: Option<u64>,
    keep_totals: bool,
) -> Result<(SimSummary, Option<Vec<f64>>), Error> {
    simulate_runs_reporting(scenario, runs, seed, keep_totals, &mut |_, _| {})
}

/// [`simulate_runs`], telling `progress(drawn, runs)` how many of the runs are drawn after each
/// block of them (about a thousand), so that a long simulation can show how far it is. The forecast
/// of the year's own output comes before the first call, the summaries after the last; the figures
/// are the same as without it.
///
/// # Errors
/// As [`simulate`].
pub fn simulate_runs_reporting(
    scenario: &Scenario,
    runs: Option<usize>,
    seed: Option<u64>,
    keep_totals: bool,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<(SimSummary, Option<Vec<f64>>), Error> {
    let runs = runs.unwrap_or(scenario.simulation.runs);
    let seed = seed.unwrap_or(scenario.simulation.seed);
    if runs == 0 || runs > MAX_RUNS {
        return Err(runs_problem(runs));
    }
    let history = &scenario.history;
    let periods = history.periods();
    let np = periods.len();
    let mut notices = Vec::new();

    // The year whose remaining months are forecast: the plan year when it has data, else the base.
    let in_year = history.last_year() == scenario.plan_year;
    let year = if in_year {
        scenario.plan_year
    } else {
        scenario.base_year
    };
    let known = history.year_values(year).len();
    let ytd: f64 = history.year_values(year).iter().sum();
    let remaining = np - known;
    let own_paths: Vec<f64> = if remaining > 0 {
        match crate::account::forecast_rest_of_year(scenario, remaining, runs, seed, &mut notices) {
            Ok(out) => out.paths,
            Err(e) => {
                notices.push(Notice {
                    code: "simulate.forecastFailed",
                    en: format!("the forecast failed ({}); the year's own output is held at its point estimate", e),
                    zh: format!("预测失败（{}），本年自身产值按点估计处理", e.localized(crate::Lang::Zh)),
                });
                let point = crate::account(scenario);
                let per = (point.base.estimate - ytd) / remaining as f64;
                vec![per; runs * remaining]
            }
        }
    } else {
        Vec::new()
    };

    // Seasonal shape of the plan year (for the fan when the plan year has no data).
    let (profile, _) = period_profile(history, scenario.base_year);
    let own = runs::OwnOutput {
        in_year,
        ytd,
        year_values: history.year_values(year),
        paths: &own_paths,
        remaining,
        profile: &profile,
    };
    let RunArrays {
        totals,
        bases,
        ledger_effects,
        cumulative,
    } = runs::draw(
        scenario,
        runs,
        seed,
        Phasing::new(periods, known, in_year),
        &own,
        &mut |drawn| progress(drawn, runs),
    );
    let year_values = history.year_values(year);

    let target = scenario.target;
    let meet = probability_at_least(&totals, target);
    let scan = Scan::of(&totals);
    let (edges, counts) = histogram(&totals, &scan, HISTOGRAM_BINS);
    let level = scenario.simulation.target_probability;
    let of_totals = OfTotals::of(&totals, &scan, target, level);
    let base = Quantiles::of(&bases);
    let ledgers: Vec<LedgerSummary> = scenario
        .ledgers
        .iter()
        .zip(&ledger_effects)
        .map(|(l, e)| LedgerSummary {
            name: l.name.clone(),
            direction: l.direction,
            effect: Quantiles::of(e),
        })
        .collect();
    let centre = base.p50 + ledgers.iter().map(|l| l.effect.p50).sum::<f64>();
    let mut tornado: Vec<Swing> = ledgers
        .iter()
        .map(|l| {
            let low = centre - l.effect.p50 + l.effect.p10;
            let high = centre - l.effect.p50 + l.effect.p90;
            Swing {
                name: l.name.clone(),
                low,
                high,
                swing: high - low,
            }
        })
        .collect();
    tornado.sort_by(|a, b| b.swing.abs().total_cmp(&a.swing.abs()));

    let (mut p10, mut p50, mut p90) = (Vec::new(), Vec::new(), Vec::new());
    for column in &cumulative {
        // selection, not a sort: three quantiles per period in a few O(N) passes
        let q = quantiles_unsorted(column, &[0.1, 0.5, 0.9]);
        p10.push(q[0]);
        p50.push(q[1]);
        p90.push(q[2]);
    }
    // at the end of the year the cumulative total is the annual total: its quantiles, already
    // selected (the same numbers up to the order of the additions, and to the rounding of the
    // seasonal shares when the plan year has no data; a pass less)
    if np > 0 {
        p10.push(of_totals.total.p10);
        p50.push(of_totals.total.p50);
        p90.push(of_totals.total.p90);
    }
    let fan = Fan {
        months: periods.iter().map(|p| p.months().to_vec()).collect(),
        p10,
        p50,
        p90,
        actual: (0..np)
            .map(|pi| (in_year && pi < known).then(|| year_values[..=pi].iter().sum()))
            .collect(),
        target_path: periods
            .iter()
            .map(|p| target * f64::from(p.end_month()) / 12.0)
            .collect(),
    };
    let expected_net: f64 = ledgers.iter().map(|l| l.effect.mean).sum();
    let reinforcement = SimReinforcement {
        by_rule: scenario.reinforcement_share * target - expected_net,
        level,
        for_level: of_totals.for_level,
    };
    let summary = SimSummary {
        runs,
        seed,
        target,
        unit: scenario.unit,
        total: of_totals.total,
        meet,
        gap: of_totals.gap,
        base,
        ledgers,
        tornado,
        fan,
        histogram: Histogram { edges, counts },
        reinforcement,
        notices,
    };
    Ok((summary, keep_totals.then_some(totals)))
}
