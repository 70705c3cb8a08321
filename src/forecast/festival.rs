//! Forecasting with the Spring Festival regressor: estimate the festival's effect on a series,
//! forecast the series without it, and put it back for the months ahead.
//!
//! The effect is multiplicative, `y_t = a_t · exp(β h_t)`, where `h_t` is the period's share of the
//! festival window ([`crate::festival`]) and `a_t` the output the period would have had without
//! the festival's pull. On the log scale, a seasonal difference removes the seasonal pattern and
//! leaves the festival's move between periods (the same step as X-13ARIMA-SEATS' regARIMA with a
//! seasonal difference, Findley et al. 1998, with the ARIMA part left out):
//!
//! `ln y_t − ln y_{t−P} = c + β (h_t − h_{t−P}) + e_t`,  `P` = 12 (11 with January–February combined)
//!
//! fitted by ordinary least squares over every period with a value a year earlier. The intercept
//! `c` is the average growth over a year: industrial output grows (the seed's 2022 grew 3.1%), and
//! without `c` that growth would load onto β in every year whose regressor difference does not
//! average out. `se(β) = √(s² / Σ(x − x̄)²)` with `s² = RSS / (n − 2)` is the usual OLS standard
//! error; it takes the errors as independent, which year-on-year differences of a smooth series
//! only roughly are, so it is a guide, not an exact figure.
//!
//! The history is then divided by `exp(β h_t)`, forecast by the chosen method (whatever
//! [`super::method::forecast_series`] does, backtest and widening included) and the point forecast, every interval
//! bound and every sample path of a future period are multiplied by `exp(β h_t)` for that period's
//! known festival window. Fitted values are put back on the data's scale the same way.
//!
//! The regressor is skipped, with a notice in both languages, when the series has a zero or a
//! negative value (no logarithm), reaches a year outside the festival table (1990–2050), is not
//! monthly (11 or 12 periods a year), or when the festival moved between reporting periods in fewer
//! than two of its years (nothing to estimate from). The forecast is then made without it.
//!
//! # Example
//! ```
//! use gapcast::festival::FestivalWindow;
//! use gapcast::forecast::festival::forecast_with_festival;
//! use gapcast::forecast::method::{ForecastOptions, Method};
//! // 2014–2022 flat at 100, but the window's days in each period cost 20 % (β = ln 0.8)
//! let h = gapcast::festival::festival_regressor(2014, false, 9 * 12 + 12, FestivalWindow::default()).unwrap();
//! let y: Vec<f64> = h[..108].iter().map(|s| 100.0 * (0.8f64.ln() * s).exp()).collect();
//! let opts = ForecastOptions { method: Method::Snaive, horizon: 12, ..ForecastOptions::default() };
//! let out = forecast_with_festival("demo", &y, &opts, 2014, FestivalWindow::default())?;
//! let effect = out.spring_festival.unwrap();
//! assert!((effect.beta - 0.8f64.ln()).abs() < 1e-9);
//! // 2023's January forecast carries 2023's window share, not 2022's
//! assert!((out.point[0] - 100.0 * (0.8f64.ln() * h[108]).exp()).abs() < 1e-6);
//! # Ok::<(), gapcast::Error>(())
//! ```

use serde::Serialize;

use super::method::{forecast_series_up_to, ForecastOptions, ForecastOutput};
use crate::error::{Error, Notice};
use crate::festival::{festival_regressor, FestivalWindow, FIRST_YEAR, LAST_YEAR};

/// The fewest years in which the festival must move between reporting periods (relative to the
/// year before) for its effect to be estimated.
pub const MIN_YEARS: usize = 2;

/// The estimated Spring Festival effect, as the page and the CLI show it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FestivalEffect {
    /// β: the log effect of a period holding the whole window (share 1).
    pub beta: f64,
    /// OLS standard error of β.
    pub se: f64,
    /// `(exp(β) − 1) × 100`: the % effect on a period holding the whole window.
    pub effect_pct: f64,
    /// Standard error of `effect_pct` by the delta method, `exp(β) · se × 100`.
    pub effect_se_pct: f64,
    /// Seasonal differences in the regression.
    pub observations: usize,
    /// Years in which the festival moved between periods relative to the year before.
    pub years: usize,
    /// The window used.
    pub window: FestivalWindow,
}

/// Why the effect could not be estimated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// The festival moved between periods in this many years only.
    TooFewYears(usize),
}

/// OLS of `ln y_t − ln y_{t−P}` on `h_t − h_{t−P}` with an intercept (see the module docs).
/// `values` must be positive and finite and `regressor` as long as `values`; `phase` is the
/// position in the year of `values[0]`.
///
/// # Errors
/// [`Skip::TooFewYears`] when the regressor's seasonal difference is non-zero in fewer than
/// [`MIN_YEARS`] years (or there are fewer than three differences).
pub fn estimate_effect(
    values: &[f64],
    regressor: &[f64],
    period: usize,
    phase: usize,
    window: FestivalWindow,
) -> Result<FestivalEffect, Skip> {
    let p = period.max(1);
    let n = values.len().min(regressor.len());
    let pairs: Vec<(f64, f64, usize)> = (p..n)
        .map(|t| {
            let d = libm::log(values[t]) - libm::log(values[t - p]);
            let x = regressor[t] - regressor[t - p];
            (x, d, (phase + t) / p)
        })
        .collect();
    let mut years: Vec<usize> = pairs
        .iter()
        .filter(|(x, _, _)| x.abs() > 1e-12)
        .map(|(_, _, year)| *year)
        .collect();
    years.dedup();
    let m = pairs.len();
    if years.len() < MIN_YEARS || m < 3 {
        return Err(Skip::TooFewYears(years.len()));
    }
    let mx = pairs.iter().map(|q| q.0).sum::<f64>() / m as f64;
    let my = pairs.iter().map(|q| q.1).sum::<f64>() / m as f64;
    let sxx: f64 = pairs.iter().map(|q| (q.0 - mx) * (q.0 - mx)).sum();
    let sxy: f64 = pairs.iter().map(|q| (q.0 - mx) * (q.1 - my)).sum();
    if sxx <= 0.0 || sxx.is_nan() {
        return Err(Skip::TooFewYears(0));
    }
    let beta = sxy / sxx;
    let c = my - beta * mx;
    let rss: f64 = pairs
        .iter()
        .map(|q| {
            let e = q.1 - c - beta * q.0;
            e * e
        })
        .sum();
    let se = (rss / (m - 2) as f64 / sxx).sqrt();
    let factor = libm::exp(beta);
    Ok(FestivalEffect {
        beta,
        se,
        effect_pct: (factor - 1.0) * 100.0,
        effect_se_pct: factor * se * 100.0,
        observations: m,
        years: years.len(),
        window,
    })
}

fn skipped(code: &'static str, en: String, zh: String) -> Notice {
    Notice {
        code,
        en: format!("Spring Festival adjustment skipped: {en}; the forecast is made without it"),
        zh: format!("未做春节因素调整：{zh}；预测未含春节因素"),
    }
}

/// [`forecast_series`](super::method::forecast_series) with the Spring Festival regressor: `values` start at position
/// `opts.phase` of `start_year` (12 periods a year, or 11 with January–February combined, by
/// `opts.period`). When the effect cannot be estimated, the plain forecast with a notice saying
/// why (in [`crate::forecast::ModelInfo::notes`]).
///
/// # Errors
/// As [`forecast_series`](super::method::forecast_series).
pub fn forecast_with_festival(
    id: &str,
    values: &[f64],
    opts: &ForecastOptions,
    start_year: i32,
    window: FestivalWindow,
) -> Result<ForecastOutput, Error> {
    forecast_with_festival_up_to(id, values, opts, start_year, window, super::MAX_PATHS)
}

/// [`forecast_with_festival`] allowing up to `max_paths` sample paths (see
/// [`super::method::forecast_series_up_to`]).
pub(crate) fn forecast_with_festival_up_to(
    id: &str,
    values: &[f64],
    opts: &ForecastOptions,
    start_year: i32,
    window: FestivalWindow,
    max_paths: usize,
) -> Result<ForecastOutput, Error> {
    super::method::check_paths(opts.paths, max_paths)?;
    super::check_series(id, values)?;
    super::check_options(
        i64::try_from(opts.horizon).unwrap_or(i64::MAX),
        &opts.levels,
    )?;
    let plain = |notice: Notice| -> Result<ForecastOutput, Error> {
        let mut out = forecast_series_up_to(id, values, opts, max_paths)?;
        out.info.notes.push(notice);
        Ok(out)
    };
    let combined = match opts.period {
        11 => true,
        12 => false,
        other => {
            return plain(skipped(
                "springFestival.period",
                format!("it needs monthly periods (12 a year, or 11 with January–February combined), not {other}"),
                format!("需要按月的数据（每年 12 期，或 1–2月合并时 11 期），而不是每年 {other} 期"),
            ))
        }
    };
    let span = opts.phase + values.len() + opts.horizon;
    let h = match festival_regressor(start_year, combined, span, window) {
        Ok(h) => h,
        Err(year) => {
            return plain(skipped(
                "springFestival.years",
                format!("the table of festival dates covers {FIRST_YEAR}–{LAST_YEAR}, and the series or its forecast reaches {year}"),
                format!("春节日期表覆盖 {FIRST_YEAR}–{LAST_YEAR} 年，而序列或其预测涉及 {year} 年"),
            ))
        }
    };
    let h = &h[opts.phase.min(h.len())..];
    if values.iter().any(|&v| v <= 0.0) {
        return plain(skipped(
            "springFestival.notPositive",
            "the series has zero or negative values, and the effect is estimated on the log scale"
                .into(),
            "序列含零或负值，而春节效应在对数尺度上估计".into(),
        ));
    }
    let n = values.len();
    let effect = match estimate_effect(values, &h[..n], opts.period, opts.phase, window) {
        Ok(effect) => effect,
        Err(Skip::TooFewYears(k)) => {
            let (hint_en, hint_zh) = if combined {
                (
                    " (January and February are combined, so only a window reaching into March moves between periods)",
                    "（1–2月合并，只有延伸到 3 月的窗口才会在各期之间移动）",
                )
            } else {
                ("", "")
            };
            return plain(skipped(
                "springFestival.tooShort",
                format!("the festival window moved between reporting periods, relative to the year before, in {k} year(s) of the history; at least {MIN_YEARS} are needed{hint_en}"),
                format!("历史数据中春节窗口相对上年在各期之间移动的年份只有 {k} 个，至少需要 {MIN_YEARS} 个{hint_zh}"),
            ));
        }
    };
    let adjusted: Vec<f64> = values
        .iter()
        .zip(h)
        .map(|(v, s)| v * libm::exp(-effect.beta * s))
        .collect();
    let mut out = forecast_series_up_to(id, &adjusted, opts, max_paths)?;
    let factor = |s: f64| libm::exp(effect.beta * s);
    for (f, s) in out.info.fitted.iter_mut().zip(h) {
        *f *= factor(*s);
    }
    let ahead: Vec<f64> = h[n..].iter().map(|&s| factor(s)).collect();
    for (p, c) in out.point.iter_mut().zip(&ahead) {
        *p *= c;
    }
    for iv in &mut out.intervals {
        for (lo, c) in iv.lower.iter_mut().zip(&ahead) {
            *lo *= c;
        }
        for (hi, c) in iv.upper.iter_mut().zip(&ahead) {
            *hi *= c;
        }
    }
    if opts.horizon > 0 {
        for (i, v) in out.paths.iter_mut().enumerate() {
            *v *= ahead.get(i % opts.horizon).copied().unwrap_or(1.0);
        }
    }
    out.spring_festival = Some(effect);
    Ok(out)
}
