//! The household register (台账): what a unit is used for, whether anyone lives there, and
//! how a person is tied to a unit. People and units are separate records joined by
//! `unit_person` child records (no list-valued fields: last-writer-wins would lose one of two
//! concurrent additions), so a person's scope follows the units they are linked to.

use crate::wire_enum::wire_enum;

wire_enum!(
    /// What a unit is.
    UnitType {
        /// 住宅
        Apartment = "apartment",
        /// 商铺
        Shop = "shop",
        /// 车位
        Parking = "parking",
        /// 储藏室
        Storage = "storage",
    }
);

wire_enum!(
    /// Whether a unit is lived in (空置房 need their own patrol, DOMAIN duty 4).
    UnitState {
        /// 空置
        Vacant = "vacant",
        /// 入住
        Occupied = "occupied",
        /// 装修中
        Renovating = "renovating",
    }
);

wire_enum!(
    /// How a person is tied to a unit.
    PersonRole {
        /// 业主
        Owner = "owner",
        /// 住户 (family of the owner)
        Resident = "resident",
        /// 租户
        Tenant = "tenant",
        /// 钥匙托管人
        KeyHolder = "key_holder",
    }
);

/// A phone number as department staff see it: `13812341234` → `138****1234`. Anything
/// shorter than 8 characters is hidden entirely, so no short number leaks whole.
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() < 8 {
        return "****".into();
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}****{tail}")
}

/// Whether `text` looks like a mainland mobile number: 11 digits starting 13–19.
pub fn is_mobile(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 11
        && b[0] == b'1'
        && (b'3'..=b'9').contains(&b[1])
        && b.iter().all(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_are_masked_to_prefix_and_last_four() {
        assert_eq!(mask_phone("13812341234"), "138****1234");
        assert_eq!(mask_phone("0755-86001234"), "075****1234");
        assert_eq!(mask_phone("1234567"), "****");
        assert_eq!(mask_phone("电话13812341234"), "电话1****1234");
    }

    #[test]
    fn mobile_numbers_are_recognised() {
        assert!(is_mobile("13812341234"));
        assert!(!is_mobile("12812341234"));
        assert!(!is_mobile("1381234123"));
        assert!(!is_mobile("1381234123x"));
    }
}
