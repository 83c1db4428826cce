//! Home visits (入户走访, DOMAIN duty 7; 000 第二篇 10.0): a plan per area and period with
//! the effective-contact target (60 %), and one `visit` record per household visited.
//! Requests raised during a visit carry source `visit`; register corrections made there go
//! through the register's own records.

pub mod coverage;
pub mod facts;

use crate::wire_enum::wire_enum;

wire_enum!(
    /// How a visit went.
    VisitOutcome {
        /// Someone of the household was met and talked to (an effective contact).
        Contacted = "contacted",
        /// Nobody at home.
        NotHome = "not_home",
        /// The household declined the visit.
        Refused = "refused",
    }
);

wire_enum!(
    /// What was talked about (several, comma-separated in `topics`).
    VisitTopic {
        /// 房屋与维修
        Repairs = "repairs",
        /// 物业费与收费
        Fees = "fees",
        /// 安全
        Security = "security",
        /// 环境、保洁、绿化
        Environment = "environment",
        /// 车辆与停车
        Parking = "parking",
        /// 邻里关系
        Neighbours = "neighbours",
        /// 意见与建议
        Suggestions = "suggestions",
        /// 社区活动
        Activities = "activities",
    }
);

impl VisitTopic {
    /// The topics of a `topics` field ("fees,repairs"): unknown words are skipped.
    pub fn list(text: &str) -> Vec<VisitTopic> {
        text.split(',').filter_map(|t| VisitTopic::parse(t.trim())).collect()
    }

    /// The `topics` field of a set of topics, in display order.
    pub fn join(topics: &[VisitTopic]) -> String {
        let on = |t: &&VisitTopic| topics.contains(t);
        VisitTopic::ALL.iter().filter(on).map(|t| t.as_str()).collect::<Vec<_>>().join(",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_round_trip_and_skip_unknown_words() {
        let t = VisitTopic::list("fees, nonsense,repairs");
        assert_eq!(t, vec![VisitTopic::Fees, VisitTopic::Repairs]);
        assert_eq!(VisitTopic::join(&t), "repairs,fees");
    }
}
