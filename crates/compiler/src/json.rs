//! JSON events (an object with the same fields, `summary` for the text).

use crate::diagnostic::{Code, Diagnostic};
use crate::raw::{Raw, RawSeed, Rules, WideIntegers};
use serde::de::DeserializeSeed;
use std::cell::RefCell;
use std::collections::HashSet;

/// Parses a JSON event into its value and the line of each top-level key.
pub fn parse(file: &str, text: &str) -> Result<(Raw, Vec<(String, usize)>), Diagnostic> {
    // A repeated key keeps one entry (its first place, its last value), as the key lines
    // found below do; an integer wider than 64 bits keeps its digits.
    let wide = RefCell::new(WideIntegers::new(wide_integers(text)));
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let raw = RawSeed(Rules::Json(&wide))
        .deserialize(&mut deserializer)
        .and_then(|raw| deserializer.end().map(|()| raw))
        .map_err(|e| syntax_error(file, text, &e))?;
    Ok((raw, key_lines(text)))
}

fn syntax_error(file: &str, text: &str, e: &serde_json::Error) -> Diagnostic {
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

/// The integers of a JSON text that fit neither `i64` nor `u64`, as written, each with its
/// place among the text's numbers (serde_json reads them as floats, losing digits).
fn wide_integers(text: &str) -> Vec<(usize, String)> {
    let bytes = text.as_bytes();
    let mut wide = Vec::new();
    let mut numbers = 0;
    let (mut in_string, mut escaped) = (false, false);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
        } else if b == b'"' {
            in_string = true;
        } else if b == b'-' || b.is_ascii_digit() {
            let end = bytes[i..]
                .iter()
                .position(|c| !matches!(c, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
                .map_or(bytes.len(), |n| i + n);
            let token = &text[i..end];
            let digits = token.strip_prefix('-').unwrap_or(token);
            if !digits.is_empty()
                && digits.bytes().all(|c| c.is_ascii_digit())
                && token.parse::<i64>().is_err()
                && token.parse::<u64>().is_err()
            {
                wide.push((numbers, token.to_string()));
            }
            numbers += 1;
            i = end;
            continue;
        }
        i += 1;
    }
    wide
}

/// Lines of the keys one level inside the outer object (indentation-agnostic: the first
/// line that holds `"key":` at the outer object's depth).
fn key_lines(text: &str) -> Vec<(String, usize)> {
    let mut keys = Vec::new();
    let mut seen = HashSet::new();
    let mut depth = 0i32;
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if depth == 1 && trimmed.starts_with('"') {
            if let Some(end) = trimmed[1..].find('"') {
                let key = &trimmed[1..1 + end];
                if trimmed[1 + end + 1..].trim_start().starts_with(':') && seen.insert(key) {
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
    fn numbers_and_repeated_keys() {
        let text = "{\"a\": 1, \"big\": 18446744073709551615, \"neg\": -9223372036854775808, \"f\": 0.5, \"a\": [null, true]}";
        let (raw, _) = parse("a.json", text).unwrap();
        assert_eq!(
            raw,
            Raw::Map(vec![
                ("a".into(), Raw::List(vec![Raw::Null, Raw::Bool(true)])),
                ("big".into(), Raw::Float(u64::MAX as f64)),
                ("neg".into(), Raw::Int(i64::MIN)),
                ("f".into(), Raw::Float(0.5)),
            ]),
            "a repeated key keeps its first place and its last value"
        );
    }

    #[test]
    fn integers_past_64_bits_keep_their_digits() {
        let wide = "123456789012345678901234567890";
        let text = format!(
            "{{\"a\": [{wide}, -{wide}, 1.5e300, 1, \"{wide}\"], \"s\": \"\\\" 1 {wide}\", \"b\": {wide}0}}"
        );
        let (raw, _) = parse("a.json", &text).unwrap();
        assert_eq!(
            raw,
            Raw::Map(vec![
                (
                    "a".into(),
                    Raw::List(vec![
                        Raw::Str(wide.into()),
                        Raw::Str(format!("-{wide}")),
                        Raw::Float(1.5e300),
                        Raw::Int(1),
                        Raw::Str(wide.into()),
                    ])
                ),
                ("s".into(), Raw::Str(format!("\" 1 {wide}"))),
                ("b".into(), Raw::Str(format!("{wide}0"))),
            ])
        );
        assert_eq!(
            wide_integers("[1, 99999999999999999999, \"9\"]"),
            [(1, "99999999999999999999".to_string())]
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
