//! Hybrid logical clock: 48 bits of milliseconds since the Unix epoch, 16 bits of counter.
//!
//! Laws:
//! - `HlcClock::now` is strictly increasing on one replica, whatever the wall clock does.
//! - After `observe(remote)`, every later `now()` is greater than `remote`: causality is
//!   kept even when device clocks disagree.
//! - The wire form is exactly 16 lowercase hex digits, so string order equals numeric order.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A hybrid logical clock reading. Ordered numerically; ties between replicas are broken by
/// the replica id (see [`crate::Stamp`]), never by wall time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Hlc(u64);

const COUNTER_BITS: u32 = 16;
const COUNTER_MASK: u64 = (1 << COUNTER_BITS) - 1;
/// The largest millisecond value that fits in 48 bits.
pub const MAX_MILLIS: u64 = (1 << 48) - 1;

impl Hlc {
    /// The zero clock: older than every real reading.
    pub const ZERO: Hlc = Hlc(0);

    /// Builds a reading from its parts; milliseconds beyond 48 bits are saturated.
    pub fn new(millis: u64, counter: u16) -> Self {
        Hlc((millis.min(MAX_MILLIS) << COUNTER_BITS) | u64::from(counter))
    }

    /// Wall-clock part, in milliseconds since the Unix epoch.
    pub fn millis(self) -> u64 {
        self.0 >> COUNTER_BITS
    }

    /// Logical counter within one millisecond.
    pub fn counter(self) -> u16 {
        (self.0 & COUNTER_MASK) as u16
    }

    /// The raw 64-bit value (what databases index).
    pub fn as_u64(self) -> u64 {
        self.0
    }

    /// Inverse of [`Hlc::as_u64`].
    pub fn from_u64(v: u64) -> Self {
        Hlc(v)
    }

    /// The next reading after this one (used when a clock must step past a value).
    pub fn successor(self) -> Self {
        Hlc(self.0.saturating_add(1))
    }
}

impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

/// On the wire an HLC is a string of 16 lowercase hex digits.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Hlc {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .pattern(Some("^[0-9a-f]{16}$"))
            .description(Some(
                "Hybrid logical clock: 48-bit ms and 16-bit counter, as 16 hex digits",
            ))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Hlc {}

/// Why a string is not an HLC.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("an HLC is 16 lowercase hex digits, got {0:?}")]
pub struct HlcParseError(pub String);

impl FromStr for Hlc {
    type Err = HlcParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let ok =
            s.len() == 16 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if !ok {
            return Err(HlcParseError(s.chars().take(40).collect()));
        }
        u64::from_str_radix(s, 16).map(Hlc).map_err(|_| HlcParseError(s.to_owned()))
    }
}

impl Serialize for Hlc {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Reads an HLC from the text in place: a first replica carries 300,000 of them (and as
/// many again at each cold start), so none is copied into a `String` first.
struct HlcText;

impl serde::de::Visitor<'_> for HlcText {
    type Value = Hlc;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an HLC: 16 lower-case hex digits")
    }

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Hlc, E> {
        s.parse().map_err(E::custom)
    }
}

impl<'de> Deserialize<'de> for Hlc {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(HlcText)
    }
}

/// A replica's clock. Holds no wall clock itself: callers pass the current time in
/// milliseconds, so the logic is deterministic and testable.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HlcClock {
    last: Hlc,
}

impl HlcClock {
    /// A clock that has seen `last` (restore it from storage at start-up).
    pub fn starting_at(last: Hlc) -> Self {
        Self { last }
    }

    /// The latest reading handed out or observed.
    pub fn last(&self) -> Hlc {
        self.last
    }

    /// A new reading for a local event: greater than everything seen so far.
    pub fn now(&mut self, wall_millis: u64) -> Hlc {
        let wall = Hlc::new(wall_millis, 0);
        self.last = if wall > self.last { wall } else { self.last.successor() };
        self.last
    }

    /// Takes a remote reading into account so later local readings order after it.
    pub fn observe(&mut self, remote: Hlc) {
        if remote > self.last {
            self.last = remote;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_form_is_sixteen_lowercase_hex_digits() {
        let h = Hlc::new(1_700_000_000_000, 7);
        let s = h.to_string();
        assert_eq!(s.len(), 16);
        assert_eq!(s.parse::<Hlc>().unwrap(), h);
        assert_eq!(h.millis(), 1_700_000_000_000);
        assert_eq!(h.counter(), 7);
        assert!("0000018BCFE56800".parse::<Hlc>().is_err(), "uppercase is refused");
        assert!("18bcfe568000007".parse::<Hlc>().is_err(), "15 digits are refused");
        assert!("+00018bcfe568000".parse::<Hlc>().is_err());
    }

    #[test]
    fn now_is_strictly_increasing_even_when_the_wall_clock_goes_back() {
        let mut c = HlcClock::default();
        let a = c.now(1000);
        let b = c.now(1000);
        let d = c.now(500);
        assert!(a < b && b < d);
        assert_eq!(d.millis(), 1000);
    }

    #[test]
    fn observe_moves_later_readings_past_the_remote() {
        let mut c = HlcClock::default();
        let remote = Hlc::new(9_000, 3);
        c.observe(remote);
        assert!(c.now(1_000) > remote);
    }

    #[test]
    fn string_order_equals_numeric_order() {
        let a = Hlc::new(0xff, 0xffff);
        let b = Hlc::new(0x100, 0);
        assert!(a < b);
        assert!(a.to_string() < b.to_string());
    }
}
