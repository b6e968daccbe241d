//! Checks a corpus folder: finds its files, reads its settings and every event file (in
//! parallel), keeps one event per id, and accounts for every file in a [`Report`]. Each
//! file is opened once: the text a diagnostic is shown with comes from that one reading.
//! A settings file that cannot be used and a folder that cannot be read are rejected
//! entries, each with its diagnostic.

use crate::diagnostic::{Code, Diagnostic};
use crate::discover::{self, SettingsFile, SETTINGS_FILE};
use crate::event::{self, Parsed};
use crate::report::Report;
use crate::settings::{self, Settings};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use timeline_bundle::PartialDate;

/// A checked corpus: the events that made it, and an account of every file.
#[derive(Debug, Default)]
pub struct Checked {
    /// Accepted events, sorted by date then id.
    pub events: Vec<Accepted>,
    /// What became of every file, with every diagnostic.
    pub report: Report,
    /// The corpus's `timeline.toml` (defaults when absent or invalid).
    pub settings: Settings,
}

/// Why a corpus could not be checked at all; a problem with a file is a diagnostic.
#[derive(Debug)]
pub enum Error {
    /// The path names no folder (nothing there, or a file).
    NotAFolder(PathBuf),
    /// The folder itself could not be read.
    Unreadable {
        dir: PathBuf,
        source: std::io::Error,
    },
    /// The ignore list could not be read or holds a bad pattern: without it, the check
    /// would read the files it is there to leave out.
    IgnoreList {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::NotAFolder(dir) => write!(
                f,
                "{} is not a folder: name the folder that holds the event files",
                dir.display()
            ),
            Error::Unreadable { dir, .. } => {
                write!(f, "could not read the corpus folder {}", dir.display())
            }
            Error::IgnoreList { path, .. } => {
                write!(f, "could not use the ignore list {}", path.display())
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::NotAFolder(_) => None,
            Error::Unreadable { source, .. } | Error::IgnoreList { source, .. } => Some(source),
        }
    }
}

/// Reads and checks every file under `dir`, and its settings. Fails only when `dir` is
/// not a folder or cannot be read, or its ignore list cannot be used; every problem with
/// a file (or a folder below `dir`) is a diagnostic.
/// An accepted event, packed: what the check sorts and resolves duplicates by, and the
/// rest of the event as bytes. A million events' fields as strings each would take three
/// times the corpus's size in memory; packed, they take about its size.
#[derive(Clone, Debug)]
pub struct Accepted {
    pub file: String,
    pub id: String,
    pub date: PartialDate,
    /// The line of the id, for a duplicate's diagnostic.
    pub id_line: usize,
    pub format_is_json: bool,
    packed: Box<[u8]>,
}

impl Accepted {
    pub fn pack(event: Parsed) -> Accepted {
        Accepted {
            file: event.file.clone(),
            id: event.id.clone(),
            date: event.date,
            id_line: event.id_line,
            format_is_json: event.format_is_json,
            packed: postcard::to_allocvec(&event)
                .expect("an event encodes")
                .into_boxed_slice(),
        }
    }

    /// The whole event.
    pub fn parsed(&self) -> Parsed {
        postcard::from_bytes(&self.packed).expect("an event packed by this process decodes")
    }
}

pub fn check(dir: &Path) -> Result<Checked, Error> {
    if !dir.is_dir() {
        return Err(Error::NotAFolder(dir.to_path_buf()));
    }
    let found = discover::discover(dir).map_err(|e| match e {
        discover::Error::Root(source) => Error::Unreadable {
            dir: dir.to_path_buf(),
            source,
        },
        discover::Error::Ignore(source) => Error::IgnoreList {
            path: dir.join(discover::IGNORE_FILE),
            source,
        },
    })?;
    let mut report = Report {
        files: found.entries(),
        skipped: found.skipped,
        ..Report::default()
    };
    // A folder that could not be read is one rejected entry, with the system's reason.
    for folder in found.unreadable {
        report.diagnostics.push(
            Diagnostic::new(&folder.name, 0, Code::Unreadable, folder.reason).hint(
                "let the checker read the folder, or name it in .timelineignore to leave it out",
            ),
        );
        report.rejected.push(folder.name);
    }
    let settings = read_settings(dir, found.settings, &mut report);
    // Packed where it is read, so that all the events are never in memory unpacked.
    let read_all = || -> Vec<(event::FileOutcome, Option<Accepted>)> {
        found
            .candidates
            .par_iter()
            .map(|c| {
                let mut outcome = event::read(c, &settings.extra_fields);
                let accepted = outcome.event.take().map(Accepted::pack);
                (outcome, accepted)
            })
            .collect()
    };
    let outcomes = match reading_pool() {
        Some(pool) => pool.install(read_all),
        None => read_all(),
    };
    let mut accepted = Vec::new();
    for (candidate, (outcome, event)) in found.candidates.iter().zip(outcomes) {
        // Every text, until the duplicates are known: a losing copy is shown with its own.
        if let Some(text) = outcome.text {
            report.texts.insert(candidate.name.clone(), text);
        }
        report.diagnostics.extend(outcome.diagnostics);
        match event {
            Some(e) => accepted.push(e),
            None => report.rejected.push(candidate.name.clone()),
        }
    }
    let (mut events, losers) = resolve_duplicates(accepted);
    for (loser, winner) in losers {
        report.diagnostics.push(
            Diagnostic::new(&loser.file, loser.id_line, Code::DuplicateId, format!("the id `{}` is also used by `{}`, which is kept", loser.id, winner))
                .hint("delete one copy, or give this event its own id (a Markdown file wins over a JSON one, then the first path in byte order)"),
        );
        report.rejected.push(loser.file);
    }
    let shown: HashSet<&str> = report.diagnostics.iter().map(|d| d.file.as_str()).collect();
    report.texts.retain(|file, _| shown.contains(file.as_str()));
    report.rejected.sort();
    report.accepted = events.len();
    events.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    report.diagnostics.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.code).cmp(&(&b.file, b.line, b.column, b.code))
    });
    Ok(Checked {
        events,
        report,
        settings,
    })
}

/// The corpus's settings, or the defaults when it has none or they cannot be used. A
/// settings file that cannot be used is rejected (not skipped, as a good one is), and its
/// diagnostic says that the defaults are used instead.
/// Threads for reading the files: more than the cores, since a file not in the page cache
/// keeps its thread waiting on the disk (100,000 files not in the page cache: checked in
/// 41 s instead of 67 s with four threads a core, on a busy 2-core machine).
fn reading_pool() -> Option<rayon::ThreadPool> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    rayon::ThreadPoolBuilder::new()
        .num_threads(4 * cores)
        .build()
        .ok()
}

fn read_settings(dir: &Path, file: Option<SettingsFile>, report: &mut Report) -> Settings {
    let invalid = match file {
        None => return Settings::default(),
        Some(SettingsFile::Refused(reason)) => Diagnostic::new(
            SETTINGS_FILE,
            0,
            Code::Settings,
            format!("could not read the settings: {reason}"),
        )
        .hint("make timeline.toml a regular file in the corpus folder"),
        Some(SettingsFile::Usable) => match settings::load(dir) {
            Ok(settings) => return settings,
            Err(invalid) => {
                if let Some(text) = invalid.text {
                    report.texts.insert(SETTINGS_FILE.to_string(), text);
                }
                invalid.diagnostic
            }
        },
    };
    let message = format!("{}; the site's defaults are used instead", invalid.message);
    report.diagnostics.push(Diagnostic { message, ..invalid });
    report.skipped.retain(|s| s.name != SETTINGS_FILE);
    report.rejected.push(SETTINGS_FILE.to_string());
    Settings::default()
}

/// One event per id. The winner is the Markdown file over the JSON one, then the first
/// path in byte order; each loser is returned with the winner's file name.
fn resolve_duplicates(events: Vec<Accepted>) -> (Vec<Accepted>, Vec<(Accepted, String)>) {
    let mut by_id: HashMap<String, Vec<Accepted>> = HashMap::new();
    for e in events {
        by_id.entry(e.id.clone()).or_default().push(e);
    }
    let mut winners = Vec::with_capacity(by_id.len());
    let mut losers = Vec::new();
    for (_, mut group) in by_id {
        group.sort_by(|a, b| (a.format_is_json, &a.file).cmp(&(b.format_is_json, &b.file)));
        let mut group = group.into_iter();
        let Some(winner) = group.next() else {
            continue;
        };
        for loser in group {
            losers.push((loser, winner.file.clone()));
        }
        winners.push(winner);
    }
    losers.sort_by(|a, b| a.0.file.cmp(&b.0.file));
    (winners, losers)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(id: &str) -> String {
        format!("---\nid: {id}\ndate: 2020\ntitle: T\nimportance: 1\n---\n")
    }

    #[test]
    fn the_losing_copy_keeps_its_id_line_and_the_winner_nothing() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), event("a")).unwrap();
        let json = "{\n  \"id\": \"a\",\n  \"date\": \"2020\",\n  \"title\": \"T\",\n  \"importance\": 1\n}\n";
        std::fs::write(dir.path().join("a.json"), json).unwrap();
        std::fs::write(dir.path().join("b.md"), event("b")).unwrap();
        let checked = check(dir.path()).unwrap();
        let report = &checked.report;
        assert_eq!(report.rejected, ["a.json"]);
        assert_eq!((report.files, report.accepted), (3, 2));
        let d = &report.diagnostics[0];
        assert_eq!(
            (d.file.as_str(), d.code, d.line),
            ("a.json", Code::DuplicateId, 2)
        );
        let texts: Vec<(&str, &str)> = report
            .texts
            .iter()
            .map(|(f, t)| (f.as_str(), t.as_str()))
            .collect();
        assert_eq!(
            texts,
            [("a.json", "{\n  \"id\": \"a\",\n")],
            "the text read once, for the loser only, up to the line its diagnostic shows"
        );
        let shown = d.render(report.texts.get("a.json").map(String::as_str), false);
        assert!(shown.contains("2 │   \"id\": \"a\","), "{shown}");
    }

    #[test]
    fn a_folder_that_is_not_there_is_an_error_not_a_report() {
        let dir = tempfile::tempdir().unwrap();
        let e = check(&dir.path().join("nothing")).unwrap_err();
        assert!(matches!(e, Error::NotAFolder(_)));
        let file = dir.path().join("file.md");
        std::fs::write(&file, "x").unwrap();
        assert!(matches!(check(&file).unwrap_err(), Error::NotAFolder(_)));
    }
}
