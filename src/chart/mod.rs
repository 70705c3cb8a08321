//! SVG charts of the Monte Carlo outputs: fan, waterfall, tornado and histogram.
//!
//! Each chart is a pure function from a plain spec to an SVG string, with no web-sys and no
//! randomness, so the page, the CLI and the tests draw byte-identical charts from the same JSON.
//! Specs are serde structs with camelCase fields (`annualTarget`, `targetPath`); `lang` is
//! `"zh"` or `"en"` and picks the language of axis titles, legends and the accessible summary.
//!
//! What every chart shares:
//! - a `viewBox` (default 640 × 360; the horizontal charts grow with their rows), `role="img"`,
//!   and a `<title>` and `<desc>` (a one-paragraph summary) named by `aria-labelledby`;
//! - text as `<text>` in `currentColor`, with every user string XML-escaped;
//! - neutral colours only (slate for an increase, sand for a decrease, never red/green), each a
//!   CSS variable `--gf-NAME` with a light and a dark default, and CSS classes prefixed `gf-`;
//! - fonts inherited from the host page (no font is named), numbers rounded to 2 dp;
//! - degenerate input (empty series, NaN, equal values, 1e12) gives a valid, smaller chart.
//!
//! | Variable | Light default | Used for |
//! |---|---|---|
//! | `--gf-band` / `--gf-band-inner` | `#c9d3e0` / `#a3b3c8` | fan p10–p90 / p25–p75 |
//! | `--gf-median` | `#2f4b6e` | fan median line |
//! | `--gf-target` | `#7a5a2b` | target rules and target path |
//! | `--gf-pace` | `#7c8794` | pace line |
//! | `--gf-up` / `--gf-down` | `#5b7089` / `#d9c6a5` | increase / decrease (slate / sand) |
//! | `--gf-base` / `--gf-total` | `#a3adb9` / `#2e3d50` | waterfall base / total bar |
//! | `--gf-bar` / `--gf-bar-hit` | `#c3ccd8` / `#5b7089` | histogram below / at or above target |
//!
//! # Example
//! ```
//! use gapcast::chart::{render_histogram, Binning, HistogramSpec};
//! use gapcast::Lang;
//!
//! let runs: Vec<f64> = (0..1000).map(|i| 3500.0 + (i % 200) as f64).collect();
//! let mut spec = HistogramSpec::from_sample(&runs, Binning::FreedmanDiaconis, Some(3600.0));
//! spec.title = "2023 年度总产值".into();
//! spec.unit = "亿元".into();
//! spec.lang = Lang::Zh;
//! let svg = render_histogram(&spec);
//! assert!(svg.starts_with("<svg"));
//! assert!(svg.contains("达到目标 3,600 亿元的概率 50%"));
//! ```

mod axis;
mod fan;
mod histogram;
mod layout;
mod svg;
mod tornado;
mod waterfall;

pub use fan::{render_fan, FanSpec};
pub use histogram::{render_histogram, Binning, HistogramBin, HistogramSpec};
pub use tornado::{render_tornado, TornadoRow, TornadoSpec};
pub use waterfall::{render_waterfall, WaterfallSpec, WaterfallStep};

use crate::error::Lang;

/// Default width of every chart, in px (the `viewBox` width).
pub const DEFAULT_WIDTH: f64 = 640.0;
/// Default height of the fan chart and the histogram, and the least height of the others.
pub const DEFAULT_HEIGHT: f64 = 360.0;

/// The width and height to draw at: the spec's, when finite and within 240–4000 × 160–4000,
/// else the defaults.
fn size(width: Option<f64>, height: Option<f64>, default_height: f64) -> (f64, f64) {
    let w = width
        .filter(|w| w.is_finite() && *w > 0.0)
        .map_or(DEFAULT_WIDTH, |w| w.clamp(240.0, 4000.0));
    let h = height
        .filter(|h| h.is_finite() && *h > 0.0)
        .map_or(default_height, |h| h.clamp(160.0, 4000.0));
    (w, h)
}

/// The `i`th value of a series when present and finite (NaN and ±∞ are skipped like gaps).
fn at(series: &[Option<f64>], i: usize) -> Option<f64> {
    series.get(i).copied().flatten().filter(|v| v.is_finite())
}

/// `Some(v)` when `v` is finite.
fn finite(v: f64) -> Option<f64> {
    Some(v).filter(|v| v.is_finite())
}

/// `" 亿元"`, or nothing for an empty unit.
fn unit_suffix(unit: &str) -> String {
    if unit.trim().is_empty() {
        String::new()
    } else {
        format!(" {}", unit.trim())
    }
}

/// An axis title with its unit: `累计产值（亿元）`, `YTD output (亿元)`.
fn axis_title(lang: Lang, zh: &str, en: &str, unit: &str) -> String {
    let unit = unit.trim();
    match (lang, unit.is_empty()) {
        (Lang::Zh, true) => zh.to_string(),
        (Lang::Zh, false) => format!("{zh}（{unit}）"),
        (Lang::En, true) => en.to_string(),
        (Lang::En, false) => format!("{en} ({unit})"),
    }
}

/// Picks the string of the chart's language.
fn tr<'a>(lang: Lang, zh: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// The `id` prefix of a chart, from the user's id or a hash of the spec.
fn id_of<T: serde::Serialize>(kind: &str, user: Option<&str>, spec: &T) -> String {
    svg::chart_id(kind, user, &serde_json::to_string(spec).unwrap_or_default())
}

/// Serde for [`Lang`] as `"zh"` / `"en"` (the CLI's `--lang` values), defaulting to Chinese.
pub(crate) mod lang_serde {
    use serde::de::{Error as _, Unexpected};
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::error::Lang;

    /// Chinese: the page is zh-CN first.
    pub(crate) fn default() -> Lang {
        Lang::Zh
    }

    pub(crate) fn serialize<S: Serializer>(lang: &Lang, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(match lang {
            Lang::Zh => "zh",
            Lang::En => "en",
        })
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Lang, D::Error> {
        let s = String::deserialize(d)?;
        match s.as_str() {
            "zh" => Ok(Lang::Zh),
            "en" => Ok(Lang::En),
            other => Err(D::Error::invalid_value(
                Unexpected::Str(other),
                &"\"zh\" or \"en\"",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_defaults_and_clamps() {
        assert_eq!(size(None, None, 360.0), (640.0, 360.0));
        assert_eq!(size(Some(f64::NAN), Some(-1.0), 360.0), (640.0, 360.0));
        assert_eq!(size(Some(10.0), Some(1e9), 360.0), (240.0, 4000.0));
        assert_eq!(size(Some(800.0), Some(500.0), 360.0), (800.0, 500.0));
    }

    #[test]
    fn gaps_and_nan_are_skipped() {
        let s = [Some(1.0), None, Some(f64::NAN), Some(f64::INFINITY)];
        assert_eq!(at(&s, 0), Some(1.0));
        assert_eq!(at(&s, 1), None);
        assert_eq!(at(&s, 2), None);
        assert_eq!(at(&s, 3), None);
        assert_eq!(at(&s, 9), None);
    }

    #[test]
    fn axis_titles_carry_the_unit() {
        assert_eq!(
            axis_title(Lang::Zh, "累计产值", "YTD output", "亿元"),
            "累计产值（亿元）"
        );
        assert_eq!(
            axis_title(Lang::En, "累计产值", "YTD output", "亿元"),
            "YTD output (亿元)"
        );
        assert_eq!(
            axis_title(Lang::En, "累计产值", "YTD output", " "),
            "YTD output"
        );
    }
}
