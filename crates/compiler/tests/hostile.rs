//! Hostile files, end to end through `check` and `bundle`: each gives a quick error or a
//! sanitised event, never a hang, a stack overflow or a script in the bundle.
//!
//! The time limits are loose (debug builds, a busy CI machine): they catch a hang or an
//! exponential blow-up, not a slowdown. The file is long because it holds one short test
//! for each kind of hostile content, and the largest files an event may be (hostile
//! folders are in `hostile_folders.rs`).

mod common;

use common::{codes, event, ids, shown, Corpus};
use std::time::{Duration, Instant};
use timeline_compiler::diagnostic::Code;
use timeline_compiler::report;

const QUICK: Duration = Duration::from_secs(10);

/// Checks a folder holding one file, and compiles what is accepted; returns the codes of
/// the file's diagnostics and the bundle. (A file rejected leaves the folder without an
/// event: that is E018, checked here, the folder's and not the file's.)
fn run(name: &str, bytes: &[u8]) -> (Vec<Code>, common::Compiled) {
    let corpus = Corpus::with(&[(name, bytes)]);
    let started = Instant::now();
    let compiled = common::compile(corpus.path());
    let checked = &compiled.checked;
    assert!(
        started.elapsed() < QUICK,
        "{name} took {:?}",
        started.elapsed()
    );
    common::assert_accounted(checked);
    let (theirs, folder): (Vec<_>, Vec<_>) = checked
        .report
        .diagnostics
        .iter()
        .partition(|d| d.file == name);
    let folder: Vec<Code> = folder.iter().map(|d| d.code).collect();
    let expected = if checked.events.is_empty() {
        vec![Code::NoEvents]
    } else {
        Vec::new()
    };
    assert_eq!(folder, expected, "{name}");
    let codes = theirs.iter().map(|d| d.code).collect();
    (codes, compiled)
}

fn md(front: &str, body: &str) -> Vec<u8> {
    format!("---\nid: x\ndate: 2020-01-01\ntitle: T\nimportance: 5\n{front}---\n{body}")
        .into_bytes()
}

const DEEP: usize = 100_000;

#[test]
fn yaml_alias_bomb() {
    let mut front = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..12 {
        let p = format!("*a{}", i - 1);
        front.push_str(&format!("a{i}: &a{i} [{}]\n", [p.as_str(); 9].join(", ")));
    }
    let (codes, b) = run("x.md", &md(&front, ""));
    assert_eq!(codes, [Code::YamlSyntax]);
    assert!(b.bundle.events.is_empty());
}

#[test]
fn yaml_nested_100_000_deep_in_flow_block_and_sequence_styles() {
    for (what, front) in [
        (
            "flow lists",
            format!("a: {}{}\n", "[".repeat(DEEP), "]".repeat(DEEP)),
        ),
        (
            "flow maps",
            format!("a: {}x{}\n", "{a: ".repeat(DEEP), "}".repeat(DEEP)),
        ),
        (
            "block sequences on one line",
            format!("a:\n{}x\n", "- ".repeat(DEEP)),
        ),
        (
            "block mappings on one line",
            format!("a: {}x\n", "b: ".repeat(DEEP)),
        ),
        ("explicit keys", format!("{}x\n", "? ".repeat(DEEP))),
        (
            "indented mappings",
            (0..2000)
                .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
                .collect(),
        ),
    ] {
        let (codes, b) = run("x.md", &md(&front, ""));
        assert_eq!(codes, [Code::YamlSyntax], "{what}");
        assert!(b.bundle.events.is_empty(), "{what}");
    }
}

#[test]
fn json_nested_100_000_deep() {
    for (what, text) in [
        (
            "arrays",
            format!("{}{}", "[".repeat(DEEP), "]".repeat(DEEP)),
        ),
        (
            "objects",
            format!(
                "{{\"id\": \"x\", \"a\": {}1{}}}",
                "{\"a\": ".repeat(DEEP),
                "}".repeat(DEEP)
            ),
        ),
    ] {
        let (codes, _) = run("x.json", text.as_bytes());
        assert_eq!(codes, [Code::JsonSyntax], "{what}");
    }
}

#[test]
fn markdown_nested_100_000_deep_is_plain_text_with_a_warning() {
    for (what, body) in [
        ("block quotes", format!("{}deep\n", "> ".repeat(DEEP))),
        ("list items", format!("{}deep\n", "- ".repeat(DEEP))),
        (
            "emphasis",
            format!("{}deep{}\n", "*".repeat(DEEP), "*".repeat(DEEP)),
        ),
        (
            "html divs",
            format!("{}deep{}\n", "<div>".repeat(DEEP), "</div>".repeat(DEEP)),
        ),
        (
            "unclosed html",
            format!("<b>{}deep\n", "<i><b>".repeat(DEEP)),
        ),
    ] {
        let (codes, b) = run("x.md", &md("", &body));
        assert_eq!(codes, [Code::InvalidField], "{what}");
        assert_eq!(b.bundle.events.len(), 1, "{what}");
        let html = &b.details[0].body_html;
        assert!(html.starts_with("<pre>") && html.contains("deep"), "{what}");
        assert_safe(html);
    }
    // Brackets do not nest in HTML: rendered as they are, quickly.
    let body = format!("{}deep{}\n", "[".repeat(DEEP), "]".repeat(DEEP));
    let (codes, b) = run("x.md", &md("", &body));
    assert!(codes.is_empty());
    assert!(b.details[0].body_html.starts_with("<p>[[["));
    // A JSON event's summary is Markdown too.
    let json = format!(
        "{{\"id\": \"x\", \"date\": \"2020\", \"title\": \"T\", \"importance\": 1, \"summary\": \"{}deep\"}}",
        "> ".repeat(DEEP)
    );
    let (codes, b) = run("x.json", json.as_bytes());
    assert_eq!(codes, [Code::InvalidField]);
    assert!(b.details[0].summary_html.starts_with("<pre>"));
}

#[test]
fn the_deep_markdown_warning_names_the_body_line() {
    let text = format!(
        "---\nid: x\ndate: 2020\ntitle: T\nimportance: 1\n---\n{}deep\n",
        "> ".repeat(1000)
    );
    let checked = Corpus::with(&[("x.md", text.as_bytes())]).check();
    let d = &checked.report.diagnostics[0];
    assert_eq!((d.code, d.line), (Code::InvalidField, 7));
    assert!(
        d.message.contains("body nests 1000 levels deep"),
        "{}",
        d.message
    );
}

#[test]
fn a_5_mib_file_is_a_quick_error() {
    let mut bytes = md("", "");
    bytes.resize(5 << 20, b'<');
    let (codes, b) = run("x.md", &bytes);
    assert_eq!(codes, [Code::FileTooLarge]);
    assert!(b.bundle.events.is_empty());
}

#[test]
fn a_large_body_under_the_limit_compiles() {
    // 1 MiB of links and emphasis: a slow path in the Markdown parser or the sanitiser
    // (anything worse than linear) shows up here.
    let para = "A [link](https://example.org/a) and *emphasis* and `code` <b>bold</b>.\n\n";
    let body = para.repeat((1 << 20) / para.len());
    let (codes, b) = run("x.md", &md("", &body));
    assert!(codes.is_empty());
    assert!(b.details[0].body_html.len() > body.len());
}

#[test]
fn scripts_handlers_and_javascript_links_never_reach_the_bundle() {
    let body = concat!(
        "<script>alert(1)</script>\n\n",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>\n\n",
        "<img src=x onerror=alert(2)>\n\n",
        "<p onclick=\"alert(3)\" style=\"color:red\">para</p>\n\n",
        "[md link](javascript:alert(4)) [ref][r] <javascript:alert(5)>\n\n",
        "[r]: javascript:alert(6)\n\n",
        "<a href=\" javascript:alert(7)\">space</a> <a href=\"jav&#x09;ascript:alert(8)\">tab</a>\n\n",
        "<a href=\"vbscript:msgbox(9)\">vb</a> <a href=\"data:text/html,<script>alert(10)</script>\">data</a>\n\n",
        "<object data=x></object><embed src=x><base href=\"https://evil.example/\">\n\n",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(11)></style></mglyph></table></mtext></math>\n\n",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(12)>\"></noscript>\n\n",
        "<details open ontoggle=alert(13)><summary>s</summary></details>\n",
    );
    let summary = "Summary <script>alert(14)</script> [x](javascript:alert(15))";
    let front = format!(
        "summary: {summary:?}\nsources:\n- url: javascript:alert(16)\n  title: s\n  archive_url: javascript:alert(17)\n"
    );
    let (codes, b) = run("x.md", &md(&front, body));
    // The source's URL is kept as text only; the archive URL is dropped.
    assert_eq!(codes, [Code::NonHttpUrl, Code::NonHttpUrl]);
    let e = &b.details[0];
    assert_eq!(e.sources[0].url, None);
    assert_eq!(
        e.sources[0].unlinked_url.as_deref(),
        Some("javascript:alert(16)")
    );
    assert_eq!(e.sources[0].archive_url, None);
    for html in [&e.body_html, &e.summary_html] {
        assert_safe(html);
    }
    assert!(e.body_html.contains("para"));
    assert!(e.summary_html.starts_with("<p>Summary"));
}

#[test]
fn settings_markdown_is_sanitised_too() {
    let corpus = Corpus::with(&[(
        "timeline.toml",
        b"about = \"<script>alert(1)</script>[a](javascript:alert(2))\"\nattribution = \"<img src=x onerror=alert(3)>By us\"\n",
    )]);
    let b = common::compile(corpus.path()).bundle;
    assert_safe(&b.site.about_html);
    assert_safe(&b.site.attribution_html);
    assert!(b.site.attribution_html.contains("By us"));
}

/// No element that runs script or loads anything, no `on…=` handler, no script URL in a
/// tag. (Text may mention `javascript:`: escaped, it is inert.)
pub fn assert_safe(html: &str) {
    let lower = html.to_ascii_lowercase();
    for bad in [
        "<script", "<iframe", "<object", "<embed", "<base", "<style", "<svg", "<math", "<img",
        "<form", "<input", "<link", "<meta",
    ] {
        assert!(!lower.contains(bad), "{bad} in {html}");
    }
    for tag in tags(&lower) {
        for bad in ["javascript:", "vbscript:", "data:", "style="] {
            assert!(!tag.contains(bad), "{bad} in the tag {tag} of {html}");
        }
    }
    assert!(!has_event_handler(&lower), "a handler in {html}");
}

/// The text of each tag, `<` to `>`.
fn tags(html: &str) -> impl Iterator<Item = &str> {
    html.split('<')
        .skip(1)
        .map(|t| t.split('>').next().unwrap_or(t))
}

/// Whether an attribute named `on…` appears inside a tag (erring on the side of yes: a
/// quoted value holding ` onx=` counts too).
fn has_event_handler(html: &str) -> bool {
    tags(html).any(|tag| {
        let b = tag.as_bytes();
        (1..b.len()).any(|i| {
            let after_separator = b[i - 1].is_ascii_whitespace() || b"/\"'".contains(&b[i - 1]);
            if !after_separator || !b[i..].starts_with(b"on") {
                return false;
            }
            let name = b[i..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric())
                .count();
            let rest = &b[i + name..];
            name > 2 && rest.iter().find(|c| !c.is_ascii_whitespace()) == Some(&b'=')
        })
    })
}

#[test]
fn the_handler_check_itself_works() {
    assert!(has_event_handler("<img src=x onerror=alert(1)>"));
    assert!(has_event_handler("<a\nonclick = \"x\">"));
    assert!(!has_event_handler("<p>one=two online</p>"));
    assert!(!has_event_handler("<a title=\"x\">on=</a>"));
    assert!(has_event_handler("<svg/onload=alert(1)>"));
    assert!(!has_event_handler("<a href=\"https://x.example/online\">"));
}

#[test]
fn a_line_that_is_not_front_matter_is_shown_short_and_escaped() {
    // A secret-sized line with a NUL, an escape sequence that would clear the screen, a
    // bell, and a Trojan-source override: none reaches the terminal as it is.
    let mut line = String::from("SECRET=\0\x1b[2J\x07\u{202e}");
    line.push_str(&"x".repeat(100_000));
    let corpus = Corpus::with(&[("x.md", format!("{line}\n").as_bytes())]);
    let checked = corpus.check();
    assert_eq!(codes(&checked), [Code::NoEvents, Code::NoFrontMatter]);
    let shown = shown(&checked);
    assert_printable(&shown);
    assert!(
        shown.contains("1 │ SECRET=\\0\\u{1b}[2J\\u{7}\\u{202e}xxx"),
        "{shown}"
    );
    assert!(shown.contains('…'), "{shown}");
}

#[test]
fn a_caret_far_into_a_long_line_still_points_at_its_character() {
    // The YAML error is the second `: ` on a 20,000-character line.
    let front = format!("title: {}: b\n", "a".repeat(20_000));
    let text = format!("---\nid: x\ndate: 2020\n{front}---\n");
    let checked = Corpus::with(&[("x.md", text.as_bytes())]).check();
    assert_eq!(codes(&checked), [Code::NoEvents, Code::YamlSyntax]);
    let d = &checked.report.diagnostics[1];
    assert_eq!((d.code, d.line), (Code::YamlSyntax, 4));
    let shown = shown(&checked);
    assert_printable(&shown);
    let lines: Vec<&str> = shown.lines().collect();
    let source = lines.iter().position(|l| l.starts_with("4 │")).unwrap();
    let caret = lines[source + 1].chars().position(|c| c == '^').unwrap();
    let under: String = lines[source].chars().skip(caret).take(3).collect();
    assert_eq!(under, ": b", "{shown}");
    assert!(shown.contains(&format!("x.md:4:{}", d.column)), "{shown}");
}

/// No line longer than a terminal's, and no control character but the line ends.
fn assert_printable(shown: &str) {
    for line in shown.lines() {
        assert!(
            line.chars().count() <= 200,
            "a line of {} characters",
            line.chars().count()
        );
        assert!(
            !line
                .chars()
                .any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
            "a control character in {line:?}"
        );
    }
}

#[test]
fn an_id_too_long_for_a_file_name_is_rejected() {
    // 200 characters (the character limit) but 600 bytes: no file system names a folder so.
    let long = "事".repeat(200);
    // 85 CJK characters are 255 bytes: the longest name a folder may have.
    let longest = "事".repeat(85);
    let corpus = Corpus::new();
    corpus.write("long.md", event(&long));
    // (Its file cannot be named `<id>.md`: that is 258 bytes. A W004 says so.)
    corpus.write("longest.md", event(&longest));
    let checked = corpus.check();
    let d = checked
        .report
        .diagnostics
        .iter()
        .find(|d| d.file == "long.md")
        .unwrap();
    assert_eq!(d.code, Code::InvalidId);
    assert!(d.message.contains("600 bytes"), "{}", d.message);
    assert_eq!(ids(&checked), [longest.as_str()]);
    // And `build` writes the page of the longest id it lets through.
    let out = tempfile::tempdir().unwrap();
    std::fs::write(
        out.path().join("index.html"),
        "<!doctype html><html><head></head><body></body></html>",
    )
    .unwrap();
    let options = timeline_compiler::build::Options {
        allow_errors: true,
        ..Default::default()
    };
    timeline_compiler::build(corpus.path(), out.path(), &options).unwrap();
    assert!(out
        .path()
        .join("event")
        .join(&longest)
        .join("index.html")
        .is_file());
}

/// Just under the 4 MiB a file may have: the worst cases fill it in an optimised build
/// (`cargo test --profile native`). A debug build fills a quarter of it (about 100,000
/// keys, the size of the file that once took a minute): a path that grows with the
/// square of the size still takes minutes there, and the suite stays quick on a slow CI
/// machine.
const FULL: usize = if cfg!(debug_assertions) {
    (timeline_compiler::event::MAX_FILE_BYTES as usize) / 4
} else {
    timeline_compiler::event::MAX_FILE_BYTES as usize - 4096
};

/// Lines `line(0)`, `line(1)`, … until the next would pass `FULL` bytes with `head` and
/// `tail` around them; `joiner` goes between two lines.
fn filled(head: &str, line: impl Fn(usize) -> String, joiner: &str, tail: &str) -> Vec<u8> {
    let mut out = head.to_string();
    for n in 0.. {
        let next = line(n);
        if out.len() + next.len() + joiner.len() + tail.len() > FULL {
            break;
        }
        if n > 0 {
            out.push_str(joiner);
        }
        out.push_str(&next);
    }
    out.push_str(tail);
    out.into_bytes()
}

const MD_HEAD: &str = "---\nid: x\ndate: 2020-01-01\ntitle: T\nimportance: 5\n";
const JSON_HEAD: &str =
    "{\n  \"id\": \"x\",\n  \"date\": \"2020-01-01\",\n  \"title\": \"T\",\n  \"importance\": 5,\n";

/// The largest files an event may be, each built to hit one path that once grew with the
/// square of its size: a lookup by key, a repeat check on a list, a line search from the
/// file's start, a line found anew for each diagnostic: 100,000 keys, tags or actors and
/// 50,000 sources a MiB. (name, bytes, the least number of diagnostics it must give.)
type Case = (&'static str, Vec<u8>, usize);

fn list(key: &str, prefix: &'static str) -> Vec<u8> {
    filled(
        &format!("{MD_HEAD}{key}:\n"),
        move |n| format!("- {prefix}{n}\n"),
        "",
        "---\n",
    )
}

/// Checks, compiles and prints each case (the printing of the last diagnostics only,
/// those with the highest lines: all of 400,000 would take a debug build long, and a
/// line found by reading the file from its start shows at the end); prints the times
/// (`cargo test --profile native --test hostile largest -- --nocapture` for release
/// times).
fn assert_quick(cases: Vec<Case>) {
    for (name, bytes, least) in cases {
        assert!(bytes.len() <= FULL, "{name} is {} bytes", bytes.len());
        let corpus = Corpus::with(&[(name, &bytes)]);
        let started = Instant::now();
        let checked = corpus.check();
        let checking = started.elapsed();
        let bundle = timeline_compiler::compile(&checked).bundle;
        let compiling = started.elapsed() - checking;
        let report = &checked.report;
        let last = report.diagnostics.len().saturating_sub(2000);
        let tail = timeline_compiler::report::Report {
            diagnostics: report.diagnostics[last..].to_vec(),
            texts: report.texts.clone(),
            ..Default::default()
        };
        let printed = report::human(&tail, report::Style::Full, true, false);
        let total = started.elapsed();
        eprintln!(
            "{name:40} {:>5} KiB: check {checking:>9.2?}, bundle {compiling:>9.2?}, print {:>9.2?} ({} diagnostics)",
            bytes.len() >> 10,
            total - checking - compiling,
            report.diagnostics.len()
        );
        assert!(total < QUICK, "{name} took {total:?}");
        common::assert_accounted(&checked);
        assert!(
            report.diagnostics.len() >= least,
            "{name}: {}",
            report.diagnostics.len()
        );
        assert!(bundle.events.len() <= 1 && !printed.is_empty(), "{name}");
        assert_printable(&printed);
    }
}

#[test]
fn the_largest_files_of_keys_check_compile_and_print_quickly() {
    assert_quick(vec![
        (
            "keys.md",
            filled(MD_HEAD, |n| format!("k{n}: v\n"), "", "---\n"),
            FULL / 16,
        ),
        (
            "keys.json",
            filled(JSON_HEAD, |n| format!("  \"k{n}\": \"v\""), ",\n", "\n}\n"),
            FULL / 20,
        ),
        (
            "keys on one line.json",
            filled(
                "{\"id\": \"x\", \"date\": \"2020\", \"title\": \"T\", ",
                |n| format!("\"k{n}\": 1"),
                ", ",
                "}",
            ),
            FULL / 16,
        ),
        (
            "repeated keys.md",
            filled(MD_HEAD, |n| format!("k{}: v\n", n / 2), "", "---\n"),
            FULL / 24,
        ),
    ]);
}

#[test]
fn the_largest_lists_check_compile_and_print_quickly() {
    assert_quick(vec![
        ("tags.md", list("tags", "t"), 0),
        ("actors.md", list("actors", "a"), 0),
    ]);
}

#[test]
fn the_largest_lists_of_lanes_and_in_json_check_compile_and_print_quickly() {
    assert_quick(vec![
        ("lanes.md", list("capture_lane", "l"), 0),
        (
            "tags.json",
            filled(
                &format!("{JSON_HEAD}  \"tags\": [\n"),
                |n| format!("    \"t{n}\""),
                ",\n",
                "\n  ]\n}\n",
            ),
            0,
        ),
        (
            "repeated tags.md",
            filled(
                &format!("{MD_HEAD}tags: ["),
                |n| format!("t{}", n % 1000),
                ", ",
                "]\n---\n",
            ),
            0,
        ),
    ]);
}

#[test]
fn the_largest_lists_of_sources_check_compile_and_print_quickly() {
    assert_quick(vec![
        (
            "sources.md",
            filled(
                &format!("{MD_HEAD}sources:\n"),
                |n| format!("- url: https://example.org/{n}\n  title: Source {n}\n"),
                "",
                "---\n",
            ),
            0,
        ),
        (
            // Written so that no source's URL or title is found on a line as it is.
            "sources, escaped.json",
            filled(
                &format!("{JSON_HEAD}  \"sources\": [\n"),
                |n| {
                    format!("    {{\"url\": \"https:\\/\\/example.org\\/{n}\", \"title\": \"\\u0053{n}\"}}")
                },
                ",\n",
                "\n  ]\n}\n",
            ),
            0,
        ),
        (
            "sources without a URL.md",
            filled(
                &format!("{MD_HEAD}sources:\n"),
                |n| format!("- title: \"S\\x{n:02x}\"\n"),
                "",
                "---\n",
            ),
            FULL / 24,
        ),
    ]);
}

#[test]
fn the_longest_lines_check_compile_and_print_quickly() {
    assert_quick(vec![
        (
            "one long line.md",
            format!("{MD_HEAD}notes: {}\n---\n", "x".repeat(FULL - 100)).into_bytes(),
            0,
        ),
        (
            "one long line, no front matter.md",
            format!("{}\n", "x".repeat(FULL - 1)).into_bytes(),
            1,
        ),
        (
            "one long bad YAML line.md",
            format!("{MD_HEAD}title: {}: b\n---\n", "a".repeat(FULL - 100)).into_bytes(),
            1,
        ),
    ]);
}
