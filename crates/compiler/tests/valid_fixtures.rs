//! `fixtures/valid/`: a mini-corpus of the edge cases real corpora have (a BOM, CRLF line
//! ends, partial dates, odd file names, JSON, duplicate keys, both lane and outlet
//! spellings, a nested folder, files that are not events, an ignore list, settings), and
//! what each becomes in the bundle.

mod common;

use common::fixtures;
use common::Compiled;
use timeline_bundle::{Details, Event, PartialDate};

fn compiled() -> Compiled {
    common::compile(&fixtures("valid"))
}

/// An event of the core with its details.
struct Full<'a> {
    core: &'a Event,
    details: &'a Details,
}

impl std::ops::Deref for Full<'_> {
    type Target = Details;
    fn deref(&self) -> &Details {
        self.details
    }
}

fn event<'a>(b: &'a Compiled, id: &str) -> Full<'a> {
    let (core, details) = b.event(id);
    Full { core, details }
}

/// The event's file. The bundle may leave `file` empty when it is `<id>.md`, to save space.
fn file_of(e: Full) -> String {
    e.details.file_name(&e.core.id)
}

#[test]
fn the_valid_corpus_has_no_errors_and_one_expected_warning() {
    let b = compiled();
    let checked = &b.checked;
    let report = &checked.report;
    let got: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| (d.file.as_str(), d.code.id(), d.line))
        .collect();
    assert_eq!(got, [("duplicate-keys.md", "W005", 6)]);
    assert!(report.rejected.is_empty());
    let texts: Vec<&str> = report.texts.keys().map(String::as_str).collect();
    assert_eq!(
        texts,
        ["duplicate-keys.md"],
        "only a file with a diagnostic keeps its text"
    );
}

#[test]
fn every_file_is_an_event_or_skipped_with_its_reason() {
    let b = compiled();
    let checked = &b.checked;
    let files = common::all_files(&fixtures("valid"));
    assert_eq!(checked.report.files, files.len());
    let skipped: Vec<_> = checked
        .report
        .skipped
        .iter()
        .map(|s| (s.name.as_str(), s.reason))
        .collect();
    assert_eq!(
        skipped,
        [
            (".timelineignore", "hidden or `_` name"),
            ("README.md", "a README or other project document"),
            ("_draft.md", "hidden or `_` name"),
            (
                "notes.txt",
                timeline_compiler::discover::NOT_AN_EVENT_FORMAT
            ),
            ("old.bak.md", "named by .timelineignore"),
            ("scratch/ignored.md", "named by .timelineignore"),
            ("timeline.toml", "site settings"),
        ]
    );
    let mut accounted: Vec<String> = checked.events.iter().map(|e| e.file.clone()).collect();
    accounted.extend(checked.report.skipped.iter().map(|s| s.name.clone()));
    accounted.sort();
    assert_eq!(accounted, files, "each file exactly once");
}

#[test]
fn events_are_sorted_by_date_with_partial_dates_first() {
    let b = compiled();
    let ids: Vec<&str> = b.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "1975--year-only",
            "2020-03--year-and-month",
            "2020-03-15--full-date",
            "nested",
            "with spaces in the name",
            "quote-\"victory\"-memo-and-putin's-palace",
            "raises-$100-million",
            "pac-explosion:-433-new-pacs",
            "council-(alec)-established",
            "kylian-mbappé-account-hacked",
            "json-with-summary",
            "duplicate-keys",
            "capture-lane",
            "publisher-vs-outlet",
            "mood",
            "hostile-body",
            "bom",
            "crlf",
        ]
    );
    assert_eq!(
        event(&b, "1975--year-only").core.date,
        PartialDate::year(1975)
    );
    assert_eq!(
        event(&b, "2020-03--year-and-month").core.date,
        PartialDate::ymd(2020, 3, 0),
        "day 0: known to the month"
    );
    assert_eq!(
        event(&b, "2020-03-15--full-date").core.date,
        PartialDate::ymd(2020, 3, 15)
    );
}

#[test]
fn odd_file_names_keep_their_names_and_ids() {
    let b = compiled();
    for id in [
        "with spaces in the name",
        "quote-\"victory\"-memo-and-putin's-palace",
        "raises-$100-million",
        "pac-explosion:-433-new-pacs",
        "council-(alec)-established",
        "kylian-mbappé-account-hacked",
    ] {
        assert_eq!(file_of(event(&b, id)), format!("{id}.md"));
    }
    assert_eq!(file_of(event(&b, "nested")), "2020/nested.md");
    // A name with non-ASCII letters is found by an unaccented query, and the reverse.
    let hits = b.search.search("MBAPPE", b.events.len());
    let found: Vec<&str> = hits
        .events
        .iter()
        .map(|h| b.events[h.0 as usize].id.as_str())
        .collect();
    assert_eq!(found, ["kylian-mbappé-account-hacked"]);
    assert_eq!(b.actors[0].label, "Kylian Mbappé");
}

#[test]
fn a_bom_and_crlf_line_ends_leave_no_trace() {
    let b = compiled();
    let bom = event(&b, "bom");
    assert_eq!(bom.core.title, "Saved with a byte order mark");
    assert_eq!(bom.body_html, "<p>The BOM is not part of the id.</p>");
    let crlf = event(&b, "crlf");
    assert_eq!(crlf.core.title, "Saved on Windows");
    assert_eq!(
        crlf.body_html,
        "<p>First paragraph.</p>\n<p>Second paragraph.</p>"
    );
    assert_eq!(b.tags[crlf.core.tags[0] as usize].label, "line ends");
    for (e, d) in b.events.iter().zip(&b.details) {
        for text in [&e.id, &e.title, &d.body_html, &d.summary_html] {
            assert!(!text.contains(['\r', '\u{feff}']), "{}: {text:?}", e.id);
        }
    }
}

#[test]
fn a_json_event_has_its_summary_and_sources() {
    let b = compiled();
    let e = event(&b, "json-with-summary");
    assert_eq!(
        file_of(event(&b, "json-with-summary")),
        "json-with-summary.json"
    );
    assert_eq!(
        e.summary_html,
        "<p>The summary of a <strong>JSON</strong> event, in Markdown.</p>"
    );
    assert_eq!(e.body_html, "");
    assert_eq!(e.core.importance, Some(6));
    assert_eq!(e.sources[0].outlet.as_deref(), Some("Example Wire"));
    assert_eq!(e.sources[0].tier, Some(1));
    // Two spellings of one tag make one term.
    assert_eq!(e.core.tags.len(), 1);
    assert_eq!(b.tags[e.core.tags[0] as usize].key, "money-laundering");
    assert!(b
        .search
        .search("summary json", b.events.len())
        .events
        .iter()
        .any(|h| b.events[h.0 as usize].id == e.core.id));
}

#[test]
fn the_last_copy_of_a_duplicate_key_wins() {
    let b = compiled();
    let e = event(&b, "duplicate-keys");
    let tags: Vec<&str> = e
        .core
        .tags
        .iter()
        .map(|&t| b.tags[t as usize].label.as_str())
        .collect();
    assert_eq!(tags, ["second copy", "kept"]);
    assert_eq!(b.statuses[e.core.status.unwrap() as usize].key, "confirmed");
}

#[test]
fn lanes_and_outlets_are_read_under_either_spelling() {
    let b = compiled();
    let e = event(&b, "capture-lane");
    let lanes: Vec<&str> = e
        .core
        .lanes
        .iter()
        .map(|&l| b.lanes[l as usize].label.as_str())
        .collect();
    assert_eq!(lanes, ["Regulatory Capture", "Judicial Capture"]);
    let e = event(&b, "publisher-vs-outlet");
    let outlets: Vec<_> = e.sources.iter().map(|s| s.outlet.as_deref()).collect();
    assert_eq!(outlets, [Some("The Example Times"), Some("Sample Wire")]);
    assert_eq!(e.sources[0].tier, Some(2));
    assert_eq!(e.best_tier(), Some(2));
    assert_eq!(e.core.tier, Some(2));
    assert_eq!(e.core.sources, 2);
}

#[test]
fn settings_apply_and_extra_fields_are_kept_quietly() {
    let b = compiled();
    let checked = &b.checked;
    assert_eq!(b.site.title, "Fixture timeline");
    assert_eq!(checked.settings.extra_fields, ["mood"]);
    let e = event(&b, "mood");
    assert_eq!(e.extra, [("mood".to_string(), "tense".to_string())]);
}

#[test]
fn a_hostile_body_is_sanitised() {
    let b = compiled();
    let html = &event(&b, "hostile-body").body_html;
    let lower = html.to_lowercase();
    for bad in [
        "<script",
        "onerror",
        "onmouseover",
        "onload",
        "javascript",
        "<iframe",
        "<svg",
        "<img",
        "alert(",
    ] {
        assert!(!lower.contains(bad), "{bad} survived: {html}");
    }
    assert!(
        html.contains("<a href=\"https://example.org/safe\""),
        "{html}"
    );
    assert!(html.contains("<b>bold</b>"), "{html}");
}

#[test]
fn the_bundle_roundtrips() {
    let b = compiled();
    common::roundtrip(&b);
}
