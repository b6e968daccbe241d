//! Splits a Markdown event into its YAML front matter and its body, and finds the line of
//! every top-level key (for diagnostics, and for duplicate keys, which YAML parsers reject
//! but hand-edited corpora contain).

use crate::diagnostic::{Code, Diagnostic};
use crate::raw::MERGE_KEY;
use std::collections::HashMap;

/// A Markdown event cut in two.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML, with earlier copies of duplicate keys blanked out (line count unchanged).
    pub yaml: String,
    /// The file line of the YAML's first line.
    pub yaml_line: usize,
    pub body: &'a str,
    /// Top-level keys with their file lines, last copy only.
    pub keys: Vec<(String, usize)>,
    pub warnings: Vec<Diagnostic>,
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// `text` has no BOM and LF line ends.
pub fn split<'a>(file: &str, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if !is_fence(first.trim_end_matches('\n')) {
        let column = 1;
        return Err(Diagnostic::new(file, 1, Code::NoFrontMatter, "the file does not start with front matter")
            .column(column)
            .hint("start the file with a line `---`, the YAML fields (id, date, title, …), another `---`, then the Markdown body"));
    }
    let mut offset = first.len();
    let yaml_start = offset;
    let mut end = None;
    for line in lines {
        let bare = line.trim_end_matches('\n');
        if is_fence(bare) || bare.trim_end() == "..." {
            end = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((yaml_end, body_start)) = end else {
        return Err(Diagnostic::new(
            file,
            1,
            Code::UnterminatedFrontMatter,
            "the front matter opened here is never closed",
        )
        .hint("add a line `---` after the last YAML field, before the Markdown body"));
    };
    let yaml = &text[yaml_start..yaml_end];
    let (yaml, keys, warnings) = dedupe_keys(file, yaml, 2);
    Ok(Split {
        yaml,
        yaml_line: 2,
        body: &text[body_start..],
        keys,
        warnings,
    })
}

/// The key of a top-level mapping line (`key: value` at column 0), if it is one. A quoted
/// key (`"key": value`) counts when it holds no escape: it is the same key to YAML.
pub fn top_level_key(line: &str) -> Option<&str> {
    let first = line.chars().next()?;
    if first == '"' || first == '\'' {
        let close = line[1..].find(first)? + 1;
        let key = &line[1..close];
        // `'it''s'` fails here too: the quote after the first closing one is not a colon.
        let after = line[close + 1..].trim_start_matches([' ', '\t']);
        let after = after.strip_prefix(':')?;
        let escapes = first == '"' && key.contains('\\');
        return (!key.is_empty()
            && !escapes
            && (after.is_empty() || after.starts_with([' ', '\t', '\n', '\r'])))
        .then_some(key);
    }
    if first.is_whitespace() || matches!(first, '#' | '-' | '{' | '[' | '?' | '|' | '>') {
        return None;
    }
    let colon = line.find(':')?;
    let after = &line[colon + 1..];
    if !(after.is_empty() || after.starts_with([' ', '\t', '\n', '\r'])) {
        return None;
    }
    let key = line[..colon].trim_end();
    (!key.is_empty()).then_some(key)
}

/// Finds top-level keys with their lines; where a key repeats, blanks out the earlier
/// copies (so the YAML parser sees the last one, as PyYAML keeps it) and warns.
pub fn dedupe_keys(
    file: &str,
    yaml: &str,
    first_line: usize,
) -> (String, Vec<(String, usize)>, Vec<Diagnostic>) {
    let lines: Vec<&str> = yaml.split_inclusive('\n').collect();
    let mut starts: Vec<(usize, &str)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if let Some(key) = top_level_key(line) {
            starts.push((i, key));
        }
    }
    // The next copy of each key, found from the end in one pass (searching the rest of
    // the keys for each would take minutes for 100,000 keys). A merge key (`<<`) may
    // repeat: each copy merges, as in PyYAML.
    let mut next_copy: Vec<Option<usize>> = vec![None; starts.len()];
    let mut last_seen: HashMap<&str, usize> = HashMap::new();
    for (n, &(_, key)) in starts.iter().enumerate().rev() {
        if key != MERGE_KEY {
            next_copy[n] = last_seen.insert(key, n);
        }
    }
    let mut blank = vec![false; lines.len()];
    let mut warnings = Vec::new();
    let mut keys: Vec<(String, usize)> = Vec::new();
    for (n, &(i, key)) in starts.iter().enumerate() {
        if let Some(later) = next_copy[n].map(|m| starts[m]) {
            let end = starts.get(n + 1).map_or(lines.len(), |s| s.0);
            blank[i..end].iter_mut().for_each(|b| *b = true);
            warnings.push(
                Diagnostic::new(
                    file,
                    first_line + i,
                    Code::DuplicateKey,
                    format!(
                        "the key `{key}` appears again on line {}",
                        first_line + later.0
                    ),
                )
                .hint("keep one copy of the key; the last one is the one used"),
            );
        } else {
            keys.push((key.to_string(), first_line + i));
        }
    }
    if warnings.is_empty() {
        return (yaml.to_string(), keys, warnings);
    }
    let mut out = String::with_capacity(yaml.len());
    for (line, blank) in lines.iter().zip(blank) {
        if blank {
            out.push('\n');
        } else {
            out.push_str(line);
        }
    }
    (out, keys, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let text = "---\nid: a\ntitle: T\n---\n\nBody *here*\n";
        let s = split("a.md", text).unwrap();
        assert_eq!(s.yaml, "id: a\ntitle: T\n");
        assert_eq!(s.body, "\nBody *here*\n");
        assert_eq!(s.keys, [("id".to_string(), 2), ("title".to_string(), 3)]);
    }

    #[test]
    fn missing_and_unterminated_front_matter() {
        let e = split("a.md", "# Title\n").unwrap_err();
        assert_eq!((e.code, e.line), (Code::NoFrontMatter, 1));
        let e = split("a.md", "---\nid: a\n\nbody\n").unwrap_err();
        assert_eq!((e.code, e.line), (Code::UnterminatedFrontMatter, 1));
    }

    #[test]
    fn a_body_rule_is_not_a_fence() {
        let s = split("a.md", "---\nid: a\n---\ntext\n\n---\nmore\n").unwrap();
        assert_eq!(s.body, "text\n\n---\nmore\n");
    }

    #[test]
    fn duplicate_keys_keep_the_last_and_warn_with_lines() {
        let text = "---\nid: a\ntags:\n- x\n- y\ntitle: T\ntags:\n- z\n---\n";
        let s = split("a.md", text).unwrap();
        assert_eq!(s.warnings.len(), 1);
        assert_eq!(
            (s.warnings[0].code, s.warnings[0].line),
            (Code::DuplicateKey, 3)
        );
        assert!(s.warnings[0].message.contains("line 7"));
        assert_eq!(s.yaml, "id: a\n\n\n\ntitle: T\ntags:\n- z\n");
        assert_eq!(s.keys.iter().find(|k| k.0 == "tags").unwrap().1, 7);
    }

    #[test]
    fn merge_keys_may_repeat() {
        let text = "---\n<<: *a\nid: x\n<<: *b\n---\n";
        let s = split("a.md", text).unwrap();
        assert!(s.warnings.is_empty(), "{:?}", s.warnings);
        assert_eq!(s.yaml, "<<: *a\nid: x\n<<: *b\n", "each copy merges");
    }

    #[test]
    fn key_lines_ignore_nested_and_continued_lines() {
        assert_eq!(top_level_key("title: x"), Some("title"));
        assert_eq!(top_level_key("  url: x"), None);
        assert_eq!(top_level_key("- url: x"), None);
        assert_eq!(top_level_key("http://x"), None);
        assert_eq!(top_level_key("capture_lanes:"), Some("capture_lanes"));
    }

    #[test]
    fn quoted_keys_are_keys() {
        assert_eq!(top_level_key("\"id\": x\n"), Some("id"));
        assert_eq!(top_level_key("'id' : x"), Some("id"));
        assert_eq!(top_level_key("\"a: b\":"), Some("a: b"));
        assert_eq!(
            top_level_key("\"a\\\"b\": x"),
            None,
            "escapes are left alone"
        );
        assert_eq!(top_level_key("'it''s': x"), None);
        assert_eq!(top_level_key("\"unclosed: x"), None);
        assert_eq!(top_level_key("\"text\" more"), None);
        assert_eq!(top_level_key("\"\": x"), None);
        let s = split("a.md", "---\nid: a\n\"id\": b\n---\n").unwrap();
        assert_eq!(s.warnings.len(), 1);
        assert_eq!(s.yaml, "\n\"id\": b\n");
    }
}
