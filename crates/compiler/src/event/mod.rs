//! Reads one event file into a checked [`Parsed`] event, or rejects it. Reading is apart
//! from checking: `document` turns the bytes into a document (decoding, the split into
//! front matter and body, the syntax), then `schema` maps the document's fields onto the
//! model, each value read by `fields` (or `sources`) with its own diagnostics.

mod document;
mod fields;
mod schema;
mod sources;

pub use document::decode;
pub use schema::{is_valid_id, Parsed, KNOWN_FIELDS, KNOWN_STATUSES};

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::discover::{Candidate, Format};
use crate::file::ReadError;

/// Files larger than this are rejected before parsing.
pub const MAX_FILE_BYTES: u64 = 4 << 20;

/// What became of one file.
#[derive(Debug, Default)]
pub struct FileOutcome {
    pub event: Option<Parsed>,
    pub diagnostics: Vec<Diagnostic>,
    /// The file's decoded text, whenever it is text: a diagnostic shows its line with it,
    /// even one found after every file is read (a duplicate id), so that no file is read
    /// twice. Of a file without diagnostics only the lines up to its id and its connections
    /// are kept: a duplicate id and a connection to no event are the diagnostics it can
    /// still get, and the rest of a large
    /// corpus's texts would cost a tenth of the build's memory. [`crate::check()`] drops
    /// the texts of the files that end with no diagnostic.
    pub text: Option<String>,
}

impl FileOutcome {
    /// A file rejected before it could be read as text.
    fn unread(diagnostic: Diagnostic) -> FileOutcome {
        FileOutcome {
            diagnostics: vec![diagnostic],
            ..FileOutcome::default()
        }
    }
}

/// Reads and checks one candidate file. Only a regular file is opened, and at most
/// [`MAX_FILE_BYTES`] (and one byte more) of it is read: a larger file is refused whatever
/// size it claims.
pub fn read(candidate: &Candidate, extra_known: &[String]) -> FileOutcome {
    let name = candidate.name.as_str();
    let too_large = |message: String| {
        FileOutcome::unread(
            Diagnostic::new(name, 0, Code::FileTooLarge, message)
                .hint("an event is a page of text; split the file or move attachments elsewhere"),
        )
    };
    match crate::file::read(&candidate.path, MAX_FILE_BYTES) {
        Ok(bytes) => parse_bytes(name, candidate.format, &bytes, extra_known),
        Err(ReadError::TooLarge(Some(size))) => too_large(format!(
            "the file is {size} bytes, more than the 4 MiB an event may have"
        )),
        Err(ReadError::TooLarge(None)) => too_large(
            "the file holds more than the 4 MiB an event may have (more than its size says: it grew while it was read)".into(),
        ),
        Err(e) => FileOutcome::unread(Diagnostic::new(
            name,
            0,
            Code::Unreadable,
            format!("could not read the file: {e}"),
        )),
    }
}

/// The whole check of one file's bytes. Public for the fuzzer and the tests.
pub fn parse_bytes(
    name: &str,
    format: Format,
    bytes: &[u8],
    extra_known: &[String],
) -> FileOutcome {
    let text = match decode(bytes) {
        Ok(text) => text,
        Err(at) => return FileOutcome::unread(document::not_utf8(name, at)),
    };
    let mut diagnostics = Vec::new();
    let event = match document::parse(name, format, &text, &mut diagnostics) {
        Ok(document) => schema::event(name, format, &text, document, extra_known, &mut diagnostics),
        Err(d) => {
            diagnostics.push(d);
            None
        }
    };
    let rejected = diagnostics.iter().any(|d| d.severity() == Severity::Error);
    let event = event.filter(|_| !rejected);
    let text = match &event {
        Some(e) if diagnostics.is_empty() => {
            let last = e.connection_lines.iter().copied().max().unwrap_or(0);
            through_line(text, e.id_line.max(last))
        }
        _ => text,
    };
    FileOutcome {
        event,
        diagnostics,
        text: Some(text),
    }
}

/// The first `line` lines of `text` (1-based), each with its line end.
fn through_line(mut text: String, line: usize) -> String {
    let end = text
        .match_indices('\n')
        .nth(line.saturating_sub(1))
        .map_or(text.len(), |(at, _)| at + 1);
    text.truncate(end);
    text.shrink_to_fit();
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clean_file_keeps_only_the_lines_up_to_its_id() {
        let md = "---\ntitle: T\nid: a\ndate: 2020\nimportance: 1\n---\nA long body.\n";
        let outcome = parse_bytes("a.md", Format::Markdown, md.as_bytes(), &[]);
        assert!(outcome.diagnostics.is_empty() && outcome.event.is_some());
        assert_eq!(outcome.text.as_deref(), Some("---\ntitle: T\nid: a\n"));
        // With a diagnostic, the whole text stays.
        let warned = md.replace("importance: 1\n", "");
        let outcome = parse_bytes("a.md", Format::Markdown, warned.as_bytes(), &[]);
        assert_eq!(outcome.text.as_deref(), Some(warned.as_str()));
        assert_eq!(through_line("a\nb".into(), 5), "a\nb");
    }
}
