//! The Spring Festival (春节, Chinese New Year) as a moving-holiday regressor: the festival's
//! Gregorian date for 1990–2050, and each month's share of a holiday window around it.
//!
//! The festival is the first day of the first month of China's lunisolar calendar (reckoned at
//! UTC+8), so it falls between 21 January and 20 February and moves by up to a month from year to
//! year. Factories stop before it and restart after it, so January, February and sometimes March
//! output depend on where it falls, which a fixed seasonal pattern cannot follow. The regressor is
//! the one of Bell and Hillmer (1983) for Easter, used for the Chinese New Year by Lin and Liu
//! (2003, "Modeling lunar calendar holiday effects in Taiwan"): assuming every day of a window
//! around the festival has the same effect, a month's value is the share of the window's days that
//! fall in it; the values of a year add up to 1, and only January–March can be non-zero. With
//! January and February reported together (11 periods a year), the combined period's value is the
//! sum of the January and February shares, so it varies only when the window reaches into March.
//!
//! **The window** runs from [`FestivalWindow::days_before`] days before the festival to
//! [`FestivalWindow::days_after`] days after it, both ends included. The default, 7 days before
//! to 14 days after (22 days), is the traditional festival season: from 小年 (the 23rd/24th of
//! the twelfth lunar month, 6–7 days before) to 元宵节 (the Lantern Festival, the 15th of the
//! first month, 14 days after), after which migrant workers are back and factories are at full
//! rate. It is a documented choice, not a statistical office's: no published window of China's
//! National Bureau of Statistics was found. The R package `seasonal` (the interface to the Census
//! Bureau's X-13ARIMA-SEATS) uses the festival day and the 6 days after it (`genhol(cny, start = 0,
//! end = 6)`, the statutory holiday) in its Chinese New Year example; that is `daysBefore: 0,
//! daysAfter: 6` here. The longer default has a second reason: a window ending 14 days after the
//! festival reaches March when the festival falls after 14 February, so a series with January and
//! February combined can still show an effect; a window ending by 27 February never could.
//! `days_before` is at most 20, so the window never starts before 1 January (the earliest
//! festival in the table is 22 January); `days_after` is at most 30.
//!
//! **How the table was made.** [`SPRING_FESTIVAL`] was generated, not typed from memory, with the
//! PyPI package `lunardate` 0.3.0 in a throwaway venv (`python3 -m venv /tmp/cnyvenv;
//! /tmp/cnyvenv/bin/pip install lunardate zhdate`), as
//! `lunardate.LunarDate(y, 1, 1).toSolarDate()` for y in 1990..=2050, and checked against the
//! independent package `zhdate` 0.1 (`ZhDate(y, 1, 1).to_datetime().date()`): the two agree on
//! all 61 years. The tests check six dates against published ones.
//!
//! # Example
//! ```
//! use gapcast::festival::{spring_festival, month_shares, FestivalWindow};
//! assert_eq!(spring_festival(2023), Some((1, 22)));
//! // 2023: 15 Jan – 5 Feb, 17 days in January and 5 in February
//! let [jan, feb, mar] = month_shares(2023, FestivalWindow::default()).unwrap();
//! assert!((jan - 17.0 / 22.0).abs() < 1e-12 && (feb - 5.0 / 22.0).abs() < 1e-12 && mar == 0.0);
//! # Ok::<(), gapcast::Error>(())
//! ```

use serde::Serialize;

use crate::calendar::periods_of_year;

/// First year of [`SPRING_FESTIVAL`].
pub const FIRST_YEAR: i32 = 1990;
/// Last year of [`SPRING_FESTIVAL`].
pub const LAST_YEAR: i32 = 2050;

/// The Spring Festival's Gregorian (month, day) for each year 1990..=2050, in order.
/// Generated with `lunardate` 0.3.0 and checked against `zhdate` 0.1 (see the module docs).
#[rustfmt::skip]
pub const SPRING_FESTIVAL: [(u8, u8); 61] = [
    (1, 27), (2, 15), (2, 4), (1, 23), (2, 10), (1, 31), (2, 19), (2, 7), (1, 28), (2, 16),  // 1990–1999
    (2, 5), (1, 24), (2, 12), (2, 1), (1, 22), (2, 9), (1, 29), (2, 18), (2, 7), (1, 26),   // 2000–2009
    (2, 14), (2, 3), (1, 23), (2, 10), (1, 31), (2, 19), (2, 8), (1, 28), (2, 16), (2, 5),  // 2010–2019
    (1, 25), (2, 12), (2, 1), (1, 22), (2, 10), (1, 29), (2, 17), (2, 6), (1, 26), (2, 13), // 2020–2029
    (2, 3), (1, 23), (2, 11), (1, 31), (2, 19), (2, 8), (1, 28), (2, 15), (2, 4), (1, 24),  // 2030–2039
    (2, 12), (2, 1), (1, 22), (2, 10), (1, 30), (2, 17), (2, 6), (1, 26), (2, 14), (2, 2),  // 2040–2049
    (1, 23),                                                                                // 2050
];

/// The Spring Festival's (month, day) in `year`, when the year is in 1990..=2050.
pub fn spring_festival(year: i32) -> Option<(u8, u8)> {
    let index = usize::try_from(year.checked_sub(FIRST_YEAR)?).ok()?;
    SPRING_FESTIVAL.get(index).copied()
}

/// Default days before the festival in the window (小年).
pub const DEFAULT_DAYS_BEFORE: u8 = 7;
/// Default days after the festival in the window (元宵节).
pub const DEFAULT_DAYS_AFTER: u8 = 14;
/// Most days before the festival: the window never starts before 1 January.
pub const MAX_DAYS_BEFORE: u8 = 20;
/// Most days after the festival.
pub const MAX_DAYS_AFTER: u8 = 30;

/// The holiday window: from `days_before` days before the festival to `days_after` days after it,
/// both ends and the festival day included.
///
/// | Name | Default | Purpose | Range |
/// |---|---|---|---|
/// | `days_before` | 7 | days before the festival (小年) | 0..=20 |
/// | `days_after` | 14 | days after the festival (元宵节) | 0..=30 |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FestivalWindow {
    /// Days before the festival day.
    pub days_before: u8,
    /// Days after the festival day.
    pub days_after: u8,
}

impl Default for FestivalWindow {
    fn default() -> Self {
        FestivalWindow {
            days_before: DEFAULT_DAYS_BEFORE,
            days_after: DEFAULT_DAYS_AFTER,
        }
    }
}

impl FestivalWindow {
    /// Number of days in the window.
    pub fn days(&self) -> u32 {
        u32::from(self.days_before) + u32::from(self.days_after) + 1
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The shares of the window's days in January, February and March of `year` (they add up to 1),
/// when the year is in the table. A window longer than the limits of [`FestivalWindow`] is cut
/// to them.
pub fn month_shares(year: i32, window: FestivalWindow) -> Option<[f64; 3]> {
    let (month, day) = spring_festival(year)?;
    let before = i32::from(window.days_before.min(MAX_DAYS_BEFORE));
    let after = i32::from(window.days_after.min(MAX_DAYS_AFTER));
    let feb = if is_leap(year) { 29 } else { 28 };
    // day of the year, 1 = 1 January
    let festival = if month == 1 {
        i32::from(day)
    } else {
        31 + i32::from(day)
    };
    let (first, last) = (festival - before, festival + after);
    let months = [(1, 31), (32, 31 + feb), (32 + feb, 62 + feb)];
    let total = f64::from(before + after + 1);
    let mut shares = [0.0; 3];
    for (share, (from, to)) in shares.iter_mut().zip(months) {
        let days = (last.min(to) - first.max(from) + 1).max(0);
        *share = f64::from(days) / total;
    }
    Some(shares)
}

/// The regressor for `len` consecutive reporting periods from the first period of `first_year`
/// (11 a year when January and February are combined, else 12): each period's share of that
/// year's window (the combined period takes January's and February's). `Err(year)` names the
/// first year outside 1990–2050.
///
/// # Errors
/// The first year the periods reach that the table does not hold.
pub fn festival_regressor(
    first_year: i32,
    jan_feb_combined: bool,
    len: usize,
    window: FestivalWindow,
) -> Result<Vec<f64>, i32> {
    let periods = periods_of_year(jan_feb_combined);
    let per_year = periods.len();
    let mut out = Vec::with_capacity(len);
    let mut year_shares = None;
    for t in 0..len {
        let year = first_year.saturating_add(i32::try_from(t / per_year).unwrap_or(i32::MAX));
        if t % per_year == 0 || year_shares.is_none() {
            year_shares = Some(month_shares(year, window).ok_or(year)?);
        }
        let shares = year_shares.unwrap_or([0.0; 3]);
        let value = periods[t % per_year]
            .months()
            .iter()
            .map(|&m| match m {
                1..=3 => shares[usize::from(m - 1)],
                _ => 0.0,
            })
            .sum();
        out.push(value);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_dates_match_the_table() {
        // Dates that are widely published (and that lunardate 0.3.0 and zhdate 0.1 both give).
        assert_eq!(spring_festival(1990), Some((1, 27)));
        assert_eq!(spring_festival(2000), Some((2, 5)));
        assert_eq!(spring_festival(2023), Some((1, 22)));
        assert_eq!(spring_festival(2024), Some((2, 10)));
        assert_eq!(spring_festival(2025), Some((1, 29)));
        assert_eq!(spring_festival(2050), Some((1, 23)));
        assert_eq!(spring_festival(1989), None);
        assert_eq!(spring_festival(2051), None);
        assert_eq!(spring_festival(i32::MIN), None);
    }

    #[test]
    fn every_date_lies_between_21_january_and_20_february() {
        for year in FIRST_YEAR..=LAST_YEAR {
            let (m, d) = spring_festival(year).unwrap();
            let ok = (m == 1 && d >= 21) || (m == 2 && d <= 20);
            assert!(ok, "{year}: {m}-{d}");
        }
        // consecutive festivals are 354, 355, 383, 384 or 385 days apart (12 or 13 lunar months)
        let day = |y: i32| {
            let (m, d) = spring_festival(y).unwrap();
            let mut n: i32 = (FIRST_YEAR..y)
                .map(|z| if is_leap(z) { 366 } else { 365 })
                .sum();
            n += if m == 1 { d as i32 } else { 31 + d as i32 };
            n
        };
        for y in FIRST_YEAR..LAST_YEAR {
            let gap = day(y + 1) - day(y);
            assert!([354, 355, 383, 384, 385].contains(&gap), "{y}: {gap}");
        }
    }

    #[test]
    fn hand_worked_shares() {
        let close = |a: f64, b: f64| (a - b).abs() < 1e-12;
        let w = FestivalWindow::default();
        // 2023: festival 22 Jan; window 15 Jan – 5 Feb (22 days): 15..=31 Jan is 17 days,
        // 1..=5 Feb is 5 days.
        let s = month_shares(2023, w).unwrap();
        assert!(close(s[0], 17.0 / 22.0) && close(s[1], 5.0 / 22.0) && s[2] == 0.0);
        // 2015: festival 19 Feb (not a leap year); window 12 Feb – 5 Mar: 12..=28 Feb is 17
        // days, 1..=5 Mar is 5 days.
        let s = month_shares(2015, w).unwrap();
        assert!(s[0] == 0.0 && close(s[1], 17.0 / 22.0) && close(s[2], 5.0 / 22.0));
        // 2024: festival 10 Feb; window 3–24 Feb, all in February.
        assert_eq!(month_shares(2024, w), Some([0.0, 1.0, 0.0]));
        // 1996 (leap): festival 19 Feb; window 12 Feb – 4 Mar: 12..=29 Feb is 18 days, 1..=4 Mar 4.
        let s = month_shares(1996, w).unwrap();
        assert!(close(s[1], 18.0 / 22.0) && close(s[2], 4.0 / 22.0));
        // the statutory week of R seasonal's example: 2023, 22–28 Jan, all in January
        let week = FestivalWindow {
            days_before: 0,
            days_after: 6,
        };
        assert_eq!(month_shares(2023, week), Some([1.0, 0.0, 0.0]));
        // every year's shares add up to 1, at the widest window too
        let widest = FestivalWindow {
            days_before: MAX_DAYS_BEFORE,
            days_after: MAX_DAYS_AFTER,
        };
        for year in FIRST_YEAR..=LAST_YEAR {
            for w in [w, week, widest] {
                let s = month_shares(year, w).unwrap();
                assert!(close(s.iter().sum::<f64>(), 1.0), "{year} {w:?}");
            }
        }
    }

    #[test]
    fn the_regressor_follows_the_reporting_periods() {
        let close = |a: f64, b: f64| (a - b).abs() < 1e-12;
        let w = FestivalWindow::default();
        // 12 periods a year, 2014–2015: Jan, Feb, Mar carry the shares, the rest 0
        let h = festival_regressor(2014, false, 24, w).unwrap();
        let s14 = month_shares(2014, w).unwrap();
        assert_eq!(&h[..3], &s14[..]);
        assert!(h[3..12].iter().all(|&v| v == 0.0));
        assert!(close(h[13], 17.0 / 22.0) && close(h[14], 5.0 / 22.0));
        // 11 periods a year: the combined Jan–Feb is the sum; 2015's 5 days in March show
        let h = festival_regressor(2014, true, 22, w).unwrap();
        assert_eq!(h[0], 1.0);
        assert!(close(h[11], 17.0 / 22.0) && close(h[12], 5.0 / 22.0));
        assert!(h[13..].iter().all(|&v| v == 0.0));
        // years outside the table are named
        assert_eq!(festival_regressor(2050, false, 13, w), Err(2051));
        assert_eq!(festival_regressor(1989, true, 3, w), Err(1989));
        assert_eq!(
            festival_regressor(2050, false, 12, w).map(|h| h.len()),
            Ok(12)
        );
    }
}
