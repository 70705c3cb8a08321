//! SVG charts: golden snapshots of each chart (tests/snapshots/chart__*.snap, floats rounded to
//! 3 dp), well-formed XML for every chart and every degenerate input, escaping, accessibility.
//!
//! On a snapshot mismatch the new SVG is also written to `<target dir>/<name>-changed.svg` for
//! viewing. With `GAPCAST_CHART_DIR=/some/dir` every chart drawn here is written there as well.

// insta is a native-only dev-dependency; the wasm32 tests are tests/web.rs.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use gapcast::chart::{
    render_fan, render_histogram, render_tornado, render_waterfall, Binning, FanSpec, HistogramBin,
    HistogramSpec, TornadoRow, TornadoSpec, WaterfallSpec, WaterfallStep,
};
use gapcast::Lang;

// ---------------------------------------------------------------- fixtures (seed figures)

const PERIODS_ZH: [&str; 11] = [
    "1–2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月",
];
const PERIODS_EN: [&str; 11] = [
    "Jan–Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
];
/// Usual share of the annual total reached by each period (seasonal pace).
const SHARE: [f64; 11] = [
    0.145, 0.245, 0.325, 0.41, 0.5, 0.58, 0.66, 0.75, 0.83, 0.915, 1.0,
];
/// Last month of each period, for the calendar pace m/12.
const MONTH: [f64; 11] = [2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0];

fn fan(lang: Lang) -> FanSpec {
    let periods = match lang {
        Lang::Zh => PERIODS_ZH,
        Lang::En => PERIODS_EN,
    };
    let actual = [Some(520.4), Some(880.2), Some(1170.5)];
    let known = actual.len();
    let last_actual = 1170.5;
    // forecast from the last actual: median heads for 3620, the 80% range widens to ±80
    let q = |z: f64| -> Vec<Option<f64>> {
        (0..11)
            .map(|i| {
                if i + 1 < known {
                    None
                } else {
                    let t = (i + 1 - known) as f64 / (11 - known) as f64;
                    let m = last_actual
                        + (3620.0 - last_actual) * (SHARE[i] - SHARE[known - 1])
                            / (1.0 - SHARE[known - 1]);
                    Some(m + z * 80.0 * t.sqrt())
                }
            })
            .collect()
    };
    FanSpec {
        title: match lang {
            Lang::Zh => "2023 年规上工业总产值：累计预测".into(),
            Lang::En => "2023 gross industrial output: YTD forecast".into(),
        },
        unit: "亿元".into(),
        lang,
        width: None,
        height: None,
        id: None,
        periods: periods.iter().map(|p| p.to_string()).collect(),
        p10: q(-1.0),
        p25: q(-0.53),
        p50: q(0.0),
        p75: q(0.53),
        p90: q(1.0),
        actual: (0..11).map(|i| actual.get(i).copied().flatten()).collect(),
        target_path: SHARE.iter().map(|s| Some(3600.0 * s)).collect(),
        pace: MONTH.iter().map(|m| Some(3600.0 * m / 12.0)).collect(),
        annual_target: 3600.0,
        probability: Some(0.62),
    }
}

/// The seed's ten ledgers: 7 increases adding to 198.41, 3 decreases to 118.57.
const LEDGERS: [(&str, &str, f64); 10] = [
    ("新建项目投产", "New projects in production", 62.30),
    ("技改扩产达产", "Upgrades at full capacity", 38.75),
    ("小升规", "New above-size firms", 24.60),
    ("转规", "Reclassified firms", 9.86),
    ("存量重点企业增产", "Key existing firms growing", 31.40),
    ("产值回归", "Output returning", 11.50),
    ("招商落地", "Investment landed", 20.00),
    ("退规退库", "Firms leaving the roster", -41.20),
    ("外迁/关停", "Relocated or closed", -35.37),
    ("存量企业减产", "Existing firms shrinking", -42.00),
];

fn ledger_label(i: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => LEDGERS[i].0.into(),
        Lang::En => LEDGERS[i].1.into(),
    }
}

fn waterfall(lang: Lang) -> WaterfallSpec {
    WaterfallSpec {
        title: match lang {
            Lang::Zh => "2023 年十本账：基数 → 各账 → 合计".into(),
            Lang::En => "2023 ten ledgers: base → each ledger → total".into(),
        },
        unit: "亿元".into(),
        lang,
        width: None,
        height: None,
        id: None,
        base_label: match lang {
            Lang::Zh => "2022 年基数".into(),
            Lang::En => "2022 base".into(),
        },
        base: 3520.16,
        steps: LEDGERS
            .iter()
            .enumerate()
            .map(|(i, &(_, _, m))| WaterfallStep {
                label: ledger_label(i, lang),
                mean: m,
                p10: Some(m * if m > 0.0 { 0.6 } else { 1.35 }),
                p90: Some(m * if m > 0.0 { 1.3 } else { 0.7 }),
            })
            .collect(),
        total_label: match lang {
            Lang::Zh => "2023 年合计".into(),
            Lang::En => "2023 total".into(),
        },
        total: None,
        total_p10: Some(3541.3),
        total_p90: Some(3655.8),
        target: Some(3600.0),
    }
}

fn tornado(lang: Lang) -> TornadoSpec {
    TornadoSpec {
        title: match lang {
            Lang::Zh => "各账对全年合计的影响（p10–p90）".into(),
            Lang::En => "Each ledger's effect on the annual total (p10–p90)".into(),
        },
        unit: "亿元".into(),
        lang,
        width: None,
        height: None,
        id: None,
        median: 3600.0,
        rows: LEDGERS
            .iter()
            .enumerate()
            .map(|(i, &(_, _, m))| {
                let (a, b) = if m > 0.0 {
                    (m * -0.4, m * 0.3)
                } else {
                    (m * 0.35, m * -0.3)
                };
                TornadoRow {
                    label: ledger_label(i, lang),
                    at_p10: 3600.0 + a,
                    at_p90: 3600.0 + b,
                }
            })
            .collect(),
    }
}

/// 5000 pseudo-normal annual totals (mean 3612, sd 48): a sum of 12 uniforms from a xorshift,
/// additions only, so the sample is the same bits on every platform.
fn sample() -> Vec<f64> {
    let mut s: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut uniform = || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        (s >> 11) as f64 / (1u64 << 53) as f64
    };
    (0..5000)
        .map(|_| {
            let z: f64 = (0..12).map(|_| uniform()).sum::<f64>() - 6.0;
            3612.0 + 48.0 * z
        })
        .collect()
}

fn histogram(lang: Lang) -> HistogramSpec {
    let mut spec = HistogramSpec::from_sample(&sample(), Binning::FreedmanDiaconis, Some(3600.0));
    spec.title = match lang {
        Lang::Zh => "2023 年全年总产值：5,000 次运行的分布".into(),
        Lang::En => "2023 annual output over 5,000 runs".into(),
    };
    spec.unit = "亿元".into();
    spec.lang = lang;
    spec
}

// ---------------------------------------------------------------- helpers

/// Every decimal number in `s` with more than `dp` decimals, rounded to `dp` (trailing zeros
/// dropped), as Observable Plot's snapshot tests normalise SVG.
fn round_floats(s: &str, dp: usize) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_digit() {
                let dot = i;
                i += 1;
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
                let token = &s[start..i];
                if i - dot - 1 > dp {
                    let v: f64 = token.parse().unwrap();
                    let r = format!("{v:.dp$}");
                    let r = r.trim_end_matches('0').trim_end_matches('.');
                    out.push_str(r);
                } else {
                    out.push_str(token);
                }
            } else {
                out.push_str(&s[start..i]);
            }
        } else {
            let c = s[i..].chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

fn target_dir() -> PathBuf {
    // CARGO_TARGET_TMPDIR is <target dir>/tmp, honouring CARGO_TARGET_DIR
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().unwrap_or(tmp).to_path_buf()
}

fn keep(name: &str, svg: &str) {
    if let Some(dir) = std::env::var_os("GAPCAST_CHART_DIR") {
        let dir = PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.svg")), svg).unwrap();
    }
}

/// Snapshot of `svg` (floats at 3 dp, one element per line); on mismatch also writes the SVG to
/// `<target dir>/<name>-changed.svg`.
fn snapshot(name: &str, svg: &str) {
    keep(name, svg);
    // one element per line, so a snapshot diff shows what changed (`><` never occurs in text:
    // `>` is escaped there)
    let rounded = round_floats(svg, 3).replace("><", ">\n<");
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        insta::assert_snapshot!(name, rounded);
    }));
    if let Err(e) = result {
        let path = target_dir().join(format!("{name}-changed.svg"));
        if std::fs::write(&path, svg).is_ok() {
            eprintln!(
                "snapshot {name} changed; new chart written to {}",
                path.display()
            );
        }
        std::panic::resume_unwind(e);
    }
}

/// A small XML well-formedness check: one root element, balanced and properly nested tags,
/// quoted and unique attributes, no raw `<` or stray `&` in text or attribute values.
fn check_xml(s: &str) -> Result<(), String> {
    fn check_entities(t: &str) -> Result<(), String> {
        let mut rest = t;
        while let Some(i) = rest.find('&') {
            let after = &rest[i + 1..];
            let end = after.find(';').ok_or(format!("bare & in {t:?}"))?;
            let ent = &after[..end];
            let ok = matches!(ent, "amp" | "lt" | "gt" | "quot" | "apos")
                || (ent.starts_with('#') && ent.len() > 1);
            if !ok {
                return Err(format!("unknown entity &{ent}; in {t:?}"));
            }
            rest = &after[end + 1..];
        }
        Ok(())
    }
    let s = s.trim_end();
    if !s.starts_with("<svg ") {
        return Err("does not start with <svg".into());
    }
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = s;
    let mut roots = 0;
    while !rest.is_empty() {
        let lt = rest.find('<').unwrap_or(rest.len());
        let text = &rest[..lt];
        if stack.is_empty() && !text.trim().is_empty() {
            return Err(format!("text outside the root: {text:?}"));
        }
        check_entities(text)?;
        if lt == rest.len() {
            break;
        }
        rest = &rest[lt + 1..];
        let gt = rest.find('>').ok_or("unterminated tag")?;
        let tag = &rest[..gt];
        rest = &rest[gt + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let open = stack
                .pop()
                .ok_or(format!("</{name}> without an open tag"))?;
            if open != name.trim() {
                return Err(format!("</{name}> closes <{open}>"));
            }
            continue;
        }
        let self_closing = tag.ends_with('/');
        let body = tag.trim_end_matches('/');
        let name_end = body.find(char::is_whitespace).unwrap_or(body.len());
        let name = &body[..name_end];
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(format!("bad tag name {name:?}"));
        }
        // attributes: name="value" …
        let mut attrs = body[name_end..].trim_start();
        let mut seen = HashSet::new();
        while !attrs.is_empty() {
            let eq = attrs
                .find('=')
                .ok_or(format!("attribute without value in <{tag}>"))?;
            let an = attrs[..eq].trim();
            if an.is_empty() || an.contains(char::is_whitespace) || !seen.insert(an) {
                return Err(format!("bad or repeated attribute {an:?} in <{name}>"));
            }
            let after = &attrs[eq + 1..];
            if !after.starts_with('"') {
                return Err(format!("unquoted attribute {an} in <{name}>"));
            }
            let close = after[1..].find('"').ok_or("unterminated attribute")?;
            let value = &after[1..1 + close];
            if value.contains('<') {
                return Err(format!("raw < in attribute {an}"));
            }
            check_entities(value)?;
            attrs = after[close + 2..].trim_start();
        }
        if stack.is_empty() {
            roots += 1;
            if roots > 1 {
                return Err("more than one root element".into());
            }
        }
        if !self_closing {
            stack.push(name);
        }
    }
    if !stack.is_empty() {
        return Err(format!("unclosed: {stack:?}"));
    }
    Ok(())
}

/// Well-formed, accessible, sized by a viewBox, with no NaN or infinity written anywhere.
fn assert_valid(svg: &str) {
    if let Err(e) = check_xml(svg) {
        panic!("not well-formed: {e}\n{svg}");
    }
    let head = &svg[..svg.find('>').unwrap()];
    assert!(head.contains(r#"role="img""#), "{head}");
    assert!(head.contains("viewBox=\"0 0 "), "{head}");
    let ids = head
        .split("aria-labelledby=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("aria-labelledby");
    for id in ids.split(' ') {
        assert!(
            svg.contains(&format!(r#"id="{id}""#)),
            "no element with id {id}"
        );
    }
    assert!(svg.contains("<title id="), "no <title>");
    assert!(svg.contains("<desc id="), "no <desc>");
    for bad in ["NaN", "inf", "\"-0\""] {
        assert!(!svg.contains(bad), "{bad} in the SVG:\n{svg}");
    }
}

fn every_chart(lang: Lang) -> Vec<(&'static str, String)> {
    vec![
        ("fan", render_fan(&fan(lang))),
        ("waterfall", render_waterfall(&waterfall(lang))),
        ("tornado", render_tornado(&tornado(lang))),
        ("histogram", render_histogram(&histogram(lang))),
    ]
}

// ---------------------------------------------------------------- snapshots

#[test]
fn fan_zh() {
    snapshot("fan_zh", &render_fan(&fan(Lang::Zh)));
}

#[test]
fn fan_en() {
    snapshot("fan_en", &render_fan(&fan(Lang::En)));
}

#[test]
fn waterfall_zh() {
    snapshot("waterfall_zh", &render_waterfall(&waterfall(Lang::Zh)));
}

#[test]
fn waterfall_en() {
    snapshot("waterfall_en", &render_waterfall(&waterfall(Lang::En)));
}

#[test]
fn tornado_zh() {
    snapshot("tornado_zh", &render_tornado(&tornado(Lang::Zh)));
}

#[test]
fn tornado_en() {
    snapshot("tornado_en", &render_tornado(&tornado(Lang::En)));
}

#[test]
fn histogram_zh() {
    snapshot("histogram_zh", &render_histogram(&histogram(Lang::Zh)));
}

#[test]
fn histogram_en() {
    snapshot("histogram_en", &render_histogram(&histogram(Lang::En)));
}

// ---------------------------------------------------------------- properties of every chart

#[test]
fn every_chart_is_well_formed_and_accessible() {
    for lang in [Lang::Zh, Lang::En] {
        for (name, svg) in every_chart(lang) {
            assert_valid(&svg);
            assert!(svg.contains(&format!(r#"class="gf-chart gf-{name}""#)));
        }
    }
}

#[test]
fn summaries_are_in_the_chosen_language() {
    let desc = |svg: &str| {
        let start = svg.find("<desc").unwrap();
        let start = start + svg[start..].find('>').unwrap() + 1;
        let end = svg.find("</desc>").unwrap();
        svg[start..end].to_string()
    };
    let zh = every_chart(Lang::Zh);
    let en = every_chart(Lang::En);
    insta::assert_snapshot!(desc(&zh[0].1), @"12月累计产值中位数 3,620 亿元，80% 区间 3,540–3,700 亿元；年度目标 3,600 亿元，达到目标的概率 62%。实际累计已知至4月：1,170.50 亿元。");
    insta::assert_snapshot!(desc(&en[0].1), @"Median YTD output at Dec: 3,620 亿元, 80% range 3,540–3,700 亿元; annual target 3,600 亿元, probability of reaching it 62%. Actual YTD known to Apr: 1,170.50 亿元.");
    insta::assert_snapshot!(desc(&zh[1].1), @"2022 年基数 3,520.16 亿元；7 项增加合计 +198.41 亿元，3 项减少合计 −118.57 亿元；2023 年合计 3,600 亿元，与目标 3,600 亿元持平。");
    insta::assert_snapshot!(desc(&en[1].1), @"2022 base 3,520.16 亿元; 7 increases +198.41 亿元, 3 decreases −118.57 亿元; 2023 total 3,600 亿元, equal to the target 3,600 亿元.");
    insta::assert_snapshot!(desc(&zh[2].1), @"全年合计中位数 3,600 亿元。摆幅最大的账：新建项目投产（3,575.08–3,618.69 亿元，摆幅 43.61 亿元）；存量企业减产（3,585.30–3,612.60 亿元，摆幅 27.30 亿元）；技改扩产达产（3,584.50–3,611.62 亿元，摆幅 27.12 亿元）。");
    insta::assert_snapshot!(desc(&zh[3].1), @"年度总产值中位数 3,612.92 亿元，80% 区间 3,551.91–3,672.84 亿元；达到目标 3,600 亿元的概率 60%（5,000 次运行）。");
    insta::assert_snapshot!(desc(&en[3].1), @"Median annual output 3,612.92 亿元, 80% range 3,551.91–3,672.84 亿元; probability of reaching the target 3,600 亿元: 60% (5,000 runs).");
}

#[test]
fn user_strings_are_escaped() {
    let evil = r#"<script>alert("x")</script> & 'q'"#;
    let escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;q&apos;";

    let mut f = fan(Lang::Zh);
    f.title = evil.into();
    f.unit = "<b>".into();
    f.periods[0] = evil.into();
    f.id = Some(r#"x" onload="alert(1)"#.into());
    let mut w = waterfall(Lang::Zh);
    w.title = evil.into();
    w.steps[0].label = evil.into();
    let mut t = tornado(Lang::Zh);
    t.title = evil.into();
    t.rows[0].label = evil.into();
    let mut h = histogram(Lang::Zh);
    h.title = evil.into();
    h.unit = "&".into();
    for svg in [
        render_fan(&f),
        render_waterfall(&w),
        render_tornado(&t),
        render_histogram(&h),
    ] {
        assert_valid(&svg);
        assert!(!svg.contains("<script"), "{svg}");
        assert!(!svg.contains("onload=\""), "{svg}");
        assert!(svg.contains(escaped), "{svg}");
    }
}

// ---------------------------------------------------------------- degenerate input

#[test]
fn empty_inputs_give_a_valid_chart_with_a_note() {
    let mut f = fan(Lang::Zh);
    f.periods.clear();
    let mut w = waterfall(Lang::En);
    w.steps.clear();
    w.target = None;
    w.total_p10 = None;
    w.total_p90 = None;
    let mut t = tornado(Lang::Zh);
    t.rows.clear();
    let h = HistogramSpec::from_sample(&[], Binning::FreedmanDiaconis, Some(3600.0));
    let f_svg = render_fan(&f);
    let h_svg = render_histogram(&h);
    for svg in [&f_svg, &render_waterfall(&w), &render_tornado(&t), &h_svg] {
        assert_valid(svg);
    }
    assert!(f_svg.contains(">无数据<"));
    assert!(h_svg.contains(">无数据<"));
}

#[test]
fn nan_points_are_skipped() {
    let mut f = fan(Lang::En);
    f.p50[6] = Some(f64::NAN);
    f.p10[8] = Some(f64::INFINITY);
    f.actual[1] = Some(f64::NAN);
    f.annual_target = f64::NAN;
    f.probability = Some(f64::NAN);
    let svg = render_fan(&f);
    assert_valid(&svg);
    assert!(!svg.contains("Annual target"));

    let mut w = waterfall(Lang::Zh);
    w.base = f64::NAN;
    w.steps[2].mean = f64::NAN;
    w.steps[3].p10 = Some(f64::NAN);
    w.target = Some(f64::NEG_INFINITY);
    let svg = render_waterfall(&w);
    assert_valid(&svg);
    assert!(svg.contains(">—</text>"));

    let mut t = tornado(Lang::En);
    t.median = f64::NAN;
    t.rows[0].at_p90 = f64::NAN;
    assert_valid(&render_tornado(&t));

    let mut h = histogram(Lang::En);
    h.bins.push(HistogramBin {
        lo: f64::NAN,
        hi: 1.0,
        count: 3,
    });
    h.target = Some(f64::NAN);
    assert_valid(&render_histogram(&h));
    let h = HistogramSpec::from_sample(&[f64::NAN, f64::INFINITY], Binning::Count(10), None);
    assert_valid(&render_histogram(&h));
}

#[test]
fn all_equal_values_do_not_collapse_the_axes() {
    let n = 11;
    let flat = vec![Some(3600.0); n];
    let mut f = fan(Lang::Zh);
    f.p10 = flat.clone();
    f.p25 = flat.clone();
    f.p50 = flat.clone();
    f.p75 = flat.clone();
    f.p90 = flat.clone();
    f.actual = vec![None; n];
    f.target_path = flat.clone();
    f.pace = flat;
    keep("degenerate_fan", &render_fan(&f));
    assert_valid(&render_fan(&f));

    let mut w = waterfall(Lang::Zh);
    for s in &mut w.steps {
        s.mean = 0.0;
        s.p10 = Some(0.0);
        s.p90 = Some(0.0);
    }
    w.base = 3600.0;
    w.total_p10 = None;
    w.total_p90 = None;
    keep("degenerate_waterfall", &render_waterfall(&w));
    assert_valid(&render_waterfall(&w));

    let mut t = tornado(Lang::Zh);
    for r in &mut t.rows {
        r.at_p10 = 3600.0;
        r.at_p90 = 3600.0;
    }
    assert_valid(&render_tornado(&t));

    let h = HistogramSpec::from_sample(&[3600.0; 100], Binning::FreedmanDiaconis, Some(3600.0));
    let svg = render_histogram(&h);
    keep("degenerate_histogram", &svg);
    assert_valid(&svg);
    assert!(svg.contains("100%"));
}

#[test]
fn huge_values_are_drawn() {
    let scale = 1e12 / 3600.0;
    let mut f = fan(Lang::En);
    let up = |s: &mut Vec<Option<f64>>| {
        for v in s.iter_mut() {
            *v = v.map(|x| x * scale);
        }
    };
    up(&mut f.p10);
    up(&mut f.p25);
    up(&mut f.p50);
    up(&mut f.p75);
    up(&mut f.p90);
    up(&mut f.actual);
    up(&mut f.target_path);
    up(&mut f.pace);
    f.annual_target = 1e12;
    let svg = render_fan(&f);
    keep("huge_fan", &svg);
    assert_valid(&svg);
    assert!(svg.contains("1,000,000,000,000"), "{svg}");

    let mut w = waterfall(Lang::En);
    w.base *= scale;
    for s in &mut w.steps {
        s.mean *= scale;
        s.p10 = s.p10.map(|x| x * scale);
        s.p90 = s.p90.map(|x| x * scale);
    }
    w.total_p10 = None;
    w.total_p90 = None;
    w.target = Some(1e12);
    let svg = render_waterfall(&w);
    keep("huge_waterfall", &svg);
    assert_valid(&svg);

    let values: Vec<f64> = sample().iter().map(|x| x * scale).collect();
    let h = HistogramSpec::from_sample(&values, Binning::Count(30), Some(1e12));
    let svg = render_histogram(&h);
    keep("huge_histogram", &svg);
    assert_valid(&svg);
}

#[test]
fn many_long_labels_still_fit() {
    let mut t = tornado(Lang::En);
    for (i, r) in t.rows.iter_mut().enumerate() {
        r.label = format!("A very long ledger name number {i} that would not fit in any column");
    }
    let svg = render_tornado(&t);
    keep("long_labels_tornado", &svg);
    assert_valid(&svg);
    assert!(svg.contains("…"));
    // the full name stays available as a tooltip
    assert!(svg.contains("<title>A very long ledger name number 0 that would not fit"));
}

// ---------------------------------------------------------------- JSON

#[test]
fn specs_come_from_camel_case_json() {
    let f: FanSpec = serde_json::from_str(
        r#"{"title":"t","unit":"亿元","lang":"en","periods":["Jan–Feb","Mar"],
            "p10":[null,1],"p50":[null,2],"p90":[null,3],"actual":[1,null],
            "targetPath":[0.5,1.2],"annualTarget":3600,"probability":0.5}"#,
    )
    .unwrap();
    assert_eq!(f.lang, Lang::En);
    assert_valid(&render_fan(&f));

    let w: WaterfallSpec = serde_json::from_str(
        r#"{"base":100,"steps":[{"label":"a","mean":5,"p10":2,"p90":8}],"totalP10":101,"totalP90":109,"target":104}"#,
    )
    .unwrap();
    assert_eq!(w.lang, Lang::Zh);
    assert_valid(&render_waterfall(&w));

    let t: TornadoSpec =
        serde_json::from_str(r#"{"median":10,"rows":[{"label":"a","atP10":8,"atP90":13}]}"#)
            .unwrap();
    assert_valid(&render_tornado(&t));

    let h: HistogramSpec = serde_json::from_str(
        r#"{"lang":"zh","bins":[{"lo":0,"hi":1,"count":3},{"lo":1,"hi":2,"count":1}],"target":1,"shareAtOrAbove":0.25}"#,
    )
    .unwrap();
    assert_valid(&render_histogram(&h));
    assert_eq!(
        serde_json::to_value(Binning::Count(20)).unwrap(),
        serde_json::json!({"count": 20})
    );
    assert!(
        serde_json::from_str::<TornadoSpec>(r#"{"median":1,"rows":[],"colour":"red"}"#).is_err()
    );
}

#[test]
fn no_red_or_green_anywhere() {
    for lang in [Lang::Zh, Lang::En] {
        for (name, svg) in every_chart(lang) {
            let lower = svg.to_lowercase();
            for c in [
                "red", "green", "#f00", "#0f0", "#ff0000", "#00ff00", "#c62828", "#2e7d32",
            ] {
                assert!(!lower.contains(c), "{name} uses {c}");
            }
        }
    }
}

#[test]
fn the_round_floats_helper() {
    assert_eq!(
        round_floats("x=\"1.23456\" y=\"2.5\" 3,599.84 12", 3),
        "x=\"1.235\" y=\"2.5\" 3,599.84 12"
    );
    assert_eq!(round_floats("0.10000", 3), "0.1");
}

#[test]
fn the_xml_checker_rejects_bad_markup() {
    assert!(check_xml("<svg a=\"1\"><g></g></svg>").is_ok());
    assert!(check_xml("<svg a=\"1\"><g></svg>").is_err());
    assert!(check_xml("<svg a=\"1\"><text>a<b</text></svg>").is_err());
    assert!(check_xml("<svg a=\"1\"><text>a & b</text></svg>").is_err());
    assert!(check_xml("<svg a=1></svg>").is_err());
    assert!(check_xml("<svg a=\"1\" a=\"2\"></svg>").is_err());
    assert!(check_xml("<svg a=\"1\"></svg><svg a=\"1\"></svg>").is_err());
}
