//! Fan chart of the year-to-date (cumulative) total by period: the p10–p90 band (and p25–p75
//! when given), the median, the actual YTD values known so far, the target path, the pace line
//! and the annual target as a labelled rule.
//!
//! Periods are categories at equal spacing (`1–2月`, `3月`, … or `Jan–Feb`, `Mar`, …). Every
//! series is one value per period; `null` (or NaN) is a gap, so the band can start where the
//! actual values stop. The y axis is fitted to the data and need not start at zero; when it does
//! not, the axis carries a break mark.

use serde::{Deserialize, Serialize};

use super::axis::{
    draw_break_y, draw_y_axis, format_amount, format_share, format_short, nice_ticks,
    tick_label_width, Linear,
};
use super::layout::{dodge, empty_note, header, text_width, LegendItem, Mark, PAD};
use super::svg::{ink_stroke, Anchor, Svg, BAND, BAND_INNER, MEDIAN, PACE, TARGET};
use super::{at, axis_title, finite, id_of, lang_serde, size, tr, unit_suffix};
use crate::error::Lang;

/// What to draw in a fan chart. JSON field names are camelCase (`annualTarget`, `targetPath`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FanSpec {
    /// Chart title (also the accessible name).
    #[serde(default)]
    pub title: String,
    /// Unit of every value, e.g. `亿元`; shown on the axis title and in the summary.
    #[serde(default)]
    pub unit: String,
    /// Language of axis titles, legend and summary: `"zh"` (default) or `"en"`.
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
    /// Period labels along x, e.g. `["1–2月", "3月", …, "12月"]`.
    pub periods: Vec<String>,
    /// 10th percentile of the YTD total, per period.
    #[serde(default)]
    pub p10: Vec<Option<f64>>,
    /// 25th percentile (optional inner band).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub p25: Vec<Option<f64>>,
    /// Median.
    #[serde(default)]
    pub p50: Vec<Option<f64>>,
    /// 75th percentile (optional inner band).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub p75: Vec<Option<f64>>,
    /// 90th percentile.
    #[serde(default)]
    pub p90: Vec<Option<f64>>,
    /// Actual YTD values where known (`null` for periods not yet published).
    #[serde(default)]
    pub actual: Vec<Option<f64>>,
    /// Target path: the YTD value each period should reach (optional).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub target_path: Vec<Option<f64>>,
    /// Pace line (序时进度): e.g. target × seasonal or calendar share, per period (optional).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pace: Vec<Option<f64>>,
    /// Annual target, drawn as a labelled horizontal rule (not drawn when not finite).
    pub annual_target: f64,
    /// P(annual total ≥ target), 0..=1, for the summary (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probability: Option<f64>,
}

/// Draws a fan chart.
///
/// Never panics: empty periods give a frame with a "no data" note, NaN values are gaps.
pub fn render_fan(spec: &FanSpec) -> String {
    let lang = spec.lang;
    let (w, h) = size(spec.width, spec.height, super::DEFAULT_HEIGHT);
    let n = spec.periods.len();
    let target = finite(spec.annual_target);
    let has = |s: &[Option<f64>]| (0..n).any(|i| at(s, i).is_some());
    let has_outer = (0..n).any(|i| at(&spec.p10, i).is_some() && at(&spec.p90, i).is_some());
    let has_inner = (0..n).any(|i| at(&spec.p25, i).is_some() && at(&spec.p75, i).is_some());

    let mut legend = Vec::new();
    if has_outer {
        legend.push(LegendItem::new(
            Mark::Swatch(BAND),
            tr(lang, "80% 区间（p10–p90）", "80% range (p10–p90)"),
        ));
    }
    if has_inner {
        legend.push(LegendItem::new(
            Mark::Swatch(BAND_INNER),
            tr(lang, "50% 区间（p25–p75）", "50% range (p25–p75)"),
        ));
    }
    if has(&spec.p50) {
        legend.push(LegendItem::new(
            Mark::Line(Some(MEDIAN), None),
            tr(lang, "中位数", "Median"),
        ));
    }
    if has(&spec.actual) {
        legend.push(LegendItem::new(
            Mark::Dots,
            tr(lang, "实际累计", "Actual YTD"),
        ));
    }
    if has(&spec.target_path) {
        legend.push(LegendItem::new(
            Mark::Line(Some(TARGET), Some("6 3")),
            tr(lang, "目标进度", "Target path"),
        ));
    }
    if has(&spec.pace) {
        legend.push(LegendItem::new(
            Mark::Line(Some(PACE), Some("2 3")),
            tr(lang, "序时进度", "Pace"),
        ));
    }
    if target.is_some() {
        legend.push(LegendItem::new(
            Mark::Line(Some(TARGET), Some("8 4")),
            tr(lang, "年度目标", "Annual target"),
        ));
    }

    let title = if spec.title.trim().is_empty() {
        tr(lang, "累计产值预测", "Year-to-date output forecast").to_string()
    } else {
        spec.title.clone()
    };
    let mut svg = Svg::new(
        "fan",
        id_of("fan", spec.id.as_deref(), spec),
        w,
        h,
        &title,
        &describe(spec),
    );
    let top = header(&mut svg, &spec.title, &legend, w);

    // y domain: every finite value drawn
    let series: [&[Option<f64>]; 8] = [
        &spec.p10,
        &spec.p25,
        &spec.p50,
        &spec.p75,
        &spec.p90,
        &spec.actual,
        &spec.target_path,
        &spec.pace,
    ];
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for s in series {
        for i in 0..n {
            if let Some(v) = at(s, i) {
                lo = lo.min(v);
                hi = hi.max(v);
            }
        }
    }
    if let Some(t) = target {
        lo = lo.min(t);
        hi = hi.max(t);
    }
    let plot_top = top + 26.0;
    let plot_bottom = h - 26.0;
    let count = (((plot_bottom - plot_top) / 45.0).round() as usize).clamp(2, 8);
    let ticks = nice_ticks(lo, hi, count);
    let y = Linear {
        d0: ticks.lo,
        d1: ticks.hi,
        r0: plot_bottom,
        r1: plot_top,
    };

    // the last period with a median: its p10/p50/p90 are labelled at the right
    let last = (0..n).rev().find(|&i| at(&spec.p50, i).is_some());
    let end_labels: Vec<(String, f64)> = match last {
        Some(i) => [("p90", &spec.p90), ("p50", &spec.p50), ("p10", &spec.p10)]
            .iter()
            .filter_map(|(name, s)| at(s, i).map(|v| (format!("{name} {}", format_amount(v)), v)))
            .collect(),
        None => Vec::new(),
    };
    let end_w = end_labels
        .iter()
        .map(|(t, _)| text_width(t, 10.0))
        .fold(0.0, f64::max);

    let plot_left = PAD + tick_label_width(&ticks) + 8.0;
    let plot_right = (w - PAD - if end_w > 0.0 { end_w - 4.0 } else { 0.0 }).max(plot_left + 10.0);
    let step = if n > 0 {
        (plot_right - plot_left) / n as f64
    } else {
        0.0
    };
    let x = |i: usize| plot_left + (i as f64 + 0.5) * step;

    svg.text(
        PAD,
        top + 8.0,
        Anchor::Start,
        11.0,
        &axis_title(lang, "累计产值", "YTD output", &spec.unit),
        r#"class="gf-axis-title" fill="currentColor" fill-opacity="0.75""#,
    );
    draw_y_axis(&mut svg, &ticks, &y, plot_left, plot_right);
    svg.line(
        plot_left,
        plot_top,
        plot_left,
        plot_bottom,
        &format!(r#"class="gf-axis-line" {}"#, ink_stroke(0.45)),
    );
    if ticks.lo > 0.0 {
        draw_break_y(&mut svg, plot_left, plot_bottom - 8.0);
    }

    if n == 0 {
        empty_note(
            &mut svg,
            (plot_left + plot_right) / 2.0,
            (plot_top + plot_bottom) / 2.0,
            tr(lang, "无数据", "No data"),
        );
        return svg.finish();
    }

    // bands
    for (lo_s, hi_s, paint) in [
        (&spec.p10, &spec.p90, BAND),
        (&spec.p25, &spec.p75, BAND_INNER),
    ] {
        let attrs = svg.paint(paint);
        for run in runs(n, |i| at(lo_s, i).is_some() && at(hi_s, i).is_some()) {
            if run.len() == 1 {
                let i = run[0];
                let (a, b) = (
                    y.at(at(hi_s, i).unwrap_or(0.0)),
                    y.at(at(lo_s, i).unwrap_or(0.0)),
                );
                svg.rect(x(i) - 3.0, a, 6.0, b - a, &attrs);
                continue;
            }
            let mut pts: Vec<(f64, f64)> = run
                .iter()
                .map(|&i| (x(i), y.at(at(hi_s, i).unwrap_or(0.0))))
                .collect();
            pts.extend(
                run.iter()
                    .rev()
                    .map(|&i| (x(i), y.at(at(lo_s, i).unwrap_or(0.0)))),
            );
            svg.path(&pts, true, &attrs);
        }
    }

    // annual target rule
    if let Some(t) = target {
        let ty = y.at(t);
        let attrs = format!(
            r#"{} stroke-width="1.5" stroke-dasharray="8 4""#,
            svg.paint(TARGET)
        );
        // stop short of the end labels, which sit right of the last period
        let rule_end = match last {
            Some(i) if !end_labels.is_empty() => (x(i) + 4.0).min(plot_right),
            _ => plot_right,
        };
        svg.line(plot_left, ty, rule_end, ty, &attrs);
        let label = format!(
            "{} {}",
            tr(lang, "年度目标", "Annual target"),
            format_short(t)
        );
        let ly = if ty - 9.0 < plot_top + 4.0 {
            ty + 9.0
        } else {
            ty - 9.0
        };
        svg.text(
            plot_left + 4.0,
            ly,
            Anchor::Start,
            11.0,
            &label,
            r#"class="gf-target-label" fill="currentColor""#,
        );
    }

    // lines: target path, pace, median
    let target_attrs = format!(
        r#"{} fill="none" stroke-width="1.5" stroke-dasharray="6 3""#,
        svg.paint(TARGET)
    );
    line_series(&mut svg, n, &spec.target_path, &x, &y, &target_attrs, 2.0);
    let pace_attrs = format!(
        r#"{} fill="none" stroke-width="1.5" stroke-dasharray="2 3""#,
        svg.paint(PACE)
    );
    line_series(&mut svg, n, &spec.pace, &x, &y, &pace_attrs, 2.0);
    let median_attrs = format!(r#"{} fill="none" stroke-width="2""#, svg.paint(MEDIAN));
    line_series(&mut svg, n, &spec.p50, &x, &y, &median_attrs, 2.5);

    // actual values: line and dots in the ink
    let actual_attrs = format!(
        r#"class="gf-actual" fill="none" stroke-width="1.5" {}"#,
        ink_stroke(1.0)
    );
    line_series(&mut svg, n, &spec.actual, &x, &y, &actual_attrs, 0.0);
    svg.open(r#"class="gf-actual-dots" fill="currentColor""#);
    for i in 0..n {
        if let Some(v) = at(&spec.actual, i) {
            svg.circle(x(i), y.at(v), 3.0, "");
        }
    }
    svg.close();

    // end labels, moved apart where they would overlap
    if let Some(i) = last {
        let ys: Vec<f64> = end_labels.iter().map(|(_, v)| y.at(*v)).collect();
        let placed = dodge(&ys, 12.0, plot_top, plot_bottom);
        svg.open(r#"class="gf-end-labels" fill="currentColor""#);
        for ((text, _), ly) in end_labels.iter().zip(placed) {
            svg.text(x(i) + 7.0, ly, Anchor::Start, 10.0, text, "");
        }
        svg.close();
    }

    // period labels, thinned when they would overlap (the latest period is always labelled)
    let widest = spec
        .periods
        .iter()
        .map(|p| text_width(p, 11.0))
        .fold(0.0, f64::max);
    let every = ((widest + 6.0) / step.max(1.0)).ceil().max(1.0) as usize;
    svg.open(r#"class="gf-tick-labels" fill="currentColor" fill-opacity="0.75""#);
    for (i, p) in spec.periods.iter().enumerate() {
        if (n - 1 - i) % every == 0 {
            svg.text(x(i), plot_bottom + 13.0, Anchor::Middle, 11.0, p, "");
        }
    }
    svg.close();
    svg.finish()
}

/// Runs of consecutive indices `0..n` where `keep` holds.
fn runs(n: usize, keep: impl Fn(usize) -> bool) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut cur = Vec::new();
    for i in 0..n {
        if keep(i) {
            cur.push(i);
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// A series as lines over its runs of present values; a lone value becomes a dot of radius `dot`.
fn line_series(
    svg: &mut Svg,
    n: usize,
    s: &[Option<f64>],
    x: &impl Fn(usize) -> f64,
    y: &Linear,
    attrs: &str,
    dot: f64,
) {
    for run in runs(n, |i| at(s, i).is_some()) {
        if run.len() == 1 {
            if dot > 0.0 {
                let i = run[0];
                svg.circle(
                    x(i),
                    y.at(at(s, i).unwrap_or(0.0)),
                    dot,
                    &attrs.replace(r#"fill="none""#, r#"fill="currentColor""#),
                );
            }
            continue;
        }
        let pts: Vec<(f64, f64)> = run
            .iter()
            .map(|&i| (x(i), y.at(at(s, i).unwrap_or(0.0))))
            .collect();
        svg.path(&pts, false, attrs);
    }
}

/// The one-paragraph summary for `<desc>`.
fn describe(spec: &FanSpec) -> String {
    let lang = spec.lang;
    let u = unit_suffix(&spec.unit);
    let n = spec.periods.len();
    let mut out = String::new();
    let last = (0..n).rev().find(|&i| at(&spec.p50, i).is_some());
    match last {
        Some(i) => {
            let label = &spec.periods[i];
            let m = format_short(at(&spec.p50, i).unwrap_or(0.0));
            let range = match (at(&spec.p10, i), at(&spec.p90, i)) {
                (Some(a), Some(b)) => Some(format!("{}–{}{u}", format_short(a), format_short(b))),
                _ => None,
            };
            match lang {
                Lang::Zh => {
                    out.push_str(&format!("{label}累计产值中位数 {m}{u}"));
                    if let Some(r) = range {
                        out.push_str(&format!("，80% 区间 {r}"));
                    }
                }
                Lang::En => {
                    out.push_str(&format!("Median YTD output at {label}: {m}{u}"));
                    if let Some(r) = range {
                        out.push_str(&format!(", 80% range {r}"));
                    }
                }
            }
        }
        None => out.push_str(tr(lang, "没有预测值", "No forecast values")),
    }
    if let Some(t) = finite(spec.annual_target) {
        let t = format_short(t);
        out.push_str(&match lang {
            Lang::Zh => format!("；年度目标 {t}{u}"),
            Lang::En => format!("; annual target {t}{u}"),
        });
        if let Some(p) = spec.probability.filter(|p| p.is_finite()) {
            let p = format_share(p);
            out.push_str(&match lang {
                Lang::Zh => format!("，达到目标的概率 {p}"),
                Lang::En => format!(", probability of reaching it {p}"),
            });
        }
    }
    out.push_str(tr(lang, "。", "."));
    if let Some(i) = (0..n).rev().find(|&i| at(&spec.actual, i).is_some()) {
        let v = format_short(at(&spec.actual, i).unwrap_or(0.0));
        let label = &spec.periods[i];
        out.push_str(&match lang {
            Lang::Zh => format!("实际累计已知至{label}：{v}{u}。"),
            Lang::En => format!(" Actual YTD known to {label}: {v}{u}."),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> FanSpec {
        FanSpec {
            title: "t".into(),
            unit: "亿元".into(),
            lang: Lang::Zh,
            width: None,
            height: None,
            id: None,
            periods: vec!["1–2月".into(), "3月".into(), "4月".into()],
            p10: vec![None, Some(1200.0), Some(1500.0)],
            p25: vec![],
            p50: vec![None, Some(1250.0), Some(1560.0)],
            p75: vec![],
            p90: vec![None, Some(1300.0), Some(1620.0)],
            actual: vec![Some(560.0), None, None],
            target_path: vec![],
            pace: vec![],
            annual_target: 3600.0,
            probability: Some(0.62),
        }
    }

    #[test]
    fn summary_names_the_last_median_range_target_and_actual() {
        assert_eq!(
            describe(&spec()),
            "4月累计产值中位数 1,560 亿元，80% 区间 1,500–1,620 亿元；年度目标 3,600 亿元，达到目标的概率 62%。实际累计已知至1–2月：560 亿元。"
        );
        let mut en = spec();
        en.lang = Lang::En;
        en.unit = "100m yuan".into();
        assert_eq!(
            describe(&en),
            "Median YTD output at 4月: 1,560 100m yuan, 80% range 1,500–1,620 100m yuan; annual target 3,600 100m yuan, probability of reaching it 62%. Actual YTD known to 1–2月: 560 100m yuan."
        );
    }

    #[test]
    fn runs_split_at_gaps() {
        let s = [Some(1.0), Some(2.0), None, Some(3.0)];
        assert_eq!(runs(4, |i| at(&s, i).is_some()), vec![vec![0, 1], vec![3]]);
        assert!(runs(0, |_| true).is_empty());
    }

    #[test]
    fn json_is_camel_case_and_lang_is_a_code() {
        let json = serde_json::to_value(spec()).unwrap();
        assert_eq!(json["annualTarget"], 3600.0);
        assert_eq!(json["lang"], "zh");
        let back: FanSpec = serde_json::from_value(json).unwrap();
        assert_eq!(back, spec());
        let bad = serde_json::from_str::<FanSpec>(r#"{"periods":[],"annualTarget":1,"lang":"fr"}"#);
        assert!(bad.unwrap_err().to_string().contains("\"zh\" or \"en\""));
        let typo =
            serde_json::from_str::<FanSpec>(r#"{"periods":[],"annualTarget":1,"anualTarget":1}"#);
        assert!(typo.is_err());
    }
}
