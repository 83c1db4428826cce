//! Rounds as a spreadsheet (巡查记录导出): one row per answer with its round's site, area,
//! person, start and end, so the office can filter and total them in Excel.

use super::patrol_report::Report;
use super::Label;
use crate::i18n::Lang;
use rust_xlsxwriter::{Format, Workbook};

/// The header row.
const HEADERS: [(&str, &str); 13] = [
    ("片区", "Area"),
    ("楼栋", "Building"),
    ("类型", "Kind"),
    ("巡查人", "By"),
    ("开始", "Started"),
    ("结束", "Ended"),
    ("分区", "Section"),
    ("检查项", "Item"),
    ("结果", "Result"),
    ("读数 / 选项", "Value"),
    ("备注", "Note"),
    ("整改工单", "Rectification"),
    ("受检人", "Whose work was checked"),
];

fn pick(l: &Label, lang: Lang) -> &str {
    if lang == Lang::En && !l.en.is_empty() {
        &l.en
    } else {
        &l.zh
    }
}

/// The workbook of `reports`, headers in `lang`; times as UTC `YYYY-MM-DD HH:MM`.
pub fn workbook(reports: &[Report], lang: Lang) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet();
    let e = |e: rust_xlsxwriter::XlsxError| e.to_string();
    sheet.set_name(if lang == Lang::En { "Rounds" } else { "巡查记录" }).map_err(e)?;
    let bold = Format::new().set_bold();
    for (c, (zh, en)) in HEADERS.iter().enumerate() {
        let h = if lang == Lang::En { en } else { zh };
        sheet.write_string_with_format(0, c as u16, *h, &bold).map_err(e)?;
    }
    let time = |ms: Option<i64>| ms.map(utc_text).unwrap_or_default();
    let mut row = 1u32;
    for r in reports {
        let kind = match r.round.purpose {
            shared::patrol::Purpose::Patrol => ("巡查", "Patrol"),
            shared::patrol::Purpose::Quality => ("品质检查", "Quality check"),
        };
        for a in &r.rows {
            let cells = [
                r.area.clone(),
                a.building.clone(),
                (if lang == Lang::En { kind.1 } else { kind.0 }).to_owned(),
                r.by.clone(),
                time(r.round.started_at),
                time(r.round.ended_at),
                pick(&a.section, lang).to_owned(),
                pick(&a.item, lang).to_owned(),
                a.result.map(|x| x.as_str().to_owned()).unwrap_or_default(),
                pick(&a.value, lang).to_owned(),
                a.note.clone(),
                a.finding
                    .as_ref()
                    .map(|f| if f.1.is_empty() { f.0 .0.clone() } else { f.1.clone() })
                    .unwrap_or_default(),
                r.subject.clone(),
            ];
            for (c, v) in cells.iter().enumerate() {
                sheet.write_string(row, c as u16, v).map_err(e)?;
            }
            row += 1;
        }
    }
    sheet.autofit();
    wb.save_to_buffer().map_err(e)
}

/// `YYYY-MM-DD HH:MM` (UTC) of `ms`.
fn utc_text(ms: i64) -> String {
    let (y, m, d) = shared::calendar::civil_from_days(ms.div_euclid(86_400_000));
    let min = ms.rem_euclid(86_400_000) / 60_000;
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02}", min / 60, min % 60)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::model::patrol::RoundView;
    use crate::model::patrol_report::ReportRow;
    use calamine::{Reader, Xlsx};
    use shared::patrol::{AnswerResult, Purpose};
    use shared::RecordId;

    #[test]
    fn every_answer_is_a_row_with_its_round() {
        let round = RoundView {
            id: RecordId::new_v7(),
            template: RecordId::new_v7(),
            version: 1,
            purpose: Purpose::Patrol,
            area: None,
            building: None,
            by: None,
            subject: None,
            started_at: Some(86_400_000 + 9 * 3_600_000),
            ended_at: None,
            score: None,
        };
        let row = |item: &str, result| ReportRow {
            answer: RecordId::new_v7(),
            section: Label::same("公共区域".into()),
            item: Label { zh: item.into(), en: "Lights".into() },
            building: "1号楼".into(),
            floor: None,
            result: Some(result),
            value: Label::default(),
            note: String::new(),
            thumbs: vec![],
            finding: None,
        };
        let rep = Report {
            round,
            site: "阳光花园".into(),
            template: Label::same("日常巡查".into()),
            area: "东区".into(),
            building: String::new(),
            by: "王管家".into(),
            subject: "李管家".into(),
            not_walked: vec![],
            rows: vec![row("楼道照明", AnswerResult::Fail), row("电梯", AnswerResult::Pass)],
        };
        let bytes = workbook(&[rep], Lang::Zh).unwrap();
        let mut x: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let range = x.worksheet_range("巡查记录").unwrap();
        let rows: Vec<Vec<String>> =
            range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0][0], "片区");
        assert_eq!(
            (rows[1][0].as_str(), rows[1][7].as_str(), rows[1][8].as_str()),
            ("东区", "楼道照明", "fail")
        );
        assert_eq!(rows[2][4], "1970-01-02 09:00");
        assert_eq!((rows[0][12].as_str(), rows[1][12].as_str()), ("受检人", "李管家"));
    }
}
