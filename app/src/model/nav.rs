//! Each role's navigation: the pages a role has a use for, as a pure function of the role,
//! so the header shows only those tabs and the routes a role cannot use say so instead of
//! drawing an empty page (`components/role_gate.rs`).
//!
//! Laws:
//! - A role's tabs are exactly the [`Tab`]s whose [`Tab::for_role`] holds, in one order.
//! - A path opens for a role exactly when its tab is among the role's tabs; the request
//!   page (`/requests/:id`) belongs to the list and opens for everyone who holds requests.
//! - Department staff (工程部…) work the requests routed to them: My day and the list. They
//!   file no request, walk no patrol, keep no register, review no day and judge no conflict.
//! - Conflicts are office records (a butler's replica never holds one): office and
//!   supervisors only. Settings: supervisors only. Reports (报表): everyone but department
//!   staff (a butler reads their area's figures). The audit log of personal data (审计日志):
//!   whoever `shared::audit::may_read` lets read it, the server's own rule (supervisors).
//! - Field duties (片区事务: renovations, arrears, home visits, surveys, moving, passes, the
//!   front desk, mail, knowledge, paid services, keys: [`DUTIES`]) under one tab: butlers,
//!   the office and supervisors, and department staff for what is routed to them
//!   (engineering reviews renovations, finance marks arrears paid, security marks passes
//!   used); the rest is no department's.

use shared::Role;
use Role::{Butler, Department, Office, Supervisor};

/// A tab of the header's navigation, one per page of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    Day,
    Requests,
    New,
    Patrol,
    Duties,
    Register,
    Conflicts,
    Review,
    Settings,
    Reports,
    Audit,
}

impl Tab {
    /// Every tab, in the order the header shows them.
    pub const ALL: &'static [Tab] = &[
        Tab::Day,
        Tab::Requests,
        Tab::New,
        Tab::Patrol,
        Tab::Duties,
        Tab::Register,
        Tab::Conflicts,
        Tab::Review,
        Tab::Settings,
        Tab::Reports,
        Tab::Audit,
    ];

    /// Where the tab links to.
    pub fn path(self) -> &'static str {
        match self {
            Tab::Day => "/day",
            Tab::Requests => "/",
            Tab::New => "/requests/new",
            Tab::Patrol => "/patrol",
            Tab::Duties => "/duties",
            Tab::Register => "/register",
            Tab::Conflicts => "/conflicts",
            Tab::Review => "/review",
            Tab::Settings => "/settings",
            Tab::Reports => "/reports",
            Tab::Audit => "/audit",
        }
    }

    /// The link's element id (`nav-day`…), which the end-to-end tests click.
    pub fn dom_id(self) -> &'static str {
        match self {
            Tab::Day => "nav-day",
            Tab::Requests => "nav-requests",
            Tab::New => "nav-new",
            Tab::Patrol => "nav-patrol",
            Tab::Duties => "nav-duties",
            Tab::Register => "nav-register",
            Tab::Conflicts => "nav-conflicts",
            Tab::Review => "nav-review",
            Tab::Settings => "nav-settings",
            Tab::Reports => "nav-reports",
            Tab::Audit => "nav-audit",
        }
    }

    /// The roles that have a use for the page.
    pub fn roles(self) -> &'static [Role] {
        match self {
            Tab::Day | Tab::Requests | Tab::Duties => &[Butler, Office, Supervisor, Department],
            Tab::New | Tab::Patrol | Tab::Register | Tab::Review => &[Butler, Office, Supervisor],
            Tab::Conflicts => &[Office, Supervisor],
            Tab::Settings => &[Supervisor],
            Tab::Reports => &[Butler, Office, Supervisor],
            Tab::Audit => &[Supervisor],
        }
    }

    /// Whether a user of `role` sees the tab and may open its pages. The audit log asks the
    /// server's rule itself.
    pub fn for_role(self, role: Role) -> bool {
        match self {
            Tab::Audit => shared::audit::may_read(role),
            _ => self.roles().contains(&role),
        }
    }

    /// The tab whose page `path` shows (`None`: a path of no tab, such as `/login`).
    pub fn of_path(path: &str) -> Option<Tab> {
        let under = |prefix: &str| path == prefix || path.starts_with(&format!("{prefix}/"));
        Some(match path {
            "/" => Tab::Requests,
            "/requests/new" => Tab::New,
            "/day" => Tab::Day,
            "/conflicts" => Tab::Conflicts,
            "/review" => Tab::Review,
            "/settings" => Tab::Settings,
            "/register" => Tab::Register,
            "/checklists" => Tab::Patrol,
            "/audit" => Tab::Audit,
            "/duties" => Tab::Duties,
            _ if DUTIES.iter().any(|d| under(d.path)) || under("/visit") => Tab::Duties,
            _ if under("/reports") => Tab::Reports,
            _ if under("/requests") => Tab::Requests,
            _ if under("/unit") => Tab::Register,
            _ if under("/patrol") => Tab::Patrol,
            _ => return None,
        })
    }
}

/// Where a user of `role` lands after signing in: a butler's home page is My day; everyone
/// else starts from the request list.
pub fn home(role: Role) -> &'static str {
    if role == Butler {
        Tab::Day.path()
    } else {
        Tab::Requests.path()
    }
}

/// The tabs a user of `role` sees, in the header's order.
pub fn tabs(role: Role) -> Vec<Tab> {
    Tab::ALL.iter().copied().filter(|t| t.for_role(role)).collect()
}

/// Whether a user of `role` may open `path`: its tab is theirs (a path of no tab is left to
/// the router: the sign-in page, an unknown path that falls back to the list), the duty it
/// belongs to is one of theirs, and an office page is opened by the office.
pub fn may_open(role: Role, path: &str) -> bool {
    let under = |p: &str| path == p || path.starts_with(&format!("{p}/"));
    let duty = DUTIES.iter().find(|d| under(d.path) || (d.path == VISITS && under("/visit")));
    let desk = OFFICE_ONLY.iter().any(|p| under(p));
    Tab::of_path(path).is_none_or(|t| t.for_role(role))
        && duty.is_none_or(|d| d.roles.contains(&role))
        && (!desk || role.is_office())
}

/// The office's pages under the Duties tab: finance's arrears list imported, the arrears'
/// desk table, a new quarter's survey, a new answer of the knowledge base.
const OFFICE_ONLY: [&str; 4] =
    ["/arrears/import", "/arrears/desk", "/surveys/new", "/knowledge/new"];

/// The home visits' pages: a duty of the area's butler and the office, no department's.
pub const VISITS: &str = "/visits";

/// One duty under the Duties tab: its pages' path and the roles with a use for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Duty {
    pub path: &'static str,
    pub roles: &'static [Role],
}

const EVERYONE: &[Role] = &[Butler, Office, Supervisor, Department];
const STAFF: &[Role] = &[Butler, Office, Supervisor];

/// The duties, in the hub's order. Department staff keep what is routed to them: engineering
/// reviews renovations, finance marks arrears paid, security marks release passes used at
/// the gate.
pub const DUTIES: &[Duty] = &[
    Duty { path: "/renovations", roles: EVERYONE },
    Duty { path: "/arrears", roles: EVERYONE },
    Duty { path: VISITS, roles: STAFF },
    Duty { path: "/surveys", roles: STAFF },
    Duty { path: "/moving", roles: STAFF },
    Duty { path: "/passes", roles: EVERYONE },
    Duty { path: "/frontdesk", roles: STAFF },
    Duty { path: "/mail", roles: STAFF },
    Duty { path: "/knowledge", roles: STAFF },
    Duty { path: "/services", roles: STAFF },
    Duty { path: "/keys", roles: STAFF },
];

/// The duties a user of `role` finds under the Duties tab (`/duties`), as their paths.
pub fn duties(role: Role) -> Vec<&'static str> {
    DUTIES.iter().filter(|d| d.roles.contains(&role)).map(|d| d.path).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn department_staff_see_my_day_and_their_requests_only() {
        assert_eq!(tabs(Department), [Tab::Day, Tab::Requests, Tab::Duties]);
        assert_eq!(duties(Department), ["/renovations", "/arrears", "/passes"]);
        assert_eq!(duties(Butler).len(), DUTIES.len());
        for path in ["/surveys", "/moving/book", "/frontdesk", "/mail", "/knowledge", "/keys/k1"] {
            assert!(!may_open(Department, path) && may_open(Butler, path), "{path}");
        }
        assert!(may_open(Department, "/passes/p1") && may_open(Butler, "/passes/new"));
        assert!(!may_open(Butler, "/surveys/new") && may_open(Office, "/surveys/new"));
        assert!(!may_open(Butler, "/knowledge/new") && may_open(Butler, "/knowledge/k1"));
        assert!(!may_open(Department, "/visits/new"));
        assert!(!may_open(Department, "/visit/0190f0a0-0000-7000-8000-000000000001"));
        assert!(!may_open(Butler, "/arrears/import") && !may_open(Department, "/arrears/desk"));
        assert!(may_open(Office, "/arrears/import") && may_open(Supervisor, "/arrears/desk"));
        assert!(may_open(Department, "/arrears/unit/u1"));
        for path in ["/requests/new", "/patrol", "/patrol/coverage", "/register", "/unit/u1"] {
            assert!(!may_open(Department, path), "{path}");
        }
        for path in
            ["/review", "/conflicts", "/settings", "/checklists", "/reports", "/reports/monthly"]
        {
            assert!(!may_open(Department, path), "{path}");
        }
        for path in ["/", "/day", "/requests/0190f0a0-0000-7000-8000-000000000001", "/login"] {
            assert!(may_open(Department, path), "{path}");
        }
    }

    #[test]
    fn butlers_have_no_conflicts_tab_and_only_supervisors_settings() {
        let butler = tabs(Butler);
        assert!(!butler.contains(&Tab::Conflicts) && !butler.contains(&Tab::Settings));
        assert!(!may_open(Butler, "/conflicts"));
        assert!(butler.contains(&Tab::New) && butler.contains(&Tab::Patrol));
        assert!(tabs(Office).contains(&Tab::Conflicts) && !tabs(Office).contains(&Tab::Settings));
        assert_eq!(tabs(Supervisor), Tab::ALL);
    }

    #[test]
    fn the_audit_log_opens_for_whom_the_server_answers() {
        for role in Role::ALL.iter().copied() {
            assert_eq!(may_open(role, "/audit"), shared::audit::may_read(role), "{role}");
            assert_eq!(Tab::Audit.roles().contains(&role), Tab::Audit.for_role(role), "{role}");
        }
    }

    #[test]
    fn every_tab_is_its_own_paths_tab_and_every_role_has_a_home() {
        for tab in Tab::ALL {
            assert_eq!(Tab::of_path(tab.path()), Some(*tab), "{tab:?}");
        }
        for role in Role::ALL.iter().copied() {
            assert!(may_open(role, home(role)), "{role}");
            assert!(tabs(role).contains(&Tab::Requests), "{role}");
        }
        assert_eq!(Tab::of_path("/patrol/report/r1"), Some(Tab::Patrol));
        assert_eq!(Tab::of_path("/requestsx"), None);
    }
}
