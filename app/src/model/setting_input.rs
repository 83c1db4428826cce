//! How the settings page asks for each setting (issue 28 point 16): a time of day (HH:MM)
//! for `review_minute`, a switch for `patrol_by_floor`, a whole number for every other.
//! Stored as before — the integers of [`Settings`] (`review_minute` a minute of the day,
//! the switch 0 or 1) — so what reads them does not change; [`stored_text`] turns what the
//! form holds into the number text `deadlines::settings_edits` checks and writes.

use shared::names::field;
#[cfg(doc)]
use shared::request::deadline::Settings;

/// The control a setting is asked with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingInput {
    /// A whole number in [`Settings::range`].
    Number,
    /// A time of day, `HH:MM` (stored as the minute of the day).
    TimeOfDay,
    /// On or off (stored as 1 or 0).
    Switch,
}

/// How setting `name` is asked.
pub fn input_of(name: &str) -> SettingInput {
    match name {
        field::REVIEW_MINUTE => SettingInput::TimeOfDay,
        field::PATROL_BY_FLOOR => SettingInput::Switch,
        _ => SettingInput::Number,
    }
}

/// What the form shows for the stored value `v`: `17:30` for a time of day, the number
/// otherwise (a switch is on when it is `1`).
pub fn shown(name: &str, v: i64) -> String {
    match input_of(name) {
        SettingInput::TimeOfDay => format!("{:02}:{:02}", v.div_euclid(60), v.rem_euclid(60)),
        SettingInput::Number | SettingInput::Switch => v.to_string(),
    }
}

/// The minute of the day of `HH:MM` (seconds, if a browser adds them, are ignored).
pub fn minute_of_day(typed: &str) -> Option<i64> {
    let mut parts = typed.trim().split(':');
    let h: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    ((0..24).contains(&h) && (0..60).contains(&m)).then_some(h * 60 + m)
}

/// What the form holds as the stored number's text: a time of day becomes its minute, a
/// blank stays blank (back to the default), anything unreadable is passed on as it is for
/// `settings_edits` to refuse.
pub fn stored_text(name: &str, typed: &str) -> String {
    match input_of(name) {
        SettingInput::TimeOfDay if !typed.trim().is_empty() => {
            minute_of_day(typed).map_or_else(|| typed.to_owned(), |m| m.to_string())
        }
        _ => typed.to_owned(),
    }
}

/// Whether `name`'s stored value `v` is the switch's "on".
pub fn is_on(v: &str) -> bool {
    v.trim() == "1"
}

/// The switch's stored text for `on`.
pub fn switch_text(on: bool) -> String {
    i64::from(on).to_string()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::model::deadlines::settings_edits;
    use serde_json::json;
    use shared::request::deadline::Settings;

    #[test]
    fn the_review_time_is_a_time_of_day_and_stored_as_its_minute() {
        let now = Settings::DEFAULT;
        assert_eq!(shown(field::REVIEW_MINUTE, now.review_minute), "17:30");
        assert_eq!(stored_text(field::REVIEW_MINUTE, "18:05"), "1085");
        assert_eq!(stored_text(field::REVIEW_MINUTE, "08:00:00"), "480");
        assert_eq!(stored_text(field::REVIEW_MINUTE, ""), "", "blank: back to the default");
        let typed = |t: &str| vec![(field::REVIEW_MINUTE, stored_text(field::REVIEW_MINUTE, t))];
        let edits = settings_edits(&now, &typed("18:05")).unwrap();
        assert_eq!(edits[0].value, json!(1085));
        assert!(settings_edits(&now, &typed("17:30")).unwrap().is_empty(), "unchanged");
        assert_eq!(settings_edits(&now, &typed("00:00")).unwrap()[0].value, json!(0));
        assert!(settings_edits(&now, &typed("25:00")).is_err());
        assert_eq!(Settings::range(field::REVIEW_MINUTE), 0..=23 * 60 + 59, "a time of day");
    }

    #[test]
    fn a_switch_is_on_or_off_and_stored_as_one_or_zero() {
        assert_eq!(input_of(field::PATROL_BY_FLOOR), SettingInput::Switch);
        assert_eq!(input_of(field::CALLBACK_H), SettingInput::Number);
        assert!(is_on(&shown(field::PATROL_BY_FLOOR, 1)) && !is_on("0"));
        let typed = vec![(field::PATROL_BY_FLOOR, switch_text(true))];
        let edits = settings_edits(&Settings::DEFAULT, &typed).unwrap();
        assert_eq!(edits[0].value, json!(1));
        let off = vec![(field::PATROL_BY_FLOOR, switch_text(false))];
        assert!(settings_edits(&Settings::DEFAULT, &off).unwrap().is_empty(), "off by default");
    }
}
