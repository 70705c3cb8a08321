//! Layout helpers: estimated text widths (no font metrics are available to a pure function),
//! truncation, the title-and-legend header every chart shares, and label dodging.

use super::svg::{ink_stroke, Anchor, Paint, Svg};

/// Estimated advance of `s` at `size` px: CJK and full-width characters 1 em, digits and most
/// Latin letters 0.64 em (narrow and wide letters adjusted). Errs wide, so labels rarely
/// overlap or get clipped whatever sans-serif font the host page uses.
pub(crate) fn text_width(s: &str, size: f64) -> f64 {
    s.chars().map(char_em).sum::<f64>() * size
}

fn char_em(c: char) -> f64 {
    match c {
        'i' | 'l' | 'j' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | '(' | ')' | ' ' => 0.33,
        'f' | 't' | 'r' | 'I' => 0.42,
        'm' | 'w' | 'M' | 'W' | '%' => 0.95,
        'A'..='Z' => 0.72,
        // digits and lowercase, at DejaVu Sans widths (the widest common fallback)
        c if c.is_ascii() => 0.64,
        // en dash, minus, ≥, …
        '\u{2010}'..='\u{206f}' | '\u{2200}'..='\u{22ff}' => 0.6,
        c if is_wide(c) => 1.0,
        _ => 0.6,
    }
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115f | 0x2e80..=0x303e | 0x3041..=0x33ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff
        | 0xa000..=0xa4cf | 0xac00..=0xd7a3 | 0xf900..=0xfaff | 0xfe30..=0xfe4f | 0xff00..=0xff60
        | 0xffe0..=0xffe6 | 0x20000..=0x3fffd)
}

/// `s` cut to fit `max` px at `size`, with `…` when cut.
pub(crate) fn truncate(s: &str, size: f64, max: f64) -> String {
    if text_width(s, size) <= max {
        return s.to_string();
    }
    let ell = text_width("…", size);
    let mut out = String::new();
    let mut w = 0.0;
    for c in s.chars() {
        let cw = char_em(c) * size;
        if w + cw + ell > max {
            break;
        }
        w += cw;
        out.push(c);
    }
    out.push('…');
    out
}

/// How a legend entry is drawn.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Mark {
    /// A filled square.
    Swatch(Paint),
    /// A line in a paint (or the ink when `None`), with an optional dash pattern.
    Line(Option<Paint>, Option<&'static str>),
    /// Dots joined by a line, in the ink (actual values).
    Dots,
    /// A p10–p90 whisker, in the ink.
    Whisker,
}

/// One legend entry: a mark and its text.
#[derive(Debug, Clone)]
pub(crate) struct LegendItem {
    pub(crate) mark: Mark,
    pub(crate) text: String,
}

impl LegendItem {
    pub(crate) fn new(mark: Mark, text: impl Into<String>) -> Self {
        LegendItem {
            mark,
            text: text.into(),
        }
    }
}

/// Left and right padding of the whole chart.
pub(crate) const PAD: f64 = 12.0;

/// Writes the title (14 px, one line, cut to fit) and the legend below it (11 px, wrapping onto
/// as many rows as the width needs). Returns the y just below the legend.
pub(crate) fn header(svg: &mut Svg, title: &str, legend: &[LegendItem], width: f64) -> f64 {
    let mut y = 18.0;
    if !title.trim().is_empty() {
        let shown = truncate(title, 14.0, width - 2.0 * PAD);
        svg.text_with_tooltip(
            PAD,
            y,
            Anchor::Start,
            14.0,
            &shown,
            title,
            r#"class="gf-title" font-weight="600" fill="currentColor""#,
        );
        y += 22.0;
    }
    if legend.is_empty() {
        return y - 6.0;
    }
    svg.open(r#"class="gf-legend""#);
    let mut x = PAD;
    for item in legend {
        let text_w = text_width(&item.text, 11.0);
        let w = 22.0 + text_w + 14.0;
        if x > PAD && x + w > width - PAD {
            x = PAD;
            y += 17.0;
        }
        let text = truncate(&item.text, 11.0, (width - 2.0 * PAD - 22.0).max(10.0));
        draw_mark(svg, item.mark, x, y);
        svg.text(
            x + 22.0,
            y,
            Anchor::Start,
            11.0,
            &text,
            r#"fill="currentColor""#,
        );
        x += w;
    }
    svg.close();
    y + 12.0
}

fn draw_mark(svg: &mut Svg, mark: Mark, x: f64, y: f64) {
    match mark {
        Mark::Swatch(p) => {
            let a = svg.paint(p);
            svg.rect(x + 2.0, y - 5.5, 14.0, 11.0, &a);
        }
        Mark::Line(p, dash) => {
            let mut a = match p {
                Some(p) => svg.paint(p),
                None => ink_stroke(1.0),
            };
            a.push_str(r#" stroke-width="2""#);
            if let Some(d) = dash {
                a.push_str(&format!(r#" stroke-dasharray="{d}""#));
            }
            svg.line(x, y, x + 18.0, y, &a);
        }
        Mark::Dots => {
            svg.line(x, y, x + 18.0, y, &ink_stroke(1.0));
            svg.circle(x + 9.0, y, 3.0, r#"fill="currentColor""#);
        }
        Mark::Whisker => {
            let a = ink_stroke(0.8);
            svg.line(x + 2.0, y, x + 16.0, y, &a);
            svg.line(x + 2.0, y - 4.0, x + 2.0, y + 4.0, &a);
            svg.line(x + 16.0, y - 4.0, x + 16.0, y + 4.0, &a);
        }
    }
}

/// Moves labels wanted at `ys` apart so that neighbours are at least `gap` px apart, staying
/// within `lo..=hi` when there is room. Returns the new positions in the input order.
pub(crate) fn dodge(ys: &[f64], gap: f64, lo: f64, hi: f64) -> Vec<f64> {
    let mut order: Vec<usize> = (0..ys.len()).collect();
    order.sort_by(|&a, &b| ys[a].total_cmp(&ys[b]).then(a.cmp(&b)));
    let mut pos: Vec<f64> = order.iter().map(|&i| ys[i].clamp(lo, hi)).collect();
    for k in 1..pos.len() {
        if pos[k] < pos[k - 1] + gap {
            pos[k] = pos[k - 1] + gap;
        }
    }
    if let Some(&last) = pos.last() {
        if last > hi {
            let n = pos.len();
            pos[n - 1] = hi;
            for k in (0..n - 1).rev() {
                if pos[k] > pos[k + 1] - gap {
                    pos[k] = pos[k + 1] - gap;
                }
            }
        }
    }
    let mut out = vec![0.0; ys.len()];
    for (k, &i) in order.iter().enumerate() {
        out[i] = pos[k];
    }
    out
}

/// Prints a note in the middle of an empty plot area ("no data").
pub(crate) fn empty_note(svg: &mut Svg, x: f64, y: f64, text: &str) {
    svg.text(
        x,
        y,
        Anchor::Middle,
        12.0,
        text,
        r#"class="gf-empty" fill="currentColor" fill-opacity="0.7""#,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_is_wider_than_latin() {
        assert_eq!(text_width("亿元", 10.0), 20.0);
        assert!(text_width("3,600", 10.0) < 30.0);
        assert!(text_width("3,618.69", 11.0) > 48.0);
    }

    #[test]
    fn truncation_fits_and_marks_the_cut() {
        let t = truncate("存量重点企业增产与技改扩产", 11.0, 60.0);
        assert!(t.ends_with('…'));
        assert!(text_width(&t, 11.0) <= 60.0);
        assert_eq!(truncate("短", 11.0, 60.0), "短");
    }

    #[test]
    fn dodge_separates_and_keeps_order() {
        let out = dodge(&[100.0, 101.0, 50.0], 12.0, 0.0, 200.0);
        assert_eq!(out[2], 50.0);
        assert!(out[1] - out[0] >= 12.0 - 1e-9);
        // pushed back inside the upper bound
        let out = dodge(&[195.0, 196.0, 197.0], 12.0, 0.0, 200.0);
        assert!(out.iter().all(|&y| y <= 200.0));
        assert!(out[2] - out[1] >= 12.0 - 1e-9 && out[1] - out[0] >= 12.0 - 1e-9);
        assert!(dodge(&[], 12.0, 0.0, 1.0).is_empty());
    }
}
