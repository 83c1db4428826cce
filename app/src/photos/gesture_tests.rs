//! The viewer's gestures natively: pinch, pan, double tap, swipe, wheel.

use super::*;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

/// A viewer of 800×600 px.
fn viewer() -> Gestures {
    let mut g = Gestures::default();
    g.set_size(800.0, 600.0);
    g
}

#[test]
fn pinching_scales_by_the_change_of_distance_and_keeps_the_midpoint_under_the_fingers() {
    let mut g = viewer();
    g.down(1, (-50.0, 0.0), 0.0);
    g.down(2, (50.0, 0.0), 10.0);
    g.moved(1, (-100.0, 0.0));
    g.moved(2, (100.0, 0.0));
    assert!(close(g.view.scale, 2.0), "{:?}", g.view);
    assert!(close(g.view.x, 0.0) && close(g.view.y, 0.0), "about the centre: {:?}", g.view);

    // A pinch about a point off-centre: the picture point under the midpoint stays there.
    let mut g = viewer();
    g.down(1, (90.0, 40.0), 0.0);
    g.down(2, (110.0, 60.0), 0.0);
    let under = (100.0, 50.0); // picture point at the midpoint (scale 1, no offset)
    g.moved(1, (80.0, 30.0));
    g.moved(2, (120.0, 70.0));
    let v = g.view;
    assert!(close(v.scale, 2.0), "{v:?}");
    assert!(close(v.x + v.scale * under.0, 100.0) && close(v.y + v.scale * under.1, 50.0), "{v:?}");
    // Lifting the fingers neither swipes nor taps.
    assert_eq!(g.up(1, (80.0, 30.0), 100.0), Step::None);
    assert_eq!(g.up(2, (120.0, 70.0), 100.0), Step::None);
    assert!(g.view.zoomed());
}

#[test]
fn the_zoom_stays_between_whole_and_six_times() {
    let mut g = viewer();
    g.down(1, (-10.0, 0.0), 0.0);
    g.down(2, (10.0, 0.0), 0.0);
    g.moved(2, (0.0, 0.0));
    assert_eq!(g.view, View::default(), "pinching in past the whole picture stops there");
    g.moved(1, (-400.0, 0.0));
    g.moved(2, (400.0, 0.0));
    assert!(close(g.view.scale, MAX_SCALE));
}

#[test]
fn one_pointer_pans_only_when_zoomed_and_never_off_the_picture() {
    let mut g = viewer();
    g.down(1, (0.0, 0.0), 0.0);
    g.moved(1, (30.0, 20.0));
    assert_eq!(g.view, View::default(), "the whole picture does not move");
    g.up(1, (30.0, 20.0), 50.0);

    g.toggle((0.0, 0.0));
    assert!(close(g.view.scale, DOUBLE_TAP_SCALE));
    g.down(1, (0.0, 0.0), 1000.0);
    g.moved(1, (30.0, 20.0));
    assert!(close(g.view.x, 30.0) && close(g.view.y, 20.0), "{:?}", g.view);
    g.moved(1, (5000.0, -5000.0));
    let over = (DOUBLE_TAP_SCALE - 1.0) * 400.0;
    assert!(close(g.view.x, over), "stops at the right edge: {:?}", g.view);
    assert!(close(g.view.y, -(DOUBLE_TAP_SCALE - 1.0) * 300.0), "and the top: {:?}", g.view);
    assert_eq!(g.up(1, (5000.0, -5000.0), 1100.0), Step::None, "a pan while zoomed is no swipe");
}

#[test]
fn a_double_tap_zooms_about_the_tap_and_another_goes_back() {
    let mut g = viewer();
    let p = (100.0, -60.0);
    assert_eq!(g.up(7, p, 0.0), Step::None, "an up without a down is ignored");
    g.down(1, p, 0.0);
    g.up(1, p, 80.0);
    assert!(!g.view.zoomed(), "one tap does nothing");
    g.down(1, (103.0, -58.0), 200.0);
    g.up(1, (103.0, -58.0), 260.0);
    let v = g.view;
    assert!(close(v.scale, DOUBLE_TAP_SCALE));
    // The picture point that was under the second tap is still under it.
    assert!(close(v.x + v.scale * 103.0, 103.0) && close(v.y + v.scale * -58.0, -58.0), "{v:?}");
    g.down(1, p, 1000.0);
    g.up(1, p, 1050.0);
    g.down(1, p, 1200.0);
    g.up(1, p, 1250.0);
    assert_eq!(g.view, View::default(), "a second double tap shows the whole picture");

    // Two taps too far apart in time or place are two single taps.
    g.down(1, p, 5000.0);
    g.up(1, p, 5010.0);
    g.down(1, p, 5500.0);
    g.up(1, p, 5510.0);
    assert!(!g.view.zoomed());
    g.down(1, (300.0, 200.0), 5600.0);
    g.up(1, (300.0, 200.0), 5610.0);
    assert!(!g.view.zoomed());
}

#[test]
fn a_swipe_changes_photo_only_when_not_zoomed() {
    let mut g = viewer();
    g.down(1, (100.0, 0.0), 0.0);
    g.moved(1, (0.0, 10.0));
    assert_eq!(g.up(1, (0.0, 10.0), 200.0), Step::Next, "leftwards: the next photo");
    g.down(1, (0.0, 0.0), 1000.0);
    assert_eq!(g.up(1, (80.0, 0.0), 1200.0), Step::Prev);
    g.down(1, (0.0, 0.0), 2000.0);
    assert_eq!(g.up(1, (30.0, 0.0), 2200.0), Step::None, "too short");
    g.down(1, (0.0, 0.0), 3000.0);
    assert_eq!(g.up(1, (60.0, 200.0), 3200.0), Step::None, "mostly vertical");

    g.toggle((0.0, 0.0));
    g.down(1, (100.0, 0.0), 4000.0);
    assert_eq!(g.up(1, (0.0, 0.0), 4200.0), Step::None, "zoomed: it panned");
    // A cancelled pointer neither taps nor swipes.
    g.reset();
    g.down(1, (100.0, 0.0), 5000.0);
    g.cancel(1);
    assert_eq!(g.up(1, (0.0, 0.0), 5100.0), Step::None);
}

#[test]
fn the_wheel_zooms_about_the_cursor() {
    let mut g = viewer();
    let p = (200.0, 100.0);
    g.wheel(-100.0, p);
    let v = g.view;
    assert!(v.scale > 1.1 && v.scale < 1.2, "{v:?}");
    // The picture point under the cursor (p at scale 1) stays under it.
    assert!(close(v.x + v.scale * p.0, p.0) && close(v.y + v.scale * p.1, p.1), "{v:?}");
    for _ in 0..100 {
        g.wheel(-100.0, p);
    }
    assert!(close(g.view.scale, MAX_SCALE));
    for _ in 0..100 {
        g.wheel(100.0, p);
    }
    assert_eq!(g.view, View::default(), "out to the whole picture, centred");
    assert_eq!(View::default().css(), "translate(0.0px, 0.0px) scale(1.000)");
}
