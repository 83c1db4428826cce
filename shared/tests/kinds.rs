//! Every kind's declaration is complete and consistent (`shared::schema::KindDef`): adding a
//! kind is one entry in `KINDS`, and this test is what keeps that entry honest — a kind
//! placed through a field that is not a reference of the right kind, an identity or masked
//! field it does not have, or a parent it does not point at, fails here rather than leaving
//! records on no tablet.

use shared::names::{field, kind};
use shared::schema::{self, FieldType, KindDef, Placement, Via, KINDS};

/// The reference field `name` of `kd`, pointing at `target`.
fn refers(kd: &KindDef, name: &str, target: &str) -> Result<(), String> {
    match kd.field(name).map(|f| f.ty) {
        Some(FieldType::Ref(t)) if t == target => Ok(()),
        other => Err(format!("{}.{name} should refer to {target}, is {other:?}", kd.name)),
    }
}

/// Everything wrong with one declaration.
fn problems(kd: &KindDef) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |r: Result<(), String>| out.extend(r.err());
    let known = |k: &str| schema::kind(k).is_some();
    check(kind::ALL.contains(&kd.name).then_some(()).ok_or(format!("{} not in names", kd.name)));
    match kd.placement {
        Placement::Area(vias) => {
            check(
                (!vias.is_empty()).then_some(()).ok_or(format!("{}: no way to an area", kd.name)),
            );
            for via in vias {
                match *via {
                    Via::Own(f) => check(refers(kd, f, kind::AREA)),
                    Via::Through { field, kind: target } => {
                        check(refers(kd, field, target));
                        let placed = schema::kind(target).map(|t| t.placement);
                        let has_area = schema::kind(target).and_then(KindDef::area_field);
                        let ok = matches!(placed, Some(Placement::Area(_)))
                            || (placed == Some(Placement::Reference) && has_area.is_some());
                        check(ok.then_some(()).ok_or(format!(
                            "{}.{field}: {target} is neither placed nor in an area",
                            kd.name
                        )));
                    }
                }
            }
        }
        Placement::With { field, kind: parent } => {
            check(refers(kd, field, parent));
            let once = kd.field(field).is_some_and(|f| f.once);
            check(once.then_some(()).ok_or(format!("{}.{field} must be set once", kd.name)));
            let same = kd.parent == Some(parent);
            check(same.then_some(()).ok_or(format!("{}: parent is not {parent}", kd.name)));
            let placed = schema::kind(parent).map(|p| p.placement);
            let ok = !matches!(placed, None | Some(Placement::Reference | Placement::OfficeOnly));
            check(ok.then_some(()).ok_or(format!("{}: {parent} is not placed", kd.name)));
        }
        Placement::WithNamed { kind_field, id_field } => {
            let kinds = kd.field(kind_field).map(|f| f.ty);
            let ok = matches!(kinds, Some(FieldType::Enum(_)));
            check(ok.then_some(()).ok_or(format!("{}.{kind_field} is no enum", kd.name)));
            let id = kd.field(id_field).map(|f| f.ty) == Some(FieldType::AnyRef);
            check(id.then_some(()).ok_or(format!("{}.{id_field} is no id", kd.name)));
        }
        Placement::Linked { link, field } => {
            let l = schema::kind(link);
            check(l.map_or(Err(format!("{}: no link kind {link}", kd.name)), |l| {
                refers(l, field, kd.name)
            }));
            let placed = l.is_some_and(|l| matches!(l.placement, Placement::Area(_)));
            check(placed.then_some(()).ok_or(format!("{}: {link} is not in an area", kd.name)));
        }
        Placement::Reference | Placement::OfficeOnly => {}
    }
    if let Some(f) = kd.routed_by {
        check(refers(kd, f, kind::DEPARTMENT));
    }
    for f in kd.identity {
        let ok = match kd.field(f).map(|d| d.ty) {
            Some(FieldType::Ref(t)) => t == kind::STAFF,
            Some(FieldType::Text { .. }) => *f == field::DEVICE,
            _ => false,
        };
        check(ok.then_some(()).ok_or(format!("{}.{f}: no staff reference or device", kd.name)));
    }
    for f in kd.masked {
        let text = matches!(kd.field(f).map(|d| d.ty), Some(FieldType::Text { .. }));
        check(text.then_some(()).ok_or(format!("{}.{f}: masked but no text field", kd.name)));
    }
    if let Some(parent) = kd.parent {
        check(known(parent).then_some(()).ok_or(format!("{}: unknown parent", kd.name)));
        let points = kd.fields.iter().any(|f| f.once && f.ty == FieldType::Ref(parent));
        check(points.then_some(()).ok_or(format!("{}: no set-once ref to {parent}", kd.name)));
    }
    for f in kd.fields {
        if let FieldType::Ref(t) = f.ty {
            check(
                known(t).then_some(()).ok_or(format!("{}.{}: unknown kind {t}", kd.name, f.name)),
            );
        }
        let named = field::ALL.contains(&f.name);
        check(named.then_some(()).ok_or(format!("{}.{} not in names", kd.name, f.name)));
    }
    out
}

#[test]
fn every_kind_is_declared_completely() {
    let all: Vec<String> = KINDS.iter().flat_map(problems).collect();
    assert!(all.is_empty(), "incomplete kinds:\n{}", all.join("\n"));
    let names: Vec<&str> = KINDS.iter().map(|k| k.name).collect();
    assert_eq!(names, kind::ALL, "one declaration per kind, in the names' order");
}

#[test]
fn the_check_finds_an_incomplete_kind() {
    const BAD: KindDef = KindDef {
        identity: &[field::CREATED_BY],
        masked: &[field::PHONE],
        parent: Some("spaceship"),
        ..KindDef::new(
            kind::REQUEST,
            schema::Writers::Scope,
            Placement::Area(&[Via::Through { field: field::UNIT, kind: kind::BUILDING }]),
            &[],
        )
    };
    let found = problems(&BAD);
    for what in ["request.unit should refer to building", "created_by", "phone", "parent"] {
        assert!(found.iter().any(|p| p.contains(what)), "{what} not found in {found:?}");
    }
}
