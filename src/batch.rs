//! Batch forecasting of many series from long CSV (`series_id,period_index,value`), the format of
//! the forecasting competitions in `shared/bench-data/`, with the work spread over the machine's
//! cores. Used by `gapcast forecast`; kept out of `main.rs` so that it is tested like the rest.
//!
//! Every row is training data. Rows of a series must be consecutive in the file and in
//! `period_index` order; a series may not appear twice. The output has one row per series and step:
//! `series_id,h,point,lo80,hi80,lo95,hi95` (one bound pair per requested level).
//!
//! # Example
//! ```
//! use gapcast::batch::{parse_long_csv, forecast_all, write_csv};
//! use gapcast::forecast::method::{ForecastOptions, Method};
//! let csv = "series_id,period_index,value\na,0,1\na,1,2\na,2,3\n";
//! let series = parse_long_csv(csv)?;
//! let opts = ForecastOptions { method: Method::Snaive, horizon: 2, period: 1, ..ForecastOptions::default() };
//! let results = forecast_all(&series, &opts, 1);
//! let out = write_csv(&series, &results, &opts.levels)?;
//! assert!(out.starts_with("series_id,h,point,lo80,hi80,lo95,hi95\na,1,3,"));
//! # Ok::<(), gapcast::Error>(())
//! ```

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::error::{num, Error, Place, Problem, ProblemKind};
use crate::forecast::method::{forecast_series, ForecastOptions, ForecastOutput};

/// One series read from the CSV.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedSeries {
    /// `series_id`.
    pub id: String,
    /// Values in `period_index` order.
    pub values: Vec<f64>,
}

fn csv_problem(line: usize, detail: String, detail_zh: String) -> Problem {
    Problem::new(
        Place::Field("input"),
        ProblemKind::BadRow {
            line,
            detail,
            detail_zh,
        },
    )
}

/// Reads long CSV with a header naming `series_id`, `period_index` and `value` (any order).
///
/// # Errors
/// A problem naming the line for a missing column, an unreadable number, a non-finite value, a
/// period index out of order, or a series split in two.
pub fn parse_long_csv(text: &str) -> Result<Vec<NamedSeries>, Error> {
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let (_, header) = lines.next().ok_or_else(|| {
        Error::from(csv_problem(
            1,
            "the file is empty".into(),
            "文件为空".into(),
        ))
    })?;
    let columns: Vec<&str> = header
        .trim_start_matches('\u{feff}')
        .split(',')
        .map(str::trim)
        .collect();
    let find = |name: &str| columns.iter().position(|c| *c == name);
    let (Some(id_col), Some(index_col), Some(value_col)) =
        (find("series_id"), find("period_index"), find("value"))
    else {
        return Err(csv_problem(
            1,
            format!("the header must name series_id, period_index and value; it has: {header}"),
            format!("表头须含 series_id、period_index 和 value 三列，现为：{header}"),
        )
        .into());
    };
    let mut out: Vec<NamedSeries> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, line) in lines {
        let line_no = i + 1;
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        let get = |c: usize| {
            fields.get(c).copied().ok_or_else(|| {
                Error::from(csv_problem(
                    line_no,
                    format!("missing column {}", c + 1),
                    format!("缺少第 {} 列", c + 1),
                ))
            })
        };
        let id = get(id_col)?;
        let index: usize = get(index_col)?.parse().map_err(|_| {
            Error::from(csv_problem(
                line_no,
                format!(
                    "period_index \"{}\" is not a whole number",
                    fields[index_col]
                ),
                format!("period_index “{}”不是整数", fields[index_col]),
            ))
        })?;
        let raw = get(value_col)?;
        let value: f64 = raw.parse().map_err(|_| {
            Error::from(csv_problem(
                line_no,
                format!("value \"{raw}\" is not a number"),
                format!("value “{raw}”不是数字"),
            ))
        })?;
        if !value.is_finite() {
            return Err(Problem::new(
                Place::Series {
                    series: id.to_string(),
                    index: Some(index),
                },
                ProblemKind::NotFinite,
            )
            .into());
        }
        match out.last_mut() {
            Some(last) if last.id == id => {
                if index != last.values.len() {
                    return Err(csv_problem(
                        line_no,
                        format!("series {id}: period_index {index} should be {} (rows must be consecutive)", last.values.len()),
                        format!("序列 {id}：period_index 应为 {}，实为 {index}（各行须连续）", last.values.len()),
                    )
                    .into());
                }
                last.values.push(value);
            }
            _ => {
                if !seen.insert(id.to_string()) {
                    return Err(csv_problem(
                        line_no,
                        format!("series {id} appears again after other series"),
                        format!("序列 {id} 在其他序列之后再次出现"),
                    )
                    .into());
                }
                if index != 0 {
                    return Err(csv_problem(
                        line_no,
                        format!("series {id} starts at period_index {index}; it must start at 0"),
                        format!("序列 {id} 从 period_index {index} 开始，应从 0 开始"),
                    )
                    .into());
                }
                out.push(NamedSeries {
                    id: id.to_string(),
                    values: vec![value],
                });
            }
        }
    }
    Ok(out)
}

/// Forecasts every series with `threads` workers (at least 1); results keep the input order.
pub fn forecast_all(
    series: &[NamedSeries],
    opts: &ForecastOptions,
    threads: usize,
) -> Vec<Result<ForecastOutput, Error>> {
    forecast_each(series, threads, |s| forecast_series(&s.id, &s.values, opts))
}

/// `forecast` of every series on `threads` threads, the results in the input's order: what
/// [`forecast_all`] does with [`forecast_series`], for other forecasts of one series (the CLI's
/// Spring Festival regressor).
pub fn forecast_each(
    series: &[NamedSeries],
    threads: usize,
    forecast: impl Fn(&NamedSeries) -> Result<ForecastOutput, Error> + Sync,
) -> Vec<Result<ForecastOutput, Error>> {
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<Result<ForecastOutput, Error>>>> =
        series.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1).min(series.len().max(1)) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(s) = series.get(i) else { break };
                let result = forecast(s);
                if let Ok(mut slot) = slots[i].lock() {
                    *slot = Some(result);
                }
            });
        }
    });
    slots
        .into_iter()
        .map(|m| {
            m.into_inner().ok().flatten().unwrap_or_else(|| {
                Err(csv_problem(0, "not computed".into(), "未计算".into()).into())
            })
        })
        .collect()
}

/// Writes the forecasts as CSV: `series_id,h,point,lo<L>,hi<L>…`.
///
/// # Errors
/// The first series whose forecast failed.
pub fn write_csv(
    series: &[NamedSeries],
    results: &[Result<ForecastOutput, Error>],
    levels: &[f64],
) -> Result<String, Error> {
    let mut out = String::from("series_id,h,point");
    for l in levels {
        out.push_str(&format!(",lo{0},hi{0}", num(*l)));
    }
    out.push('\n');
    for (s, r) in series.iter().zip(results) {
        let f = r.as_ref().map_err(Clone::clone)?;
        for k in 0..f.point.len() {
            out.push_str(&format!("{},{},{}", s.id, k + 1, f.point[k]));
            for iv in &f.intervals {
                out.push_str(&format!(",{},{}", iv.lower[k], iv.upper[k]));
            }
            out.push('\n');
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forecast::method::Method;

    #[test]
    fn reads_long_csv_and_names_bad_lines() {
        let s = parse_long_csv("\u{feff}series_id,period_index,value\nx,0,1.5\nx,1,2\ny,0,3\n")
            .unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].values, vec![1.5, 2.0]);
        let e = parse_long_csv("series_id,period_index,value\nx,0,1\nx,2,2\n").unwrap_err();
        assert!(e.to_string().contains("period_index 2 should be 1"), "{e}");
        let e = parse_long_csv("series_id,period_index,value\nx,0,abc\n").unwrap_err();
        assert!(
            e.to_string().contains("line 2") && e.to_string().contains("\"abc\""),
            "{e}"
        );
        let e = parse_long_csv("series_id,period_index,value\nx,0,NaN\n").unwrap_err();
        assert_eq!(e.code(), "forecast.notFinite");
        let e = parse_long_csv("series_id,period_index,value\nx,0,1\ny,0,1\nx,1,1\n").unwrap_err();
        assert!(e.to_string().contains("appears again"), "{e}");
        assert!(parse_long_csv("id,t,v\n").is_err());
        assert!(parse_long_csv("").is_err());
    }

    #[test]
    fn threads_do_not_change_results() {
        let series: Vec<NamedSeries> = (0..7)
            .map(|i| NamedSeries {
                id: format!("s{i}"),
                values: (0..40).map(|t| 50.0 + (t * (i + 3) % 17) as f64).collect(),
            })
            .collect();
        let opts = ForecastOptions {
            method: Method::Theta,
            horizon: 3,
            ..ForecastOptions::default()
        };
        let one = write_csv(&series, &forecast_all(&series, &opts, 1), &opts.levels).unwrap();
        let four = write_csv(&series, &forecast_all(&series, &opts, 4), &opts.levels).unwrap();
        assert_eq!(one, four);
        assert_eq!(one.lines().count(), 1 + 7 * 3);
    }
}
