//! Problems found in a corpus: where (file, line, column), how bad, a stable code, what is
//! wrong and what to do. Printed like a compiler's errors (the line shown as an excerpt,
//! see `excerpt`), or as JSON for tools. (Long because the table of codes, each with its
//! name and meaning, is here in one place.)

mod excerpt;

pub use excerpt::{is_printable, printable, Source, SHOWN_CHARS};

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config};
use excerpt::{Excerpt, Shown};
use serde::Serialize;
use std::borrow::Cow;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file is rejected: its event is not in the bundle.
    Error,
    /// The event is kept; something in it was ignored or looks wrong.
    Warning,
}

/// Every kind of problem, with a code that never changes meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    NotUtf8,
    EmptyFile,
    NoFrontMatter,
    UnterminatedFrontMatter,
    YamlSyntax,
    JsonSyntax,
    NotAMapping,
    MissingId,
    InvalidId,
    MissingDate,
    InvalidDate,
    ImpossibleDate,
    MissingTitle,
    DuplicateId,
    FileTooLarge,
    Unreadable,
    Settings,
    NoEvents,
    UnknownStatus,
    ImportanceOutOfRange,
    MissingImportance,
    IdMismatch,
    DuplicateKey,
    SourceWithoutUrl,
    NonHttpUrl,
    UnknownField,
    InvalidField,
    DateFromFileName,
    DuplicateCopy,
    ConnectionToNoEvent,
}

impl Code {
    pub const ALL: [Code; 30] = [
        Code::NotUtf8,
        Code::EmptyFile,
        Code::NoFrontMatter,
        Code::UnterminatedFrontMatter,
        Code::YamlSyntax,
        Code::JsonSyntax,
        Code::NotAMapping,
        Code::MissingId,
        Code::InvalidId,
        Code::MissingDate,
        Code::InvalidDate,
        Code::ImpossibleDate,
        Code::MissingTitle,
        Code::DuplicateId,
        Code::FileTooLarge,
        Code::Unreadable,
        Code::Settings,
        Code::NoEvents,
        Code::UnknownStatus,
        Code::ImportanceOutOfRange,
        Code::MissingImportance,
        Code::IdMismatch,
        Code::DuplicateKey,
        Code::SourceWithoutUrl,
        Code::NonHttpUrl,
        Code::UnknownField,
        Code::InvalidField,
        Code::DateFromFileName,
        Code::DuplicateCopy,
        Code::ConnectionToNoEvent,
    ];

    /// The stable code: `E…` rejects the file, `W…` keeps the event.
    pub fn id(self) -> &'static str {
        self.info().0
    }

    /// A short name that says what the code means.
    pub fn name(self) -> &'static str {
        self.info().1
    }

    pub fn severity(self) -> Severity {
        if self.id().starts_with('E') {
            Severity::Error
        } else {
            Severity::Warning
        }
    }

    /// What the code means, for the documentation.
    pub fn explanation(self) -> &'static str {
        self.info().2
    }

    /// What becomes of the file (or the corpus) with this code, for the table of codes.
    pub fn effect(self) -> &'static str {
        match (self, self.severity()) {
            // Not one file's problem: the whole corpus has nothing to publish.
            (Code::NoEvents, _) => "error: corpus refused",
            (_, Severity::Error) => "error: file rejected",
            (_, Severity::Warning) => "warning: event kept",
        }
    }

    fn info(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Code::NotUtf8 => ("E001", "not-utf8", "The file is not valid UTF-8 text."),
            Code::EmptyFile => (
                "E002",
                "empty-file",
                "The file is empty or only white space.",
            ),
            Code::NoFrontMatter => (
                "E003",
                "no-front-matter",
                "A Markdown event does not start with a `---` line.",
            ),
            Code::UnterminatedFrontMatter => (
                "E004",
                "unterminated-front-matter",
                "The front matter has no closing `---` line.",
            ),
            Code::YamlSyntax => (
                "E005",
                "yaml-syntax",
                "The front matter or a YAML event is not valid YAML (or is hostile: too deep, too many aliases).",
            ),
            Code::JsonSyntax => ("E006", "json-syntax", "A `.json` event is not valid JSON."),
            Code::NotAMapping => (
                "E007",
                "not-a-mapping",
                "The front matter, YAML or JSON is not a key/value mapping.",
            ),
            Code::MissingId => (
                "E008",
                "missing-id",
                "No `id` field, and no file name to take it from (the name is blank before its extension).",
            ),
            Code::InvalidId => (
                "E009",
                "invalid-id",
                "The `id` is empty, not text, too long, or holds `/` or control characters; or, with no `id`, the file name is no valid id.",
            ),
            Code::MissingDate => (
                "E010",
                "missing-date",
                "No `date` field, and the file name does not start with a `YYYY-MM-DD` date.",
            ),
            Code::InvalidDate => (
                "E011",
                "invalid-date",
                "The `date` is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.",
            ),
            Code::ImpossibleDate => (
                "E012",
                "impossible-date",
                "The `date` has the right shape but does not exist (`2023-02-30`).",
            ),
            Code::MissingTitle => (
                "E013",
                "missing-title",
                "No `title`, or an empty one, or one that is not text.",
            ),
            Code::DuplicateId => (
                "E014",
                "duplicate-id",
                "Another file has the same `id` and a different `title` or `date`; this one is left out (see the rule below).",
            ),
            Code::FileTooLarge => ("E015", "file-too-large", "The file is larger than 4 MiB."),
            Code::Unreadable => (
                "E016",
                "unreadable",
                "The file could not be read (permissions, I/O error).",
            ),
            Code::Settings => (
                "E017",
                "settings",
                "`timeline.toml` is not valid (syntax, unknown key, or a URL that is not http(s)).",
            ),
            Code::NoEvents => (
                "E018",
                "no-events",
                "No file in the folder is an event (it is empty, or every file was skipped or rejected); `check` and `build` fail, even with `--allow-errors`, and the diagnostic counts what was found and why each kind was left out.",
            ),
            Code::UnknownStatus => (
                "W001",
                "unknown-status",
                "The `status` is not one of the known values; it is kept as written.",
            ),
            Code::ImportanceOutOfRange => (
                "W002",
                "importance-out-of-range",
                "`importance` is not a whole number from 1 to 10; it is ignored.",
            ),
            Code::MissingImportance => (
                "W003",
                "missing-importance",
                "No `importance`; the event has none.",
            ),
            Code::IdMismatch => (
                "W004",
                "id-mismatch",
                "The `id` differs from the file name.",
            ),
            Code::DuplicateKey => (
                "W005",
                "duplicate-key",
                "A top-level YAML key (front matter or a YAML event) appears twice; the last one wins (as in PyYAML).",
            ),
            Code::SourceWithoutUrl => (
                "W006",
                "source-without-url",
                "A source has no URL (a mapping without `url`, or a plain-text citation); it is kept, as text.",
            ),
            Code::NonHttpUrl => (
                "W007",
                "non-http-url",
                "A URL is not http(s); it is shown as text, never as a link.",
            ),
            Code::UnknownField => (
                "W008",
                "unknown-field",
                "A field the model does not know; it is kept and shown as an extra.",
            ),
            Code::InvalidField => (
                "W009",
                "invalid-field",
                "A known optional field has the wrong type or value; it is ignored.",
            ),
            Code::DateFromFileName => (
                "W010",
                "date-from-file-name",
                "No `date` field; the `YYYY-MM-DD` date the file name starts with is used.",
            ),
            Code::DuplicateCopy => (
                "W011",
                "duplicate-copy",
                "Another file has the same `id`, `title` and `date`: a copy of the same event. This one is left out (skipped), the other kept (see the rule below).",
            ),
            Code::ConnectionToNoEvent => (
                "W012",
                "connection-to-no-event",
                "A `connections` entry is written as an id (one word) but no event has it; it is shown as text, not linked.",
            ),
        }
    }
}

/// One problem in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The path relative to the corpus folder.
    pub file: String,
    /// 1-based; 0 when the problem is the whole file.
    pub line: usize,
    /// 1-based, in characters (not bytes); 0 when unknown.
    pub column: usize,
    pub code: Code,
    pub message: String,
    pub hint: Option<Cow<'static, str>>,
}

impl Diagnostic {
    /// A diagnostic; the message is kept [`printable`] (it may quote the file).
    pub fn new(file: &str, line: usize, code: Code, message: impl Into<String>) -> Self {
        let message = message.into();
        Diagnostic {
            file: file.to_string(),
            line,
            column: 0,
            code,
            message: if is_printable(&message) {
                message
            } else {
                printable(&message).into_owned()
            },
            hint: None,
        }
    }

    pub fn column(mut self, column: usize) -> Self {
        self.column = column;
        self
    }

    /// What to do. Most hints are fixed text (this crate's own, kept without a copy); a
    /// hint made at run time is kept [`printable`].
    pub fn hint(mut self, hint: impl Into<Cow<'static, str>>) -> Self {
        self.hint = Some(match hint.into() {
            Cow::Owned(hint) if !is_printable(&hint) => Cow::Owned(printable(&hint).into_owned()),
            hint => hint,
        });
        self
    }

    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    /// Renders like a compiler: the code, the message, the file:line:column, the offending
    /// line with a caret, and the hint. `source` is the file's text, when it is text.
    pub fn render(&self, source: Option<&str>, color: bool) -> String {
        self.render_in(source.map(Source::new).as_ref(), color)
    }

    /// [`Diagnostic::render`] with the file's text indexed once for all its diagnostics.
    /// The line is shown as an [`Excerpt`]: short and escaped, whatever the file holds.
    pub fn render_in(&self, source: Option<&Source>, color: bool) -> String {
        let severity = match self.severity() {
            Severity::Error => codespan_reporting::diagnostic::Severity::Error,
            Severity::Warning => codespan_reporting::diagnostic::Severity::Warning,
        };
        let mut report = Report::new(severity)
            .with_code(format!("{}/{}", self.code.id(), self.code.name()))
            .with_message(&self.message);
        let name = printable(&self.file);
        let name = name.as_ref();
        let empty = Source::new("");
        let shown = self.excerpt(source.unwrap_or(&empty)).map(|excerpt| Shown {
            name,
            line: self.line,
            excerpt,
        });
        match &shown {
            Some(shown) => {
                report = report.with_labels(vec![Label::primary((), shown.excerpt.label.clone())])
            }
            None => report = report.with_notes(vec![format!("in {}", self.location())]),
        }
        if let Some(hint) = &self.hint {
            report = report.with_notes(vec![format!("help: {hint}")]);
        }
        let mut out = String::new();
        let config = Config::default();
        let emitted = match &shown {
            Some(files) => emit(&mut out, &config, files, &report, color),
            None => emit(
                &mut out,
                &config,
                &SimpleFile::new(name, ""),
                &report,
                color,
            ),
        };
        // Rendering into memory fails only on a label outside its line, which the excerpt
        // rules out; the message alone is still worth showing.
        if emitted.is_err() && out.is_empty() {
            out = format!("{}: {}\n", self.location(), self.message);
        }
        out
    }

    /// `file:line:column`, leaving out what is unknown.
    pub fn location(&self) -> String {
        let file = printable(&self.file);
        match (self.line, self.column) {
            (0, _) => file.into_owned(),
            (l, 0) => format!("{file}:{l}"),
            (l, c) => format!("{file}:{l}:{c}"),
        }
    }

    /// The part of the diagnostic's line to show, and the range to underline in it: from
    /// the column (or the line's first non-blank character) to the end of the line.
    fn excerpt(&self, source: &Source) -> Option<Excerpt> {
        let line = source.line(self.line)?;
        let line = line.trim_end_matches('\r');
        let offset = if self.column > 0 {
            line.char_indices()
                .nth(self.column - 1)
                .map(|(i, _)| i)
                .unwrap_or(line.len())
        } else {
            line.len() - line.trim_start().len()
        };
        let end = if line.trim().is_empty() {
            offset
        } else {
            line.len()
        };
        Some(Excerpt::of(line, offset..end))
    }
}

/// Emits `report` into `out`, with or without colour.
fn emit<'f, F: codespan_reporting::files::Files<'f, FileId = ()>>(
    out: &mut String,
    config: &Config,
    files: &'f F,
    report: &Report<()>,
    color: bool,
) -> Result<(), codespan_reporting::files::Error> {
    if color {
        let mut buffer = termcolor::Buffer::ansi();
        let result = term::emit_to_write_style(&mut buffer, config, files, report);
        *out = String::from_utf8_lossy(buffer.as_slice()).into_owned();
        result
    } else {
        term::emit_to_string(out, config, files, report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_severity_follows_the_letter() {
        let mut ids: Vec<_> = Code::ALL.iter().map(|c| c.id()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), Code::ALL.len());
        assert_eq!(Code::YamlSyntax.severity(), Severity::Error);
        assert_eq!(Code::UnknownField.severity(), Severity::Warning);
    }

    #[test]
    fn renders_like_a_compiler() {
        let source = "---\nid: x\ndate: 2023-02-30\n---\n";
        let d = Diagnostic::new(
            "events/x.md",
            3,
            Code::ImpossibleDate,
            "date 2023-02-30 does not exist",
        )
        .column(7)
        .hint("February 2023 has 28 days");
        let out = d.render(Some(source), false);
        assert!(
            out.starts_with("error[E012/impossible-date]: date 2023-02-30 does not exist"),
            "{out}"
        );
        assert!(out.contains("events/x.md:3:7"), "{out}");
        assert!(out.contains("3 │ date: 2023-02-30"), "{out}");
        assert!(out.contains("^^^^^^^^^^"), "{out}");
        assert!(out.contains("help: February 2023 has 28 days"), "{out}");
    }

    #[test]
    fn renders_without_source_or_line() {
        let d = Diagnostic::new("bin.md", 0, Code::NotUtf8, "not UTF-8");
        let out = d.render(None, false);
        assert!(out.contains("error[E001/not-utf8]: not UTF-8"), "{out}");
        assert!(out.contains("in bin.md"), "{out}");
    }
}
