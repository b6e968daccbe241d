//! A parsed document, whichever syntax it came from (YAML front matter or JSON): the only
//! tree the event reader sees, so the YAML and JSON crates stay behind their modules.

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
