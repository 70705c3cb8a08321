//! Histogram of the annual total over the Monte Carlo runs, with the target as a rule and the
//! share of runs at or above it written on the chart.
//!
//! Bins are given, or built from the sample by [`HistogramSpec::from_sample`]: Freedman–Diaconis
//! width 2·IQR·n^(−1/3) (Freedman & Diaconis 1981, as numpy's `bins="fd"`), rounded to the nearest
//! 1/2/5 × 10^k so the edges read well, falling back to Sturges' ⌈log2 n⌉ + 1 bins when the IQR
//! is zero; or a fixed count of equal bins. The part of the bars at or above the target is slate,
//! the part below is light grey, and the share is written in numbers.

use serde::{Deserialize, Serialize};

use super::axis::{
    draw_x_axis, draw_y_axis, fit_x_ticks, format_number, format_share, format_short, nice_step,
    nice_ticks, tick_label_width, Linear,
};
use super::layout::{empty_note, header, text_width, LegendItem, Mark, PAD};
use super::svg::{ink_stroke, Anchor, Svg, BAR, BAR_HIT, TARGET};
use super::{axis_title, finite, id_of, lang_serde, size, tr, unit_suffix};
use crate::error::Lang;

/// One bin: runs whose total fell in `lo..hi` (the last bin also holds its upper edge).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HistogramBin {
    /// Lower edge.
    pub lo: f64,
    /// Upper edge.
    pub hi: f64,
    /// Number of runs.
    pub count: u64,
}

/// How [`HistogramSpec::from_sample`] cuts the sample into bins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Binning {
    /// Freedman–Diaconis width, rounded to the nearest 1/2/5 × 10^k (at most about 200 bins).
    FreedmanDiaconis,
    /// This many equal bins from the smallest to the largest value (1–1000).
    Count(usize),
}

/// What to draw in a histogram. JSON field names are camelCase (`shareAtOrAbove`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HistogramSpec {
    /// Chart title (also the accessible name).
    #[serde(default)]
    pub title: String,
    /// Unit of the values, e.g. `亿元`.
    #[serde(default)]
    pub unit: String,
    /// `"zh"` (default) or `"en"`.
    #[serde(default = "lang_serde::default", with = "lang_serde")]
    pub lang: Lang,
    /// Width in px (default 640).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<f64>,
    /// Height in px (default 360).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<f64>,
    /// Prefix of the element ids (default: derived from the spec).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The bins, in increasing order.
    pub bins: Vec<HistogramBin>,
    /// The annual target (optional rule).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    /// Share of runs at or above the target, 0..=1 (default: estimated from the bins).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_at_or_above: Option<f64>,
    /// 10th percentile of the sample, for the summary (default: estimated from the bins).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p10: Option<f64>,
    /// Median (default: estimated from the bins).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p50: Option<f64>,
    /// 90th percentile (default: estimated from the bins).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p90: Option<f64>,
}

impl HistogramSpec {
    /// Bins `values` (NaN and ±∞ dropped) and fills in the exact quantiles and, given a target,
    /// the exact share of values at or above it. Title and unit are empty and the language is
    /// Chinese: set them on the result.
    ///
    /// An empty sample gives no bins; a sample of equal values gives one bin that starts at the
    /// value (1% of it wide).
    pub fn from_sample(values: &[f64], binning: Binning, target: Option<f64>) -> HistogramSpec {
        let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
        v.sort_by(f64::total_cmp);
        let target = target.and_then(finite);
        let mut spec = HistogramSpec {
            title: String::new(),
            unit: String::new(),
            lang: Lang::Zh,
            width: None,
            height: None,
            id: None,
            bins: bin(&v, binning),
            target,
            share_at_or_above: None,
            p10: quantile(&v, 0.1),
            p50: quantile(&v, 0.5),
            p90: quantile(&v, 0.9),
        };
        if let (Some(t), false) = (target, v.is_empty()) {
            let at_or_above = v.len() - v.partition_point(|x| *x < t);
            spec.share_at_or_above = Some(at_or_above as f64 / v.len() as f64);
        }
        spec
    }

    fn runs(&self) -> u64 {
        self.bins.iter().map(|b| b.count).sum()
    }

    /// The share at or above the target: the given one, or estimated from the bins (values
    /// spread evenly within a bin).
    fn share(&self) -> Option<f64> {
        if let Some(s) = self.share_at_or_above.and_then(finite) {
            return Some(s.clamp(0.0, 1.0));
        }
        let t = self.target.and_then(finite)?;
        let total = self.runs();
        if total == 0 {
            return None;
        }
        let above: f64 = self
            .bins
            .iter()
            .filter(|b| b.lo.is_finite() && b.hi.is_finite())
            .map(|b| {
                let f = if b.hi <= b.lo {
                    if b.lo >= t {
                        1.0
                    } else {
                        0.0
                    }
                } else {
                    ((b.hi - t) / (b.hi - b.lo)).clamp(0.0, 1.0)
                };
                f * b.count as f64
            })
            .sum();
        Some(above / total as f64)
    }

    /// The q-quantile: the given one, or interpolated within the bins.
    fn q(&self, given: Option<f64>, q: f64) -> Option<f64> {
        if let Some(v) = given.and_then(finite) {
            return Some(v);
        }
        let total = self.runs() as f64;
        if total == 0.0 {
            return None;
        }
        let want = q * total;
        let mut cum = 0.0;
        for b in self
            .bins
            .iter()
            .filter(|b| b.lo.is_finite() && b.hi.is_finite())
        {
            let c = b.count as f64;
            if c > 0.0 && cum + c >= want {
                return Some(b.lo + (b.hi - b.lo) * ((want - cum) / c).clamp(0.0, 1.0));
            }
            cum += c;
        }
        None
    }
}

/// Quantile of sorted data, R's default type 7 (linear between order statistics).
fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let h = (n - 1) as f64 * q;
    let i = h.floor() as usize;
    let j = (i + 1).min(n - 1);
    Some(sorted[i] + (h - i as f64) * (sorted[j] - sorted[i]))
}

/// The 1, 2 or 5 × 10^k nearest to `x` (on a log scale), for a positive finite `x`.
fn nice_round(x: f64) -> f64 {
    let mag = libm::pow(10.0, libm::log10(x).floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .min_by(|a, b| libm::log(a / x).abs().total_cmp(&libm::log(b / x).abs()))
        .unwrap_or(x)
}

/// Bins sorted finite data.
fn bin(v: &[f64], binning: Binning) -> Vec<HistogramBin> {
    let (Some(&min), Some(&max)) = (v.first(), v.last()) else {
        return Vec::new();
    };
    if max - min <= max.abs().max(min.abs()) * 1e-12 {
        // one bin starting at the value, as bins are closed on the left: with a target equal
        // to the value the whole bar is "at or above", as it should be
        let width = if min == 0.0 { 1.0 } else { min.abs() * 0.01 };
        return vec![HistogramBin {
            lo: min,
            hi: min + width,
            count: v.len() as u64,
        }];
    }
    let n = v.len() as f64;
    let (start, width, k) = match binning {
        Binning::Count(k) => {
            let k = k.clamp(1, 1000);
            (min, (max - min) / k as f64, k)
        }
        Binning::FreedmanDiaconis => {
            let iqr = quantile(v, 0.75).unwrap_or(0.0) - quantile(v, 0.25).unwrap_or(0.0);
            let h = 2.0 * iqr / n.cbrt();
            let raw = if h > 0.0 && h.is_finite() {
                h
            } else {
                // Sturges
                (max - min) / ((n.log2().ceil() + 1.0).max(1.0))
            };
            // the nearest nice width, at most about 200 bins, edges on multiples of the width
            let mut w = nice_round(raw);
            if (max - min) / w > 200.0 {
                w = nice_step(max - min, 200);
            }
            let start = (min / w).floor() * w;
            let k = (((max - start) / w).floor() as usize + 1).clamp(1, 1000);
            (start, w, k)
        }
    };
    let mut bins: Vec<HistogramBin> = (0..k)
        .map(|i| HistogramBin {
            lo: start + i as f64 * width,
            hi: start + (i + 1) as f64 * width,
            count: 0,
        })
        .collect();
    for &x in v {
        let i = (((x - start) / width).floor().max(0.0) as usize).min(k - 1);
        bins[i].count += 1;
    }
    if let Binning::Count(_) = binning {
        // the last edge is the maximum exactly, not a sum with rounding error
        if let Some(last) = bins.last_mut() {
            last.hi = max;
        }
    }
    bins
}

/// Draws a histogram.
///
/// Never panics: no bins give a frame with a "no data" note; bins with NaN edges are skipped.
pub fn render_histogram(spec: &HistogramSpec) -> String {
    let lang = spec.lang;
    let (w, h) = size(spec.width, spec.height, super::DEFAULT_HEIGHT);
    let target = spec.target.and_then(finite);
    let bins: Vec<HistogramBin> = spec
        .bins
        .iter()
        .copied()
        .filter(|b| b.lo.is_finite() && b.hi.is_finite())
        .map(|b| HistogramBin {
            lo: b.lo.min(b.hi),
            hi: b.lo.max(b.hi),
            count: b.count,
        })
        .collect();

    let mut legend = Vec::new();
    if target.is_some() {
        legend.push(LegendItem::new(
            Mark::Swatch(BAR),
            tr(lang, "低于目标", "Below the target"),
        ));
        legend.push(LegendItem::new(
            Mark::Swatch(BAR_HIT),
            tr(lang, "达到或超过目标", "At or above the target"),
        ));
        legend.push(LegendItem::new(
            Mark::Line(Some(TARGET), Some("6 3")),
            tr(lang, "目标", "Target"),
        ));
    } else {
        legend.push(LegendItem::new(
            Mark::Swatch(BAR),
            tr(lang, "各区间运行次数", "Runs per bin"),
        ));
    }

    let title = if spec.title.trim().is_empty() {
        tr(lang, "全年总产值分布", "Distribution of the annual output").to_string()
    } else {
        spec.title.clone()
    };
    let mut svg = Svg::new(
        "histogram",
        id_of("histogram", spec.id.as_deref(), spec),
        w,
        h,
        &title,
        &describe(spec),
    );
    let top = header(&mut svg, &spec.title, &legend, w);

    let max_count = bins.iter().map(|b| b.count).max().unwrap_or(0);
    let plot_top = top + 26.0;
    let plot_bottom = h - 46.0;
    let ycount = (((plot_bottom - plot_top) / 45.0).round() as usize).clamp(2, 8);
    // counts are whole: never a step below 1; 25% headroom for the two lines written at the top
    let yticks = nice_ticks(0.0, (max_count as f64 * 1.25).max(ycount as f64), ycount);
    let y_labels_left = PAD + tick_label_width(&yticks) + 8.0;
    let plot_right = (w - PAD - 8.0).max(y_labels_left + 20.0);
    let y = Linear {
        d0: 0.0,
        d1: yticks.hi,
        r0: plot_bottom,
        r1: plot_top,
    };

    let (mut lo, mut hi) = bins
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), bin| {
            (a.min(bin.lo), b.max(bin.hi))
        });
    if let Some(t) = target {
        lo = lo.min(t);
        hi = hi.max(t);
    }
    let xticks = fit_x_ticks(lo, hi, plot_right - y_labels_left, 90.0);
    // room for half the first and last tick labels, which are centred on the edges
    let half = tick_label_width(&xticks) / 2.0;
    let plot_left = y_labels_left.max(PAD + half);
    let plot_right = (w - PAD - half.max(8.0)).max(plot_left + 20.0);
    svg.text(
        PAD,
        top + 8.0,
        Anchor::Start,
        11.0,
        tr(lang, "运行次数", "Runs"),
        r#"class="gf-axis-title" fill="currentColor" fill-opacity="0.75""#,
    );
    draw_y_axis(&mut svg, &yticks, &y, plot_left, plot_right);
    let x = Linear {
        d0: xticks.lo,
        d1: xticks.hi,
        r0: plot_left,
        r1: plot_right,
    };
    draw_x_axis(&mut svg, &xticks, &x, plot_bottom, plot_bottom + 4.0);
    svg.line(
        plot_left,
        plot_bottom,
        plot_right,
        plot_bottom,
        &format!(r#"class="gf-axis-line" {}"#, ink_stroke(0.45)),
    );
    svg.text(
        plot_right,
        plot_bottom + 32.0,
        Anchor::End,
        11.0,
        &axis_title(lang, "全年总产值", "Annual output", &spec.unit),
        r#"class="gf-axis-title" fill="currentColor" fill-opacity="0.75""#,
    );

    if bins.is_empty() {
        empty_note(
            &mut svg,
            (plot_left + plot_right) / 2.0,
            (plot_top + plot_bottom) / 2.0,
            tr(lang, "无数据", "No data"),
        );
        return svg.finish();
    }

    // bars, split at the target; 1 px apart when wide enough
    for b in &bins {
        if b.count == 0 {
            continue;
        }
        let (x0, x1) = (x.at(b.lo), x.at(b.hi));
        let gap = if x1 - x0 > 4.0 { 0.5 } else { 0.0 };
        let (x0, x1) = (x0 + gap, (x1 - gap).max(x0 + gap + 0.5));
        let yt = y.at(b.count as f64);
        let split = target.map(|t| x.at(t).clamp(x0, x1)).unwrap_or(x1);
        if split > x0 {
            let attrs = svg.paint(BAR);
            svg.rect(x0, yt, split - x0, plot_bottom - yt, &attrs);
        }
        if x1 > split {
            let attrs = svg.paint(BAR_HIT);
            svg.rect(split, yt, x1 - split, plot_bottom - yt, &attrs);
        }
    }

    if let Some(t) = target {
        let tx = x.at(t);
        let attrs = format!(
            r#"{} stroke-width="1.5" stroke-dasharray="6 3""#,
            svg.paint(TARGET)
        );
        svg.line(tx, plot_top, tx, plot_bottom, &attrs);
        // beside the rule, in the headroom: "目标 3,600" and the share at or above it
        let mut lines = vec![(
            format!("{} {}", tr(lang, "目标", "Target"), format_short(t)),
            11.0,
            r#"class="gf-target-label" fill="currentColor""#,
        )];
        if let Some(share) = spec.share() {
            let runs = format_number(spec.runs() as f64, 0);
            lines.push((
                match lang {
                    Lang::Zh => format!("≥ 目标：{}（共 {runs} 次运行）", format_share(share)),
                    Lang::En => format!("≥ target: {} of {runs} runs", format_share(share)),
                },
                12.0,
                r#"class="gf-share" font-weight="600" fill="currentColor""#,
            ));
        }
        let tw = lines
            .iter()
            .map(|(text, size, _)| text_width(text, *size))
            .fold(0.0, f64::max);
        let (sx, anchor) = if tx + 8.0 + tw <= plot_right {
            (tx + 8.0, Anchor::Start)
        } else if tx - 8.0 - tw >= plot_left {
            (tx - 8.0, Anchor::End)
        } else {
            (plot_right, Anchor::End)
        };
        for (k, (text, size, attrs)) in lines.iter().enumerate() {
            svg.text(
                sx,
                plot_top + 7.0 + 16.0 * k as f64,
                anchor,
                *size,
                text,
                attrs,
            );
        }
    }
    svg.finish()
}

/// The one-paragraph summary for `<desc>`.
fn describe(spec: &HistogramSpec) -> String {
    let lang = spec.lang;
    let u = unit_suffix(&spec.unit);
    let runs = spec.runs();
    if runs == 0 {
        return tr(lang, "没有运行结果。", "No runs.").to_string();
    }
    let mut out = String::new();
    if let Some(m) = spec.q(spec.p50, 0.5) {
        let m = format_short(m);
        out.push_str(&match lang {
            Lang::Zh => format!("年度总产值中位数 {m}{u}"),
            Lang::En => format!("Median annual output {m}{u}"),
        });
    }
    if let (Some(a), Some(b)) = (spec.q(spec.p10, 0.1), spec.q(spec.p90, 0.9)) {
        let (a, b) = (format_short(a), format_short(b));
        out.push_str(&match lang {
            Lang::Zh => format!("，80% 区间 {a}–{b}{u}"),
            Lang::En => format!(", 80% range {a}–{b}{u}"),
        });
    }
    let n = format_number(runs as f64, 0);
    match (spec.target.and_then(finite), spec.share()) {
        (Some(t), Some(p)) => {
            let (t, p) = (format_short(t), format_share(p));
            out.push_str(&match lang {
                Lang::Zh => format!("；达到目标 {t}{u}的概率 {p}（{n} 次运行）。"),
                Lang::En => {
                    format!("; probability of reaching the target {t}{u}: {p} ({n} runs).")
                }
            });
        }
        _ => out.push_str(&match lang {
            Lang::Zh => format!("（{n} 次运行）。"),
            Lang::En => format!(" ({n} runs)."),
        }),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_match_r_type_7() {
        let v = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(quantile(&v, 0.5), Some(3.0));
        assert_eq!(quantile(&v, 0.1), Some(1.4));
        assert_eq!(quantile(&v, 0.9), Some(4.6));
        assert_eq!(quantile(&[], 0.5), None);
    }

    #[test]
    fn fixed_count_bins_cover_the_sample() {
        let v: Vec<f64> = (0..100).map(f64::from).collect();
        let s = HistogramSpec::from_sample(&v, Binning::Count(4), Some(50.0));
        assert_eq!(s.bins.len(), 4);
        assert_eq!(s.bins[0].lo, 0.0);
        assert_eq!(s.bins[3].hi, 99.0);
        assert_eq!(s.bins.iter().map(|b| b.count).sum::<u64>(), 100);
        assert_eq!(s.share_at_or_above, Some(0.5));
        assert_eq!(s.p50, Some(49.5));
    }

    #[test]
    fn freedman_diaconis_bins_are_nice() {
        // uniform 3500..3700: IQR 100, n 1000 -> h = 20
        let v: Vec<f64> = (0..1000).map(|i| 3500.0 + (i % 200) as f64).collect();
        let s = HistogramSpec::from_sample(&v, Binning::FreedmanDiaconis, None);
        assert_eq!(s.bins.len(), 10);
        assert_eq!(s.bins[0].lo, 3500.0);
        assert_eq!(s.bins[0].hi, 3520.0);
        assert!(s.bins.iter().all(|b| b.count == 100));
        assert_eq!(s.share_at_or_above, None);
    }

    #[test]
    fn degenerate_samples() {
        let s = HistogramSpec::from_sample(&[], Binning::FreedmanDiaconis, Some(1.0));
        assert!(s.bins.is_empty());
        assert_eq!(s.share_at_or_above, None);
        let s = HistogramSpec::from_sample(&[7.0; 10], Binning::FreedmanDiaconis, Some(7.0));
        assert_eq!(s.bins.len(), 1);
        assert_eq!((s.bins[0].lo, s.bins[0].hi), (7.0, 7.07));
        assert_eq!(s.share_at_or_above, Some(1.0));
        let s = HistogramSpec::from_sample(&[f64::NAN, 1.0, 2.0], Binning::Count(0), None);
        assert_eq!(s.bins.len(), 1);
        assert_eq!(s.bins[0].count, 2);
        // outliers do not make millions of bins
        let mut v = vec![0.0; 50];
        v.extend([1.0, 2.0, 1e12]);
        let s = HistogramSpec::from_sample(&v, Binning::FreedmanDiaconis, None);
        assert!(s.bins.len() <= 202, "{}", s.bins.len());
        assert_eq!(s.bins.iter().map(|b| b.count).sum::<u64>(), 53);
        assert!(s.bins.last().unwrap().hi >= 1e12);
        assert_eq!(nice_round(20.1), 20.0);
        assert_eq!(nice_round(36.0), 50.0);
        assert_eq!(nice_round(0.03), 0.02);
    }

    #[test]
    fn share_and_quantiles_from_bins_alone() {
        let spec = HistogramSpec {
            title: String::new(),
            unit: String::new(),
            lang: Lang::En,
            width: None,
            height: None,
            id: None,
            bins: vec![
                HistogramBin {
                    lo: 0.0,
                    hi: 10.0,
                    count: 50,
                },
                HistogramBin {
                    lo: 10.0,
                    hi: 20.0,
                    count: 50,
                },
            ],
            target: Some(15.0),
            share_at_or_above: None,
            p10: None,
            p50: None,
            p90: None,
        };
        assert_eq!(spec.share(), Some(0.25));
        assert_eq!(spec.q(None, 0.5), Some(10.0));
        assert_eq!(spec.q(None, 0.9), Some(18.0));
        assert_eq!(
            describe(&spec),
            "Median annual output 10, 80% range 2–18; probability of reaching the target 15: 25% (100 runs)."
        );
    }
}
