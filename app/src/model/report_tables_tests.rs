use super::*;
use crate::model::report_summaries;
use calamine::{Reader, Xlsx};
use shared::report::facts::RequestFact;
use shared::report::kpi::{Filter, KpiId};
use shared::report::monthly::monthly;
use shared::request::deadline::Settings;
use shared::request::{Category, RequestStatus, Urgency};

const CN: i64 = 480;
/// 2026-11-02 00:00 in China (a Monday).
const DAY: i64 = 20_759 * DAY_MS - CN * 60_000;

fn id(s: &str) -> RecordId {
    RecordId::from(s)
}

fn complaint(n: &str, topic: &str, cause: &str) -> RequestFact {
    RequestFact {
        id: id(n),
        number: format!("A1-{n}"),
        category: Category::Complaint,
        status: RequestStatus::New,
        source: None,
        urgency: Urgency::Normal,
        area: None,
        created_by: Some(id("b1")),
        assignee: None,
        department: None,
        topic: Some(id(topic)),
        created_at: Some(DAY + 3_600_000),
        done_at: None,
        first_done_at: None,
        due_at: Some(DAY + 2 * DAY_MS),
        repeat_of: None,
        finding: false,
        cause: cause.into(),
        corrective: String::new(),
        reopened: 0,
        deleted: false,
    }
}

fn facts() -> Facts {
    Facts {
        requests: vec![
            complaint("1", "noise", "装修超时施工"),
            complaint("2", "noise", "装修超时施工"),
            complaint("3", "noise", ""),
        ],
        staff: vec![(id("b1"), Role::Butler, None), (id("b2"), Role::Butler, None)],
        settings: Settings::default(),
        ..Facts::default()
    }
}

fn names() -> Names {
    let mut n = Names::default();
    n.staff.insert(id("b1"), ("王管家".into(), Some(Role::Butler)));
    n.topics.insert(id("noise"), ("噪音".into(), "Noise".into()));
    n
}

fn cells(t: &Table) -> Vec<Vec<&str>> {
    t.rows.iter().map(|r| r.cells.iter().map(String::as_str).collect()).collect()
}

#[test]
fn daily_totals_name_each_person_and_sum_the_columns() {
    let day = Period::of(PeriodKind::Day, DAY + 1, CN);
    assert_eq!(period_text(&day, Lang::Zh), "2026-11-02");
    let t = &daily(&facts(), &day, None, &names(), Lang::Zh)[0];
    assert_eq!(t.headers.len(), t.rows[0].cells.len());
    let c = cells(t);
    assert_eq!(c[0], ["王管家", "管家", "3", "0", "0", "0", "0", "0", "0", "0"]);
    assert_eq!(c[1][0], "b2", "a name not on this device: its id's start");
    assert_eq!((c[2][0], c[2][2], t.rows[2].mark), ("合计", "3", Mark::Total));
}

#[test]
fn an_area_s_daily_totals_leave_out_other_areas_idle_butlers() {
    let day = Period::of(PeriodKind::Day, DAY + 1, CN);
    let mut f = facts();
    let (east, west) = (id("east"), id("west"));
    f.staff = vec![
        (id("b1"), Role::Butler, Some(west.clone())),
        (id("b2"), Role::Butler, Some(west.clone())),
        (id("b3"), Role::Butler, Some(east.clone())),
    ];
    let rows = |area: Option<&RecordId>| -> Vec<String> {
        let t = &daily(&f, &day, area, &names(), Lang::Zh)[0];
        t.rows.iter().map(|r| r.cells[0].clone()).collect()
    };
    // b1 took three complaints that day; b2 and b3 did nothing counted here.
    assert_eq!(rows(None).len(), 4, "the site: every butler and the sums");
    assert_eq!(rows(Some(&west)).len(), 3, "west: b1 and b2 (idle, but of this area)");
    let east_rows = rows(Some(&east));
    assert_eq!(east_rows.len(), 3, "east: b3, and b1 whose work is counted here");
    assert_eq!(east_rows[0], "王管家");
}

#[test]
fn the_kpi_table_shows_count_value_target_and_verdict() {
    let s = Settings::default();
    let f = |k, n: usize, d: usize| {
        let ids = |k: usize| (0..k).map(|i| id(&i.to_string())).collect();
        Figure::new(k, &s, ids(n), ids(d))
    };
    let figures = [
        f(KpiId::Satisfaction, 12, 13),
        f(KpiId::RepeatComplaint, 0, 4),
        f(KpiId::InquiryReply, 0, 0),
    ];
    let t = kpi_table(&figures, Lang::Zh);
    let c = cells(&t);
    assert_eq!(c[0], ["满意率", "12 / 13", "92.3%", "≥ 90%", "达标"]);
    assert_eq!(c[1], ["重复投诉率", "0 / 4", "0.0%", "≤ 1%", "达标"]);
    assert_eq!(c[2], ["咨询回复率", "0 / 0", "—", "≥ 100%", "—"]);
    let t = kpi_table(&[f(KpiId::Satisfaction, 8, 10)], Lang::En);
    assert_eq!((t.rows[0].cells[4].as_str(), t.rows[0].mark), ("Missed", Mark::Missed));
}

#[test]
fn complaints_by_category_list_their_causes_and_the_week_its_late_requests() {
    let f = facts();
    let month = Period::of(PeriodKind::Month, DAY, CN);
    assert_eq!(period_text(&month, Lang::Zh), "2026年11月");
    let m = monthly(&f, &month, &Filter::default(), DAY + 40 * DAY_MS);
    let tables = report_summaries::monthly(&m, &names(), Lang::Zh);
    assert_eq!(tables[0].id, "kpi-table");
    let c = cells(&tables[1]);
    assert_eq!(c[0], ["噪音", "3", "0", "装修超时施工 ×2；未填写 1", "未填写 3"]);
    assert_eq!(c[1][..3], ["合计", "3", "0"]);
    let week = Period::of(PeriodKind::Week, DAY, CN);
    assert_eq!(period_text(&week, Lang::En), "2026-11-02 – 2026-11-08");
    let w = shared::report::weekly::weekly(&f, &week, &Filter::default(), DAY + 8 * DAY_MS);
    let tables = report_summaries::weekly(&w, &f, &names(), Lang::Zh);
    let late = tables.iter().find(|t| t.id == "weekly-late").unwrap();
    assert_eq!(cells(late)[0], ["A1-1", "投诉", "王管家", "2026-11-04 00:00", "是"]);
}

#[test]
fn the_workbook_holds_every_table_cell_for_cell() {
    let f = facts();
    let month = Period::of(PeriodKind::Month, DAY, CN);
    let m = monthly(&f, &month, &Filter::default(), DAY + 40 * DAY_MS);
    let mut tables = report_summaries::monthly(&m, &names(), Lang::Zh);
    tables.push(report_summaries::note_table(None, &names(), CN, Lang::Zh));
    assert!(tables[2].rows.is_empty(), "no remarks yet: the sheet says so");
    let bytes = workbook("月度服务质量报告", "2026年11月", &tables).unwrap();
    let mut x: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let range = x.worksheet_range("月度服务质量报告").unwrap();
    let read: Vec<Vec<String>> = range
        .rows()
        .map(|r| {
            let mut v: Vec<String> = r.iter().map(|c| c.to_string()).collect();
            while v.last().is_some_and(String::is_empty) {
                v.pop();
            }
            v
        })
        .collect();
    assert_eq!(read[0], ["月度服务质量报告"]);
    assert_eq!(read[1], ["2026年11月"]);
    let mut at = 3;
    for t in &tables {
        assert_eq!(read[at], std::slice::from_ref(&t.title));
        assert_eq!(read[at + 1], t.headers);
        let rows: Vec<Vec<String>> = match t.rows.is_empty() {
            true => t.empty.iter().map(|e| vec![e.clone()]).collect(),
            false => t.rows.iter().map(|r| r.cells.clone()).collect(),
        };
        for (i, mut want) in rows.iter().cloned().enumerate() {
            while want.last().is_some_and(String::is_empty) {
                want.pop();
            }
            assert_eq!(read[at + 2 + i], want, "{} row {i}", t.id);
        }
        at += 3 + rows.len();
    }
}
