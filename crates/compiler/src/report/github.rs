//! The report as GitHub Actions workflow commands: one `::error` or `::warning` line a
//! diagnostic, which the runner turns into an annotation on the pull request's line, then
//! the totals as a plain line. The file property is the path the annotation needs: the
//! corpus folder as the command was given it, joined with the file's path in the corpus.

use super::{summary_line, Report};
use crate::diagnostic::{Diagnostic, Severity};
use std::path::{Component, Path, PathBuf};

/// One command a diagnostic (warnings only if `warnings`), then the totals. `corpus` is
/// the folder's path as it should appear in annotations (see [`annotation_root`]).
pub fn github(report: &Report, corpus: &Path, warnings: bool) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        if warnings || d.severity() == Severity::Error {
            push_command(&mut out, d, corpus);
        }
    }
    out.push_str(&summary_line(report));
    out.push('\n');
    out
}

/// The corpus folder as annotations name it: `dir` as given, without `./` steps (GitHub
/// matches the path to the repository's files as written), and an absolute `dir` inside
/// the working directory `cwd` made relative to it, since annotations need paths relative
/// to the checkout.
pub fn annotation_root(dir: &Path, cwd: Option<&Path>) -> PathBuf {
    let dir = match cwd.and_then(|cwd| dir.strip_prefix(cwd).ok()) {
        Some(inside) if dir.is_absolute() => inside,
        _ => dir,
    };
    dir.components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect()
}

fn push_command(out: &mut String, d: &Diagnostic, corpus: &Path) {
    out.push_str(match d.severity() {
        Severity::Error => "::error file=",
        Severity::Warning => "::warning file=",
    });
    // The corpus folder's own diagnostics (E018) name the folder: `events/.` is `events`.
    let file = annotation_root(&corpus.join(&d.file), None);
    let file = file.to_string_lossy();
    push_property(out, if file.is_empty() { "." } else { &file });
    if d.line > 0 {
        out.push_str(",line=");
        out.push_str(&d.line.to_string());
        if d.column > 0 {
            out.push_str(",col=");
            out.push_str(&d.column.to_string());
        }
    }
    out.push_str(",title=");
    push_property(out, &format!("{} {}", d.code.id(), d.code.name()));
    out.push_str("::");
    push_data(out, &d.message);
    if let Some(hint) = &d.hint {
        push_data(out, "\nhelp: ");
        push_data(out, hint);
    }
    out.push('\n');
}

/// A command's message, escaped as the runner expects (`%`, CR and LF).
fn push_data(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
}

/// A command's property value: a message's escapes, and `:` and `,`, which end it.
fn push_property(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            ':' => out.push_str("%3A"),
            ',' => out.push_str("%2C"),
            c => push_data(out, c.encode_utf8(&mut [0; 4])),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::CORPUS_FOLDER;
    use crate::diagnostic::Code;

    #[test]
    fn messages_and_properties_are_escaped_as_github_documents() {
        let mut out = String::new();
        push_data(&mut out, "100% a,b: c\r\nd");
        assert_eq!(out, "100%25 a,b: c%0D%0Ad");
        out.clear();
        push_property(&mut out, "a,b:c%\n");
        assert_eq!(out, "a%2Cb%3Ac%25%0A");
    }

    #[test]
    fn line_and_column_are_left_out_when_unknown() {
        let report = Report {
            files: 2,
            diagnostics: vec![
                Diagnostic::new("a.md", 3, Code::ImpossibleDate, "no").column(7),
                Diagnostic::new("b.md", 2, Code::UnknownStatus, "odd"),
                Diagnostic::new("c.md", 0, Code::EmptyFile, "empty"),
                Diagnostic::new(CORPUS_FOLDER, 0, Code::NoEvents, "none"),
            ],
            ..Report::default()
        };
        let out = github(&report, Path::new("./events/"), true);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[..4],
            [
                "::error file=events/a.md,line=3,col=7,title=E012 impossible-date::no",
                "::warning file=events/b.md,line=2,title=W001 unknown-status::odd",
                "::error file=events/c.md,title=E002 empty-file::empty",
                "::error file=events,title=E018 no-events::none",
            ]
        );
        assert!(!github(&report, Path::new("events"), false).contains("::warning"));
    }

    #[test]
    fn an_absolute_corpus_inside_the_working_directory_is_named_relative_to_it() {
        let cwd = Path::new("/repo");
        assert_eq!(
            annotation_root(Path::new("/repo/data/events"), Some(cwd)),
            Path::new("data/events")
        );
        assert_eq!(
            annotation_root(Path::new("/elsewhere/events"), Some(cwd)),
            Path::new("/elsewhere/events")
        );
        assert_eq!(
            annotation_root(Path::new("./data/./events"), Some(cwd)),
            Path::new("data/events")
        );
    }
}
