//! The `wire_enum!` macro: a closed set of values that travels as snake_case strings.
//!
//! Statuses, categories, roles and the like are enums in Rust and strings on the wire (and in
//! the schema, which validates field values against [`NAMES`](crate::request::RequestStatus::NAMES)).

/// Declares an enum with its wire strings, `ALL`, `NAMES`, `as_str` and `parse` (and [`Wire`]).
macro_rules! wire_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $s:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vdoc])* $variant),+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The wire string.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $s),+ }
            }
            /// Parses the wire string.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($s => Some($name::$variant),)+ _ => None }
            }
            /// The wire strings of every value (the schema validates against these).
            pub const NAMES: &'static [&'static str] = &[$($s),+];
        }

        impl $crate::wire_enum::Wire for $name {
            fn all() -> &'static [Self] {
                Self::ALL
            }
            fn from_wire(s: &str) -> Option<Self> {
                Self::parse(s)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub(crate) use wire_enum;

/// What every `wire_enum!` enum is, for code generic over them (a status [`Machine`]).
///
/// [`Machine`]: crate::machine::Machine
pub trait Wire: Copy + Eq + std::fmt::Display + 'static {
    /// Every value, in display order (`ALL`).
    fn all() -> &'static [Self];
    /// The value of a wire string (`parse`).
    fn from_wire(s: &str) -> Option<Self>;
}
