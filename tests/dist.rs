//! Item distributions against independent references: scipy 1.17.1 (`scipy.stats`, whose Beta
//! functions are Boost's `ibeta`/`ibeta_inv`) and mpmath 1.4.1 at 40 digits, values pasted from the
//! snippet below; and one checksum of draws that must be the same natively and in WebAssembly.
//!
//! ```python
//! # python 3.11, pip install scipy mpmath (venv /tmp/venv-dist)
//! import mpmath as mp, numpy as np
//! from scipy import stats, special
//! mp.mp.dps = 40
//! Z90 = float(mp.sqrt(2) * mp.erfinv(mp.mpf(9) / 10))           # 1.6448536269514726
//! r = lambda x: repr(float(x))
//! for z in [-37.0, -20.0, -8.0, -5.0, -1.959963984540054, -1.0, 0.5, Z90, 3.0, 8.0]:
//!     print(z, mp.nstr(mp.ncdf(mp.mpf(z)), 20))                  # NORMAL_CDF
//! ab = [(1, 1), (1, 5), (5, 1), (1.8, 4.2), (3, 3), (4.2, 1.8), (2.5, 3.5), (1.2, 4.8)]
//! P = [1e-12, 1e-6, 0.01, 0.1, 0.5, 0.9, 0.99, 1 - 1e-6]
//! X = [1e-6, 0.01, 0.2, 0.5, 0.8, 0.99, 1 - 1e-6]
//! U = [0.001, 0.05, 0.1, 0.5, 0.9, 0.95, 0.999]
//! for a, b in ab:
//!     print([r(stats.beta.ppf(p, a, b)) for p in P])              # BETA_QUANTILE
//!     print([r(special.betainc(a, b, x)) for x in X])             # BETA_CDF
//! mu, sig = (np.log(40) + np.log(65)) / 2, (np.log(65) - np.log(40)) / (2 * Z90)
//! ln = stats.lognorm(s=sig, scale=np.exp(mu))                     # range90 40..65
//! nm = stats.norm(5, 10 / (2 * Z90))                              # range90 0..10, then max(0, ·)
//! m, s = mp.mpf(5), mp.mpf(10) / (2 * mp.sqrt(2) * mp.erfinv(mp.mpf(9) / 10))
//! e1 = mp.quad(lambda x: x * mp.npdf(x, m, s), [0, m, mp.inf])    # censored mean
//! e2 = mp.quad(lambda x: x * x * mp.npdf(x, m, s), [0, m, mp.inf])
//! tr = stats.triang(c=0.2, loc=10, scale=20)                      # triangular 10, 14, 30
//! pe = stats.beta(1.8, 4.2, loc=10, scale=20)                     # pert 10, 14, 30: α = 1.8, β = 4.2
//! un = stats.uniform(loc=2, scale=4)                              # uniform 2..6
//! print([r(d.ppf(u)) for u in U], [r(x) for x in d.stats("mv")]) # for each d
//! ```

// References keep every digit their source printed.
#![allow(clippy::excessive_precision)]

use gapcast::dist::{beta_cdf, beta_quantile, normal_cdf, AmountDist, AmountSpec, Z90};
use gapcast::error::Place;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

fn dist(json: &str) -> AmountDist {
    let spec: AmountSpec = serde_json::from_str(json).unwrap();
    let mut problems = Vec::new();
    let d = spec.check(Place::Field, &mut problems).unwrap();
    assert!(problems.is_empty());
    d
}

fn assert_rel(actual: f64, expected: f64, tol: f64, what: &str) {
    let err = if expected == 0.0 {
        actual.abs()
    } else {
        ((actual - expected) / expected).abs()
    };
    assert!(
        err <= tol,
        "{what}: {actual:e} vs {expected:e} (relative error {err:e} > {tol:e})"
    );
}

const U: [f64; 7] = [0.001, 0.05, 0.1, 0.5, 0.9, 0.95, 0.999];

#[test]
fn z90_is_the_95_percent_normal_quantile() {
    // mpmath: √2·erfinv(0.9) = 1.6448536269514727148…, rounded to a double
    assert_eq!(Z90, 1.6448536269514726);
    // AS 241 (about 1e-15) at the double nearest 0.95, which is below 0.95 by 4.4e-17
    assert!((gapcast::forecast::stats::normal_quantile(0.95) - Z90).abs() < 2e-15);
}

#[test]
fn normal_cdf_matches_mpmath() {
    // mpmath ncdf, 40 digits (20 shown)
    let cases = [
        (-37.0, 5.7255712225245768227e-300),
        (-20.0, 2.7536241186062336951e-89),
        (-8.0, 6.2209605742717841235e-16),
        (-5.0, 2.8665157187919391167e-7),
        (-1.959963984540054, 0.025000000000000010876),
        (-1.0, 0.15865525393145705141),
        (0.5, 0.69146246127401310364),
        (1.6448536269514726, 0.94999999999999999187),
        (3.0, 0.99865010196836990547),
        (8.0, 0.9999999999999993779),
    ];
    for (z, p) in cases {
        // the rounding of z/√2 costs a relative error of about z²·2⁻⁵³ in the lower tail (see
        // `normal_cdf`); allow 2 (1 + z²) ulps
        let tol = 2.0 * (1.0 + z * z) * f64::EPSILON;
        assert_rel(normal_cdf(z), p, tol, &format!("Φ({z})"));
    }
}

const AB: [(f64, f64); 8] = [
    (1.0, 1.0),
    (1.0, 5.0),
    (5.0, 1.0),
    (1.8, 4.2),
    (3.0, 3.0),
    (4.2, 1.8),
    (2.5, 3.5),
    (1.2, 4.8),
];

#[test]
fn beta_quantile_matches_scipy() {
    let p = [1e-12, 1e-6, 0.01, 0.1, 0.5, 0.9, 0.99, 1.0 - 1e-6];
    // scipy.stats.beta.ppf(p, a, b), one row per (a, b) of AB
    let expected: [[f64; 8]; 8] = [
        [1e-12, 1e-06, 0.01, 0.1, 0.5, 0.9, 0.99, 0.999999],
        [
            2.0000000000008e-13,
            2.0000008000004803e-07,
            0.0020080483385741996,
            0.020851637639023212,
            0.12944943670387585,
            0.36904265551980675,
            0.6018928294465027,
            0.9369042655516178,
        ],
        [
            0.003981071705534972,
            0.06309573444801932,
            0.39810717055349726,
            0.6309573444801932,
            0.8705505632961241,
            0.9791483623609768,
            0.9979919516614258,
            0.99999979999992,
        ],
        [
            6.268514882381161e-08,
            0.00013507189926888286,
            0.02313452619226471,
            0.08990213045924167,
            0.2766722593925189,
            0.545334050433582,
            0.7485593286296348,
            0.9730177349343748,
        ],
        [
            4.6416965608476333e-05,
            0.004652416361586582,
            0.10563984355077434,
            0.2466364532884666,
            0.5,
            0.7533635467115334,
            0.8943601564492256,
            0.9953475836383687,
        ],
        [
            0.0010017308148422758,
            0.0269822650654397,
            0.25144067137036524,
            0.45466594956641815,
            0.7233277406074812,
            0.9100978695407583,
            0.9768654738077353,
            0.9998649281007289,
        ],
        [
            6.103660395957405e-06,
            0.0015348460460181976,
            0.06394796069062222,
            0.17497634435653012,
            0.40684494089319373,
            0.6731526027354175,
            0.8419942223937258,
            0.989209902698626,
        ],
        [
            2.214221614787701e-11,
            2.2142300831866063e-06,
            0.004810210102880415,
            0.03450090478595326,
            0.16590270191018022,
            0.4172374617908654,
            0.6440245891369805,
            0.948414888749849,
        ],
    ];
    for ((a, b), row) in AB.iter().zip(expected) {
        for (p, x) in p.iter().zip(row) {
            assert_rel(
                beta_quantile(*p, *a, *b),
                x,
                3e-15,
                &format!("I⁻¹({p}; {a}, {b})"),
            );
        }
    }
}

#[test]
fn beta_cdf_matches_scipy() {
    let x = [1e-6, 0.01, 0.2, 0.5, 0.8, 0.99, 1.0 - 1e-6];
    // scipy.special.betainc(a, b, x), one row per (a, b) of AB
    let expected: [[f64; 7]; 8] = [
        [1e-06, 0.01, 0.2, 0.5, 0.8, 0.99, 0.999999],
        [
            4.99999000001e-06,
            0.049009950100000005,
            0.67232,
            0.96875,
            0.99968,
            0.9999999999,
            1.0,
        ],
        [
            9.999999999999997e-31,
            1.0000000000000002e-10,
            0.0003200000000000001,
            0.03125,
            0.3276800000000001,
            0.9509900498999999,
            0.9999950000099999,
        ],
        [
            1.462523227859969e-10,
            0.0022706496407738468,
            0.33158186178551863,
            0.8579299774303809,
            0.9960171806952779,
            0.9999999843573911,
            1.0,
        ],
        [
            9.999985000005997e-18,
            9.850600000000002e-06,
            0.05792000000000001,
            0.5,
            0.94208,
            0.9999901494,
            1.0,
        ],
        [
            2.4953220242075006e-25,
            1.5642608908044215e-08,
            0.0039828193047222685,
            0.14207002256961898,
            0.6684181382144816,
            0.997729350359226,
            0.9999999998537477,
        ],
        [
            1.0864958046672592e-14,
            0.00010672090217497822,
            0.1328173097780492,
            0.6697652726313549,
            0.9784400592936358,
            0.9999992329657841,
            1.0,
        ],
        [
            3.8524214889757936e-07,
            0.02380819217045046,
            0.5825401529118938,
            0.9508136622797877,
            0.9993500780428702,
            0.9999999996172169,
            1.0,
        ],
    ];
    for ((a, b), row) in AB.iter().zip(expected) {
        for (x, p) in x.iter().zip(row) {
            // x^a (1 − x)^b is computed as exp(a ln x + b ln(1 − x)), whose argument (up to −69
            // here) carries an error of |argument|·2⁻⁵³: up to 1.6e-14 relative
            assert_rel(beta_cdf(*x, *a, *b), p, 2e-14, &format!("I_{x}({a}, {b})"));
        }
    }
}

/// Quantiles at `U`, mean and variance of a spec against scipy.
fn assert_dist(json: &str, quantiles: [f64; 7], mean: f64, variance: f64, tol: f64) {
    let d = dist(json);
    for (u, q) in U.iter().zip(quantiles) {
        assert_rel(d.quantile(*u), q, tol, &format!("{json} quantile({u})"));
    }
    assert_rel(d.mean(), mean, tol, &format!("{json} mean"));
    assert_rel(d.variance(), variance, tol, &format!("{json} variance"));
    // the tabulated PERT is within (max − min)/1024 of the exact quantile (see `tabulated`)
    let t = d.clone().tabulated();
    let (lo, hi) = d.support();
    for (u, q) in U.iter().zip(quantiles) {
        let width = if hi.is_finite() { hi - lo } else { 0.0 };
        assert!((t.quantile(*u) - q).abs() <= 1e-12 * q.abs() + width / 1024.0);
    }
}

#[test]
fn quantiles_means_and_variances_match_scipy() {
    // lognorm(s = σ, scale = e^μ)
    assert_dist(
        r#"{"type":"range90","low":40,"high":65}"#,
        [
            32.31607667631162,
            40.0,
            42.203239691790344,
            50.99019513592785,
            61.6066448686822,
            64.99999999999999,
            80.45531102189321,
        ],
        51.54853882748087,
        58.5125379134461,
        1e-13,
    );
    // norm(5, 10/(2·Z90)) clipped at 0; mean and variance of max(0, X) by mpmath quadrature
    assert_dist(
        r#"{"type":"range90","low":0,"high":10}"#,
        [
            0.0,
            0.0,
            1.104359851399685,
            5.0,
            8.895640148600314,
            9.999999999999998,
            14.393639213645917,
        ],
        5.0635100858990113034,
        8.4566893893636720802,
        1e-13,
    );
    assert_dist(
        r#"{"type":"triangular","min":10,"mode":14,"max":30}"#,
        [
            10.282842712474618,
            12.0,
            12.828427124746192,
            17.35088935932648,
            24.34314575050762,
            26.0,
            29.434314575050763,
        ],
        18.0,
        18.666666666666668,
        1e-14,
    );
    // beta(1.8, 4.2, loc = 10, scale = 20): PERT mean (10 + 4·14 + 30)/6 = 16
    assert_dist(
        r#"{"type":"pert","min":10,"mode":14,"max":30}"#,
        [
            10.12627948335694,
            11.179547752236346,
            11.798042609184833,
            15.533445187850377,
            20.90668100867164,
            22.425534480323805,
            27.15103137477357,
        ],
        16.0,
        12.000000000000002,
        1e-13,
    );
    assert_dist(
        r#"{"type":"uniform","min":2,"max":6}"#,
        [2.004, 2.2, 2.4, 4.0, 5.6, 5.8, 5.996],
        4.0,
        1.3333333333333333,
        1e-15,
    );
}

/// Draws must not depend on the platform: every function here uses `libm`, so this checksum of the
/// bits of draws over a fixed grid of z is the same natively and in WebAssembly
/// (`cargo test --target wasm32-unknown-unknown --test dist` runs it in node). If it changes, saved
/// scenarios give different Monte Carlo numbers: look for a changed `libm` or formula.
#[test]
fn draws_are_bit_identical_across_platforms() {
    let specs = [
        r#"{"type":"range90","low":40,"high":65}"#,
        r#"{"type":"range90","low":0,"high":10}"#,
        r#"{"type":"triangular","min":10,"mode":14,"max":30}"#,
        r#"{"type":"pert","min":10,"mode":14,"max":30}"#,
        r#"{"type":"pert","min":0,"mode":1,"max":1}"#,
        r#"{"type":"uniform","min":2,"max":6}"#,
    ];
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325; // FNV-1a
    let mut add = |x: f64| {
        for byte in x.to_bits().to_le_bytes() {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    for json in specs {
        let d = dist(json);
        let t = d.clone().tabulated();
        for i in -300..=300 {
            let z = f64::from(i) / 37.0;
            add(d.sample_from_normal(z));
            add(t.sample_from_normal(z));
        }
        add(d.mean());
        add(d.variance());
    }
    for i in 1..100 {
        let p = f64::from(i) / 100.0;
        add(beta_quantile(p, 1.8, 4.2));
        add(beta_cdf(p, 4.2, 1.8));
    }
    assert_eq!(hash, 0xb659_fbde_4afc_2d1c, "{hash:#018x}");
}
