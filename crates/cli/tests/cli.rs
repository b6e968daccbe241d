//! The `timeline` binary as a user runs it: exit codes, the JSON report, stats, synth,
//! build's output folder, and the help of every subcommand.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn timeline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_timeline"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the timeline binary runs")
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exited, not killed")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

fn fixtures(which: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../compiler/tests/fixtures")
        .join(which)
        .to_string_lossy()
        .into_owned()
}

fn real_corpus() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/events");
    assert!(dir.is_dir(), "the real corpus is not at {}", dir.display());
    dir.to_string_lossy().into_owned()
}

/// A fresh, empty folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn exit_codes_say_clean_errors_or_could_not_run() {
    let valid = fixtures("valid");
    let invalid = fixtures("invalid");
    let out = scratch("exit-codes");
    let missing = out.join("no-such-folder");
    let file = out.join("a-file.md");
    std::fs::write(&file, "x").unwrap();

    assert_eq!(code(&timeline(&["check", &valid])), 0);
    assert_eq!(code(&timeline(&["check", &invalid])), 1);
    for args in [
        vec!["check", s(&missing)],
        vec!["check", s(&file)],
        vec!["stats", s(&missing)],
        vec!["build", s(&missing), "-o", s(&out)],
    ] {
        let run = timeline(&args);
        assert_eq!(code(&run), 2, "{args:?}");
        assert!(stderr(&run).contains("is not a folder"), "{}", stderr(&run));
    }
    // Usage errors are 2 as well (clap's convention).
    assert_eq!(code(&timeline(&["nosuch"])), 2);
    assert_eq!(code(&timeline(&["check"])), 2);
    assert_eq!(code(&timeline(&["check", &valid, "--format", "xml"])), 2);
    assert_eq!(code(&timeline(&["synth", "--count", "many", "-o", "x"])), 2);
}

#[test]
fn check_json_is_one_object_with_every_file_and_diagnostic() {
    let run = timeline(&["check", &fixtures("invalid"), "--format", "json"]);
    assert_eq!(code(&run), 1);
    let report: serde_json::Value = serde_json::from_str(&stdout(&run)).expect("one JSON value");
    let object = report.as_object().expect("an object");
    for key in [
        "files",
        "events",
        "rejected",
        "skipped",
        "ids",
        "diagnostics",
    ] {
        assert!(object.contains_key(key), "{key}");
    }
    assert_eq!(report["files"], 30);
    assert_eq!(report["events"], 12);
    // The invalid timeline.toml is rejected, not skipped; the copy of an event is skipped.
    assert_eq!(report["rejected"], 17);
    assert_eq!(report["skipped"], 1);
    assert_eq!(report["ids"].as_array().unwrap().len(), 12);
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 28);
    for d in diagnostics {
        assert!(d["file"].is_string(), "{d}");
        assert!(d["line"].is_u64(), "{d}");
        assert!(d["column"].is_u64(), "{d}");
        assert!(d["message"].is_string(), "{d}");
        let severity = d["severity"].as_str().unwrap();
        let code = d["code"].as_str().unwrap();
        assert_eq!(severity == "error", code.starts_with('E'), "{d}");
        assert!(severity == "error" || severity == "warning", "{d}");
    }
    let e006 = diagnostics
        .iter()
        .find(|d| d["code"] == "E006")
        .expect("E006");
    assert_eq!(e006["file"], "E006-json-syntax.json");
    assert_eq!(
        (e006["line"].as_u64(), e006["column"].as_u64()),
        (Some(3), Some(19))
    );
    // JSON goes to stdout alone: nothing human on it.
    assert!(stdout(&run).trim_start().starts_with('{'));
    assert!(stdout(&run).trim_end().ends_with('}'));
}

#[test]
fn check_json_on_the_real_corpus() {
    let run = timeline(&["check", &real_corpus(), "--format", "json"]);
    assert_eq!(
        code(&run),
        0,
        "no errors: its 103 duplicate ids are copies that agree"
    );
    let report: serde_json::Value = serde_json::from_str(&stdout(&run)).unwrap();
    assert_eq!(
        [
            &report["files"],
            &report["events"],
            &report["rejected"],
            &report["skipped"],
            &report["errors"],
            &report["warnings"]
        ],
        [1851, 1747, 0, 104, 0, 1126]
    );
    assert_eq!(report["diagnostics"].as_array().unwrap().len(), 1126);
}

#[test]
fn human_and_short_reports_end_with_the_totals() {
    let run = timeline(&["check", &fixtures("invalid"), "--format", "short"]);
    let err = stderr(&run);
    assert!(
        err.contains("E011-invalid-date.md:5: error[E011/invalid-date]: `May 2020` is not a date"),
        "{err}"
    );
    assert!(
        err.contains("30 files: 12 events in the bundle, 17 rejected, 1 skipped"),
        "{err}"
    );
    let run = timeline(&["check", &fixtures("invalid")]);
    let err = stderr(&run);
    assert!(err.contains("error[E012/impossible-date]"), "{err}");
    assert!(err.contains("E012-impossible-date.md:4"), "{err}");
    assert!(
        err.contains("date: 2023-02-29"),
        "the offending line is shown: {err}"
    );
    assert!(
        !err.contains('\x1b'),
        "no colour when NO_COLOR is set or not a terminal"
    );
    let quiet = stderr(&timeline(&["check", &fixtures("invalid"), "--quiet"]));
    assert!(!quiet.contains("warning["), "{quiet}");
    assert!(quiet.contains("17 errors, 11 warnings"), "{quiet}");
}

/// A corpus for `--format github`: a YAML error with its line and column, and a warning
/// whose file name and message hold a comma, a colon and a percent sign (each message has
/// its hint on a second line).
fn corpus_for_annotations(name: &str) -> PathBuf {
    let repo = scratch(name);
    let events = repo.join("events");
    std::fs::create_dir(&events).unwrap();
    std::fs::write(
        events.join("broken.md"),
        "---\nid: broken\ntitle: Broken: yes\ndate: 2023-01-01\n---\n",
    )
    .unwrap();
    std::fs::write(
        events.join("odd, status: 100%.md"),
        "---\nid: 'odd, status: 100%'\ntitle: Odd\ndate: 2023-01-01\nimportance: 5\n\
         status: 'rumour, maybe: 100%'\n---\nBody\n",
    )
    .unwrap();
    repo
}

const ANNOTATED_ERROR: &str = "::error file=events/broken.md,line=3,col=14,title=E005 yaml-syntax::\
    invalid YAML: mapping values are not allowed in this context%0Ahelp: a value holds `: `; put the whole value in quotes\n";
const ANNOTATED_WARNING: &str = "::warning file=events/odd%2C status%3A 100%25.md,line=6,title=W001 unknown-status::\
    unknown status `rumour, maybe: 100%25`%0Ahelp: use one of: confirmed, alleged, reported, speculative, developing, disputed, predicted\n";
const ANNOTATED_TOTALS: &str =
    "2 files: 1 events in the bundle, 1 rejected, 0 skipped; 1 errors, 1 warnings\n";

#[test]
fn check_github_prints_one_workflow_command_a_diagnostic_then_the_totals() {
    let repo = corpus_for_annotations("github");
    let run_in = |cwd: &Path, args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_timeline"))
            .args(args)
            .current_dir(cwd)
            .output()
            .unwrap()
    };
    let run = run_in(&repo, &["check", "events", "--format", "github"]);
    assert_eq!(code(&run), 1, "an error: exit 1, as for the other formats");
    assert_eq!(
        stdout(&run),
        format!("{ANNOTATED_ERROR}{ANNOTATED_WARNING}{ANNOTATED_TOTALS}")
    );
    assert_eq!(stderr(&run), "");
    // `./events` and the absolute path inside the working directory name the same files.
    let absolute = repo.join("events");
    for dir in ["./events/", s(&absolute)] {
        let run = run_in(&repo, &["check", dir, "--format", "github"]);
        assert_eq!(
            stdout(&run),
            format!("{ANNOTATED_ERROR}{ANNOTATED_WARNING}{ANNOTATED_TOTALS}"),
            "{dir}"
        );
    }
    // From inside the corpus, the paths are relative to it; --quiet leaves warnings out.
    let run = run_in(&absolute, &["check", ".", "--format", "github", "--quiet"]);
    assert_eq!(
        stdout(&run),
        format!(
            "{}{ANNOTATED_TOTALS}",
            ANNOTATED_ERROR.replace("file=events/", "file=")
        )
    );
    // Warnings alone: exit 0.
    std::fs::remove_file(absolute.join("broken.md")).unwrap();
    let run = run_in(&repo, &["check", "events", "--format", "github"]);
    assert_eq!(code(&run), 0);
    assert_eq!(
        stdout(&run),
        format!(
            "{ANNOTATED_WARNING}1 files: 1 events in the bundle, 0 rejected, 0 skipped; 0 errors, 1 warnings\n"
        )
    );
}

#[test]
fn stats_json_counts_what_the_bundle_holds() {
    let run = timeline(&["stats", &fixtures("valid"), "--format", "json"]);
    assert_eq!(code(&run), 0, "{}", stderr(&run));
    let stats: serde_json::Value = serde_json::from_str(&stdout(&run)).unwrap();
    assert_eq!(stats["events"], 18);
    assert_eq!(stats["first_date"], "1975");
    assert_eq!(stats["last_date"], "2021-06-02");
    assert_eq!(stats["lanes"], 2);
    assert_eq!(stats["per_year"]["2021"], 14);
    let top: Vec<&str> = stats["top_tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["key"].as_str().unwrap())
        .collect();
    assert!(top.contains(&"money-laundering"), "{top:?}");
    let human = stdout(&timeline(&["stats", &fixtures("valid")]));
    assert!(human.starts_with("18 events"), "{human}");
}

/// A corpus citing one link that refuses connections (a port bound, then let go), and
/// one that is no link at all.
fn corpus_with_a_refused_link(name: &str) -> (PathBuf, String) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/gone");
    let dir = scratch(name);
    std::fs::write(
        dir.join("a.md"),
        format!("---\nid: a\ndate: 2020\ntitle: A\nimportance: 1\nsources:\n  - url: {url}\n  - title: A book\n---\n"),
    )
    .unwrap();
    (dir, url)
}

#[test]
fn links_writes_links_json_and_prints_the_same_or_its_findings() {
    let (dir, url) = corpus_with_a_refused_link("links-json");
    let run = timeline(&["links", s(&dir), "--format", "json", "--timeout", "2"]);
    assert_eq!(code(&run), 0, "{}", stderr(&run));
    assert_eq!(
        stderr(&run),
        "",
        "no progress bar when stderr is no terminal"
    );
    let written = std::fs::read_to_string(dir.join("links.json")).unwrap();
    assert_eq!(stdout(&run), written, "--format json prints what it writes");
    let json: serde_json::Value = serde_json::from_str(&written).unwrap();
    let record = &json["links"][&url];
    assert_eq!(record["state"], "error");
    assert_eq!(record["status"], serde_json::Value::Null);
    assert_eq!(record["error"], "connection refused");
    let checked_at = record["checked_at"].as_str().unwrap();
    assert!(
        checked_at.len() == 20 && checked_at.ends_with('Z') && &checked_at[10..11] == "T",
        "{checked_at}"
    );

    // Kept, not asked again, and listed at the end with the file that cites it.
    let run = timeline(&["links", s(&dir)]);
    assert_eq!(code(&run), 0, "{}", stderr(&run));
    let human = stdout(&run);
    assert!(human.starts_with("Checked 0 links in "), "{human}");
    assert!(
        human.contains("kept 1 result younger than 7 days"),
        "{human}"
    );
    assert!(
        human.contains("1 link: 0 ok, 0 redirect, 0 dead, 1 error."),
        "{human}"
    );
    assert!(
        human.ends_with(&format!(
            "\nErrors (1):\n       {url}\n       connection refused\n       cited by a.md\n"
        )),
        "{human}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("links.json")).unwrap(),
        written
    );

    // stats counts the sources by their link's state.
    let run = timeline(&["stats", s(&dir), "--format", "json"]);
    assert_eq!(code(&run), 0, "{}", stderr(&run));
    let stats: serde_json::Value = serde_json::from_str(&stdout(&run)).unwrap();
    assert_eq!(
        stats["links"],
        serde_json::json!({"ok": 0, "redirect": 0, "dead": 0, "error": 1, "unchecked": 0})
    );
    let human = stdout(&timeline(&["stats", s(&dir)]));
    assert!(
        human.contains("source links: 0 ok, 0 redirect, 0 dead, 1 error, 0 unchecked\n"),
        "{human}"
    );
    std::fs::remove_file(dir.join("links.json")).unwrap();
    let stats = stdout(&timeline(&["stats", s(&dir), "--format", "json"]));
    let stats: serde_json::Value = serde_json::from_str(&stats).unwrap();
    assert_eq!(stats["links"]["unchecked"], 1);
}

#[test]
fn links_that_cannot_run_exit_2() {
    let (dir, _) = corpus_with_a_refused_link("links-cannot-run");
    for args in [
        vec!["links", "--concurrency", "0"],
        vec!["links", "--timeout", "0"],
        vec!["links", "--timeout", "soon"],
        vec!["links", "--max-age", "-1"],
        vec!["links", "--format", "xml"],
    ] {
        let mut args = args;
        args.insert(1, s(&dir));
        assert_eq!(code(&timeline(&args)), 2, "{args:?}");
    }
    let run = timeline(&["links", s(&dir.join("no-such-folder"))]);
    assert_eq!(code(&run), 2);
    assert!(stderr(&run).contains("is not a folder"), "{}", stderr(&run));

    std::fs::write(dir.join("links.json"), "{\"links\": {\n  \"u\": 3}}").unwrap();
    for command in ["links", "build", "stats"] {
        let mut args = vec![command, s(&dir)];
        let out = scratch("links-cannot-run-out");
        if command == "build" {
            args.extend(["-o", s(&out)]);
        }
        let run = timeline(&args);
        assert_eq!(code(&run), 2, "{command}");
        let says = stderr(&run);
        assert!(says.contains("links.json:2:"), "{command}: {says}");
        assert!(
            says.contains("invalid type: integer `3`"),
            "{command}: {says}"
        );
    }
    // A links.json that is a folder cannot be replaced: nothing is asked.
    std::fs::remove_file(dir.join("links.json")).unwrap();
    std::fs::create_dir(dir.join("links.json")).unwrap();
    let run = timeline(&["links", s(&dir)]);
    assert_eq!(code(&run), 2);
    assert!(stderr(&run).contains("links.json"), "{}", stderr(&run));
}

#[test]
fn a_synthetic_corpus_checks_clean() {
    let dir = scratch("synth");
    let corpus = dir.join("corpus");
    let run = timeline(&["synth", "--count", "60", "--seed", "9", "-o", s(&corpus)]);
    assert_eq!(code(&run), 0, "{}", stderr(&run));
    assert_eq!(std::fs::read_dir(&corpus).unwrap().count(), 60);
    let run = timeline(&["check", s(&corpus), "--format", "json"]);
    assert_eq!(code(&run), 0, "{}", stdout(&run));
    let report: serde_json::Value = serde_json::from_str(&stdout(&run)).unwrap();
    assert_eq!(report["events"], 60);
    assert_eq!(report["errors"], 0);
    // The same seed writes the same files.
    let again = dir.join("again");
    timeline(&["synth", "--count", "60", "--seed", "9", "-o", s(&again)]);
    for entry in std::fs::read_dir(&corpus).unwrap() {
        let entry = entry.unwrap();
        let other = std::fs::read(again.join(entry.file_name())).unwrap();
        assert_eq!(std::fs::read(entry.path()).unwrap(), other);
    }
}

/// The bundle cores in `dir`, as the paths the pages name (`bundle/core.<hash>.bin`).
fn bundles_in(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir.join("bundle")) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("core.") && n.ends_with(".bin"))
        .map(|n| format!("bundle/{n}"))
        .collect();
    names.sort();
    names
}

#[test]
fn build_writes_a_hashed_bundle_and_points_the_page_at_it() {
    let out = scratch("build");
    let index = out.join("index.html");
    std::fs::write(
        &index,
        "<!doctype html><html><head><title>T</title></head><body></body></html>",
    )
    .unwrap();
    let run = timeline(&["build", &fixtures("valid"), "-o", s(&out), "--timings"]);
    assert_eq!(code(&run), 0, "{}", stderr(&run));
    let names = bundles_in(&out);
    assert_eq!(names.len(), 1);
    let name = &names[0];
    let hex = &name["bundle/core.".len()..name.len() - ".bin".len()];
    assert_eq!(hex.len(), 16, "{name}");
    assert!(
        hex.bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()),
        "{name}"
    );
    let bytes = std::fs::read(out.join(name)).unwrap();
    let bundle = timeline_bundle::decode_core(&bytes).unwrap();
    assert_eq!(bundle.events.len(), 18);
    assert_eq!(
        format!(
            "bundle/{}",
            timeline_compiler::parts::name_of(timeline_bundle::Kind::Core, &bytes)
        ),
        *name,
        "the name is the content's hash"
    );
    for chunk in &bundle.chunks {
        let part = out
            .join("bundle")
            .join(timeline_bundle::part_file("details", chunk.hash));
        assert!(part.is_file(), "{} is written", part.display());
    }
    assert!(stderr(&run).contains("timings: check"), "{}", stderr(&run));

    let html = std::fs::read_to_string(&index).unwrap();
    assert_points_at(&html, name);

    // Again: the same bytes, the same name, and the page is not patched twice.
    assert_eq!(
        code(&timeline(&["build", &fixtures("valid"), "-o", s(&out)])),
        0
    );
    assert_eq!(bundles_in(&out), names);
    assert_eq!(std::fs::read_to_string(&index).unwrap(), html);

    // Another corpus: its bundle replaces the old one, and the page follows.
    let corpus = out.join("../build-synth");
    timeline(&["synth", "--count", "5", "-o", s(&corpus)]);
    assert_eq!(code(&timeline(&["build", s(&corpus), "-o", s(&out)])), 0);
    let now = bundles_in(&out);
    assert_eq!(now.len(), 1);
    assert_ne!(now, names);
    let html = std::fs::read_to_string(&index).unwrap();
    assert_points_at(&html, &now[0]);
    assert!(!html.contains(name.as_str()), "{html}");
}

/// The page names the bundle once, in its head, and preloads it (the href may carry a
/// base path).
fn assert_points_at(html: &str, name: &str) {
    let meta = format!("<meta name=\"timeline-bundle\" content=\"{name}\">");
    assert_eq!(html.matches(&meta).count(), 1, "{html}");
    assert_eq!(
        html.matches("name=\"timeline-bundle\"").count(),
        1,
        "{html}"
    );
    assert!(
        html.find(&meta).unwrap() < html.find("</head>").unwrap(),
        "{html}"
    );
    let preload = html
        .split("<link ")
        .find(|l| l.contains("rel=\"preload\""))
        .unwrap_or_else(|| panic!("no preload in {html}"));
    let href = preload
        .split("href=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert!(href.ends_with(name), "{href}");
}

#[test]
fn build_dev_report_writes_the_problems_banner_escaped_and_only_when_asked() {
    let dir = scratch("dev-report");
    let corpus = dir.join("events");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(
        corpus.join("2020-01-01--fine.md"),
        "---\ntitle: Fine\nimportance: 5\n---\nBody\n",
    )
    .unwrap();
    // An error in a file whose name and text are markup, and a warning quoting markup.
    std::fs::write(
        corpus.join("<img src=x onerror=alert(1)>.md"),
        "---\nid: hostile\ndate: 2020-01-02\n---\n",
    )
    .unwrap();
    std::fs::write(
        corpus.join("2020-01-03--odd.md"),
        "---\ntitle: Odd\nimportance: 5\nstatus: \"<script>alert(1)</script>\"\n---\n",
    )
    .unwrap();
    let out = dir.join("out");
    std::fs::create_dir(&out).unwrap();
    let page = "<!doctype html><html><head><title>T</title></head><body><div id=\"boot\"></div></body></html>";
    std::fs::write(out.join("index.html"), page).unwrap();

    let build = |extra: &[&str]| {
        let mut args = vec!["build", s(&corpus), "-o", s(&out), "--allow-errors"];
        args.extend(extra);
        let run = timeline(&args);
        assert_eq!(code(&run), 0, "{}", stderr(&run));
        std::fs::read_to_string(out.join("index.html")).unwrap()
    };
    let index = build(&["--dev-report"]);
    let banner = &index[index.find("<aside class=\"dev-report\"").expect(&index)..];
    let banner = &banner[..banner.find("</aside>").unwrap()];
    assert!(
        banner.contains(">1 file rejected, 4 warnings</h2>"),
        "{banner}"
    );
    assert!(
        banner
            .contains("<code>&lt;img src=x onerror=alert(1)&gt;.md:1</code> <strong>E013</strong>"),
        "{banner}"
    );
    assert!(
        banner.contains(
            "<strong>W001</strong> unknown status `&lt;script&gt;alert(1)&lt;/script&gt;`"
        ),
        "{banner}"
    );
    assert!(
        !banner.contains("<img") && !banner.contains("<script"),
        "{banner}"
    );
    assert!(
        index.find("<!-- /timeline:prerender -->").unwrap()
            < index.find("<!-- timeline:dev-report -->").unwrap(),
        "outside the static first screen"
    );
    assert!(!std::fs::read_to_string(out.join("404.html"))
        .unwrap()
        .contains("dev-report"));
    // Without the flag (a release build, over the development one): no banner.
    let index = build(&[]);
    assert!(!index.contains("dev-report"), "{index}");
    // The flag does not allow errors by itself.
    let run = timeline(&["build", s(&corpus), "-o", s(&out), "--dev-report"]);
    assert_eq!(code(&run), 1, "{}", stderr(&run));
}

#[test]
fn build_refuses_a_corpus_with_errors_unless_allowed() {
    let out = scratch("build-errors");
    let run = timeline(&["build", &fixtures("invalid"), "-o", s(&out)]);
    assert_eq!(code(&run), 1);
    assert!(
        stderr(&run).contains("build failed: 17 errors"),
        "{}",
        stderr(&run)
    );
    assert!(bundles_in(&out).is_empty(), "nothing written");
    let run = timeline(&[
        "build",
        &fixtures("invalid"),
        "-o",
        s(&out),
        "--allow-errors",
    ]);
    assert_eq!(code(&run), 0, "{}", stderr(&run));
    let bundle =
        timeline_bundle::decode_core(&std::fs::read(out.join(&bundles_in(&out)[0])).unwrap())
            .unwrap();
    assert_eq!(bundle.events.len(), 12);
    // No index.html: none is made.
    assert!(!out.join("index.html").exists());
}

#[test]
fn a_folder_without_an_event_fails_check_and_build_even_with_errors_allowed() {
    let dir = scratch("no-events");
    let empty = dir.join("empty");
    let skipped = dir.join("skipped");
    std::fs::create_dir_all(&empty).unwrap();
    std::fs::create_dir_all(skipped.join(".git")).unwrap();
    for (name, text) in [
        ("notes.txt", "notes"),
        ("todo.txt", "todo"),
        ("photo.jpeg", "not an image"),
        ("_config.yml", "title: site"),
        ("README.md", "# Read me"),
        (".git/HEAD", "ref: refs/heads/main"),
    ] {
        std::fs::write(skipped.join(name), text).unwrap();
    }
    for (corpus, says) in [
        (
            &empty,
            "no file is an event: the folder holds no files".to_string(),
        ),
        (
            &skipped,
            format!(
                "no file is an event: 6 files found: 2 `.txt` skipped, {format}; \
                 1 `.jpeg` skipped, {format}; \
                 1 `.md` skipped, a README or other project document; \
                 1 `.yml` skipped, hidden or `_` name; 1 file of other kinds",
                format = timeline_compiler::discover::NOT_AN_EVENT_FORMAT
            ),
        ),
    ] {
        let run = timeline(&["check", s(corpus)]);
        assert_eq!(code(&run), 1, "{}", stderr(&run));
        let err = stderr(&run);
        assert!(
            err.contains(&format!("error[E018/no-events]: {says}")),
            "{says}\n{err}"
        );
        assert!(err.contains("1 errors, 0 warnings"), "{err}");
        let run = timeline(&["check", s(corpus), "--format", "json"]);
        assert_eq!(code(&run), 1);
        let report: serde_json::Value = serde_json::from_str(&stdout(&run)).unwrap();
        assert_eq!(report["errors"], 1);
        assert_eq!(report["diagnostics"][0]["code"], "E018");
        assert_eq!(report["diagnostics"][0]["file"], ".");
        for allow in [false, true] {
            let out = dir.join("out");
            let mut args = vec!["build", s(corpus), "-o", s(&out)];
            if allow {
                args.push("--allow-errors");
            }
            let run = timeline(&args);
            assert_eq!(code(&run), 1, "{args:?}: {}", stderr(&run));
            let err = stderr(&run);
            assert!(err.contains("error[E018/no-events]"), "{err}");
            assert!(err.contains("build failed: no file is an event"), "{err}");
            assert!(!out.exists(), "nothing written");
        }
    }
}

#[test]
fn every_subcommand_has_help() {
    let run = timeline(&["--help"]);
    assert_eq!(code(&run), 0);
    let help = stdout(&run);
    // The subcommands, as the top-level help lists them.
    let commands: Vec<String> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .filter(|c| c != "help")
        .collect();
    for expected in ["check", "build", "stats", "links", "synth"] {
        assert!(
            commands.iter().any(|c| c == expected),
            "{expected} in {help}"
        );
    }
    for command in &commands {
        let run = timeline(&[command, "--help"]);
        assert_eq!(code(&run), 0, "{command}");
        let help = stdout(&run);
        assert!(
            help.contains(&format!("Usage: timeline {command}")),
            "{help}"
        );
        assert!(
            help.lines().next().is_some_and(|l| !l.is_empty()),
            "{command} says what it does"
        );
    }
    let build = stdout(&timeline(&["build", "--help"]));
    for option in ["--out", "--allow-errors", "--timings"] {
        assert!(build.contains(option), "{build}");
    }
    let version = stdout(&timeline(&["--version"]));
    assert!(version.starts_with("timeline "), "{version}");
}

/// Trunk's page as Trunk writes it: the inline boot script and the app's preloads.
const TRUNK_PAGE: &str = "<!doctype html><html><head><title>T</title><base href=\"/\">\
<script type=\"module\">\nimport init from '/app.js';\nawait init({ module_or_path: '/app_bg.wasm' });\n</script>\
<link rel=\"modulepreload\" href=\"/app.js\"><link rel=\"preload\" href=\"/app_bg.wasm\" as=\"fetch\" type=\"application/wasm\">\
</head><body></body></html>";

/// Every file under `dir`, relative and sorted.
fn files_under(dir: &Path) -> Vec<String> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, root, out);
            } else {
                out.push(
                    path.strip_prefix(root)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                );
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

#[test]
fn build_refuses_an_out_that_overlaps_the_corpus_with_exit_2() {
    let dir = scratch("overlap");
    // `timeline build c2/event -o c2`, with Trunk's page in c2.
    let c2 = dir.join("c2");
    std::fs::create_dir_all(c2.join("event")).unwrap();
    std::fs::write(c2.join("index.html"), TRUNK_PAGE).unwrap();
    for id in ["a", "b", "c"] {
        let text = format!("---\nid: {id}\ndate: 2020-01-01\ntitle: T {id}\nimportance: 5\n---\n");
        std::fs::write(c2.join(format!("event/{id}.md")), text).unwrap();
    }
    let before: Vec<(String, Vec<u8>)> = files_under(&c2)
        .into_iter()
        .map(|f| (f.clone(), std::fs::read(c2.join(&f)).unwrap()))
        .collect();
    let corpus = c2.join("event");
    for (corpus, out, says) in [
        (&corpus, &c2, "is inside the output folder"),
        (&c2, &c2, "is the corpus folder"),
        (&c2, &c2.join("dist"), "is inside the corpus folder"),
    ] {
        let run = timeline(&["build", s(corpus), "-o", s(out)]);
        assert_eq!(code(&run), 2, "{}", stderr(&run));
        let err = stderr(&run);
        assert!(
            err.starts_with("error: ")
                && err.contains(says)
                && err.contains("choose an output folder"),
            "{err}"
        );
        assert!(
            err.contains(s(corpus)) && err.contains(s(out)),
            "names both: {err}"
        );
    }
    let after: Vec<(String, Vec<u8>)> = files_under(&c2)
        .into_iter()
        .map(|f| (f.clone(), std::fs::read(c2.join(&f)).unwrap()))
        .collect();
    assert_eq!(after, before, "not a byte changed");
}

/// The site in `out` is one build's, whole; returns its bundle's name.
fn assert_one_whole_site(out: &Path) -> String {
    let files = files_under(out);
    let bundles: Vec<&String> = files
        .iter()
        .filter(|f| f.starts_with("bundle/core."))
        .collect();
    assert_eq!(bundles.len(), 1, "one bundle: {bundles:?}");
    let name = bundles[0];
    let bundle = timeline_bundle::decode_core(&std::fs::read(out.join(name)).unwrap()).unwrap();
    for page in files.iter().filter(|f| f.ends_with(".html")) {
        assert_points_at(&std::fs::read_to_string(out.join(page)).unwrap(), name);
    }
    let mut pages: Vec<String> = files
        .iter()
        .filter_map(|f| f.strip_prefix("event/")?.strip_suffix("/index.html"))
        .map(String::from)
        .collect();
    let mut ids: Vec<String> = bundle.events.iter().map(|e| e.id.clone()).collect();
    pages.sort();
    ids.sort();
    assert_eq!(
        pages, ids,
        "the event pages are the bundle's events, no more"
    );
    let sw = std::fs::read_to_string(out.join("sw.js")).unwrap();
    assert!(
        sw.contains(&format!("\"{name}\"")),
        "sw.js precaches {name}"
    );
    let boots: Vec<&String> = files.iter().filter(|f| f.starts_with("boot.")).collect();
    assert_eq!(boots.len(), 1, "{boots:?}");
    let temps: Vec<&String> = files
        .iter()
        .filter(|f| f.contains(".timeline-tmp"))
        .collect();
    assert!(temps.is_empty(), "no temporary file left: {temps:?}");
    name.clone()
}

#[test]
fn two_builds_into_one_out_at_once_leave_one_whole_site() {
    let dir = scratch("concurrent");
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("index.html"), TRUNK_PAGE).unwrap();
    // Two corpora of one size, so that the two builds write at the same time.
    let (one, two) = (dir.join("one"), dir.join("two"));
    timeline(&["synth", "--count", "300", "--seed", "1", "-o", s(&one)]);
    timeline(&["synth", "--count", "300", "--seed", "2", "-o", s(&two)]);
    let mut seen = std::collections::BTreeSet::new();
    for round in 0..6 {
        let corpora = [s(&one), s(&two)];
        let children: Vec<_> = corpora
            .iter()
            .map(|corpus| {
                Command::new(env!("CARGO_BIN_EXE_timeline"))
                    .args(["build", corpus, "-o", s(&out)])
                    .env("NO_COLOR", "1")
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let run = child.wait_with_output().unwrap();
            assert_eq!(code(&run), 0, "round {round}: {}", stderr(&run));
        }
        seen.insert(assert_one_whole_site(&out));
    }
    assert!(
        seen.len() <= 2,
        "one of the two corpora each time: {seen:?}"
    );
}

#[test]
fn a_second_build_says_it_waits_for_the_first_and_then_builds() {
    use std::io::BufRead;
    let out = scratch("waiting");
    // The test holds OUT's lock, as a running build does.
    let lock = std::fs::File::open(&out).unwrap();
    lock.lock().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_timeline"))
        .args(["build", &fixtures("valid"), "-o", s(&out)])
        .env("NO_COLOR", "1")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr).lines() {
            let _ = tx.send(line.unwrap());
        }
    });
    let waiting = format!("waiting for another build into {}…", out.display());
    loop {
        let line = rx
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("the build says it waits");
        if line == waiting {
            break;
        }
    }
    assert!(
        files_under(&out).is_empty(),
        "nothing written while waiting"
    );
    assert!(child.try_wait().unwrap().is_none(), "still waiting");
    drop(lock);
    assert!(child.wait().unwrap().success());
    assert_eq!(bundles_in(&out).len(), 1);
}

#[test]
fn an_unreadable_folder_is_one_error_and_the_rest_is_checked() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let dir = scratch("unreadable-folder");
    let event = |id: &str| format!("---\nid: {id}\ndate: 2020\ntitle: T\nimportance: 1\n---\n");
    std::fs::write(dir.join("a.md"), event("a")).unwrap();
    let locked = dir.join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::write(locked.join("b.md"), event("b")).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_timeline"));
    command.args(["check", s(&dir), "--format", "json"]);
    if std::fs::read_dir(&locked).is_ok() {
        // Root reads any folder whatever its mode: check as `nobody`, who cannot.
        command.uid(65534).gid(65534);
    }
    let run = command.output().expect("the timeline binary runs");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(code(&run), 1, "{}", stderr(&run));
    let report: serde_json::Value = serde_json::from_str(&stdout(&run)).unwrap();
    assert_eq!(
        (&report["files"], &report["events"], &report["rejected"]),
        (&2.into(), &1.into(), &1.into())
    );
    let d = &report["diagnostics"][0];
    assert_eq!((&d["file"], &d["code"]), (&"locked".into(), &"E016".into()));
    assert!(
        d["message"].as_str().unwrap().contains("ermission denied"),
        "{d}"
    );
}
