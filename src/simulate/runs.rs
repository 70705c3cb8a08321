//! The runs of a simulation, drawn a block of runs at a time: every item over the block (see
//! [`super::items`]), phased over the months ([`super::phasing`]), then the block's cumulative fan
//! and annual totals from the year's own output.
//!
//! Each output (the totals, each ledger's effect, the cumulative total at the end of each period
//! but the last, which is the annual total) keeps its runs in one contiguous array, appended a
//! block at a time and never zero-filled first, so that each summary reads one slice: no
//! gathering, no per-run pushes. Within a block each loop runs over consecutive runs with the
//! block's scratch rows (about 330 KB) in the processor's cache; the additions of a run are made
//! in the same order as one run at a time would make them, and the draws do not depend on the
//! block size, as long as it is even (two runs share a 64-bit draw).

use super::items;
use super::normals::Ziggurat;
use super::phasing::{Phasing, MONTH_ROWS};
use crate::scenario::Scenario;

/// Runs drawn together.
const BLOCK: usize = 1024;
// even (see the module's docs), and a run's index in a block fits the u16 of `items::Runs`
const _: () = assert!(BLOCK % 2 == 0 && BLOCK <= 1 << 16);

/// The year's own output before the ledgers: YTD actual + a forecast path of the remaining months.
pub(super) struct OwnOutput<'a> {
    /// Whether the plan year has data (else the year is the base year, phased by `profile`).
    pub in_year: bool,
    /// The year's known total.
    pub ytd: f64,
    /// The year's known values by period.
    pub year_values: &'a [f64],
    /// `remaining` values per run, run after run.
    pub paths: &'a [f64],
    /// Periods left in the year.
    pub remaining: usize,
    /// The plan year's seasonal shape by period (used when not `in_year`).
    pub profile: &'a [f64],
}

/// Every run's outputs.
pub(super) struct RunArrays {
    /// Annual total.
    pub totals: Vec<f64>,
    /// The year's own output.
    pub bases: Vec<f64>,
    /// Each ledger's signed effect, ledger by ledger.
    pub ledger_effects: Vec<Vec<f64>>,
    /// Cumulative total at the end of each period but the last, period by period (at the end of
    /// the last it is the annual total, `totals`).
    pub cumulative: Vec<Vec<f64>>,
}

/// Draws `runs` runs of the scenario's items with `seed` on top of `own`, phased by `phasing`;
/// `progress` is told the number of runs drawn after each block.
pub(super) fn draw(
    scenario: &Scenario,
    runs: usize,
    seed: u64,
    phasing: Phasing,
    own: &OwnOutput,
    progress: &mut dyn FnMut(usize),
) -> RunArrays {
    let np = scenario.history.periods().len();
    let (items, groups) = items::prepare(scenario);
    let n_groups = groups.len();
    let mut item_streams = items::item_streams(seed, &items);
    let mut group_streams = items::group_streams(seed, &groups);
    let n_ledgers = scenario.ledgers.len();
    // Appended to a block at a time: never filled with zeros first (20 MB at 100 000 runs, about
    // 2.5 ms in WebAssembly).
    let column = || Vec::with_capacity(runs);
    let mut out = RunArrays {
        totals: column(),
        bases: column(),
        ledger_effects: (0..n_ledgers).map(|_| column()).collect(),
        cumulative: (0..np.saturating_sub(1)).map(|_| column()).collect(),
    };
    // Scratch rows for one block of runs.
    let mut group_z = vec![0.0f64; n_groups * BLOCK];
    let mut amounts = vec![0.0f64; BLOCK];
    let mut scratch = items::Scratch::new(BLOCK);
    let zig = Ziggurat::new();
    let mut starts = vec![0u8; BLOCK];
    let mut months = vec![0.0f64; MONTH_ROWS * BLOCK];
    let mut effects = vec![0.0f64; n_ledgers * BLOCK];
    let mut period_effects = vec![0.0f64; BLOCK];
    let (mut slope, mut level) = (vec![0.0f64; BLOCK], vec![0.0f64; BLOCK]);
    let (mut own_total, mut running) = (vec![0.0f64; BLOCK], vec![0.0f64; BLOCK]);

    for first in (0..runs).step_by(BLOCK) {
        let len = BLOCK.min(runs - first);
        for (z, r) in group_z.chunks_exact_mut(BLOCK).zip(&mut group_streams) {
            zig.fill(r, &mut z[..len]);
        }
        months.fill(0.0);
        effects.fill(0.0);
        for (item, streams) in items.iter().zip(&mut item_streams) {
            if item.fixed_start().is_some_and(|s| !phasing.counts(s)) {
                continue;
            }
            let group_z = item
                .group()
                .map_or(&[][..], |g| &group_z[g * BLOCK..g * BLOCK + len]);
            let runs = item.draw_amounts(streams, &zig, group_z, &mut amounts[..len], &mut scratch);
            let starts = item.draw_starts(streams, &mut starts[..len]);
            let effects = &mut effects[item.ledger * BLOCK..][..len];
            let amounts = &amounts[..len];
            phasing.add_block(
                starts,
                item.ramp,
                amounts,
                runs,
                effects,
                &mut months,
                BLOCK,
            );
        }

        // The year's own output in each run of the block, then the cumulative fan period by
        // period, and the totals ledger by ledger.
        let own_total = &mut own_total[..len];
        let remaining = own.remaining;
        for (b, total) in own_total.iter_mut().enumerate() {
            let run = first + b;
            let path = &own.paths[run * remaining..(run + 1) * remaining];
            *total = own.ytd + path.iter().sum::<f64>();
        }
        let known = np - remaining;
        running[..len].fill(0.0);
        slope[..len].fill(0.0);
        level[..len].fill(0.0);
        // the year's own value of period pi in run b: one of three cases, chosen outside the loop
        for (pi, column) in out.cumulative.iter_mut().enumerate() {
            let effects = &mut period_effects[..len];
            phasing.period_block(pi, &months, len, BLOCK, &mut slope, &mut level, effects);
            let effects = &*effects;
            let cells = running.iter_mut().zip(effects);
            let add = |value: f64, (run_total, effect): (&mut f64, &f64)| {
                *run_total += value + effect;
                *run_total
            };
            if !own.in_year {
                let share = own.profile[pi];
                column.extend(cells.zip(own_total.iter()).map(|(c, o)| add(o * share, c)));
            } else if pi < known {
                let value = own.year_values[pi];
                column.extend(cells.map(|c| add(value, c)));
            } else {
                let paths = own.paths[first * remaining..].chunks_exact(remaining);
                column.extend(cells.zip(paths).map(|(c, path)| add(path[pi - known], c)));
            }
        }
        let net = &mut running[..len];
        net.fill(0.0);
        for (column, block) in out
            .ledger_effects
            .iter_mut()
            .zip(effects.chunks_exact(BLOCK))
        {
            let block = &block[..len];
            for (n, e) in net.iter_mut().zip(block) {
                *n += e;
            }
            column.extend_from_slice(block);
        }
        out.bases.extend_from_slice(own_total);
        let totals = own_total.iter().zip(net.iter()).map(|(o, n)| o + n);
        out.totals.extend(totals);
        progress(first + len);
    }
    out
}
