//! Hostile corpus folders, through `check`: links out of the corpus, FIFOs, devices, loops
//! of links and folders that cannot be read. Nothing outside the corpus is read, nothing
//! blocks or reads forever, each folder is read once, and every entry is accounted for.
//!
//! The time limit is loose (debug builds, a busy CI machine): it catches a hang.

mod common;

use common::{check_in_time, codes, event, ids, shown, skipped, Corpus};
use std::os::unix::fs::symlink;
use std::path::Path;
use std::time::Duration;
use timeline_compiler::diagnostic::Code;

const QUICK: Duration = Duration::from_secs(10);

/// Makes a FIFO at `path` with mkfifo(1).
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

#[test]
fn links_out_of_the_corpus_are_skipped_never_read() {
    let outside = Corpus::with(&[(
        "secret.md",
        b"---\nid: secret\ndate: 2020\ntitle: SECRET\n---\n",
    )]);
    let corpus = Corpus::with(&[
        ("a.md", &event("a")),
        (".store/c.md", &event("c")),
        ("_shelf/d.md", &event("d")),
    ]);
    let link = |target: &Path, name: &str| symlink(target, corpus.path().join(name)).unwrap();
    link(Path::new("/proc/self/environ"), "env.md");
    link(Path::new("/etc/passwd"), "passwd.md");
    link(Path::new("/dev/zero"), "zero.json");
    link(&outside.path().join("secret.md"), "secret.md");
    link(outside.path(), "elsewhere");
    // Links that stay inside the corpus are read (relative or absolute).
    link(Path::new(".store/c.md"), "c.md");
    link(&corpus.path().join("_shelf"), "shelf");
    let checked = check_in_time(corpus.path(), QUICK).unwrap();
    common::assert_accounted(&checked);
    assert_eq!(ids(&checked), ["a", "c", "d"]);
    let outside_reason = "a link to outside the corpus";
    let skipped = skipped(&checked);
    for name in ["env.md", "passwd.md", "zero.json", "secret.md", "elsewhere"] {
        assert!(
            skipped.contains(&(name, outside_reason)),
            "{name} in {skipped:?}"
        );
    }
    let shown = shown(&checked);
    assert!(
        !shown.contains("root:") && !shown.contains("SECRET"),
        "{shown}"
    );
    assert!(
        checked.report.texts.is_empty(),
        "{:?}",
        checked.report.texts.keys()
    );
    assert!(checked.report.diagnostics.is_empty(), "{shown}");
}

#[test]
fn fifos_are_skipped_without_opening_them() {
    let corpus = Corpus::with(&[("a.md", &event("a"))]);
    std::fs::create_dir(corpus.path().join("sub")).unwrap();
    mkfifo(&corpus.path().join("x.md"));
    mkfifo(&corpus.path().join("sub/y.json"));
    let checked = check_in_time(corpus.path(), QUICK).unwrap();
    common::assert_accounted(&checked);
    assert_eq!(ids(&checked), ["a"]);
    let fifo = "a FIFO, not a regular file";
    assert_eq!(skipped(&checked), [("sub/y.json", fifo), ("x.md", fifo)]);
    // The settings and the ignore list are not opened either.
    mkfifo(&corpus.path().join("timeline.toml"));
    let checked = check_in_time(corpus.path(), QUICK).unwrap();
    common::assert_accounted(&checked);
    assert_eq!(codes(&checked), [Code::Settings]);
    assert!(checked
        .report
        .rejected
        .contains(&"timeline.toml".to_string()));
    mkfifo(&corpus.path().join(".timelineignore"));
    let e = check_in_time(corpus.path(), QUICK).unwrap_err();
    assert!(format!("{e}").contains(".timelineignore"), "{e}");
}

#[test]
fn a_device_is_skipped_without_reading_it() {
    let corpus = Corpus::with(&[("a.md", &event("a"))]);
    // /dev/zero's numbers; only a privileged user may make a device node.
    let made = std::process::Command::new("mknod")
        .arg(corpus.path().join("zero.md"))
        .args(["c", "1", "5"])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("skipped: this user cannot make a device node (mknod needs root)");
        return;
    }
    let checked = check_in_time(corpus.path(), QUICK).unwrap();
    common::assert_accounted(&checked);
    assert_eq!(ids(&checked), ["a"]);
    assert_eq!(
        skipped(&checked),
        [("zero.md", "a device, not a regular file")]
    );
}

#[test]
fn loops_of_links_are_read_once() {
    let corpus = Corpus::with(&[("x.md", &event("x")), ("sub/y.md", &event("y"))]);
    let link = |target: &str, name: &str| symlink(target, corpus.path().join(name)).unwrap();
    // Two links to the corpus itself walk 2^depth paths when followed blindly.
    link(".", "a");
    link(".", "b");
    link("..", "sub/up");
    link(".", "sub/self");
    link("sub", "twin");
    let checked = check_in_time(corpus.path(), QUICK).unwrap();
    common::assert_accounted(&checked);
    assert_eq!(ids(&checked), ["x", "y"]);
    assert!(codes(&checked).is_empty(), "{}", shown(&checked));
    let again = "a link to a folder already read";
    assert_eq!(
        skipped(&checked),
        [
            ("a", again),
            ("b", again),
            ("sub/self", again),
            ("sub/up", again),
            ("twin", again)
        ]
    );
}

#[test]
fn an_unreadable_folder_is_reported_and_the_rest_checked() {
    use std::os::unix::fs::PermissionsExt;
    let corpus = Corpus::with(&[("a.md", &event("a")), ("locked/b.md", &event("b"))]);
    let locked = corpus.path().join("locked");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read_dir(&locked).is_ok() {
        // Root reads any folder whatever its mode: the CLI test runs this as another user.
        eprintln!("skipped: this user can read a folder with mode 000 (running as root)");
        return;
    }
    let checked = corpus.check();
    common::assert_accounted(&checked);
    assert_eq!(ids(&checked), ["a"]);
    let d = &checked.report.diagnostics[0];
    assert_eq!((d.file.as_str(), d.code), ("locked", Code::Unreadable));
    assert!(d.message.contains("ermission denied"), "{}", d.message);
    assert_eq!(checked.report.rejected, ["locked"]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
}
