//! A monthly output series, stored as single-period values, built from either form offices publish.
//!
//! Offices publish year-to-date cumulative values (累计值); a single period is
//! `YTD_m − YTD_{m−1}`, restarting every January. [`MonthlySeries`] accepts either form, checks
//! every value (finite, not negative, a YTD that never falls within a year) and keeps single-period
//! values internally. The series starts at the first period of a year and runs without gaps; its last
//! year may be incomplete. When January and February are combined, each year has 11 periods.
//!
//! # Example
//! ```
//! use gapcast::series::MonthlySeries;
//! // Jan–Feb, Mar, Apr of 2022 as published YTD values
//! let s = MonthlySeries::from_ytd(2022, true, &[560.30, 882.79, 1151.19]).unwrap();
//! assert_eq!(s.ytd(2022, 3), Some(882.79));
//! assert!((s.period_values()[2] - 268.40).abs() < 1e-9);
//! # Ok::<(), gapcast::Error>(())
//! ```

use crate::calendar::{periods_of_year, Period, PeriodLabel};
use crate::error::{Place, Problem, ProblemKind};

/// The largest value accepted anywhere in a series or a ledger (in the scenario's unit).
pub const MAX_VALUE: f64 = 1e13;
/// The most values a history may hold (100 years of months).
pub const MAX_VALUES: usize = 1200;

/// Single-period output values from the first period of `first_year`, contiguous and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthlySeries {
    first_year: i32,
    jan_feb_combined: bool,
    values: Vec<f64>,
}

impl MonthlySeries {
    /// Builds a series from year-to-date cumulative values, one per reporting period.
    ///
    /// # Errors
    /// One problem per bad value: not finite, negative, above [`MAX_VALUE`], or below the previous YTD
    /// of the same year; and [`ProblemKind::HistoryEmpty`] / [`ProblemKind::TooMany`].
    pub fn from_ytd(
        first_year: i32,
        jan_feb_combined: bool,
        ytd: &[f64],
    ) -> Result<Self, Vec<Problem>> {
        let mut problems = check_count(ytd.len());
        let per_year = periods_of_year(jan_feb_combined).len();
        let mut values = Vec::with_capacity(ytd.len());
        let mut previous = 0.0;
        for (index, &value) in ytd.iter().enumerate() {
            let label = label_of(first_year, jan_feb_combined, index);
            if index % per_year == 0 {
                previous = 0.0;
            }
            if let Some(kind) = check_value(value) {
                problems.push(Problem::new(Place::History { index, label }, kind));
                values.push(0.0);
                continue;
            }
            if value < previous {
                let previous_label = label_of(first_year, jan_feb_combined, index - 1);
                problems.push(Problem::new(
                    Place::History { index, label },
                    ProblemKind::YtdDecreases {
                        value,
                        previous,
                        previous_label,
                    },
                ));
            }
            values.push(value - previous);
            previous = value;
        }
        finish(first_year, jan_feb_combined, values, problems)
    }

    /// Builds a series from single-period values (当月; the combined Jan–Feb value counts as one).
    ///
    /// # Errors
    /// As [`MonthlySeries::from_ytd`], without the YTD ordering rule.
    pub fn from_monthly(
        first_year: i32,
        jan_feb_combined: bool,
        monthly: &[f64],
    ) -> Result<Self, Vec<Problem>> {
        let mut problems = check_count(monthly.len());
        for (index, &value) in monthly.iter().enumerate() {
            if let Some(kind) = check_value(value) {
                let label = label_of(first_year, jan_feb_combined, index);
                problems.push(Problem::new(Place::History { index, label }, kind));
            }
        }
        finish(first_year, jan_feb_combined, monthly.to_vec(), problems)
    }

    /// Whether January and February are one period.
    pub fn jan_feb_combined(&self) -> bool {
        self.jan_feb_combined
    }

    /// First calendar year.
    pub fn first_year(&self) -> i32 {
        self.first_year
    }

    /// Single-period values, in order.
    pub fn period_values(&self) -> &[f64] {
        &self.values
    }

    /// The periods of one year.
    pub fn periods(&self) -> &'static [Period] {
        periods_of_year(self.jan_feb_combined)
    }

    /// Last calendar year with any value.
    pub fn last_year(&self) -> i32 {
        self.first_year + ((self.values.len() - 1) / self.periods().len()) as i32
    }

    /// End month of the last period with a value in `year`, if the year has any.
    pub fn last_month_in(&self, year: i32) -> Option<u8> {
        let values = self.year_values(year);
        values
            .last()
            .map(|_| self.periods()[values.len() - 1].end_month())
    }

    /// The single-period values of one calendar year (fewer than a full year for the last one).
    pub fn year_values(&self, year: i32) -> &[f64] {
        let per_year = self.periods().len();
        if year < self.first_year {
            return &[];
        }
        let start = (year - self.first_year) as usize * per_year;
        if start >= self.values.len() {
            return &[];
        }
        let end = (start + per_year).min(self.values.len());
        &self.values[start..end]
    }

    /// Whether `year` has all its periods.
    pub fn is_complete(&self, year: i32) -> bool {
        self.year_values(year).len() == self.periods().len()
    }

    /// Years with all their periods, in order.
    pub fn complete_years(&self) -> Vec<i32> {
        (self.first_year..=self.last_year())
            .filter(|&y| self.is_complete(y))
            .collect()
    }

    /// Year-to-date value at the end of `month` of `year`, when `month` closes a period with data.
    pub fn ytd(&self, year: i32, month: u8) -> Option<f64> {
        let values = self.year_values(year);
        let count = self
            .periods()
            .iter()
            .take(values.len())
            .position(|p| p.end_month() == month)?
            + 1;
        Some(values[..count].iter().sum())
    }

    /// The whole year's total, when the year is complete.
    pub fn annual(&self, year: i32) -> Option<f64> {
        self.is_complete(year)
            .then(|| self.year_values(year).iter().sum())
    }

    /// The series as published: year-to-date values restarting each year.
    pub fn to_ytd(&self) -> Vec<f64> {
        let per_year = self.periods().len();
        let mut out = Vec::with_capacity(self.values.len());
        let mut running = 0.0;
        for (i, v) in self.values.iter().enumerate() {
            if i % per_year == 0 {
                running = 0.0;
            }
            running += v;
            out.push(running);
        }
        out
    }
}

fn label_of(first_year: i32, jan_feb_combined: bool, index: usize) -> PeriodLabel {
    let periods = periods_of_year(jan_feb_combined);
    PeriodLabel {
        year: first_year + (index / periods.len()) as i32,
        period: periods[index % periods.len()],
    }
}

fn check_count(len: usize) -> Vec<Problem> {
    let place = Place::Field("history.values");
    match len {
        0 => vec![Problem::new(place, ProblemKind::HistoryEmpty)],
        n if n > MAX_VALUES => vec![Problem::new(
            place,
            ProblemKind::TooMany {
                count: n,
                max: MAX_VALUES,
            },
        )],
        _ => Vec::new(),
    }
}

fn check_value(value: f64) -> Option<ProblemKind> {
    if !value.is_finite() {
        Some(ProblemKind::NotFinite)
    } else if value < 0.0 {
        Some(ProblemKind::Negative { value })
    } else if value > MAX_VALUE {
        Some(ProblemKind::TooLarge {
            value,
            max: MAX_VALUE,
        })
    } else {
        None
    }
}

fn finish(
    first_year: i32,
    jan_feb_combined: bool,
    values: Vec<f64>,
    problems: Vec<Problem>,
) -> Result<MonthlySeries, Vec<Problem>> {
    if problems.is_empty() {
        Ok(MonthlySeries {
            first_year,
            jan_feb_combined,
            values,
        })
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    // The seed's published YTD values (亿元): 2022 Jan–Feb … Jan–Oct, Jan–Feb combined.
    const YTD_2022: [f64; 9] = [
        560.30, 882.79, 1151.19, 1430.79, 1748.99, 2049.09, 2345.89, 2651.79, 2942.46,
    ];

    #[test]
    fn ytd_to_single_months_and_back() {
        let s = MonthlySeries::from_ytd(2022, true, &YTD_2022).unwrap();
        // single month of October = Jan–Oct − Jan–Sep = 2942.46 − 2651.79 = 290.67
        assert!((s.period_values()[8] - 290.67).abs() < 1e-9);
        assert_eq!(s.ytd(2022, 3), Some(882.79)); // Q1, published separately
        assert!((s.ytd(2022, 10).unwrap() - 2942.46).abs() < 1e-9);
        assert_eq!(
            s.ytd(2022, 1),
            None,
            "January alone is not a period of a combined year"
        );
        assert_eq!(s.ytd(2022, 11), None, "no data yet");
        assert_eq!(s.last_month_in(2022), Some(10));
        assert_eq!(s.annual(2022), None);
        for (a, b) in s.to_ytd().iter().zip(YTD_2022) {
            assert!((a - b).abs() < 1e-9);
        }
    }

    #[test]
    fn january_alone_is_accepted_without_complaint() {
        let s = MonthlySeries::from_monthly(2023, false, &[150.0]).unwrap();
        assert_eq!(s.last_month_in(2023), Some(1));
        assert_eq!(s.ytd(2023, 1), Some(150.0));
    }

    #[test]
    fn ytd_restarts_each_year() {
        let mut ytd: Vec<f64> = (1..=11).map(|k| k as f64 * 10.0).collect();
        ytd.extend([12.0, 25.0]);
        let s = MonthlySeries::from_ytd(2021, true, &ytd).unwrap();
        assert_eq!(s.annual(2021), Some(110.0));
        assert_eq!(s.complete_years(), vec![2021]);
        assert_eq!(s.last_year(), 2022);
        assert_eq!(s.ytd(2022, 3), Some(25.0));
    }

    #[test]
    fn every_bad_value_is_reported_with_its_period() {
        let e = MonthlySeries::from_ytd(2022, true, &[10.0, f64::NAN, 15.0, -1.0, 20.0, 2e13])
            .unwrap_err();
        let codes: Vec<_> = e.iter().map(|p| (p.path(), p.code())).collect();
        assert_eq!(
            codes,
            vec![
                ("history.values[1]".to_string(), "value.notFinite"),
                ("history.values[3]".to_string(), "history.negative"),
                ("history.values[5]".to_string(), "value.tooLarge"),
            ]
        );
        let e = MonthlySeries::from_ytd(2022, true, &[10.0, 20.0, 15.0]).unwrap_err();
        assert_eq!(e[0].code(), "history.ytdDecreases");
        assert!(e[0].to_string().contains("2022-04"), "{}", e[0]);
        assert_eq!(
            MonthlySeries::from_monthly(2022, true, &[]).unwrap_err()[0].code(),
            "history.empty"
        );
    }

    proptest! {
        #[test]
        fn ytd_monthly_ytd_round_trip(
            combined in any::<bool>(),
            monthly in proptest::collection::vec(0.0f64..1e6, 1..60),
        ) {
            let s = MonthlySeries::from_monthly(2010, combined, &monthly).unwrap();
            let again = MonthlySeries::from_ytd(2010, combined, &s.to_ytd()).unwrap();
            for (a, b) in again.period_values().iter().zip(&monthly) {
                prop_assert!((a - b).abs() <= 1e-9 * (1.0 + b.abs()) * 64.0, "{a} vs {b}");
            }
            prop_assert_eq!(again.period_values().len(), monthly.len());
            // the sum of a year's single periods is its YTD at the year's last period
            let last = s.last_year();
            let last_month = s.last_month_in(last).unwrap();
            let sum: f64 = s.year_values(last).iter().sum();
            prop_assert!((s.ytd(last, last_month).unwrap() - sum).abs() < 1e-6);
        }
    }
}
