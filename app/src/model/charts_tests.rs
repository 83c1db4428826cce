use super::*;

#[test]
fn the_axis_ends_at_a_round_number() {
    let got: Vec<u64> = [0, 1, 2, 3, 7, 10, 11, 120, 501].map(nice_max).to_vec();
    assert_eq!(got, [1, 1, 2, 5, 10, 10, 20, 200, 1000]);
}

#[test]
fn stacked_parts_add_up_to_the_column() {
    let (top, rects) = stacked(&[vec![3, 0, 2], vec![10, 0, 0]]);
    assert_eq!(top, 10);
    assert_eq!(rects.len(), 3, "an empty part draws nothing");
    let first: f64 = rects.iter().filter(|r| r.x == rects[0].x).map(|r| r.h).sum();
    assert!((first - plot_h() / 2.0).abs() < 1e-9, "5 of 10 is half the plot");
    assert!((rects[2].h - plot_h()).abs() < 1e-9);
    assert!((rects[2].y - TOP).abs() < 1e-9, "the tallest column reaches the top");
    assert_eq!((rects[0].series, rects[1].series), (0, 2));
    // The upper part sits on the lower one.
    assert!((rects[1].y + rects[1].h - rects[0].y).abs() < 1e-9);
}

#[test]
fn a_line_breaks_where_a_month_has_no_value() {
    let pts = percent_points(&[Some(1000), None, Some(0), Some(500)]);
    assert_eq!(pts[0].map(|p| p.1), Some(TOP));
    assert_eq!(pts[2].map(|p| p.1), Some(TOP + plot_h()));
    let d = path(&pts);
    assert_eq!(d.matches('M').count(), 2);
    assert_eq!(d.matches('L').count(), 1);
    assert_eq!(path(&[]), "");
}

#[test]
fn labels_are_cut_to_their_column() {
    assert_eq!(fit("Vehicles", 100.0), "Vehicles");
    assert_eq!(fit("Neighbours / noise", 60.0), "Neighb…");
    assert_eq!(fit("邻里 / 噪音", 40.0), "邻里…");
    assert_eq!(fit("", 10.0), "");
}
