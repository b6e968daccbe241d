//! A parsed document, whichever syntax it came from (YAML front matter or JSON): the only
//! tree the event reader sees, so the YAML and JSON crates stay behind their modules.
//! Both modules turn their parser's value into a [`Raw`] through the one [`Deserialize`]
//! impl below, so the two syntaxes cannot drift apart in how they map numbers or keys.

use serde::de::{
    Deserialize, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
};
use std::fmt;

/// A value as written, before the model gives it meaning.
#[derive(Clone, Debug, PartialEq)]
pub enum Raw {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<Raw>),
    /// Keys in document order.
    Map(Vec<(String, Raw)>),
}

impl Raw {
    /// Scalars as text (numbers and booleans too); `None` for null, lists and maps.
    pub fn as_text(&self) -> Option<String> {
        match self {
            Raw::Str(s) => Some(s.clone()),
            Raw::Int(i) => Some(i.to_string()),
            Raw::Float(f) => Some(f.to_string()),
            Raw::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    pub fn type_name(&self) -> &'static str {
        match self {
            Raw::Null => "nothing",
            Raw::Bool(_) => "a boolean",
            Raw::Int(_) | Raw::Float(_) => "a number",
            Raw::Str(_) => "text",
            Raw::List(_) => "a list",
            Raw::Map(_) => "a mapping",
        }
    }

    /// A reader's rendering of any value: scalars as they are, lists joined by commas,
    /// mappings as `key: value` pairs.
    pub fn display(&self) -> String {
        match self {
            Raw::Null => String::new(),
            Raw::List(items) => {
                let parts: Vec<String> = items
                    .iter()
                    .map(Raw::display)
                    .filter(|s| !s.is_empty())
                    .collect();
                let nested = items.iter().any(|i| matches!(i, Raw::Map(_)));
                parts.join(if nested { "\n" } else { ", " })
            }
            Raw::Map(pairs) => pairs
                .iter()
                .map(|(k, v)| format!("{k}: {}", v.display()))
                .collect::<Vec<_>>()
                .join("; "),
            other => other.as_text().unwrap_or_default(),
        }
    }

    pub fn get(&self, key: &str) -> Option<&Raw> {
        match self {
            Raw::Map(pairs) => pairs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// Any self-describing value becomes a [`Raw`]: nothing is refused, so deserialising an
/// already parsed `serde_json::Value` or `serde_yaml::Value` cannot fail.
impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Raw, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_unit<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }

    fn visit_none<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, value: D) -> Result<Raw, D::Error> {
        Raw::deserialize(value)
    }

    fn visit_bool<E>(self, b: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(b))
    }

    fn visit_i64<E>(self, i: i64) -> Result<Raw, E> {
        Ok(Raw::Int(i))
    }

    /// A whole number too large for `i64` is kept as the nearest float (as the parsers'
    /// own `as_i64`, then `as_f64`, did).
    fn visit_u64<E>(self, u: u64) -> Result<Raw, E> {
        Ok(i64::try_from(u).map_or(Raw::Float(u as f64), Raw::Int))
    }

    fn visit_f64<E>(self, f: f64) -> Result<Raw, E> {
        Ok(Raw::Float(f))
    }

    fn visit_str<E>(self, s: &str) -> Result<Raw, E> {
        Ok(Raw::Str(s.to_string()))
    }

    fn visit_string<E>(self, s: String) -> Result<Raw, E> {
        Ok(Raw::Str(s))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Raw::List(items))
    }

    /// Keys are text: a YAML key that is a number or a boolean is written as one, any
    /// other (null, a list, a mapping) as `?`.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut pairs = Vec::with_capacity(map.size_hint().unwrap_or(0));
        while let Some((key, value)) = map.next_entry::<Raw, Raw>()? {
            pairs.push((key.as_text().unwrap_or_else(|| "?".into()), value));
        }
        Ok(Raw::Map(pairs))
    }

    /// A YAML tagged value (`!tag value`): the tag means nothing to an event, the value is kept.
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Raw, A::Error> {
        let (serde::de::IgnoredAny, value) = data.variant()?;
        value.newtype_variant()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_nested_values() {
        let v = Raw::List(vec![
            Raw::Map(vec![
                ("a".into(), Raw::Int(1)),
                ("b".into(), Raw::Str("x".into())),
            ]),
            Raw::Map(vec![("a".into(), Raw::Bool(true))]),
        ]);
        assert_eq!(v.display(), "a: 1; b: x\na: true");
        assert_eq!(
            Raw::List(vec![Raw::Str("x".into()), Raw::Float(1.5)]).display(),
            "x, 1.5"
        );
    }
}
