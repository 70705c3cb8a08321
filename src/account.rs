//! The deterministic account of a scenario: base year, ten ledgers, plan year, gap, reinforcement
//! target and lights — the summary the page, the CLI and the JS API all show.
//!
//! Ledger account (bottom-up, DESIGN.md): plan year = base year (its missing months estimated by the
//! seasonal share) + Σ increase ledgers − Σ decrease ledgers, phased by month. When the history
//! already has plan-year data, the in-year view (YTD extrapolated by the seasonal share, pace,
//! required run-rate) is added. Reinforcement target (补强目标) = share × target − net ledgers, the
//! rule of the source document ("按照增量贡献达到总产值5%比例设定补强目标").
//!
//! # Example
//! ```
//! use gapcast::{account, Scenario};
//! let summary = account(&Scenario::from_json(gapcast::examples::QIANTANG_2023)?);
//! // 198.41 − 118.57 = 79.84; 0.05 × 3600 − 79.84 = 100.16
//! assert!((summary.net_ledgers - 79.84).abs() < 1e-9);
//! assert!((summary.reinforcement.amount - 100.16).abs() < 1e-9);
//! # Ok::<(), gapcast::Error>(())
//! ```

use serde::Serialize;

pub use crate::error::Notice;
use crate::forecast::method::{forecast_series_up_to, ForecastOptions, Method};
use crate::gap::{
    calendar_pace, estimate_full_year, period_profile, required_growth_pct,
    required_monthly_average, seasonal_pace,
};
use crate::ledger::{effects_in_months, item_effect, ledger_effect, year_share, LedgerTotals};
use crate::lights::{gap_light, pace_light, GapSource, Light, PaceReading};
use crate::scenario::{Direction, PaceBasis, Scenario, Unit};

/// Everything the page shows for a scenario. Field names are the JSON names (camelCase).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountSummary {
    /// Scenario title.
    pub title: String,
    /// Region.
    pub region: String,
    /// Indicator.
    pub indicator: String,
    /// Unit of every amount.
    pub unit: Unit,
    /// Base year.
    pub base_year: i32,
    /// Plan year.
    pub plan_year: i32,
    /// Annual target.
    pub target: f64,
    /// The base year and its estimate.
    pub base: BaseYear,
    /// Each ledger with its items' in-year effects.
    pub ledgers: Vec<LedgerAccount>,
    /// Σ increase ledgers.
    pub increases: f64,
    /// Σ decrease ledgers (≥ 0).
    pub decreases: f64,
    /// increases − decreases.
    pub net_ledgers: f64,
    /// The plan year by the ledger account.
    pub plan: PlanYear,
    /// The in-year view, when the history has plan-year data.
    pub in_year: Option<InYear>,
    /// Reinforcement target.
    pub reinforcement: Reinforcement,
    /// Chain-strengthening target (informational).
    pub chain_target: Option<f64>,
    /// Pace and gap lights.
    pub lights: Lights,
    /// Notes on how figures were made (fallbacks).
    pub notices: Vec<Notice>,
}

/// The base year (plan year − 1).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BaseYear {
    /// Year.
    pub year: i32,
    /// Last month with data in the base year.
    pub last_month: u8,
    /// Whether all periods are known.
    pub complete: bool,
    /// YTD at `last_month`.
    pub ytd: f64,
    /// Full-year estimate (actual when complete).
    pub estimate: f64,
    /// Seasonal or calendar share.
    pub pace_basis: PaceBasis,
    /// The share of the year's total usually reached by `last_month`.
    pub share: f64,
    /// How the missing months were forecast (absent when the year is complete).
    pub forecast: Option<YearForecast>,
    /// YTD of the same months one year earlier.
    pub prior_ytd: Option<f64>,
    /// y/y growth of the YTD, %.
    pub ytd_growth_pct: Option<f64>,
}

/// How the rest of an incomplete year was forecast, and the uncertainty of its total.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct YearForecast {
    /// The method asked for (`auto`, `ets`, …).
    pub requested: Method,
    /// The method used (`auto` resolves to one of the others).
    pub method: &'static str,
    /// The fitted model, e.g. `ETS(M,A,M)`.
    pub model: String,
    /// Periods forecast.
    pub periods: usize,
    /// 10th percentile of the annual total (from 2 000 seeded sample paths).
    pub p10: f64,
    /// 90th percentile of the annual total.
    pub p90: f64,
    /// The estimated Spring Festival effect, when `rules.springFestival` is on and it could be
    /// estimated (otherwise a notice says why); absent when the rule is off.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spring_festival: Option<crate::forecast::festival::FestivalEffect>,
}

/// One ledger.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LedgerAccount {
    /// Name.
    pub name: String,
    /// Increase or decrease.
    pub direction: Direction,
    /// In-year effect (≥ 0).
    pub effect: f64,
    /// Items.
    pub items: Vec<ItemAccount>,
}

/// One item.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemAccount {
    /// Name.
    pub name: String,
    /// Full-year amount.
    pub amount: f64,
    /// 1..=12.
    pub start_month: u8,
    /// 0..=12.
    pub ramp_months: u8,
    /// Share of the amount that falls in the plan year.
    pub year_share: f64,
    /// amount × year share.
    pub effect: f64,
}

/// The plan year by the ledger account.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanYear {
    /// base estimate + net ledgers.
    pub projection: f64,
    /// target − projection.
    pub gap: f64,
    /// gap / target × 100.
    pub gap_pct: f64,
    /// The projection by reporting period.
    pub periods: Vec<PlanPeriod>,
}

/// One reporting period of the plan year.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanPeriod {
    /// Months covered, e.g. `[1, 2]`.
    pub months: Vec<u8>,
    /// Base-year estimate × the period's seasonal share.
    pub base: f64,
    /// Increase ledgers' effect in the period.
    pub increases: f64,
    /// Decrease ledgers' effect in the period (≥ 0).
    pub decreases: f64,
    /// base + increases − decreases.
    pub total: f64,
    /// Running YTD of `total`.
    pub cumulative: f64,
}

/// The plan year seen from its own year-to-date data.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InYear {
    /// Last month with data.
    pub last_month: u8,
    /// YTD at `last_month`.
    pub ytd: f64,
    /// ytd / target × 100.
    pub completion_pct: f64,
    /// last_month / 12 × 100.
    pub calendar_pace_pct: f64,
    /// Seasonal pace × 100, when a complete past year exists.
    pub seasonal_pace_pct: Option<f64>,
    /// The pace behind `pace_gap_pp` and the pace light.
    pub pace_basis: PaceBasis,
    /// completion − pace, percentage points.
    pub pace_gap_pp: f64,
    /// YTD + forecast of the remaining months.
    pub estimate: f64,
    /// How the remaining months were forecast.
    pub forecast: Option<YearForecast>,
    /// target − estimate.
    pub gap: f64,
    /// gap / target × 100.
    pub gap_pct: f64,
    /// 12 − last_month.
    pub remaining_months: u8,
    /// (target − ytd) / remaining months.
    pub required_monthly_average: Option<f64>,
    /// Growth the remaining months need over the same months of the base year, %.
    pub required_growth_pct: Option<f64>,
}

/// The reinforcement target (补强目标).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reinforcement {
    /// Rule share, e.g. 0.05.
    pub share: f64,
    /// share × target.
    pub rule_amount: f64,
    /// Net ledgers.
    pub net_ledgers: f64,
    /// rule amount − net ledgers.
    pub amount: f64,
    /// `needed` when amount > 0, else `met`.
    pub status: ReinforcementStatus,
}

/// Whether the ledgers already meet the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ReinforcementStatus {
    /// More net increase is needed.
    Needed,
    /// The ledgers reach the rule's share.
    Met,
}

/// The two lights.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lights {
    /// Pace light.
    pub pace: Light,
    /// Gap light.
    pub gap: Light,
}

/// The share of the year reached by `month` of `year`: seasonal when a complete earlier year
/// exists and its share is positive, else calendar (with a notice).
fn share_for(scenario: &Scenario, year: i32, month: u8) -> (PaceBasis, f64) {
    match seasonal_pace(&scenario.history, year, month) {
        Some(s) if s > 0.0 => (PaceBasis::Seasonal, s),
        _ => (PaceBasis::Calendar, calendar_pace(month)),
    }
}

/// Said when an estimate is YTD / calendar pace.
fn calendar_fallback(year: i32, month: u8) -> Notice {
    Notice {
        code: "pace.calendarFallback",
        en: format!(
            "no complete year before {year} in the history: the {year} estimate uses calendar pace ({month}/12) instead of the seasonal share"
        ),
        zh: format!("历史数据中没有 {year} 年之前的完整年份：{year} 年全年预估按序时进度（{month}/12）推算，而非季节进度"),
    }
}

/// Paths drawn for the p10/p90 of an estimated annual total; fixed seed so figures repeat.
const ESTIMATE_PATHS: usize = 2000;
const ESTIMATE_SEED: u64 = 1;

/// The forecast of the last year's `remaining` periods by the scenario's method, with `paths`
/// sample paths; its notes (minus those about later years, which do not apply inside the year)
/// are added to `notices`. Shared by the account and the Monte Carlo. With
/// `rules.springFestival` on, the forecast is made with the festival regressor
/// ([`crate::forecast::festival`]), so the sample paths carry it too.
pub(crate) fn forecast_rest_of_year(
    scenario: &Scenario,
    remaining: usize,
    paths: usize,
    seed: u64,
    notices: &mut Vec<Notice>,
) -> Result<crate::forecast::method::ForecastOutput, crate::Error> {
    let history = &scenario.history;
    let opts = ForecastOptions {
        method: scenario.estimate_method,
        horizon: remaining,
        levels: Vec::new(),
        period: history.periods().len(),
        phase: 0,
        paths,
        seed,
    };
    // one path per run: up to the Monte Carlo's most runs, not the forecast API's most paths
    let max_paths = crate::simulate::MAX_RUNS;
    let out = match scenario.spring_festival {
        Some(window) => crate::forecast::festival::forecast_with_festival_up_to(
            "history",
            history.period_values(),
            &opts,
            history.first_year(),
            window,
            max_paths,
        )?,
        None => forecast_series_up_to("history", history.period_values(), &opts, max_paths)?,
    };
    notices.extend(
        out.info
            .notes
            .iter()
            .filter(|n| n.code != "pace.defaultGrowthSpread")
            .cloned(),
    );
    Ok(out)
}

/// The full year `year` (the last year of the history) as YTD + the forecast of its remaining
/// periods by the scenario's method. `None` when the year is complete or the forecast fails (the
/// caller then keeps the seasonal-share estimate and says so).
fn forecast_year(
    scenario: &Scenario,
    year: i32,
    ytd: f64,
    notices: &mut Vec<Notice>,
) -> Option<(f64, YearForecast)> {
    let history = &scenario.history;
    let remaining = history.periods().len() - history.year_values(year).len();
    if remaining == 0 || history.last_year() != year {
        return None;
    }
    match forecast_rest_of_year(scenario, remaining, ESTIMATE_PATHS, ESTIMATE_SEED, notices) {
        Ok(out) => {
            let estimate = ytd + out.point.iter().sum::<f64>();
            let totals: Vec<f64> = out
                .paths
                .chunks(remaining)
                .map(|path| ytd + path.iter().sum::<f64>())
                .collect();
            let p10 = crate::forecast::stats::quantile_unsorted(&totals, 0.1);
            let p90 = crate::forecast::stats::quantile_unsorted(&totals, 0.9);
            Some((
                estimate,
                YearForecast {
                    requested: scenario.estimate_method,
                    method: out.info.method,
                    model: out.info.model.clone(),
                    periods: remaining,
                    p10,
                    p90,
                    spring_festival: out.spring_festival,
                },
            ))
        }
        Err(e) => {
            notices.push(Notice {
                code: "estimate.forecastFailed",
                en: format!(
                    "the {year} forecast failed ({}); the seasonal share is used",
                    e.localized(crate::Lang::En)
                ),
                zh: format!(
                    "{year} 年预测失败（{}），改用季节进度法",
                    e.localized(crate::Lang::Zh)
                ),
            });
            None
        }
    }
}

/// Computes the account of a checked scenario. Never panics.
pub fn account(scenario: &Scenario) -> AccountSummary {
    let history = &scenario.history;
    let mut notices = Vec::new();

    // Base year: YTD to its last month, missing months estimated by the seasonal share.
    let base_year = scenario.base_year;
    let base_last = history.last_month_in(base_year).unwrap_or(12);
    let base_ytd = history.ytd(base_year, base_last).unwrap_or(0.0);
    let (base_basis, base_share) = if history.is_complete(base_year) {
        (PaceBasis::Seasonal, 1.0)
    } else {
        share_for(scenario, base_year, base_last)
    };
    let base_forecast = forecast_year(scenario, base_year, base_ytd, &mut notices);
    let base_estimate = match &base_forecast {
        Some((estimate, _)) => *estimate,
        None => {
            if base_basis == PaceBasis::Calendar {
                notices.push(calendar_fallback(base_year, base_last));
            }
            estimate_full_year(base_ytd, base_share)
        }
    };
    let prior_ytd = history.ytd(base_year - 1, base_last);
    let base = BaseYear {
        year: base_year,
        last_month: base_last,
        complete: history.is_complete(base_year),
        ytd: base_ytd,
        estimate: base_estimate,
        pace_basis: base_basis,
        share: base_share,
        forecast: base_forecast.map(|(_, f)| f),
        prior_ytd,
        ytd_growth_pct: prior_ytd
            .filter(|&p| p > 0.0)
            .map(|p| (base_ytd / p - 1.0) * 100.0),
    };

    // Ten ledgers.
    let ledgers: Vec<LedgerAccount> = scenario
        .ledgers
        .iter()
        .map(|l| LedgerAccount {
            name: l.name.clone(),
            direction: l.direction,
            effect: ledger_effect(l),
            items: l
                .items
                .iter()
                .map(|i| ItemAccount {
                    name: i.name.clone(),
                    amount: i.amount,
                    start_month: i.start_month,
                    ramp_months: i.ramp_months,
                    year_share: year_share(i.start_month, i.ramp_months),
                    effect: item_effect(i),
                })
                .collect(),
        })
        .collect();
    let totals = LedgerTotals::of(&scenario.ledgers);
    let net = totals.net();

    // Plan year by the ledger account, phased by the base year's seasonal shape.
    let projection = base_estimate + net;
    let (profile, _) = period_profile(history, base_year);
    let mut cumulative = 0.0;
    let periods = history
        .periods()
        .iter()
        .zip(&profile)
        .map(|(period, share)| {
            let base = base_estimate * share;
            let (increases, decreases) = effects_in_months(&scenario.ledgers, period.months());
            let total = base + increases - decreases;
            cumulative += total;
            PlanPeriod {
                months: period.months().to_vec(),
                base,
                increases,
                decreases,
                total,
                cumulative,
            }
        })
        .collect();
    let plan_gap = scenario.target - projection;
    let plan = PlanYear {
        projection,
        gap: plan_gap,
        gap_pct: plan_gap / scenario.target * 100.0,
        periods,
    };

    // In-year view, when the plan year has started.
    let in_year = history.last_month_in(scenario.plan_year).map(|m| {
        let ytd = history.ytd(scenario.plan_year, m).unwrap_or(0.0);
        let seasonal = seasonal_pace(history, scenario.plan_year, m).filter(|&s| s > 0.0);
        let (est_basis, est_share) = share_for(scenario, scenario.plan_year, m);
        let year_forecast = forecast_year(scenario, scenario.plan_year, ytd, &mut notices);
        let estimate = match (&year_forecast, m) {
            (_, 12) => ytd,
            (Some((estimate, _)), _) => *estimate,
            (None, _) => {
                if est_basis == PaceBasis::Calendar {
                    notices.push(calendar_fallback(scenario.plan_year, m));
                }
                estimate_full_year(ytd, est_share)
            }
        };
        let pace_basis = match (scenario.lights.pace_basis, seasonal) {
            (PaceBasis::Seasonal, Some(_)) => PaceBasis::Seasonal,
            _ => PaceBasis::Calendar,
        };
        let pace = match pace_basis {
            PaceBasis::Seasonal => seasonal.unwrap_or(est_share),
            PaceBasis::Calendar => calendar_pace(m),
        };
        let completion_pct = ytd / scenario.target * 100.0;
        let gap = scenario.target - estimate;
        let base_annual = history.annual(base_year);
        let base_same = history.ytd(base_year, m);
        InYear {
            last_month: m,
            ytd,
            completion_pct,
            calendar_pace_pct: calendar_pace(m) * 100.0,
            seasonal_pace_pct: seasonal.map(|s| s * 100.0),
            pace_basis,
            pace_gap_pp: completion_pct - pace * 100.0,
            estimate,
            forecast: year_forecast.map(|(_, f)| f),
            gap,
            gap_pct: gap / scenario.target * 100.0,
            remaining_months: 12 - m,
            required_monthly_average: required_monthly_average(scenario.target, ytd, m),
            required_growth_pct: match (base_annual, base_same) {
                (Some(a), Some(s)) if m < 12 => required_growth_pct(scenario.target, ytd, a, s),
                _ => None,
            },
        }
    });
    if in_year.is_some() {
        notices.push(Notice {
            code: "inYear.ledgersNotAdded",
            en: "the in-year estimate is the plan year's YTD plus the forecast of its remaining months; it does not add ledger items that have not yet shown up in the data".into(),
            zh: "年内预计为计划年累计值加其余月份的预测，未另加尚未体现在数据中的十本账条目".into(),
        });
    }

    // Reinforcement target by the rule.
    let rule_amount = scenario.reinforcement_share * scenario.target;
    let amount = rule_amount - net;
    let reinforcement = Reinforcement {
        share: scenario.reinforcement_share,
        rule_amount,
        net_ledgers: net,
        amount,
        status: if (amount * 1e9).round() > 0.0 {
            ReinforcementStatus::Needed
        } else {
            ReinforcementStatus::Met
        },
    };

    // Lights: the pace light needs plan-year data; the gap light judges the in-year estimate
    // when there is one, else the ledger-account projection.
    let reading = in_year.as_ref().map(|y| PaceReading {
        completion_pct: y.completion_pct,
        pace_pct: y.completion_pct - y.pace_gap_pp,
        basis: y.pace_basis,
    });
    let (source, estimate) = match &in_year {
        Some(y) => (GapSource::InYear, y.estimate),
        None => (GapSource::LedgerAccount, projection),
    };
    let lights = Lights {
        pace: pace_light(&scenario.lights, reading, scenario.plan_year),
        gap: gap_light(
            &scenario.lights,
            source,
            scenario.target,
            estimate,
            scenario.unit,
        ),
    };
    if scenario.ledgers.iter().all(|l| l.items.is_empty()) {
        notices.push(Notice {
            code: "ledgers.noItems",
            en: "no ledger has any item: the projection is the base year alone".into(),
            zh: "各本账均无条目：计划年测算仅为基年水平".into(),
        });
    }

    AccountSummary {
        title: scenario.title.clone(),
        region: scenario.region.clone(),
        indicator: scenario.indicator.clone(),
        unit: scenario.unit,
        base_year,
        plan_year: scenario.plan_year,
        target: scenario.target,
        base,
        ledgers,
        increases: totals.increases,
        decreases: totals.decreases,
        net_ledgers: net,
        plan,
        in_year,
        reinforcement,
        chain_target: scenario.chain_target,
        lights,
        notices,
    }
}

/// Rounds a result to 12 significant digits, removing binary noise such as 79.84000000000002
/// while keeping every meaningful digit of an amount (1e-6 亿元 is 100 yuan).
fn tidy(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let text = format!("{x:.11e}");
    text.parse().unwrap_or(x)
}

pub(crate) fn tidy_value(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Number(n) if n.is_f64() => {
            if let Some(x) = n.as_f64().map(tidy).and_then(serde_json::Number::from_f64) {
                *n = x;
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(tidy_value),
        serde_json::Value::Object(map) => map.values_mut().for_each(tidy_value),
        _ => {}
    }
}

impl AccountSummary {
    /// The summary as JSON, numbers tidied to 12 significant digits: the one form the CLI
    /// (`--json`) and the JS binding return, so both carry the same names and figures.
    pub fn to_json(&self) -> serde_json::Value {
        let mut v = serde_json::to_value(self).unwrap_or(serde_json::Value::Null);
        tidy_value(&mut v);
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_removes_binary_noise_only() {
        assert_eq!(tidy(79.84000000000002), 79.84);
        assert_eq!(tidy(100.15999999999997), 100.16);
        assert_eq!(tidy(3558.462038059231), 3558.46203806);
        assert_eq!(tidy(-0.5), -0.5);
        assert_eq!(tidy(0.0), 0.0);
    }

    #[test]
    fn to_json_uses_camel_case_and_nulls() {
        let s = account(&Scenario::from_json(crate::examples::QIANTANG_2023).unwrap());
        let v = s.to_json();
        assert_eq!(v["netLedgers"], serde_json::json!(79.84));
        assert_eq!(v["reinforcement"]["amount"], serde_json::json!(100.16));
        assert!(v["inYear"].is_null());
        assert_eq!(v["lights"]["pace"]["level"], "none");
        assert_eq!(v["unit"], "亿元");
        assert_eq!(v["ledgers"][9]["direction"], "decrease");
    }
}
