//! The account of a check: every diagnostic, and the totals that prove nothing was lost.

use crate::diagnostic::{Code, Severity};
use crate::Checked;
use serde::Serialize;
use std::collections::BTreeMap;

/// How to print diagnostics.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// The offending line with a caret, like rustc.
    Full,
    /// One line each: `file:line:column: severity[code]: message`.
    Short,
}

/// Prints every diagnostic (warnings only if `warnings`) and the totals.
pub fn human(checked: &Checked, style: Style, warnings: bool, color: bool) -> String {
    let mut out = String::new();
    for d in &checked.diagnostics {
        if !warnings && d.severity() == Severity::Warning {
            continue;
        }
        match style {
            Style::Full => {
                out.push_str(&d.render(checked.texts.get(&d.file).map(String::as_str), color))
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
    out.push_str(&summary(checked));
    out
}

/// The totals, and the count of each code.
pub fn summary(checked: &Checked) -> String {
    let mut by_code: BTreeMap<Code, usize> = BTreeMap::new();
    for d in &checked.diagnostics {
        *by_code.entry(d.code).or_default() += 1;
    }
    let mut out = format!(
        "\n{} files: {} events in the bundle, {} rejected, {} skipped\n",
        checked.files,
        checked.events.len(),
        checked.rejected.len(),
        checked.skipped.len()
    );
    out.push_str(&format!(
        "{} errors, {} warnings\n",
        checked.errors(),
        checked.warnings()
    ));
    for (code, n) in by_code {
        out.push_str(&format!("  {:>6}  {}/{}\n", n, code.id(), code.name()));
    }
    let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
    for s in &checked.skipped {
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

/// One JSON object: totals, accepted ids, rejected and skipped files, diagnostics.
pub fn json(checked: &Checked) -> String {
    let report = JsonReport {
        files: checked.files,
        events: checked.events.len(),
        rejected: checked.rejected.len(),
        skipped: checked.skipped.len(),
        errors: checked.errors(),
        warnings: checked.warnings(),
        ids: checked.events.iter().map(|e| e.id.as_str()).collect(),
        rejected_files: &checked.rejected,
        skipped_files: checked
            .skipped
            .iter()
            .map(|s| JsonSkipped {
                file: &s.name,
                reason: s.reason,
            })
            .collect(),
        diagnostics: checked
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
    serde_json::to_string_pretty(&report).expect("the report serialises")
}
