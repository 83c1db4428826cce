//! The two tables' columns: their Chinese and English headers, what each cell holds and which
//! record field it feeds. Import matches headers against this list and export writes it, so
//! the two cannot drift apart.

use shared::calendar::{civil_from_days, days_from_civil};
use shared::names::{field, kind};

/// Which of the two tables a sheet (or a CSV file) holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TableKind {
    Units,
    People,
}

impl TableKind {
    /// The table's columns, in export order.
    pub fn columns(self) -> &'static [Column] {
        match self {
            TableKind::Units => UNIT_COLUMNS,
            TableKind::People => PEOPLE_COLUMNS,
        }
    }

    /// The sheet name an export uses, and which an import recognises.
    pub fn sheet_name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (TableKind::Units, Lang::Zh) => "单元",
            (TableKind::Units, Lang::En) => "units",
            (TableKind::People, Lang::Zh) => "住户",
            (TableKind::People, Lang::En) => "people",
        }
    }

    /// The table a sheet name announces (`units`/`单元`, `people`/`住户`), if any.
    pub fn from_sheet_name(name: &str) -> Option<TableKind> {
        let n = normalise(name);
        [TableKind::Units, TableKind::People]
            .into_iter()
            .find(|k| [Lang::Zh, Lang::En].iter().any(|&l| normalise(k.sheet_name(l)) == n))
    }
}

/// The language of headers and enum cells in an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// Where a cell's value goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The building's name: which building the unit is in (never written).
    Building,
    /// The unit's number (`unit.number`; with the building, the unit's key).
    Number,
    /// The person's name (`person.name`; with the unit, the person's key).
    Name,
    /// Another field of `unit`, `person` or `unit_person`.
    Field(&'static str, &'static str),
}

/// What a cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellType {
    /// Text, at most as long as the schema allows.
    Text,
    /// A phone number: digits, `+`, `-` and spaces.
    Phone,
    /// A whole number.
    Int,
    /// A number that is not negative.
    Number,
    /// One of the values of a closed set: its wire name or its Chinese label.
    Enum(&'static [(&'static str, &'static str)]),
    /// A day (`YYYY-MM-DD` or an Excel date), stored as that day's midnight in China.
    Date,
    /// Yes or no (是/否).
    Bool,
}

/// One column of a table.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub en: &'static str,
    pub zh: &'static str,
    /// Other headers taken for this column.
    pub aliases: &'static [&'static str],
    pub target: Target,
    pub ty: CellType,
    pub required: bool,
}

impl Column {
    /// The header in `lang`.
    pub fn header(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }

    /// Whether a header names this column (case, spaces, `_` and a bracketed unit ignored).
    pub fn matches(&self, header: &str) -> bool {
        let h = normalise(header);
        !h.is_empty()
            && (normalise(self.en) == h
                || normalise(self.zh) == h
                || self.aliases.iter().any(|a| normalise(a) == h))
    }
}

/// Wire names and Chinese labels of unit types.
pub const UNIT_TYPES: &[(&str, &str)] =
    &[("apartment", "住宅"), ("shop", "商铺"), ("parking", "车位"), ("storage", "储藏室")];

/// Wire names and Chinese labels of unit states.
pub const UNIT_STATES: &[(&str, &str)] =
    &[("vacant", "空置"), ("occupied", "入住"), ("renovating", "装修中")];

/// Wire names and Chinese labels of person roles.
pub const PERSON_ROLES: &[(&str, &str)] =
    &[("owner", "业主"), ("resident", "住户"), ("tenant", "租户"), ("key_holder", "钥匙托管人")];

pub const fn col(en: &'static str, zh: &'static str, target: Target, ty: CellType) -> Column {
    Column { en, zh, aliases: &[], target, ty, required: false }
}

/// The building column (also the arrears import's, `crate::arrears_io`).
pub const BUILDING: Column = Column {
    aliases: &["楼号", "楼宇", "楼栋名称"],
    required: true,
    ..col(field::BUILDING, "楼栋", Target::Building, CellType::Text)
};
/// The unit number column (also the arrears import's).
pub const NUMBER: Column = Column {
    aliases: &["房间号", "单元号", "unit", "unit number"], // not a kind: header aliases
    required: true,
    ..col("number", "房号", Target::Number, CellType::Text)
};

const UNIT_COLUMNS: &[Column] = &[
    BUILDING,
    NUMBER,
    col("floor", "楼层", Target::Field(kind::UNIT, field::FLOOR), CellType::Int),
    Column {
        aliases: &["用途"],
        ..col("type", "类型", Target::Field(kind::UNIT, field::TYPE), CellType::Enum(UNIT_TYPES))
    },
    Column {
        aliases: &["建筑面积", "面积㎡", "area m2"],
        ..col("floor_area", "面积", Target::Field(kind::UNIT, field::FLOOR_AREA), CellType::Number)
    },
    col("state", "状态", Target::Field(kind::UNIT, field::STATE), CellType::Enum(UNIT_STATES)),
    col("note", "备注", Target::Field(kind::UNIT, field::NOTE), CellType::Text),
];

const PEOPLE_COLUMNS: &[Column] = &[
    BUILDING,
    NUMBER,
    Column { required: true, ..col("name", "姓名", Target::Name, CellType::Text) },
    Column {
        aliases: &["手机", "手机号", "联系电话"],
        ..col("phone", "电话", Target::Field(kind::PERSON, field::PHONE), CellType::Phone)
    },
    Column {
        aliases: &["备用电话", "电话二"],
        ..col("phone2", "电话2", Target::Field(kind::PERSON, field::PHONE2), CellType::Phone)
    },
    Column {
        aliases: &["关系", "类别"],
        ..col(
            "role",
            "身份",
            Target::Field(kind::UNIT_PERSON, field::ROLE),
            CellType::Enum(PERSON_ROLES),
        )
    },
    Column {
        aliases: &["move in", "入住时间"],
        ..col("from", "入住日期", Target::Field(kind::UNIT_PERSON, field::FROM), CellType::Date)
    },
    Column {
        aliases: &["move out", "迁出时间"],
        ..col("to", "迁出日期", Target::Field(kind::UNIT_PERSON, field::TO), CellType::Date)
    },
    col(
        "key_customer",
        "重点客户",
        Target::Field(kind::PERSON, field::KEY_CUSTOMER),
        CellType::Bool,
    ),
    col("note", "备注", Target::Field(kind::PERSON, field::NOTE), CellType::Text),
];

/// A header or value as compared: lower case, without spaces, `_`, `-`, a trailing `*` or
/// a bracketed suffix (`面积(㎡)` is `面积`).
pub fn normalise(s: &str) -> String {
    let s = s.trim().trim_end_matches('*');
    let s = match s.find(['(', '（']) {
        Some(i) if i > 0 && s.ends_with([')', '）']) => &s[..i],
        _ => s,
    };
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Dates are days in China (UTC+8, no daylight saving): a day is stored as its midnight there,
/// as the app stores a move-in date.
const OFFSET_MS: i64 = 8 * 3_600_000;
const DAY_MS: i64 = 86_400_000;

/// Midnight in China of a date, in ms; `None` for a date that does not exist or is before
/// 1970.
pub fn day_to_ms(y: i64, m: i64, d: i64) -> Option<i64> {
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let days = days_from_civil(y, m, d);
    let ms = days * DAY_MS - OFFSET_MS;
    (civil_from_days(days) == (y, m, d) && ms >= 0).then_some(ms)
}

/// The day in China of a time in ms: year, month, day.
pub fn ms_to_ymd(ms: i64) -> (i64, i64, i64) {
    civil_from_days((ms + OFFSET_MS).div_euclid(DAY_MS))
}

/// The day in China of a time in ms, `YYYY-MM-DD`.
pub fn ms_to_day(ms: i64) -> String {
    let (y, m, d) = ms_to_ymd(ms);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::register::{PersonRole, UnitState, UnitType};

    #[test]
    fn every_wire_value_has_one_chinese_label() {
        fn wire(t: &[(&'static str, &'static str)]) -> Vec<&'static str> {
            t.iter().map(|(w, _)| *w).collect()
        }
        assert_eq!(wire(UNIT_TYPES), UnitType::NAMES);
        assert_eq!(wire(UNIT_STATES), UnitState::NAMES);
        assert_eq!(wire(PERSON_ROLES), PersonRole::NAMES);
    }

    #[test]
    fn days_are_midnights_in_china() {
        assert_eq!(day_to_ms(2016, 6, 1), Some(1_464_710_400_000));
        assert_eq!(ms_to_day(1_464_710_400_000), "2016-06-01");
        assert_eq!(ms_to_day(1_464_710_400_000 + DAY_MS - 1), "2016-06-01");
        assert_eq!(day_to_ms(2023, 2, 29), None);
        assert_eq!(day_to_ms(1969, 12, 31), None);
        assert_eq!(day_to_ms(2024, 2, 29).map(ms_to_day).as_deref(), Some("2024-02-29"));
    }

    #[test]
    fn headers_match_in_either_language_whatever_the_spelling() {
        let area = &UNIT_COLUMNS[4];
        for h in ["面积", "Floor Area", "floor_area", " 面积（㎡） ", "建筑面积", "FLOOR-AREA*"]
        {
            assert!(area.matches(h), "{h}");
        }
        assert!(!area.matches("") && !area.matches("面积2"));
        assert_eq!(TableKind::from_sheet_name(" People "), Some(TableKind::People));
        assert_eq!(TableKind::from_sheet_name("单元"), Some(TableKind::Units));
        assert_eq!(TableKind::from_sheet_name("Sheet1"), None);
    }
}
