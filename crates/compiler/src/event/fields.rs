//! The generic field readers: required text, a date, an importance, optional text and a
//! list of text. Each reads one value and reports a problem at its field's line, so the
//! schema only says which field is read how.

use crate::diagnostic::{Code, Diagnostic};
use crate::raw::Raw;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use timeline_bundle::date::{DateError, PartialDate};

/// Reads the fields of one file, collecting diagnostics that point at each field's line.
pub(super) struct Reader<'a> {
    /// The file's name, as diagnostics give it.
    pub name: &'a str,
    /// The decoded text, where a value without a key of its own is looked for.
    text: &'a str,
    /// The byte offset where each line of `text` starts.
    line_starts: Vec<usize>,
    /// The file line of each top-level key (its first copy).
    keys: HashMap<String, usize>,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Reader<'a> {
    pub fn new(name: &'a str, text: &'a str, keys: Vec<(String, usize)>) -> Self {
        let mut lines = HashMap::with_capacity(keys.len());
        for (key, line) in keys {
            lines.entry(key).or_insert(line);
        }
        Reader {
            name,
            text,
            line_starts: std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
            keys: lines,
            diagnostics: Vec::new(),
        }
    }

    /// The line of `key`, or the first line when the field is missing.
    pub fn line_of(&self, key: &str) -> usize {
        self.keys.get(key).copied().unwrap_or(1)
    }

    /// The line, at or after `from`, where `needle` first appears within the next
    /// `window` bytes (about as far as the value looked for can be: the search is not
    /// to scan the rest of the file for each of 50,000 sources); `from` when it is not
    /// there. A needle is looked for on one line.
    pub fn line_with(&self, from: usize, needle: &str, window: usize) -> usize {
        let Some(&start) = self.line_starts.get(from.saturating_sub(1)) else {
            return from;
        };
        if needle.contains('\n') {
            return from;
        }
        let mut end = (start + window).min(self.text.len());
        while !self.text.is_char_boundary(end) {
            end += 1;
        }
        match self.text[start..end].find(needle) {
            // The line that holds the match's first byte.
            Some(at) => self.line_starts.partition_point(|&s| s <= start + at),
            None => from,
        }
    }

    pub fn report(
        &mut self,
        line: usize,
        code: Code,
        message: String,
        hint: impl Into<Cow<'static, str>>,
    ) {
        self.diagnostics
            .push(Diagnostic::new(self.name, line, code, message).hint(hint));
    }

    /// Text that must be there and not be blank; `missing_hint` says how to add it.
    pub fn required_text(
        &mut self,
        value: Option<&Raw>,
        key: &str,
        missing: Code,
        invalid: Code,
        missing_hint: &'static str,
    ) -> Option<String> {
        let line = self.line_of(key);
        match value {
            None | Some(Raw::Null) => {
                self.report(
                    line,
                    missing,
                    format!("the event has no `{key}`"),
                    missing_hint,
                );
                None
            }
            Some(v) => match v.as_text().map(|s| s.trim().to_string()) {
                Some(s) if !s.is_empty() => Some(s),
                blank => {
                    let message = match blank {
                        Some(_) => format!("`{key}` is empty"),
                        None => format!("`{key}` must be text, not {}", v.type_name()),
                    };
                    self.report(line, invalid, message, "write it as text on one line");
                    None
                }
            },
        }
    }

    /// The required `date`: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, and a day that exists.
    /// (When it is missing, the schema looks at the file name before calling this.)
    pub fn date(&mut self, value: Option<&Raw>) -> Option<PartialDate> {
        let line = self.line_of("date");
        let Some(value) = value.filter(|v| **v != Raw::Null) else {
            self.report(
                line,
                Code::MissingDate,
                "the event has no `date`, and its file name starts with none".into(),
                "add `date: YYYY-MM-DD` (or `YYYY-MM`, or `YYYY` when only the year is known), \
                 or start the file name with a `YYYY-MM-DD` that exists",
            );
            return None;
        };
        let text = value.as_text().unwrap_or_default();
        match PartialDate::parse(&text) {
            Ok(d) => Some(d),
            Err(DateError::Format) => {
                self.report(
                    line,
                    Code::InvalidDate,
                    format!("`{text}` is not a date"),
                    "write the date as YYYY-MM-DD, YYYY-MM or YYYY",
                );
                None
            }
            Err(DateError::Impossible) => {
                self.report(
                    line,
                    Code::ImpossibleDate,
                    format!("the date `{text}` does not exist"),
                    "check the day and the month: months have 28 to 31 days",
                );
                None
            }
        }
    }

    /// The `importance`: a whole number from 1 to 10 (as a number or as text).
    pub fn importance(&mut self, value: Option<&Raw>) -> Option<u8> {
        let line = self.line_of("importance");
        let hint = "importance is a whole number from 1 (minor) to 10 (historic)";
        match value {
            None | Some(Raw::Null) => {
                self.report(
                    line,
                    Code::MissingImportance,
                    "the event has no `importance`".into(),
                    hint,
                );
                None
            }
            Some(v) => {
                let n = match v {
                    Raw::Int(i) => Some(*i),
                    Raw::Str(s) => s.trim().parse::<i64>().ok(),
                    Raw::Float(f) if f.fract() == 0.0 => Some(*f as i64),
                    _ => None,
                };
                match n {
                    Some(n @ 1..=10) => Some(n as u8),
                    _ => {
                        self.report(
                            line,
                            Code::ImportanceOutOfRange,
                            format!("importance `{}` is not from 1 to 10; ignored", v.display()),
                            hint,
                        );
                        None
                    }
                }
            }
        }
    }

    /// Optional text: blank is none, a list or a mapping is ignored with a warning.
    pub fn text_field(&mut self, value: &Raw, key: &str) -> Option<String> {
        match value {
            Raw::Null => None,
            v => match v.as_text() {
                Some(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
                None => {
                    let line = self.line_of(key);
                    self.report(
                        line,
                        Code::InvalidField,
                        format!("`{key}` should be text, not {}; ignored", v.type_name()),
                        "write it as text",
                    );
                    None
                }
            },
        }
    }

    /// A list of text, or one text value, with empty entries and exact repeats left out.
    pub fn list(&mut self, value: Option<&Raw>, key: &str) -> Vec<String> {
        let items: Vec<&Raw> = match value {
            None | Some(Raw::Null) => return Vec::new(),
            Some(Raw::List(items)) => items.iter().collect(),
            Some(v) => vec![v],
        };
        // The entries as text first, then each once: the set borrows them (a list may
        // hold 100,000 entries, and a copy of each would double the allocations).
        let mut texts: Vec<Cow<str>> = Vec::with_capacity(items.len());
        for item in items {
            match item {
                Raw::Str(s) => texts.push(Cow::Borrowed(s.trim())),
                Raw::Null => {}
                other => match other.as_text() {
                    Some(s) => texts.push(Cow::Owned(s.trim().to_string())),
                    None => {
                        let line = self.line_of(key);
                        self.report(
                            line,
                            Code::InvalidField,
                            format!(
                                "an entry of `{key}` is {}, not text; ignored",
                                other.type_name()
                            ),
                            "write each entry as text",
                        );
                    }
                },
            }
        }
        let mut seen: HashSet<&str> = HashSet::with_capacity(texts.len());
        let mut out: Vec<String> = Vec::new();
        for text in &texts {
            if !text.is_empty() && seen.insert(text) {
                out.push(text.to_string());
            }
        }
        out
    }
}

/// The warning for a Markdown text (`what`: the body, a summary) that nests `depth`
/// levels deep, more than the renderer takes; it is then shown as plain text.
pub(super) fn too_deep(name: &str, line: usize, what: &str, depth: usize) -> Diagnostic {
    Diagnostic::new(
        name,
        line,
        Code::InvalidField,
        format!(
            "the {what} nests {depth} levels deep, more than {}; it is shown as plain text",
            crate::markdown::MAX_DEPTH
        ),
    )
    .hint("flatten the nested lists, quotes or tags")
}
