//! Golden test: the Theta method (`gapcast::forecast::theta`) on AirPassengers (monthly, 1949–1960,
//! 144 values, R `datasets::AirPassengers`, the same values as `datasets.AirPassengers` in
//! `shared/bench-data/classic_monthly.csv`) with h = 12 and levels 80, 95, against two references.
//!
//! 1. **R `forecast::thetaf`** (forecast 8.20, R 4.2.2, Debian `r-cran-forecast`), whose formulas
//!    `theta.rs` follows. Made with:
//!    ```r
//!    library(forecast)
//!    d <- read.csv("shared/bench-data/classic_monthly.csv")
//!    y <- ts(d$value[d$series_id == "datasets.AirPassengers"], frequency = 12, start = 1949)
//!    f <- thetaf(y, h = 12, level = c(80, 95))
//!    s <- as.numeric(tail(decompose(y, "multiplicative")$seasonal, 12))
//!    half95 <- as.numeric(f$mean - f$lower[, 2])  # qnorm(0.975) * sqrt(sigma2 * (1 + (h - 1) * alpha^2))
//!    f$model[c("alpha", "drift", "sigma")]        # 0.837752089949302, 1.323069628802547, 115.69263241638
//!    cat(sprintf("%.6f", f$mean)); cat(sprintf("%.6f", f$lower[, 2])); cat(sprintf("%.6f", f$upper[, 2]))
//!    cat(sprintf("%.12f", s))
//!    cat(sprintf("%.6f", f$mean - half95 * s)); cat(sprintf("%.6f", f$mean + half95 * s))
//!    ```
//!    Points must agree within a relative 1e-5. They are not bit-identical because R finds α and the
//!    initial level with Nelder–Mead, which stops at α = 0.837752 (SSE/(n−2) = 115.692632416);
//!    gapcast profiles out the initial level exactly and searches α with Brent's method, reaching
//!    α = 0.837896 with a slightly lower SSE/(n−2) = 115.692628680. The drift b/2 (least squares on
//!    the seasonally adjusted series) agrees to 1e-12.
//!
//!    **Intervals differ by design**: `thetaf` adds the seasonally adjusted `se_h` to the
//!    re-seasonalised mean, so its interval has the same width in November as in July. gapcast
//!    re-seasonalises the bounds too (`(mean_adj ± z se_h) × s_h`), i.e. its half-width is thetaf's
//!    times the seasonal index `s_h`. The test checks exactly that, against `f$mean ± half95 * s`
//!    computed in R from thetaf's own output (relative 1e-4; the α difference above moves `se_h` by
//!    up to 1.5e-4 relative).
//!
//! 2. **statsforecast `Theta`** (statsforecast 2.1.1, numpy 2.4.6, Python 3), made with:
//!    ```python
//!    import numpy as np, pandas as pd
//!    from statsforecast.models import Theta
//!    d = pd.read_csv("shared/bench-data/classic_monthly.csv")
//!    y = d[d.series_id == "datasets.AirPassengers"].sort_values("period_index").value.to_numpy(float)
//!    f = Theta(season_length=12).fit(y).predict(h=12, level=[80, 95])
//!    print(repr(f["mean"]), repr(f["lo-95"]), repr(f["hi-95"]))
//!    ```
//!    statsforecast's `Theta` is the state-space "STM" of Fiorucci et al. (2016), not `thetaf`: the
//!    same seasonality test and multiplicative decomposition, and the same forecast function for a
//!    given α and level, but α and the initial level are chosen by Nelder–Mead (tolerance 1e-4) on
//!    the one-step squared errors *without the first three*, divided by mean |y|, with α confined to
//!    [0.1, 0.99] and the initial level started at y₁/2. It stops at α = 0.75397, so its points are
//!    0.18–0.21 % above thetaf's. Tolerance: points within 0.5 %. Its intervals are quantiles of
//!    only 200 simulated paths (seed 0) of that model, re-seasonalised. gapcast's analytic bounds
//!    are within 1.9 % of them (tolerance 2.5 %); its 95 % intervals are 0–18 % wider, since the
//!    smaller α of statsforecast makes `se_h = σ √(1 + (h − 1) α²)` grow more slowly, and quantiles
//!    of 200 draws are noisy.

use gapcast::forecast::theta::Theta;
use gapcast::forecast::{Forecaster, SeriesInput};

/// R `datasets::AirPassengers`, Jan 1949 – Dec 1960.
const AIR_PASSENGERS: [f64; 144] = [
    112., 118., 132., 129., 121., 135., 148., 148., 136., 119., 104., 118., 115., 126., 141., 135.,
    125., 149., 170., 170., 158., 133., 114., 140., 145., 150., 178., 163., 172., 178., 199., 199.,
    184., 162., 146., 166., 171., 180., 193., 181., 183., 218., 230., 242., 209., 191., 172., 194.,
    196., 196., 236., 235., 229., 243., 264., 272., 237., 211., 180., 201., 204., 188., 235., 227.,
    234., 264., 302., 293., 259., 229., 203., 229., 242., 233., 267., 269., 270., 315., 364., 347.,
    312., 274., 237., 278., 284., 277., 317., 313., 318., 374., 413., 405., 355., 306., 271., 306.,
    315., 301., 356., 348., 355., 422., 465., 467., 404., 347., 305., 336., 340., 318., 362., 348.,
    363., 435., 491., 505., 404., 359., 310., 337., 360., 342., 406., 396., 420., 472., 548., 559.,
    463., 407., 362., 405., 417., 391., 419., 461., 472., 535., 622., 606., 508., 461., 390., 432.,
];

// R forecast::thetaf, see the module comment.
const R_MEAN: [f64; 12] = [
    440.078191, 428.384281, 489.707099, 475.704628, 479.670389, 545.366272, 602.752002, 601.100763,
    523.951492, 456.627145, 397.953735, 447.644909,
];
const R_LO95: [f64; 12] = [
    418.996719, 400.882624, 457.022948, 438.554038, 438.535502, 500.600308, 554.628160, 549.838528,
    469.732221, 399.603975, 338.258220, 385.391659,
];
const R_HI95: [f64; 12] = [
    461.159664, 455.885937, 522.391249, 512.855217, 520.805275, 590.132236, 650.875843, 652.362998,
    578.170763, 513.650315, 457.649250, 509.898159,
];
const R_SEASONAL: [f64; 12] = [
    0.910230367372,
    0.883625320694,
    1.007366287604,
    0.975906012323,
    0.981378027495,
    1.112775826679,
    1.226555542931,
    1.219910969446,
    1.060491932647,
    0.921757240410,
    0.801178082413,
    0.898824389985,
];
// f$mean -/+ half95 * s: thetaf's bounds with the half-width re-seasonalised.
const R_RESEASONED_LO95: [f64; 12] = [
    420.889195, 404.083121, 456.782187, 439.449144, 439.301515, 495.551790, 543.725437, 538.565401,
    466.452393, 404.065625, 350.126996, 391.690169,
];
const R_RESEASONED_HI95: [f64; 12] = [
    459.267188, 452.685440, 522.632010, 511.960111, 520.039263, 595.180754, 661.778566, 663.636126,
    581.450591, 509.188665, 445.780473, 503.599648,
];

// statsforecast.models.Theta, see the module comment.
const SF_MEAN: [f64; 12] = [
    440.969195446552,
    429.249241830474,
    490.693187237486,
    476.659920461905,
    480.631037904308,
    546.455543787354,
    603.952649902046,
    602.294906945183,
    524.989584244866,
    457.529432678745,
    398.737990161894,
    448.52474804899,
];
const SF_LO95: [f64; 12] = [
    422.043554412981,
    407.797777602682,
    456.706666881239,
    443.316563802508,
    444.173588038831,
    500.154020577855,
    550.181131137377,
    548.93499300256,
    475.404183365196,
    408.732387201396,
    356.520334671641,
    389.285868468165,
];
const SF_HI95: [f64; 12] = [
    457.859208240864,
    448.991846416782,
    519.343065920149,
    505.827144111731,
    519.310043776121,
    587.362935865699,
    658.24468712691,
    662.234075374909,
    573.6735122745,
    501.294783453953,
    437.962306810307,
    500.831544258076,
];

fn assert_all_close_rel(actual: &[f64], expected: &[f64], rel: f64, what: &str) {
    assert_eq!(actual.len(), expected.len(), "{what}: lengths");
    for (k, (a, e)) in actual.iter().zip(expected).enumerate() {
        assert!(
            ((a - e) / e).abs() <= rel,
            "{what}, step {}: {a} vs {e} (relative {:.2e} > {rel:e})",
            k + 1,
            ((a - e) / e).abs()
        );
    }
}

#[test]
fn theta_matches_r_thetaf_on_air_passengers() {
    let fit = Theta::default()
        .fit(&SeriesInput::new(&AIR_PASSENGERS, 12))
        .unwrap();
    let info = fit.info();
    assert_eq!(info.method, "theta");
    assert_eq!(info.model, "Theta(seasonal=multiplicative)");
    assert!(info.notes.is_empty());
    assert!((info.params["drift"] - 1.323069628802547).abs() < 1e-9);
    assert!((info.params["alpha"] - 0.837752089949302).abs() < 2e-4);
    // Our optimum is at least as good as R's: SSE/(n − 2) not above thetaf's sigma2.
    assert!(info.sigma2 <= 115.69263241638 * (1.0 + 1e-12));
    assert!((info.sigma2 - 115.69263241638).abs() < 1e-5);

    let f = fit.predict(12, &[80.0, 95.0]);
    assert_all_close_rel(&f.point, &R_MEAN, 1e-5, "points vs thetaf");
    let i95 = &f.intervals[1];
    assert_eq!(i95.level, 95.0);
    assert_all_close_rel(
        &i95.lower,
        &R_RESEASONED_LO95,
        1e-4,
        "95 % lower vs thetaf × s",
    );
    assert_all_close_rel(
        &i95.upper,
        &R_RESEASONED_HI95,
        1e-4,
        "95 % upper vs thetaf × s",
    );
    // Stated the other way: our half-width divided by the seasonal index is thetaf's half-width.
    for k in 0..12 {
        let ours = (f.point[k] - i95.lower[k]) / R_SEASONAL[k];
        let theirs = R_MEAN[k] - R_LO95[k];
        assert!(
            (ours / theirs - 1.0).abs() < 2e-4,
            "step {}: {ours} vs {theirs}",
            k + 1
        );
        let ours = (i95.upper[k] - f.point[k]) / R_SEASONAL[k];
        let theirs = R_HI95[k] - R_MEAN[k];
        assert!(
            (ours / theirs - 1.0).abs() < 2e-4,
            "step {}: {ours} vs {theirs}",
            k + 1
        );
    }
}

#[test]
fn theta_is_close_to_statsforecast_stm_on_air_passengers() {
    let fit = Theta::default()
        .fit(&SeriesInput::new(&AIR_PASSENGERS, 12))
        .unwrap();
    let f = fit.predict(12, &[95.0]);
    assert_all_close_rel(&f.point, &SF_MEAN, 5e-3, "points vs statsforecast");
    assert_all_close_rel(
        &f.intervals[0].lower,
        &SF_LO95,
        2.5e-2,
        "95 % lower vs statsforecast",
    );
    assert_all_close_rel(
        &f.intervals[0].upper,
        &SF_HI95,
        2.5e-2,
        "95 % upper vs statsforecast",
    );
}
