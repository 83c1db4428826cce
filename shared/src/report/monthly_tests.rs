use super::*;
use crate::report::period::{PeriodKind, DAY_MS};
use crate::report::test_facts::{id, request, who};
use crate::report::KpiId;
use crate::request::RequestStatus;

const M: i64 = 20_000 * DAY_MS;

fn complaint(n: &str, topic: Option<&str>, day: i64, cause: &str, action: &str) -> RequestFact {
    RequestFact {
        category: Category::Complaint,
        topic: topic.map(id),
        cause: cause.into(),
        corrective: action.into(),
        ..request(n, "b1", M + day * DAY_MS)
    }
}

/// Noise: 4 complaints about noise (two causes, one given twice, one complaint with none),
/// 1 about fees, 2 unclassified, one cancelled, one of the month before, one repair.
fn facts() -> Facts {
    let mut answered = complaint("n1", Some("noise"), 1, "装修超时施工", "限定施工时间");
    answered.status = RequestStatus::Done;
    answered.done_at = Some(M + 2 * DAY_MS);
    answered.first_done_at = answered.done_at;
    let mut cancelled = complaint("x", Some("fees"), 3, "", "");
    cancelled.status = RequestStatus::Cancelled;
    Facts {
        requests: vec![
            complaint("f1", Some("fees"), 0, "账单错误", "更正账单"),
            answered,
            complaint("n2", Some("noise"), 2, " 装修超时施工 ", ""),
            complaint("n3", Some("noise"), 3, "", "限定施工时间"),
            complaint("n4", Some("noise"), 4, "空调外机", "更换减震垫"),
            complaint("u1", None, 5, "", ""),
            complaint("u2", None, 6, "", ""),
            cancelled,
            complaint("old", Some("fees"), -1, "", ""),
            RequestFact { topic: who("noise"), ..request("r", "b1", M) },
        ],
        ..Facts::default()
    }
}

fn texts(list: &[TextCount]) -> Vec<(&str, u32)> {
    list.iter().map(|t| (t.text.as_str(), t.count)).collect()
}

#[test]
fn complaints_by_category_with_their_causes_and_actions() {
    let month = Period { kind: PeriodKind::Month, start: M, end: M + 30 * DAY_MS, offset_min: 0 };
    let groups = complaint_groups(&facts(), &month, &Filter::default());
    let topics: Vec<Option<RecordId>> = groups.iter().map(|g| g.topic.clone()).collect();
    assert_eq!(topics, [who("noise"), who("fees"), None], "largest first, unclassified last");
    let noise = &groups[0];
    assert_eq!(noise.requests, [id("n1"), id("n2"), id("n3"), id("n4")]);
    assert_eq!(noise.answered, 1);
    assert_eq!(texts(&noise.causes), [("装修超时施工", 2), ("空调外机", 1)]);
    assert_eq!(noise.without_cause, 1);
    assert_eq!(texts(&noise.actions), [("限定施工时间", 2), ("更换减震垫", 1)]);
    assert_eq!(noise.without_action, 1);
    assert_eq!(groups[1].requests, [id("f1")], "the cancelled and last month's left out");
    assert_eq!((groups[2].requests.len(), groups[2].without_cause), (2, 2));
}

#[test]
fn the_monthly_report_holds_the_months_figures() {
    let f = facts();
    let month = Period { kind: PeriodKind::Month, start: M, end: M + 30 * DAY_MS, offset_min: 0 };
    let now = M + 40 * DAY_MS;
    let m = monthly(&f, &month, &Filter::default(), now);
    assert_eq!(m.figures, kpis(&f, &month, &Filter::default(), now));
    assert_eq!(m.complaint_total, 7);
    let reply = m.figures.iter().find(|x| x.kpi == KpiId::ComplaintReply).unwrap();
    assert_eq!((reply.num, reply.den), (1, 7));
    let area = Filter { area: who("elsewhere"), ..Filter::default() };
    let empty = monthly(&f, &month, &area, now);
    assert!(empty.complaints.is_empty() && empty.complaint_total == 0);
}
