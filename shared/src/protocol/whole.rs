//! Integers of the wire read as JSON defines them: a number, whatever its spelling. `3.0` and
//! `3e0` are the integer 3 (JSON Schema calls them integers, and so does the OpenAPI document
//! a client is built from); serde's own reader refuses them for an integer type. A number
//! with a fraction, below zero or beyond the type is still refused.

use serde::de::{Error, Unexpected, Visitor};
use serde::Deserializer;
use std::fmt;
use std::marker::PhantomData;

/// Reads an unsigned integer of type `T` from any JSON number holding a whole value in range.
pub fn deserialize<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<u64>,
{
    d.deserialize_any(Whole(PhantomData))
}

struct Whole<T>(PhantomData<T>);

impl<T: TryFrom<u64>> Whole<T> {
    fn fit<E: Error>(n: u64) -> Result<T, E> {
        T::try_from(n).map_err(|_| E::invalid_value(Unexpected::Unsigned(n), &"a smaller integer"))
    }
}

impl<T: TryFrom<u64>> Visitor<'_> for Whole<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a whole number of at least 0")
    }

    fn visit_u64<E: Error>(self, n: u64) -> Result<T, E> {
        Self::fit(n)
    }

    fn visit_i64<E: Error>(self, n: i64) -> Result<T, E> {
        let n = u64::try_from(n).map_err(|_| E::invalid_value(Unexpected::Signed(n), &self))?;
        Self::fit(n)
    }

    fn visit_f64<E: Error>(self, f: f64) -> Result<T, E> {
        // 2^64 is the first float past `u64::MAX`; every float below it and whole is exact.
        if f.fract() == 0.0 && (0.0..18_446_744_073_709_551_616.0).contains(&f) {
            Self::fit(f as u64)
        } else {
            Err(E::invalid_value(Unexpected::Float(f), &self))
        }
    }
}

#[cfg(test)]
mod tests {
    #[derive(Debug, serde::Deserialize)]
    struct N {
        #[serde(deserialize_with = "super::deserialize")]
        n: u32,
    }

    fn read(json: &str) -> Option<u32> {
        serde_json::from_str::<N>(&format!("{{\"n\":{json}}}")).ok().map(|v| v.n)
    }

    #[test]
    fn whole_numbers_are_read_whatever_their_spelling() {
        assert_eq!(read("3"), Some(3));
        assert_eq!(read("3.0"), Some(3));
        assert_eq!(read("3e0"), Some(3));
        assert_eq!(read("4294967295"), Some(u32::MAX));
    }

    #[test]
    fn fractions_negatives_and_out_of_range_numbers_are_refused() {
        for bad in ["3.5", "-1", "-1.0", "4294967296", "1e300", "\"3\"", "null"] {
            assert_eq!(read(bad), None, "{bad}");
        }
    }
}
