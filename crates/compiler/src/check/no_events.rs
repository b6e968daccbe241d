//! The error for a corpus in which no file is an event: it says what was found, kind by
//! kind (the extension, and why such files were skipped or rejected), so that a folder of
//! files in a format the compiler does not read fails loudly instead of building an empty
//! site.

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::report::Report;
use std::collections::{BTreeMap, HashMap};

/// Where the diagnostic points: the corpus folder itself, not one of its files.
pub const CORPUS_FOLDER: &str = ".";

/// At most this many kinds are listed, the rest counted together: a message is cut at
/// 400 characters (and the totals under the report count every skipped reason).
const KINDS_SHOWN: usize = 4;

/// A longer extension is not named (it would crowd the message out).
const EXTENSION_CHARS: usize = 10;

/// The E018 diagnostic for a report without events.
pub fn diagnostic(report: &Report) -> Diagnostic {
    let message = if report.files == 0 {
        "no file is an event: the folder holds no files".to_string()
    } else {
        format!(
            "no file is an event: {} found: {}",
            plural(report.files, "file"),
            kinds(report)
        )
    };
    Diagnostic::new(CORPUS_FOLDER, 0, Code::NoEvents, message).hint(
        "an event is a `.md` file with YAML front matter, a `.json` object or a `.yaml` \
         mapping, with a `title` and a `date` (or a file name that starts with one); \
         see \"The corpus\" in the README",
    )
}

/// "10 `.txt` skipped, not an event format (…); 2 `.md` rejected, E003/no-front-matter",
/// the most frequent kind first.
fn kinds(report: &Report) -> String {
    // The first error of each rejected file (the diagnostics are by file, then line).
    let mut first_error: HashMap<&str, Code> = HashMap::new();
    for d in &report.diagnostics {
        if d.severity() == Severity::Error {
            first_error.entry(d.file.as_str()).or_insert(d.code);
        }
    }
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    for s in &report.skipped {
        *counts
            .entry((kind_of(&s.name), format!("skipped, {}", s.reason)))
            .or_default() += 1;
    }
    for name in &report.rejected {
        let why = first_error.get(name.as_str()).map_or_else(
            || "rejected".to_string(),
            |code| format!("rejected, {}/{}", code.id(), code.name()),
        );
        *counts.entry((kind_of(name), why)).or_default() += 1;
    }
    let mut counts: Vec<((String, String), usize)> = counts.into_iter().collect();
    // The most frequent first; the same count in the order of the kinds' names.
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut parts: Vec<String> = counts
        .iter()
        .take(KINDS_SHOWN)
        .map(|((kind, why), n)| format!("{n} {kind} {why}"))
        .collect();
    let rest: usize = counts.iter().skip(KINDS_SHOWN).map(|(_, n)| n).sum();
    if rest > 0 {
        parts.push(format!("{} of other kinds", plural(rest, "file")));
    }
    parts.join("; ")
}

/// A file's kind as a reader names it: its extension (`.txt`), or "without an extension".
fn kind_of(name: &str) -> String {
    let file = name.rsplit('/').next().unwrap_or(name);
    match file.trim_start_matches('.').rsplit_once('.') {
        Some((_, extension)) if extension.chars().count() > EXTENSION_CHARS => {
            "with a long extension".to_string()
        }
        Some((_, extension)) if !extension.is_empty() => {
            format!("`.{}`", extension.to_lowercase())
        }
        _ => "without an extension".to_string(),
    }
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discover::{Skipped, NOT_AN_EVENT_FORMAT};

    #[test]
    fn says_what_was_found_the_most_frequent_kind_first() {
        let skipped = |name: &str, reason| Skipped {
            name: name.into(),
            reason,
        };
        let report = Report {
            files: 14,
            skipped: vec![
                skipped("a.txt", NOT_AN_EVENT_FORMAT),
                skipped("sub/b.TXT", NOT_AN_EVENT_FORMAT),
                skipped("Makefile", NOT_AN_EVENT_FORMAT),
                skipped(".timelineignore", NOT_AN_EVENT_FORMAT),
                skipped("_draft.md", "hidden or `_` name"),
            ],
            rejected: vec!["x.md".into(), "y.md".into(), "z.json".into()],
            diagnostics: vec![
                Diagnostic::new("x.md", 1, Code::NoFrontMatter, "m"),
                Diagnostic::new("y.md", 1, Code::NoFrontMatter, "m"),
                Diagnostic::new("y.md", 2, Code::MissingTitle, "m"),
                Diagnostic::new("z.json", 1, Code::MissingImportance, "m"),
                Diagnostic::new("z.json", 3, Code::JsonSyntax, "m"),
            ],
            ..Report::default()
        };
        let d = diagnostic(&report);
        assert_eq!((d.code, d.file.as_str(), d.line), (Code::NoEvents, ".", 0));
        assert_eq!(
            d.message,
            format!(
                "no file is an event: 14 files found: 2 `.md` rejected, E003/no-front-matter; \
                 2 `.txt` skipped, {NOT_AN_EVENT_FORMAT}; \
                 2 without an extension skipped, {NOT_AN_EVENT_FORMAT}; \
                 1 `.json` rejected, E006/json-syntax; 1 file of other kinds"
            )
        );
        assert!(d.message.chars().count() < 400, "never cut");
        let empty = diagnostic(&Report::default());
        assert_eq!(
            empty.message,
            "no file is an event: the folder holds no files"
        );
    }

    #[test]
    fn lists_a_few_kinds_and_counts_the_rest() {
        let report = Report {
            files: 10,
            skipped: (0..10)
                .map(|n| crate::discover::Skipped {
                    name: format!("f.e{n}"),
                    reason: NOT_AN_EVENT_FORMAT,
                })
                .collect(),
            ..Report::default()
        };
        let message = diagnostic(&report).message;
        assert_eq!(message.matches("skipped").count(), KINDS_SHOWN, "{message}");
        assert!(message.ends_with("; 6 files of other kinds"), "{message}");
        let long = Report {
            files: 1,
            skipped: vec![crate::discover::Skipped {
                name: format!("f.{}", "x".repeat(300)),
                reason: NOT_AN_EVENT_FORMAT,
            }],
            ..Report::default()
        };
        let message = diagnostic(&long).message;
        assert!(
            message.contains("1 with a long extension skipped"),
            "{message}"
        );
    }
}
