//! Checks a corpus folder: finds its files, reads its settings and every event file (in
//! parallel), keeps one event per id (`copies`), and accounts for every file in a
//! [`Report`]. Each file is opened once: the text a diagnostic is shown with comes from
//! that one reading. A settings file that cannot be used and a folder that cannot be read
//! are rejected entries, each with its diagnostic; a corpus without a single event is an
//! error of its own (`no_events`).

mod connections;
mod copies;
mod no_events;

pub use no_events::CORPUS_FOLDER;

use crate::diagnostic::{Code, Diagnostic};
use crate::discover::{self, SettingsFile, Skipped, SETTINGS_FILE};
use crate::event::{self, Parsed};
use crate::report::Report;
use crate::settings::{self, Settings};
use rayon::prelude::*;
use std::collections::HashSet;
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

/// An accepted event, packed: what the check sorts and resolves duplicates by, and the
/// rest of the event as bytes. A million events' fields as strings each would take three
/// times the corpus's size in memory; packed, they take about its size.
#[derive(Clone, Debug)]
pub struct Accepted {
    pub file: String,
    pub id: String,
    pub date: PartialDate,
    /// The line of the id (0 when it comes from the file name), for a duplicate's
    /// diagnostic.
    pub id_line: usize,
    pub format_is_json: bool,
    /// The `connections` entries, each with its line: the check looks them up among
    /// the ids (W012) and the build resolves them, neither unpacking the event.
    pub connections: Vec<(String, usize)>,
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
            connections: event
                .connections
                .iter()
                .cloned()
                .zip(event.connection_lines.iter().copied())
                .collect(),
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

/// Reads and checks every file under `dir`, and its settings. Fails only when `dir` is
/// not a folder or cannot be read, or its ignore list cannot be used; every problem with
/// a file (or a folder below `dir`) is a diagnostic.
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
    let (mut events, losers) = copies::resolve(accepted);
    for loser in losers {
        account_for_loser(loser, &mut report);
    }
    report.diagnostics.extend(connections::to_no_event(&events));
    let shown: HashSet<&str> = report.diagnostics.iter().map(|d| d.file.as_str()).collect();
    report.texts.retain(|file, _| shown.contains(file.as_str()));
    report.rejected.sort();
    report.accepted = events.len();
    events.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    report.diagnostics.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.code).cmp(&(&b.file, b.line, b.column, b.code))
    });
    if events.is_empty() {
        // Last, so that it counts every other file's fate; first in the list, as `.`.
        report.diagnostics.insert(0, no_events::diagnostic(&report));
    }
    Ok(Checked {
        events,
        report,
        settings,
    })
}

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

/// The corpus's settings, or the defaults when it has none or they cannot be used. A
/// settings file that cannot be used is rejected (not skipped, as a good one is), and its
/// diagnostic says that the defaults are used instead.
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

/// Why a copy of an event kept from another file is skipped.
pub const COPY: &str = "a copy of an event kept from another file";

/// A file whose id another file won: a copy of the same event is skipped with W011, a
/// file that differs is rejected with E014. Both diagnostics name the winner.
fn account_for_loser(loser: copies::Loser, report: &mut Report) {
    let copies::Loser {
        event,
        winner,
        differs,
    } = loser;
    let rule = "a Markdown or YAML file wins over a JSON one, then the first path in byte order";
    if differs == copies::Differs::Nothing {
        report.diagnostics.push(
            Diagnostic::new(
                &event.file,
                event.id_line,
                Code::DuplicateCopy,
                format!(
                    "a copy of the event `{}` in `{winner}` (the same id, title and date), which is kept; this file is left out",
                    event.id
                ),
            )
            .hint(format!("delete one of the copies ({rule})")),
        );
        report.skipped.push(Skipped {
            name: event.file,
            reason: COPY,
        });
    } else {
        report.diagnostics.push(
            Diagnostic::new(
                &event.file,
                event.id_line,
                Code::DuplicateId,
                format!(
                    "the id `{}` is also used by `{winner}`, which is kept; the two differ in {}",
                    event.id,
                    differs.words()
                ),
            )
            .hint(format!(
                "give this event its own id, or make the two copies agree and delete one ({rule})"
            )),
        );
        report.rejected.push(event.file);
    }
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
        // Another title: not a copy of the same event, a conflict.
        let json = "{\n  \"id\": \"a\",\n  \"date\": \"2020\",\n  \"title\": \"U\",\n  \"importance\": 1\n}\n";
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
        assert!(
            d.message.ends_with("the two differ in title"),
            "{}",
            d.message
        );
    }

    #[test]
    fn a_copy_that_agrees_is_skipped_with_a_warning_naming_the_winner() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap()
        };
        write("a.md", &event("a"));
        // The same id, title and date, as YAML and as JSON; other fields may differ.
        write(
            "yaml/a.yaml",
            "id: a\ndate: 2020\ntitle: T\nimportance: 9\n",
        );
        write(
            "json/a.json",
            r#"{"id": "a", "date": "2020", "title": "T"}"#,
        );
        // The same title, another date: a conflict.
        write(
            "other/a.md",
            "---\nid: a\ndate: 2021\ntitle: T\nimportance: 1\n---\n",
        );
        let checked = check(dir.path()).unwrap();
        let report = &checked.report;
        assert_eq!(report.errors(), 1);
        let got: Vec<(&str, Code, usize)> = report
            .diagnostics
            .iter()
            .map(|d| (d.file.as_str(), d.code, d.line))
            .collect();
        assert_eq!(
            got,
            [
                ("json/a.json", Code::MissingImportance, 1),
                ("json/a.json", Code::DuplicateCopy, 1),
                ("other/a.md", Code::DuplicateId, 2),
                ("yaml/a.yaml", Code::DuplicateCopy, 1),
            ]
        );
        for d in &report.diagnostics {
            if matches!(d.code, Code::DuplicateCopy | Code::DuplicateId) {
                assert!(d.message.contains("`a.md`"), "{}", d.message);
            }
        }
        assert_eq!(report.rejected, ["other/a.md"]);
        let skipped: Vec<(&str, &str)> = report
            .skipped
            .iter()
            .map(|s| (s.name.as_str(), s.reason))
            .collect();
        assert_eq!(skipped, [("json/a.json", COPY), ("yaml/a.yaml", COPY)]);
        assert_eq!(checked.events.len(), 1);
        assert_eq!(checked.events[0].file, "a.md", "the Markdown file wins");
        assert_eq!(
            report.files,
            1 + report.rejected.len() + report.skipped.len()
        );
    }

    #[test]
    fn a_folder_without_an_event_is_an_error_of_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let empty = check(dir.path()).unwrap();
        let codes: Vec<Code> = empty.report.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, [Code::NoEvents]);
        assert_eq!(empty.report.errors(), 1);
        assert!(empty.report.rejected.is_empty(), "no file to reject");
        std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
        std::fs::write(dir.path().join("a.md"), "no front matter").unwrap();
        let report = check(dir.path()).unwrap().report;
        assert_eq!(report.diagnostics[0].code, Code::NoEvents);
        assert!(
            report.diagnostics[0].message.contains("2 files found"),
            "{}",
            report.diagnostics[0].message
        );
        // One event is enough.
        std::fs::write(dir.path().join("b.md"), event("b")).unwrap();
        let report = check(dir.path()).unwrap().report;
        assert!(report.diagnostics.iter().all(|d| d.code != Code::NoEvents));
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
