//! The one module that touches serde_yaml (archived upstream: keep it replaceable).

use crate::diagnostic::{Code, Diagnostic};
use crate::raw::Raw;

/// Parses front matter. `first_line` is the file line of the YAML's first line, so that
/// errors point into the file, not into the front matter.
pub fn parse(file: &str, yaml: &str, first_line: usize) -> Result<Raw, Diagnostic> {
    // Blank front matter is an empty mapping (the missing fields are reported after).
    if yaml.trim().is_empty() {
        return Ok(Raw::Map(Vec::new()));
    }
    if let Some((line, column, why)) = too_deep(yaml) {
        return Err(Diagnostic::new(
            file,
            first_line + line - 1,
            Code::YamlSyntax,
            format!("invalid YAML: {why}"),
        )
        .column(column)
        .hint("the front matter nests too deeply to be an event; simplify it"));
    }
    let value: serde_yaml::Value = serde_yaml::from_str(yaml).map_err(|e| {
        let (line, column) = e
            .location()
            .map_or((first_line, 0), |l| (first_line + l.line() - 1, l.column()));
        let message = e.to_string();
        // serde_yaml appends " at line L column C" in front-matter terms: drop it, the
        // diagnostic carries the file's own line.
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_string();
        Diagnostic::new(
            file,
            line,
            Code::YamlSyntax,
            format!("invalid YAML: {message}"),
        )
        .column(column)
        .hint(yaml_hint(&message))
    })?;
    Ok(convert(value))
}

/// Deeper than any event needs: the YAML parser's time grows quickly with depth, so a
/// hostile file is refused before it reaches the parser.
const MAX_DEPTH: usize = 64;
const MAX_INDENT: usize = 256;

/// The first place where flow brackets nest deeper than [`MAX_DEPTH`] or a line is
/// indented more than [`MAX_INDENT`] columns, as (line, column, reason).
fn too_deep(yaml: &str) -> Option<(usize, usize, String)> {
    // Brackets count even inside quotes: tracking quotes would let a stray apostrophe
    // hide a hostile line, and no real event nests 64 brackets deep in a string.
    let mut depth = 0usize;
    for (n, line) in yaml.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if indent > MAX_INDENT {
            return Some((n + 1, 1, format!("indented more than {MAX_INDENT} columns")));
        }
        for (col, c) in line.chars().enumerate() {
            match c {
                '[' | '{' => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Some((
                            n + 1,
                            col + 1,
                            format!("nested more than {MAX_DEPTH} levels deep"),
                        ));
                    }
                }
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
    }
    None
}

fn yaml_hint(message: &str) -> &'static str {
    if message.contains("mapping values are not allowed") {
        "a value holds `: `; put the whole value in quotes"
    } else if message.contains("recursion limit") || message.contains("repetition limit") {
        "the front matter nests or repeats too deeply to be an event; simplify it"
    } else if message.contains("did not find expected") {
        "check the indentation and that every quote and bracket is closed"
    } else {
        "fix the YAML on this line; quote values that hold `:`, `#`, or start with a special character"
    }
}

fn convert(value: serde_yaml::Value) -> Raw {
    use serde_yaml::Value;
    match value {
        Value::Null => Raw::Null,
        Value::Bool(b) => Raw::Bool(b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Raw::Int(i),
            None => Raw::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => Raw::Str(s),
        Value::Sequence(items) => Raw::List(items.into_iter().map(convert).collect()),
        Value::Mapping(map) => Raw::Map(
            map.into_iter()
                .map(|(k, v)| {
                    (
                        convert(k).as_text().unwrap_or_else(|| "?".into()),
                        convert(v),
                    )
                })
                .collect(),
        ),
        Value::Tagged(tagged) => convert(tagged.value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_point_at_the_file_line() {
        let e = parse("a.md", "id: a\ntitle: a: b\n", 2).unwrap_err();
        assert_eq!(e.code, Code::YamlSyntax);
        assert_eq!(e.line, 3);
        assert!(e.column > 0);
        assert!(!e.message.contains(" at line "), "{}", e.message);
    }

    #[test]
    fn keeps_order_and_types() {
        let v = parse("a.md", "b: 1\na: x\nc: [1, 2]\n", 2).unwrap();
        assert_eq!(
            v,
            Raw::Map(vec![
                ("b".into(), Raw::Int(1)),
                ("a".into(), Raw::Str("x".into())),
                ("c".into(), Raw::List(vec![Raw::Int(1), Raw::Int(2)])),
            ])
        );
    }

    #[test]
    fn alias_bomb_is_a_quick_error() {
        let mut yaml = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let p = i - 1;
            yaml.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
        }
        let started = std::time::Instant::now();
        let e = parse("bomb.md", &yaml, 2).unwrap_err();
        assert_eq!(e.code, Code::YamlSyntax);
        assert!(started.elapsed().as_secs() < 2);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let yaml = format!("a: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        let started = std::time::Instant::now();
        let e = parse("deep.md", &yaml, 2).unwrap_err();
        assert_eq!(e.code, Code::YamlSyntax);
        assert!(e.message.contains("nested more than 64"), "{}", e.message);
        assert!(started.elapsed().as_millis() < 500);
        let block: String = (0..300)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
            .collect();
        assert_eq!(
            parse("deep.md", &block, 2).unwrap_err().code,
            Code::YamlSyntax
        );
    }
}
