//! `timeline build` as one function: refuse an OUT that overlaps the corpus (`overlap`),
//! check the corpus, refuse it when it has no event or has errors (unless allowed), read its
//! `links.json` when it has one ([`crate::links::store`]), compile the bundle (each source
//! with its link's health) and cut it into parts ([`crate::parts`]), then, with OUT locked
//! (`output`), write each part
//! under its content hash in `bundle/` and finish the static site when OUT holds Trunk's
//! page, and put it all in place at once, removing the files
//! of the last build that this one replaced. Each step is a function of its own, so that
//! a step can be added between two others; every file goes through [`Output`].

mod output;
mod overlap;

pub use output::{Output, OutputError, Streamed, MANIFEST};
pub use overlap::{How, Overlap};

use crate::check::{self, Checked};
use crate::links::Store;
use crate::normalise::Compiled;
use crate::parts::{ChunkWriter, Sizes};
use crate::report::Report;
use crate::site;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What the build may do beyond writing the bundle.
#[derive(Clone, Debug)]
pub struct Options {
    /// Build from the valid files even when others have errors (they stay reported).
    pub allow_errors: bool,
    /// Write one page per event under `event/` when the site is finished.
    pub event_pages: bool,
    /// Write the check's problems into the site's `index.html` as a dismissable banner:
    /// for a development server (`scripts/serve`), never a release.
    pub dev_report: bool,
    /// Called with OUT when another build holds its lock, before waiting for it.
    pub on_wait: fn(&Path),
}

impl Default for Options {
    fn default() -> Self {
        Options {
            allow_errors: false,
            event_pages: site::Options::default().event_pages,
            dev_report: false,
            on_wait: |_| {},
        }
    }
}

/// What a build did, for its summary.
#[derive(Debug)]
pub struct Built {
    /// The account of the check: every diagnostic, the texts to show them with, the
    /// counts. (The events themselves went into the bundle.)
    pub report: Report,
    /// The bundle written.
    pub bundle: BundleFiles,
    /// What finishing the site wrote; `None` when OUT holds no `index.html`.
    pub site: Option<site::Written>,
    pub timings: Timings,
}

/// The bundle's files a build wrote.
#[derive(Debug)]
pub struct BundleFiles {
    /// `OUT/bundle/core.<hash>.bin`.
    pub core: PathBuf,
    /// The core's path in the site, `bundle/core.<hash>.bin`: what the page names.
    pub name: String,
    /// The core's size in bytes.
    pub core_size: usize,
    /// How many search shards and details chunks the core names.
    pub shards: usize,
    pub chunks: usize,
    /// The size of all the parts together, in bytes.
    pub size: usize,
    /// How many events it holds.
    pub events: usize,
}

/// The folder in OUT that holds the bundle's parts.
pub const BUNDLE_DIR: &str = "bundle";

/// How long the phases took.
#[derive(Clone, Copy, Debug, Default)]
pub struct Timings {
    /// Reading and checking every file.
    pub check: Duration,
    /// Turning the checked events into the bundle and its bytes.
    pub compile: Duration,
    /// The whole build, writing included.
    pub total: Duration,
}

/// Why a build did not happen, or stopped.
#[derive(Debug)]
pub enum Error {
    /// OUT and the corpus overlap: nothing was read or written.
    Overlap(Overlap),
    /// The corpus has errors and [`Options::allow_errors`] is off: nothing was written.
    CorpusHasErrors(Box<Report>),
    /// No file of the corpus is an event (E018), errors allowed or not: nothing was
    /// written, so that a corpus in a format not read never replaces a site with an empty
    /// one.
    NoEvents(Box<Report>),
    /// The corpus folder could not be checked.
    Check(check::Error),
    /// The corpus's `links.json` could not be read, or is malformed: nothing was written.
    Links(crate::links::store::Error),
    /// Writing OUT failed, after the check: its report comes along, still worth showing.
    Output {
        error: OutputError,
        report: Box<Report>,
    },
}

impl Error {
    /// The check's report, when the build got that far.
    pub fn report(&self) -> Option<&Report> {
        match self {
            Error::CorpusHasErrors(report)
            | Error::NoEvents(report)
            | Error::Output { report, .. } => Some(report),
            Error::Check(_) | Error::Overlap(_) | Error::Links(_) => None,
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::CorpusHasErrors(report) => {
                write!(f, "the corpus has {} errors", report.errors())
            }
            Error::NoEvents(_) => write!(f, "no file of the corpus is an event"),
            Error::Check(e) => e.fmt(f),
            Error::Links(e) => e.fmt(f),
            Error::Overlap(e) => e.fmt(f),
            Error::Output { error, .. } => error.fmt(f),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        // The inner errors stand for themselves: their messages are this one's.
        match self {
            Error::CorpusHasErrors(_) | Error::NoEvents(_) | Error::Overlap(_) => None,
            Error::Check(e) => e.source(),
            Error::Links(e) => e.source(),
            Error::Output { error, .. } => error.source(),
        }
    }
}

impl From<check::Error> for Error {
    fn from(e: check::Error) -> Self {
        Error::Check(e)
    }
}

/// Builds the corpus in `dir` into `out`; see the module's documentation for the steps.
pub fn build(dir: &Path, out: &Path, options: &Options) -> Result<Built, Error> {
    let started = Instant::now();
    overlap::refuse(dir, out).map_err(Error::Overlap)?;
    let Checked {
        events,
        report,
        settings,
    } = check::check(dir)?;
    let check_time = started.elapsed();
    if events.is_empty() {
        return Err(Error::NoEvents(Box::new(report)));
    }
    if report.errors() > 0 && !options.allow_errors {
        return Err(Error::CorpusHasErrors(Box::new(report)));
    }
    let links = crate::links::store::load(dir).map_err(Error::Links)?;
    let problems = options.dev_report.then_some(&report);
    match write_outputs(
        out,
        events,
        settings.site(),
        links.as_ref(),
        problems,
        options,
    ) {
        Ok((file, site, compile_time)) => Ok(Built {
            report,
            bundle: file,
            site,
            timings: Timings {
                check: check_time,
                compile: compile_time,
                total: started.elapsed(),
            },
        }),
        Err(error) => Err(Error::Output {
            error,
            report: Box::new(report),
        }),
    }
}

/// Everything the build writes to `out`, locked: the bundle's parts as they are compiled,
/// then the site; then all of it put in place, and the last build's files that are not
/// written again removed. Also returns how long compiling and encoding took.
fn write_outputs(
    out: &Path,
    events: Vec<crate::check::Accepted>,
    site: timeline_bundle::Site,
    links: Option<&Store>,
    problems: Option<&Report>,
    options: &Options,
) -> Result<(BundleFiles, Option<site::Written>, Duration), OutputError> {
    let mut output = Output::open(out, options.on_wait)?;
    let started = Instant::now();
    let (compiled, files) = write_bundle(&mut output, events, site, links)?;
    let compile_time = started.elapsed();
    let site = finish_site(&mut output, &compiled, &files.name, problems, options)?;
    output.commit()?;
    Ok((files, site, compile_time))
}

/// Compiles the events (consuming them) and writes each part under its hashed name in
/// [`BUNDLE_DIR`] as it is made: the details chunks while compiling (each source with its
/// link's health when there are `links`), then the search shards and the core.
fn write_bundle(
    output: &mut Output,
    events: Vec<crate::check::Accepted>,
    site: timeline_bundle::Site,
    links: Option<&Store>,
) -> Result<(Compiled, BundleFiles), OutputError> {
    let mut size = 0;
    let mut write = |part: crate::parts::Part| {
        size += part.bytes.len();
        output.write(&format!("{BUNDLE_DIR}/{}", part.name), &part.bytes)
    };
    let mut chunks = ChunkWriter::new(Sizes::DEFAULT.chunk, &mut write);
    let mut compiled = crate::normalise::compile_into(events, site, |mut d| {
        if let Some(links) = links {
            links.annotate(&mut d.sources);
        }
        chunks.push(d)
    })?;
    compiled.bundle.chunks = chunks.finish()?;
    let written = crate::parts::encode_into(&mut compiled, Sizes::DEFAULT, &mut write)?;
    let name = format!("{BUNDLE_DIR}/{}", written.core);
    let files = BundleFiles {
        core: output.root().join(&name),
        name,
        core_size: written.core_size,
        shards: compiled.bundle.shards.len(),
        chunks: compiled.bundle.chunks.len(),
        size,
        events: compiled.bundle.events.len(),
    };
    Ok((compiled, files))
}

/// Finishes the site around the bundle when OUT holds Trunk's `index.html`.
fn finish_site(
    output: &mut Output,
    compiled: &Compiled,
    core_name: &str,
    problems: Option<&Report>,
    options: &Options,
) -> Result<Option<site::Written>, OutputError> {
    if !output.is_file("index.html") {
        return Ok(None);
    }
    let site_options = site::Options {
        event_pages: options.event_pages,
    };
    site::finish(output, compiled, core_name, &site_options, problems).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixtures(which: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(which)
    }

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_corpus_with_errors_is_refused_and_nothing_is_written() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        let Err(Error::CorpusHasErrors(report)) =
            build(&fixtures("invalid"), &out, &Options::default())
        else {
            panic!("the invalid fixtures are refused");
        };
        assert_eq!(report.errors(), 17);
        assert!(
            report.texts.contains_key("E011-invalid-date.md"),
            "the report shows the lines"
        );
        assert!(!out.exists(), "nothing written, not even OUT");

        let options = Options {
            allow_errors: true,
            ..Options::default()
        };
        let built = build(&fixtures("invalid"), &out, &options).unwrap();
        assert_eq!(built.report.errors(), 17, "still reported");
        assert_eq!(built.report.accepted, 12);
        assert_eq!(built.bundle.events, 12);
        assert_eq!(names_in(&out), [MANIFEST, BUNDLE_DIR]);
        let bytes = std::fs::read(&built.bundle.core).unwrap();
        assert_eq!(bytes.len(), built.bundle.core_size);
        let core = timeline_bundle::decode_core(&bytes).unwrap();
        assert_eq!(core.events.len(), 12);
        assert_eq!(
            format!(
                "{BUNDLE_DIR}/{}",
                crate::parts::name_of(timeline_bundle::Kind::Core, &bytes)
            ),
            built.bundle.name
        );
        let parts = names_in(&out.join(BUNDLE_DIR));
        assert_eq!(parts.len(), 1 + core.shards.len() + core.chunks.len());
        let on_disk: usize = parts
            .iter()
            .map(|p| {
                std::fs::metadata(out.join(BUNDLE_DIR).join(p))
                    .unwrap()
                    .len() as usize
            })
            .sum();
        assert_eq!(on_disk, built.bundle.size);
        assert!(built.site.is_none(), "no index.html, no site");
        assert!(built.timings.total >= built.timings.check + built.timings.compile);
    }

    #[test]
    fn the_last_builds_bundle_is_replaced_and_other_files_kept() {
        let out = tempfile::tempdir().unwrap();
        // Not written by a build, so never removed by one, whatever their names.
        let others = ["bundle.0123456789abcdef.bin", "core.old.bin", "notes.bin"];
        std::fs::create_dir(out.path().join(BUNDLE_DIR)).unwrap();
        for old in others {
            std::fs::write(out.path().join(BUNDLE_DIR).join(old), "old").unwrap();
        }
        let with = |built: &Built| {
            let core =
                timeline_bundle::decode_core(&std::fs::read(&built.bundle.core).unwrap()).unwrap();
            let mut names: Vec<String> = others.map(String::from).to_vec();
            names.push(built.bundle.name.trim_start_matches("bundle/").to_string());
            names.extend(
                core.shards
                    .iter()
                    .map(|s| timeline_bundle::part_file("search", s.hash)),
            );
            names.extend(
                core.chunks
                    .iter()
                    .map(|c| timeline_bundle::part_file("details", c.hash)),
            );
            names.sort();
            names
        };
        let in_bundle = || names_in(&out.path().join(BUNDLE_DIR));
        let built = build(&fixtures("valid"), out.path(), &Options::default()).unwrap();
        assert_eq!(in_bundle(), with(&built));
        // Again: the same bundle stays.
        let again = build(&fixtures("valid"), out.path(), &Options::default()).unwrap();
        assert_eq!(again.bundle.name, built.bundle.name);
        assert_eq!(in_bundle(), with(&built));
        // Another corpus: its bundle replaces this build's own.
        let options = Options {
            allow_errors: true,
            ..Options::default()
        };
        let other = build(&fixtures("invalid"), out.path(), &options).unwrap();
        assert_ne!(other.bundle.name, built.bundle.name);
        assert_eq!(in_bundle(), with(&other));
    }

    #[test]
    fn the_site_is_finished_when_out_holds_an_index_page() {
        let out = tempfile::tempdir().unwrap();
        std::fs::write(
            out.path().join("index.html"),
            "<!doctype html><html><head><title>T</title></head><body></body></html>",
        )
        .unwrap();
        let built = build(&fixtures("valid"), out.path(), &Options::default()).unwrap();
        let site = built.site.expect("the site is finished");
        assert_eq!(site.event_pages, 18);
        assert!(site.precached.contains(&built.bundle.name));
        let index = std::fs::read_to_string(out.path().join("index.html")).unwrap();
        assert!(index.contains(&built.bundle.name), "{index}");
        for file in ["404.html", "sw.js", "manifest.webmanifest", "robots.txt"] {
            assert!(out.path().join(file).is_file(), "{file}");
        }

        let options = Options {
            event_pages: false,
            ..Options::default()
        };
        let built = build(&fixtures("valid"), out.path(), &options).unwrap();
        assert_eq!(built.site.map(|s| s.event_pages), Some(0));
        assert!(!out.path().join("event").exists());
    }

    #[test]
    fn errors_that_stop_the_build_say_what_and_where() {
        let tmp = tempfile::tempdir().unwrap();
        let missing = tmp.path().join("no-such-folder");
        let e = build(&missing, tmp.path(), &Options::default()).unwrap_err();
        assert!(
            matches!(e, Error::Check(check::Error::NotAFolder(_))),
            "{e:?}"
        );
        assert!(e
            .to_string()
            .ends_with("is not a folder: name the folder that holds the event files"));

        let file = tmp.path().join("a-file");
        std::fs::write(&file, "x").unwrap();
        let e = build(&fixtures("valid"), &file, &Options::default()).unwrap_err();
        let Error::Output { error, report } = &e else {
            panic!("{e:?}");
        };
        assert!(
            matches!(
                error,
                OutputError::Io {
                    action: "create",
                    ..
                }
            ),
            "{error:?}"
        );
        assert_eq!(report.accepted, 18, "the check's report comes along");
        assert_eq!(
            e.to_string(),
            format!("could not create {}", file.display())
        );
        assert!(
            std::error::Error::source(&e).is_some(),
            "the I/O error is kept"
        );
    }
}
