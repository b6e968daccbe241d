//! The output folder as a careless or unlucky user meets it: OUT overlapping the corpus
//! (either way round, through a symbolic link, not made yet), files in OUT that the build
//! did not write, and a rebuild over a live site that fails halfway. Each case is a real
//! folder made here; the build must refuse, or leave what it did not write alone, or leave
//! the previous site whole.

mod common;

use common::{all_files, fixtures, Corpus, TRUNK_PAGE};
use std::path::Path;
use timeline_compiler::build::{self, Options};

fn event(id: &str) -> Vec<u8> {
    format!("---\nid: {id}\ndate: 2020-01-01\ntitle: Event {id}\nimportance: 5\n---\nBody.\n")
        .into_bytes()
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    all_files(dir)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(dir.join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

fn assert_refused(corpus: &Path, out: &Path, says: &[&str]) {
    let e = build::build(corpus, out, &Options::default()).unwrap_err();
    let message = e.to_string();
    assert!(
        matches!(e, build::Error::Overlap(_)),
        "{corpus:?} into {out:?}: {e:?}"
    );
    for s in says {
        assert!(message.contains(s), "{message:?} should say {s:?}");
    }
}

#[test]
fn a_corpus_inside_out_is_refused_and_left_as_it_was() {
    // `timeline build c2/event -o c2`: the corpus is where the event pages would go.
    let c2 = Corpus::with(&[
        ("index.html", TRUNK_PAGE.as_bytes()),
        ("event/a.md", &event("a")),
        ("event/b.md", &event("b")),
        ("event/c.md", &event("c")),
    ]);
    let before = snapshot(c2.path());
    let corpus = c2.path().join("event");
    assert_refused(
        &corpus,
        c2.path(),
        &[
            "is inside the output folder",
            &corpus.display().to_string(),
            "choose an output folder",
        ],
    );
    assert_eq!(snapshot(c2.path()), before, "not a byte changed");
}

#[test]
fn out_the_same_as_the_corpus_or_inside_it_is_refused() {
    let corpus = Corpus::with(&[("index.html", TRUNK_PAGE.as_bytes()), ("a.md", &event("a"))]);
    let before = snapshot(corpus.path());
    assert_refused(corpus.path(), corpus.path(), &["is the corpus folder"]);
    // Spelled another way: the check compares real paths.
    let dotted = corpus.path().join("sub/..");
    std::fs::create_dir(corpus.path().join("sub")).unwrap();
    assert_refused(corpus.path(), &dotted, &["is the corpus folder"]);
    std::fs::remove_dir(corpus.path().join("sub")).unwrap();
    // OUT inside the corpus, made or not yet made.
    assert_refused(
        corpus.path(),
        &corpus.path().join("dist/site"),
        &["is inside the corpus folder"],
    );
    assert_refused(
        corpus.path(),
        &corpus.path().join("nope/../dist"),
        &["is inside the corpus folder"],
    );
    assert_eq!(
        snapshot(corpus.path()),
        before,
        "nothing made, not even OUT"
    );
}

#[cfg(unix)]
#[test]
fn overlap_through_a_symbolic_link_is_refused() {
    let corpus = Corpus::with(&[("a.md", &event("a"))]);
    let tmp = tempfile::tempdir().unwrap();
    let link = tmp.path().join("link");
    std::os::unix::fs::symlink(corpus.path(), &link).unwrap();
    assert_refused(corpus.path(), &link, &["is the corpus folder"]);
    assert_refused(corpus.path(), &link.join("new/out"), &["inside the corpus"]);
    assert_refused(&link, corpus.path(), &["is the corpus folder"]);
    assert_eq!(all_files(corpus.path()), ["a.md"]);
}

#[test]
fn files_the_build_did_not_write_are_never_touched() {
    let out = tempfile::tempdir().unwrap();
    let out = out.path();
    let foreign = [
        ("CNAME", "timeline.example.org\n"),
        ("_headers", "/*\n  X-Frame-Options: DENY\n"),
        ("bundle.0123456789abcdef.bin", "a maintainer's own file"),
        ("boot.0123456789abcdef.js", "// another tool's"),
        ("event/not-an-event/index.html", "<p>mine</p>"),
        ("event/notes.txt", "mine"),
    ];
    for (name, text) in foreign {
        let path = out.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    std::fs::write(out.join("index.html"), TRUNK_PAGE).unwrap();
    let first = build::build(&fixtures("valid"), out, &Options::default()).unwrap();
    let five = Corpus::with(&[("x.md", &event("x")), ("y.md", &event("y"))]);
    let second = build::build(five.path(), out, &Options::default()).unwrap();
    assert_ne!(first.bundle.name, second.bundle.name);
    for (name, text) in foreign {
        assert_eq!(
            std::fs::read_to_string(out.join(name)).unwrap(),
            text,
            "{name} kept"
        );
    }
    let files = all_files(out);
    assert!(
        !files.contains(&first.bundle.name),
        "the build's own old bundle is removed: {files:?}"
    );
    let events: Vec<&String> = files.iter().filter(|f| f.starts_with("event/")).collect();
    assert_eq!(
        events,
        [
            "event/not-an-event/index.html",
            "event/notes.txt",
            "event/x/index.html",
            "event/y/index.html"
        ],
        "only the old build's own pages are removed"
    );
    assert_site_whole(out);

    // Without event pages the build's pages go, and the folders they emptied.
    let options = Options {
        event_pages: false,
        ..Options::default()
    };
    build::build(five.path(), out, &options).unwrap();
    assert!(!out.join("event/x").exists());
    assert!(out.join("event/notes.txt").exists());
    // No page at all: OUT keeps only the bundle and the foreign files.
    std::fs::remove_file(out.join("index.html")).unwrap();
    let third = build::build(five.path(), out, &options).unwrap();
    let mut left: Vec<String> = foreign.iter().map(|(n, _)| n.to_string()).collect();
    left.extend(common::bundle_files(&third));
    left.push(".timeline-build.json".into());
    left.sort();
    assert_eq!(
        all_files(out),
        left,
        "every file the build wrote before is gone"
    );
}

/// The site in `out` is one build's, whole: every page names a bundle that is there, the
/// worker precaches only files that are there, and no temporary file is left.
fn assert_site_whole(out: &Path) {
    let files = all_files(out);
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    let bundle = named_bundle(&index).expect("index.html names a bundle");
    assert!(files.contains(&bundle), "{bundle} is in {files:?}");
    for f in files.iter().filter(|f| f.ends_with(".html")) {
        let html = std::fs::read_to_string(out.join(f)).unwrap();
        if let Some(named) = named_bundle(&html) {
            assert_eq!(named, bundle, "{f} names the same bundle as index.html");
        }
    }
    let sw = std::fs::read_to_string(out.join("sw.js")).unwrap();
    let list = sw.split("const FILES = [").nth(1).unwrap();
    let list = &list[..list.find("];").unwrap()];
    for f in list.split(',').map(|f| f.trim().trim_matches('"')) {
        if !f.is_empty() {
            assert!(
                out.join(f).is_file(),
                "sw.js precaches {f}, which is missing"
            );
        }
    }
    assert!(list.contains(&bundle), "sw.js precaches {bundle}");
    assert!(
        !files.iter().any(|f| f.contains(".timeline-tmp")),
        "no temporary file is left: {files:?}"
    );
}

fn named_bundle(html: &str) -> Option<String> {
    let at = html.find("<meta name=\"timeline-bundle\" content=\"")?;
    let rest = &html[at + 38..];
    Some(rest[..rest.find('"')?].to_string())
}

#[test]
fn a_rebuild_that_fails_halfway_leaves_the_previous_site_working() {
    let out = tempfile::tempdir().unwrap();
    let out = out.path();
    std::fs::write(out.join("index.html"), TRUNK_PAGE).unwrap();
    let first = build::build(&fixtures("valid"), out, &Options::default()).unwrap();
    assert_site_whole(out);
    let live = snapshot(out);

    // A folder where the build writes a file: 404.html, or the next corpus's event page.
    let next = Corpus::with(&[("x.md", &event("x")), ("y.md", &event("y"))]);
    for blocker in ["404.html", "event/y/index.html", "sw.js"] {
        let path = out.join(blocker);
        let was = std::fs::read(&path).ok();
        let _ = std::fs::remove_file(&path);
        std::fs::create_dir_all(path.join("keep")).unwrap();
        let e = build::build(next.path(), out, &Options::default()).unwrap_err();
        assert!(
            e.to_string().contains(blocker),
            "the error names {blocker}: {e}"
        );
        std::fs::remove_dir_all(&path).unwrap();
        match was {
            Some(bytes) => std::fs::write(&path, bytes).unwrap(),
            None => std::fs::remove_dir(out.join("event/y")).unwrap(),
        }
        assert_eq!(
            snapshot(out),
            live,
            "after {blocker}: the live site is as it was"
        );
        assert_site_whole(out);
    }

    // A name too long for the file system (an id of 130 two-byte letters is 260 bytes)
    // never gets as far as the output: the check refuses it (E009), nothing is written.
    let long_id = "é".repeat(130);
    let long = Corpus::with(&[("x.md", &event("x")), ("long.md", &event(&long_id))]);
    let e = build::build(long.path(), out, &Options::default()).unwrap_err();
    let report = e.report().expect("the check ran");
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.code == timeline_compiler::diagnostic::Code::InvalidId),
        "{e}"
    );
    assert_eq!(snapshot(out), live, "the live site is as it was");
    assert_site_whole(out);
    assert!(out.join(&first.bundle.name).is_file());
}
