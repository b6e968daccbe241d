//! `timeline links` as one function ([`run`]): the health of every http(s) source URL and
//! archive URL of a corpus, kept in the corpus's `links.json`. [`collect`] finds the links
//! in the checked corpus, [`probe`] checks one (HEAD, GET where HEAD is refused,
//! redirects one by one), [`pool`] checks many at once (a few a host), and [`store`] reads
//! and writes `links.json`, which `build` and `stats` read back ([`store::load`]).

pub mod collect;
pub mod pool;
pub mod probe;
pub mod store;

pub use pool::Limits;
pub use store::{Record, Store, FILE};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// How `timeline links` checks.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub limits: Limits,
    /// Results younger than this are kept, not checked again.
    pub max_age: Duration,
}

/// What a run did.
#[derive(Debug)]
pub struct Outcome {
    /// Every link's result, as written.
    pub store: Store,
    /// The file written.
    pub path: PathBuf,
    /// Each link with the files that cite it.
    pub cited: BTreeMap<String, Vec<String>>,
    /// Links checked now.
    pub checked: usize,
    /// Results kept from the last `links.json`, younger than the maximum age.
    pub kept: usize,
    /// Results dropped, their links no longer in the corpus.
    pub dropped: usize,
    /// Files with errors in the corpus, whose links were not checked.
    pub rejected: usize,
}

/// Why `timeline links` could not run.
#[derive(Debug)]
pub enum Error {
    Check(crate::check::Error),
    Store(store::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Check(e) => e.fmt(f),
            Error::Store(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Check(e) => e.source(),
            Error::Store(e) => e.source(),
        }
    }
}

impl From<crate::check::Error> for Error {
    fn from(e: crate::check::Error) -> Self {
        Error::Check(e)
    }
}

impl From<store::Error> for Error {
    fn from(e: store::Error) -> Self {
        Error::Store(e)
    }
}

/// Checks the corpus in `dir`, then every link it cites that has no result younger than
/// the maximum age, and writes `dir/links.json` with every link's result (the links the
/// corpus no longer cites dropped). Calls `on_checked(done, total)` as links are checked,
/// first with `(0, total)`. Fails before any request when the corpus cannot be checked,
/// its `links.json` cannot be read, or the folder cannot be written.
pub fn run(
    dir: &Path,
    options: &Options,
    on_checked: &(dyn Fn(usize, usize) + Sync),
) -> Result<Outcome, Error> {
    let checked = crate::check(dir)?;
    let cited = collect::urls(&checked);
    let old = store::load(dir)?.unwrap_or_default();
    let writer = store::Writer::create(dir)?;
    let now = SystemTime::now();
    let fresh = |r: &Record| {
        now.duration_since(r.checked_at)
            .map_or(true, |age| age < options.max_age)
    };
    let mut store = Store::default();
    let mut dropped = 0;
    for (url, record) in old.links {
        if !cited.contains_key(&url) {
            dropped += 1;
        } else if fresh(&record) {
            store.links.insert(url, record);
        }
    }
    let kept = store.links.len();
    let due: Vec<String> = cited
        .keys()
        .filter(|u| !store.links.contains_key(*u))
        .cloned()
        .collect();
    on_checked(0, due.len());
    let records = pool::check_all(&due, options.limits, on_checked);
    let checked_now = due.len();
    store.links.extend(due.into_iter().zip(records));
    let path = writer.commit(&store)?;
    Ok(Outcome {
        store,
        path,
        cited,
        checked: checked_now,
        kept,
        dropped,
        rejected: checked.report.rejected.len(),
    })
}
