//! What a signed-in user is. The server derives scope and write rights from it; the app
//! shows or hides actions by it (the server decides, the app only spares a refusal).

use crate::wire_enum::wire_enum;

wire_enum!(
    /// A user's role. With the `clap` feature it is also a command-line value
    /// (`guanjia user add --role butler`).
    #[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
    Role {
        /// 管家: one area, on a tablet.
        Butler = "butler",
        /// 前台 / 客服中心: the whole site, at a desk.
        Office = "office",
        /// 客服主管: the whole site, approves and reassigns.
        Supervisor = "supervisor",
        /// 工程部 / 保洁 / 秩序…: staff of one department, who see only the requests routed
        /// to it, with residents' phone numbers masked.
        Department = "department",
    }
);

impl Role {
    /// Office staff and supervisors decide conflicts and write reference data.
    pub fn is_office(self) -> bool {
        matches!(self, Role::Office | Role::Supervisor)
    }
}

#[cfg(test)]
mod tests {
    use super::Role;

    #[test]
    fn roles_round_trip_and_unknown_names_are_refused() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(*r));
        }
        assert_eq!(Role::parse("root"), None);
        assert!(Role::Office.is_office() && !Role::Butler.is_office());
    }
}
