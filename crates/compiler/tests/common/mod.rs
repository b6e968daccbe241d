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
