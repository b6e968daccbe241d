//! The set-up the compiler's integration tests share: where the fixtures and the real
//! corpus are, a corpus written into a temporary folder, checking and compiling a folder,
//! and the roundtrip every bundle must survive.

// Each test file is its own crate and uses only some of these.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use timeline_bundle::Bundle;
use timeline_compiler::Checked;

/// `tests/fixtures/<which>` (`""` for the fixtures folder itself).
pub fn fixtures(which: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(which)
}

/// The real corpus, `../shared/corpus/events` beside the repository (read-only, never
/// copied here).
pub fn real_corpus() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/events");
    assert!(
        dir.is_dir(),
        "the real corpus is not at {}: these tests need shared/ beside the repository",
        dir.display()
    );
    dir
}

/// A corpus in a temporary folder, removed when dropped.
pub struct Corpus {
    dir: tempfile::TempDir,
}

impl Corpus {
    pub fn new() -> Corpus {
        Corpus {
            dir: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    /// A corpus of the files given as (name, content).
    pub fn with(files: &[(&str, &[u8])]) -> Corpus {
        let corpus = Corpus::new();
        for (name, bytes) in files {
            corpus.write(name, bytes);
        }
        corpus
    }

    /// Writes `name` (folders made as needed) and returns its path.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, bytes).unwrap();
        path
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn check(&self) -> Checked {
        check(self.path())
    }
}

/// Checks a folder that must be readable.
pub fn check(dir: &Path) -> Checked {
    timeline_compiler::check(dir)
        .unwrap_or_else(|e| panic!("could not check {}: {e}", dir.display()))
}

/// A folder checked, compiled and encoded.
pub struct Compiled {
    pub checked: Checked,
    pub bundle: Bundle,
    pub bytes: Vec<u8>,
}

pub fn compile(dir: &Path) -> Compiled {
    let checked = check(dir);
    let bundle = timeline_compiler::bundle(&checked);
    let bytes = roundtrip(&bundle);
    Compiled {
        checked,
        bundle,
        bytes,
    }
}

/// The bundle's bytes, once it is shown to decode to itself.
pub fn roundtrip(bundle: &Bundle) -> Vec<u8> {
    let bytes = timeline_bundle::encode(bundle);
    let decoded = timeline_bundle::decode(&bytes).expect("the bundle decodes");
    assert!(decoded == *bundle, "decode(encode(b)) == b");
    bytes
}

/// Every file under `dir`, relative to it and sorted (a `\` inside a name stays).
pub fn all_files(dir: &Path) -> Vec<String> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, root, out);
            } else {
                let rel = path.strip_prefix(root).unwrap();
                out.push(rel.to_string_lossy().into_owned());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// The accounting every check keeps: each file is an event, rejected or skipped.
pub fn assert_accounted(checked: &Checked) {
    let r = &checked.report;
    assert_eq!(
        r.files,
        checked.events.len() + r.rejected.len() + r.skipped.len(),
        "every file is an event, rejected or skipped"
    );
}

/// An event with the id `id`, as a file's bytes.
pub fn event(id: &str) -> Vec<u8> {
    format!("---\nid: {id}\ndate: 2020-01-01\ntitle: T\nimportance: 5\n---\n").into_bytes()
}

/// The ids of the accepted events, sorted.
pub fn ids(checked: &Checked) -> Vec<&str> {
    let mut out: Vec<_> = checked.events.iter().map(|e| e.id.as_str()).collect();
    out.sort();
    out
}

/// The code of every diagnostic, in the report's order.
pub fn codes(checked: &Checked) -> Vec<timeline_compiler::diagnostic::Code> {
    checked.report.diagnostics.iter().map(|d| d.code).collect()
}

/// The reason each skipped file was skipped for, by name.
pub fn skipped(checked: &Checked) -> Vec<(&str, &str)> {
    let mut out: Vec<_> = checked
        .report
        .skipped
        .iter()
        .map(|s| (s.name.as_str(), s.reason))
        .collect();
    out.sort();
    out
}

/// Everything a check shows: every diagnostic rendered with its file's text.
pub fn shown(checked: &Checked) -> String {
    use timeline_compiler::report;
    report::human(&checked.report, report::Style::Full, true, false)
}

/// Checks `dir` on a thread of its own: a check that blocks (on a FIFO, in a loop of
/// links) fails the test after `limit` instead of hanging it.
pub fn check_in_time(
    dir: &Path,
    limit: std::time::Duration,
) -> Result<Checked, timeline_compiler::check::Error> {
    let dir = dir.to_path_buf();
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        // The receiver may have given up: nothing to tell then.
        let _ = sender.send(timeline_compiler::check(&dir));
    });
    receiver
        .recv_timeout(limit)
        .unwrap_or_else(|_| panic!("the check did not finish in {limit:?}"))
}
