//! The viewer's gestures as plain arithmetic (issue 9, "swipe and zoom"), so they are tested
//! natively: two pointers pinch (the distance between them scales, their midpoint stays
//! under the fingers), one pointer pans while zoomed, a double tap or double click toggles
//! the zoom about where it happened, a horizontal swipe changes photo only when not zoomed,
//! and the wheel zooms about the cursor on a desk.
//!
//! Points are in CSS px relative to the centre of the viewer; the picture is drawn
//! `translate(x, y) scale(scale)` about its centre, so a picture point `p` is on screen at
//! `t + scale * p`. Zooming about a focus `f` keeps the picture point under `f` there:
//! `t' = f - (scale' / scale) * (f - t)`.

/// Least and greatest zoom.
pub const MIN_SCALE: f64 = 1.0;
pub const MAX_SCALE: f64 = 6.0;
/// The zoom a double tap goes to.
pub const DOUBLE_TAP_SCALE: f64 = 2.5;
/// A pointer that moved less than this (px) between down and up tapped.
pub const TAP_SLOP_PX: f64 = 10.0;
/// Two taps within this long (ms) and this close (px) are a double tap.
pub const DOUBLE_TAP_MS: f64 = 350.0;
pub const DOUBLE_TAP_PX: f64 = 40.0;
/// A horizontal move longer than this (px), and longer than it is tall, swipes.
pub const SWIPE_PX: f64 = 50.0;
/// Wheel zoom per pixel of `deltaY` (a notch of 100 px zooms by about 16 %).
const WHEEL_RATE: f64 = 0.0015;

/// How the picture is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    pub scale: f64,
    pub x: f64,
    pub y: f64,
}

impl Default for View {
    fn default() -> Self {
        Self { scale: MIN_SCALE, x: 0.0, y: 0.0 }
    }
}

impl View {
    /// Whether the picture is enlarged (a swipe then pans instead of changing photo).
    pub fn zoomed(&self) -> bool {
        self.scale > MIN_SCALE + 1e-6
    }

    /// The CSS `transform` that draws it.
    pub fn css(&self) -> String {
        format!("translate({:.1}px, {:.1}px) scale({:.3})", self.x, self.y, self.scale)
    }
}

/// What a finished gesture asks of the viewer besides redrawing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    None,
    Next,
    Prev,
}

/// A pinch under way: where it started.
#[derive(Debug, Clone, Copy)]
struct Pinch {
    distance: f64,
    mid: (f64, f64),
    from: View,
}

/// The gestures' state: the pointers down, the view, the last tap.
#[derive(Debug, Clone, Default)]
pub struct Gestures {
    pub view: View,
    /// Half the viewer's width and height (px): panning stops at the picture's edges.
    half: (f64, f64),
    /// Pointers down: id and where each is now.
    pointers: Vec<(i32, (f64, f64))>,
    /// Where and when the gesture's first pointer went down.
    start: Option<(f64, f64, f64)>,
    /// A second pointer took part: this gesture neither taps nor swipes.
    multi: bool,
    /// The view when the gesture started (a swipe needs it unzoomed).
    zoomed_at_start: bool,
    pinch: Option<Pinch>,
    /// The last tap: where and when.
    last_tap: Option<(f64, f64, f64)>,
}

fn dist(a: (f64, f64), b: (f64, f64)) -> f64 {
    ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
}

fn mid(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0)
}

impl Gestures {
    /// The viewer's size (px), for keeping a zoomed picture on screen.
    pub fn set_size(&mut self, width: f64, height: f64) {
        self.half = (width.max(0.0) / 2.0, height.max(0.0) / 2.0);
        self.view = self.clamped(self.view);
    }

    /// Back to the whole picture (a new photo, the zoom button while zoomed).
    pub fn reset(&mut self) {
        self.view = View::default();
        self.pinch = None;
    }

    /// A pointer went down at `p` at `t_ms`.
    pub fn down(&mut self, id: i32, p: (f64, f64), t_ms: f64) {
        self.pointers.retain(|(i, _)| *i != id);
        if self.pointers.is_empty() {
            self.start = Some((p.0, p.1, t_ms));
            self.multi = false;
            self.zoomed_at_start = self.view.zoomed();
        }
        self.pointers.push((id, p));
        if self.pointers.len() >= 2 {
            self.multi = true;
            self.begin_pinch();
        }
    }

    /// A pointer moved to `p`.
    pub fn moved(&mut self, id: i32, p: (f64, f64)) {
        let Some(k) = self.pointers.iter().position(|(i, _)| *i == id) else { return };
        let before = self.pointers[k].1;
        self.pointers[k].1 = p;
        match (self.pinch, self.pointers.as_slice()) {
            (Some(pinch), [(_, a), (_, b), ..]) => {
                let scale = pinch.from.scale * dist(*a, *b) / pinch.distance.max(1.0);
                let scale = scale.clamp(MIN_SCALE, MAX_SCALE);
                let (m, r) = (mid(*a, *b), scale / pinch.from.scale);
                let (x, y) = (
                    m.0 - r * (pinch.mid.0 - pinch.from.x),
                    m.1 - r * (pinch.mid.1 - pinch.from.y),
                );
                self.view = self.clamped(View { scale, x, y });
            }
            (None, [_]) if self.view.zoomed() => {
                let v = self.view;
                self.view =
                    self.clamped(View { x: v.x + p.0 - before.0, y: v.y + p.1 - before.1, ..v });
            }
            _ => {}
        }
    }

    /// A pointer went up at `p` at `t_ms`: a tap, a double tap (which toggles the zoom) or a
    /// swipe (which asks for the next or previous photo) ends here.
    pub fn up(&mut self, id: i32, p: (f64, f64), t_ms: f64) -> Step {
        if !self.pointers.iter().any(|(i, _)| *i == id) {
            return Step::None;
        }
        self.pointers.retain(|(i, _)| *i != id);
        if !self.pointers.is_empty() {
            // One finger of a pinch lifted: the other pans on from here.
            self.pinch = None;
            return Step::None;
        }
        self.pinch = None;
        let Some((x0, y0, _)) = self.start.take() else { return Step::None };
        if self.multi {
            return Step::None;
        }
        let (dx, dy) = (p.0 - x0, p.1 - y0);
        if dist((0.0, 0.0), (dx, dy)) < TAP_SLOP_PX {
            return self.tap(p, t_ms);
        }
        self.last_tap = None;
        if !self.zoomed_at_start && dx.abs() > SWIPE_PX && dx.abs() > dy.abs() {
            return if dx < 0.0 { Step::Next } else { Step::Prev };
        }
        Step::None
    }

    /// A pointer was taken away (the browser cancelled it): no tap, no swipe.
    pub fn cancel(&mut self, id: i32) {
        self.pointers.retain(|(i, _)| *i != id);
        self.multi = true;
        self.pinch = None;
        if self.pointers.is_empty() {
            self.start = None;
        }
    }

    /// The wheel turned by `delta_y` px with the cursor at `p`: zoom about the cursor.
    pub fn wheel(&mut self, delta_y: f64, p: (f64, f64)) {
        let scale = (self.view.scale * (-delta_y * WHEEL_RATE).exp()).clamp(MIN_SCALE, MAX_SCALE);
        self.zoom_about(scale, p);
    }

    /// Zoom in to [`DOUBLE_TAP_SCALE`] about `p`, or back to the whole picture when zoomed.
    pub fn toggle(&mut self, p: (f64, f64)) {
        if self.view.zoomed() {
            self.reset();
        } else {
            self.zoom_about(DOUBLE_TAP_SCALE, p);
        }
    }

    fn tap(&mut self, p: (f64, f64), t_ms: f64) -> Step {
        match self.last_tap.take() {
            Some((x, y, t)) if t_ms - t <= DOUBLE_TAP_MS && dist((x, y), p) <= DOUBLE_TAP_PX => {
                self.toggle(p);
            }
            _ => self.last_tap = Some((p.0, p.1, t_ms)),
        }
        Step::None
    }

    fn begin_pinch(&mut self) {
        if let [(_, a), (_, b), ..] = self.pointers.as_slice() {
            self.pinch = Some(Pinch { distance: dist(*a, *b), mid: mid(*a, *b), from: self.view });
        }
    }

    fn zoom_about(&mut self, scale: f64, f: (f64, f64)) {
        let v = self.view;
        let r = scale / v.scale;
        self.view =
            self.clamped(View { scale, x: f.0 - r * (f.0 - v.x), y: f.1 - r * (f.1 - v.y) });
    }

    /// `v` with its offset kept within the picture's overhang, so it never leaves the screen
    /// (no viewer size known yet: not limited).
    fn clamped(&self, v: View) -> View {
        if !v.zoomed() {
            return View::default();
        }
        let limit = |t: f64, half: f64| {
            if half <= 0.0 {
                return t;
            }
            let over = (v.scale - 1.0) * half;
            t.clamp(-over, over)
        };
        View { scale: v.scale, x: limit(v.x, self.half.0), y: limit(v.y, self.half.1) }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "gesture_tests.rs"]
mod tests;
