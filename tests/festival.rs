//! The Spring Festival regressor against independent references: statsmodels' OLS on a series
//! made in Python (festival dates from `lunardate`, window shares from `datetime`), synthetic
//! series with a known effect from a seeded generator (the effect recovered within its standard
//! error, and a better forecast of the next year), a series with January–February combined, the
//! fallbacks, and a scenario whose account and Monte Carlo use the rule.

use gapcast::festival::{festival_regressor, FestivalWindow};
use gapcast::forecast::festival::{estimate_effect, forecast_with_festival};
use gapcast::forecast::method::{forecast_series, ForecastOptions, Method};
use gapcast::forecast::stats::{rng, standard_normal};
use gapcast::simulate::simulate;
use gapcast::{account, Scenario};

/// Monthly output 2011-01 … 2023-03, β = −0.25, made by `tests/data/spring-festival-monthly.py`.
const MONTHLY: &str = include_str!("data/spring-festival-monthly.json");

const TRUE_BETA: f64 = -0.25;

/// A synthetic series from the first period of `first_year`: 6 % growth a year, a fixed seasonal
/// pattern, the festival effect `exp(β h_t)` and lognormal noise (sd `noise`) from a seeded
/// xoshiro256++. Returns the values and the regressor.
fn synthetic(
    first_year: i32,
    combined: bool,
    len: usize,
    beta: f64,
    noise: f64,
    seed: u64,
) -> (Vec<f64>, Vec<f64>) {
    const SEASON: [f64; 12] = [
        0.80, 0.95, 1.05, 1.00, 1.02, 1.05, 0.98, 0.97, 1.03, 1.04, 1.06, 1.15,
    ];
    let w = FestivalWindow::default();
    let h = festival_regressor(first_year, combined, len, w).unwrap();
    let p = if combined { 11 } else { 12 };
    let mut r = rng(seed);
    let y = (0..len)
        .map(|t| {
            // the combined period is January and February together
            let season = match (combined, t % p) {
                (true, 0) => SEASON[0] + SEASON[1],
                (true, k) => SEASON[k + 1],
                (false, k) => SEASON[k],
            };
            let level = 100.0 * 1.06f64.powf(t as f64 / p as f64);
            level * season * (beta * h[t] + noise * standard_normal(&mut r)).exp()
        })
        .collect();
    (y, h)
}

#[test]
fn statsmodels_gives_the_same_beta_and_standard_error() {
    // From `tests/data/spring-festival-monthly.py` (statsmodels 0.15.0, numpy 2.4.6, lunardate
    // 0.3.0): sm.OLS(d, sm.add_constant(x)).fit() on the 135 seasonal log-differences printed
    // "n = 135, beta = -0.25313208793169556, se = 0.012567936630146777".
    let s = Scenario::from_json(MONTHLY).unwrap();
    let y = s.history.period_values();
    assert!(!s.history.jan_feb_combined());
    let w = FestivalWindow::default();
    let h = festival_regressor(2011, false, y.len(), w).unwrap();
    let e = estimate_effect(y, &h, 12, 0, w).unwrap();
    assert_eq!(e.observations, 135);
    assert!((e.beta - -0.253_132_087_931_695_56).abs() < 1e-10, "{e:?}");
    assert!((e.se - 0.012_567_936_630_146_777).abs() < 1e-10, "{e:?}");
    // and the true β = −0.25 is within one standard error
    assert!((e.beta - TRUE_BETA).abs() < e.se);
}

#[test]
fn a_known_effect_is_recovered_and_the_next_year_is_forecast_better() {
    // 2008–2022 to train (15 years), 2023 to check: the window moves from 7 days of January
    // (2022, festival 1 Feb) to 17 (2023, 22 Jan), a move a plain seasonal model cannot know.
    let (y, _) = synthetic(2008, false, 16 * 12, TRUE_BETA, 0.02, 7);
    let (train, actual) = y.split_at(15 * 12);
    let w = FestivalWindow::default();
    for method in [Method::Auto, Method::Ets, Method::Snaive] {
        let opts = ForecastOptions {
            method,
            horizon: 12,
            paths: 200,
            ..ForecastOptions::default()
        };
        let with = forecast_with_festival("s", train, &opts, 2008, w).unwrap();
        let without = forecast_series("s", train, &opts).unwrap();
        let e = with.spring_festival.expect("estimated");
        // within 4 standard errors (the tolerance of STYLE.md for statistical checks)
        assert!(
            (e.beta - TRUE_BETA).abs() < 4.0 * e.se,
            "{method:?}: β {} ± {}",
            e.beta,
            e.se
        );
        let mape = |f: &[f64]| {
            f.iter()
                .zip(actual)
                .map(|(f, a)| ((f - a) / a).abs())
                .sum::<f64>()
                / 12.0
                * 100.0
        };
        let (m_with, m_without) = (mape(&with.point), mape(&without.point));
        eprintln!(
            "{method:?}: β = {:.4} ± {:.4} (true {TRUE_BETA}), {} obs; 2023 MAPE {m_with:.2}% with, {m_without:.2}% without",
            e.beta, e.se, e.observations
        );
        assert!(m_with < m_without, "{method:?}: {m_with} ≥ {m_without}");
        // the paths carry the festival too: January's paths centre on January's point
        let jan: Vec<f64> = with.paths.chunks(12).map(|p| p[0]).collect();
        let mean = jan.iter().sum::<f64>() / jan.len() as f64;
        assert!(
            (mean / with.point[0] - 1.0).abs() < 0.05,
            "{mean} vs {}",
            with.point[0]
        );
        assert!(with.intervals[0].lower[0] < with.point[0]);
        assert!(with.point[0] < with.intervals[0].upper[0]);
    }
}

#[test]
fn january_and_february_combined_work() {
    // 11 periods a year, 2004–2023: with the default window (to 14 days after the festival) the
    // combined period loses days to March in 2007, 2015 and 2018, the years that identify β.
    let w = FestivalWindow::default();
    let (y, h) = synthetic(2004, true, 20 * 11, TRUE_BETA, 0.01, 11);
    let e = estimate_effect(&y, &h, 11, 0, w).unwrap();
    assert!((e.beta - TRUE_BETA).abs() < 4.0 * e.se, "{e:?}");
    assert!(e.years >= 4, "{e:?}");
    let opts = ForecastOptions {
        method: Method::Ets,
        period: 11,
        horizon: 11,
        paths: 50,
        ..ForecastOptions::default()
    };
    let out = forecast_with_festival("s", &y, &opts, 2004, w).unwrap();
    assert!(out.spring_festival.is_some());
    assert!(out.point.iter().chain(&out.paths).all(|v| v.is_finite()));
    // 2020–2023 only: the window never reaches March, nothing to estimate; said with the reason
    let short = &y[16 * 11..];
    let out = forecast_with_festival("s", short, &opts, 2020, w).unwrap();
    assert!(out.spring_festival.is_none());
    let note = out
        .info
        .notes
        .iter()
        .find(|n| n.code == "springFestival.tooShort")
        .expect("a notice");
    assert!(note.en.contains("in 0 year(s)"), "{}", note.en);
    assert!(note.en.contains("combined"), "{}", note.en);
    assert!(note.zh.contains("1–2月合并"), "{}", note.zh);
    // and the plain forecast is the forecast without the rule, notice aside
    let plain = forecast_series("s", short, &opts).unwrap();
    assert_eq!(out.point, plain.point);
}

#[test]
fn what_cannot_be_estimated_is_forecast_without_it_and_said() {
    let w = FestivalWindow::default();
    let opts = ForecastOptions {
        method: Method::Snaive,
        horizon: 12,
        ..ForecastOptions::default()
    };
    let (mut y, _) = synthetic(2015, false, 48, TRUE_BETA, 0.02, 3);
    let notice = |start: i32, y: &[f64], opts: &ForecastOptions| {
        let out = forecast_with_festival("s", y, opts, start, w).unwrap();
        assert!(out.spring_festival.is_none());
        let plain = forecast_series("s", y, opts).unwrap();
        assert_eq!(out.point, plain.point);
        let n = out.info.notes.last().unwrap().clone();
        assert!(n.zh.starts_with("未做春节因素调整："), "{}", n.zh);
        assert!(
            n.en.starts_with("Spring Festival adjustment skipped: "),
            "{}",
            n.en
        );
        n
    };
    // the table ends in 2050: the forecast of 2051 cannot have the festival
    let n = notice(2047, &y, &opts);
    assert_eq!(n.code, "springFestival.years");
    assert!(
        n.en.contains("1990–2050") && n.en.contains("2051"),
        "{}",
        n.en
    );
    assert!(n.zh.contains("2051 年"), "{}", n.zh);
    // nor history before 1990
    assert_eq!(notice(1988, &y, &opts).code, "springFestival.years");
    // a quarterly series has no months
    let quarterly = ForecastOptions {
        period: 4,
        ..opts.clone()
    };
    assert_eq!(notice(2015, &y, &quarterly).code, "springFestival.period");
    // one year of differences is too few
    assert_eq!(
        notice(2015, &y[..24], &opts).code,
        "springFestival.tooShort"
    );
    // a zero rules out the log scale
    y[20] = 0.0;
    assert_eq!(notice(2015, &y, &opts).code, "springFestival.notPositive");
    // bad input is still an error, not a notice
    y[20] = f64::NAN;
    let e = forecast_with_festival("s", &y, &opts, 2015, w).unwrap_err();
    assert_eq!(e.code(), "forecast.notFinite");
}

#[test]
fn the_scenario_rule_drives_the_account_and_the_monte_carlo() {
    let off = Scenario::from_json(MONTHLY).unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(MONTHLY).unwrap();
    doc["rules"]["springFestival"] = serde_json::json!({ "enabled": true });
    let on = Scenario::from_json(&doc.to_string()).unwrap();

    let a_off = account(&off);
    let a_on = account(&on);
    let f_off = a_off.in_year.as_ref().unwrap().forecast.as_ref().unwrap();
    let f_on = a_on.in_year.as_ref().unwrap().forecast.as_ref().unwrap();
    assert!(f_off.spring_festival.is_none());
    let e = f_on.spring_festival.expect("estimated from the history");
    // the same regression as statsmodels' on this history
    assert!((e.beta - -0.253_132_087_931_695_56).abs() < 1e-10);
    assert!((e.effect_pct - ((e.beta.exp() - 1.0) * 100.0)).abs() < 1e-12);
    assert!((e.effect_se_pct - e.beta.exp() * e.se * 100.0).abs() < 1e-12);
    let (y_off, y_on) = (
        a_off.in_year.as_ref().unwrap().estimate,
        a_on.in_year.as_ref().unwrap().estimate,
    );
    assert_ne!(y_off, y_on);
    eprintln!("in-year estimate 2023: {y_off:.2} without, {y_on:.2} with the festival");
    // off: the JSON has no trace of the rule; on: the estimate is there, camelCase
    let j_off = serde_json::to_string(&a_off.to_json()).unwrap();
    assert!(!j_off.contains("springFestival"));
    let j_on = a_on.to_json();
    let sf = &j_on["inYear"]["forecast"]["springFestival"];
    assert_eq!(sf["observations"], 135);
    assert_eq!(sf["window"]["daysBefore"], 7);
    assert_eq!(sf["window"]["daysAfter"], 14);
    assert!(sf["effectPct"].as_f64().unwrap() < -20.0);

    // The Monte Carlo draws the remaining months from the same forecast (it calls the account's
    // forecast of the rest of the year): the rule moves its median the way it moves the estimate.
    let s_on = simulate(&on, Some(2000), Some(1)).unwrap();
    let s_off = simulate(&off, Some(2000), Some(1)).unwrap();
    let (d_sim, d_est) = (s_on.total.p50 - s_off.total.p50, y_on - y_off);
    eprintln!("Monte Carlo median: moved by {d_sim:.2}; in-year estimate moved by {d_est:.2}");
    assert!(d_sim * d_est > 0.0, "{d_sim} vs {d_est}");
    assert!((d_sim / d_est - 1.0).abs() < 0.5, "{d_sim} vs {d_est}");
}
