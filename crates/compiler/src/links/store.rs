//! `links.json`, the corpus's record of its links' health: read back (by `build`, `stats`
//! and `timeline links` itself, as any file of the corpus is read: a regular file inside
//! the corpus, of bounded size), and written whole, through a temporary file renamed into
//! place, so that a reader never sees half of it. Keys are sorted and the fields in a fixed
//! order, so the same results give the same bytes.

use crate::file::{self, ReadError};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;
use timeline_bundle::{LinkCheck, LinkState, PartialDate, Source};

/// The file's name, in the corpus folder.
pub const FILE: &str = "links.json";

/// The most a `links.json` may hold: about 300,000 links' results.
const MAX_BYTES: u64 = 64 << 20;

/// Every link's last result, by URL.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Store {
    pub links: BTreeMap<String, Record>,
}

/// What one check of a URL found.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub state: LinkState,
    /// The last answer's HTTP status; `None` when there was none (a timeout, DNS, …).
    pub status: Option<u16>,
    /// Where the redirects led, when the check followed any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_url: Option<String>,
    /// Why the state is `error`, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(serialize_with = "write_time", deserialize_with = "read_time")]
    pub checked_at: SystemTime,
}

fn write_time<S: Serializer>(time: &SystemTime, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&humantime::format_rfc3339_seconds(*time))
}

fn read_time<'de, D: Deserializer<'de>>(d: D) -> Result<SystemTime, D::Error> {
    let text = String::deserialize(d)?;
    humantime::parse_rfc3339(&text).map_err(|e| {
        serde::de::Error::custom(format!(
            "`checked_at` {text:?} is not an RFC 3339 time in UTC such as \"2025-05-03T12:00:00Z\" ({e})"
        ))
    })
}

/// Now, to the second: what `checked_at` keeps, so that a record reads back as it was.
pub fn now() -> SystemTime {
    let since = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or_default();
    SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(since.as_secs())
}

impl Record {
    /// The day (UTC) of the check.
    pub fn checked_on(&self) -> PartialDate {
        let text = humantime::format_rfc3339_seconds(self.checked_at).to_string();
        PartialDate::parse(&text[..10]).expect("humantime writes the date first")
    }
}

/// Why `links.json` could not be read or written.
#[derive(Debug)]
pub enum Error {
    /// It could not be read (the reason says why: a folder, a FIFO, too large, a link out
    /// of the corpus, the system's error).
    Read { path: PathBuf, why: String },
    /// It is not a `links.json`: where and why.
    Malformed {
        path: PathBuf,
        line: usize,
        column: usize,
        why: String,
    },
    /// It could not be written.
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Read { path, why } => write!(f, "could not read {}: {why}", path.display()),
            Error::Malformed {
                path,
                line,
                column,
                why,
            } => write!(
                f,
                "{}:{line}:{column}: {why}; fix it, or delete it and run `timeline links` again",
                path.display()
            ),
            Error::Write { path, .. } => write!(f, "could not write {}", path.display()),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Write { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// The corpus's `links.json`, `None` when it has none.
pub fn load(dir: &Path) -> Result<Option<Store>, Error> {
    let path = dir.join(FILE);
    let read_error = |why: String| Error::Read {
        path: path.clone(),
        why,
    };
    match std::fs::symlink_metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(read_error(e.to_string())),
        Ok(m) if m.file_type().is_symlink() => {
            let inside = std::fs::canonicalize(dir).and_then(|root| {
                std::fs::canonicalize(&path).map(|target| target.starts_with(root))
            });
            match inside {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
                Err(e) => return Err(read_error(e.to_string())),
                Ok(false) => return Err(read_error("a link to outside the corpus".into())),
                Ok(true) => {}
            }
        }
        Ok(_) => {}
    }
    let bytes = file::read(&path, MAX_BYTES).map_err(|e| match e {
        ReadError::Io(e) => read_error(e.to_string()),
        other => read_error(other.to_string()),
    })?;
    serde_json::from_slice(&bytes)
        .map(Some)
        .map_err(|e| Error::Malformed {
            path: path.clone(),
            line: e.line(),
            column: e.column(),
            why: strip_position(&e.to_string()),
        })
}

/// serde_json's message without its " at line L column C", which the error shows first.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message.to_string(),
    }
}

impl Store {
    /// Gives each source with a URL its link's state and the day it was checked.
    pub fn annotate(&self, sources: &mut [Source]) {
        for source in sources {
            source.link = source
                .url
                .as_ref()
                .and_then(|url| self.links.get(url))
                .map(|r| LinkCheck {
                    state: r.state,
                    checked: r.checked_on(),
                });
        }
    }

    /// The file's text: two-space indents, keys sorted, a final newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("a store encodes");
        text.push('\n');
        text
    }
}

/// A `links.json` about to be written: the temporary file beside it is created first, so
/// that a folder that cannot be written is known before any link is checked.
pub struct Writer {
    temporary: PathBuf,
    file: std::fs::File,
    path: PathBuf,
}

impl Writer {
    pub fn create(dir: &Path) -> Result<Writer, Error> {
        let path = dir.join(FILE);
        // Hidden, so that a check running meanwhile skips it.
        let temporary = dir.join(format!(".{FILE}.{}.tmp", std::process::id()));
        let file = std::fs::File::create(&temporary).map_err(|source| Error::Write {
            path: path.clone(),
            source,
        })?;
        Ok(Writer {
            temporary,
            file,
            path,
        })
    }

    /// Writes the store and puts it in place of the old file (a link there is replaced,
    /// never followed).
    pub fn commit(mut self, store: &Store) -> Result<PathBuf, Error> {
        let written = self
            .file
            .write_all(store.to_json().as_bytes())
            .and_then(|()| self.file.sync_all())
            .and_then(|()| std::fs::rename(&self.temporary, &self.path));
        match written {
            Ok(()) => Ok(std::mem::take(&mut self.path)),
            Err(source) => Err(Error::Write {
                path: self.path.clone(),
                source,
            }),
        }
    }
}

impl Drop for Writer {
    /// A writer not committed (or whose commit failed) leaves nothing behind.
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.temporary);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn at(secs: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
    }

    #[test]
    fn the_file_reads_back_as_written_with_sorted_keys() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::default();
        store.links.insert(
            "https://b.example/".into(),
            Record {
                state: LinkState::Dead,
                status: Some(404),
                final_url: None,
                error: None,
                checked_at: at(1_746_273_600),
            },
        );
        store.links.insert(
            "https://a.example/".into(),
            Record {
                state: LinkState::Error,
                status: None,
                final_url: Some("https://a.example/next".into()),
                error: Some("timed out".into()),
                checked_at: at(1_746_273_600),
            },
        );
        let path = Writer::create(dir.path()).unwrap().commit(&store).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text,
            r#"{
  "links": {
    "https://a.example/": {
      "state": "error",
      "status": null,
      "final_url": "https://a.example/next",
      "error": "timed out",
      "checked_at": "2025-05-03T12:00:00Z"
    },
    "https://b.example/": {
      "state": "dead",
      "status": 404,
      "checked_at": "2025-05-03T12:00:00Z"
    }
  }
}
"#
        );
        assert_eq!(load(dir.path()).unwrap(), Some(store.clone()));
        assert_eq!(
            store.links["https://b.example/"].checked_on(),
            PartialDate::ymd(2025, 5, 3)
        );
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [FILE], "no temporary file is left");
    }

    #[test]
    fn a_malformed_file_is_an_error_at_its_line_and_an_absent_one_is_none() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()).unwrap(), None);
        for (text, line, says) in [
            ("{\"links\": {\n  \"https://a.example/\": {\"state\": \"gone\"", 2, "unknown variant `gone`"),
            ("{\"links\": {\n\n \"u\": {\"state\": \"ok\", \"status\": 200, \"checked_at\": \"yesterday\"}}}", 3, "`checked_at` \"yesterday\" is not an RFC 3339 time"),
            ("{\"links\": {}, \"extra\": 1}", 1, "unknown field `extra`"),
            ("[1, 2", 1, "invalid type"),
        ] {
            std::fs::write(dir.path().join(FILE), text).unwrap();
            let e = load(dir.path()).unwrap_err();
            let Error::Malformed { line: l, .. } = &e else {
                panic!("{e:?}");
            };
            let shown = e.to_string();
            assert_eq!(*l, line, "{shown}");
            assert!(shown.contains(&format!("links.json:{line}:")), "{shown}");
            assert!(shown.contains(says), "{shown}");
            assert!(!shown.contains(" at line "), "{shown}");
        }
        std::fs::remove_file(dir.path().join(FILE)).unwrap();
        std::fs::create_dir(dir.path().join(FILE)).unwrap();
        assert!(matches!(load(dir.path()), Err(Error::Read { .. })));
    }

    #[test]
    fn a_link_to_outside_the_corpus_is_not_followed() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.json"), "{\"links\": {}}").unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.json"), dir.path().join(FILE))
            .unwrap();
        let e = load(dir.path()).unwrap_err();
        assert!(
            e.to_string().contains("a link to outside the corpus"),
            "{e}"
        );
    }
}
