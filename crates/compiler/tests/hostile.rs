//! Hostile files, end to end through `check` and `bundle`: each gives a quick error or a
//! sanitised event, never a hang, a stack overflow or a script in the bundle.
//!
//! The time limits are loose (debug builds, a busy CI machine): they catch a hang or an
//! exponential blow-up, not a slowdown.

mod common;

use common::Corpus;
use std::time::{Duration, Instant};
use timeline_compiler::diagnostic::Code;

const QUICK: Duration = Duration::from_secs(10);

/// Checks a folder holding one file, and compiles what is accepted; returns the codes and
/// the bundle.
fn run(name: &str, bytes: &[u8]) -> (Vec<Code>, timeline_bundle::Bundle) {
    let corpus = Corpus::with(&[(name, bytes)]);
    let started = Instant::now();
    let common::Compiled {
        checked, bundle, ..
    } = common::compile(corpus.path());
    assert!(
        started.elapsed() < QUICK,
        "{name} took {:?}",
        started.elapsed()
    );
    common::assert_accounted(&checked);
    let codes = checked.report.diagnostics.iter().map(|d| d.code).collect();
    (codes, bundle)
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
    assert!(b.events.is_empty());
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
        assert!(b.events.is_empty(), "{what}");
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
        assert_eq!(b.events.len(), 1, "{what}");
        let html = &b.events[0].body_html;
        assert!(html.starts_with("<pre>") && html.contains("deep"), "{what}");
        assert_safe(html);
    }
    // Brackets do not nest in HTML: rendered as they are, quickly.
    let body = format!("{}deep{}\n", "[".repeat(DEEP), "]".repeat(DEEP));
    let (codes, b) = run("x.md", &md("", &body));
    assert!(codes.is_empty());
    assert!(b.events[0].body_html.starts_with("<p>[[["));
    // A JSON event's summary is Markdown too.
    let json = format!(
        "{{\"id\": \"x\", \"date\": \"2020\", \"title\": \"T\", \"importance\": 1, \"summary\": \"{}deep\"}}",
        "> ".repeat(DEEP)
    );
    let (codes, b) = run("x.json", json.as_bytes());
    assert_eq!(codes, [Code::InvalidField]);
    assert!(b.events[0].summary_html.starts_with("<pre>"));
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
    assert!(b.events.is_empty());
}

#[test]
fn a_large_body_under_the_limit_compiles() {
    // 1 MiB of links and emphasis: a slow path in the Markdown parser or the sanitiser
    // (anything worse than linear) shows up here.
    let para = "A [link](https://example.org/a) and *emphasis* and `code` <b>bold</b>.\n\n";
    let body = para.repeat((1 << 20) / para.len());
    let (codes, b) = run("x.md", &md("", &body));
    assert!(codes.is_empty());
    assert!(b.events[0].body_html.len() > body.len());
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
    let e = &b.events[0];
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
