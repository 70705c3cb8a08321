//! Golden tests of the trend filters against other implementations.
//!
//! The data files in `tests/data/` are copies of `/work/shared/reference/` (see its README.md):
//! US real GDP, quarterly 1959Q1–2009Q3 (statsmodels' `macrodata`, public domain), natural log.
//! - `hp_realgdp.csv`: statsmodels `tsa.filters.hp_filter.hpfilter`, λ = 1600, cross-checked there
//!   against a dense solve of (I + λDᵀD) τ = y.
//! - `hamilton_realgdp.csv`, `hamilton_realgdp_coef.csv`: Hamilton (2018) regression filter,
//!   h = 8, p = 4, by least squares; the first p + h − 1 = 11 rows are empty.
//!
//! Values carry 17 significant digits; the README asks for agreement to about 1e-8.

use gapcast::trend::{hamilton_filter, hp_filter, HamiltonParams, TrendFilter, LAMBDA_QUARTERLY};

const HP: &str = include_str!("data/hp_realgdp.csv");
const HAMILTON: &str = include_str!("data/hamilton_realgdp.csv");
const HAMILTON_COEF: &str = include_str!("data/hamilton_realgdp_coef.csv");

/// Tolerance on the largest absolute difference, as the reference README asks.
const TOL: f64 = 1e-8;

/// The named columns of a CSV with a header row; an empty cell is `None`.
fn columns(csv: &str, names: &[&str]) -> Vec<Vec<Option<f64>>> {
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let index: Vec<usize> = names
        .iter()
        .map(|n| header.iter().position(|h| h == n).unwrap())
        .collect();
    let rows: Vec<Vec<&str>> = lines
        .filter(|l| !l.is_empty())
        .map(|l| l.split(',').collect())
        .collect();
    index
        .iter()
        .map(|&i| {
            rows.iter()
                .map(|r| match r[i].trim() {
                    "" => None,
                    v => Some(v.parse().unwrap()),
                })
                .collect()
        })
        .collect()
}

/// Largest absolute difference; `None` must meet `None`.
fn max_abs_diff(actual: &[Option<f64>], expected: &[Option<f64>], what: &str) -> f64 {
    assert_eq!(actual.len(), expected.len(), "{what}: length");
    actual
        .iter()
        .zip(expected)
        .enumerate()
        .map(|(i, pair)| match pair {
            (Some(a), Some(e)) => (a - e).abs(),
            (None, None) => 0.0,
            _ => panic!("{what}[{i}]: {:?} vs {:?}", pair.0, pair.1),
        })
        .fold(0.0, f64::max)
}

#[test]
fn hp_matches_statsmodels_on_us_real_gdp() {
    let cols = columns(HP, &["log_realgdp", "hp_trend", "hp_cycle"]);
    let y: Vec<f64> = cols[0].iter().map(|v| v.unwrap()).collect();
    assert_eq!(y.len(), 203);
    let g = hp_filter(&y, LAMBDA_QUARTERLY).unwrap();
    let trend = max_abs_diff(&g.trend, &cols[1], "trend");
    let cycle = max_abs_diff(&g.cycle, &cols[2], "cycle");
    println!("HP λ = 1600: max |Δtrend| = {trend:e}, max |Δcycle| = {cycle:e}");
    assert!(trend <= TOL, "trend: {trend:e}");
    assert!(cycle <= TOL, "cycle: {cycle:e}");
    // ⌈1600^¼⌉ = 7 quarters at each end are marked.
    assert_eq!(g.unstable.iter().filter(|&&u| u).count(), 14);
    assert!(g.unstable[196] && !g.unstable[195] && g.unstable[6] && !g.unstable[7]);
}

#[test]
fn hamilton_matches_the_reference_on_us_real_gdp() {
    let cols = columns(
        HAMILTON,
        &["log_realgdp", "hamilton_trend", "hamilton_cycle"],
    );
    let y: Vec<f64> = cols[0].iter().map(|v| v.unwrap()).collect();
    let g = hamilton_filter(&y, HamiltonParams::QUARTERLY).unwrap();
    assert_eq!(cols[1].iter().take_while(|v| v.is_none()).count(), 11);
    let trend = max_abs_diff(&g.trend, &cols[1], "trend");
    let cycle = max_abs_diff(&g.cycle, &cols[2], "cycle");

    let coef = columns(HAMILTON_COEF, &["coef"]);
    let expected: Vec<f64> = coef[0].iter().map(|v| v.unwrap()).collect();
    let TrendFilter::Hamilton {
        h,
        p,
        intercept,
        lags,
        ..
    } = &g.filter
    else {
        panic!("not a Hamilton filter: {:?}", g.filter)
    };
    assert_eq!((*h, *p), (8, 4));
    let actual: Vec<f64> = std::iter::once(*intercept)
        .chain(lags.iter().copied())
        .collect();
    assert_eq!(actual.len(), expected.len());
    let coefs = actual
        .iter()
        .zip(&expected)
        .map(|(a, e)| (a - e).abs())
        .fold(0.0, f64::max);
    println!(
        "Hamilton h = 8, p = 4: max |Δtrend| = {trend:e}, max |Δcycle| = {cycle:e}, max |Δcoef| = {coefs:e}"
    );
    assert!(trend <= TOL, "trend: {trend:e}");
    assert!(cycle <= TOL, "cycle: {cycle:e}");
    assert!(coefs <= TOL, "coefficients: {coefs:e}");
    assert!(g.unstable.iter().all(|&u| !u));
}

/// HP on 600 points takes well under a millisecond natively (O(n) banded solve). Timing is left
/// out of the default run: `cargo test --release --test trend_golden -- --ignored`.
#[test]
#[ignore]
fn hp_on_600_points_is_fast() {
    let y: Vec<f64> = (0..600)
        .map(|t| (500.0 + 1.5 * t as f64 + 30.0 * (t as f64 * 0.52).sin()).ln())
        .collect();
    let runs = 1000;
    let start = std::time::Instant::now();
    for _ in 0..runs {
        std::hint::black_box(hp_filter(std::hint::black_box(&y), 129_600.0).unwrap());
    }
    let per_call = start.elapsed() / runs;
    println!("HP on 600 points: {per_call:?} per call");
    assert!(
        per_call < std::time::Duration::from_millis(1),
        "{per_call:?}"
    );
}
