//! Red/yellow/green lights (红黄绿预警) for pace and gap, by the user's thresholds.
//!
//! There is no national standard, so thresholds are settings ([`LightRules`]) and every light is
//! returned with its rule in words, a level, a colour from the chosen palette (green or blue for
//! "good") and a status text in Chinese and English: never colour alone. Defaults (DESIGN.md): pace
//! light green when the pace gap ≥ 0 pp, yellow down to −3 pp, red below; gap light green when the
//! estimate reaches the target, yellow when the gap is within 2 % of the target, red beyond.
//!
//! # Example
//! ```
//! use gapcast::lights::{gap_light, GapSource, Level};
//! use gapcast::scenario::{LightRules, Unit};
//! let light = gap_light(&LightRules::default(), GapSource::LedgerAccount, 3600.0, 3560.0, Unit::Yi);
//! assert_eq!(light.level, Level::Watch); // 40 short = 1.11 % of the target, within 2 %
//! ```

use serde::Serialize;

use crate::error::num;
use crate::scenario::{LightRules, PaceBasis, Palette, Unit};

/// Status of a light.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Level {
    /// Green (or blue).
    Good,
    /// Yellow.
    Watch,
    /// Red.
    Alert,
    /// Not applicable (grey), e.g. no plan-year data for the pace light.
    None,
}

/// Which light.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum LightKind {
    /// Completion against pace.
    Pace,
    /// Estimate against target.
    Gap,
}

/// A light with everything needed to show it without colour alone.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Light {
    /// Pace or gap.
    pub kind: LightKind,
    /// Good, watch, alert or none.
    pub level: Level,
    /// `green`, `yellow`, `red`, `blue` or `grey`, from the palette.
    pub colour: &'static str,
    /// The measured value: pace gap in pp, or gap in % of the target.
    pub value: Option<f64>,
    /// Status in English.
    pub en: String,
    /// Status in Chinese.
    pub zh: String,
    /// Thresholds in English.
    pub rule_en: String,
    /// Thresholds in Chinese.
    pub rule_zh: String,
}

fn colour(level: Level, palette: Palette) -> &'static str {
    match (level, palette) {
        (Level::Good, Palette::RedYellowGreen) => "green",
        (Level::Good, Palette::RedYellowBlue) => "blue",
        (Level::Watch, _) => "yellow",
        (Level::Alert, _) => "red",
        (Level::None, _) => "grey",
    }
}

fn good_names(palette: Palette) -> (&'static str, &'static str) {
    match palette {
        Palette::RedYellowGreen => ("green", "绿"),
        Palette::RedYellowBlue => ("blue", "蓝"),
    }
}

/// Rounds away float noise before comparing with a threshold (1e-9 of a percentage point).
fn settle(x: f64) -> f64 {
    (x * 1e9).round() / 1e9
}

/// What the pace light measures, when the plan year has data.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PaceReading {
    /// Completion, %.
    pub completion_pct: f64,
    /// The pace compared with, %.
    pub pace_pct: f64,
    /// Which pace that is.
    pub basis: PaceBasis,
}

/// The pace light: completion − pace, in percentage points; `None` reading → not applicable.
pub fn pace_light(rules: &LightRules, reading: Option<PaceReading>, plan_year: i32) -> Light {
    let (g, y) = (rules.pace_green_at_least_pp, rules.pace_yellow_at_least_pp);
    let (good_en, good_zh) = good_names(rules.palette);
    let (basis_en, basis_zh) = match rules.pace_basis {
        PaceBasis::Seasonal => ("seasonal", "季节进度"),
        PaceBasis::Calendar => ("calendar", "序时进度"),
    };
    let rule_en = format!(
        "{good_en}: pace gap ≥ {} pp; yellow: {} pp ≤ pace gap < {} pp; red: pace gap < {} pp (completion against {basis_en} pace)",
        num(g),
        num(y),
        num(g),
        num(y)
    );
    let rule_zh = format!(
        "{good_zh}：进度差 ≥ {} 个百分点；黄：{} ≤ 进度差 < {} 个百分点；红：进度差 < {} 个百分点（完成率对比{basis_zh}）",
        num(g),
        num(y),
        num(g),
        num(y)
    );
    let Some(r) = reading else {
        return Light {
            kind: LightKind::Pace,
            level: Level::None,
            colour: colour(Level::None, rules.palette),
            value: None,
            en: format!(
                "no data for {plan_year} yet: the pace light starts with its first reported period"
            ),
            zh: format!("尚无 {plan_year} 年数据：首期数据公布后显示进度灯"),
            rule_en,
            rule_zh,
        };
    };
    let gap_pp = r.completion_pct - r.pace_pct;
    let level = match settle(gap_pp) {
        d if d >= g => Level::Good,
        d if d >= y => Level::Watch,
        _ => Level::Alert,
    };
    let (used_en, used_zh) = match r.basis {
        PaceBasis::Seasonal => ("seasonal pace", "季节进度"),
        PaceBasis::Calendar => ("calendar pace", "序时进度"),
    };
    let (state_en, state_zh) = match level {
        Level::Good => ("on or ahead of pace", "达到或快于进度"),
        Level::Watch => ("slightly behind pace", "略慢于进度"),
        _ => ("behind pace", "明显慢于进度"),
    };
    Light {
        kind: LightKind::Pace,
        level,
        colour: colour(level, rules.palette),
        value: Some(gap_pp),
        en: format!(
            "{state_en}: completion {:.2}% against {used_en} {:.2}% ({:+.2} pp)",
            r.completion_pct, r.pace_pct, gap_pp
        ),
        zh: format!(
            "{state_zh}：完成率 {:.2}%，{used_zh} {:.2}%（{:+.2} 个百分点）",
            r.completion_pct, r.pace_pct, gap_pp
        ),
        rule_en,
        rule_zh,
    }
}

/// Which estimate the gap light judges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GapSource {
    /// Base year + ledgers (plan view).
    LedgerAccount,
    /// Plan-year YTD extrapolated by the seasonal share.
    InYear,
}

/// The gap light: gap = target − estimate, as % of the target.
pub fn gap_light(
    rules: &LightRules,
    source: GapSource,
    target: f64,
    estimate: f64,
    unit: Unit,
) -> Light {
    let (g, y) = (rules.gap_green_at_most_pct, rules.gap_yellow_at_most_pct);
    let (good_en, good_zh) = good_names(rules.palette);
    let gap = target - estimate;
    let gap_pct = gap / target * 100.0;
    let level = match settle(gap_pct) {
        p if p <= g => Level::Good,
        p if p <= y => Level::Watch,
        _ => Level::Alert,
    };
    let (src_en, src_zh) = match source {
        GapSource::LedgerAccount => ("ledger-account projection", "十本账测算"),
        GapSource::InYear => ("in-year estimate", "年内预计"),
    };
    let (u_en, u) = (
        unit.label(crate::error::Lang::En),
        unit.label(crate::error::Lang::Zh),
    );
    let (en, zh) = if gap <= 0.0 {
        (
            format!(
                "reaches the target: {src_en} {:.2} {u_en} against {} {u_en}, {:.2} {u_en} above ({:.2}% of the target)",
                estimate,
                num(target),
                -gap,
                -gap_pct
            ),
            format!(
                "可完成目标：{src_zh} {:.2} {u}，目标 {} {u}，超出 {:.2} {u}（目标的 {:.2}%）",
                estimate,
                num(target),
                -gap,
                -gap_pct
            ),
        )
    } else {
        let (near_en, near_zh) = if level == Level::Alert {
            ("short of the target", "距目标缺口较大")
        } else {
            ("slightly short of the target", "距目标略有缺口")
        };
        (
            format!(
                "{near_en}: {src_en} {:.2} {u_en} against {} {u_en}, {:.2} {u_en} short ({:.2}% of the target)",
                estimate,
                num(target),
                gap,
                gap_pct
            ),
            format!(
                "{near_zh}：{src_zh} {:.2} {u}，目标 {} {u}，还差 {:.2} {u}（目标的 {:.2}%）",
                estimate,
                num(target),
                gap,
                gap_pct
            ),
        )
    };
    Light {
        kind: LightKind::Gap,
        level,
        colour: colour(level, rules.palette),
        value: Some(gap_pct),
        en,
        zh,
        rule_en: format!(
            "{good_en}: gap ≤ {}% of the target; yellow: {}% < gap ≤ {}%; red: gap > {}% (gap = target − estimate)",
            num(g),
            num(g),
            num(y),
            num(y)
        ),
        rule_zh: format!(
            "{good_zh}：缺口 ≤ 目标的 {}%；黄：{}% < 缺口 ≤ {}%；红：缺口 > {}%（缺口 = 目标 − 预计）",
            num(g),
            num(g),
            num(y),
            num(y)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reading(completion_pct: f64, pace_pct: f64) -> Option<PaceReading> {
        Some(PaceReading {
            completion_pct,
            pace_pct,
            basis: PaceBasis::Seasonal,
        })
    }

    #[test]
    fn pace_thresholds_are_inclusive_as_documented() {
        let rules = LightRules::default();
        let level = |c, p| pace_light(&rules, reading(c, p), 2023).level;
        assert_eq!(level(50.0, 50.0), Level::Good); // D = 0 -> green
        assert_eq!(level(49.99, 50.0), Level::Watch);
        assert_eq!(level(47.0, 50.0), Level::Watch); // D = −3 -> yellow
        assert_eq!(level(46.99, 50.0), Level::Alert);
        // 0.1 + 0.2 − 0.3 is not exactly 0 in binary; it still counts as on pace
        assert_eq!(level(0.1 + 0.2, 0.3), Level::Good);
        let none = pace_light(&rules, None, 2023);
        assert_eq!(
            (none.level, none.colour, none.value),
            (Level::None, "grey", None)
        );
    }

    #[test]
    fn gap_thresholds_and_palette() {
        let mut rules = LightRules::default();
        let level = |r: &LightRules, est| {
            gap_light(r, GapSource::LedgerAccount, 3600.0, est, Unit::Yi).level
        };
        assert_eq!(level(&rules, 3600.0), Level::Good);
        assert_eq!(level(&rules, 3528.0), Level::Watch); // exactly 2 % short
        assert_eq!(level(&rules, 3527.9), Level::Alert);
        rules.palette = Palette::RedYellowBlue;
        let good = gap_light(&rules, GapSource::InYear, 3600.0, 3700.0, Unit::Yi);
        assert_eq!(good.colour, "blue");
        assert!(good.rule_zh.starts_with("蓝："), "{}", good.rule_zh);
    }

    #[test]
    fn light_texts_in_both_languages() {
        let rules = LightRules::default();
        let l = gap_light(&rules, GapSource::LedgerAccount, 3600.0, 3560.0, Unit::Yi);
        insta::assert_snapshot!(l.en, @"slightly short of the target: ledger-account projection 3560.00 100m yuan against 3600 100m yuan, 40.00 100m yuan short (1.11% of the target)");
        insta::assert_snapshot!(l.zh, @"距目标略有缺口：十本账测算 3560.00 亿元，目标 3600 亿元，还差 40.00 亿元（目标的 1.11%）");
        insta::assert_snapshot!(l.rule_zh, @"绿：缺口 ≤ 目标的 0%；黄：0% < 缺口 ≤ 2%；红：缺口 > 2%（缺口 = 目标 − 预计）");
        let p = pace_light(&rules, reading(15.2, 16.6), 2023);
        insta::assert_snapshot!(p.en, @"slightly behind pace: completion 15.20% against seasonal pace 16.60% (-1.40 pp)");
        insta::assert_snapshot!(p.zh, @"略慢于进度：完成率 15.20%，季节进度 16.60%（-1.40 个百分点）");
        insta::assert_snapshot!(p.rule_en, @"green: pace gap ≥ 0 pp; yellow: -3 pp ≤ pace gap < 0 pp; red: pace gap < -3 pp (completion against seasonal pace)");
    }
}
