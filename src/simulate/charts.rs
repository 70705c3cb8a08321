//! The simulation's charts as SVG, in the user's language: fan, waterfall, tornado and histogram,
//! built from a [`SimSummary`] by the pure renderers of [`crate::chart`].
//!
//! # Example
//! ```
//! use gapcast::{simulate::{simulate, charts::charts}, Lang, Scenario};
//! let s = simulate(&Scenario::from_json(gapcast::examples::QIANTANG_2023)?, Some(500), Some(1))?;
//! let c = charts(&s, Lang::Zh);
//! assert!(c.fan.starts_with("<svg") && c.tornado.contains("十本账"));
//! # Ok::<(), gapcast::Error>(())
//! ```

use serde::Serialize;

use super::SimSummary;
use crate::chart::{
    render_fan, render_histogram, render_tornado, render_waterfall, FanSpec, HistogramBin,
    HistogramSpec, TornadoRow, TornadoSpec, WaterfallSpec, WaterfallStep,
};
use crate::error::Lang;

/// The four charts as SVG strings.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SimCharts {
    /// Cumulative total by period, p10–p90 band, median, actual, target path.
    pub fan: String,
    /// Base → each ledger (mean, p10–p90) → total, against the target.
    pub waterfall: String,
    /// Each ledger's swing of the total.
    pub tornado: String,
    /// Distribution of the total.
    pub histogram: String,
}

fn period_label(months: &[u8], lang: Lang) -> String {
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    match (lang, months) {
        (Lang::Zh, [a, .., b]) => format!("{a}–{b}月"),
        (Lang::Zh, [a]) => format!("{a}月"),
        (Lang::En, [a, .., b]) => {
            format!("{}–{}", EN[usize::from(*a) - 1], EN[usize::from(*b) - 1])
        }
        (Lang::En, [a]) => EN[usize::from(*a) - 1].to_string(),
        _ => String::new(),
    }
}

/// Renders the four charts of a simulation in `lang`.
pub fn charts(s: &SimSummary, lang: Lang) -> SimCharts {
    let zh = lang == Lang::Zh;
    let unit = s.unit.label(lang).to_string();
    let t = |a: &str, b: &str| if zh { a.to_string() } else { b.to_string() };
    let some = |v: &[f64]| v.iter().map(|x| Some(*x)).collect::<Vec<_>>();
    let fan = render_fan(&FanSpec {
        title: t(
            "累计产值扇形图（10%–90% 区间）",
            "Cumulative output fan (10–90% band)",
        ),
        unit: unit.clone(),
        lang,
        width: None,
        height: None,
        id: Some("gf-fan".into()),
        periods: s.fan.months.iter().map(|m| period_label(m, lang)).collect(),
        p10: some(&s.fan.p10),
        p25: Vec::new(),
        p50: some(&s.fan.p50),
        p75: Vec::new(),
        p90: some(&s.fan.p90),
        actual: s.fan.actual.clone(),
        target_path: some(&s.fan.target_path),
        pace: Vec::new(),
        annual_target: s.target,
        probability: Some(s.meet.p),
    });
    let waterfall = render_waterfall(&WaterfallSpec {
        title: t(
            "十本账瀑布图（均值，10%–90% 区间）",
            "Ten-ledger waterfall (mean, 10–90% range)",
        ),
        unit: unit.clone(),
        lang,
        width: None,
        height: None,
        id: Some("gf-waterfall".into()),
        base_label: t("本年自身产值", "Own output"),
        base: s.base.mean,
        steps: s
            .ledgers
            .iter()
            .map(|l| WaterfallStep {
                label: l.name.clone(),
                mean: l.effect.mean,
                p10: Some(l.effect.p10),
                p90: Some(l.effect.p90),
            })
            .collect(),
        total_label: t("全年合计", "Annual total"),
        total: Some(s.total.mean),
        total_p10: Some(s.total.p10),
        total_p90: Some(s.total.p90),
        target: Some(s.target),
    });
    let tornado = render_tornado(&TornadoSpec {
        title: t(
            "十本账敏感性（各账从 10% 到 90% 分位）",
            "Ten-ledger sensitivity (each ledger from p10 to p90)",
        ),
        unit: unit.clone(),
        lang,
        width: None,
        height: None,
        id: Some("gf-tornado".into()),
        median: s.total.p50,
        rows: s
            .tornado
            .iter()
            .map(|w| TornadoRow {
                label: w.name.clone(),
                at_p10: w.low,
                at_p90: w.high,
            })
            .collect(),
    });
    let histogram = render_histogram(&HistogramSpec {
        title: t("全年总产值分布", "Distribution of the annual total"),
        unit,
        lang,
        width: None,
        height: None,
        id: Some("gf-histogram".into()),
        bins: s
            .histogram
            .counts
            .iter()
            .enumerate()
            .map(|(i, &c)| HistogramBin {
                lo: s.histogram.edges[i],
                hi: s.histogram.edges[i + 1],
                count: c as u64,
            })
            .collect(),
        target: Some(s.target),
        share_at_or_above: Some(s.meet.p),
        p10: Some(s.total.p10),
        p50: Some(s.total.p50),
        p90: Some(s.total.p90),
    });
    SimCharts {
        fan,
        waterfall,
        tornado,
        histogram,
    }
}
