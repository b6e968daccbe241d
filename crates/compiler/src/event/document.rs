//! From a file's bytes to a document: the text (no BOM, LF line ends, UTF-8), the parser
//! its format calls for (YAML front matter and a Markdown body, or JSON), and the
//! document's top-level fields with the line of each key. No field means anything yet.

use super::fields::too_deep;
use crate::diagnostic::{Code, Diagnostic};
use crate::discover::Format;
use crate::raw::{Raw, MERGE_KEY};
use std::collections::HashSet;

/// A file's fields as written, before the schema gives them meaning.
pub(super) struct Document {
    /// The top-level fields, in the order written.
    pub fields: Vec<(String, Raw)>,
    /// The file line of each top-level key.
    pub keys: Vec<(String, usize)>,
    /// The Markdown body (empty for JSON and YAML, whose text is a field).
    pub body: String,
}

/// Strips a BOM and makes line ends LF; the error names the line and column (in
/// characters) of the first bad byte.
pub fn decode(bytes: &[u8]) -> Result<String, (usize, usize)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(if text.contains('\r') {
            text.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            text.to_string()
        }),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = 1 + good.iter().filter(|&&b| b == b'\n').count();
            // Columns count characters, as everywhere else (the valid prefix is UTF-8).
            let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let column =
                1 + std::str::from_utf8(&good[line_start..]).map_or(0, |s| s.chars().count());
            Err((line, column))
        }
    }
}

/// The error for bytes that [`decode`] refused, at the `(line, column)` it names.
pub(super) fn not_utf8(name: &str, (line, column): (usize, usize)) -> Diagnostic {
    Diagnostic::new(name, line, Code::NotUtf8, "the file is not UTF-8 text")
        .column(column)
        .hint("save the file as UTF-8 (most editors offer it under \"Save with encoding\")")
}

/// Parses decoded text as its format says. A problem that stops the reading is the error;
/// the others (a repeated key, a body nested too deep) are pushed to `diagnostics`.
pub(super) fn parse(
    name: &str,
    format: Format,
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Document, Diagnostic> {
    if text.trim().is_empty() {
        return Err(
            Diagnostic::new(name, 0, Code::EmptyFile, "the file is empty")
                .hint("write the event, or delete the file"),
        );
    }
    let (raw, keys, body) = match format {
        Format::Markdown => {
            let split = crate::frontmatter::split(name, text)?;
            diagnostics.extend(split.warnings);
            let raw = crate::yaml::parse(name, &split.yaml, split.yaml_line)?;
            if let Some(depth) = crate::markdown::too_deep(split.body) {
                // The body is a suffix of the text: its first line is after the fence.
                let before = &text[..text.len() - split.body.len()];
                diagnostics.push(too_deep(
                    name,
                    before.matches('\n').count() + 1,
                    "body",
                    depth,
                ));
            }
            let keys = with_merged_keys(split.keys, &raw);
            (raw, keys, split.body.to_string())
        }
        Format::Json => {
            let (raw, keys) = crate::json::parse(name, text)?;
            (raw, keys, String::new())
        }
        // The whole file is the YAML that front matter would be, from its first line; its
        // text is a field (`body`), which the schema reads.
        Format::Yaml => {
            let (yaml, keys, warnings) = crate::frontmatter::dedupe_keys(name, text, 1);
            diagnostics.extend(warnings);
            let raw = crate::yaml::parse(name, &yaml, 1)?;
            let keys = with_merged_keys(keys, &raw);
            (raw, keys, String::new())
        }
    };
    let Raw::Map(fields) = raw else {
        return Err(Diagnostic::new(
            name,
            1,
            Code::NotAMapping,
            format!(
                "the event is {}, not a set of `key: value` fields",
                raw.type_name()
            ),
        )
        .hint("an event's fields are written `id: …`, `date: …`, `title: …`, one a line"));
    };
    Ok(Document { fields, keys, body })
}

/// The key lines, with each key a merge key (`<<: *base`) brought in at the merge key's
/// line (the first, when there are several).
fn with_merged_keys(mut keys: Vec<(String, usize)>, raw: &Raw) -> Vec<(String, usize)> {
    let Some(line) = keys.iter().find(|(k, _)| k == MERGE_KEY).map(|k| k.1) else {
        return keys;
    };
    let Raw::Map(fields) = raw else {
        return keys;
    };
    let written: HashSet<&str> = keys.iter().map(|(k, _)| k.as_str()).collect();
    let merged: Vec<(String, usize)> = fields
        .iter()
        .filter(|(k, _)| !written.contains(k.as_str()))
        .map(|(k, _)| (k.clone(), line))
        .collect();
    keys.extend(merged);
    keys
}
