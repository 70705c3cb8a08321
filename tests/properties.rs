//! Properties of the account on random scenarios: no panic, books balance, the required run-rate
//! closes the year exactly, and the account is linear in the unit (k × every amount → k × figures).

use gapcast::{account, Scenario};
use proptest::prelude::*;

fn scenario_json(
    ytd_monthly: &[f64],
    combined: bool,
    target: f64,
    items: &[(f64, u8, u8, bool)],
) -> String {
    let ledgers: Vec<serde_json::Value> = items
        .iter()
        .enumerate()
        .map(|(i, &(amount, start, ramp, up))| {
            serde_json::json!({
                "name": format!("账{i}"),
                "direction": if up { "increase" } else { "decrease" },
                "items": [{ "name": format!("条目{i}"), "amount": amount, "startMonth": start, "rampMonths": ramp }]
            })
        })
        .collect();
    let per_year = if combined { 11 } else { 12 };
    let base_year = 2015 + ((ytd_monthly.len() - 1) / per_year) as i64; // the last year with data
    serde_json::json!({
        "version": 1, "title": "p", "unit": "万元",
        "history": { "form": "monthly", "start": "2015-01", "janFebCombined": combined, "values": ytd_monthly },
        "baseYear": base_year,
        "planYear": base_year + 1,
        "target": target,
        "ledgers": ledgers,
        // the account's own arithmetic is linear; the estimate method is tested elsewhere
        "rules": { "estimateMethod": "pace" },
    })
    .to_string()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn account_balances_and_scales(
        combined in any::<bool>(),
        monthly in proptest::collection::vec(0.0f64..1e4, 1..48),
        target in 1.0f64..1e6,
        items in proptest::collection::vec((0.0f64..1e4, 1u8..=12, 0u8..=12, any::<bool>()), 1..8),
        k in 0.5f64..20.0,
    ) {
        let text = scenario_json(&monthly, combined, target, &items);
        let a = account(&Scenario::from_json(&text).unwrap());
        prop_assert!((a.increases - a.decreases - a.net_ledgers).abs() < 1e-9 * (1.0 + a.increases));
        prop_assert!((a.reinforcement.amount + a.net_ledgers - a.reinforcement.share * target).abs() < 1e-6 * (1.0 + target));
        let periods: f64 = a.plan.periods.iter().map(|p| p.total).sum();
        prop_assert!(a.plan.projection.is_finite());
        prop_assert!((periods - a.plan.projection).abs() <= 1e-9 * (1.0 + a.plan.projection.abs()) * 16.0);
        prop_assert!(a.to_json().is_object());

        // linearity: every amount × k -> every level figure × k, shares and levels of lights unchanged
        let scaled_monthly: Vec<f64> = monthly.iter().map(|v| v * k).collect();
        let scaled_items: Vec<_> = items.iter().map(|&(a, s, r, u)| (a * k, s, r, u)).collect();
        let b = account(&Scenario::from_json(&scenario_json(&scaled_monthly, combined, target * k, &scaled_items)).unwrap());
        prop_assert!((b.plan.projection - k * a.plan.projection).abs() <= 1e-9 * (1.0 + (k * a.plan.projection).abs()));
        prop_assert!((b.plan.gap_pct - a.plan.gap_pct).abs() <= 1e-6 * (1.0 + a.plan.gap_pct.abs()));
        prop_assert_eq!(a.lights.pace.level, b.lights.pace.level);
    }
}
