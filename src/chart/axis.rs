//! Linear scales, "nice" ticks (1, 2, 5 × 10^k), number labels with thousands separators, and
//! the axes drawn from them.
//!
//! The tick step is Heckbert's "nice numbers" rule (Graphics Gems, 1990) as d3-scale's `ticks`
//! uses it: the raw step span/n is rounded up to 1, 2, 5 or 10 times a power of ten, and the
//! domain is widened to whole steps. Degenerate domains (equal ends, NaN, infinities) are widened
//! to something drawable instead of panicking.

use super::svg::{ink_stroke, num, Anchor, Svg};

/// Tick values over a widened ("niced") domain.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Ticks {
    /// Lower end of the niced domain (a multiple of `step`).
    pub(crate) lo: f64,
    /// Upper end of the niced domain (a multiple of `step`).
    pub(crate) hi: f64,
    /// Distance between ticks: 1, 2 or 5 × 10^k.
    pub(crate) step: f64,
    /// The ticks, from `lo` to `hi` inclusive.
    pub(crate) values: Vec<f64>,
    /// Decimals a label needs to tell ticks apart.
    pub(crate) decimals: usize,
}

/// The nice step for splitting `span` into about `count` intervals: 1, 2, 5 or 10 × 10^k.
pub(crate) fn nice_step(span: f64, count: usize) -> f64 {
    let raw = span / count.max(1) as f64;
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let mag = libm::pow(10.0, libm::log10(raw).floor());
    let norm = raw / mag;
    let nice = if norm <= 1.0 + 1e-9 {
        1.0
    } else if norm <= 2.0 + 1e-9 {
        2.0
    } else if norm <= 5.0 + 1e-9 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

/// Nice ticks covering `lo..=hi` with about `count` intervals (never more than `2 × count + 1`).
///
/// Non-finite ends are ignored (both non-finite gives `0..1`); equal ends are widened by 10% of
/// their magnitude (or by 1 around zero).
pub(crate) fn nice_ticks(lo: f64, hi: f64, count: usize) -> Ticks {
    let (mut lo, mut hi) = match (lo.is_finite(), hi.is_finite()) {
        (true, true) => (lo.min(hi), lo.max(hi)),
        (true, false) => (lo, lo),
        (false, true) => (hi, hi),
        (false, false) => (0.0, 1.0),
    };
    let scale = lo.abs().max(hi.abs());
    if hi - lo <= scale * 1e-9 || hi - lo == 0.0 {
        let pad = if scale == 0.0 { 1.0 } else { scale * 0.1 };
        lo -= pad;
        hi += pad;
    }
    let step = nice_step(hi - lo, count.max(1));
    // a bound within 1e-9 steps of a tick is on it (3.0000000001 / 1 is tick 3, not 4)
    let i0 = (lo / step + 1e-9).floor();
    let i1 = (hi / step - 1e-9).ceil();
    let values: Vec<f64> = (0..=((i1 - i0) as i64).max(0))
        .map(|k| clean((i0 + k as f64) * step))
        .collect();
    let decimals = if step >= 1.0 {
        0
    } else {
        ((-libm::log10(step)).ceil() as usize).min(12)
    };
    Ticks {
        lo: clean(i0 * step),
        hi: clean(i1 * step),
        step,
        values,
        decimals,
    }
}

/// Nice ticks for a horizontal value axis `width` px wide: about one per `spacing` px, fewer
/// when their labels (11 px) would not fit side by side.
pub(crate) fn fit_x_ticks(lo: f64, hi: f64, width: f64, spacing: f64) -> Ticks {
    let mut count = ((width / spacing).round() as usize).clamp(2, 8);
    loop {
        let ticks = nice_ticks(lo, hi, count);
        let intervals = (ticks.values.len().max(2) - 1) as f64;
        let room = width / intervals;
        if count <= 1 || tick_label_width(&ticks) + 10.0 <= room {
            return ticks;
        }
        count -= 1;
    }
}

/// Removes floating-point noise such as 0.30000000000000004 by rounding to 12 significant digits.
fn clean(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return 0.0;
    }
    // scale by an exact power of ten (10^e is exact for |e| <= 22), then divide, so that
    // 0.19999999999999998 becomes the double nearest 0.2
    let e = 11.0 - libm::log10(x.abs()).floor();
    if e.abs() > 22.0 {
        return x;
    }
    let p = 10f64.powi(e.abs() as i32);
    if e >= 0.0 {
        (x * p).round() / p
    } else {
        (x / p).round() * p
    }
}

/// A linear map from a domain to a range of pixels (the range may run backwards, as a y axis does).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Linear {
    pub(crate) d0: f64,
    pub(crate) d1: f64,
    pub(crate) r0: f64,
    pub(crate) r1: f64,
}

impl Linear {
    /// Pixel position of `v`; the middle of the range for an empty domain.
    pub(crate) fn at(&self, v: f64) -> f64 {
        if self.d1 == self.d0 {
            return (self.r0 + self.r1) / 2.0;
        }
        self.r0 + (v - self.d0) / (self.d1 - self.d0) * (self.r1 - self.r0)
    }
}

/// `v` with `decimals` decimals, a comma every three integer digits and a true minus sign
/// (U+2212), e.g. `−1,234.50`. Non-finite values are written as `—`.
pub(crate) fn format_number(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return "—".to_string();
    }
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s.as_str(), None),
    };
    let mut out = String::new();
    let digits = int.len();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (digits - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    let is_zero = out.chars().all(|c| c == '0' || c == '.' || c == ',');
    if v < 0.0 && !is_zero {
        format!("\u{2212}{out}")
    } else {
        out
    }
}

/// An amount for a value label: 2 decimals below 100 000, none above (`3,599.84`, `45.20`,
/// `1,000,000,000,000`), as the page's tables show amounts.
pub(crate) fn format_amount(v: f64) -> String {
    format_number(v, if v.abs() >= 1e5 { 0 } else { 2 })
}

/// Like [`format_amount`] but without `.00` on a whole number (`3,600`, `3,599.50`): for
/// targets (figures the user typed, usually round) and the spoken summaries.
pub(crate) fn format_short(v: f64) -> String {
    let s = format_amount(v);
    match s.strip_suffix(".00") {
        Some(whole) => whole.to_string(),
        None => s,
    }
}

/// A signed amount: `+45.20`, `−12.30`, `0.00`.
pub(crate) fn format_signed(v: f64) -> String {
    let s = format_amount(v);
    if v > 0.0 && s.chars().any(|c| ('1'..='9').contains(&c)) {
        format!("+{s}")
    } else {
        s
    }
}

/// A probability as a whole percentage, with `<1%` and `>99%` for the ends that would otherwise
/// round to a certainty the sample does not show.
pub(crate) fn format_share(p: f64) -> String {
    if !p.is_finite() {
        return "—".to_string();
    }
    let p = p.clamp(0.0, 1.0);
    if p > 0.0 && p < 0.005 {
        "<1%".to_string()
    } else if p < 1.0 && p > 0.995 {
        ">99%".to_string()
    } else {
        format!("{}%", (p * 100.0).round())
    }
}

/// Horizontal grid lines and tick labels of a y axis at `x` (labels end 6 px left of it).
pub(crate) fn draw_y_axis(svg: &mut Svg, ticks: &Ticks, y: &Linear, x0: f64, x1: f64) {
    svg.open(&format!(
        r#"class="gf-axis gf-axis-y" {}"#,
        ink_stroke(0.12)
    ));
    for &t in &ticks.values {
        let py = y.at(t);
        svg.line(x0, py, x1, py, "");
    }
    svg.close();
    svg.open(r#"class="gf-tick-labels" fill="currentColor" fill-opacity="0.75""#);
    for &t in &ticks.values {
        svg.text(
            x0 - 6.0,
            y.at(t),
            Anchor::End,
            11.0,
            &format_number(t, ticks.decimals),
            "",
        );
    }
    svg.close();
}

/// Vertical grid lines from `y0` to `y1` and tick labels below `y1`, for a value axis along x.
pub(crate) fn draw_x_axis(svg: &mut Svg, ticks: &Ticks, x: &Linear, y0: f64, y1: f64) {
    svg.open(&format!(
        r#"class="gf-axis gf-axis-x" {}"#,
        ink_stroke(0.12)
    ));
    for &t in &ticks.values {
        let px = x.at(t);
        svg.line(px, y0, px, y1, "");
    }
    svg.close();
    svg.open(r#"class="gf-tick-labels" fill="currentColor" fill-opacity="0.75""#);
    for &t in &ticks.values {
        svg.text(
            x.at(t),
            y1 + 12.0,
            Anchor::Middle,
            11.0,
            &format_number(t, ticks.decimals),
            "",
        );
    }
    svg.close();
}

/// Widest tick label, in px at 11 px.
pub(crate) fn tick_label_width(ticks: &Ticks) -> f64 {
    ticks
        .values
        .iter()
        .map(|&t| super::layout::text_width(&format_number(t, ticks.decimals), 11.0))
        .fold(0.0, f64::max)
}

/// The axis-break mark (two short slanted strokes) on a vertical axis at (x, y): the axis does
/// not start at zero.
pub(crate) fn draw_break_y(svg: &mut Svg, x: f64, y: f64) {
    svg.raw(&format!(
        r#"<path class="gf-break" d="M{} {}l8 -3M{} {}l8 -3" fill="none" {}/>"#,
        num(x - 4.0),
        num(y - 1.0),
        num(x - 4.0),
        num(y + 3.0),
        ink_stroke(0.6)
    ));
}

/// The axis-break mark on a horizontal axis at (x, y).
pub(crate) fn draw_break_x(svg: &mut Svg, x: f64, y: f64) {
    svg.raw(&format!(
        r#"<path class="gf-break" d="M{} {}l3 -8M{} {}l3 -8" fill="none" {}/>"#,
        num(x - 3.0),
        num(y + 4.0),
        num(x + 1.0),
        num(y + 4.0),
        ink_stroke(0.6)
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_1_2_5_times_a_power_of_ten() {
        assert_eq!(nice_step(10.0, 5), 2.0);
        assert_eq!(nice_step(100.0, 10), 10.0);
        assert_eq!(nice_step(3.0, 5), 1.0);
        assert_eq!(nice_step(0.7, 5), 0.2);
        assert_eq!(nice_step(2500.0, 5), 500.0);
        assert_eq!(nice_step(0.0, 5), 1.0);
        assert_eq!(nice_step(f64::NAN, 5), 1.0);
    }

    #[test]
    fn ticks_cover_the_domain_on_whole_steps() {
        let t = nice_ticks(3412.0, 3781.0, 5);
        assert_eq!(t.step, 100.0);
        assert_eq!(t.lo, 3400.0);
        assert_eq!(t.hi, 3800.0);
        assert_eq!(t.values, vec![3400.0, 3500.0, 3600.0, 3700.0, 3800.0]);
        assert_eq!(t.decimals, 0);

        let t = nice_ticks(0.0, 1.0, 5);
        assert_eq!(t.values, vec![0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        assert_eq!(t.decimals, 1);

        let t = nice_ticks(-7.0, 12.0, 4);
        assert_eq!(t.step, 5.0);
        assert_eq!(t.values.first(), Some(&-10.0));
        assert_eq!(t.values.last(), Some(&15.0));

        // reversed ends are accepted
        assert_eq!(
            nice_ticks(10.0, 0.0, 5).values,
            nice_ticks(0.0, 10.0, 5).values
        );
    }

    #[test]
    fn ticks_never_explode() {
        for (lo, hi) in [
            (0.0, 1e12),
            (1e12, 1e12 + 1.0),
            (-1e-9, 1e-9),
            (1e-300, 2e-300),
            (5.0, 5.0 + 1e-15),
        ] {
            let t = nice_ticks(lo, hi, 5);
            assert!(t.values.len() <= 12, "{lo} {hi}: {t:?}");
            assert!(t.values.len() >= 2, "{lo} {hi}: {t:?}");
            assert!(t.lo <= lo && t.hi >= hi, "{lo} {hi}: {t:?}");
        }
    }

    #[test]
    fn x_ticks_thin_out_when_labels_are_wide() {
        let t = fit_x_ticks(3400.0, 3800.0, 500.0, 80.0);
        assert_eq!(t.step, 100.0);
        let t = fit_x_ticks(9.6e11, 1.04e12, 300.0, 80.0);
        let room = 300.0 / (t.values.len() - 1) as f64;
        assert!(tick_label_width(&t) + 10.0 <= room, "{t:?}");
    }

    #[test]
    fn degenerate_domains_are_widened() {
        let t = nice_ticks(5.0, 5.0, 5);
        assert!(t.lo < 5.0 && t.hi > 5.0);
        let t = nice_ticks(0.0, 0.0, 5);
        assert_eq!((t.lo, t.hi), (-1.0, 1.0));
        let t = nice_ticks(f64::NAN, f64::INFINITY, 5);
        assert_eq!((t.lo, t.hi), (0.0, 1.0));
        let t = nice_ticks(f64::NAN, 7.0, 5);
        assert!(t.lo < 7.0 && t.hi > 7.0);
    }

    #[test]
    fn numbers_get_separators_and_a_real_minus() {
        assert_eq!(format_number(3620.0, 0), "3,620");
        assert_eq!(format_number(1e12, 0), "1,000,000,000,000");
        assert_eq!(format_number(-1234.5, 2), "\u{2212}1,234.50");
        assert_eq!(format_number(999.0, 0), "999");
        assert_eq!(format_number(-0.001, 2), "0.00");
        assert_eq!(format_number(f64::NAN, 2), "—");
        assert_eq!(format_amount(3600.0), "3,600.00");
        assert_eq!(format_short(3600.0), "3,600");
        assert_eq!(format_short(3599.5), "3,599.50");
        assert_eq!(format_amount(3599.84), "3,599.84");
        assert_eq!(format_amount(45.2), "45.20");
        assert_eq!(format_amount(1.5e12), "1,500,000,000,000");
        assert_eq!(format_signed(45.2), "+45.20");
        assert_eq!(format_signed(-12.3), "\u{2212}12.30");
        assert_eq!(format_signed(0.0), "0.00");
        assert_eq!(format_signed(20.0), "+20.00");
    }

    #[test]
    fn shares_do_not_round_to_certainty() {
        assert_eq!(format_share(0.62), "62%");
        assert_eq!(format_share(0.001), "<1%");
        assert_eq!(format_share(0.999), ">99%");
        assert_eq!(format_share(1.0), "100%");
        assert_eq!(format_share(0.0), "0%");
    }

    #[test]
    fn scale_maps_and_survives_an_empty_domain() {
        let s = Linear {
            d0: 0.0,
            d1: 10.0,
            r0: 100.0,
            r1: 0.0,
        };
        assert_eq!(s.at(0.0), 100.0);
        assert_eq!(s.at(10.0), 0.0);
        let e = Linear {
            d0: 1.0,
            d1: 1.0,
            r0: 0.0,
            r1: 50.0,
        };
        assert_eq!(e.at(1.0), 25.0);
    }
}
