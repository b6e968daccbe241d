//! JSON events (an object with the same fields, `summary` for the text).

use crate::diagnostic::{Code, Diagnostic};
use crate::raw::Raw;

/// Parses a JSON event into its value and the line of each top-level key.
pub fn parse(file: &str, text: &str) -> Result<(Raw, Vec<(String, usize)>), Diagnostic> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_string();
        Diagnostic::new(
            file,
            e.line().max(1),
            Code::JsonSyntax,
            format!("invalid JSON: {message}"),
        )
        .column(char_column(text, e.line(), e.column()))
        .hint("check for a missing comma, an unclosed quote or bracket, or a trailing comma")
    })?;
    let keys = key_lines(text);
    Ok((convert(value), keys))
}

/// serde_json counts columns in bytes; diagnostics count characters (as the YAML parser
/// does, and as the renderer underlines).
fn char_column(text: &str, line: usize, byte_column: usize) -> usize {
    if line == 0 || byte_column == 0 {
        return byte_column;
    }
    let Some(line) = text.split('\n').nth(line - 1) else {
        return byte_column;
    };
    let before = &line.as_bytes()[..(byte_column - 1).min(line.len())];
    // Count the bytes that start a character (a column may fall inside one).
    1 + before.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

/// Lines of the keys one level inside the outer object (indentation-agnostic: the first
/// line that holds `"key":` at the outer object's depth).
fn key_lines(text: &str) -> Vec<(String, usize)> {
    let mut keys = Vec::new();
    let mut depth = 0i32;
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if depth == 1 && trimmed.starts_with('"') {
            if let Some(end) = trimmed[1..].find('"') {
                let key = &trimmed[1..1 + end];
                if trimmed[1 + end + 1..].trim_start().starts_with(':')
                    && !keys.iter().any(|(k, _)| k == key)
                {
                    keys.push((key.to_string(), n + 1));
                }
            }
        }
        let mut in_string = false;
        let mut escaped = false;
        for c in line.chars() {
            match c {
                _ if escaped => escaped = false,
                '\\' if in_string => escaped = true,
                '"' => in_string = !in_string,
                '{' | '[' if !in_string => depth += 1,
                '}' | ']' if !in_string => depth -= 1,
                _ => {}
            }
        }
    }
    keys
}

fn convert(value: serde_json::Value) -> Raw {
    use serde_json::Value;
    match value {
        Value::Null => Raw::Null,
        Value::Bool(b) => Raw::Bool(b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Raw::Int(i),
            None => Raw::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => Raw::Str(s),
        Value::Array(items) => Raw::List(items.into_iter().map(convert).collect()),
        Value::Object(map) => Raw::Map(map.into_iter().map(|(k, v)| (k, convert(v))).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_top_level_key_lines() {
        let text = "{\n  \"id\": \"a\",\n  \"sources\": [\n    {\"id\": \"nested\"}\n  ],\n  \"title\": \"x\"\n}\n";
        let (_, keys) = parse("a.json", text).unwrap();
        assert_eq!(
            keys,
            [
                ("id".to_string(), 2),
                ("sources".to_string(), 3),
                ("title".to_string(), 6)
            ]
        );
    }

    #[test]
    fn syntax_errors_carry_the_line() {
        let e = parse("a.json", "{\n  \"id\": \"a\"\n  \"title\": \"x\"\n}").unwrap_err();
        assert_eq!((e.code, e.line), (Code::JsonSyntax, 3));
    }

    #[test]
    fn syntax_error_columns_count_characters() {
        // `"date"` is the 14th character of the line but starts at its 17th byte.
        let e = parse("a.json", "{\n  \"t\": \"Ééé\" \"date\": 1\n}").unwrap_err();
        assert_eq!((e.line, e.column), (2, 14));
        assert_eq!(char_column("abc", 1, 0), 0);
        assert_eq!(char_column("é", 1, 2), 2, "a column inside a character");
    }
}
