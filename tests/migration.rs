//! Migration: a scenario written before items could be uncertain (the seed as shipped with the
//! foundation, commit d7771eb, saved in `tests/data/qiantang-2023-before-uncertainty.json`) stays
//! valid, gives the same account, reads every item as certain, and is written back without any new
//! field.

use gapcast::scenario::ScenarioParams;
use gapcast::simulate::simulate;
use gapcast::{account, Scenario};

const BEFORE: &str = include_str!("data/qiantang-2023-before-uncertainty.json");

#[test]
fn an_old_document_gives_the_same_account() {
    let s = Scenario::from_json(BEFORE).expect("an old document stays valid");
    let a = account(&s);
    // the figures of the foundation issue (tests/golden.rs works them out by hand)
    assert!((a.net_ledgers - 79.84).abs() < 1e-9);
    assert!((a.reinforcement.amount - 100.16).abs() < 1e-9);
    assert!((a.base.estimate - 3558.48).abs() < 0.005);
    assert!((a.plan.projection - 3638.32).abs() < 0.005);
}

#[test]
fn its_items_are_certain_and_the_defaults_apply() {
    let s = Scenario::from_json(BEFORE).unwrap();
    for ledger in &s.ledgers {
        for item in &ledger.items {
            assert!(item.dist.is_point(), "{}", item.name);
            assert_eq!(item.dist.mean(), item.amount, "{}", item.name);
            assert_eq!(item.probability.value(), 1.0, "{}", item.name);
            assert_eq!(item.window.first(), item.start_month, "{}", item.name);
            assert_eq!(item.window.last(), item.start_month, "{}", item.name);
            assert!(item.shock.is_none(), "{}", item.name);
        }
    }
    assert_eq!(s.simulation.runs, 10_000);
    assert_eq!(s.simulation.seed, 1);
    assert_eq!(s.simulation.target_probability, 0.8);
}

#[test]
fn its_monte_carlo_has_certain_ledgers() {
    let s = Scenario::from_json(BEFORE).unwrap();
    let sim = simulate(&s, Some(500), Some(3)).unwrap();
    let a = account(&s);
    for (ledger, effect) in sim.ledgers.iter().zip(&a.ledgers) {
        // every run draws the same effect (the sd is only the rounding of its mean)
        assert_eq!(ledger.effect.p5, ledger.effect.p95, "{}", ledger.name);
        assert!(ledger.effect.sd < 1e-9, "{}", ledger.name);
        assert!(
            (ledger.effect.p50.abs() - effect.effect).abs() < 1e-9,
            "{}",
            ledger.name
        );
    }
}

#[test]
fn it_is_written_back_without_new_fields() {
    let params: ScenarioParams = serde_json::from_str(BEFORE).unwrap();
    let written = serde_json::to_value(&params).unwrap();
    for ledger in written["ledgers"].as_array().unwrap() {
        for item in ledger["items"].as_array().unwrap() {
            let keys: Vec<&str> = item
                .as_object()
                .unwrap()
                .keys()
                .map(|k| k.as_str())
                .collect();
            for new in ["amountDist", "probability", "startWindow", "shock"] {
                assert!(!keys.contains(&new), "{new} written for {}", item["name"]);
            }
        }
    }
    // and what is written reads back to the same scenario
    let again = Scenario::from_json(&written.to_string()).unwrap();
    assert_eq!(again, Scenario::from_json(BEFORE).unwrap());
}
