//! The SVG writer shared by every chart: escaping, number output, paints and the root element.
//!
//! Every number written into the SVG goes through [`num`] (2 dp, no `-0`), every user string
//! through [`esc`]. Colours are [`Paint`]s: a plain neutral colour as the presentation attribute
//! (so any SVG renderer, browsers or not, draws something sensible), and a zero-specificity rule
//! in an embedded `<style>` that reads `var(--gf-NAME, fallback)` and switches the fallback under
//! `prefers-color-scheme: dark`. A host page wins by setting `--gf-NAME` on any ancestor, or by any
//! class rule of its own. Text and axes use `currentColor`, so they follow the host's ink.

use std::fmt::Write as _;

/// XML-escapes `&`, `<`, `>`, `"` and `'`, for text content and attribute values alike.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters other than tab/newline are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' && c != '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A coordinate or length for the SVG: rounded to 2 dp, trailing zeros dropped, never `-0`,
/// and `0` for a non-finite value (callers skip NaN points before they get here).
pub(crate) fn num(x: f64) -> String {
    if !x.is_finite() {
        return "0".to_string();
    }
    let r = (x * 100.0).round() / 100.0;
    if r == 0.0 {
        return "0".to_string();
    }
    // Display of an f64 never uses an exponent and is the shortest round-trip form.
    format!("{r}")
}

/// A themable colour: `--gf-NAME` with a light and a dark default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Paint {
    /// CSS variable and class suffix: `--gf-band`, `.gf-band`.
    pub(crate) name: &'static str,
    /// `fill` or `stroke`.
    pub(crate) prop: &'static str,
    /// Default on a light background (also the presentation attribute).
    pub(crate) light: &'static str,
    /// Default under `prefers-color-scheme: dark`.
    pub(crate) dark: &'static str,
}

impl Paint {
    /// `class="gf-NAME" fill="#…"` (or `stroke`), for an element drawn in this paint.
    pub(crate) fn attrs(&self) -> String {
        format!(r#"class="gf-{}" {}="{}""#, self.name, self.prop, self.light)
    }
}

/// The p10–p90 band of the fan chart.
pub(crate) const BAND: Paint = Paint {
    name: "band",
    prop: "fill",
    light: "#c9d3e0",
    dark: "#3a4a5f",
};
/// The p25–p75 band.
pub(crate) const BAND_INNER: Paint = Paint {
    name: "band-inner",
    prop: "fill",
    light: "#a3b3c8",
    dark: "#52667f",
};
/// The median line.
pub(crate) const MEDIAN: Paint = Paint {
    name: "median",
    prop: "stroke",
    light: "#2f4b6e",
    dark: "#a9c1df",
};
/// Target rules and the target path.
pub(crate) const TARGET: Paint = Paint {
    name: "target",
    prop: "stroke",
    light: "#7a5a2b",
    dark: "#dcbd8c",
};
/// The pace line.
pub(crate) const PACE: Paint = Paint {
    name: "pace",
    prop: "stroke",
    light: "#7c8794",
    dark: "#a3adb8",
};
/// An increase (waterfall), or "above the median" (tornado). Slate: no red/green meaning.
pub(crate) const UP: Paint = Paint {
    name: "up",
    prop: "fill",
    light: "#5b7089",
    dark: "#8aa2bf",
};
/// A decrease (waterfall), or "below the median" (tornado). Sand: no red/green meaning.
pub(crate) const DOWN: Paint = Paint {
    name: "down",
    prop: "fill",
    light: "#d9c6a5",
    dark: "#8c7a5c",
};
/// The base bar of the waterfall.
pub(crate) const BASE: Paint = Paint {
    name: "base",
    prop: "fill",
    light: "#a3adb9",
    dark: "#66727f",
};
/// The total bar of the waterfall.
pub(crate) const TOTAL: Paint = Paint {
    name: "total",
    prop: "fill",
    light: "#2e3d50",
    dark: "#c3d0df",
};
/// Histogram bars below the target.
pub(crate) const BAR: Paint = Paint {
    name: "bar",
    prop: "fill",
    light: "#c3ccd8",
    dark: "#4a586a",
};
/// Histogram bars at or above the target.
pub(crate) const BAR_HIT: Paint = Paint {
    name: "bar-hit",
    prop: "fill",
    light: "#5b7089",
    dark: "#8aa2bf",
};

/// A thin outline in the background colour under a line drawn over bars (whiskers), so it
/// stays visible on a dark bar. Hosts set `--gf-halo` to their surface colour.
pub(crate) const HALO: Paint = Paint {
    name: "halo",
    prop: "stroke",
    light: "#ffffff",
    dark: "#1b222b",
};

/// Text anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    fn as_str(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// Builds one chart's SVG. The root, `<title>`, `<desc>` and `<style>` are written by
/// [`Svg::finish`], so the style holds only the paints the body used.
#[derive(Debug)]
pub(crate) struct Svg {
    kind: &'static str,
    id: String,
    width: f64,
    height: f64,
    title: String,
    desc: String,
    body: String,
    paints: Vec<Paint>,
}

impl Svg {
    /// A chart of `kind` (`fan`, `waterfall`, …), with the accessible name and description.
    pub(crate) fn new(
        kind: &'static str,
        id: String,
        width: f64,
        height: f64,
        title: &str,
        desc: &str,
    ) -> Self {
        Svg {
            kind,
            id,
            width,
            height,
            title: title.to_string(),
            desc: desc.to_string(),
            body: String::new(),
            paints: Vec::new(),
        }
    }

    /// Notes that `paint` is used, so its theme rules go into the style.
    pub(crate) fn paint(&mut self, paint: Paint) -> String {
        if !self.paints.contains(&paint) {
            self.paints.push(paint);
        }
        paint.attrs()
    }

    /// Appends raw markup (already escaped).
    pub(crate) fn raw(&mut self, s: &str) {
        self.body.push_str(s);
    }

    /// `<g attrs>`.
    pub(crate) fn open(&mut self, attrs: &str) {
        let _ = write!(self.body, "<g {attrs}>");
    }

    /// `</g>`.
    pub(crate) fn close(&mut self) {
        self.body.push_str("</g>");
    }

    /// A rectangle; negative sizes are normalised, empty ones still written (width 0).
    pub(crate) fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, attrs: &str) {
        let (x, w) = if w < 0.0 { (x + w, -w) } else { (x, w) };
        let (y, h) = if h < 0.0 { (y + h, -h) } else { (y, h) };
        let _ = write!(
            self.body,
            r#"<rect x="{}" y="{}" width="{}" height="{}"{}{}/>"#,
            num(x),
            num(y),
            num(w),
            num(h),
            if attrs.is_empty() { "" } else { " " },
            attrs
        );
    }

    /// A line segment.
    pub(crate) fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, attrs: &str) {
        let _ = write!(
            self.body,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}"{}{}/>"#,
            num(x1),
            num(y1),
            num(x2),
            num(y2),
            if attrs.is_empty() { "" } else { " " },
            attrs
        );
    }

    /// A path through `points` (`M x y L x y …`), closed with `Z` when `close`.
    pub(crate) fn path(&mut self, points: &[(f64, f64)], close: bool, attrs: &str) {
        if points.is_empty() {
            return;
        }
        let mut d = String::new();
        for (i, (x, y)) in points.iter().enumerate() {
            let _ = write!(
                d,
                "{}{} {}",
                if i == 0 { "M" } else { "L" },
                num(*x),
                num(*y)
            );
        }
        if close {
            d.push('Z');
        }
        let _ = write!(self.body, r#"<path d="{d}" {attrs}/>"#);
    }

    /// A circle.
    pub(crate) fn circle(&mut self, cx: f64, cy: f64, r: f64, attrs: &str) {
        let _ = write!(
            self.body,
            r#"<circle cx="{}" cy="{}" r="{}" {attrs}/>"#,
            num(cx),
            num(cy),
            num(r)
        );
    }

    /// A `<text>` element; `content` is escaped here. `y` is the vertical centre of the line.
    pub(crate) fn text(
        &mut self,
        x: f64,
        y: f64,
        anchor: Anchor,
        size: f64,
        content: &str,
        attrs: &str,
    ) {
        self.text_element(x, y, anchor, size, attrs, &esc(content));
    }

    /// A `<text>` with a `<title>` child (the full string when `shown` is a truncation).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn text_with_tooltip(
        &mut self,
        x: f64,
        y: f64,
        anchor: Anchor,
        size: f64,
        shown: &str,
        full: &str,
        attrs: &str,
    ) {
        if shown == full {
            self.text(x, y, anchor, size, shown, attrs);
            return;
        }
        let inner = format!("<title>{}</title>{}", esc(full), esc(shown));
        self.text_element(x, y, anchor, size, attrs, &inner);
    }

    /// The `<text>` element around `inner`, which is already escaped markup.
    fn text_element(
        &mut self,
        x: f64,
        y: f64,
        anchor: Anchor,
        size: f64,
        attrs: &str,
        inner: &str,
    ) {
        // dy 0.35em centres the x-height on y in every renderer (dominant-baseline is not universal).
        let _ = write!(
            self.body,
            r#"<text x="{}" y="{}" dy="0.35em" font-size="{}"{}{}{}>{}</text>"#,
            num(x),
            num(y),
            num(size),
            match anchor {
                Anchor::Start => String::new(),
                a => format!(r#" text-anchor="{}""#, a.as_str()),
            },
            if attrs.is_empty() { "" } else { " " },
            attrs,
            inner
        );
    }

    /// The whole document.
    pub(crate) fn finish(self) -> String {
        let id = &self.id;
        let mut out = String::with_capacity(self.body.len() + 1024);
        let _ = write!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" class="gf-chart gf-{kind}" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{id}-title {id}-desc">"#,
            kind = self.kind,
            w = num(self.width),
            h = num(self.height),
        );
        let _ = write!(
            out,
            r#"<title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
            esc(&self.title),
            esc(&self.desc)
        );
        if !self.paints.is_empty() {
            out.push_str("<style>");
            for p in &self.paints {
                let _ = write!(
                    out,
                    ":where(.gf-chart .gf-{n}){{{p}:var(--gf-{n},{c})}}",
                    n = p.name,
                    p = p.prop,
                    c = p.light
                );
            }
            out.push_str("@media (prefers-color-scheme:dark){");
            for p in &self.paints {
                let _ = write!(
                    out,
                    ":where(.gf-chart .gf-{n}){{{p}:var(--gf-{n},{c})}}",
                    n = p.name,
                    p = p.prop,
                    c = p.dark
                );
            }
            out.push_str("}</style>");
        }
        out.push_str(&self.body);
        out.push_str("</svg>\n");
        out
    }
}

/// Attributes for lines in the ink colour at `opacity` (axes, grid, connectors).
pub(crate) fn ink_stroke(opacity: f64) -> String {
    if opacity >= 1.0 {
        r#"stroke="currentColor""#.to_string()
    } else {
        format!(r#"stroke="currentColor" stroke-opacity="{}""#, num(opacity))
    }
}

/// A stable id prefix for a chart: `gf-KIND-xxxxxxxx`, from a hash of the spec's JSON, or the
/// user's own id with anything but `[A-Za-z0-9_-]` replaced by `-`.
pub(crate) fn chart_id(kind: &str, user: Option<&str>, spec_json: &str) -> String {
    if let Some(u) = user.filter(|u| !u.trim().is_empty()) {
        let clean: String = u
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        if clean.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return clean;
        }
        return format!("gf-{clean}");
    }
    // FNV-1a, 32 bits: stable across platforms and releases, unlike std's hasher.
    let mut h: u32 = 0x811c_9dc5;
    for b in spec_json.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("gf-{kind}-{h:08x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_five_xml_characters() {
        assert_eq!(
            esc(r#"<script>alert("x" & 'y')</script>"#),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &apos;y&apos;)&lt;/script&gt;"
        );
        assert_eq!(esc("累计 1–2月"), "累计 1–2月");
        assert_eq!(esc("a\u{1}b"), "a b");
    }

    #[test]
    fn numbers_have_two_decimals_and_no_negative_zero() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(1.23456), "1.23");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(-2.5), "-2.5");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(num(1e12), "1000000000000");
    }

    #[test]
    fn ids_are_clean_and_stable() {
        assert_eq!(chart_id("fan", Some("my chart"), ""), "my-chart");
        assert_eq!(chart_id("fan", Some("1x\"<"), ""), "gf-1x--");
        let a = chart_id("fan", None, "{\"a\":1}");
        assert_eq!(a, chart_id("fan", None, "{\"a\":1}"));
        assert_ne!(a, chart_id("fan", None, "{\"a\":2}"));
        assert!(a.starts_with("gf-fan-"));
    }

    #[test]
    fn style_holds_only_used_paints() {
        let mut s = Svg::new("t", "x".into(), 10.0, 10.0, "t", "d");
        let a = s.paint(BAND);
        s.rect(0.0, 0.0, 1.0, 1.0, &a);
        let out = s.finish();
        assert!(out.contains("--gf-band,#c9d3e0"));
        assert!(out.contains("--gf-band,#3a4a5f"));
        assert!(!out.contains("gf-median"));
        assert!(out.contains(r##"class="gf-band" fill="#c9d3e0""##));
    }
}
