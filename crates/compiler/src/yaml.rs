//! The one module that touches serde_yaml (archived upstream: keep it replaceable).

use crate::diagnostic::{Code, Diagnostic};
use crate::raw::{Raw, RawSeed, Rules};
use serde::de::DeserializeSeed;

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
    // Straight into `Raw`, which refuses a key repeated inside a nested mapping (top-level
    // repeats are blanked out before), applies merge keys, and keeps an integer wider than
    // 64 bits (which a `serde_yaml::Value` cannot hold).
    RawSeed(Rules::Yaml)
        .deserialize(serde_yaml::Deserializer::from_str(yaml))
        .map_err(|e| syntax_error(file, yaml, first_line, &e))
}

fn syntax_error(file: &str, yaml: &str, first_line: usize, e: &serde_yaml::Error) -> Diagnostic {
    let (line, column) = e
        .location()
        .map_or((first_line, 0), |l| (first_line + l.line() - 1, l.column()));
    // The parser places an error at the end of a text without a final line end on the
    // line after it: the end is the last line's, after its last character (a YAML event
    // need not end with a line end; front matter always does).
    let last = first_line + yaml.matches('\n').count();
    let (line, column) = if line > last {
        let end = yaml.rsplit('\n').next().unwrap_or("");
        (last, end.chars().count() + 1)
    } else {
        (line, column)
    };
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
    } else if message.contains("more than one document") {
        "an event is one YAML mapping: remove the `---` line between its parts (a Markdown \
         body after front matter belongs in a `.md` file)"
    } else if message.contains("did not find expected") {
        "check the indentation and that every quote and bracket is closed"
    } else {
        "fix the YAML on this line; quote values that hold `:`, `#`, or start with a special character"
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
    fn an_error_at_the_end_of_a_text_without_a_line_end_is_on_its_last_line() {
        let e = parse("a.yaml", "id: a\n{a", 1).unwrap_err();
        assert_eq!((e.code, e.line, e.column), (Code::YamlSyntax, 2, 3));
        let e = parse("a.yaml", "{a", 1).unwrap_err();
        assert_eq!((e.line, e.column), (1, 3));
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
    fn tags_big_numbers_and_odd_keys_become_plain_values() {
        let yaml = "a: !custom x\nb: !!str 5\nt: !thing {k: 1}\nmax: 9223372036854775807\n\
                    min: -9223372036854775808\nbig: 18446744073709551615\nnan: .nan\ninf: -.inf\n\
                    1: one\n1.5: half\ntrue: yes\n~: nothing\n";
        let Raw::Map(pairs) = parse("a.md", yaml, 2).unwrap() else {
            panic!("a mapping")
        };
        let keys: Vec<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            ["a", "b", "t", "max", "min", "big", "nan", "inf", "1", "1.5", "true", "?"]
        );
        let value = |key: &str| &pairs.iter().find(|(k, _)| k == key).unwrap().1;
        assert_eq!(value("a"), &Raw::Str("x".into()), "the tag is dropped");
        assert_eq!(value("b"), &Raw::Str("5".into()));
        assert_eq!(value("t"), &Raw::Map(vec![("k".into(), Raw::Int(1))]));
        assert_eq!(value("max"), &Raw::Int(i64::MAX));
        assert_eq!(value("min"), &Raw::Int(i64::MIN));
        assert_eq!(
            value("big"),
            &Raw::Float(u64::MAX as f64),
            "past i64: a float"
        );
        assert!(matches!(value("nan"), Raw::Float(f) if f.is_nan()));
        assert_eq!(value("inf"), &Raw::Float(f64::NEG_INFINITY));
        assert_eq!(value("true"), &Raw::Str("yes".into()));
        let keyed = parse("a.md", "? [1, 2]\n: list\n", 2).unwrap();
        assert_eq!(keyed, Raw::Map(vec![("?".into(), Raw::Str("list".into()))]));
    }

    #[test]
    fn a_key_repeated_in_a_nested_mapping_is_an_error() {
        let e = parse("a.md", "sources:\n  url: a\n  url: b\n", 2).unwrap_err();
        assert_eq!(e.code, Code::YamlSyntax);
        assert!(
            e.message.contains("duplicate entry with key \"url\""),
            "{}",
            e.message
        );
        // A number and a text are two keys, as YAML has it.
        assert!(parse("a.md", "m:\n  1: a\n  '1': b\n", 2).is_ok());
    }

    fn map(raw: Raw) -> Vec<(String, Raw)> {
        match raw {
            Raw::Map(pairs) => pairs,
            other => panic!("a mapping, not {other:?}"),
        }
    }

    fn text(s: &str) -> Raw {
        Raw::Str(s.into())
    }

    #[test]
    fn merge_keys_are_applied_as_pyyaml_does() {
        // The written key wins over the merged one; the first merged mapping over the next.
        let yaml = "a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nc:\n  <<: [*a, *b]\n  x: 3\n";
        let c = map(parse("a.md", yaml, 2).unwrap()).remove(2).1;
        assert_eq!(
            c,
            Raw::Map(vec![
                ("y".into(), Raw::Int(1)),
                ("z".into(), Raw::Int(2)),
                ("x".into(), Raw::Int(3)),
            ]),
            "the merged keys take the merge key's place"
        );
        // A merged mapping that merges itself; and at the top level.
        let yaml =
            "base: &base {date: 2020}\nmore: &more {<<: *base, title: T}\n<<: *more\nid: x\n";
        let pairs = map(parse("a.md", yaml, 2).unwrap());
        let keys: Vec<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["base", "more", "date", "title", "id"]);
        for bad in ["<<: 5\n", "<<: [1]\n", "<<:\n"] {
            let e = parse("a.md", bad, 2).unwrap_err();
            assert!(e.message.contains("merge key"), "{bad}: {}", e.message);
        }
    }

    #[test]
    fn integers_past_64_bits_keep_their_digits() {
        let yaml = "u: 18446744073709551616\ni: -9223372036854775809\nhex: 0x1ffffffffffffffff\n";
        let pairs = map(parse("a.md", yaml, 2).unwrap());
        assert_eq!(
            pairs,
            [
                ("u".to_string(), text("18446744073709551616")),
                ("i".to_string(), text("-9223372036854775809")),
                ("hex".to_string(), text("36893488147419103231")),
            ]
        );
        // Past 128 bits YAML itself reads a float.
        let pairs = map(parse("a.md", &format!("n: {}\n", "9".repeat(40)), 2).unwrap());
        assert!(matches!(pairs[0].1, Raw::Float(_)));
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
