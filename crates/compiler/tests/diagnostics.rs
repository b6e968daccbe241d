//! Every diagnostic code, produced by a small crafted file in `fixtures/invalid/` (or, for
//! those that need a file system trick or a file name of their own, made in a temporary
//! folder), with the exact line and column each one reports.
//!
//! A fixture is named after the code it shows (`E011-invalid-date.md`) and uses its file
//! name as its id, so that no other warning (W004) creeps in.

mod common;

use common::{fixtures, Corpus};
use std::collections::BTreeSet;
use timeline_compiler::diagnostic::{Code, Severity};
use timeline_compiler::event::MAX_FILE_BYTES;
use timeline_compiler::Checked;

/// The invalid fixtures, checked.
fn invalid() -> Checked {
    common::check(&fixtures("invalid"))
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
    // A YAML event's lines are the file's own: the second colon of line 4.
    ("E005-yaml-event-syntax.yaml", "E005", 4, 38),
    // The missing comma after `"Café"`: 19th character (21st byte) of line 3.
    ("E006-json-syntax.json", "E006", 3, 19),
    ("E007-not-a-mapping-json.json", "E007", 1, 0),
    ("E007-not-a-mapping.md", "E007", 1, 0),
    // A missing field has no line of its own: the file's first line.
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
    // The JSON copy of the same event loses to the Markdown one; the line of its `id`.
    ("W011-duplicate-copy.json", "W011", 3, 0),
    // The third connection, on its own line: the first names an event, the second is words.
    ("W012-connection-to-no-event.md", "W012", 9, 0),
    // `colour = …`: an unknown key.
    ("timeline.toml", "E017", 2, 1),
];

/// The codes made at test time, with the test that makes each.
const GENERATED: &[(Code, &str)] = &[
    (
        Code::MissingId,
        "an_id_comes_from_the_file_name_when_it_can_and_only_then",
    ),
    (
        Code::DateFromFileName,
        "a_date_comes_from_the_file_name_with_a_warning",
    ),
    (
        Code::NoEvents,
        "a_folder_without_an_event_says_what_it_holds",
    ),
    (
        Code::FileTooLarge,
        "a_file_over_4_mib_is_rejected_before_it_is_read",
    ),
    (Code::Unreadable, "a_file_that_cannot_be_read_is_reported"),
];

fn found(checked: &Checked) -> Vec<(String, &'static str, usize, usize)> {
    checked
        .report
        .diagnostics
        .iter()
        .map(|d| (d.file.clone(), d.code.id(), d.line, d.column))
        .collect()
}

#[test]
fn each_invalid_fixture_gives_exactly_its_diagnostic() {
    let checked = invalid();
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
    let checked = invalid();
    common::assert_accounted(&checked);
    let report = &checked.report;
    assert_eq!(report.files, common::all_files(&fixtures("invalid")).len());
    let rejected: Vec<&str> = report.rejected.iter().map(String::as_str).collect();
    let mut erroneous: Vec<&str> = EXPECTED
        .iter()
        .filter(|e| e.1.starts_with('E'))
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
            "W011-duplicate-copy.md",
            "W012-connection-to-no-event.md",
        ]
    );
    // An invalid timeline.toml is rejected (not skipped, as a valid one is), and leaves
    // the defaults; the copy of an event is skipped.
    assert_eq!(
        common::skipped(&checked),
        [("W011-duplicate-copy.json", timeline_compiler::check::COPY)]
    );
    assert_eq!(checked.settings, Default::default());
}

#[test]
fn every_code_has_a_fixture() {
    let checked = invalid();
    let mut produced: BTreeSet<Code> = checked.report.diagnostics.iter().map(|d| d.code).collect();
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
    let corpus = Corpus::with(&[
        ("big.md", &vec![b'x'; MAX_FILE_BYTES as usize + 1]),
        (" .md", b"---\ndate: 2020\ntitle: T\nimportance: 1\n---\n"),
        (
            "2020-01-02--undated.md",
            b"---\ntitle: T\nimportance: 1\n---\n",
        ),
    ]);
    std::os::unix::fs::symlink("nowhere.md", corpus.path().join("dangling.md")).unwrap();
    let mut made: BTreeSet<Code> = corpus
        .check()
        .report
        .diagnostics
        .iter()
        .map(|d| d.code)
        .collect();
    made.extend(common::codes(&Corpus::new().check()));
    assert_eq!(made, GENERATED.iter().map(|g| g.0).collect());
}

#[test]
fn fixture_names_tell_the_truth() {
    let checked = invalid();
    for name in common::all_files(&fixtures("invalid")) {
        if name == "timeline.toml" {
            continue;
        }
        let code = &name[..4];
        let has = checked
            .report
            .diagnostics
            .iter()
            .any(|d| d.file == name && d.code.id() == code);
        let is_the_kept_copy = name == "E014-duplicate-id.md" || name == "W011-duplicate-copy.md";
        assert!(has || is_the_kept_copy, "{name} does not give {code}");
    }
}

#[test]
fn every_diagnostic_explains_itself_and_renders() {
    let checked = invalid();
    let report = &checked.report;
    for d in &report.diagnostics {
        assert!(!d.message.trim().is_empty(), "{d:?}");
        assert!(
            d.hint.as_deref().is_some_and(|h| !h.is_empty()),
            "{d:?} has no hint"
        );
        assert_eq!(
            d.severity() == Severity::Error,
            d.code.id().starts_with('E')
        );
        let text = report.texts.get(&d.file).map(String::as_str);
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
    let checked = invalid();
    // `  "title": "Café" "date": …`: the caret must start under `"date"`, not 2 bytes later.
    let report = &checked.report;
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.code == Code::JsonSyntax)
        .unwrap();
    let out = d.render(report.texts.get(&d.file).map(String::as_str), false);
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
    let checked = invalid();
    let d = checked
        .report
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
    assert_eq!(kept.parsed().title, "The Markdown copy, kept");
}

#[test]
fn a_file_over_4_mib_is_rejected_before_it_is_read() {
    let corpus = Corpus::new();
    let mut event = b"---\nid: big\ndate: 2020-01-01\ntitle: Big\nimportance: 5\n---\n".to_vec();
    let limit = MAX_FILE_BYTES as usize;
    // Exactly 4 MiB is allowed; one byte more is not. And a 5 MiB file.
    let mut at_limit = event.clone();
    at_limit.resize(limit, b'a');
    corpus.write("at-limit.md", &at_limit);
    at_limit.push(b'a');
    corpus.write("over.md", &at_limit);
    event.resize(5 << 20, b'a');
    corpus.write("five.md", &event);
    let started = std::time::Instant::now();
    let checked = corpus.check();
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
    assert!(checked.report.diagnostics[1]
        .message
        .contains("5242880 bytes"));
    assert_eq!(checked.report.rejected, ["five.md", "over.md"]);
    assert_eq!(checked.events.len(), 1);
    assert!(
        !checked.report.texts.contains_key("five.md"),
        "a too large file is never kept in memory for the report"
    );
}

#[test]
fn a_file_that_cannot_be_read_is_reported() {
    // With one event, so that the folder is not empty of events (E018).
    let corpus = Corpus::with(&[("ok.md", &common::event("ok"))]);
    // A link to nothing, and a link to itself: unreadable even for root.
    std::os::unix::fs::symlink("nowhere.md", corpus.path().join("dangling.md")).unwrap();
    std::os::unix::fs::symlink("loop.md", corpus.path().join("loop.md")).unwrap();
    let checked = corpus.check();
    let mut got = found(&checked);
    got.sort();
    assert_eq!(
        got,
        [
            ("dangling.md".to_string(), "E016", 0, 0),
            ("loop.md".to_string(), "E016", 0, 0),
        ]
    );
    assert!(checked.report.diagnostics[0]
        .message
        .contains("could not read"));
    assert_eq!(checked.report.rejected, ["dangling.md", "loop.md"]);
}

#[test]
fn a_file_without_read_permission_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let corpus = Corpus::with(&[("ok.md", &common::event("ok"))]);
    let path = corpus.write(
        "secret.md",
        "---\nid: secret\ndate: 2020\ntitle: T\nimportance: 1\n---\n",
    );
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        // Root (as in CI here) reads any file whatever its mode: nothing to test. The
        // dangling-link test above covers E016 for every user.
        eprintln!("skipped: this user can read a file with mode 000 (running as root)");
        return;
    }
    let checked = corpus.check();
    assert_eq!(found(&checked), [("secret.md".to_string(), "E016", 0, 0)]);
}

#[test]
fn settings_that_are_not_http_are_rejected_with_their_line() {
    let corpus = Corpus::with(&[("ok.md", &common::event("ok"))]);
    let settings = "title = \"T\"\n\nedit_url = \"javascript:alert(1)\"\n";
    corpus.write("timeline.toml", settings);
    let checked = corpus.check();
    assert_eq!(
        found(&checked),
        [("timeline.toml".to_string(), "E017", 3, 0)]
    );
    assert_eq!(
        checked.report.texts["timeline.toml"], settings,
        "the text read once is the one shown"
    );
    corpus.write("timeline.toml", "title = [\n");
    let checked = corpus.check();
    assert_eq!(checked.report.diagnostics[0].code, Code::Settings);
    assert_eq!(checked.report.diagnostics[0].line, 2);
}

#[test]
fn invalid_settings_are_rejected_and_say_the_defaults_are_used() {
    let corpus = Corpus::with(&[
        ("timeline.toml", b"title = \"Mine\"\ncolour = \"red\"\n"),
        (
            "a.md",
            b"---\nid: a\ndate: 2020\ntitle: T\nimportance: 1\n---\n",
        ),
    ]);
    let checked = corpus.check();
    common::assert_accounted(&checked);
    let report = &checked.report;
    assert_eq!(report.rejected, ["timeline.toml"], "rejected, not skipped");
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    let d = &report.diagnostics[0];
    assert_eq!((d.code, d.line), (Code::Settings, 2));
    assert!(
        d.message.contains("the site's defaults are used"),
        "{}",
        d.message
    );
    // A build that allows errors uses the defaults, and says so in the same words.
    let out = tempfile::tempdir().unwrap();
    let options = timeline_compiler::build::Options {
        allow_errors: true,
        ..Default::default()
    };
    let built = timeline_compiler::build(corpus.path(), out.path(), &options).unwrap();
    assert_eq!(built.report.rejected, ["timeline.toml"]);
    let bytes = std::fs::read(&built.bundle.core).unwrap();
    assert_eq!(
        timeline_bundle::decode_core(&bytes).unwrap().site.title,
        "Timeline"
    );
}

#[test]
fn yaml_merge_keys_apply_and_integers_past_64_bits_stay_text() {
    let md = "---\nbase: &base\n  date: 2020-01-02\n  title: Merged\nid: m\n<<: *base\ntitle: Own\n\
              importance: 123456789012345678901234567890\ncount: 99999999999999999999\n\
              sources:\n- &s {url: 'https://example.org/a', outlet: O}\n- <<: *s\n  title: Two\n---\n";
    let json = "{\"id\": \"j\", \"date\": \"2020\", \"title\": \"T\", \"importance\": 123456789012345678901234567890,\n\
                \"count\": -99999999999999999999}\n";
    let corpus = Corpus::with(&[("m.md", md.as_bytes()), ("j.json", json.as_bytes())]);
    let checked = corpus.check();
    common::assert_accounted(&checked);
    let mut got = found(&checked);
    got.sort();
    assert_eq!(
        got,
        [
            ("j.json".to_string(), "W002", 1, 0),
            ("j.json".to_string(), "W008", 2, 0),
            ("m.md".to_string(), "W002", 8, 0),
            ("m.md".to_string(), "W008", 2, 0),
            ("m.md".to_string(), "W008", 9, 0),
        ]
    );
    let event = |id: &str| checked.events.iter().find(|e| e.id == id).unwrap().parsed();
    let m = event("m");
    assert_eq!(
        (m.title.as_str(), m.date.to_string().as_str()),
        ("Own", "2020-01-02")
    );
    assert!(m
        .extra
        .contains(&("count".to_string(), "99999999999999999999".to_string())));
    assert_eq!(m.sources.len(), 2);
    assert_eq!(
        m.sources[1].outlet.as_deref(),
        Some("O"),
        "merged from the first source"
    );
    assert_eq!(m.sources[1].title.as_deref(), Some("Two"));
    let j = event("j");
    assert!(j
        .extra
        .contains(&("count".to_string(), "-99999999999999999999".to_string())));
}

/// The diagnostics of `file`: (code, line).
fn of_file(checked: &Checked, file: &str) -> Vec<(Code, usize)> {
    checked
        .report
        .diagnostics
        .iter()
        .filter(|d| d.file == file)
        .map(|d| (d.code, d.line))
        .collect()
}

#[test]
fn an_id_comes_from_the_file_name_when_it_can_and_only_then() {
    let long = format!("{}.md", "x".repeat(201));
    let body = b"---\ndate: 2020\ntitle: T\nimportance: 1\n---\n";
    let corpus = Corpus::with(&[
        (
            "2020-05-06--from-the-name.yaml",
            b"date: 2020\ntitle: T\nimportance: 1\n",
        ),
        (
            "sub/null-id.md",
            b"---\nid:\ndate: 2020\ntitle: T\nimportance: 1\n---\n",
        ),
        (
            "written.yaml",
            b"id: other\ndate: 2020\ntitle: T\nimportance: 1\n",
        ),
        // Nothing before the extension, once trimmed as an id is: no id to take.
        (" .md", body),
        (&long, body),
        ("bell\u{7}.md", body),
    ]);
    let checked = corpus.check();
    common::assert_accounted(&checked);
    assert_eq!(
        common::ids(&checked),
        ["2020-05-06--from-the-name", "null-id", "other"]
    );
    assert!(of_file(&checked, "2020-05-06--from-the-name.yaml").is_empty());
    assert!(of_file(&checked, "sub/null-id.md").is_empty());
    // A written id keeps its rule: it should be the file name.
    assert_eq!(of_file(&checked, "written.yaml"), [(Code::IdMismatch, 1)]);
    // The whole file (line 0): the name is the problem.
    assert_eq!(of_file(&checked, " .md"), [(Code::MissingId, 0)]);
    assert_eq!(of_file(&checked, &long), [(Code::InvalidId, 0)]);
    assert_eq!(of_file(&checked, "bell\u{7}.md"), [(Code::InvalidId, 0)]);
    let message = |file: &str| {
        let d = checked.report.diagnostics.iter().find(|d| d.file == file);
        d.unwrap().message.clone()
    };
    assert_eq!(
        message("bell\u{7}.md"),
        "the event has no `id`, and its file name `bell\\u{7}` is no id: it holds a control character"
    );
    assert!(
        message(&long).ends_with("is no id: it is longer than 200 characters"),
        "{}",
        message(&long)
    );
    assert_eq!(
        message(" .md"),
        "the event has no `id`, and its file name has none to give"
    );
    assert_eq!(checked.report.rejected.len(), 3);
}

#[test]
fn a_date_comes_from_the_file_name_with_a_warning() {
    let untitled = |id: &str| format!("---\nid: {id}\ntitle: T\nimportance: 1\n---\n");
    let corpus = Corpus::with(&[
        ("2020-05-06--undated.yaml", b"title: T\nimportance: 1\n"),
        ("2020-05-07.md", untitled("2020-05-07").as_bytes()),
        (
            "2020-05-08--written.md",
            b"---\nid: 2020-05-08--written\ndate: 1999\ntitle: T\nimportance: 1\n---\n",
        ),
        (
            "2020-05-09--null.md",
            b"---\nid: 2020-05-09--null\ndate: ~\ntitle: T\nimportance: 1\n---\n",
        ),
        // No date to take: impossible, followed by a digit, or not a whole date.
        (
            "2023-02-30--impossible.md",
            untitled("2023-02-30--impossible").as_bytes(),
        ),
        ("2020-05-061.md", untitled("2020-05-061").as_bytes()),
        ("2020-05--month.md", untitled("2020-05--month").as_bytes()),
    ]);
    let checked = corpus.check();
    common::assert_accounted(&checked);
    let date = |id: &str| {
        let e = checked.events.iter().find(|e| e.id == id).unwrap();
        e.date.to_string()
    };
    assert_eq!(date("2020-05-06--undated"), "2020-05-06");
    assert_eq!(date("2020-05-07"), "2020-05-07");
    assert_eq!(
        date("2020-05-08--written"),
        "1999",
        "a written date wins, quietly"
    );
    assert_eq!(date("2020-05-09--null"), "2020-05-09");
    for file in ["2020-05-06--undated.yaml", "2020-05-07.md"] {
        assert_eq!(of_file(&checked, file), [(Code::DateFromFileName, 1)]);
    }
    assert!(of_file(&checked, "2020-05-08--written.md").is_empty());
    // `date: ~` is no date: the line of its key.
    assert_eq!(
        of_file(&checked, "2020-05-09--null.md"),
        [(Code::DateFromFileName, 3)]
    );
    for file in [
        "2023-02-30--impossible.md",
        "2020-05-061.md",
        "2020-05--month.md",
    ] {
        assert_eq!(of_file(&checked, file), [(Code::MissingDate, 1)], "{file}");
    }
    let d = checked
        .report
        .diagnostics
        .iter()
        .find(|d| d.file == "2020-05-06--undated.yaml");
    assert_eq!(
        d.unwrap().message,
        "the event has no `date`; the file name's `2020-05-06` is used"
    );
}

#[test]
fn a_folder_without_an_event_says_what_it_holds() {
    let empty = Corpus::new().check();
    assert_eq!(found(&empty), [(".".to_string(), "E018", 0, 0)]);
    assert_eq!(
        empty.report.diagnostics[0].message,
        "no file is an event: the folder holds no files"
    );
    let corpus = Corpus::with(&[
        ("a.txt", b"notes"),
        ("b.txt", b"notes"),
        ("c.md", b"# A page, not an event\n"),
        ("_config.yml", b"title: site\n"),
        ("README.md", b"# Read me\n"),
    ]);
    let checked = corpus.check();
    common::assert_accounted(&checked);
    let d = &checked.report.diagnostics[0];
    assert_eq!((d.file.as_str(), d.code, d.line), (".", Code::NoEvents, 0));
    assert_eq!(
        d.message,
        "no file is an event: 5 files found: 2 `.txt` skipped, not an event format (.md, .json, .yaml); \
         1 `.md` rejected, E003/no-front-matter; 1 `.md` skipped, a README or other project document; \
         1 `.yml` skipped, hidden or `_` name"
    );
    assert!(d.hint.as_deref().unwrap().contains("`.yaml` mapping"));
    assert_eq!(checked.report.errors(), 2, "E018 and the file's E003");
    let shown = common::shown(&checked);
    assert!(shown.contains("error[E018/no-events]"), "{shown}");
}
