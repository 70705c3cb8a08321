//! Golden tests: the seed scenarios' figures against arithmetic worked by hand from the source
//! document (杭州市钱塘区经信局《2022年度工作总结与2023年工作思路》) and the seeds' stated
//! illustrative months. Every expected value is written out with its arithmetic.

use gapcast::account::ReinforcementStatus;
use gapcast::examples::{QIANTANG_2023, QIANTANG_2023_Q1};
use gapcast::lights::Level;
use gapcast::scenario::PaceBasis;
use gapcast::{account, Scenario};

fn assert_close(actual: f64, expected: f64, tol: f64, what: &str) {
    assert!(
        (actual - expected).abs() <= tol,
        "{what}: {actual} vs {expected} (tol {tol})"
    );
}

#[test]
fn seed_reproduces_the_published_figures() {
    let s = Scenario::from_json(QIANTANG_2023).unwrap();
    // Published: 2022 Q1 882.79亿, 2022 Jan–Oct 2942.46亿, +3.1% y/y.
    assert_close(s.history.ytd(2022, 3).unwrap(), 882.79, 1e-9, "2022 Q1");
    assert_close(
        s.history.ytd(2022, 10).unwrap(),
        2942.46,
        1e-9,
        "2022 Jan–Oct",
    );
    let a = account(&s);
    // 2021 Jan–Oct = 2942.46 / 1.031 = 2853.986… ≈ 2853.99 in the seed; 2942.46 / 2853.99 − 1 = 3.0999 %
    assert_close(a.base.prior_ytd.unwrap(), 2853.99, 1e-9, "2021 Jan–Oct");
    assert_eq!(format!("{:.1}", a.base.ytd_growth_pct.unwrap()), "3.1");
    // Ledgers: 7 increase ledgers 198.41, 3 decrease ledgers 118.57, net 198.41 − 118.57 = 79.84.
    assert_close(a.increases, 198.41, 1e-9, "increases");
    assert_close(a.decreases, 118.57, 1e-9, "decreases");
    assert_close(a.net_ledgers, 79.84, 1e-9, "net");
    assert_eq!(a.ledgers.len(), 10);
    assert_eq!(
        a.ledgers
            .iter()
            .filter(|l| l.direction == gapcast::scenario::Direction::Increase)
            .count(),
        7
    );
    // Reinforcement target: 5 % × 3600 = 180; 180 − 79.84 = 100.16, still needed.
    assert_close(a.reinforcement.rule_amount, 180.0, 1e-9, "rule amount");
    assert_close(a.reinforcement.amount, 100.16, 1e-9, "reinforcement");
    assert_eq!(a.reinforcement.status, ReinforcementStatus::Needed);
    assert_eq!(a.chain_target, Some(130.0));
}

#[test]
fn seed_base_year_and_plan_year_by_hand() {
    let a = account(&Scenario::from_json(QIANTANG_2023).unwrap());
    // Seasonal share of Jan–Oct, from the one complete past year (2021, illustrative months):
    //   2853.99 / 3451.49 = 0.826886359…
    assert_eq!(a.base.pace_basis, PaceBasis::Seasonal);
    assert_close(a.base.share, 0.826_886_359_2, 1e-10, "share");
    // 2022 estimate = 2942.46 / 0.826886359 = 2942.46 × 3451.49 / 2853.99
    //               = 10 155 817.221 / 2853.99 = 3558.481727…
    assert_close(a.base.estimate, 3_558.481_727_5, 1e-6, "2022 estimate");
    // 2023 by the ledger account = 3558.481727 + 79.84 = 3638.321727; gap = 3600 − 3638.321727 = −38.321727
    assert_close(a.plan.projection, 3_638.321_727_5, 1e-6, "projection");
    assert_close(a.plan.gap, -38.321_727_5, 1e-6, "gap");
    // −38.321727 / 3600 × 100 = −1.0645 %
    assert_close(a.plan.gap_pct, -1.064_492_4, 1e-6, "gap %");
    // Phased by 2021's shape: the periods add up to the projection.
    let last = a.plan.periods.last().unwrap();
    assert_close(last.cumulative, a.plan.projection, 1e-9, "cumulative");
    // Jan–Feb: base 3558.481727 × 520.00 / 3451.49 = 536.123…, plus the January–February effects of
    // the step items starting in January (28.50 + 18.60 + 9.80 + 65.21 = 122.11 up; 21.37 + 10.20 + 75.00
    // = 106.57 down), each × 2/12: +20.351667, −17.761667.
    let jf = &a.plan.periods[0];
    assert_eq!(jf.months, vec![1, 2]);
    assert_close(
        jf.base,
        3_558.481_727_5 * 520.0 / 3451.49,
        1e-6,
        "Jan–Feb base",
    );
    assert_close(jf.increases, 122.11 * 2.0 / 12.0, 1e-9, "Jan–Feb up");
    assert_close(jf.decreases, 106.57 * 2.0 / 12.0, 1e-9, "Jan–Feb down");
    // No 2023 data: the pace light is not applicable; the ledger account reaches the target: green.
    assert!(a.in_year.is_none());
    assert_eq!(a.lights.pace.level, Level::None);
    assert_eq!(a.lights.gap.level, Level::Good);
    assert_eq!(a.lights.gap.colour, "green");
}

#[test]
fn in_year_seed_pace_gap_and_required_run_rate_by_hand() {
    let a = account(&Scenario::from_json(QIANTANG_2023_Q1).unwrap());
    // 2022 complete: 2942.46 + 300.50 + 330.20 = 3573.16 (actual, no estimate).
    assert!(a.base.complete);
    assert_close(a.base.estimate, 3573.16, 1e-9, "2022 total");
    let y = a.in_year.as_ref().unwrap();
    // 2023 Jan–Mar = 590.00 + 335.00 = 925.00; completion 925 / 3600 = 25.6944 %
    assert_eq!(y.last_month, 3);
    assert_close(y.ytd, 925.0, 1e-9, "ytd");
    assert_close(y.completion_pct, 25.694_444_44, 1e-7, "completion");
    // calendar pace 3/12 = 25 %
    assert_close(y.calendar_pace_pct, 25.0, 1e-12, "calendar pace");
    // seasonal pace = mean(838.40 / 3451.49, 882.79 / 3573.16) = mean(0.2429096, 0.2470614) = 0.2449855
    let s = (838.40 / 3451.49 + 882.79 / 3573.16) / 2.0;
    assert_close(s, 0.244_985_50, 1e-8, "hand seasonal pace");
    assert_close(
        y.seasonal_pace_pct.unwrap(),
        24.498_550,
        1e-5,
        "seasonal pace",
    );
    // pace gap = 25.694444 − 24.498550 = +1.195894 pp -> green
    assert_close(y.pace_gap_pp, 1.195_894, 1e-5, "pace gap");
    assert_eq!(a.lights.pace.level, Level::Good);
    // estimate = 925 / 0.2449855 = 3775.734…; gap = 3600 − 3775.734 = −175.734
    assert_close(y.estimate, 925.0 / s, 1e-9, "estimate");
    assert_close(y.estimate, 3775.734, 1e-3, "estimate by hand");
    assert_close(y.gap, -175.734, 1e-3, "gap");
    // required monthly average = (3600 − 925) / 9 = 297.2222
    assert_close(
        y.required_monthly_average.unwrap(),
        297.222_222_2,
        1e-6,
        "required average",
    );
    // required growth of Apr–Dec over 2022's Apr–Dec = (3600 − 925) / (3573.16 − 882.79) − 1
    //   = 2675 / 2690.37 − 1 = −0.5713 %
    assert_close(
        y.required_growth_pct.unwrap(),
        -0.571_297,
        1e-5,
        "required growth",
    );
    // sum(ytd) + remaining == target
    assert_close(
        y.ytd + y.required_monthly_average.unwrap() * 9.0,
        3600.0,
        1e-9,
        "closes",
    );
    // The gap light judges the in-year estimate here.
    assert_eq!(a.lights.gap.level, Level::Good);
    assert!(a.lights.gap.zh.contains("年内预计"), "{}", a.lights.gap.zh);
}

#[test]
fn calendar_pace_is_used_and_said_when_there_is_no_complete_past_year() {
    // Only 2022 Jan–Oct: no complete year before 2022.
    let mut doc: serde_json::Value = serde_json::from_str(QIANTANG_2023).unwrap();
    let values: Vec<serde_json::Value> =
        doc["history"]["values"].as_array().unwrap()[11..].to_vec();
    doc["history"]["values"] = values.into();
    doc["history"]["start"] = "2022-01".into();
    doc["rules"]["estimateMethod"] = "pace".into();
    let a = account(&Scenario::from_json(&doc.to_string()).unwrap());
    assert_eq!(a.base.pace_basis, PaceBasis::Calendar);
    // 2942.46 / (10/12) = 3530.952
    assert_close(
        a.base.estimate,
        2942.46 * 12.0 / 10.0,
        1e-9,
        "calendar estimate",
    );
    // the pace forecaster says it used calendar shares
    assert!(
        a.notices.iter().any(|n| n.code == "pace.calendarFallback"),
        "{:?}",
        a.notices
    );
    // auto on the same data has no full year to give a shape: the ETS/Theta combination, said so
    doc["rules"]["estimateMethod"] = "auto".into();
    let auto = account(&Scenario::from_json(&doc.to_string()).unwrap());
    assert_eq!(auto.base.forecast.as_ref().unwrap().method, "combo");
    assert!(auto
        .notices
        .iter()
        .any(|n| n.code == "forecast.autoTooShort"));
    assert_eq!(a.base.prior_ytd, None);
}

#[test]
fn palette_and_thresholds_are_settings() {
    let mut doc: serde_json::Value = serde_json::from_str(QIANTANG_2023).unwrap();
    // Require a 2 % surplus for green: −1.06 % gap is then yellow.
    doc["rules"]["lights"]["gapGreenAtMostPct"] = (-2.0).into();
    doc["rules"]["lights"]["palette"] = "redYellowBlue".into();
    let a = account(&Scenario::from_json(&doc.to_string()).unwrap());
    assert_eq!(a.lights.gap.level, Level::Watch);
    assert_eq!(a.lights.gap.colour, "yellow");
    assert!(
        a.lights.gap.rule_zh.starts_with("蓝：缺口 ≤ 目标的 -2%"),
        "{}",
        a.lights.gap.rule_zh
    );
}
