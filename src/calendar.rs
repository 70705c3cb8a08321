//! Months and reporting periods of the statistical calendar.
//!
//! Offices publish year-to-date figures at the end of each reporting period. Because of the Spring
//! Festival, January and February are usually reported together (1–2月合并): such a year has 11
//! periods, the first covering months 1–2. Where a user has January alone, the year has 12 periods.
//! A [`Period`] is identified by the months it covers; its *end month* is the month whose
//! year-to-date value closes it.
//!
//! # Example
//! ```
//! use gapcast::calendar::{periods_of_year, YearMonth};
//! let ym: YearMonth = "2022-10".parse().unwrap();
//! assert_eq!((ym.year, ym.month), (2022, 10));
//! assert_eq!(periods_of_year(true).len(), 11);
//! assert_eq!(periods_of_year(true)[0].months(), &[1, 2]);
//! ```

use std::fmt;
use std::str::FromStr;

use crate::error::Lang;

/// A calendar month; `month` is 1..=12 everywhere (Rust, JSON and JS).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    /// Calendar year, e.g. 2022.
    pub year: i32,
    /// Month of the year, 1..=12.
    pub month: u8,
}

/// Why a `"YYYY-MM"` text is not a year-month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearMonthParseError;

impl FromStr for YearMonth {
    type Err = YearMonthParseError;

    /// Parses `"YYYY-MM"` (also `"YYYY-M"`), with a year in 1900..=2200 and a month in 1..=12.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (year, month) = text.trim().split_once('-').ok_or(YearMonthParseError)?;
        if year.len() != 4 || month.is_empty() || month.len() > 2 {
            return Err(YearMonthParseError);
        }
        if !year
            .bytes()
            .chain(month.bytes())
            .all(|b| b.is_ascii_digit())
        {
            return Err(YearMonthParseError);
        }
        let year: i32 = year.parse().map_err(|_| YearMonthParseError)?;
        let month: u8 = month.parse().map_err(|_| YearMonthParseError)?;
        if !(1..=12).contains(&month) || !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return Err(YearMonthParseError);
        }
        Ok(YearMonth { year, month })
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Earliest year accepted anywhere in a scenario.
pub const MIN_YEAR: i32 = 1900;
/// Latest year accepted anywhere in a scenario.
pub const MAX_YEAR: i32 = 2200;

/// A reporting period within a year: one month, or January–February combined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    first: u8,
    last: u8,
}

const MONTHS: [u8; 12] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

impl Period {
    /// The months the period covers, e.g. `[1, 2]` for a combined January–February.
    pub fn months(&self) -> &'static [u8] {
        &MONTHS[usize::from(self.first - 1)..usize::from(self.last)]
    }

    /// The month whose year-to-date value closes this period.
    pub fn end_month(&self) -> u8 {
        self.last
    }
}

const PERIODS_COMBINED: [Period; 11] = {
    let mut out = [Period { first: 1, last: 2 }; 11];
    let mut i = 1;
    while i < 11 {
        out[i] = Period {
            first: i as u8 + 2,
            last: i as u8 + 2,
        };
        i += 1;
    }
    out
};

const PERIODS_SINGLE: [Period; 12] = {
    let mut out = [Period { first: 1, last: 1 }; 12];
    let mut i = 0;
    while i < 12 {
        out[i] = Period {
            first: i as u8 + 1,
            last: i as u8 + 1,
        };
        i += 1;
    }
    out
};

/// The reporting periods of a year: 11 when January and February are combined, else 12.
pub fn periods_of_year(jan_feb_combined: bool) -> &'static [Period] {
    if jan_feb_combined {
        &PERIODS_COMBINED
    } else {
        &PERIODS_SINGLE
    }
}

/// A period of a given year, as it is named in messages: "2022-01–02" / "2022年1–2月".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodLabel {
    /// Calendar year.
    pub year: i32,
    /// The period within the year.
    pub period: Period,
}

impl PeriodLabel {
    /// The label in the given language.
    pub fn localized(&self, lang: Lang) -> String {
        let Period { first, last } = self.period;
        match (lang, first == last) {
            (Lang::En, true) => format!("{:04}-{:02}", self.year, first),
            (Lang::En, false) => format!("{:04}-{:02}–{:02}", self.year, first, last),
            (Lang::Zh, true) => format!("{}年{}月", self.year, first),
            (Lang::Zh, false) => format!("{}年{}–{}月", self.year, first, last),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_year_months() {
        assert_eq!(
            "2021-02".parse(),
            Ok(YearMonth {
                year: 2021,
                month: 2
            })
        );
        assert_eq!(
            "2021-2".parse(),
            Ok(YearMonth {
                year: 2021,
                month: 2
            })
        );
        assert_eq!(
            YearMonth {
                year: 2021,
                month: 2
            }
            .to_string(),
            "2021-02"
        );
        for bad in [
            "2021-13", "2021-00", "21-01", "2021/01", "", "2021-", "abcd-01", "2021-+1", "9999-01",
        ] {
            assert_eq!(bad.parse::<YearMonth>(), Err(YearMonthParseError), "{bad}");
        }
    }

    #[test]
    fn combined_year_has_eleven_periods_covering_every_month_once() {
        for combined in [true, false] {
            let months: Vec<u8> = periods_of_year(combined)
                .iter()
                .flat_map(|p| p.months().to_vec())
                .collect();
            assert_eq!(months, MONTHS.to_vec());
        }
        assert_eq!(periods_of_year(true)[0].end_month(), 2);
        assert_eq!(periods_of_year(false)[0].end_month(), 1);
    }

    #[test]
    fn labels_read_naturally() {
        let jan_feb = PeriodLabel {
            year: 2022,
            period: periods_of_year(true)[0],
        };
        assert_eq!(jan_feb.localized(Lang::En), "2022-01–02");
        assert_eq!(jan_feb.localized(Lang::Zh), "2022年1–2月");
        let oct = PeriodLabel {
            year: 2022,
            period: periods_of_year(true)[8],
        };
        assert_eq!(oct.localized(Lang::Zh), "2022年10月");
    }
}
