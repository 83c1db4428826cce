//! The reports' charts as plain geometry (`pages/report_charts.rs` draws it as inline SVG):
//! a chart is a fixed view box the page scales to its width, so it reads the same on a
//! tablet, a desktop and paper. Pure and tested natively.
//!
//! Laws:
//! - The value axis starts at 0 and ends at a round number ([`nice_max`]) at or above the
//!   largest value, so bars of equal value have equal height on every chart.
//! - Stacked bars of one column add up to the column's total height.
//! - Percentages are drawn on 0–100 %, the target as a line across.

/// The view box's width and height.
pub const WIDTH: f64 = 640.0;
pub const HEIGHT: f64 = 260.0;
/// Room left for the value axis, and below for the period labels.
pub const LEFT: f64 = 44.0;
pub const BOTTOM: f64 = 28.0;
/// Room above the plot.
pub const TOP: f64 = 12.0;
/// Room right of the plot (the Pareto's cumulative-% axis).
pub const RIGHT: f64 = 40.0;

/// The plot's height.
pub fn plot_h() -> f64 {
    HEIGHT - TOP - BOTTOM
}

/// The smallest of 1, 2, 5 × 10ⁿ at or above `max` (1 for nothing).
pub fn nice_max(max: u64) -> u64 {
    let mut step = 1;
    loop {
        for m in [1, 2, 5] {
            if m * step >= max {
                return m * step;
            }
        }
        step *= 10;
    }
}

/// The y of value `v` on a 0–`top` axis.
pub fn y_of(v: f64, top: f64) -> f64 {
    TOP + plot_h() * (1.0 - if top > 0.0 { v / top } else { 0.0 })
}

/// Column `i` of `n`: its left edge and width (a fifth of a slot left free on each side).
pub fn column(i: usize, n: usize) -> (f64, f64) {
    let slot = (WIDTH - LEFT - RIGHT) / n.max(1) as f64;
    (LEFT + slot * i as f64 + slot * 0.15, slot * 0.7)
}

/// The centre of column `i` of `n`.
pub fn centre(i: usize, n: usize) -> f64 {
    let (x, w) = column(i, n);
    x + w / 2.0
}

/// One drawn rectangle of series `series`.
#[derive(Debug, Clone, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub series: usize,
}

/// Stacked columns: `columns[i][s]` is series `s` in column `i`; the axis top is returned
/// with the rectangles (an empty part draws none).
pub fn stacked(columns: &[Vec<u64>]) -> (u64, Vec<Rect>) {
    let top = nice_max(columns.iter().map(|c| c.iter().sum::<u64>()).max().unwrap_or(0));
    let mut out = Vec::new();
    for (i, col) in columns.iter().enumerate() {
        let (x, w) = column(i, columns.len());
        let mut base = 0u64;
        for (s, &v) in col.iter().enumerate().filter(|(_, &v)| v > 0) {
            let (y0, y1) = (y_of(base as f64, top as f64), y_of((base + v) as f64, top as f64));
            out.push(Rect { x, y: y1, w, h: y0 - y1, series: s });
            base += v;
        }
    }
    (top, out)
}

/// A line's points on a 0–100 % axis, one per column; a column without a value breaks it.
pub fn percent_points(values: &[Option<i64>]) -> Vec<Option<(f64, f64)>> {
    let n = values.len();
    values
        .iter()
        .enumerate()
        .map(|(i, v)| v.map(|p| (centre(i, n), y_of(p as f64, 1000.0))))
        .collect()
}

/// SVG path data through `points`, a new segment after each gap.
pub fn path(points: &[Option<(f64, f64)>]) -> String {
    let mut d = String::new();
    let mut pen_down = false;
    for p in points {
        match p {
            Some((x, y)) => {
                d.push_str(&format!("{}{x:.1},{y:.1} ", if pen_down { "L" } else { "M" }));
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    d.trim_end().to_owned()
}

/// `text` cut to fit `width` units of the view box at the ticks' size (a Chinese character
/// about 12, a Latin one about 7), with "…" when cut.
pub fn fit(text: &str, width: f64) -> String {
    let w = |c: char| if c.is_ascii() { 7.0 } else { 12.0 };
    if text.chars().map(w).sum::<f64>() <= width {
        return text.to_owned();
    }
    let mut used = w('…');
    let mut out: String = text
        .chars()
        .take_while(|&c| {
            used += w(c);
            used <= width
        })
        .collect();
    out.push('…');
    out
}

#[cfg(test)]
#[path = "charts_tests.rs"]
mod tests;
