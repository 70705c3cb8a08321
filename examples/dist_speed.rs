//! Native timing of `AmountDist::sample_from_normal` per kind, exact and tabulated, and of building a
//! PERT table. Run: `cargo run --release --example dist_speed`.
use gapcast::dist::AmountSpec;
use gapcast::error::Place;
use gapcast::forecast::stats::{rng, standard_normal};
use std::time::Instant;

fn main() {
    let specs = [
        (
            "range90 (lognormal)",
            AmountSpec::Range90 {
                low: 40.0,
                high: 65.0,
            },
        ),
        (
            "range90 (normal)",
            AmountSpec::Range90 {
                low: 0.0,
                high: 10.0,
            },
        ),
        (
            "triangular",
            AmountSpec::Triangular {
                min: 10.0,
                mode: 14.0,
                max: 30.0,
            },
        ),
        ("uniform", AmountSpec::Uniform { min: 2.0, max: 6.0 }),
        (
            "pert",
            AmountSpec::Pert {
                min: 10.0,
                mode: 14.0,
                max: 30.0,
            },
        ),
        (
            "pert, mode = max",
            AmountSpec::Pert {
                min: 10.0,
                mode: 30.0,
                max: 30.0,
            },
        ),
    ];
    let n = 1_000_000;
    let mut r = rng(1);
    let zs: Vec<f64> = (0..n).map(|_| standard_normal(&mut r)).collect();
    println!(
        "{:20} {:>12} {:>12} {:>12}",
        "kind", "ns/draw", "tabulated", "table µs"
    );
    for (name, spec) in specs {
        let d = spec.check(Place::Field, &mut Vec::new()).unwrap();
        let start = Instant::now();
        let exact: f64 = zs.iter().map(|&z| d.sample_from_normal(z)).sum();
        let exact_ns = start.elapsed().as_nanos() as f64 / n as f64;
        let start = Instant::now();
        let builds = 100;
        let mut t = d.clone();
        for _ in 0..builds {
            t = std::hint::black_box(d.clone()).tabulated();
        }
        let build_us = start.elapsed().as_secs_f64() * 1e6 / f64::from(builds);
        let start = Instant::now();
        let tabulated: f64 = zs.iter().map(|&z| t.sample_from_normal(z)).sum();
        let table_ns = start.elapsed().as_nanos() as f64 / n as f64;
        std::hint::black_box((exact, tabulated));
        println!("{name:20} {exact_ns:12.1} {table_ns:12.1} {build_us:12.1}");
    }
}
