//! The account of a check: every diagnostic, and the totals that prove nothing was lost.

use crate::diagnostic::{Code, Diagnostic, Severity, Source};
use crate::discover::Skipped;
use crate::Checked;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

mod github;

pub use github::{annotation_root, github};

/// What became of every file of a checked corpus, without the events themselves: it
/// outlives them when they go into the bundle, and it is all the printed report needs.
#[derive(Debug, Default)]
pub struct Report {
    /// How many files the folder holds (hidden folders' contents count as skipped; a
    /// link not followed, and a folder that cannot be read, count as one each).
    pub files: usize,
    /// How many events were accepted: the events of the bundle.
    pub accepted: usize,
    /// Files left out with at least one error (and folders that could not be read), in
    /// path order.
    pub rejected: Vec<String>,
    /// Files that are not events, with the reason.
    pub skipped: Vec<Skipped>,
    /// Every diagnostic, by file then line.
    pub diagnostics: Vec<Diagnostic>,
    /// The text of each file that has a diagnostic, to show the offending line.
    pub texts: HashMap<String, String>,
}

impl Report {
    /// How many diagnostics reject their file.
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity() == Severity::Error)
            .count()
    }

    /// How many diagnostics keep their event.
    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

/// How to print diagnostics.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// The offending line with a caret, like rustc.
    Full,
    /// One line each: `file:line:column: severity[code]: message`.
    Short,
}

/// Prints every diagnostic (warnings only if `warnings`) and the totals.
pub fn human(report: &Report, style: Style, warnings: bool, color: bool) -> String {
    let mut out = String::new();
    // The diagnostics come by file: each file's text is indexed once, for all of its.
    let mut source: Option<(&str, Source)> = None;
    for d in &report.diagnostics {
        if !warnings && d.severity() == Severity::Warning {
            continue;
        }
        match style {
            Style::Full => {
                if source.as_ref().is_none_or(|(file, _)| *file != d.file) {
                    source = report
                        .texts
                        .get(&d.file)
                        .map(|text| (d.file.as_str(), Source::new(text)));
                }
                let text = source.as_ref().filter(|(file, _)| *file == d.file);
                out.push_str(&d.render_in(text.map(|(_, s)| s), color))
            }
            Style::Short => {
                let level = match d.severity() {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                };
                out.push_str(&format!(
                    "{}: {level}[{}/{}]: {}\n",
                    d.location(),
                    d.code.id(),
                    d.code.name(),
                    d.message
                ));
            }
        }
    }
    out.push_str(&summary(report));
    out
}

/// The totals on one line: `N files: N events in the bundle, N rejected, N skipped; N
/// errors, N warnings`.
pub fn summary_line(report: &Report) -> String {
    format!(
        "{} files: {} events in the bundle, {} rejected, {} skipped; {} errors, {} warnings",
        report.files,
        report.accepted,
        report.rejected.len(),
        report.skipped.len(),
        report.errors(),
        report.warnings()
    )
}

/// The totals, and the count of each code.
pub fn summary(report: &Report) -> String {
    let mut by_code: BTreeMap<Code, usize> = BTreeMap::new();
    for d in &report.diagnostics {
        *by_code.entry(d.code).or_default() += 1;
    }
    let mut out = format!(
        "\n{} files: {} events in the bundle, {} rejected, {} skipped\n",
        report.files,
        report.accepted,
        report.rejected.len(),
        report.skipped.len()
    );
    out.push_str(&format!(
        "{} errors, {} warnings\n",
        report.errors(),
        report.warnings()
    ));
    for (code, n) in by_code {
        out.push_str(&format!("  {:>6}  {}/{}\n", n, code.id(), code.name()));
    }
    let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
    for s in &report.skipped {
        *reasons.entry(s.reason).or_default() += 1;
    }
    for (reason, n) in reasons {
        out.push_str(&format!("  {n:>6}  skipped: {reason}\n"));
    }
    out
}

#[derive(Serialize)]
struct JsonReport<'a> {
    files: usize,
    events: usize,
    rejected: usize,
    skipped: usize,
    errors: usize,
    warnings: usize,
    ids: Vec<&'a str>,
    rejected_files: &'a [String],
    skipped_files: Vec<JsonSkipped<'a>>,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonSkipped<'a> {
    file: &'a str,
    reason: &'a str,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    severity: Severity,
    code: &'static str,
    name: &'static str,
    message: &'a str,
    hint: Option<&'a str>,
}

/// One JSON object: totals, accepted ids, rejected and skipped files, diagnostics. (The
/// ids are the events', so this one takes the whole checked corpus.)
pub fn json(checked: &Checked) -> String {
    let report = &checked.report;
    let json = JsonReport {
        files: report.files,
        events: report.accepted,
        rejected: report.rejected.len(),
        skipped: report.skipped.len(),
        errors: report.errors(),
        warnings: report.warnings(),
        ids: checked.events.iter().map(|e| e.id.as_str()).collect(),
        rejected_files: &report.rejected,
        skipped_files: report
            .skipped
            .iter()
            .map(|s| JsonSkipped {
                file: &s.name,
                reason: s.reason,
            })
            .collect(),
        diagnostics: report
            .diagnostics
            .iter()
            .map(|d| JsonDiagnostic {
                file: &d.file,
                line: d.line,
                column: d.column,
                severity: d.severity(),
                code: d.code.id(),
                name: d.code.name(),
                message: &d.message,
                hint: d.hint.as_deref(),
            })
            .collect(),
    };
    serde_json::to_string_pretty(&json).expect("the report serialises")
}
