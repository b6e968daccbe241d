//! The files a site offers besides its pages, read back as their readers read them: the
//! datasets (`data/events.json` and `data/events.csv`, by a JSON parser and a CSV reader),
//! their sizes in every page's head, and what the service worker leaves to the network.

mod common;

use common::{Corpus, TRUNK_PAGE};
use std::path::Path;
use timeline_compiler::build::{self, Options};

/// A corpus of `n` events (every tenth with a hostile title), long enough to make many
/// details chunks, with `settings` as its `timeline.toml`.
fn corpus(n: usize, settings: &str) -> Corpus {
    let corpus = Corpus::new();
    corpus.write("timeline.toml", settings);
    for i in 0..n {
        let title = if i % 10 == 3 {
            format!("'=HYPERLINK(\"https://evil.example/{i}\",\"click\")'")
        } else {
            format!("Event {i}, with \"quotes\"")
        };
        let body = "Words of the body. ".repeat(40);
        corpus.write(
            &format!("e{i:05}.md"),
            format!(
                "---\nid: e{i:05}\ndate: 20{:02}-{:02}-{:02}\ntitle: {title}\nsummary: A summary & <b>{i}</b>\ntags: [alpha, \"beta gamma\"]\nsources:\n  - url: https://example.org/{i}\n  - title: Untitled {i}\n---\n{body}\n",
                10 + i % 15,
                1 + i % 12,
                1 + i % 28
            ),
        );
    }
    corpus
}

fn site(corpus: &Corpus) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    std::fs::write(out.path().join("index.html"), TRUNK_PAGE).unwrap();
    build::build(corpus.path(), out.path(), &Options::default()).unwrap();
    out
}

fn read(out: &Path, file: &str) -> String {
    std::fs::read_to_string(out.join(file)).unwrap()
}

/// The core the site's pages name, decoded.
fn core(out: &Path) -> timeline_bundle::Bundle {
    let index = read(out, "index.html");
    let name = index
        .split("<meta name=\"timeline-bundle\" content=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap();
    timeline_bundle::decode_core(&std::fs::read(out.join(name)).unwrap()).unwrap()
}

#[test]
fn the_datasets_hold_every_event_in_the_bundles_order() {
    let corpus = corpus(
        600,
        "title = \"Test\"\ncanonical_url = \"https://example.org/tl/\"\nlicense = \"CC BY 4.0\"\n",
    );
    let out = site(&corpus);
    let bundle = core(out.path());
    assert!(
        bundle.chunks.len() > 3,
        "the details are read back chunk by chunk"
    );
    let json: Vec<serde_json::Value> =
        serde_json::from_str(&read(out.path(), "data/events.json")).unwrap();
    assert_eq!(json.len(), 600);
    let csv = read(out.path(), "data/events.csv");
    let rows: Vec<csv::StringRecord> =
        csv::Reader::from_reader(csv.strip_prefix('\u{feff}').unwrap().as_bytes())
            .records()
            .map(Result::unwrap)
            .collect();
    assert_eq!(rows.len(), 600);
    for ((e, j), r) in bundle.events.iter().zip(&json).zip(&rows) {
        assert_eq!(j["id"], e.id.as_str());
        assert_eq!(&r[0], e.id);
        assert_eq!(j["title"], e.title.as_str());
        let permalink = format!("https://example.org/tl/event/{}", e.id);
        assert_eq!(j["permalink"], permalink.as_str());
        assert_eq!(&r[11], permalink);
        assert_eq!(&r[6], "alpha; beta gamma");
        let i: u32 = e.id[1..].parse().unwrap();
        assert_eq!(&r[10], format!("https://example.org/{i} | Untitled {i}"));
        // A formula is neutralised in the CSV, and kept as written in the JSON.
        if e.title.starts_with('=') {
            assert_eq!(r[2].to_string(), format!("'{}", e.title));
        } else {
            assert_eq!(&r[2], e.title);
        }
        assert_eq!(j["summary"], format!("A summary & {i}"));
        assert_eq!(&r[3], format!("A summary & {i}"));
    }
    assert!(
        rows.iter()
            .filter(|r| r[2].starts_with("'=HYPERLINK("))
            .count()
            == 60
    );

    // Every page's head says how large they are.
    let sizes = format!(
        "<meta name=\"timeline-datasets\" content=\"data/events.json {} data/events.csv {}\">",
        std::fs::metadata(out.path().join("data/events.json"))
            .unwrap()
            .len(),
        std::fs::metadata(out.path().join("data/events.csv"))
            .unwrap()
            .len()
    );
    for page in ["index.html", "404.html", "event/e00000/index.html"] {
        assert!(read(out.path(), page).contains(&sizes), "{page}");
    }

    // The service worker leaves them to the network: they are not precached, but a
    // navigation to one gets the file.
    let sw = read(out.path(), "sw.js");
    let (files, other) = sw
        .split("const FILES = [")
        .nth(1)
        .unwrap()
        .split_once("const OTHER_FILES = [")
        .unwrap();
    assert!(!files.contains("data/"), "{files}");
    assert!(other.contains("\"data/events.json\"") && other.contains("\"data/events.csv\""));

    // The same corpus again: the same bytes.
    let again = site(&corpus);
    for file in ["data/events.json", "data/events.csv"] {
        assert_eq!(read(out.path(), file), read(again.path(), file), "{file}");
    }
}

#[test]
fn without_a_canonical_url_the_permalinks_are_relative_to_the_site() {
    let corpus = corpus(3, "title = \"Test\"\n");
    let out = site(&corpus);
    let json: Vec<serde_json::Value> =
        serde_json::from_str(&read(out.path(), "data/events.json")).unwrap();
    assert_eq!(
        json[0]["permalink"],
        format!("event/{}", json[0]["id"].as_str().unwrap())
    );
}

/// `feed.xml`, parsed: it must be well-formed XML.
fn feed_entries(text: &str) -> Vec<[String; 5]> {
    let doc = roxmltree::Document::parse(text).expect("the feed is well-formed XML");
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(
        feed.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    let child = |n: roxmltree::Node, name: &str| {
        n.children()
            .find(|c| c.tag_name().name() == name)
            .and_then(|c| c.text())
            .unwrap_or("")
            .to_string()
    };
    for required in ["title", "id", "updated"] {
        assert!(!child(feed, required).is_empty(), "the feed's {required}");
    }
    feed.children()
        .filter(|c| c.tag_name().name() == "entry")
        .map(|e| {
            let href = e
                .children()
                .find(|c| c.tag_name().name() == "link" && c.attribute("rel") == Some("alternate"))
                .and_then(|l| l.attribute("href"))
                .unwrap_or("")
                .to_string();
            [
                child(e, "title"),
                child(e, "id"),
                href,
                child(e, "updated"),
                child(e, "summary"),
            ]
        })
        .collect()
}

#[test]
fn the_feed_is_the_fifty_newest_events_newest_first() {
    let corpus = corpus(
        120,
        "title = \"Test <&>\"\ncanonical_url = \"https://example.org/tl/\"\nlicense = \"CC BY 4.0\"\n",
    );
    let out = site(&corpus);
    let bundle = core(out.path());
    let text = read(out.path(), "feed.xml");
    let entries = feed_entries(&text);
    assert_eq!(entries.len(), 50);
    let newest: Vec<&timeline_bundle::Event> = bundle.events.iter().rev().take(50).collect();
    for (entry, e) in entries.iter().zip(&newest) {
        let permalink = format!("https://example.org/tl/event/{}", e.id);
        assert_eq!(entry[0], e.title, "named after a real event");
        assert_eq!(entry[1], permalink);
        assert_eq!(entry[2], permalink);
        assert_eq!(entry[3], format!("{}T00:00:00Z", e.date));
        assert!(entry[4].starts_with("A summary & "), "{}", entry[4]);
    }
    let dates: Vec<&str> = entries.iter().map(|e| e[3].as_str()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");
    assert!(text.contains(&format!("<updated>{}</updated>\n  <author>", entries[0][3])));
    assert!(text.contains("<title>Test &lt;&amp;&gt;</title>"));
    assert!(text.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://example.org/tl/feed.xml\"/>"));
    // Every page the build writes names it.
    let alternate =
        "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/feed.xml\" title=\"Test &lt;&amp;&gt;\">";
    for page in [
        "index.html",
        "404.html",
        &format!("event/{}/index.html", bundle.events[0].id),
    ] {
        assert!(read(out.path(), page).contains(alternate), "{page}");
    }
    // It is for feed readers: not precached, but a navigation to it gets the file.
    let sw = read(out.path(), "sw.js");
    let other = sw.split("const OTHER_FILES = [").nth(1).unwrap();
    assert!(other.contains("\"feed.xml\""));
    assert_eq!(
        read(site(&corpus).path(), "feed.xml"),
        text,
        "the same bytes again"
    );
}

#[test]
fn without_a_canonical_url_the_feed_names_its_entries_by_urn() {
    let corpus = corpus(4, "title = \"Test\"\n");
    let out = site(&corpus);
    let entries = feed_entries(&read(out.path(), "feed.xml"));
    assert_eq!(entries.len(), 4);
    let mut ids: Vec<&str> = entries.iter().map(|e| e[1].as_str()).collect();
    assert!(ids.iter().all(|id| id.starts_with("urn:uuid:")), "{ids:?}");
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 4);
    assert!(entries.iter().all(|e| e[2].starts_with("event/e0000")));
}

#[test]
fn an_event_page_carries_its_citation_for_reference_managers() {
    let corpus = corpus(
        2,
        "title = \"Test & Co\"\ncanonical_url = \"https://example.org/tl/\"\nlicense = \"CC BY 4.0\"\n",
    );
    corpus.write(
        "partial.md",
        "---\nid: partial\ndate: 2011-07\ntitle: A \"partial\" <date>\n---\nBody.\n",
    );
    let out = site(&corpus);
    let page = read(out.path(), "event/e00001/index.html");
    let head = &page[..page.find("</head>").unwrap()];
    for tag in [
        "<link rel=\"schema.DC\" href=\"http://purl.org/dc/elements/1.1/\">",
        "<meta name=\"citation_title\" content=\"Event 1, with &quot;quotes&quot;\">",
        "<meta name=\"citation_publication_date\" content=\"2011/02/02\">",
        "<meta name=\"citation_public_url\" content=\"https://example.org/tl/event/e00001\">",
        "<meta name=\"citation_publisher\" content=\"Test &amp; Co\">",
        "<meta name=\"DC.title\" content=\"Event 1, with &quot;quotes&quot;\">",
        "<meta name=\"DC.date\" content=\"2011-02-02\">",
        "<meta name=\"DC.identifier\" content=\"https://example.org/tl/event/e00001\">",
        "<meta name=\"DC.publisher\" content=\"Test &amp; Co\">",
        "<meta name=\"DC.type\" content=\"Text\">",
        "<meta name=\"DC.rights\" content=\"CC BY 4.0\">",
        "<meta name=\"DC.description\" content=\"A summary &amp; 1\">",
    ] {
        assert!(head.contains(tag), "{tag} in {head}");
    }
    let partial = read(out.path(), "event/partial/index.html");
    assert!(partial
        .contains("<meta name=\"citation_title\" content=\"A &quot;partial&quot; &lt;date&gt;\">"));
    assert!(partial.contains("<meta name=\"citation_publication_date\" content=\"2011/07\">"));
    assert!(partial.contains("<meta name=\"DC.date\" content=\"2011-07\">"));
    // The home and 404 pages cite nothing.
    for page in ["index.html", "404.html"] {
        assert!(!read(out.path(), page).contains("citation_"), "{page}");
    }

    // Without a canonical URL, the page's own path, and no rights without a license.
    let corpus = self::corpus(1, "title = \"T\"\n");
    let out = site(&corpus);
    let page = read(out.path(), "event/e00000/index.html");
    assert!(page.contains("<meta name=\"citation_public_url\" content=\"/event/e00000\">"));
    assert!(!page.contains("DC.rights"));
}

#[test]
fn a_suggest_url_is_linked_from_every_pages_footer() {
    let settings =
        "title = \"T\"\nsuggest_url = \"https://example.org/new?template=event.md&x=1\"\n";
    let out = site(&corpus(2, settings));
    let link = "<a class=\"suggest\" href=\"https://example.org/new?template=event.md&amp;x=1\" rel=\"noopener\">Suggest an event</a>";
    for page in ["index.html", "event/e00000/index.html"] {
        let page = read(out.path(), page);
        let footer = page.split("<footer class=\"site-footer\">").nth(1).unwrap();
        assert!(footer.contains(link), "{footer}");
    }
    assert_eq!(
        core(out.path()).site.suggest_url,
        "https://example.org/new?template=event.md&x=1"
    );
    let out = site(&corpus(1, "title = \"T\"\n"));
    assert!(!read(out.path(), "index.html").contains("Suggest an event"));
    // Through the one URL policy: a script's address is refused, with its line.
    let bad = corpus(
        1,
        "title = \"T\"\n\nsuggest_url = \"javascript:alert(1)\"\n",
    );
    let e = build::build(
        bad.path(),
        tempfile::tempdir().unwrap().path(),
        &Options::default(),
    )
    .unwrap_err();
    let settings = e
        .report()
        .expect("a report")
        .diagnostics
        .iter()
        .find(|d| {
            d.message
                .contains("`suggest_url` must be a plain http(s) URL")
        })
        .expect("the setting is named");
    assert_eq!(settings.line, 3);
}
