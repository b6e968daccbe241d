//! The set-up the compiler's integration tests share: where the fixtures and the real
//! corpus are, a corpus written into a temporary folder, checking and compiling a folder,
//! and the roundtrip every bundle must survive.

// Each test file is its own crate and uses only some of these.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use timeline_bundle::{Bundle, Details, Event, SearchIndex};
use timeline_compiler::parts::{Encoded, Sizes};
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
    /// The core, its part lists filled in.
    pub bundle: Bundle,
    /// Each event's details, by event number.
    pub details: Vec<Details>,
    /// The whole search index, before it was cut into shards.
    pub search: SearchIndex,
    pub encoded: Encoded,
}

/// The core's fields read as the compiled corpus's own.
impl std::ops::Deref for Compiled {
    type Target = Bundle;
    fn deref(&self) -> &Bundle {
        &self.bundle
    }
}

impl Compiled {
    /// An event and its details, by id.
    pub fn event(&self, id: &str) -> (&Event, &Details) {
        let n = self
            .bundle
            .events
            .iter()
            .position(|e| e.id == id)
            .unwrap_or_else(|| panic!("no event {id}"));
        (&self.bundle.events[n], &self.details[n])
    }

    /// Every part's name and bytes, the core first.
    pub fn parts(&self) -> Vec<(&str, &[u8])> {
        self.encoded
            .all()
            .map(|p| (p.name.as_str(), p.bytes.as_slice()))
            .collect()
    }
}

pub fn compile(dir: &Path) -> Compiled {
    compile_checked(check(dir))
}

/// Compiles and encodes a checked corpus, and shows that every part decodes to itself.
pub fn compile_checked(checked: Checked) -> Compiled {
    let mut compiled = timeline_compiler::compile(&checked);
    let search = compiled.search.clone();
    let encoded = timeline_compiler::parts::encode(&mut compiled, Sizes::DEFAULT);
    let compiled = Compiled {
        checked,
        bundle: compiled.bundle,
        details: compiled.details,
        search,
        encoded,
    };
    roundtrip(&compiled);
    compiled
}

/// Every part decodes to what was encoded, and the shards together are the whole index.
pub fn roundtrip(c: &Compiled) {
    let core = timeline_bundle::decode_core(&c.encoded.core.bytes).expect("the core decodes");
    assert!(core == c.bundle, "decode(encode(core)) == core");
    let n = core.events.len();
    let mut terms = Vec::new();
    for (r, part) in core.shards.iter().zip(&c.encoded.shards) {
        assert_eq!(part.name, timeline_bundle::part_file("search", r.hash));
        let shard = timeline_bundle::decode_shard(&part.bytes, n).expect("a shard decodes");
        assert_eq!(
            shard.terms.first(),
            Some(&r.first).filter(|f| !f.is_empty())
        );
        terms.extend(shard.terms);
    }
    assert!(
        terms == c.search.terms,
        "the shards hold the whole index in order"
    );
    for (i, (r, part)) in core.chunks.iter().zip(&c.encoded.chunks).enumerate() {
        assert_eq!(part.name, timeline_bundle::part_file("details", r.hash));
        let events = core.chunk_events(i);
        let chunk =
            timeline_bundle::decode_chunk(&part.bytes, events.len()).expect("a chunk decodes");
        assert!(chunk[..] == c.details[events.start as usize..events.end as usize]);
    }
    assert_eq!(core.chunks.len(), c.encoded.chunks.len());
}

/// The files of the bundle a build wrote, as paths in OUT: the core and every part it names.
pub fn bundle_files(built: &timeline_compiler::build::Built) -> Vec<String> {
    let core = timeline_bundle::decode_core(&std::fs::read(&built.bundle.core).unwrap()).unwrap();
    let mut files = vec![built.bundle.name.clone()];
    for s in &core.shards {
        files.push(format!(
            "bundle/{}",
            timeline_bundle::part_file("search", s.hash)
        ));
    }
    for c in &core.chunks {
        files.push(format!(
            "bundle/{}",
            timeline_bundle::part_file("details", c.hash)
        ));
    }
    files
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

/// Trunk's page as Trunk writes it: the inline boot script, and the preloads of the app.
pub const TRUNK_PAGE: &str = "<!doctype html><html><head><title>T</title><base href=\"/\">\
<script type=\"module\">\nimport init, * as bindings from '/app-1.js';\n\
const wasm = await init({ module_or_path: '/app-1_bg.wasm' });\nwindow.wasmBindings = bindings;\n</script>\
<link rel=\"modulepreload\" href=\"/app-1.js\" crossorigin=\"anonymous\">\
<link rel=\"preload\" href=\"/app-1_bg.wasm\" crossorigin=\"anonymous\" as=\"fetch\" type=\"application/wasm\">\
</head><body><div id=\"boot\"></div></body></html>";
