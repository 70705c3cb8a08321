//! Tornado of the ledgers' swings: one bar per ledger from the annual total with that ledger at
//! its p10 to the total with it at its p90 (every other ledger at its median), sorted by swing,
//! around a centre line at the median total, with the two totals written at the bar ends.
//!
//! The part of a bar below the median total is sand, the part above is slate (no red/green
//! meaning); the values at both ends say the same in numbers.

use serde::{Deserialize, Serialize};

use super::axis::{draw_x_axis, fit_x_ticks, format_amount, format_short, Linear};
use super::layout::{header, text_width, truncate, LegendItem, Mark, PAD};
use super::svg::{ink_stroke, Anchor, Svg, DOWN, UP};
use super::{axis_title, finite, id_of, lang_serde, size, tr, unit_suffix};
use crate::error::Lang;

/// One ledger in a tornado.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TornadoRow {
    /// Ledger name.
    pub label: String,
    /// Annual total with this ledger at its p10 and the others at their medians.
    pub at_p10: f64,
    /// Annual total with this ledger at its p90 and the others at their medians.
    pub at_p90: f64,
}

impl TornadoRow {
    /// |at_p90 − at_p10|, or −1 when either end is not finite (sorted last).
    fn swing(&self) -> f64 {
        match (finite(self.at_p10), finite(self.at_p90)) {
            (Some(a), Some(b)) => (b - a).abs(),
            _ => -1.0,
        }
    }
}

/// What to draw in a tornado. JSON field names are camelCase (`atP10`, `atP90`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TornadoSpec {
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
    /// The median annual total: the centre line.
    pub median: f64,
    /// One row per ledger, in any order (drawn sorted by swing, largest first).
    pub rows: Vec<TornadoRow>,
}

/// The rows sorted by swing, largest first; ties keep their input order.
fn sorted(rows: &[TornadoRow]) -> Vec<&TornadoRow> {
    let mut out: Vec<&TornadoRow> = rows.iter().collect();
    out.sort_by(|a, b| b.swing().total_cmp(&a.swing()));
    out
}

/// Draws a tornado.
///
/// Never panics: rows with a NaN end are listed last without a bar; a NaN median draws no
/// centre line.
pub fn render_tornado(spec: &TornadoSpec) -> String {
    let lang = spec.lang;
    let rows = sorted(&spec.rows);
    let median = finite(spec.median);

    let legend = vec![
        LegendItem::new(
            Mark::Swatch(DOWN),
            tr(lang, "合计低于中位数", "Total below the median"),
        ),
        LegendItem::new(
            Mark::Swatch(UP),
            tr(lang, "合计高于中位数", "Total above the median"),
        ),
        LegendItem::new(
            Mark::Line(None, None),
            tr(lang, "中位数合计", "Median total"),
        ),
    ];

    let (w, _) = size(spec.width, None, 0.0);
    let needed = 60.0 + 22.0 + rows.len().max(1) as f64 * 28.0 + 62.0;
    let (_, h) = size(
        spec.width,
        spec.height.or(Some(needed.max(super::DEFAULT_HEIGHT))),
        super::DEFAULT_HEIGHT,
    );
    let title = if spec.title.trim().is_empty() {
        tr(lang, "各账摆幅（龙卷风图）", "Ledger swings (tornado)").to_string()
    } else {
        spec.title.clone()
    };
    let mut svg = Svg::new(
        "tornado",
        id_of("tornado", spec.id.as_deref(), spec),
        w,
        h,
        &title,
        &describe(spec),
    );
    let top = header(&mut svg, &spec.title, &legend, w);

    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for r in &rows {
        for v in [r.at_p10, r.at_p90].into_iter().filter_map(finite) {
            lo = lo.min(v);
            hi = hi.max(v);
        }
    }
    if let Some(m) = median {
        lo = lo.min(m);
        hi = hi.max(m);
    }
    let ends = |r: &TornadoRow| match (finite(r.at_p10), finite(r.at_p90)) {
        (Some(a), Some(b)) => Some((a.min(b), a.max(b))),
        _ => None,
    };
    let low_w = rows
        .iter()
        .filter_map(|r| ends(r))
        .map(|(a, _)| text_width(&format_amount(a), 11.0))
        .fold(0.0, f64::max);
    let high_w = rows
        .iter()
        .filter_map(|r| ends(r))
        .map(|(_, b)| text_width(&format_amount(b), 11.0))
        .fold(0.0, f64::max);
    let label_w = rows
        .iter()
        .map(|r| text_width(&r.label, 12.0))
        .fold(0.0, f64::max)
        .min(w * 0.3);
    let plot_left = PAD + label_w + 12.0 + low_w + 6.0;
    let plot_right = (w - PAD - high_w - 6.0).max(plot_left + 20.0);
    let plot_top = top + 22.0;
    let plot_bottom = h - 62.0;
    let ticks = fit_x_ticks(lo, hi, plot_right - plot_left, 80.0);
    let x = Linear {
        d0: ticks.lo,
        d1: ticks.hi,
        r0: plot_left,
        r1: plot_right,
    };
    draw_x_axis(&mut svg, &ticks, &x, plot_top, plot_bottom);
    svg.text(
        plot_right,
        plot_bottom + 30.0,
        Anchor::End,
        11.0,
        &axis_title(lang, "全年合计", "Annual total", &spec.unit),
        r#"class="gf-axis-title" fill="currentColor" fill-opacity="0.75""#,
    );
    svg.text(
        PAD,
        plot_bottom + 48.0,
        Anchor::Start,
        11.0,
        &truncate(
            tr(
                lang,
                "条形两端：该账取 p10、p90，其余各账取中位数时的全年合计",
                "Bar ends: annual total with this ledger at its p10 and p90, the others at their medians",
            ),
            11.0,
            w - 2.0 * PAD,
        ),
        r#"class="gf-note" fill="currentColor" fill-opacity="0.75""#,
    );

    let band = (plot_bottom - plot_top) / rows.len().max(1) as f64;
    let bar_h = (band * 0.62).min(20.0);
    let centre = median.map(|m| x.at(m));
    for (i, r) in rows.iter().enumerate() {
        let y = plot_top + (i as f64 + 0.5) * band;
        let shown = truncate(&r.label, 12.0, label_w);
        svg.text_with_tooltip(
            PAD + label_w,
            y,
            Anchor::End,
            12.0,
            &shown,
            &r.label,
            r#"class="gf-row-label" fill="currentColor""#,
        );
        let Some((a, b)) = ends(r) else {
            svg.text(
                plot_left,
                y,
                Anchor::Start,
                11.0,
                "—",
                r#"class="gf-value" fill="currentColor""#,
            );
            continue;
        };
        let (xa, xb) = (x.at(a), x.at(b));
        let mid = centre.unwrap_or(xa).clamp(xa, xb);
        if mid > xa {
            let attrs = svg.paint(DOWN);
            svg.rect(xa, y - bar_h / 2.0, mid - xa, bar_h, &attrs);
        }
        if xb > mid {
            let attrs = svg.paint(UP);
            svg.rect(mid, y - bar_h / 2.0, xb - mid, bar_h, &attrs);
        }
        if xb - xa < 1.0 {
            // no swing: a hairline where it sits
            svg.line(xa, y - bar_h / 2.0, xa, y + bar_h / 2.0, &ink_stroke(0.6));
        }
        svg.open(r#"class="gf-value" fill="currentColor""#);
        svg.text(xa - 5.0, y, Anchor::End, 11.0, &format_amount(a), "");
        svg.text(xb + 5.0, y, Anchor::Start, 11.0, &format_amount(b), "");
        svg.close();
    }

    if let (Some(m), Some(cx)) = (median, centre) {
        svg.line(
            cx,
            plot_top - 6.0,
            cx,
            plot_bottom,
            &format!(
                r#"class="gf-centre" stroke-width="1.5" {}"#,
                ink_stroke(1.0)
            ),
        );
        let label = format!("{} {}", tr(lang, "中位数", "Median"), format_amount(m));
        let half = text_width(&label, 11.0) / 2.0;
        let lx = cx.clamp(PAD + half, (w - PAD - half).max(PAD + half));
        svg.text(
            lx,
            plot_top - 13.0,
            Anchor::Middle,
            11.0,
            &label,
            r#"class="gf-centre-label" fill="currentColor""#,
        );
    }
    svg.finish()
}

/// The one-paragraph summary for `<desc>`: the median and the three largest swings.
fn describe(spec: &TornadoSpec) -> String {
    let lang = spec.lang;
    let u = unit_suffix(&spec.unit);
    let mut out = match finite(spec.median) {
        Some(m) => match lang {
            Lang::Zh => format!("全年合计中位数 {}{u}。", format_short(m)),
            Lang::En => format!("Median annual total {}{u}.", format_short(m)),
        },
        None => String::new(),
    };
    let top: Vec<String> = sorted(&spec.rows)
        .into_iter()
        .filter(|r| r.swing() >= 0.0)
        .take(3)
        .map(|r| {
            let (a, b) = (r.at_p10.min(r.at_p90), r.at_p10.max(r.at_p90));
            let (a, b, s) = (format_short(a), format_short(b), format_short(r.swing()));
            match lang {
                Lang::Zh => format!("{}（{a}–{b}{u}，摆幅 {s}{u}）", r.label),
                Lang::En => format!("{} ({a}–{b}{u}, swing {s}{u})", r.label),
            }
        })
        .collect();
    if top.is_empty() {
        out.push_str(tr(lang, "没有各账的摆幅。", " No ledger swings."));
    } else {
        out.push_str(&match lang {
            Lang::Zh => format!("摆幅最大的账：{}。", top.join("；")),
            Lang::En => format!(" Largest swings: {}.", top.join("; ")),
        });
    }
    out.trim_start().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(label: &str, a: f64, b: f64) -> TornadoRow {
        TornadoRow {
            label: label.into(),
            at_p10: a,
            at_p90: b,
        }
    }

    #[test]
    fn rows_sort_by_swing_and_nan_goes_last() {
        let rows = vec![
            row("a", 10.0, 12.0),
            row("nan", f64::NAN, 1.0),
            row("b", 5.0, 15.0),
            row("c", 12.0, 9.0),
        ];
        let names: Vec<&str> = sorted(&rows).iter().map(|r| r.label.as_str()).collect();
        assert_eq!(names, ["b", "c", "a", "nan"]);
    }

    #[test]
    fn summary_names_the_largest_swings() {
        let spec = TornadoSpec {
            title: String::new(),
            unit: "亿元".into(),
            lang: Lang::Zh,
            width: None,
            height: None,
            id: None,
            median: 3620.0,
            rows: vec![
                row("退规退库", 3650.0, 3590.0),
                row("招商落地", 3600.0, 3700.0),
            ],
        };
        assert_eq!(
            describe(&spec),
            "全年合计中位数 3,620 亿元。摆幅最大的账：招商落地（3,600–3,700 亿元，摆幅 100 亿元）；退规退库（3,590–3,650 亿元，摆幅 60 亿元）。"
        );
    }
}
