//! Every bundled seed is valid, keeps its books balanced, and has a reviewed snapshot of its
//! account (tests/snapshots/). A change in any figure shows up here as a diff to review.

use gapcast::examples::EXAMPLES;
use gapcast::{account, Scenario};

#[test]
fn every_seed_is_valid_balanced_and_snapshotted() {
    for example in EXAMPLES {
        let scenario =
            Scenario::from_json(example.json).unwrap_or_else(|e| panic!("{}: {e}", example.id));
        let a = account(&scenario);
        // plan periods add up to the projection; ledger totals to the net
        let sum: f64 = a.plan.periods.iter().map(|p| p.total).sum();
        assert!(
            (sum - a.plan.projection).abs() < 1e-6,
            "{}: {sum} vs {}",
            example.id,
            a.plan.projection
        );
        let by_ledger: f64 = a
            .ledgers
            .iter()
            .map(|l| {
                if l.direction == gapcast::scenario::Direction::Increase {
                    l.effect
                } else {
                    -l.effect
                }
            })
            .sum();
        assert!((by_ledger - a.net_ledgers).abs() < 1e-9);
        let text = serde_json::to_string_pretty(&a.to_json()).unwrap();
        insta::assert_snapshot!(example.id, text);
    }
}
