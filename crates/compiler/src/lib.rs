//! The corpus compiler: reads a folder of event files, checks and normalises every event,
//! and compiles the result into a [`timeline_bundle::Bundle`]. Every file found ends up in
//! exactly one place: the bundle, the rejected list (with an error), or the skipped list.
//!
//! The pipeline: [`discover`] → [`event::read`] (decode, [`frontmatter`], [`yaml`] or
//! [`json`], field checks) → duplicate ids → [`normalise`] (terms, Markdown via
//! [`markdown`], search index) → bytes.

pub mod diagnostic;
pub mod discover;
pub mod event;
pub mod frontmatter;
pub mod json;
pub mod markdown;
pub mod normalise;
pub mod raw;
pub mod report;
pub mod settings;
pub mod site;
pub mod stats;
pub mod synth;
pub mod url;
pub mod yaml;

use diagnostic::{Code, Diagnostic, Severity};
use discover::Skipped;
use event::Parsed;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::Path;

/// A checked corpus: the events that made it, and an account of every other file.
#[derive(Debug, Default)]
pub struct Checked {
    /// How many files the folder holds (outside hidden folders' contents, which count
    /// as skipped).
    pub files: usize,
    /// Accepted events, sorted by date then id.
    pub events: Vec<Parsed>,
    /// Files left out with at least one error, in path order.
    pub rejected: Vec<String>,
    pub skipped: Vec<Skipped>,
    /// Every diagnostic, by file then line.
    pub diagnostics: Vec<Diagnostic>,
    /// The text of each file that has a diagnostic, to show the offending line.
    pub texts: HashMap<String, String>,
    /// The corpus's `timeline.toml` (defaults when absent or invalid).
    pub settings: settings::Settings,
}

impl Checked {
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity() == Severity::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

/// Reads and checks every file under `dir`, and its settings. Fails only when the folder
/// itself cannot be read; every problem with a file is a diagnostic.
pub fn check(dir: &Path) -> std::io::Result<Checked> {
    let found = discover::discover(dir)?;
    let mut checked = Checked {
        files: found.candidates.len() + found.skipped.len(),
        skipped: found.skipped,
        ..Checked::default()
    };
    match settings::load(dir) {
        Ok((settings, _)) => checked.settings = settings,
        Err(d) => {
            if let Ok(text) = std::fs::read_to_string(dir.join(discover::SETTINGS_FILE)) {
                checked.texts.insert(d.file.clone(), text);
            }
            checked.diagnostics.push(d);
        }
    }
    let extra_fields = &checked.settings.extra_fields;
    let outcomes: Vec<event::FileOutcome> = found
        .candidates
        .par_iter()
        .map(|c| event::read(c, extra_fields))
        .collect();
    let mut accepted = Vec::new();
    for (candidate, outcome) in found.candidates.iter().zip(outcomes) {
        if let Some(text) = outcome.text {
            checked.texts.insert(candidate.name.clone(), text);
        }
        checked.diagnostics.extend(outcome.diagnostics);
        match outcome.event {
            Some(e) => accepted.push(e),
            None => checked.rejected.push(candidate.name.clone()),
        }
    }
    let (winners, losers) = resolve_duplicates(accepted);
    for (loser, winner) in losers {
        checked.diagnostics.push(
            Diagnostic::new(&loser.file, loser.id_line, Code::DuplicateId, format!("the id `{}` is also used by `{}`, which is kept", loser.id, winner))
                .hint("delete one copy, or give this event its own id (a Markdown file wins over a JSON one, then the first path in byte order)"),
        );
        if let Ok(text) = std::fs::read(dir.join(&loser.file)) {
            if let Ok(text) = event::decode(&text) {
                checked.texts.insert(loser.file.clone(), text);
            }
        }
        checked.rejected.push(loser.file);
    }
    checked.rejected.sort();
    checked.events = winners;
    checked
        .events
        .sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    checked.diagnostics.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.code).cmp(&(&b.file, b.line, b.column, b.code))
    });
    Ok(checked)
}

/// One event per id. The winner is the Markdown file over the JSON one, then the first
/// path in byte order; each loser is returned with the winner's file name.
fn resolve_duplicates(events: Vec<Parsed>) -> (Vec<Parsed>, Vec<(Parsed, String)>) {
    let mut by_id: HashMap<String, Vec<Parsed>> = HashMap::new();
    for e in events {
        by_id.entry(e.id.clone()).or_default().push(e);
    }
    let mut winners = Vec::with_capacity(by_id.len());
    let mut losers = Vec::new();
    for (_, mut group) in by_id {
        group.sort_by(|a, b| (a.format_is_json, &a.file).cmp(&(b.format_is_json, &b.file)));
        let mut group = group.into_iter();
        let winner = group.next().expect("groups are never empty");
        for loser in group {
            losers.push((loser, winner.file.clone()));
        }
        winners.push(winner);
    }
    losers.sort_by(|a, b| a.0.file.cmp(&b.0.file));
    (winners, losers)
}

/// The bundle of a checked corpus.
pub fn bundle(checked: &Checked) -> timeline_bundle::Bundle {
    normalise::bundle(&checked.events, checked.settings.site())
}

/// The bundle's file name: its content hash, so a host can cache it forever.
pub fn bundle_file_name(bytes: &[u8]) -> String {
    let hash = blake3::hash(bytes);
    format!("bundle.{}.bin", &hash.to_hex()[..16])
}
