//! A decimal as its exact 16 bytes (`Decimal::serialize`), for the plan
//! cache: the value and the scale it was written with (`50.0` stays
//! `50.0`), with no text to format or parse.

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    d.serialize().serialize(s)
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    <[u8; 16]>::deserialize(d).map(Decimal::deserialize)
}
