//! The patrol pages' strings added for issue 28 (the walk's progress, the units a section
//! looks at, what a round did not walk, the quality days' target), both languages side by
//! side; kept apart from [`super::Key`] like the checklist editor's.

use super::Lang;

words! {
    /// A string of the patrol pages.
    Pt;
    Progress => "已答 {a} / 共 {b} 项", "Answered {a} of {b}";
    UnitsRenovating => "本楼装修中的房屋：", "Units being renovated here: ";
    UnitsVacant => "本楼空置房：", "Vacant units here: ";
    NoUnits => "无", "none";
    OutOfRange => "读数超出范围 {r}，已记为问题，结束本楼时生成整改工单", "Reading outside {r}: recorded as a finding, filed when the building is done";
    Answered => "已答", "Answered";
    FullRound => "完整巡查（已走遍本片区所有楼栋）", "Full round (every building of the area walked)";
    PartialRound => "未走完本片区，不计入当日巡查次数。未巡查：", "Not a full round of the area, not counted as the day's round. Not walked: ";
    Partial => "未走完", "partial";
    BelowTarget => "未达标", "Below target";
    Checked => "被检查人", "Whose work";
    Mon => "周一", "Mon";
    Tue => "周二", "Tue";
    Wed => "周三", "Wed";
    Thu => "周四", "Thu";
    Fri => "周五", "Fri";
    Sat => "周六", "Sat";
    Sun => "周日", "Sun";
}

/// The short name of the weekday of local day `day_start` (ms of its local midnight) in a
/// zone `offset_min` ahead of UTC.
pub fn weekday(day_start: i64, offset_min: i64, lang: Lang) -> &'static str {
    let days = (day_start + offset_min * 60_000).div_euclid(86_400_000);
    // 1970-01-01 was a Thursday.
    const WEEK: [Pt; 7] = [Pt::Thu, Pt::Fri, Pt::Sat, Pt::Sun, Pt::Mon, Pt::Tue, Pt::Wed];
    WEEK[days.rem_euclid(7) as usize].text(lang)
}

/// The local date of `day_start` as `MM-DD`, with its weekday: "12-04 周五".
pub fn day_label(day_start: i64, offset_min: i64, lang: Lang) -> String {
    let days = (day_start + offset_min * 60_000).div_euclid(86_400_000);
    let (_, m, d) = shared::calendar::civil_from_days(days);
    format!("{m:02}-{d:02} {}", weekday(day_start, offset_min, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_read_as_dates_with_their_weekday() {
        // 2026-12-04 is a Friday; its local midnight in China (UTC+8) is 16:00 UTC the day before.
        let day = 20_791 * 86_400_000 - 8 * 3_600_000;
        assert_eq!(day_label(day, 480, Lang::Zh), "12-04 周五");
        assert_eq!(day_label(day, 480, Lang::En), "12-04 Fri");
        assert_eq!(day_label(day + 86_400_000, 480, Lang::En), "12-05 Sat");
        for k in Pt::ALL {
            assert!(!k.text(Lang::Zh).is_empty() && !k.text(Lang::En).is_empty());
        }
    }
}
