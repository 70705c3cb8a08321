//! Ledger items as the Monte Carlo draws them: what is uncertain about each, prepared once so that
//! a block of runs draws only that.
//!
//! Each uncertain part of an item — its occurrence, its amount, its start month — has its own
//! generator: one xoshiro256++ stream per part, 2^128 draws apart (the generator's `jump`). So an
//! item's draws depend only on the seed, its ledger and its place in the ledger, not on the other
//! items nor on how the runs are blocked (in blocks of an even number of runs), and two scenarios
//! that differ in one item share the draws of all the others (common random numbers: their
//! difference is not blurred by fresh noise; test
//! `changing_one_item_leaves_the_other_items_draws_alone`). Certain parts draw nothing.
//!
//! The runs are drawn a block at a time, one item after another (the caller's loop), each part in
//! a loop of its own over the block. An item on its own draws its amount by inversion: a 32-bit
//! uniform through a table of its quantiles ([`super::inversion`]), within a budget of table
//! values. If it may not happen, it first lists the runs where it happens, then draws amounts
//! for those runs only: the j-th run where it happens takes the j-th uniform of its amount
//! stream, and the runs where it does not cost no amount, nor a place in the phasing, which
//! takes the list ([`Runs::Where`]). An item in a shared shock draws every run's amount from its
//! correlated normal (ziggurat), then its occurrence as a mask that sets the amount to 0 where it
//! does not happen; a lognormal range turns its normals into amounts by its own exponential
//! table ([`crate::math::LogNormalExp`]) when it has one (σ up to 2 ln 2, within the budget),
//! otherwise through its distribution. Then, for a window, the start month. The loops are
//! straight, with no branch on a random outcome, so consecutive runs overlap in the processor
//! (the figures are in the README, "Monte Carlo speed").
//!
//! An item in a shared shock group g with correlation ρ takes z = √ρ·z_g + √(1−ρ)·z_own for both its
//! occurrence (it happens when Φ(z) < p) and its amount (the amount's quantile at Φ(z)), with its
//! own z_own for each: the one-factor Gaussian copula.

use rand::Rng as _;

use super::inversion::{self, Inversion};
use super::normals::Ziggurat;
use super::stream::HalfWordStream;
use crate::dist::{normal_cdf, AmountDist, StartWindow};
use crate::forecast::stats::{normal_quantile, rng, Rng};
use crate::math::LogNormalExp;
use crate::scenario::{Direction, Scenario};

/// Half-width of the band around Φ⁻¹(p) inside which the occurrence of a shocked item is decided by
/// Φ(z) < p itself rather than by comparing z with the threshold (AS 241, accurate to about 1e-16):
/// so the decision is exactly Φ(z) < p, as if Φ were evaluated for every draw.
const THRESHOLD_BAND: f64 = 1e-6;

/// How an item's occurrence is drawn.
#[derive(Debug, Clone, Copy)]
enum Occurrence {
    /// Probability 1: no draw.
    Certain,
    /// On its own: happens when a 32-bit uniform is below p (see [`occurring_runs`]).
    Uniform(f64),
    /// In a shared shock: happens when Φ(z) < p, i.e. z below Φ⁻¹(p).
    Threshold { p: f64, z: f64 },
}

/// How an item's amount is drawn.
#[derive(Debug, Clone)]
enum Amount {
    /// Known: no draw.
    Known,
    /// On its own: a uniform through the item's quantiles.
    Inversion(Inversion),
    /// In a shared shock: from its correlated normal, by the lognormal range's own exponential
    /// table when it has one, else through its distribution.
    FromNormal(Option<LogNormalExp>),
}

/// One item, ready to draw.
#[derive(Debug, Clone)]
pub(super) struct SimItem {
    /// Index of its ledger.
    pub ledger: usize,
    /// +1 for an increase ledger, −1 for a decrease.
    sign: f64,
    dist: AmountDist,
    amount: Amount,
    occurrence: Occurrence,
    window: StartWindow,
    /// Ramp months.
    pub ramp: u8,
    /// (group, √ρ, √(1−ρ)).
    shock: Option<(usize, f64, f64)>,
}

/// An item's generators, one per uncertain part.
#[derive(Debug, Clone)]
pub(super) struct ItemStreams {
    occurrence: Rng,
    amount: HalfWordStream,
    start: Rng,
}

/// The runs of a block whose amounts [`SimItem::draw_amounts`] gave.
#[derive(Debug, Clone, Copy)]
pub(super) enum Runs<'a> {
    /// Every run, in order (0 where the item did not happen).
    All,
    /// Only the runs listed (ascending indices in the block), those where the item happened.
    Where(&'a [u16]),
}

/// Scratch rows for [`SimItem::draw_amounts`], one entry per run of a block.
#[derive(Debug, Clone)]
pub(super) struct Scratch {
    masks: Vec<u64>,
    normals: Vec<f64>,
    uniforms: Vec<u32>,
    exact: Vec<u16>,
    runs: Vec<u16>,
}

impl Scratch {
    /// Rows for `block` runs (at most 65 536, so that a run's index fits a `u16`).
    pub(super) fn new(block: usize) -> Scratch {
        debug_assert!(block <= 1 << 16);
        Scratch {
            masks: vec![0; block],
            normals: vec![0.0; block],
            uniforms: vec![0; block],
            exact: vec![0; block],
            runs: vec![0; block],
        }
    }
}

/// The start months of a block of runs.
#[derive(Debug, Clone, Copy)]
pub(super) enum Starts<'a> {
    /// The same month in every run.
    Fixed(u8),
    /// Drawn, one per run.
    Drawn(&'a [u8]),
}

/// The generator at `stream`, moving `stream` on by 2^128 draws (xoshiro256++'s `jump`).
fn take(stream: &mut Rng) -> Rng {
    let this = stream.clone();
    stream.jump();
    this
}

/// Each item's generators, in scenario order. The ledgers' starting points are 2^192 draws apart
/// (`long_jump`) and a ledger's items take consecutive streams from its own, so those of the i-th
/// item of the l-th ledger depend on the seed, l and i only: adding an item at the end of a ledger
/// leaves every other item's draws alone.
pub(super) fn item_streams(seed: u64, items: &[SimItem]) -> Vec<ItemStreams> {
    let mut ledger_start = rng(seed ^ 0x9E37_79B9_7F4A_7C15);
    let (mut ledger, mut next) = (0, ledger_start.clone());
    let mut out = Vec::with_capacity(items.len());
    // `prepare` lists the items ledger by ledger
    for item in items {
        while ledger < item.ledger {
            ledger_start.long_jump();
            ledger += 1;
            next = ledger_start.clone();
        }
        out.push(ItemStreams {
            occurrence: take(&mut next),
            amount: HalfWordStream::new(take(&mut next)),
            start: take(&mut next),
        });
    }
    out
}

/// One generator per shock group, for the group's common normal z_g, in the order of `groups`
/// (their names). Each is seeded from the seed and its group's name (FNV-1a), so that a group's
/// draws do not depend on the other groups nor on where the group first appears.
pub(super) fn group_streams(seed: u64, groups: &[&str]) -> Vec<Rng> {
    groups
        .iter()
        .map(|name| rng(seed ^ 0xD1B5_4A32_D192_ED03 ^ fnv1a(name)))
        .collect()
}

/// The 64-bit FNV-1a hash of a name's UTF-8 bytes (Fowler, Noll and Vo; the published offset basis
/// and prime).
fn fnv1a(name: &str) -> u64 {
    name.bytes().fold(0xCBF2_9CE4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01B3)
    })
}

/// All ones when `keep`, else zeros.
#[inline]
fn mask(keep: bool) -> u64 {
    0u64.wrapping_sub(u64::from(keep))
}

/// The sign bit of an f64.
const SIGN_BIT: u64 = 1 << 63;

/// Gives each amount the item's sign (`sign_bits` is 0 or [`SIGN_BIT`]) and sets it to 0 where its
/// [`mask`] is zeros, both on its bits.
///
/// Occurrence is drawn in two loops, masks first, then this, rather than
/// `if happens { x } else { 0.0 }` in one: written in one loop, the compiler emits a WebAssembly
/// `select` on floats, which V8 compiles to a branch that is mispredicted whenever the outcome is
/// random (about 3 ns a run in node 20); a mask read from memory stays an integer `and`.
fn sign_and_keep(amounts: &mut [f64], sign_bits: u64, masks: &[u64]) {
    for (x, m) in amounts.iter_mut().zip(masks) {
        *x = f64::from_bits((x.to_bits() ^ sign_bits) & m);
    }
}

/// The runs, of `runs.len()`, in which an item on its own with probability `p` < 1 happens, into
/// the start of `runs`, and their number: it happens when a 32-bit uniform v (two from each 64-bit
/// draw, low half first) is below ⌈p·2³²⌉, i.e. with probability p to within 2.4e-10. Straight
/// code: every run's index is written at the next place, which only moves on when it happens.
fn occurring_runs(r: &mut Rng, p: f64, runs: &mut [u16]) -> usize {
    // p·2³² is exact (a power of two); its ceiling is at most 2³², compared in 64 bits
    let threshold = libm::ceil(p * 4_294_967_296.0) as u64;
    let len = runs.len();
    let mut happened = 0;
    let mut decide = |b: usize, v: u64| {
        // happened ≤ b < len
        runs[happened] = b as u16;
        happened += usize::from(v < threshold);
    };
    for pair in 0..len / 2 {
        let bits = r.next_u64();
        decide(2 * pair, bits & 0xFFFF_FFFF);
        decide(2 * pair + 1, bits >> 32);
    }
    if len % 2 == 1 {
        decide(len - 1, r.next_u64() & 0xFFFF_FFFF);
    }
    happened
}

/// The values the items' tables may hold together (8 MB): an item on its own takes 4 097 (its
/// quantiles, [`inversion`]), so 255 of them fit; a lognormal range in a shock 1 793 for a 3-fold
/// spread (its exponential table). Items past it, in scenario order, compute what they need per
/// draw (the same amounts; within a few ulp for an item in a shock), so that no scenario can make
/// the tables exhaust the page's memory.
const TABLE_BUDGET: usize = 1 << 20;

/// The scenario's items in ledger order, and the names of the shock groups (group g at g).
pub(super) fn prepare(scenario: &Scenario) -> (Vec<SimItem>, Vec<&str>) {
    let mut groups: Vec<&str> = Vec::new();
    let mut items = Vec::new();
    let mut table_budget = TABLE_BUDGET;
    for (li, ledger) in scenario.ledgers.iter().enumerate() {
        for it in &ledger.items {
            let shock = it.shock.as_ref().map(|(name, rho)| {
                let g = match groups.iter().position(|n| n == name) {
                    Some(g) => g,
                    None => {
                        groups.push(name);
                        groups.len() - 1
                    }
                };
                (g, libm::sqrt(*rho), libm::sqrt(1.0 - rho))
            });
            let p = it.probability.value();
            let occurrence = match (p < 1.0, shock.is_some()) {
                (false, _) => Occurrence::Certain,
                (true, false) => Occurrence::Uniform(p),
                (true, true) => Occurrence::Threshold {
                    p,
                    z: normal_quantile(p),
                },
            };
            let sign = if ledger.direction == Direction::Increase {
                1.0
            } else {
                -1.0
            };
            items.push(SimItem {
                ledger: li,
                sign,
                dist: it.dist.clone(),
                amount: if it.dist.is_point() {
                    Amount::Known
                } else if shock.is_none() {
                    let with_table = table_budget >= inversion::ENTRIES;
                    if with_table {
                        table_budget -= inversion::ENTRIES;
                    }
                    Amount::Inversion(Inversion::new(&it.dist, sign, with_table))
                } else {
                    Amount::FromNormal(it.dist.lognormal().and_then(|(mu, sigma)| {
                        let table = LogNormalExp::new(mu, sigma, table_budget)?;
                        table_budget -= table.entries();
                        Some(table)
                    }))
                },
                occurrence,
                window: it.window,
                ramp: it.ramp_months,
                shock,
            });
        }
    }
    (items, groups)
}

impl SimItem {
    /// The item's amounts for the standard normal draws `z`, into `out` (`z` is left holding
    /// scratch): a lognormal range by its exponential table, when it has one, else by its
    /// distribution.
    fn amounts_from_normals(&self, z: &mut [f64], out: &mut [f64]) {
        match &self.amount {
            Amount::FromNormal(Some(table)) => table.fill(&z[..out.len()], out),
            _ => self.dist.fill_from_normals(z, out),
        }
    }

    /// The item's shock group, if any.
    pub(super) fn group(&self) -> Option<usize> {
        self.shock.map(|(g, _, _)| g)
    }

    /// Whether the start month is drawn.
    fn has_window(&self) -> bool {
        self.window.first() != self.window.last()
    }

    /// The fixed start month, if the item has one.
    pub(super) fn fixed_start(&self) -> Option<u8> {
        (!self.has_window()).then(|| self.window.first())
    }

    /// Draws the item for a block of runs: its signed amounts into `amounts`, given the block's
    /// normals `group_z` of its shock group (empty without one). An item on its own that may not
    /// happen gets amounts only for the runs where it happens, at the start of `amounts`, and
    /// returns those runs ([`Runs::Where`], in `scratch`): the others' amounts are not drawn. Any
    /// other item has an amount in every run, 0 where it does not happen ([`Runs::All`]).
    /// `scratch` holds at least `amounts.len()` runs.
    pub(super) fn draw_amounts<'a>(
        &self,
        s: &mut ItemStreams,
        zig: &Ziggurat,
        group_z: &[f64],
        amounts: &mut [f64],
        scratch: &'a mut Scratch,
    ) -> Runs<'a> {
        debug_assert!(self.shock.is_none() || group_z.len() == amounts.len());
        let len = amounts.len();
        let Scratch {
            masks,
            normals,
            uniforms,
            exact,
            runs,
        } = scratch;
        let sign_bits = if self.sign < 0.0 { SIGN_BIT } else { 0 };
        let negate = |amounts: &mut [f64]| {
            if sign_bits != 0 {
                amounts.iter_mut().for_each(|x| *x = -*x);
            }
        };
        let Some((_, a, b)) = self.shock else {
            // on its own: the runs where it happens (all when certain), then their amounts
            let (amounts, runs) = match self.occurrence {
                Occurrence::Uniform(p) => {
                    let runs = &mut runs[..len];
                    let happened = occurring_runs(&mut s.occurrence, p, runs);
                    (&mut amounts[..happened], Runs::Where(&runs[..happened]))
                }
                Occurrence::Certain | Occurrence::Threshold { .. } => (amounts, Runs::All),
            };
            match &self.amount {
                Amount::Known => amounts.fill(self.sign * self.dist.sample_from_normal(0.0)),
                // signed by its table
                Amount::Inversion(inversion) => {
                    let uniforms = &mut uniforms[..amounts.len()];
                    s.amount.uniforms(uniforms);
                    inversion.fill(uniforms, amounts, exact);
                }
                Amount::FromNormal(_) => {
                    let normals = &mut normals[..amounts.len()];
                    s.amount.normals(zig, normals);
                    self.amounts_from_normals(normals, amounts);
                    negate(amounts);
                }
            }
            return runs;
        };
        // in a shared shock: z = a·z_g + b·z_own for the amount, and another for the occurrence
        let (masks, normals) = (&mut masks[..len], &mut normals[..len]);
        // a point draws nothing
        if !self.dist.is_point() {
            s.amount.normals(zig, normals);
        }
        for (e, c) in normals.iter_mut().zip(group_z) {
            *e = a * c + b * *e;
        }
        self.amounts_from_normals(normals, amounts);
        let Occurrence::Threshold { p, z: threshold } = self.occurrence else {
            negate(amounts);
            return Runs::All;
        };
        zig.fill(&mut s.occurrence, normals);
        let runs = masks.iter_mut().zip(group_z).zip(normals.iter());
        runs.for_each(|((m, zg), e)| {
            let z = a * zg + b * e;
            let happens = if (z - threshold).abs() > THRESHOLD_BAND {
                z < threshold
            } else {
                normal_cdf(z) < p
            };
            *m = mask(happens);
        });
        sign_and_keep(amounts, sign_bits, masks);
        Runs::All
    }

    /// The item's start months for a block of runs, drawn into `buffer` when it has a window.
    pub(super) fn draw_starts<'a>(&self, s: &mut ItemStreams, buffer: &'a mut [u8]) -> Starts<'a> {
        if !self.has_window() {
            return Starts::Fixed(self.window.first());
        }
        // two runs from each 64-bit draw, low half first (as `occurring_runs`)
        let mut pairs = buffer.chunks_exact_mut(2);
        for pair in &mut pairs {
            let bits = s.start.next_u64();
            pair[0] = self.window.start_month(bits as u32);
            pair[1] = self.window.start_month((bits >> 32) as u32);
        }
        if let [last] = pairs.into_remainder() {
            *last = self.window.start_month(s.start.next_u64() as u32);
        }
        Starts::Drawn(buffer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_threshold_decides_as_the_cdf_would() {
        // Comparing z with Φ⁻¹(p) outside the band gives the same answer as Φ(z) < p.
        for &p in &[1e-9, 0.01, 0.3, 0.5, 0.77, 0.99, 1.0 - 1e-12] {
            let q = normal_quantile(p);
            for k in -400..=400 {
                let z = q + f64::from(k) * 0.01;
                if (z - q).abs() > THRESHOLD_BAND {
                    assert_eq!(z < q, normal_cdf(z) < p, "p {p} z {z}");
                }
            }
        }
    }

    /// The seed with its first ledger's items replaced by 300 items with a 1-to-80 range, in a
    /// shared shock or not, prepared.
    fn three_hundred_items(shock: bool) -> Vec<SimItem> {
        let mut doc: serde_json::Value =
            serde_json::from_str(crate::examples::QIANTANG_2023).unwrap();
        let mut item = serde_json::json!({
            "name": "x", "amount": 10.0, "startMonth": 1, "rampMonths": 0,
            "amountDist": { "type": "range90", "low": 1.0, "high": 80.0 }
        });
        if shock {
            item["shock"] = serde_json::json!({ "group": "g", "correlation": 0.5 });
        }
        let items: Vec<serde_json::Value> = (0..300)
            .map(|i| {
                let mut it = item.clone();
                it["name"] = format!("x{i}").into();
                it
            })
            .collect();
        doc["ledgers"][0]["items"] = items.into();
        let scenario = crate::Scenario::from_json(&doc.to_string()).unwrap();
        // the first ledger's 300 items come first; the seed's other items, after them, may use
        // what is left
        prepare(&scenario).0
    }

    #[test]
    fn the_quantile_tables_stay_within_their_budget() {
        // items on their own: 4 097 values each; past the budget the same amounts without a table
        let items = three_hundred_items(false);
        let inversions: Vec<&Inversion> = items
            .iter()
            .filter_map(|i| match &i.amount {
                Amount::Inversion(inversion) => Some(inversion),
                _ => None,
            })
            .collect();
        let with_table = inversions.iter().filter(|i| i.has_table()).count();
        assert_eq!(with_table, TABLE_BUDGET / inversion::ENTRIES);
        assert!(inversions[..with_table].iter().all(|i| i.has_table()));
        assert!(!inversions[299].has_table());
        let v: Vec<u32> = (0..4_000u32).map(|k| k.wrapping_mul(0x9E37_79B9)).collect();
        let (mut a, mut b, mut exact) = (vec![0.0; v.len()], vec![0.0; v.len()], vec![0; v.len()]);
        inversions[0].fill(&v, &mut a, &mut exact);
        inversions[299].fill(&v, &mut b, &mut exact);
        assert_eq!(a, b);
    }

    #[test]
    fn the_exponential_tables_stay_within_their_budget() {
        // lognormal items in a shock (σ 1.33, K 512, 7 169 values each): the first ones that fit
        // the budget have tables, the others draw through their distribution, to a few ulp of
        // the same amounts
        let items = three_hundred_items(true);
        let tables: Vec<Option<&LogNormalExp>> = items[..300]
            .iter()
            .map(|i| match &i.amount {
                Amount::FromNormal(table) => table.as_ref(),
                _ => None,
            })
            .collect();
        let with_table = tables.iter().filter(|t| t.is_some()).count();
        assert_eq!(with_table, TABLE_BUDGET / 7169);
        assert!(tables[..with_table].iter().all(|t| t.is_some()));
        let entries: usize = tables.iter().flatten().map(|t| t.entries()).sum();
        assert!(entries <= TABLE_BUDGET);
        let z: Vec<f64> = (-60..=60).map(|i| f64::from(i) * 0.1 + 1e-3).collect();
        let (mut a, mut b) = (vec![0.0; z.len()], vec![0.0; z.len()]);
        items[0].amounts_from_normals(&mut z.clone(), &mut a);
        items[299].amounts_from_normals(&mut z.clone(), &mut b);
        for ((x, y), z) in a.iter().zip(&b).zip(&z) {
            assert!((x / y - 1.0f64).abs() < 1e-14, "z {z}: {x} against {y}");
        }
    }

    #[test]
    fn the_occurring_runs_are_those_whose_uniform_is_below_p() {
        // the list against the uniforms drawn by hand from a copy of the stream: low half first,
        // a whole draw for an odd last run, and p at and near the ends
        for p in [0.0, 1e-12, 0.3, 0.5, 0.8, 1.0 - 1e-12] {
            for len in [0, 1, 2, 5, 1024] {
                let mut r = rng(12);
                let mut copy = r.clone();
                let mut runs = vec![u16::MAX; len];
                let happened = occurring_runs(&mut r, p, &mut runs);
                let threshold = (p * 4_294_967_296.0).ceil() as u64;
                let mut uniforms = Vec::new();
                while uniforms.len() < len {
                    let bits = copy.next_u64();
                    uniforms.extend([bits & 0xFFFF_FFFF, bits >> 32]);
                }
                let want: Vec<u16> = (0..len)
                    .filter(|&b| uniforms[b] < threshold)
                    .map(|b| b as u16)
                    .collect();
                assert_eq!(runs[..happened], want[..], "p {p} len {len}");
                assert_eq!(r, copy, "p {p} len {len}: the same draws taken");
            }
        }
    }

    #[test]
    fn fnv1a_matches_the_published_vectors() {
        // test vectors of the FNV reference (draft-eastlake-fnv): "", "a", "foobar"
        assert_eq!(fnv1a(""), 0xCBF2_9CE4_8422_2325);
        assert_eq!(fnv1a("a"), 0xAF63_DC4C_8601_EC8C);
        assert_eq!(fnv1a("foobar"), 0x8594_4171_F739_67E8);
    }

    #[test]
    fn a_groups_stream_depends_on_its_name_only() {
        let alone = group_streams(4, &["存量企业"]);
        let after_another = group_streams(4, &["新组", "存量企业"]);
        assert_eq!(alone[0], after_another[1]);
        assert_ne!(after_another[0], after_another[1]);
        assert_ne!(group_streams(5, &["存量企业"])[0], alone[0]);
    }

    #[test]
    fn a_certain_point_item_draws_nothing() {
        let scenario = crate::Scenario::from_json(crate::examples::QIANTANG_2023_Q1).unwrap();
        let (items, _) = prepare(&scenario);
        let mut streams = item_streams(3, &items);
        let certain: Vec<(&SimItem, &mut ItemStreams)> = items
            .iter()
            .zip(streams.iter_mut())
            .filter(|(i, _)| i.dist.is_point() && matches!(i.occurrence, Occurrence::Certain))
            .filter(|(i, _)| !i.has_window())
            .collect();
        assert!(!certain.is_empty());
        for (item, s) in certain {
            let before = s.clone();
            let mut amounts = [f64::NAN; 5];
            let zig = Ziggurat::new();
            let mut scratch = Scratch::new(5);
            let runs = item.draw_amounts(s, &zig, &[], &mut amounts, &mut scratch);
            assert!(matches!(runs, Runs::All));
            assert!(amounts
                .iter()
                .all(|&a| a == item.dist.sample_from_normal(0.0) * item.sign));
            assert!(matches!(item.draw_starts(s, &mut [0; 5]), Starts::Fixed(_)));
            assert_eq!(s.amount, before.amount, "no draw was taken");
            assert_eq!(s.occurrence, before.occurrence);
            assert_eq!(s.start, before.start);
        }
    }

    #[test]
    fn an_items_draws_do_not_depend_on_the_block_size() {
        // 10 runs in one block, or in blocks of 4, 4 and 2 (even: two runs share a 64-bit draw for their
        // occurrence): the same amounts and start months
        let scenario = crate::Scenario::from_json(crate::examples::QIANTANG_2023).unwrap();
        let (items, groups) = prepare(&scenario);
        let zig = Ziggurat::new();
        let draw = |blocks: &[usize]| {
            let mut streams = item_streams(11, &items);
            let mut group = group_streams(11, &groups);
            let mut out = Vec::new();
            for &len in blocks {
                let gz: Vec<Vec<f64>> = group
                    .iter_mut()
                    .map(|r| {
                        let mut z = vec![0.0; len];
                        zig.fill(r, &mut z);
                        z
                    })
                    .collect();
                for (item, s) in items.iter().zip(streams.iter_mut()) {
                    let mut amounts = vec![0.0; len];
                    let gz = item.group().map_or(&[][..], |g| &gz[g][..]);
                    let mut scratch = Scratch::new(len);
                    // every run's amount, 0 where the item does not happen
                    if let Runs::Where(runs) =
                        item.draw_amounts(s, &zig, gz, &mut amounts, &mut scratch)
                    {
                        let mut every = vec![0.0; len];
                        for (&amount, &b) in amounts.iter().zip(runs) {
                            every[usize::from(b)] = amount;
                        }
                        amounts = every;
                    }
                    let mut buffer = vec![0; len];
                    let starts = match item.draw_starts(s, &mut buffer) {
                        Starts::Fixed(m) => vec![m; len],
                        Starts::Drawn(m) => m.to_vec(),
                    };
                    out.push((amounts, starts));
                }
            }
            out
        };
        let whole = draw(&[10]);
        let parts = draw(&[4, 4, 2]);
        let n = items.len();
        for i in 0..n {
            let (mut amounts, mut starts) = (Vec::new(), Vec::new());
            for block in parts.chunks_exact(n) {
                amounts.extend_from_slice(&block[i].0);
                starts.extend_from_slice(&block[i].1);
            }
            assert_eq!(whole[i], (amounts, starts), "item {i}");
        }
        assert!(
            whole.iter().any(|(a, _)| a.contains(&0.0)),
            "some item fails in some run"
        );
    }
}
