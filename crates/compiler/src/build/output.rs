//! OUT as one transaction, the one place where the build writes and removes files.
//!
//! [`Output::open`] locks OUT for the whole build (a second build into it waits) and reads
//! the manifest of the last build (`.timeline-build.json`: every file it wrote). Each
//! [`Output::write`] puts a file beside the live one under a temporary name; nothing a
//! visitor sees changes until [`Output::commit`], which renames every file into place,
//! the entry pages last, and only then removes the files of the last build that this one
//! did not write again. A file the build did not write is never removed, and a build
//! that fails leaves the previous site as it was (the temporary files removed). The
//! manifest is written before the first rename with both builds' files, so that a build
//! killed halfway still leaves a record of everything it may have put in OUT.
//!
//! Longer than most files here (its tests included): the lock, the staged writes, the
//! commit and the manifest are one transaction, and each step's failure is only safe
//! because of how the others are done.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fs::{File, TryLockError};
use std::io::{self, Write as _};
use std::path::{Component, Path, PathBuf};

/// The manifest of the files the last build wrote, relative to OUT.
pub const MANIFEST: &str = ".timeline-build.json";
/// The start of the temporary names files are written under before they are renamed.
const TEMP_PREFIX: &str = ".timeline-tmp.";

/// OUT, locked, with the files this build has written so far (not yet in place).
pub struct Output {
    root: PathBuf,
    /// Held for the whole build; the lock dies with the file (or the process).
    _lock: File,
    /// What the last build wrote, from its manifest.
    previous: BTreeSet<String>,
    /// Each file written: where it waits, and whether it is an entry page.
    staged: BTreeMap<String, Staged>,
    /// Folders made for the staged files, removed again (when empty) if the build fails.
    made: Vec<PathBuf>,
    temp_count: u64,
    committed: bool,
}

struct Staged {
    temp: PathBuf,
    entry: bool,
}

/// A file of OUT being written a piece at a time ([`Output::create`]).
pub struct Streamed {
    rel: String,
    /// Where it will be: what an error names.
    path: PathBuf,
    /// `None` once put.
    temp: Option<PathBuf>,
    file: Option<io::BufWriter<File>>,
    len: u64,
    entry: bool,
}

impl Streamed {
    /// Appends `bytes`.
    pub fn write(&mut self, bytes: &[u8]) -> Result<(), OutputError> {
        let file = self
            .file
            .as_mut()
            .expect("a file is written before it is put");
        file.write_all(bytes)
            .map_err(OutputError::on("write", &self.path))?;
        self.len += bytes.len() as u64;
        Ok(())
    }

    /// How many bytes it holds so far.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether nothing was written yet.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl Drop for Streamed {
    /// A file never put is removed.
    fn drop(&mut self) {
        drop(self.file.take());
        if let Some(temp) = self.temp.take() {
            let _ = std::fs::remove_file(temp);
        }
    }
}

/// The manifest's shape on disk.
#[derive(Serialize, Deserialize)]
struct Manifest {
    about: String,
    files: Vec<String>,
}

const ABOUT: &str = "Written by `timeline build`: the files it wrote into this folder. \
The next build removes those it does not write again, and no other file.";

/// OUT, or a file in it, could not be used.
#[derive(Debug)]
pub enum OutputError {
    /// An operation on `path` failed: `action` is "create", "write", "lock", "list",
    /// "read", "rename", "remove".
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    /// OUT holds something the build must not write over or through, or cannot read.
    Unusable { path: PathBuf, why: String },
}

impl OutputError {
    /// The error for `action` on `path`, once the I/O error is known.
    pub fn on(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> OutputError {
        let path = path.to_path_buf();
        move |source| OutputError::Io {
            action,
            path,
            source,
        }
    }

    /// The error for a `path` the build will not use, and why.
    pub fn unusable(path: &Path, why: impl Into<String>) -> OutputError {
        OutputError::Unusable {
            path: path.to_path_buf(),
            why: why.into(),
        }
    }
}

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OutputError::Io { action, path, .. } => {
                write!(f, "could not {action} {}", path.display())
            }
            OutputError::Unusable { path, why } => write!(f, "{} {why}", path.display()),
        }
    }
}

impl std::error::Error for OutputError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            OutputError::Io { source, .. } => Some(source),
            OutputError::Unusable { .. } => None,
        }
    }
}

impl Output {
    /// Makes OUT if needed, locks it (calling `on_wait` first when another build holds
    /// the lock, then waiting for it) and reads the last build's manifest.
    pub fn open(root: &Path, on_wait: fn(&Path)) -> Result<Output, OutputError> {
        std::fs::create_dir_all(root).map_err(OutputError::on("create", root))?;
        // The folder itself is locked: no lock file is left in the site.
        let lock = File::open(root).map_err(OutputError::on("lock", root))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                on_wait(root);
                lock.lock().map_err(OutputError::on("lock", root))?;
            }
            Err(TryLockError::Error(e)) => return Err(OutputError::on("lock", root)(e)),
        }
        let previous = read_manifest(root)?;
        Ok(Output {
            root: root.to_path_buf(),
            _lock: lock,
            previous,
            staged: BTreeMap::new(),
            made: Vec::new(),
            temp_count: 0,
            committed: false,
        })
    }

    /// OUT itself.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Writes `rel` (a `/`-separated path inside OUT) beside the live file, to be put in
    /// place by [`Output::commit`]. Folders are made as needed; a folder or a symbolic
    /// link to a folder where the build writes is refused.
    pub fn write(&mut self, rel: &str, bytes: &[u8]) -> Result<(), OutputError> {
        self.stage(rel, bytes, false)
    }

    /// Like [`Output::write`], for a page a visitor enters by (`index.html`, `404.html`):
    /// put in place after every other file, so that it never names a file not there yet.
    pub fn write_entry(&mut self, rel: &str, bytes: &[u8]) -> Result<(), OutputError> {
        self.stage(rel, bytes, true)
    }

    fn stage(&mut self, rel: &str, bytes: &[u8], entry: bool) -> Result<(), OutputError> {
        let mut file = self.create(rel)?;
        file.entry = entry;
        file.write(bytes)?;
        self.put(file).map(|_| ())
    }

    /// Starts writing `rel` (as [`Output::write`] does, but a piece at a time, for a file
    /// too large to hold): write to the [`Streamed`] file, then hand it to [`Output::put`].
    /// Dropped before that, it is removed.
    pub fn create(&mut self, rel: &str) -> Result<Streamed, OutputError> {
        let parts = parts(rel).ok_or_else(|| {
            OutputError::unusable(&self.root.join(rel), "is not a plain path inside OUT")
        })?;
        let mut dir = self.root.clone();
        for part in &parts[..parts.len() - 1] {
            dir.push(part);
            match std::fs::symlink_metadata(&dir) {
                Ok(m) if m.is_dir() => {}
                Ok(_) => {
                    return Err(OutputError::unusable(
                        &dir,
                        "is not a folder, where the build writes one: remove it, or build into another folder",
                    ))
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    std::fs::create_dir(&dir).map_err(OutputError::on("create", &dir))?;
                    self.made.push(dir.clone());
                }
                Err(e) => return Err(OutputError::on("read", &dir)(e)),
            }
        }
        let path = dir.join(parts[parts.len() - 1]);
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
            return Err(OutputError::unusable(
                &path,
                "is a folder, where the build writes a file: remove it, or build into another folder",
            ));
        }
        self.temp_count += 1;
        let temp = dir.join(format!(
            "{TEMP_PREFIX}{}.{}",
            std::process::id(),
            self.temp_count
        ));
        let file = match File::create(&temp) {
            Ok(file) => file,
            Err(e) => {
                let _ = std::fs::remove_file(&temp);
                return Err(OutputError::on("write", &path)(e));
            }
        };
        Ok(Streamed {
            rel: rel.to_string(),
            path,
            temp: Some(temp),
            file: Some(io::BufWriter::with_capacity(1 << 16, file)),
            len: 0,
            entry: false,
        })
    }

    /// Puts a file written through [`Output::create`] among this build's, as
    /// [`Output::write`] would have; returns its size in bytes.
    pub fn put(&mut self, mut file: Streamed) -> Result<u64, OutputError> {
        let written = file.file.take().map_or(Ok(()), |f| {
            f.into_inner()
                .map(drop)
                .map_err(io::IntoInnerError::into_error)
        });
        written.map_err(OutputError::on("write", &file.path))?;
        let temp = file.temp.take().expect("a file is put once");
        let staged = Staged {
            temp,
            entry: file.entry,
        };
        if let Some(old) = self.staged.insert(file.rel.clone(), staged) {
            let _ = std::fs::remove_file(old.temp);
        }
        Ok(file.len)
    }

    /// The bytes `rel` will have once committed: this build's, or the file in OUT.
    pub fn read(&self, rel: &str) -> Result<Vec<u8>, OutputError> {
        let path = self.current(rel);
        std::fs::read(&path).map_err(OutputError::on("read", &self.root.join(rel)))
    }

    /// Whether `rel` is a file in OUT or written by this build.
    pub fn is_file(&self, rel: &str) -> bool {
        self.staged.contains_key(rel) || self.root.join(rel).is_file()
    }

    fn current(&self, rel: &str) -> PathBuf {
        self.staged
            .get(rel)
            .map_or_else(|| self.root.join(rel), |s| s.temp.clone())
    }

    /// The names in folder `rel` (`""` for OUT) once committed, sorted, each with
    /// whether it is a folder: OUT's own, less the last build's files that this one does
    /// not write again, plus this build's; never the manifest or a temporary file.
    pub fn list(&self, rel: &str) -> Result<Vec<(String, bool)>, OutputError> {
        let dir = self.root.join(rel);
        let prefix = if rel.is_empty() {
            String::new()
        } else {
            format!("{}/", rel.trim_end_matches('/'))
        };
        let mut names = BTreeMap::new();
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => Some(entries),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(OutputError::on("list", &dir)(e)),
        };
        for entry in entries.into_iter().flatten() {
            let entry = entry.map_err(OutputError::on("list", &dir))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = format!("{prefix}{name}");
            let stale = self.previous.contains(&path) && !self.staged.contains_key(&path);
            if name.starts_with(TEMP_PREFIX) || path == MANIFEST || stale {
                continue;
            }
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            names.insert(name, is_dir);
        }
        for path in self.staged.keys() {
            if let Some(name) = path.strip_prefix(&prefix).filter(|n| !n.contains('/')) {
                names.insert(name.to_string(), false);
            }
        }
        Ok(names.into_iter().collect())
    }

    /// Puts every written file in place (entry pages last), then removes the last
    /// build's files that this one did not write again, and records this build's.
    pub fn commit(mut self) -> Result<(), OutputError> {
        let written: BTreeSet<String> = self.staged.keys().cloned().collect();
        self.write_manifest(&self.previous.union(&written).cloned().collect())?;
        self.committed = true;
        for last in [false, true] {
            for (rel, staged) in self.staged.iter().filter(|(_, s)| s.entry == last) {
                let path = self.root.join(rel);
                std::fs::rename(&staged.temp, &path).map_err(OutputError::on("write", &path))?;
            }
        }
        for rel in self.previous.difference(&written) {
            remove_own(&self.root, rel)?;
        }
        self.write_manifest(&written)
    }

    fn write_manifest(&self, files: &BTreeSet<String>) -> Result<(), OutputError> {
        let manifest = Manifest {
            about: ABOUT.into(),
            files: files.iter().cloned().collect(),
        };
        let mut json = serde_json::to_vec_pretty(&manifest).expect("a manifest serialises");
        json.push(b'\n');
        let path = self.root.join(MANIFEST);
        let temp = self
            .root
            .join(format!("{TEMP_PREFIX}{}.manifest", std::process::id()));
        std::fs::write(&temp, json)
            .and_then(|()| std::fs::rename(&temp, &path))
            .map_err(|e| {
                let _ = std::fs::remove_file(&temp);
                OutputError::on("write", &path)(e)
            })
    }
}

impl Drop for Output {
    /// A build that stopped before committing leaves OUT as it found it.
    fn drop(&mut self) {
        // After a commit the temporary names are gone, but for a rename that failed.
        for staged in self.staged.values() {
            let _ = std::fs::remove_file(&staged.temp);
        }
        if !self.committed {
            // Only folders this build made, and only when empty.
            for dir in self.made.iter().rev() {
                let _ = std::fs::remove_dir(dir);
            }
        }
    }
}

/// The parts of a `/`-separated relative path, when it stays inside its folder.
fn parts(rel: &str) -> Option<Vec<&str>> {
    let parts: Vec<&str> = rel.split('/').collect();
    let plain = parts.iter().all(|p| {
        let mut c = Path::new(p).components();
        matches!((c.next(), c.next()), (Some(Component::Normal(n)), None) if n == *p)
    });
    plain.then_some(parts)
}

/// Removes `rel` from `root` if it is still a file the build wrote there: not when a
/// folder or a symbolic link now stands in its path, nor when it is a folder. Then the
/// folders it leaves empty.
fn remove_own(root: &Path, rel: &str) -> Result<(), OutputError> {
    let Some(parts) = parts(rel) else {
        return Ok(());
    };
    let mut path = root.to_path_buf();
    for part in &parts[..parts.len() - 1] {
        path.push(part);
        if !std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
            return Ok(());
        }
    }
    path.push(parts[parts.len() - 1]);
    match std::fs::symlink_metadata(&path) {
        Ok(m) if !m.is_dir() => {
            std::fs::remove_file(&path).map_err(OutputError::on("remove", &path))?;
        }
        _ => return Ok(()),
    }
    let mut dir = path.parent();
    while let Some(d) = dir.filter(|d| *d != root) {
        if std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
    Ok(())
}

/// The last build's files, from its manifest in `root` (none when there is none).
fn read_manifest(root: &Path) -> Result<BTreeSet<String>, OutputError> {
    let path = root.join(MANIFEST);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(BTreeSet::new()),
        Err(e) => return Err(OutputError::on("read", &path)(e)),
    };
    let damaged = |why: String| {
        OutputError::unusable(
            &path,
            format!(
                "is damaged ({why}): delete it, and the build removes none of the files \
                 earlier builds wrote (delete those by hand)"
            ),
        )
    };
    let manifest: Manifest = serde_json::from_slice(&bytes).map_err(|e| damaged(e.to_string()))?;
    if let Some(bad) = manifest.files.iter().find(|f| parts(f).is_none()) {
        return Err(damaged(format!("`{bad}` is not a path inside the folder")));
    }
    Ok(manifest.files.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nothing(_: &Path) {}

    #[test]
    fn only_plain_relative_paths_are_files_of_the_site() {
        assert_eq!(
            parts("event/a b/index.html"),
            Some(vec!["event", "a b", "index.html"])
        );
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "a/../b",
            "a//b",
            "./a",
            "a/.",
            "a/",
        ] {
            assert_eq!(parts(bad), None, "{bad}");
        }
    }

    #[test]
    fn nothing_changes_until_commit_and_a_dropped_build_leaves_no_trace() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.html"), "old").unwrap();
        let mut out = Output::open(dir.path(), nothing).unwrap();
        out.write_entry("index.html", b"new").unwrap();
        out.write("event/a/index.html", b"page").unwrap();
        assert_eq!(
            std::fs::read(dir.path().join("index.html")).unwrap(),
            b"old"
        );
        assert_eq!(out.read("index.html").unwrap(), b"new");
        assert_eq!(
            out.list("").unwrap(),
            [
                ("event".to_string(), true),
                ("index.html".to_string(), false)
            ]
        );
        drop(out);
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, ["index.html"], "temporary files and new folders gone");
        assert_eq!(
            std::fs::read(dir.path().join("index.html")).unwrap(),
            b"old"
        );
    }

    #[test]
    fn a_file_written_in_pieces_is_put_like_any_other_or_left_out_when_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let mut out = Output::open(dir.path(), nothing).unwrap();
        let mut file = out.create("data/big.csv").unwrap();
        file.write(b"a,b\r\n").unwrap();
        file.write(b"1,2\r\n").unwrap();
        assert_eq!(file.len(), 10);
        let dropped = out.create("data/dropped.csv").unwrap();
        drop(dropped);
        assert_eq!(out.put(file).unwrap(), 10);
        assert_eq!(out.read("data/big.csv").unwrap(), b"a,b\r\n1,2\r\n");
        assert_eq!(out.list("data").unwrap(), [("big.csv".to_string(), false)]);
        assert!(out.create("../x").is_err() && out.create("data").is_err());
        out.commit().unwrap();
        let names: Vec<_> = std::fs::read_dir(dir.path().join("data"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["big.csv"], "no temporary file is left");
    }

    #[test]
    fn a_damaged_or_hostile_manifest_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        for text in [
            "not json",
            "{\"about\": \"\", \"files\": [\"../outside\"]}",
            "{\"about\": \"\", \"files\": [\"/etc/passwd\"]}",
        ] {
            std::fs::write(dir.path().join(MANIFEST), text).unwrap();
            let Err(e) = Output::open(dir.path(), nothing) else {
                panic!("{text} is refused");
            };
            assert!(e.to_string().contains("is damaged"), "{e}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn nothing_is_written_or_removed_through_a_symbolic_link() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        std::fs::write(elsewhere.path().join("index.html"), "not ours").unwrap();
        let mut out = Output::open(dir.path(), nothing).unwrap();
        out.write("event/a/index.html", b"page").unwrap();
        out.commit().unwrap();
        // Someone puts a link where the build's folder was.
        std::fs::remove_dir_all(dir.path().join("event")).unwrap();
        std::fs::create_dir(dir.path().join("event")).unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), dir.path().join("event/a")).unwrap();
        let mut out = Output::open(dir.path(), nothing).unwrap();
        let e = out.write("event/a/index.html", b"page").unwrap_err();
        assert!(e.to_string().contains("is not a folder"), "{e}");
        out.commit().unwrap();
        assert_eq!(
            std::fs::read_to_string(elsewhere.path().join("index.html")).unwrap(),
            "not ours",
            "the stale page is not removed through the link"
        );
    }
}
