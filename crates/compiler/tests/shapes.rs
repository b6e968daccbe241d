//! `fixtures/shapes/`: the corpus shapes beyond Markdown front matter and JSON — one YAML
//! file per event (`summary`, `citations` as bare URLs or `{url, archived}`, `sources` as
//! bare URLs), ids and dates left to the file names, `citations` beside `sources` in a
//! Markdown event, and copies of one event that agree — and what each becomes in the
//! bundle; then the edge cases of each rule, in temporary folders.

mod common;

use common::{fixtures, Compiled, Corpus};
use timeline_bundle::Source;
use timeline_compiler::check::COPY;
use timeline_compiler::diagnostic::Code;
use timeline_compiler::Checked;

fn compiled() -> Compiled {
    common::compile(&fixtures("shapes"))
}

/// Every diagnostic: (file, code, line).
fn found(checked: &Checked) -> Vec<(&str, &'static str, usize)> {
    checked
        .report
        .diagnostics
        .iter()
        .map(|d| (d.file.as_str(), d.code.id(), d.line))
        .collect()
}

/// A source as (title, url, archive url), the fields these shapes fill.
fn link(s: &Source) -> (Option<&str>, Option<&str>, Option<&str>) {
    (
        s.title.as_deref(),
        s.url.as_deref(),
        s.archive_url.as_deref(),
    )
}

#[test]
fn the_shapes_check_with_only_their_expected_warnings() {
    let b = compiled();
    let checked = &b.checked;
    common::assert_accounted(checked);
    assert_eq!(
        found(checked),
        [
            // The plain-text citation, on its own line.
            ("2020-03-02_mayor-vetoes-line-items.yml", "W006", 13),
            // No `date`: the file name's.
            ("2020-03-03--hearing-scheduled.yaml", "W010", 1),
            // A citation that is plain text, in a Markdown event too.
            ("2020-03-04--markdown-with-citations.md", "W006", 8),
            // The copies, each at its `id` line; the Markdown copy is kept.
            ("2020-03-05--audit-released.json", "W011", 2),
            ("2020-03-05--audit-released.yaml", "W011", 1),
            // A written id keeps its rule.
            ("2020-03-06--audit-follow-up.yml", "W004", 1),
        ]
    );
    assert!(checked.report.rejected.is_empty());
    assert_eq!(
        common::skipped(checked),
        [
            ("2020-03-05--audit-released.json", COPY),
            ("2020-03-05--audit-released.yaml", COPY),
            ("README.md", "a README or other project document"),
            ("_config.yml", "hidden or `_` name"),
        ]
    );
    assert_eq!(
        common::ids(checked),
        [
            "2020-03-01--council-adopts-budget",
            "2020-03-02_mayor-vetoes-line-items",
            "2020-03-03--hearing-scheduled",
            "2020-03-04--markdown-with-citations",
            "2020-03-05--audit-released",
            "audit_follow_up",
        ]
    );
    let copy = checked
        .report
        .diagnostics
        .iter()
        .find(|d| d.code == Code::DuplicateCopy)
        .unwrap();
    assert!(
        copy.message.contains("`2020-03-05--audit-released.md`"),
        "names the winner: {}",
        copy.message
    );
    let kept = checked
        .events
        .iter()
        .find(|e| e.id == "2020-03-05--audit-released")
        .unwrap();
    assert_eq!(kept.file, "2020-03-05--audit-released.md");
}

#[test]
fn a_yaml_event_has_its_summary_facets_and_both_spellings_of_sources() {
    let b = compiled();
    let (event, details) = b.event("2020-03-01--council-adopts-budget");
    assert_eq!(event.title, "Council adopts the budget");
    assert_eq!(event.importance, Some(6));
    assert_eq!(
        details.summary_html,
        "<p>The council adopts the budget by <strong>seven votes to two</strong>, after a \
         session that ran past midnight.</p>"
    );
    assert_eq!(details.body_html, "");
    let actors: Vec<&str> = event
        .actors
        .iter()
        .map(|&a| b.actors[a as usize].label.as_str())
        .collect();
    assert_eq!(actors, ["City Council", "Mayor's Office"]);
    assert_eq!(
        details.file_name(&event.id),
        "2020-03-01--council-adopts-budget.yaml"
    );
    let sources: Vec<_> = details.sources.iter().map(link).collect();
    assert_eq!(
        sources,
        [
            (None, Some("https://example.org/news/budget-adopted"), None),
            (
                None,
                Some("https://example.org/minutes/2020-03-01"),
                Some("https://web.archive.org/web/20200302000000/https://example.org/minutes/2020-03-01")
            ),
            (None, Some("https://example.org/press/budget"), None),
        ],
        "citations, then sources, as written"
    );
    assert_eq!(event.sources, 3);
    assert!(details.extra.is_empty(), "{:?}", details.extra);
    // The summary is searched, as a Markdown body is.
    let hits = b.search.search("midnight", b.events.len());
    assert!(hits
        .events
        .iter()
        .any(|h| b.events[h.0 as usize].id == event.id));
}

#[test]
fn an_id_from_the_file_name_and_citations_as_text() {
    let b = compiled();
    let (event, details) = b.event("2020-03-02_mayor-vetoes-line-items");
    assert_eq!(event.date.to_string(), "2020-03-02");
    let sources: Vec<_> = details.sources.iter().map(link).collect();
    assert_eq!(
        sources,
        [
            (
                Some("Example Tribune — Mayor vetoes three items (Mar 2020)"),
                Some("https://example.org/tribune/veto"),
                None
            ),
            (Some("City Charter, art. 12 (1998)"), None, None),
        ]
    );
    assert!(details.location.is_none());
    assert!(details.extra.is_empty(), "`notes: ''` is no note");
}

#[test]
fn a_yaml_body_is_rendered_and_sanitised_and_its_date_comes_from_the_name() {
    let b = compiled();
    let (event, details) = b.event("2020-03-03--hearing-scheduled");
    assert_eq!(event.date.to_string(), "2020-03-03");
    assert_eq!(
        details.summary_html,
        "<p>The council schedules a hearing on overriding the vetoes.</p>"
    );
    let html = &details.body_html;
    assert!(html.starts_with("<h2>What happens next</h2>"), "{html}");
    assert!(
        html.contains("<li>a vote, which needs <em>six</em> members</li>"),
        "{html}"
    );
    assert!(
        html.contains("href=\"https://example.org/agenda\""),
        "{html}"
    );
    let lower = html.to_lowercase();
    for bad in ["<script", "onerror", "alert(", "<img"] {
        assert!(!lower.contains(bad), "{bad} survived: {html}");
    }
    assert!(details.extra.is_empty(), "`body` is the body, not an extra");
    assert_eq!(details.sources[0].tier, Some(1));
    assert!(b
        .search
        .search("public hearing", b.events.len())
        .events
        .iter()
        .any(|h| b.events[h.0 as usize].id == event.id));
}

#[test]
fn a_markdown_event_keeps_citations_and_sources_in_the_order_written() {
    let b = compiled();
    let (_, details) = b.event("2020-03-04--markdown-with-citations");
    let sources: Vec<_> = details.sources.iter().map(link).collect();
    assert_eq!(
        sources,
        [
            (None, Some("https://example.org/first"), None),
            (Some("A report handed out at the meeting"), None, None),
            (
                Some("The second, archived"),
                Some("https://example.org/second"),
                Some("https://web.archive.org/web/2020/https://example.org/second")
            ),
        ]
    );
    assert_eq!(
        details.body_html,
        "<p>Both lists are kept, in the order written.</p>"
    );
}

#[test]
fn the_bundle_roundtrips() {
    common::roundtrip(&compiled());
}

/// The diagnostics of a one-file corpus: (code, line, message).
fn diagnose(name: &str, text: &str) -> (Checked, Vec<(Code, usize, String)>) {
    let checked = Corpus::with(&[(name, text.as_bytes())]).check();
    let found = checked
        .report
        .diagnostics
        .iter()
        .filter(|d| d.file == name)
        .map(|d| (d.code, d.line, d.message.clone()))
        .collect();
    (checked, found)
}

fn yaml_with(rest: &str) -> String {
    format!("id: e\ndate: 2020\ntitle: T\nimportance: 1\n{rest}")
}

#[test]
fn a_bare_source_is_a_url_a_titled_link_or_a_citation_as_text() {
    let text = yaml_with(
        "sources:\n\
         - https://example.org/a\n\
         - ftp://example.org/b\n\
         - www.example.org/c\n\
         - 'Outlet: Headline - https://example.org/d'\n\
         - Wikipedia\n\
         - 'See https://example.org/e for more'\n\
         - ''\n\
         - 7\n",
    );
    let (checked, found) = diagnose("e.yaml", &text);
    let codes: Vec<(Code, usize)> = found.iter().map(|f| (f.0, f.1)).collect();
    assert_eq!(
        codes,
        [
            (Code::NonHttpUrl, 7),
            (Code::NonHttpUrl, 8),
            (Code::SourceWithoutUrl, 10),
            (Code::SourceWithoutUrl, 11),
            // A blank and a number have no text to be found by: the line before.
            (Code::InvalidField, 11),
            (Code::InvalidField, 11),
        ]
    );
    assert_eq!(
        found[2].2,
        "source 5 is plain text, without a link; kept as text"
    );
    assert_eq!(found[4].2, "source 7 is blank; ignored");
    let sources = checked.events[0].parsed().sources;
    let got: Vec<_> = sources
        .iter()
        .map(|s| {
            (
                s.title.as_deref(),
                s.url.as_deref(),
                s.unlinked_url.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (None, Some("https://example.org/a"), None),
            (None, None, Some("ftp://example.org/b")),
            (None, None, Some("www.example.org/c")),
            (
                Some("Outlet: Headline"),
                Some("https://example.org/d"),
                None
            ),
            (Some("Wikipedia"), None, None),
            // A URL inside the text, not at its end, stays text.
            (Some("See https://example.org/e for more"), None, None),
        ]
    );
}

#[test]
fn one_source_alone_archived_spellings_and_citations_named_as_such() {
    let one = yaml_with("citations: https://example.org/only\n");
    let (checked, found) = diagnose("e.yaml", &one);
    assert!(found.is_empty(), "{found:?}");
    assert_eq!(
        checked.events[0].parsed().sources[0].url.as_deref(),
        Some("https://example.org/only")
    );
    let both = yaml_with(
        "citations:\n\
         - url: https://example.org/a\n  archived: https://archive.example/a\n  archive_url: https://archive.example/a\n\
         - url: https://example.org/b\n  archive_url: https://archive.example/b\n  archived: https://archive.example/other\n\
         - url: https://example.org/c\n  archived: ftp://archive.example/c\n\
         - title: No address\n",
    );
    let (checked, found) = diagnose("e.yaml", &both);
    assert_eq!(
        found,
        [
            (
                Code::InvalidField,
                9,
                "citation 2 has both `archive_url` and `archived`, which differ; `archived` is ignored"
                    .to_string()
            ),
            (
                Code::NonHttpUrl,
                12,
                "the archive URL `ftp://archive.example/c` of citation 3 is not http(s); ignored"
                    .to_string()
            ),
            (Code::SourceWithoutUrl, 14, "citation 4 has no `url`".to_string()),
        ]
    );
    let archives: Vec<Option<String>> = checked.events[0]
        .parsed()
        .sources
        .into_iter()
        .map(|s| s.archive_url)
        .collect();
    assert_eq!(
        archives,
        [
            Some("https://archive.example/a".to_string()),
            Some("https://archive.example/b".to_string()),
            None,
            None
        ]
    );
}

#[test]
fn body_is_a_yaml_events_text_and_an_extra_elsewhere() {
    let (checked, found) = diagnose("e.yaml", &yaml_with("body: '**Bold** text'\n"));
    assert!(found.is_empty(), "{found:?}");
    assert_eq!(checked.events[0].parsed().body, "**Bold** text");
    // A JSON event has no body field: `body` stays an extra, as before.
    let json = r#"{"id": "e", "date": "2020", "title": "T", "importance": 1, "body": "x"}"#;
    let (checked, found) = diagnose("e.json", json);
    assert_eq!(
        found.iter().map(|f| f.0).collect::<Vec<_>>(),
        [Code::UnknownField]
    );
    let e = checked.events[0].parsed();
    assert_eq!((e.body.as_str(), e.extra.len()), ("", 1));
    // Too deep to render: plain text, with the warning at its line.
    let deep = yaml_with(&format!("body: '{}deep'\n", "> ".repeat(1000)));
    let (_, found) = diagnose("e.yaml", &deep);
    assert_eq!((found[0].0, found[0].1), (Code::InvalidField, 5));
    assert!(
        found[0].2.contains("body nests 1000 levels deep"),
        "{}",
        found[0].2
    );
}

#[test]
fn a_yaml_file_must_be_one_mapping() {
    for (text, code, line) in [
        ("- id: e\n- title: T\n", Code::NotAMapping, 1),
        ("id: e\ntitle: T\n---\ndate: 2020\n", Code::YamlSyntax, 1),
        ("id: e\ntitle: [unclosed\n", Code::YamlSyntax, 3),
        ("   \n", Code::EmptyFile, 0),
    ] {
        let (checked, found) = diagnose("e.yaml", text);
        assert_eq!(
            found.iter().map(|f| (f.0, f.1)).collect::<Vec<_>>(),
            [(code, line)],
            "{text:?}: {found:?}"
        );
        assert!(checked.events.is_empty());
    }
    let (_, found) = diagnose("e.yaml", "id: e\ntitle: T\n---\ndate: 2020\n");
    assert!(
        found[0].2.contains("more than one document"),
        "{}",
        found[0].2
    );
    let shown = common::shown(&Corpus::with(&[("e.yaml", b"id: e\n---\ntitle: T\n")]).check());
    assert!(
        shown.contains("help: an event is one YAML mapping"),
        "{shown}"
    );
    // A document start and a repeated key, as front matter has them.
    let (checked, found) = diagnose(
        "e.yaml",
        "---\nid: e\ndate: 2020\ntitle: Old\ntitle: New\nimportance: 1\n",
    );
    assert_eq!(
        found.iter().map(|f| (f.0, f.1)).collect::<Vec<_>>(),
        [(Code::DuplicateKey, 4)]
    );
    assert_eq!(checked.events[0].parsed().title, "New");
}
