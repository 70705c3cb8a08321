//! Native timing of the Monte Carlo (`simulate`) on a scenario: best and median of `repeat` calls
//! after a warm-up, and the process's peak resident memory. Used by `scripts/bench-sim.sh`; prints
//! one JSON line.
//!
//! `cargo run --release --example sim_speed -- SCENARIO.json [RUNS] [REPEAT]`
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let path = args
        .get(1)
        .ok_or("usage: sim_speed SCENARIO.json [RUNS] [REPEAT]")?;
    let runs: usize = args
        .get(2)
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(100_000);
    let repeat: usize = args.get(3).map(|a| a.parse()).transpose()?.unwrap_or(7);
    let scenario = gapcast::Scenario::from_json(&std::fs::read_to_string(path)?)?;
    let warm = gapcast::simulate::simulate(&scenario, Some(runs), None)?;
    let mut ms = Vec::with_capacity(repeat);
    let mut cpu_ms = Vec::with_capacity(repeat);
    for _ in 0..repeat.max(1) {
        let (t, cpu) = (Instant::now(), thread_cpu_ns());
        let s = gapcast::simulate::simulate(&scenario, Some(runs), None)?;
        ms.push(t.elapsed().as_secs_f64() * 1e3);
        if let (Some(a), Some(b)) = (cpu, thread_cpu_ns()) {
            cpu_ms.push((b - a) as f64 / 1e6);
        }
        assert_eq!(s, warm, "the same scenario gives the same summary");
    }
    ms.sort_by(f64::total_cmp);
    cpu_ms.sort_by(f64::total_cmp);
    // Linux: the peak resident set (VmHWM) of this process, in MiB
    let peak_mib = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map(|kib| kib / 1024.0);
    println!(
        "{{\"runs\":{runs},\"items\":{},\"bestMs\":{:.2},\"medianMs\":{:.2},\"bestCpuMs\":{},\"peakRssMiB\":{},\"pMeet\":{}}}",
        scenario.ledgers.iter().map(|l| l.items.len()).sum::<usize>(),
        ms[0],
        ms[ms.len() / 2],
        cpu_ms.first().map_or("null".to_string(), |m| format!("{m:.2}")),
        peak_mib.map_or("null".to_string(), |m| format!("{m:.1}")),
        warm.meet.p
    );
    Ok(())
}

/// CPU time of this thread in ns (Linux `/proc/thread-self/schedstat`), which a busy machine
/// disturbs less than the wall clock.
fn thread_cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}
