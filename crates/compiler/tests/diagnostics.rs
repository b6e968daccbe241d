//! Every diagnostic code, produced by a small crafted file in `fixtures/invalid/` (or, for
//! the two that need a file system trick, made in a temporary folder), with the exact
//! line and column each one reports.
//!
//! A fixture is named after the code it shows (`E011-invalid-date.md`) and uses its file
//! name as its id, so that no other warning (W004) creeps in.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use timeline_compiler::diagnostic::{Code, Severity};
use timeline_compiler::event::MAX_FILE_BYTES;

fn invalid_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid")
}

/// Every diagnostic the invalid fixtures give: (file, code, line, column). Line 0 means
/// "the whole file"; column 0 means the code gives no column.
const EXPECTED: &[(&str, &str, usize, usize)] = &[
    // The first bad byte: line 3, the 17th character (`Café, caf` then Latin-1 é).
    ("E001-not-utf8.md", "E001", 3, 17),
    ("E002-empty-file.md", "E002", 0, 0),
    ("E003-no-front-matter.md", "E003", 1, 1),
    // The opening fence that is never closed.
    ("E004-unterminated-front-matter.md", "E004", 1, 0),
    // The alias bomb has no position from the parser: the front matter's first line.
    ("E005-yaml-alias-bomb.md", "E005", 2, 0),
    // `title: Senator: …`: the second colon, 15th character of line 3.
    ("E005-yaml-syntax.md", "E005", 3, 15),
    // The missing comma after `"Café"`: 19th character (21st byte) of line 3.
    ("E006-json-syntax.json", "E006", 3, 19),
    ("E007-not-a-mapping-json.json", "E007", 1, 0),
    ("E007-not-a-mapping.md", "E007", 1, 0),
    // A missing field has no line of its own: the file's first line.
    ("E008-missing-id.md", "E008", 1, 0),
    ("E009-invalid-id.md", "E009", 3, 0),
    ("E010-missing-date.md", "E010", 1, 0),
    ("E011-invalid-date.md", "E011", 5, 0),
    ("E012-impossible-date.md", "E012", 4, 0),
    ("E013-missing-title.md", "E013", 4, 0),
    // The JSON copy loses to the Markdown one; the line of its `id`.
    ("E014-duplicate-id.json", "E014", 3, 0),
    ("W001-unknown-status.md", "W001", 6, 0),
    ("W002-importance-out-of-range.md", "W002", 5, 0),
    ("W003-missing-importance.md", "W003", 1, 0),
    ("W004-id-mismatch.md", "W004", 2, 0),
    // The first copy of `tags` (the second, on line 9, is kept).
    ("W005-duplicate-key.md", "W005", 3, 0),
    // The source's own line, not the `sources:` key's.
    ("W006-source-without-url.md", "W006", 9, 0),
    ("W007-non-http-url.md", "W007", 10, 0),
    ("W008-unknown-field.md", "W008", 6, 0),
    ("W009-invalid-field.md", "W009", 6, 0),
    // `colour = …`: an unknown key.
    ("timeline.toml", "E017", 2, 1),
];

/// The codes made at test time, with the test that makes each.
const GENERATED: &[(Code, &str)] = &[
    (
        Code::FileTooLarge,
        "a_file_over_4_mib_is_rejected_before_it_is_read",
    ),
    (Code::Unreadable, "a_file_that_cannot_be_read_is_reported"),
];

fn found(checked: &timeline_compiler::Checked) -> Vec<(String, &'static str, usize, usize)> {
    checked
        .diagnostics
        .iter()
        .map(|d| (d.file.clone(), d.code.id(), d.line, d.column))
        .collect()
}

#[test]
fn each_invalid_fixture_gives_exactly_its_diagnostic() {
    let checked = timeline_compiler::check(&invalid_dir()).unwrap();
    let mut expected: Vec<_> = EXPECTED
        .iter()
        .map(|&(f, c, l, col)| (f.to_string(), c, l, col))
        .collect();
    expected.sort();
    let mut got = found(&checked);
    got.sort();
    assert_eq!(got, expected);
}

#[test]
fn every_invalid_fixture_is_accounted_for() {
    let dir = invalid_dir();
    let checked = timeline_compiler::check(&dir).unwrap();
    assert_eq!(
        checked.files,
        checked.events.len() + checked.rejected.len() + checked.skipped.len()
    );
    assert_eq!(checked.files, std::fs::read_dir(&dir).unwrap().count());
    let rejected: Vec<&str> = checked.rejected.iter().map(String::as_str).collect();
    let mut erroneous: Vec<&str> = EXPECTED
        .iter()
        .filter(|e| e.1.starts_with('E') && e.0 != "timeline.toml")
        .map(|e| e.0)
        .collect();
    erroneous.sort();
    assert_eq!(
        rejected, erroneous,
        "a file with an error, and only such a file, is rejected"
    );
    let mut kept: Vec<&str> = checked.events.iter().map(|e| e.file.as_str()).collect();
    kept.sort();
    assert_eq!(
        kept,
        [
            "E014-duplicate-id.md",
            "W001-unknown-status.md",
            "W002-importance-out-of-range.md",
            "W003-missing-importance.md",
            "W004-id-mismatch.md",
            "W005-duplicate-key.md",
            "W006-source-without-url.md",
            "W007-non-http-url.md",
            "W008-unknown-field.md",
            "W009-invalid-field.md",
        ]
    );
    assert_eq!(checked.skipped.len(), 1, "timeline.toml");
    // An invalid timeline.toml leaves the defaults.
    assert_eq!(checked.settings, Default::default());
}

#[test]
fn every_code_has_a_fixture() {
    let checked = timeline_compiler::check(&invalid_dir()).unwrap();
    let mut produced: BTreeSet<Code> = checked.diagnostics.iter().map(|d| d.code).collect();
    produced.extend(GENERATED.iter().map(|g| g.0));
    let missing: Vec<String> = Code::ALL
        .iter()
        .filter(|c| !produced.contains(c))
        .map(|c| format!("{}/{}", c.id(), c.name()))
        .collect();
    assert!(
        missing.is_empty(),
        "no fixture produces {missing:?}: add tests/fixtures/invalid/<code>-<name>.md and a row to EXPECTED"
    );
    // The generated codes really are produced by their tests (checked here too, cheaply).
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("big.md"),
        vec![b'x'; MAX_FILE_BYTES as usize + 1],
    )
    .unwrap();
    std::os::unix::fs::symlink("nowhere.md", dir.path().join("dangling.md")).unwrap();
    let made: BTreeSet<Code> = timeline_compiler::check(dir.path())
        .unwrap()
        .diagnostics
        .iter()
        .map(|d| d.code)
        .collect();
    assert_eq!(made, GENERATED.iter().map(|g| g.0).collect());
}

#[test]
fn fixture_names_tell_the_truth() {
    let checked = timeline_compiler::check(&invalid_dir()).unwrap();
    for entry in std::fs::read_dir(invalid_dir()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name == "timeline.toml" {
            continue;
        }
        let code = &name[..4];
        let has = checked
            .diagnostics
            .iter()
            .any(|d| d.file == name && d.code.id() == code);
        let is_the_kept_copy = name == "E014-duplicate-id.md";
        assert!(has || is_the_kept_copy, "{name} does not give {code}");
    }
}

#[test]
fn every_diagnostic_explains_itself_and_renders() {
    let checked = timeline_compiler::check(&invalid_dir()).unwrap();
    for d in &checked.diagnostics {
        assert!(!d.message.trim().is_empty(), "{d:?}");
        assert!(
            d.hint.as_deref().is_some_and(|h| !h.is_empty()),
            "{d:?} has no hint"
        );
        assert_eq!(
            d.severity() == Severity::Error,
            d.code.id().starts_with('E')
        );
        let text = checked.texts.get(&d.file).map(String::as_str);
        if d.code != Code::NotUtf8 && d.code != Code::EmptyFile {
            assert!(
                text.is_some(),
                "the text of {} is kept to show the line",
                d.file
            );
        }
        let out = d.render(text, false);
        let head = format!("[{}/{}]: {}", d.code.id(), d.code.name(), d.message);
        assert!(out.contains(&head), "{out}");
        assert!(out.contains(&d.file), "{out}");
        if d.line > 0 && d.column > 0 {
            assert!(
                out.contains(&format!("{}:{}:{}", d.file, d.line, d.column)),
                "{out}"
            );
        }
    }
}

#[test]
fn carets_point_at_the_character_the_column_names() {
    let checked = timeline_compiler::check(&invalid_dir()).unwrap();
    // `  "title": "Café" "date": …`: the caret must start under `"date"`, not 2 bytes later.
    let d = checked
        .diagnostics
        .iter()
        .find(|d| d.code == Code::JsonSyntax)
        .unwrap();
    let out = d.render(checked.texts.get(&d.file).map(String::as_str), false);
    let lines: Vec<&str> = out.lines().collect();
    let source = lines
        .iter()
        .position(|l| l.contains("\"Café\" \"date\""))
        .unwrap();
    let code_line = lines[source];
    let carets = lines[source + 1];
    // Both lines start with the same gutter (`3 │ ` and `  │ `), so characters line up.
    let caret = carets.chars().position(|c| c == '^').unwrap();
    let under: String = code_line.chars().skip(caret).take(6).collect();
    assert_eq!(under, "\"date\"", "{out}");
}

#[test]
fn the_markdown_copy_of_a_duplicate_wins() {
    let checked = timeline_compiler::check(&invalid_dir()).unwrap();
    let d = checked
        .diagnostics
        .iter()
        .find(|d| d.code == Code::DuplicateId)
        .unwrap();
    assert_eq!(d.file, "E014-duplicate-id.json");
    assert!(
        d.message.contains("`E014-duplicate-id.md`"),
        "{}",
        d.message
    );
    let kept = checked
        .events
        .iter()
        .find(|e| e.id == "E014-duplicate-id")
        .unwrap();
    assert_eq!(kept.file, "E014-duplicate-id.md");
    assert_eq!(kept.title, "The Markdown copy, kept");
}

#[test]
fn a_file_over_4_mib_is_rejected_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut event = b"---\nid: big\ndate: 2020-01-01\ntitle: Big\nimportance: 5\n---\n".to_vec();
    let limit = MAX_FILE_BYTES as usize;
    // Exactly 4 MiB is allowed; one byte more is not. And a 5 MiB file.
    let mut at_limit = event.clone();
    at_limit.resize(limit, b'a');
    std::fs::write(dir.path().join("at-limit.md"), &at_limit).unwrap();
    at_limit.push(b'a');
    std::fs::write(dir.path().join("over.md"), &at_limit).unwrap();
    event.resize(5 << 20, b'a');
    std::fs::write(dir.path().join("five.md"), &event).unwrap();
    let started = std::time::Instant::now();
    let checked = timeline_compiler::check(dir.path()).unwrap();
    assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
    let mut got = found(&checked);
    got.sort();
    assert_eq!(
        got,
        [
            ("at-limit.md".to_string(), "W004", 2, 0),
            ("five.md".to_string(), "E015", 0, 0),
            ("over.md".to_string(), "E015", 0, 0),
        ]
    );
    assert!(checked.diagnostics[1].message.contains("5242880 bytes"));
    assert_eq!(checked.rejected, ["five.md", "over.md"]);
    assert_eq!(checked.events.len(), 1);
    assert!(
        !checked.texts.contains_key("five.md"),
        "a too large file is never kept in memory for the report"
    );
}

#[test]
fn a_file_that_cannot_be_read_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    // A link to nothing, and a link to itself: unreadable even for root.
    std::os::unix::fs::symlink("nowhere.md", dir.path().join("dangling.md")).unwrap();
    std::os::unix::fs::symlink("loop.md", dir.path().join("loop.md")).unwrap();
    let checked = timeline_compiler::check(dir.path()).unwrap();
    let mut got = found(&checked);
    got.sort();
    assert_eq!(
        got,
        [
            ("dangling.md".to_string(), "E016", 0, 0),
            ("loop.md".to_string(), "E016", 0, 0),
        ]
    );
    assert!(checked.diagnostics[0].message.contains("could not read"));
    assert_eq!(checked.rejected, ["dangling.md", "loop.md"]);
}

#[test]
fn a_file_without_read_permission_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("secret.md");
    std::fs::write(
        &path,
        "---\nid: secret\ndate: 2020\ntitle: T\nimportance: 1\n---\n",
    )
    .unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        // Root (as in CI here) reads any file whatever its mode: nothing to test. The
        // dangling-link test above covers E016 for every user.
        eprintln!("skipped: this user can read a file with mode 000 (running as root)");
        return;
    }
    let checked = timeline_compiler::check(dir.path()).unwrap();
    assert_eq!(found(&checked), [("secret.md".to_string(), "E016", 0, 0)]);
}

#[test]
fn settings_that_are_not_http_are_rejected_with_their_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("timeline.toml"),
        "title = \"T\"\n\nedit_url = \"javascript:alert(1)\"\n",
    )
    .unwrap();
    let checked = timeline_compiler::check(dir.path()).unwrap();
    assert_eq!(
        found(&checked),
        [("timeline.toml".to_string(), "E017", 3, 0)]
    );
    std::fs::write(dir.path().join("timeline.toml"), "title = [\n").unwrap();
    let checked = timeline_compiler::check(dir.path()).unwrap();
    assert_eq!(checked.diagnostics[0].code, Code::Settings);
    assert_eq!(checked.diagnostics[0].line, 2);
}
