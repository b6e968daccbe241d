//! The real corpus (`../shared/corpus/events` beside the repository: 1,851 hand-written
//! files, read-only, never copied here): exact counts, no errors, every file accounted for
//! once, duplicates resolved the documented way (each a copy that agrees), citations read
//! as sources, reproducible bytes, search, odd ids and safe HTML.

mod common;

use common::{real_corpus, Compiled};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;
use timeline_bundle::Connection;
use timeline_compiler::diagnostic::{Code, Severity};

const SEED_ID: &str = "2017-05-10--trump-reveals-israeli-classified-intelligence-to-lavrov-kislyak-oval-office-day-after-comey-firing";

fn compile() -> Compiled {
    common::compile(&real_corpus())
}

/// One compilation shared by the tests (the corpus takes a few seconds in a debug build).
fn compiled() -> &'static Compiled {
    static ONCE: OnceLock<Compiled> = OnceLock::new();
    ONCE.get_or_init(compile)
}

#[test]
fn the_counts_are_exactly_those_known() {
    let checked = &compiled().checked;
    let c = &checked.report;
    assert_eq!(c.files, 1851);
    assert_eq!(checked.events.len(), 1747);
    assert_eq!(c.accepted, 1747);
    assert!(c.rejected.is_empty(), "{:?}", c.rejected);
    assert_eq!(c.skipped.len(), 104);
    common::assert_accounted(checked);
    assert_eq!(c.errors(), 0);
    assert_eq!(c.warnings(), 1126);
    let mut by_code: BTreeMap<&str, usize> = BTreeMap::new();
    for d in &c.diagnostics {
        *by_code.entry(d.code.id()).or_default() += 1;
    }
    assert_eq!(
        by_code,
        BTreeMap::from([
            ("W001", 35),
            ("W003", 1),
            // 32 sources without a URL, and 7 citations that are plain text.
            ("W006", 39),
            ("W007", 31),
            // 54 fewer than before `citations` was a spelling of `sources`.
            ("W008", 828),
            ("W011", 103),
            // Connections written as ids that no event has.
            ("W012", 89),
        ])
    );
    assert_eq!(
        timeline_compiler::report::summary(c).lines().nth(1),
        Some("1851 files: 1747 events in the bundle, 0 rejected, 104 skipped")
    );
    assert_eq!(c.skipped[0].name, "README.md");
    assert!(c.skipped[1..]
        .iter()
        .all(|s| s.reason == timeline_compiler::check::COPY));
    assert_eq!(compiled().bundle.events.len(), 1747);
}

#[test]
fn every_file_is_accounted_for_exactly_once() {
    let checked = &compiled().checked;
    let c = &checked.report;
    let on_disk = common::all_files(&real_corpus());
    assert_eq!(on_disk.len(), 1851);
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for name in checked
        .events
        .iter()
        .map(|e| e.file.as_str())
        .chain(c.rejected.iter().map(String::as_str))
        .chain(c.skipped.iter().map(|s| s.name.as_str()))
    {
        *seen.entry(name).or_default() += 1;
    }
    for name in &on_disk {
        assert_eq!(seen.get(name.as_str()), Some(&1), "{name}");
    }
    assert_eq!(seen.len(), on_disk.len(), "no name that is not on disk");
    // Each rejected file has an error, and each file with an error is rejected.
    let with_errors: HashSet<&str> = c
        .diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .map(|d| d.file.as_str())
        .collect();
    let rejected: HashSet<&str> = c.rejected.iter().map(String::as_str).collect();
    assert_eq!(with_errors, rejected);
}

#[test]
fn the_json_report_accounts_for_every_file() {
    let c = &compiled().checked;
    let report: serde_json::Value =
        serde_json::from_str(&timeline_compiler::report::json(c)).unwrap();
    let n = |k: &str| report[k].as_u64().unwrap() as usize;
    assert_eq!(
        (n("files"), n("events"), n("rejected"), n("skipped")),
        (1851, 1747, 0, 104)
    );
    assert_eq!((n("errors"), n("warnings")), (0, 1126));
    let ids: Vec<&str> = report["ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let bundle_ids: Vec<&str> = compiled()
        .bundle
        .events
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(ids, bundle_ids);
    let listed = report["rejected_files"].as_array().unwrap().len()
        + report["skipped_files"].as_array().unwrap().len()
        + ids.len();
    assert_eq!(listed, 1851);
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1126);
    for d in diagnostics {
        for key in ["file", "line", "column", "severity", "code", "message"] {
            assert!(!d[key].is_null(), "{key} missing in {d}");
        }
    }
}

#[test]
fn each_duplicate_is_a_copy_that_agrees_names_both_files_and_the_markdown_copy_wins() {
    let checked = &compiled().checked;
    let c = &checked.report;
    let kept: HashSet<&str> = checked.events.iter().map(|e| e.file.as_str()).collect();
    assert!(
        c.diagnostics.iter().all(|d| d.code != Code::DuplicateId),
        "no copy disagrees"
    );
    let copies: Vec<_> = c
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::DuplicateCopy)
        .collect();
    assert_eq!(copies.len(), 103);
    for d in copies {
        assert!(d.file.ends_with(".json"), "{}", d.file);
        let winner = d.message.split('`').nth(3).unwrap();
        assert!(winner.ends_with(".md"), "{}", d.message);
        assert!(kept.contains(winner), "{winner} is kept");
        assert!(
            c.skipped.iter().any(|s| s.name == d.file),
            "{} is skipped",
            d.file
        );
        let id = d.message.split('`').nth(1).unwrap();
        let event = checked.events.iter().find(|e| e.id == id).unwrap();
        assert_eq!(event.file, winner);
        assert!(d.line > 0, "the line of the loser's id");
        let text = c
            .texts
            .get(&d.file)
            .expect("the loser's text, to show its line");
        let line = text.lines().nth(d.line - 1).unwrap();
        assert!(line.contains(id), "{line:?} holds the id");
    }
}

#[test]
fn citations_are_sources_and_a_trailing_url_is_their_link() {
    let (_, details) = compiled().event("2017-01-30--eo-13771-reducing-regulation");
    let shown: Vec<(Option<&str>, Option<&str>, Option<&str>)> = details
        .sources
        .iter()
        .map(|s| {
            (
                s.title.as_deref(),
                s.url.as_deref(),
                s.archive_url.as_deref(),
            )
        })
        .collect();
    // `citations:` (a plain text, then a mapping with `archived`) is written before
    // `sources:` in that file, and read in that order.
    assert_eq!(shown.len(), 2 + 3, "{shown:?}");
    assert_eq!(
        shown[0],
        (Some("Executive Order 13771 (January 30, 2017)"), None, None)
    );
    assert_eq!(
        shown[1].1,
        Some("https://www.federalregister.gov/d/2017-02451")
    );
    assert!(shown[1]
        .2
        .is_some_and(|a| a.starts_with("https://web.archive.org/")));
    let (_, details) = compiled().event("2025-06-06--david-huerta-arrest");
    let laist = details
        .sources
        .iter()
        .find(|s| {
            s.url
                .as_deref()
                .is_some_and(|u| u.starts_with("https://laist.com/"))
        })
        .expect("the citation's trailing URL is its link");
    assert_eq!(
        laist.title.as_deref(),
        Some("LAist — SEIU president charged (Jun 2025)")
    );
}

#[test]
fn building_twice_gives_the_same_bytes_and_name() {
    let first = compiled();
    let second = compile();
    assert!(first.parts() == second.parts(), "the bundles differ");
    // At this size the index and the details are in parts, as at a million events.
    assert!(first.encoded.shards.len() > 3 && first.encoded.chunks.len() > 10);
    let name = &first.encoded.core.name;
    let hex = name
        .strip_prefix("core.")
        .and_then(|n| n.strip_suffix(".bin"))
        .unwrap();
    assert_eq!(hex.len(), 16);
    assert!(hex
        .bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
}

#[test]
fn the_bundle_decodes_with_unique_ids_in_date_order() {
    let decoded = timeline_bundle::decode_core(&compiled().encoded.core.bytes).unwrap();
    let mut ids = HashSet::new();
    for e in &decoded.events {
        assert!(ids.insert(e.id.as_str()), "{} twice", e.id);
    }
    for w in decoded.events.windows(2) {
        assert!(
            (w[0].date, &w[0].id) < (w[1].date, &w[1].id),
            "{} before {}",
            w[0].id,
            w[1].id
        );
    }
    assert_eq!(decoded.events[0].date.year, 1142);
}

#[test]
fn a_known_event_is_found_by_search() {
    let b = &compiled().bundle;
    let found = |query: &str| -> Vec<&str> {
        compiled()
            .search
            .search(query, b.events.len())
            .events
            .iter()
            .map(|h| b.events[h.0 as usize].id.as_str())
            .collect()
    };
    for query in ["lavrov kislyak", "LAVRÓV Kíslyak", "Kislyak lavr"] {
        assert!(
            found(query).contains(&SEED_ID),
            "{query}: {:?}",
            found(query)
        );
    }
    let seed = b.events.iter().find(|e| e.id == SEED_ID).unwrap();
    assert_eq!(seed.date.to_string(), "2017-05-10");
}

#[test]
fn ids_with_odd_characters_survive() {
    let decoded = timeline_bundle::decode_core(&compiled().encoded.core.bytes).unwrap();
    let ids: Vec<&str> = decoded.events.iter().map(|e| e.id.as_str()).collect();
    let count = |c: char| ids.iter().filter(|id| id.contains(c)).count();
    assert_eq!(count('$'), 6);
    assert_eq!(count('"'), 2);
    assert_eq!(count('\''), 8);
    assert_eq!(count('('), 1);
    assert_eq!(count(':'), 4);
    assert_eq!(count('%'), 3);
    assert_eq!(count('é'), 1);
    assert!(ids.contains(&"1998-04-03--american-petroleum-institute-\"victory\"-memo-outlin"));
    assert!(ids.contains(&"1984-01-01--drexel-burnham-lambert-raises-$100-million-blind-p"));
    assert!(ids.contains(
        &"1973-09-01--american-legislative-exchange-council-(alec)-established-1757454606"
    ));
    assert!(ids.contains(&"1976-12-31--corporate-pac-explosion:-433-new-corporate-pacs-fo"));
    // Two files differ only by `é` against a literal `\u00e9`: both are kept, apart.
    assert!(ids.contains(&"2024-08-29--kylian-mbappé-twitter-account-hacked-to-promote-00"));
    assert!(ids.contains(&"2024-08-29--kylian-mbapp\\u00e9-twitter-account-hacked-to-promote-00"));
}

#[test]
fn no_html_in_the_bundle_can_run_script() {
    let b = &compiled().bundle;
    let mut htmls: Vec<(&str, &str)> = vec![
        ("site.about", &b.site.about_html),
        ("site.attribution", &b.site.attribution_html),
    ];
    for (e, d) in b.events.iter().zip(&compiled().details) {
        htmls.push((&e.id, &d.body_html));
        htmls.push((&e.id, &d.summary_html));
    }
    let mut paragraphs = 0;
    for (id, html) in htmls {
        let lower = html.to_ascii_lowercase();
        assert!(!lower.contains("<script"), "{id}");
        assert!(!lower.contains("javascript:"), "{id}");
        assert!(!has_handler(&lower), "{id}: {html}");
        paragraphs += lower.matches("<p>").count();
    }
    // The bodies have no links; this shows the check saw the rendered HTML.
    assert!(paragraphs > 1000, "{paragraphs} paragraphs");
    for d in &compiled().details {
        for s in &d.sources {
            if let Some(url) = &s.url {
                assert!(
                    url.starts_with("http://") || url.starts_with("https://"),
                    "{url}"
                );
            }
        }
    }
}

/// ` on…=` inside a tag.
fn has_handler(html: &str) -> bool {
    html.split('<').skip(1).any(|tag| {
        let tag = tag.split('>').next().unwrap_or(tag);
        tag.match_indices(" on").any(|(i, _)| {
            let rest = &tag[i + 1..];
            let name = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
            name > 2 && rest[name..].trim_start().starts_with('=')
        })
    })
}

#[test]
fn connections_link_both_ways_and_an_unknown_id_is_a_warning_on_its_line() {
    let c = compiled();
    let number = |id: &str| c.bundle.events.iter().position(|e| e.id == id).unwrap();
    let essay = number("2009-04-13--peter-thiel-anti-democracy-essay");
    let mithril = number("2016-01-01--vance-joins-mithril-capital");
    let senate = number("2022-04-01--thiel-funds-vance-senate");
    let speech = number("2016-07-21--thiel-rnc-speech");
    // The essay names three ids: two are events, one is not (shown as text, warned).
    assert_eq!(
        c.details[essay].connections,
        [
            Connection::Text("2011-01-01--thiel-meets-vance-yale".into()),
            Connection::Event(speech as u32),
            Connection::Event(senate as u32),
        ]
    );
    let w: Vec<_> = c
        .checked
        .report
        .diagnostics
        .iter()
        .filter(|d| {
            d.code == Code::ConnectionToNoEvent
                && d.file == "2009-04-13--peter-thiel-anti-democracy-essay.md"
        })
        .map(|d| (d.line, d.message.as_str()))
        .collect();
    assert_eq!(
        w,
        [(45, "the connection `2011-01-01--thiel-meets-vance-yale` names no event in the corpus; it is shown as text")]
    );
    // The other way: the events that name the Senate race, in event order, each once.
    let named_by = &c.details[senate].referenced_by;
    assert_eq!(named_by.len(), 4, "{named_by:?}");
    assert!(named_by.contains(&(essay as u32)) && named_by.contains(&(mithril as u32)));
    assert!(named_by.windows(2).all(|w| w[0] < w[1]));
    assert!(c.details[speech].referenced_by.contains(&(essay as u32)));
    // Connections in words are text, and no warning.
    let heritage =
        number("1973-01-01--heritage-foundation-established-as-powell-memo-implementatio");
    assert_eq!(
        c.details[heritage].connections[0],
        Connection::Text("Powell Memorandum Implementation".into())
    );
    // Every reference is returned by a connection.
    for (n, d) in c.details.iter().enumerate() {
        for &from in &d.referenced_by {
            assert!(c.details[from as usize]
                .connections
                .contains(&Connection::Event(n as u32)));
        }
    }
}

#[test]
fn every_event_with_a_summary_or_a_body_has_an_excerpt() {
    let c = compiled();
    let essay = c
        .bundle
        .events
        .iter()
        .position(|e| e.id == "2009-04-13--peter-thiel-anti-democracy-essay")
        .unwrap();
    let e = &c.details[essay].excerpt;
    assert!(
        e.starts_with("Peter Thiel publishes “The Education of a Libertarian” in Cato Institute’s"),
        "{e}"
    );
    let with_text = c
        .details
        .iter()
        .filter(|d| !d.summary_html.is_empty() || d.body_html.contains("<p>"))
        .count();
    let with_excerpt = c.details.iter().filter(|d| !d.excerpt.is_empty()).count();
    assert_eq!(with_excerpt, with_text);
    assert!(c.details.iter().all(|d| d.excerpt.chars().count()
        <= timeline_compiler::excerpt::MAX_CHARS
        && !d.excerpt.contains('<')
        && !d.excerpt.contains("&amp;")));
}
