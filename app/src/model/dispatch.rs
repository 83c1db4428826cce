//! Dispatch's default assignee (issue 28 point 7): the dispatcher sees, by name and role,
//! who a request goes to when nobody is picked, and saving sends it to exactly that person.
//! One function ([`default_assignee`]) decides both, so the label cannot lie.

use super::flow::suggested_route;
use shared::names::{field, kind};
use shared::replica::ReplicaState;
use shared::{Kind, RecordId, Role};

/// A staff member as the dispatch label names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffName {
    pub id: RecordId,
    /// Empty until the staff record is on the device.
    pub name: String,
    pub role: Option<Role>,
}

/// Who a dispatch of `request` to `department` goes to when the dispatcher picks nobody:
/// the routing rules' assignee while the department is the one they chose (a classifier
/// node's own assignee, the person a reopened request had, the department's default),
/// else the chosen department's `default_assignee`. `None`: nobody (the department's
/// queue).
pub fn default_assignee(
    state: &ReplicaState,
    request: &RecordId,
    department: Option<&RecordId>,
) -> Option<RecordId> {
    let route = suggested_route(state, request);
    if route.department.as_ref() == department {
        return route.assignee;
    }
    let dept = state.record(&Kind::new(kind::DEPARTMENT), department?)?;
    (!dept.is_deleted()).then(|| dept.reference(field::DEFAULT_ASSIGNEE)).flatten()
}

/// The assignee a dispatch saves: the one picked, else [`default_assignee`].
pub fn assignee_to_save(
    state: &ReplicaState,
    request: &RecordId,
    department: Option<&RecordId>,
    picked: Option<RecordId>,
) -> Option<RecordId> {
    picked.filter(RecordId::is_valid).or_else(|| default_assignee(state, request, department))
}

/// The [`default_assignee`] with their name and role, for the picker's label.
pub fn default_staff(
    state: &ReplicaState,
    request: &RecordId,
    department: Option<&RecordId>,
) -> Option<StaffName> {
    let id = default_assignee(state, request, department)?;
    let f = state.record(&Kind::new(kind::STAFF), &id);
    let name = f.map(|f| f.string(field::NAME)).unwrap_or_default();
    let role = f.and_then(|f| f.parsed(field::ROLE, Role::parse));
    Some(StaffName { id, name, role })
}
