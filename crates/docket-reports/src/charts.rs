//! Charts as SVG drawn on the server: no script, no third-party library, readable when printed.
//! The web's 首页 and the reports draw the same charts.

use std::fmt::Write as _;

use crate::document::escape as html_escape;

const COLORS: [&str; 4] = ["#2f5d8a", "#c0504d", "#8a9a3a", "#d08a2f"];

/// Grouped bars: one group per label, one bar per series. `series` is (name, values by label).
pub fn grouped_bars(title: &str, labels: &[String], series: &[(&str, Vec<f64>)]) -> String {
    let (w, h, left, bottom, top) = (640.0, 240.0, 44.0, 36.0, 28.0);
    let plot_w = w - left - 10.0;
    let plot_h = h - bottom - top;
    let max = series.iter().flat_map(|(_, v)| v.iter().copied()).fold(0.0_f64, f64::max).max(1.0);
    let scale = nice_ceiling(max);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" aria-label="{t}" class="chart"><title>{t}</title>"#,
        t = html_escape(title)
    );
    // 1·10ⁿ and 5·10ⁿ divide into five round steps, 2·10ⁿ into four.
    let steps = if (scale / 10f64.powf(scale.log10().floor()) - 2.0).abs() < 1e-9 { 4 } else { 5 };
    for i in 0..=steps {
        let y = top + plot_h - plot_h * f64::from(i) / f64::from(steps);
        let v = scale * f64::from(i) / f64::from(steps);
        let _ = write!(
            s,
            r##"<line x1="{left}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#ddd"/><text x="{:.1}" y="{:.1}" font-size="10" text-anchor="end" fill="#555">{v:.0}</text>"##,
            w - 10.0,
            left - 4.0,
            y + 3.0
        );
    }
    let groups = labels.len().max(1) as f64;
    let group_w = plot_w / groups;
    let bar_w = (group_w * 0.8 / series.len().max(1) as f64).max(1.0);
    for (gi, label) in labels.iter().enumerate() {
        let gx = left + group_w * gi as f64 + group_w * 0.1;
        for (si, (name, values)) in series.iter().enumerate() {
            let v = values.get(gi).copied().unwrap_or(0.0);
            let bh = plot_h * v / scale;
            let _ = write!(
                s,
                r#"<rect x="{:.1}" y="{:.1}" width="{bar_w:.1}" height="{bh:.1}" fill="{}"><title>{} {}：{v:.0}</title></rect>"#,
                gx + bar_w * si as f64,
                top + plot_h - bh,
                COLORS[si % COLORS.len()],
                html_escape(label),
                html_escape(name)
            );
        }
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" font-size="10" text-anchor="middle" fill="#333">{}</text>"##,
            gx + group_w * 0.4,
            h - bottom + 14.0,
            html_escape(label)
        );
    }
    for (si, (name, _)) in series.iter().enumerate() {
        let x = left + 90.0 * si as f64;
        let _ = write!(
            s,
            r##"<rect x="{x}" y="6" width="10" height="10" fill="{}"/><text x="{:.1}" y="15" font-size="11" fill="#333">{}</text>"##,
            COLORS[si % COLORS.len()],
            x + 14.0,
            html_escape(name)
        );
    }
    s.push_str("</svg>");
    s
}

/// Horizontal bars with their values: a histogram or a mix.
pub fn horizontal_bars(title: &str, items: &[(String, f64)]) -> String {
    let row = 22.0;
    let (w, left) = (640.0, 130.0);
    let h = row * items.len().max(1) as f64 + 10.0;
    let max = items.iter().map(|(_, v)| *v).fold(0.0_f64, f64::max).max(1.0);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" aria-label="{t}" class="chart"><title>{t}</title>"#,
        t = html_escape(title)
    );
    for (i, (label, v)) in items.iter().enumerate() {
        let y = 5.0 + row * i as f64;
        let bw = (w - left - 70.0) * v / max;
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" font-size="11" text-anchor="end" fill="#333">{}</text><rect x="{left}" y="{:.1}" width="{bw:.1}" height="{:.1}" fill="{}"/><text x="{:.1}" y="{:.1}" font-size="11" fill="#333">{v:.0}</text>"##,
            left - 6.0,
            y + 14.0,
            html_escape(label),
            y + 3.0,
            row - 8.0,
            COLORS[0],
            left + bw + 4.0,
            y + 14.0
        );
    }
    s.push_str("</svg>");
    s
}

/// The smallest 1, 2 or 5 × 10ⁿ at or above `x`.
fn nice_ceiling(x: f64) -> f64 {
    let p = 10f64.powf(x.log10().floor());
    [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * p).find(|v| *v >= x).unwrap_or(10.0 * p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_tops_are_round_numbers_at_or_above_the_maximum() {
        assert_eq!(nice_ceiling(7.0), 10.0);
        assert_eq!(nice_ceiling(130.0), 200.0);
        assert_eq!(nice_ceiling(500.0), 500.0);
        assert_eq!(nice_ceiling(501.0), 1000.0);
    }

    #[test]
    fn labels_are_escaped_inside_the_svg() {
        let svg = horizontal_bars("<x>", &[("a<b".into(), 3.0)]);
        assert!(svg.contains("a&lt;b") && !svg.contains("a<b"));
        let svg = grouped_bars("t", &["1月".into()], &[("新收", vec![5.0])]);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>") && svg.contains("新收"));
    }
}
