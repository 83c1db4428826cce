//! A signature drawn on the tablet as an SVG path ("M10 20L12 22…M40 8L…"), kept in the
//! request's `signature` field (at most [`SIGNATURE_MAX`] characters).
//!
//! Laws:
//! - Coordinates are rounded to whole pixels; a point equal to the previous one is dropped.
//! - A path that would be too long is simplified — every other inner point of each stroke
//!   dropped, again until it fits — keeping every stroke's ends; only a drawing that cannot
//!   fit even then loses its last strokes.

/// The longest `signature` the schema takes.
pub const SIGNATURE_MAX: usize = 20_000;

/// The strokes as one SVG path of at most [`SIGNATURE_MAX`] characters.
pub fn signature_path(strokes: &[Vec<(f64, f64)>]) -> String {
    let mut strokes: Vec<Vec<(i64, i64)>> = strokes
        .iter()
        .map(|s| {
            let mut out: Vec<(i64, i64)> = Vec::with_capacity(s.len());
            for &(x, y) in s {
                let p = (x.round() as i64, y.round() as i64);
                if out.last() != Some(&p) {
                    out.push(p);
                }
            }
            out
        })
        .filter(|s| !s.is_empty())
        .collect();
    loop {
        let path = render(&strokes);
        if path.len() <= SIGNATURE_MAX {
            return path;
        }
        if strokes.iter().all(|s| s.len() <= 2) {
            strokes.pop();
            continue;
        }
        for s in &mut strokes {
            if s.len() > 2 {
                let last = s[s.len() - 1];
                let mut kept: Vec<(i64, i64)> = s.iter().copied().step_by(2).collect();
                if kept.last() != Some(&last) {
                    kept.push(last);
                }
                *s = kept;
            }
        }
    }
}

fn render(strokes: &[Vec<(i64, i64)>]) -> String {
    let mut out = String::new();
    for s in strokes {
        for (i, (x, y)) in s.iter().enumerate() {
            out.push_str(&format!("{}{x} {y}", if i == 0 { 'M' } else { 'L' }));
        }
        if s.len() == 1 {
            // A dot: a zero-length line so that it is drawn.
            out.push_str(&format!("L{} {}", s[0].0, s[0].1));
        }
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn strokes_become_a_rounded_path() {
        let p = signature_path(&[vec![(1.2, 2.6), (1.4, 3.0), (5.0, 6.0)], vec![(9.0, 9.0)]]);
        assert_eq!(p, "M1 3L5 6M9 9L9 9");
        assert_eq!(signature_path(&[]), "");
    }

    #[test]
    fn a_long_drawing_is_simplified_to_fit_keeping_stroke_ends() {
        let stroke: Vec<(f64, f64)> = (0..6000).map(|i| (i as f64, (i % 300) as f64)).collect();
        let p = signature_path(&[stroke.clone(), stroke]);
        assert!(p.len() <= SIGNATURE_MAX, "{}", p.len());
        assert!(p.starts_with("M0 0L"), "first point kept");
        assert_eq!(p.matches('M').count(), 2, "both strokes kept");
        assert!(p.ends_with("L5999 299"), "last point kept");
    }
}
