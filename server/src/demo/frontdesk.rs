//! The demo's front desk (issue 25): in every area a day's desk log — two calls or visits
//! turned into the area's requests, an inquiry answered, a call to return, a missed call
//! returned and one not returned past `missed_call_h` (on My day) — yesterday's handover
//! confirmed and today's waiting for confirmation, mail received, told, collected with a
//! signature and one long uncollected; and 22 answers of the knowledge base (reference data).
//! Deterministic: which units and requests follow from their order in the plan, times from
//! `now`.

use super::demo_id;
use super::patrol::Record;
use super::staff::Staff;
use serde_json::json;
use shared::frontdesk::{Channel, DeskOutcome, MailType, ToldHow};
use shared::names::{field, kind};
use shared::{RecordId, Role};

const MIN_MS: i64 = 60_000;
const HOUR_MS: i64 = 3_600_000;
const DAY_MS: i64 = 86_400_000;

/// The desk log, handovers, mail and knowledge base at `now`.
pub fn records(plan: &super::Plan, now: i64) -> Vec<Record> {
    let mut out = knowledge();
    let office = staff_where(&plan.staff, |s| s.role == Role::Office);
    for area in 0..plan.areas {
        let units: Vec<&super::compound::Unit> =
            plan.units.iter().filter(|u| u.area == area).collect();
        if units.is_empty() {
            continue;
        }
        let butler = staff_where(&plan.staff, |s| s.role == Role::Butler && s.area == Some(area));
        let by = butler.clone().or(office.clone());
        let unit = |n: usize| units[(n * 7 + area) % units.len()];
        // The area's newest requests taken by phone or at the desk: what entries became.
        let mut taken: Vec<&super::requests::Request> = plan
            .requests
            .iter()
            .filter(|r| plan.units[r.unit].area == area && matches!(r.source, "phone" | "walk_in"))
            .collect();
        taken.sort_by_key(|r| r.age_minutes);
        for (i, r) in taken.iter().take(2).enumerate() {
            let at = now - (r.age_minutes as i64) * MIN_MS;
            let channel = if r.source == "walk_in" { Channel::WalkIn } else { Channel::Phone };
            let u = &plan.units[r.unit];
            out.push(entry(area, i, channel, u.id.clone(), at, r.description, &by, |f| {
                f.push((field::REQUEST, json!(r.id)));
                f.push((field::OUTCOME, json!(DeskOutcome::Request.as_str())));
            }));
        }
        let answered =
            |f: &mut Vec<_>| f.push((field::OUTCOME, json!(DeskOutcome::Answered.as_str())));
        out.push(entry(
            area,
            2,
            Channel::WalkIn,
            unit(2).id.clone(),
            now - 2 * HOUR_MS,
            "咨询本月物业费缴费方式",
            &by,
            answered,
        ));
        let call_back =
            |f: &mut Vec<_>| f.push((field::OUTCOME, json!(DeskOutcome::CallBack.as_str())));
        out.push(entry(
            area,
            3,
            Channel::Phone,
            unit(3).id.clone(),
            now - 90 * MIN_MS,
            "询问停车位月租，需查询后回电",
            &by,
            call_back,
        ));
        let returned_at = now - 3 * HOUR_MS;
        out.push(entry(
            area,
            4,
            Channel::MissedCall,
            unit(4).id.clone(),
            now - 4 * HOUR_MS,
            "未接来电",
            &by,
            move |f| {
                f.push((field::RETURNED_AT, json!(returned_at)));
                f.push((field::OUTCOME, json!(DeskOutcome::Answered.as_str())));
            },
        ));
        let missed = entry(
            area,
            5,
            Channel::MissedCall,
            unit(5).id.clone(),
            now - 5 * HOUR_MS,
            "未接来电",
            &by,
            |_| {},
        );
        let missed_id = missed.1.clone();
        out.push(missed);
        // Handovers: yesterday's, confirmed; today's, waiting for the incoming person.
        if let (Some(butler), Some(office)) = (butler.clone(), office.clone()) {
            let h = |n: usize| demo_id(&format!("handover-{area}-{n}"));
            out.push((
                kind::HANDOVER,
                h(0),
                vec![
                    (field::AREA, json!(demo_id(&format!("area-{area}")))),
                    (field::NOTE, json!("前台交班：3号楼电梯维保已完成，业主投诉已回复。")),
                    (field::OPEN_ITEMS, json!("")),
                    (field::TO, json!(butler)),
                    (field::CONFIRMED_BY, json!(butler)),
                    (field::CONFIRMED_AT, json!(now - DAY_MS + 15 * MIN_MS)),
                    (field::AT, json!(now - DAY_MS)),
                    (field::BY, json!(office)),
                ],
            ));
            out.push((
                kind::HANDOVER,
                h(1),
                vec![
                    (field::AREA, json!(demo_id(&format!("area-{area}")))),
                    (field::NOTE, json!("一个未接来电待回拨；有两件快递待住户领取。")),
                    (field::OPEN_ITEMS, json!(format!("e:{missed_id}"))),
                    (field::TO, json!(office)),
                    (field::AT, json!(now - 30 * MIN_MS)),
                    (field::BY, json!(butler)),
                ],
            ));
        }
        out.extend(mail(area, &units, &by, now));
    }
    out
}

/// One desk entry of `area`.
#[allow(clippy::too_many_arguments)]
fn entry(
    area: usize,
    n: usize,
    channel: Channel,
    unit: RecordId,
    at: i64,
    topic: &str,
    by: &Option<RecordId>,
    more: impl FnOnce(&mut Vec<(&'static str, serde_json::Value)>),
) -> Record {
    let mut f = vec![
        (field::CHANNEL, json!(channel.as_str())),
        (field::CALLER, json!(["王女士", "李先生", "张阿姨", "陈先生", "刘女士", "赵先生"][n % 6])),
        (field::PHONE, json!(format!("138{:08}", 30_000 + area * 10 + n))),
        (field::UNIT, json!(unit)),
        (field::TOPIC, json!(topic)),
        (field::AT, json!(at)),
        (field::BY, json!(by)),
    ];
    more(&mut f);
    (kind::DESK_ENTRY, demo_id(&format!("desk-entry-{area}-{n}")), f)
}

fn mail(
    area: usize,
    units: &[&super::compound::Unit],
    by: &Option<RecordId>,
    now: i64,
) -> Vec<Record> {
    let mut out = Vec::new();
    let carriers = ["顺丰速运", "中通快递", "京东物流", "中国邮政"];
    for i in 0..4usize {
        let unit = units[(i * 11 + 5 + area) % units.len()];
        let received = now - [3 * HOUR_MS, 2 * DAY_MS, 3 * DAY_MS, 5 * DAY_MS][i];
        let ty = [MailType::Parcel, MailType::Parcel, MailType::Registered, MailType::Letter][i];
        let mut f = vec![
            (field::UNIT, json!(unit.id)),
            (field::TYPE, json!(ty.as_str())),
            (field::CARRIER, json!(carriers[i])),
            (field::TRACKING, json!(format!("SF{:010}", 1_000_000 + area * 100 + i))),
            (field::RECEIVED_AT, json!(received)),
            (field::BY, json!(by)),
        ];
        if i >= 1 {
            f.push((field::TOLD_AT, json!(received + HOUR_MS)));
            f.push((field::TOLD_HOW, json!(ToldHow::Phone.as_str())));
        }
        if i == 2 {
            f.push((field::COLLECTED_AT, json!(received + DAY_MS)));
            f.push((field::COLLECTOR, json!(format!("{}住户", unit.number))));
            f.push((field::SIGNATURE, json!("M20 60L40 30L60 62L80 28L100 60M120 40L160 42")));
        }
        out.push((kind::MAIL_ITEM, demo_id(&format!("mail-{area}-{i}")), f));
    }
    out
}

fn staff_where(staff: &[Staff], pick: impl Fn(&Staff) -> bool) -> Option<RecordId> {
    staff.iter().position(pick).map(|i| demo_id(&format!("staff-{i}")))
}

/// The knowledge base: (category, question, answer, keywords).
const ANSWERS: &[(&str, &str, &str, &str)] = &[
    ("水电", "家里停水了找谁？", "先看单元门口的停水通知；无通知请拨客服中心 400-800-1234，夜间拨工程值班 138 0000 1111。市政停水请拨自来水公司 96116。", "停水,没水,供水"),
    ("水电", "家里停电了怎么办？", "先检查户内空气开关；整栋停电请拨工程值班 138 0000 1111。供电公司故障报修电话 95598。", "停电,没电,跳闸"),
    ("水电", "燃气有异味怎么办？", "立即关闭燃气阀门，开窗通风，不开关电器，到室外拨燃气公司抢修电话 96777 并告知客服中心。", "燃气,煤气,漏气"),
    ("水电", "水电费在哪里缴？", "水费、电费通过自来水公司和国家电网的缴费渠道（支付宝、微信生活缴费）缴纳，物业不代收。", "水费,电费,缴费"),
    ("收费", "物业费多少钱，怎么缴？", "住宅物业费每月每平方米 2.8 元，按季度缴纳；可在客服中心刷卡、微信缴费，或通过银行代扣。", "物业费,缴费,收费标准"),
    ("收费", "物业费可以开发票吗？", "可以。缴费后凭收据到客服中心开具电子发票，发票将发送到您预留的邮箱。", "发票,收据"),
    ("收费", "电梯费怎么收？", "电梯运行费按楼层分摊，随物业费一并收取，一楼住户不收。", "电梯费"),
    ("停车", "月租车位多少钱？", "地面车位每月 300 元，地下车位每月 450 元，需携带行驶证、身份证到客服中心办理。", "停车,车位,月租"),
    ("停车", "访客车辆怎么进小区？", "访客车辆在岗亭登记后进入，首 2 小时免费，之后每小时 5 元。", "访客,临时停车"),
    ("停车", "电动车可以在楼道充电吗？", "不可以。电动车请停放在非机动车棚并使用集中充电桩，楼道充电存在火灾隐患。", "电动车,充电,楼道"),
    ("装修", "装修需要办理什么手续？", "开工前到客服中心提交装修申请：房产证明、装修图纸、施工单位资质，缴纳装修押金 2000 元，审核通过后领取装修许可证。", "装修,申请,许可证"),
    ("装修", "装修施工时间有什么规定？", "工作日 8:00-12:00、14:00-18:00 可施工；周末及法定节假日禁止电钻、切割等噪音作业。", "装修时间,噪音"),
    ("装修", "装修垃圾怎么处理？", "装修垃圾须装袋后运到指定堆放点，不得与生活垃圾混放；可委托物业清运（有偿）。", "装修垃圾,清运"),
    ("宠物", "小区可以养狗吗？", "可以饲养，须办理犬证并按时免疫；出门牵绳，及时清理粪便，烈性犬禁止饲养。", "宠物,养狗,犬证"),
    ("宠物", "邻居家的狗总叫怎么办？", "可拨客服中心登记，管家会上门沟通提醒；必要时协调社区处理。", "狗叫,扰民"),
    ("垃圾", "垃圾分类怎么投放？", "分为可回收物、有害垃圾、厨余垃圾、其他垃圾四类；每天 7:00-9:00、18:00-21:00 定时定点投放。", "垃圾分类,投放时间"),
    ("垃圾", "大件家具怎么扔？", "大件垃圾请预约客服中心，每周六统一清运，不得堆放在楼道。", "大件垃圾,家具"),
    ("服务", "快递可以放在前台吗？", "可以。前台代收快递和邮件，收件后会电话通知您，请凭身份证或取件码领取并签字。", "快递,代收,包裹"),
    ("服务", "钥匙可以托管在物业吗？", "可以。业主签署授权书后，可将备用钥匙托管在客服中心，每次取用均登记签字。", "钥匙,托管"),
    ("服务", "家里东西坏了能找物业修吗？", "公共部位免费维修；户内维修属有偿服务，按价目表收费，可拨客服中心报修。", "维修,报修,有偿"),
    ("安全", "门禁卡丢了怎么办？", "携带身份证到客服中心挂失补办，补卡工本费 20 元。", "门禁卡,补办"),
    ("安全", "搬家需要提前预约吗？", "需要。请至少提前一天到客服中心预约搬家时间和货梯，搬出物品须开具放行条。", "搬家,预约,放行条"),
];

fn knowledge() -> Vec<Record> {
    ANSWERS
        .iter()
        .enumerate()
        .map(|(i, (category, question, answer, keywords))| {
            (
                kind::KNOWLEDGE,
                demo_id(&format!("knowledge-{i}")),
                vec![
                    (field::QUESTION, json!(question)),
                    (field::ANSWER, json!(answer)),
                    (field::KEYWORDS, json!(keywords)),
                    (field::CATEGORY, json!(category)),
                    (field::SORT, json!(i as i64 + 1)),
                ],
            )
        })
        .collect()
}

#[cfg(test)]
#[path = "frontdesk_tests.rs"]
mod tests;
