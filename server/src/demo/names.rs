//! The demo's randomness: a small seeded generator (splitmix64, so the same seed gives the
//! same compound on every machine without a crate), and realistic Chinese names, mainland
//! mobile numbers and notes drawn from it.

use std::collections::HashSet;

/// splitmix64: tiny, fast, and good enough to make demo data look varied.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for one purpose of one seed: layout, people and requests each draw from
    /// their own stream, so adding a field to one does not reshuffle the others.
    pub fn new(seed: u64, stream: &str) -> Rng {
        let mut rng = Rng(seed ^ 0x9E37_79B9_7F4A_7C15);
        for b in stream.bytes() {
            rng.0 ^= u64::from(b);
            rng.next_u64();
        }
        rng
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below(u64::from(hi - lo) + 1) as u32
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// An index into weights, drawn in proportion to them.
    pub fn weighted(&mut self, weights: &[u64]) -> usize {
        let mut n = self.below(weights.iter().sum());
        for (i, w) in weights.iter().enumerate() {
            if n < *w {
                return i;
            }
            n -= w;
        }
        weights.len() - 1
    }

    /// A number in `lo..hi` rounded to `decimals` places (floor areas in m²).
    pub fn area(&mut self, lo: f64, hi: f64, decimals: i32) -> f64 {
        let x = lo + (hi - lo) * (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        let scale = 10f64.powi(decimals);
        (x * scale).round() / scale
    }
}

/// The most common surnames, most common first (drawn with a bias towards the front).
const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁",
    "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏",
    "韦", "付", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "闫", "段", "雷", "侯",
    "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵", "万", "钱", "严", "欧阳", "司马",
];
const MALE: &[&str] = &[
    "伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "刚", "平", "辉", "鹏", "华", "飞",
    "鑫", "波", "斌", "宇", "浩", "凯", "健", "俊", "帆", "帅", "旭", "宁", "龙", "林", "建", "国",
    "志", "文", "海", "振", "晨", "博", "子", "一", "泽", "睿", "天", "嘉", "铭", "峰", "成", "亮",
];
const FEMALE: &[&str] = &[
    "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "秀", "燕", "玲", "桂", "丹", "萍", "红", "梅",
    "琳", "雪", "婷", "颖", "慧", "莉", "晶", "倩", "琴", "云", "洁", "欣", "怡", "佳", "雨", "思",
    "梦", "诗", "晓", "月", "兰", "春", "凤", "淑", "珍", "悦", "涵", "萱", "可", "馨", "蕾", "薇",
];
/// Mobile prefixes of the three carriers (13x–19x).
const PREFIXES: &[u32] = &[
    130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 147, 150, 151, 152, 153, 155, 156, 157, 158,
    159, 166, 173, 175, 176, 177, 178, 180, 181, 182, 183, 184, 185, 186, 187, 188, 189, 191, 193,
    195, 198, 199,
];

/// A surname, the common ones far more often.
pub fn surname(rng: &mut Rng) -> &'static str {
    let a = rng.below(SURNAMES.len() as u64);
    let b = rng.below(SURNAMES.len() as u64);
    SURNAMES[a.min(b) as usize]
}

/// A full name with the given surname: one or two given-name characters.
pub fn name_with(rng: &mut Rng, surname: &str) -> String {
    let pool = if rng.chance(50) { MALE } else { FEMALE };
    let mut name = format!("{surname}{}", rng.pick(pool));
    if rng.chance(70) {
        name.push_str(rng.pick::<&str>(pool));
    }
    name
}

/// Mobile numbers, never the same twice in one compound.
#[derive(Debug, Default)]
pub struct Phones(HashSet<u64>);

impl Phones {
    /// A fresh valid mainland mobile number (see `shared::register::is_mobile`).
    pub fn next(&mut self, rng: &mut Rng) -> String {
        loop {
            let n = u64::from(*rng.pick(PREFIXES)) * 100_000_000 + rng.below(100_000_000);
            if self.0.insert(n) {
                return n.to_string();
            }
        }
    }
}

/// What a butler notes about a resident.
pub const PERSON_NOTES: &[&str] = &[
    "独居老人，每周电话问候一次",
    "腿脚不便，上门服务请提前电话联系",
    "晚上九点后请勿来电",
    "常年在外地工作，有事请发短信",
    "家中养有大型犬，入户前请先敲门",
    "家中有婴儿，午休时间勿按门铃",
    "业委会委员",
    "听力不好，请大声说话或上门沟通",
    "曾投诉楼上噪音，注意回访",
    "物业费按年缴纳",
    "只接受微信联系",
    "外籍人士，可用英文沟通",
];
