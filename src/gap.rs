//! Pace, full-year estimate, gap and required run-rate: the arithmetic offices do every month.
//!
//! - Calendar pace (序时进度) `m/12` is what people quote; seasonal pace `S_m` is the mean over past
//!   complete years of `YTD_m / annual`, and is what an estimate should use (DESIGN.md).
//! - Completion `C_m = YTD_m / target`; pace gap `D_m = C_m − pace`, in percentage points.
//! - Full-year estimate by the seasonal-share method: `F = YTD_m / S_m`; gap = target − F.
//! - Required monthly average for the rest of the year `R = (target − YTD_m) / (12 − m)`, and the
//!   growth the remaining months need over the same months of the previous year.
//!
//! # Example
//! ```
//! use gapcast::gap::{estimate_full_year, required_monthly_average};
//! assert_eq!(estimate_full_year(800.0, 0.8), 1000.0);
//! assert_eq!(required_monthly_average(3600.0, 2942.46, 10), Some((3600.0 - 2942.46) / 2.0));
//! assert_eq!(required_monthly_average(3600.0, 3700.0, 12), None);
//! ```

use crate::series::MonthlySeries;

/// Calendar pace at the end of `month`: `month / 12`.
pub fn calendar_pace(month: u8) -> f64 {
    f64::from(month) / 12.0
}

/// Seasonal pace at the end of `month`: the mean over complete years before `year` of
/// `YTD_month / annual`, skipping years whose total is zero. `None` when no such year exists.
pub fn seasonal_pace(series: &MonthlySeries, year: i32, month: u8) -> Option<f64> {
    let shares: Vec<f64> = series
        .complete_years()
        .into_iter()
        .filter(|&y| y < year)
        .filter_map(|y| {
            let annual = series.annual(y)?;
            let ytd = series.ytd(y, month)?;
            (annual > 0.0).then(|| ytd / annual)
        })
        .collect();
    (!shares.is_empty()).then(|| shares.iter().sum::<f64>() / shares.len() as f64)
}

/// The usual share of each period in the annual total, from complete years up to and including
/// `up_to_year` (mean of each year's period shares); calendar shares (months / 12) when there is
/// no such year. The second value says whether the shares are seasonal.
pub fn period_profile(series: &MonthlySeries, up_to_year: i32) -> (Vec<f64>, bool) {
    let periods = series.periods();
    let years: Vec<(i32, f64)> = series
        .complete_years()
        .into_iter()
        .filter(|&y| y <= up_to_year)
        .filter_map(|y| series.annual(y).filter(|&a| a > 0.0).map(|a| (y, a)))
        .collect();
    if years.is_empty() {
        return (
            periods
                .iter()
                .map(|p| p.months().len() as f64 / 12.0)
                .collect(),
            false,
        );
    }
    let mut shares = vec![0.0; periods.len()];
    for &(y, annual) in &years {
        for (share, value) in shares.iter_mut().zip(series.year_values(y)) {
            *share += value / annual;
        }
    }
    for share in &mut shares {
        *share /= years.len() as f64;
    }
    (shares, true)
}

/// Full-year estimate by the share method: `ytd / share`.
pub fn estimate_full_year(ytd: f64, share: f64) -> f64 {
    ytd / share
}

/// `(target − ytd) / (12 − month)`; `None` when the year is complete.
pub fn required_monthly_average(target: f64, ytd: f64, month: u8) -> Option<f64> {
    (month < 12).then(|| (target - ytd) / f64::from(12 - month))
}

/// Growth (in %) the remaining months must show over the same months of the previous year:
/// `((target − ytd) / (previous_annual − previous_ytd) − 1) × 100`; `None` when last year's
/// remaining months were zero.
pub fn required_growth_pct(
    target: f64,
    ytd: f64,
    previous_annual: f64,
    previous_ytd: f64,
) -> Option<f64> {
    let last_year_rest = previous_annual - previous_ytd;
    (last_year_rest > 0.0).then(|| ((target - ytd) / last_year_rest - 1.0) * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed_history() -> MonthlySeries {
        let s = crate::scenario::Scenario::from_json(crate::examples::QIANTANG_2023).unwrap();
        s.history
    }

    #[test]
    fn seasonal_pace_is_the_past_years_share() {
        let h = seed_history();
        // 2021: Jan–Oct 2853.99 of 3451.49 -> 0.826887…
        let s = seasonal_pace(&h, 2022, 10).unwrap();
        assert!((s - 2853.99 / 3451.49).abs() < 1e-12);
        assert_eq!(
            seasonal_pace(&h, 2021, 10),
            None,
            "no complete year before 2021"
        );
        assert_eq!(
            seasonal_pace(&h, 2022, 1),
            None,
            "January alone is not a period of a combined year"
        );
    }

    #[test]
    fn profile_sums_to_one_and_falls_back_to_calendar() {
        let h = seed_history();
        let (profile, seasonal) = period_profile(&h, 2022);
        assert!(seasonal);
        assert!((profile.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        // Jan–Feb 2021 = 520.00 of 3451.49
        assert!((profile[0] - 520.0 / 3451.49).abs() < 1e-12);
        let (calendar, seasonal) = period_profile(&h, 2020);
        assert!(!seasonal);
        assert_eq!(calendar[0], 2.0 / 12.0);
        assert!((calendar.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn required_growth_over_the_same_months() {
        // 3600 target, 3000 done; last year 3300 in all, 2800 by the same month -> (600/500 − 1) = 20 %
        assert!((required_growth_pct(3600.0, 3000.0, 3300.0, 2800.0).unwrap() - 20.0).abs() < 1e-9);
        assert_eq!(required_growth_pct(3600.0, 3000.0, 2800.0, 2800.0), None);
        assert_eq!(calendar_pace(10), 10.0 / 12.0);
    }
}
