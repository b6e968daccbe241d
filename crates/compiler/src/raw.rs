//! A parsed document, whichever syntax it came from (YAML front matter or JSON): the only
//! tree the event reader sees, so the YAML and JSON crates stay behind their modules.
//! Both modules read their parser's values into a [`Raw`] through the one visitor below
//! ([`RawSeed`]), so the two syntaxes cannot drift apart in how they map numbers or keys;
//! where their rules differ (repeated keys, merge keys), [`Rules`] says so.

use serde::de::{
    DeserializeSeed, Deserializer, EnumAccess, Error as _, MapAccess, SeqAccess, VariantAccess,
    Visitor,
};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet, VecDeque};
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

/// The key that merges mappings into the one that holds it, in YAML (`<<: *base`).
pub const MERGE_KEY: &str = "<<";

/// The rules of the syntax a value is read from, where the two differ.
#[derive(Clone, Copy)]
pub enum Rules<'a> {
    /// A repeated key is an error (the front matter's top-level repeats are blanked out
    /// before), but for merge keys, which are applied; an integer wider than 64 bits is
    /// kept as its digits.
    Yaml,
    /// A repeated key keeps its first place and its last value (as `serde_json::Value`
    /// does); an integer wider than 64 bits, which serde_json reads as a float, is kept
    /// as written, from the texts found beforehand.
    Json(&'a RefCell<WideIntegers>),
}

/// Reads any self-describing value into a [`Raw`] by `Rules`: nothing is refused but a
/// repeated YAML key and a merge key that names no mapping.
#[derive(Clone, Copy)]
pub struct RawSeed<'a>(pub Rules<'a>);

impl<'de> DeserializeSeed<'de> for RawSeed<'_> {
    type Value = Raw;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Raw, D::Error> {
        deserializer.deserialize_any(RawVisitor(self.0))
    }
}

/// The integers of a JSON text that fit in no 64-bit integer, as written, each with its
/// place among the text's numbers (the order the parser visits them in).
#[derive(Debug, Default)]
pub struct WideIntegers {
    texts: VecDeque<(usize, String)>,
    numbers_seen: usize,
}

impl WideIntegers {
    pub fn new(texts: impl IntoIterator<Item = (usize, String)>) -> WideIntegers {
        WideIntegers {
            texts: texts.into_iter().collect(),
            numbers_seen: 0,
        }
    }

    /// Counts the number the parser visits; its text when it is a wide integer.
    fn next_number(&mut self) -> Option<String> {
        let n = self.numbers_seen;
        self.numbers_seen += 1;
        match self.texts.front() {
            Some((at, _)) if *at == n => self.texts.pop_front().map(|(_, text)| text),
            _ => None,
        }
    }
}

struct RawVisitor<'a>(Rules<'a>);

impl RawVisitor<'_> {
    fn number_text(&self) -> Option<String> {
        match self.0 {
            Rules::Json(wide) => wide.borrow_mut().next_number(),
            Rules::Yaml => None,
        }
    }
}

impl<'de> Visitor<'de> for RawVisitor<'_> {
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
        RawSeed(self.0).deserialize(value)
    }

    fn visit_bool<E>(self, b: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(b))
    }

    fn visit_i64<E>(self, i: i64) -> Result<Raw, E> {
        self.number_text();
        Ok(Raw::Int(i))
    }

    /// A whole number too large for `i64` is kept as the nearest float (as the parsers'
    /// own `as_i64`, then `as_f64`, did).
    fn visit_u64<E>(self, u: u64) -> Result<Raw, E> {
        self.number_text();
        Ok(i64::try_from(u).map_or(Raw::Float(u as f64), Raw::Int))
    }

    /// Past 64 bits, a whole number is kept as its digits: a float would change them.
    fn visit_i128<E>(self, i: i128) -> Result<Raw, E> {
        Ok(Raw::Str(i.to_string()))
    }

    fn visit_u128<E>(self, u: u128) -> Result<Raw, E> {
        Ok(Raw::Str(u.to_string()))
    }

    fn visit_f64<E>(self, f: f64) -> Result<Raw, E> {
        Ok(self.number_text().map_or(Raw::Float(f), Raw::Str))
    }

    fn visit_str<E>(self, s: &str) -> Result<Raw, E> {
        Ok(Raw::Str(s.to_string()))
    }

    fn visit_string<E>(self, s: String) -> Result<Raw, E> {
        Ok(Raw::Str(s))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element_seed(RawSeed(self.0))? {
            items.push(item);
        }
        Ok(Raw::List(items))
    }

    /// Keys are text: a YAML key that is a number or a boolean is written as one, any
    /// other (null, a list, a mapping) as `?`.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut pairs: Vec<(String, Raw)> =
            Vec::with_capacity(map.size_hint().unwrap_or(0).min(4096));
        // YAML: each key that is not text, as parsed (`1` and `"1"` are two keys).
        let mut typed: Vec<Option<String>> = Vec::new();
        while let Some(key) = map.next_key_seed(RawSeed(self.0))? {
            let value = map.next_value_seed(RawSeed(self.0))?;
            if let Rules::Yaml = self.0 {
                typed.push((!matches!(key, Raw::Str(_))).then(|| format!("{key:?}")));
            }
            pairs.push((key.as_text().unwrap_or_else(|| "?".into()), value));
        }
        match self.0 {
            Rules::Yaml => {
                if let Some(key) = repeated_key(&pairs, &typed) {
                    return Err(A::Error::custom(format!(
                        "duplicate entry with key {:?}",
                        crate::diagnostic::printable(key)
                    )));
                }
                if pairs.iter().any(|(k, _)| k == MERGE_KEY) {
                    pairs = merge(pairs).map_err(A::Error::custom)?;
                }
            }
            Rules::Json(_) => pairs = last_wins(pairs),
        }
        Ok(Raw::Map(pairs))
    }

    /// A YAML tagged value (`!tag value`): the tag means nothing to an event, the value is kept.
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Raw, A::Error> {
        let (serde::de::IgnoredAny, value) = data.variant()?;
        value.newtype_variant_seed(RawSeed(self.0))
    }
}

/// The first key a YAML mapping repeats, if any (a merge key may repeat: each merges).
fn repeated_key<'p>(pairs: &'p [(String, Raw)], typed: &'p [Option<String>]) -> Option<&'p str> {
    let mut seen = HashSet::with_capacity(pairs.len());
    for ((text, _), typed) in pairs.iter().zip(typed) {
        let identity = match typed {
            None if text == MERGE_KEY => continue,
            None => (false, text.as_str()),
            Some(typed) => (true, typed.as_str()),
        };
        if !seen.insert(identity) {
            return Some(text);
        }
    }
    None
}

/// One entry per key, in its first place with its last value (as `serde_json::Value`
/// keeps a JSON object's repeated keys).
fn last_wins(pairs: Vec<(String, Raw)>) -> Vec<(String, Raw)> {
    let first: Vec<usize> = {
        let mut places: HashMap<&str, usize> = HashMap::with_capacity(pairs.len());
        pairs
            .iter()
            .enumerate()
            .map(|(n, (key, _))| *places.entry(key.as_str()).or_insert(n))
            .collect()
    };
    if first.iter().enumerate().all(|(n, &at)| n == at) {
        return pairs;
    }
    // Where each first copy went in `out`.
    let mut placed = vec![0; pairs.len()];
    let mut out: Vec<(String, Raw)> = Vec::with_capacity(pairs.len());
    for (n, (key, value)) in pairs.into_iter().enumerate() {
        if first[n] == n {
            placed[n] = out.len();
            out.push((key, value));
        } else {
            out[placed[first[n]]].1 = value;
        }
    }
    out
}

/// Applies a mapping's merge keys (YAML's `<<: *base` or `<<: [*a, *b]`), as PyYAML does:
/// the merged keys take the merge key's place; a key written in the mapping wins over a
/// merged one, and an earlier merged mapping over a later one. (The merged mappings were
/// merged themselves when they were read.)
fn merge(pairs: Vec<(String, Raw)>) -> Result<Vec<(String, Raw)>, &'static str> {
    let written: HashSet<String> = pairs
        .iter()
        .filter(|(k, _)| k != MERGE_KEY)
        .map(|(k, _)| k.clone())
        .collect();
    let mut merged: HashSet<String> = HashSet::new();
    let mut out = Vec::with_capacity(pairs.len());
    for (key, value) in pairs {
        if key != MERGE_KEY {
            out.push((key, value));
            continue;
        }
        let sources = match value {
            Raw::Map(pairs) => vec![pairs],
            Raw::List(items) => items
                .into_iter()
                .map(|item| match item {
                    Raw::Map(pairs) => Ok(pairs),
                    _ => Err("a merge key `<<` takes a mapping or a list of mappings"),
                })
                .collect::<Result<_, _>>()?,
            _ => return Err("a merge key `<<` takes a mapping or a list of mappings"),
        };
        for (key, value) in sources.into_iter().flatten() {
            if !written.contains(&key) && merged.insert(key.clone()) {
                out.push((key, value));
            }
        }
    }
    Ok(out)
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
