//! Waterfall of the ledger account: base → each ledger (signed mean, with a p10–p90 whisker) →
//! total, against the target.
//!
//! Drawn with horizontal rows so ledger names of any length stay readable (one row per ledger;
//! the chart grows with the rows when no height is given). Increases are slate, decreases sand,
//! and every value label carries its sign (`+45.20`, `−12.30`): colour is never the only cue, and
//! neither colour means "good" or "bad". The value axis is fitted to the levels and need not
//! start at zero (then the base and total bars start at the axis, which carries a break mark).

use serde::{Deserialize, Serialize};

use super::axis::{
    draw_break_x, draw_x_axis, fit_x_ticks, format_amount, format_short, format_signed, Linear,
};
use super::layout::{header, text_width, truncate, LegendItem, Mark, PAD};
use super::svg::{ink_stroke, Anchor, Svg, BASE, DOWN, HALO, TARGET, TOTAL, UP};
use super::{axis_title, finite, id_of, lang_serde, size, tr, unit_suffix};
use crate::error::Lang;

/// One ledger's step in a waterfall.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WaterfallStep {
    /// Ledger name, e.g. `新建项目投产`.
    pub label: String,
    /// Signed mean effect on the total (negative for a decrease). A NaN step is listed, not drawn.
    pub mean: f64,
    /// 10th percentile of the signed effect (whisker start; optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p10: Option<f64>,
    /// 90th percentile of the signed effect (whisker end; optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p90: Option<f64>,
}

/// What to draw in a waterfall. JSON field names are camelCase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WaterfallSpec {
    /// Chart title (also the accessible name).
    #[serde(default)]
    pub title: String,
    /// Unit of every value, e.g. `亿元`.
    #[serde(default)]
    pub unit: String,
    /// `"zh"` (default) or `"en"`.
    #[serde(default = "lang_serde::default", with = "lang_serde")]
    pub lang: Lang,
    /// Width in px (default 640).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<f64>,
    /// Height in px (default: 360, or more when the rows need it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<f64>,
    /// Prefix of the element ids (default: derived from the spec).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Label of the base bar (default `基数` / `Base`).
    #[serde(default)]
    pub base_label: String,
    /// The base level, e.g. last year's total.
    pub base: f64,
    /// One step per ledger, in the order drawn.
    pub steps: Vec<WaterfallStep>,
    /// Label of the total bar (default `合计` / `Total`).
    #[serde(default)]
    pub total_label: String,
    /// The total (default: base + the sum of the steps' means).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<f64>,
    /// 10th percentile of the total (optional whisker).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_p10: Option<f64>,
    /// 90th percentile of the total (optional whisker).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_p90: Option<f64>,
    /// The target, drawn as a dashed rule labelled 目标 / Target (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
}

/// One drawn row.
struct Row {
    label: String,
    kind: Kind,
    /// Bar from..to (None: nothing to draw).
    bar: Option<(f64, f64)>,
    whisker: Option<(f64, f64)>,
    value: String,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Base,
    Up,
    Down,
    Total,
}

/// Draws a waterfall.
///
/// Never panics: NaN steps are listed without a bar, a NaN base counts as 0.
pub fn render_waterfall(spec: &WaterfallSpec) -> String {
    let lang = spec.lang;
    let base = finite(spec.base).unwrap_or(0.0);
    let total = spec.total.and_then(finite).unwrap_or_else(|| {
        base + spec
            .steps
            .iter()
            .filter_map(|s| finite(s.mean))
            .sum::<f64>()
    });
    let target = spec.target.and_then(finite);

    // levels, for the domain
    let mut rows = Vec::with_capacity(spec.steps.len() + 2);
    let mut level = base;
    let mut lo = base.min(total);
    let mut hi = base.max(total);
    rows.push(Row {
        label: or_default(&spec.base_label, tr(lang, "基数", "Base")),
        kind: Kind::Base,
        bar: Some((f64::NAN, base)),
        whisker: None,
        value: format_amount(base),
    });
    for s in &spec.steps {
        let Some(mean) = finite(s.mean) else {
            rows.push(Row {
                label: s.label.clone(),
                kind: Kind::Up,
                bar: None,
                whisker: None,
                value: "—".into(),
            });
            continue;
        };
        let whisker = match (s.p10.and_then(finite), s.p90.and_then(finite)) {
            (Some(a), Some(b)) => Some((level + a.min(b), level + a.max(b))),
            _ => None,
        };
        let next = level + mean;
        for v in [level, next]
            .into_iter()
            .chain(whisker.into_iter().flat_map(|(a, b)| [a, b]))
        {
            lo = lo.min(v);
            hi = hi.max(v);
        }
        rows.push(Row {
            label: s.label.clone(),
            kind: if mean < 0.0 { Kind::Down } else { Kind::Up },
            bar: Some((level, next)),
            whisker,
            value: format_signed(mean),
        });
        level = next;
    }
    let total_whisker = match (
        spec.total_p10.and_then(finite),
        spec.total_p90.and_then(finite),
    ) {
        (Some(a), Some(b)) => {
            lo = lo.min(a.min(b));
            hi = hi.max(a.max(b));
            Some((a.min(b), a.max(b)))
        }
        _ => None,
    };
    rows.push(Row {
        label: or_default(&spec.total_label, tr(lang, "合计", "Total")),
        kind: Kind::Total,
        bar: Some((f64::NAN, total)),
        whisker: total_whisker,
        value: format_amount(total),
    });
    if let Some(t) = target {
        lo = lo.min(t);
        hi = hi.max(t);
    }

    let has_up = rows.iter().any(|r| r.kind == Kind::Up && r.bar.is_some());
    let has_down = rows.iter().any(|r| r.kind == Kind::Down);
    let mut legend = Vec::new();
    if has_up {
        legend.push(LegendItem::new(
            Mark::Swatch(UP),
            tr(lang, "增加（+）", "Increase (+)"),
        ));
    }
    if has_down {
        legend.push(LegendItem::new(
            Mark::Swatch(DOWN),
            tr(lang, "减少（−）", "Decrease (−)"),
        ));
    }
    legend.push(LegendItem::new(
        Mark::Swatch(TOTAL),
        tr(lang, "合计", "Total"),
    ));
    if rows.iter().any(|r| r.whisker.is_some()) {
        legend.push(LegendItem::new(
            Mark::Whisker,
            tr(lang, "p10–p90 区间", "p10–p90 range"),
        ));
    }
    if target.is_some() {
        legend.push(LegendItem::new(
            Mark::Line(Some(TARGET), Some("6 3")),
            tr(lang, "目标", "Target"),
        ));
    }

    let (w, _) = size(spec.width, None, 0.0);
    // a header of up to three legend rows, then 28 px per row, then the axis
    let needed =
        60.0 + 17.0 * (legend.len() as f64 / 3.0).floor() + 22.0 + rows.len() as f64 * 28.0 + 46.0;
    let (_, h) = size(
        spec.width,
        spec.height.or(Some(needed.max(super::DEFAULT_HEIGHT))),
        super::DEFAULT_HEIGHT,
    );

    let title = if spec.title.trim().is_empty() {
        tr(lang, "十本账瀑布图", "Ledger waterfall").to_string()
    } else {
        spec.title.clone()
    };
    let desc = describe(spec, base, total, target);
    let mut svg = Svg::new(
        "waterfall",
        id_of("waterfall", spec.id.as_deref(), spec),
        w,
        h,
        &title,
        &desc,
    );
    let top = header(&mut svg, &spec.title, &legend, w);

    let label_w = rows
        .iter()
        .map(|r| text_width(&r.label, 12.0))
        .fold(0.0, f64::max)
        .min(w * 0.32);
    let value_w = rows
        .iter()
        .map(|r| text_width(&r.value, 11.0))
        .fold(0.0, f64::max);
    let plot_left = PAD + label_w + 12.0;
    let plot_right = (w - PAD - value_w - 8.0).max(plot_left + 20.0);
    let plot_top = top + 22.0;
    let plot_bottom = h - 46.0;
    let ticks = fit_x_ticks(lo, hi, plot_right - plot_left, 80.0);
    let x = Linear {
        d0: ticks.lo,
        d1: ticks.hi,
        r0: plot_left,
        r1: plot_right,
    };
    let origin = 0f64.clamp(ticks.lo, ticks.hi);

    draw_x_axis(&mut svg, &ticks, &x, plot_top, plot_bottom);
    svg.line(
        plot_left,
        plot_bottom,
        plot_right,
        plot_bottom,
        &format!(r#"class="gf-axis-line" {}"#, ink_stroke(0.45)),
    );
    if ticks.lo > 0.0 {
        draw_break_x(&mut svg, plot_left, plot_bottom);
    }
    svg.text(
        plot_right,
        plot_bottom + 30.0,
        Anchor::End,
        11.0,
        &axis_title(lang, "产值", "Output", &spec.unit),
        r#"class="gf-axis-title" fill="currentColor" fill-opacity="0.75""#,
    );

    let band = (plot_bottom - plot_top) / rows.len() as f64;
    let bar_h = (band * 0.62).min(20.0);
    let cy = |i: usize| plot_top + (i as f64 + 0.5) * band;

    // connectors between consecutive levels
    svg.open(&format!(
        r#"class="gf-connectors" {} stroke-dasharray="2 2""#,
        ink_stroke(0.5)
    ));
    let mut prev: Option<(usize, f64)> = None;
    for (i, r) in rows.iter().enumerate() {
        let Some((from, to)) = r.bar else { continue };
        let start = if from.is_nan() { origin } else { from };
        if let Some((j, lvl)) = prev {
            if from.is_nan() || (start - lvl).abs() < 1e-9 {
                let lx = x.at(lvl);
                svg.line(lx, cy(j) + bar_h / 2.0, lx, cy(i) - bar_h / 2.0, "");
            }
        }
        prev = Some((i, to));
    }
    svg.close();

    // bars, whiskers and labels
    let attrs_of = |svg: &mut Svg, k: Kind| match k {
        Kind::Base => svg.paint(BASE),
        Kind::Up => svg.paint(UP),
        Kind::Down => svg.paint(DOWN),
        Kind::Total => svg.paint(TOTAL),
    };
    for (i, r) in rows.iter().enumerate() {
        let y = cy(i);
        let shown = truncate(&r.label, 12.0, label_w);
        let weight = if matches!(r.kind, Kind::Base | Kind::Total) {
            r#" font-weight="600""#
        } else {
            ""
        };
        svg.text_with_tooltip(
            plot_left - 10.0,
            y,
            Anchor::End,
            12.0,
            &shown,
            &r.label,
            &format!(r#"class="gf-row-label" fill="currentColor"{weight}"#),
        );
        let mut right = plot_left;
        if let Some((from, to)) = r.bar {
            let from = if from.is_nan() { origin } else { from };
            let (a, b) = (x.at(from), x.at(to));
            let attrs = attrs_of(&mut svg, r.kind);
            // at least 1 px, so a zero step still shows where it is
            let (a, b) = if (b - a).abs() < 1.0 {
                (a - 0.5, a + 0.5)
            } else {
                (a, b)
            };
            svg.rect(a, y - bar_h / 2.0, b - a, bar_h, &attrs);
            right = a.max(b);
        }
        if let Some((p10, p90)) = r.whisker {
            let (a, b) = (x.at(p10), x.at(p90));
            let whisker = [
                (a, y, b, y),
                (a, y - 4.0, a, y + 4.0),
                (b, y - 4.0, b, y + 4.0),
            ];
            let halo = format!(
                r#"{} stroke-width="3" stroke-linecap="round""#,
                svg.paint(HALO)
            );
            svg.open(&halo);
            for (x1, y1, x2, y2) in whisker {
                svg.line(x1, y1, x2, y2, "");
            }
            svg.close();
            svg.open(&format!(r#"class="gf-whisker" {}"#, ink_stroke(0.85)));
            for (x1, y1, x2, y2) in whisker {
                svg.line(x1, y1, x2, y2, "");
            }
            svg.close();
            right = right.max(b);
        }
        svg.text(
            right + 5.0,
            y,
            Anchor::Start,
            11.0,
            &r.value,
            &format!(r#"class="gf-value" fill="currentColor"{weight}"#),
        );
    }

    if let Some(t) = target {
        let tx = x.at(t);
        let attrs = format!(
            r#"{} stroke-width="1.5" stroke-dasharray="6 3""#,
            svg.paint(TARGET)
        );
        svg.line(tx, plot_top - 6.0, tx, plot_bottom, &attrs);
        let label = format!("{} {}", tr(lang, "目标", "Target"), format_short(t));
        let half = text_width(&label, 11.0) / 2.0;
        let lx = tx.clamp(plot_left + half, (w - PAD - half).max(plot_left + half));
        svg.text(
            lx,
            plot_top - 13.0,
            Anchor::Middle,
            11.0,
            &label,
            r#"class="gf-target-label" fill="currentColor""#,
        );
    }
    svg.finish()
}

fn or_default(s: &str, default: &str) -> String {
    if s.trim().is_empty() {
        default.to_string()
    } else {
        s.to_string()
    }
}

/// The one-paragraph summary for `<desc>`.
fn describe(spec: &WaterfallSpec, base: f64, total: f64, target: Option<f64>) -> String {
    let lang = spec.lang;
    let u = unit_suffix(&spec.unit);
    let base_label = or_default(&spec.base_label, tr(lang, "基数", "Base"));
    let total_label = or_default(&spec.total_label, tr(lang, "合计", "Total"));
    let ups: Vec<f64> = spec
        .steps
        .iter()
        .filter_map(|s| finite(s.mean))
        .filter(|m| *m >= 0.0)
        .collect();
    let downs: Vec<f64> = spec
        .steps
        .iter()
        .filter_map(|s| finite(s.mean))
        .filter(|m| *m < 0.0)
        .collect();
    let up = format_signed(ups.iter().sum());
    let down = format_signed(downs.iter().sum());
    let (nu, nd) = (ups.len(), downs.len());
    let (b, t) = (format_short(base), format_short(total));
    let mut out = match lang {
        Lang::Zh => format!(
            "{base_label} {b}{u}；{nu} 项增加合计 {up}{u}，{nd} 项减少合计 {down}{u}；{total_label} {t}{u}"
        ),
        Lang::En => format!(
            "{base_label} {b}{u}; {nu} {} {up}{u}, {nd} {} {down}{u}; {total_label} {t}{u}",
            if nu == 1 { "increase" } else { "increases" },
            if nd == 1 { "decrease" } else { "decreases" },
        ),
    };
    if let Some(target) = target {
        let gap = total - target;
        let d = format_short(gap.abs());
        let tt = format_short(target);
        out.push_str(&match (lang, gap.abs() < 0.005, gap > 0.0) {
            (Lang::Zh, true, _) => format!("，与目标 {tt}{u}持平"),
            (Lang::Zh, false, true) => format!("，比目标 {tt}{u}高 {d}{u}"),
            (Lang::Zh, false, false) => format!("，比目标 {tt}{u}低 {d}{u}"),
            (Lang::En, true, _) => format!(", equal to the target {tt}{u}"),
            (Lang::En, false, true) => format!(", {d}{u} above the target {tt}{u}"),
            (Lang::En, false, false) => format!(", {d}{u} below the target {tt}{u}"),
        });
    }
    out.push_str(tr(lang, "。", "."));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(lang: Lang) -> WaterfallSpec {
        WaterfallSpec {
            title: String::new(),
            unit: "亿元".into(),
            lang,
            width: None,
            height: None,
            id: None,
            base_label: String::new(),
            base: 3520.16,
            steps: vec![
                WaterfallStep {
                    label: "新建项目投产".into(),
                    mean: 198.41,
                    p10: None,
                    p90: None,
                },
                WaterfallStep {
                    label: "退规退库".into(),
                    mean: -118.57,
                    p10: None,
                    p90: None,
                },
            ],
            total_label: String::new(),
            total: None,
            total_p10: None,
            total_p90: None,
            target: Some(3600.0),
        }
    }

    #[test]
    fn summary_adds_up_and_compares_with_the_target() {
        assert_eq!(
            describe(&spec(Lang::Zh), 3520.16, 3600.0, Some(3600.0)),
            "基数 3,520.16 亿元；1 项增加合计 +198.41 亿元，1 项减少合计 −118.57 亿元；合计 3,600 亿元，与目标 3,600 亿元持平。"
        );
        assert_eq!(
            describe(&spec(Lang::En), 3520.16, 3590.0, Some(3600.0)),
            "Base 3,520.16 亿元; 1 increase +198.41 亿元, 1 decrease −118.57 亿元; Total 3,590 亿元, 10 亿元 below the target 3,600 亿元."
        );
    }

    #[test]
    fn total_defaults_to_base_plus_steps() {
        let svg = render_waterfall(&spec(Lang::Zh));
        assert!(svg.contains(">3,600</text>"), "{svg}");
        assert!(svg.contains(">+198.41</text>"));
        assert!(svg.contains(">\u{2212}118.57</text>"));
    }
}
