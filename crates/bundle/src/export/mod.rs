//! The events a reader takes away, in three formats, written by the same code in the
//! browser (the filtered view, `/starred`) and at build time (the whole corpus as the
//! site's `data/` files): CSV for spreadsheets ([`csv`]), JSON with every field
//! ([`json`]) and an iCalendar file of all-day events ([`ics`]). Each format has a
//! function that writes a whole file and the pieces it is made of (a header, a row, …),
//! so that the build streams a million events through the same code without holding the
//! file. Strings are pushed, never formatted, to keep the WebAssembly small.

pub mod csv;
pub mod ics;
pub mod json;

pub use self::csv::csv;
pub use self::ics::ics;
pub use self::json::json;

use crate::html::{push_int, push_padded};
use crate::model::{Bundle, Details, Event, Term};
use crate::text::{fold, html_to_text};

/// One event to export: its number in the bundle, its core and details, and its
/// permalink as the file should carry it (absolute where the writer knows the site's
/// address).
#[derive(Clone, Copy)]
pub struct Item<'a> {
    pub number: u32,
    pub event: &'a Event,
    pub details: &'a Details,
    pub permalink: &'a str,
}

/// An event's summary as plain text; when it has none, the excerpt a row shows (its
/// body's first paragraph, cut at a word).
pub fn summary_text(details: &Details) -> String {
    if details.summary_html.is_empty() {
        details.excerpt.clone()
    } else {
        html_to_text(&details.summary_html)
    }
}

/// `<site-slug>-YYYY-MM-DD.<ext>`: the name of an export made on that day.
pub fn file_name(site_title: &str, year: i32, month: u32, day: u32, ext: &str) -> String {
    let mut name = slug(site_title);
    name.push('-');
    push_padded(&mut name, u64::from(year.unsigned_abs()), 4);
    name.push('-');
    push_padded(&mut name, u64::from(month), 2);
    name.push('-');
    push_padded(&mut name, u64::from(day), 2);
    name.push('.');
    name.push_str(ext);
    name
}

/// A site title as a file name's or an identifier's word: folded (lower case, Latin
/// accents off), each run of other characters than letters and digits one `-`, at most
/// 60 characters; `timeline` when nothing is left.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in fold(title).chars() {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            if out.chars().count() >= 60 {
                break;
            }
            out.push(c);
        } else {
            gap = true;
        }
    }
    if out.is_empty() {
        out.push_str("timeline");
    }
    out
}

/// The labels of `numbers` in `terms` (a number out of range is left out).
pub fn labels<'a>(terms: &'a [Term], numbers: &'a [u32]) -> impl Iterator<Item = &'a str> {
    numbers
        .iter()
        .filter_map(|&n| terms.get(n as usize))
        .map(|t| t.label.as_str())
}

/// The id of event `n`, or nothing when there is no such event.
fn id_of(bundle: &Bundle, n: u32) -> &str {
    bundle.events.get(n as usize).map_or("", |e| e.id.as_str())
}

/// The files of the site's datasets and their sizes, as the build writes them into every
/// page's `<meta name="timeline-datasets">` (`data/events.json 1234 data/events.csv 567`)
/// for the about page.
pub fn datasets_meta(files: &[(&str, u64)]) -> String {
    let mut out = String::new();
    for (path, bytes) in files {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(path);
        out.push(' ');
        push_int(&mut out, *bytes);
    }
    out
}

/// [`datasets_meta`] read back: each file and its size (a pair that is not a path and a
/// number is left out). Digits read by hand: the WebAssembly has no other `u64` parser.
pub fn parse_datasets(meta: &str) -> Vec<(&str, u64)> {
    let mut out = Vec::new();
    let mut words = meta.split_ascii_whitespace();
    while let (Some(path), Some(bytes)) = (words.next(), words.next()) {
        let n = bytes.bytes().try_fold(0u64, |n, b| {
            b.is_ascii_digit()
                .then(|| n.checked_mul(10)?.checked_add(u64::from(b - b'0')))
                .flatten()
        });
        if let (Some(n), false) = (n, bytes.is_empty()) {
            out.push((path, n));
        }
    }
    out
}

/// A size for a reader, in powers of 1000 with one decimal below 10: `512 B`, `9.5 kB`,
/// `1.2 MB`, `340 MB`, `2.1 GB`.
pub fn human_size(bytes: u64) -> String {
    let mut out = String::new();
    if bytes < 1000 {
        push_int(&mut out, bytes);
        out.push_str(" B");
        return out;
    }
    let mut unit = 1000u64;
    let mut name = "kB";
    for next in ["MB", "GB", "TB"] {
        // Rounded to three digits, would it reach the next unit?
        if bytes < unit * 1000 - unit / 2 {
            break;
        }
        unit *= 1000;
        name = next;
    }
    let tenths = (bytes * 10 + unit / 2) / unit;
    if tenths < 100 {
        push_int(&mut out, tenths / 10);
        out.push('.');
        push_int(&mut out, tenths % 10);
    } else {
        push_int(&mut out, (bytes + unit / 2) / unit);
    }
    out.push(' ');
    out.push_str(name);
    out
}

/// A bundle of three events and their details for the formats' tests: hostile text
/// everywhere a cell can hold it.
#[cfg(test)]
pub(crate) fn sample() -> (Bundle, Vec<Details>) {
    use crate::model::{Connection, LinkCheck, LinkState, Site, Source};
    use crate::PartialDate;
    let term = |label: &str| Term {
        key: crate::text::canonical_key(label),
        label: label.into(),
        count: 1,
    };
    let bundle = Bundle {
        site: Site {
            title: "Klepto, \"the\" Timeline".into(),
            canonical_url: "https://user@Example.ORG:8443/tl/".into(),
            ..Site::default()
        },
        events: vec![
            Event {
                id: "2017--year".into(),
                date: PartialDate::year(2017),
                title: "=HYPERLINK(\"https://evil.example\",\"click\")".into(),
                importance: Some(9),
                status: Some(0),
                tags: vec![0, 1],
                actors: vec![0],
                lanes: vec![],
                outlets: vec![0],
                tier: Some(1),
                sources: 2,
            },
            Event {
                id: "2020-02--month".into(),
                date: PartialDate {
                    year: 2020,
                    month: 2,
                    day: 0,
                },
                title: "+1 and -1, @home; \\ back".into(),
                ..Event::default()
            },
            Event {
                id: "2020-12-31--day".into(),
                date: PartialDate::ymd(2020, 12, 31),
                title: "Ünïcödé ".repeat(12).trim().to_string(),
                ..Event::default()
            },
        ],
        tags: vec![term("Money, laundering"), term("Shell \"companies\"")],
        actors: vec![term("@Putin")],
        lanes: vec![],
        statuses: vec![term("confirmed")],
        outlets: vec![term("The Wire")],
        ..Bundle::default()
    };
    let details = vec![
        Details {
            summary_html: "<p>Line one,\nline <em>two</em> &amp; \"three\"</p>".into(),
            body_html: "<p>Body</p>".into(),
            location: Some("-Moscow".into()),
            sources: vec![
                Source {
                    url: Some("https://example.org/a?b=1&c=2".into()),
                    title: Some("A".into()),
                    outlet: Some("The Wire".into()),
                    tier: Some(1),
                    archive_url: Some("https://archive.example/a".into()),
                    link: Some(LinkCheck {
                        state: LinkState::Dead,
                        checked: PartialDate::ymd(2025, 11, 2),
                    }),
                    ..Source::default()
                },
                Source {
                    title: Some("\tTabbed title".into()),
                    unlinked_url: Some("javascript:alert(1)".into()),
                    ..Source::default()
                },
            ],
            connections: vec![Connection::Event(2), Connection::Text("elsewhere".into())],
            patterns: vec!["p\u{1}".into()],
            notes: Some("note\r\nnext".into()),
            extra: vec![("k\"ey".into(), "v\\al".into())],
            file: "sub/2017 year.md".into(),
            ..Details::default()
        },
        Details {
            excerpt: "Only an excerpt; with, commas".into(),
            ..Details::default()
        },
        Details {
            referenced_by: vec![0],
            ..Details::default()
        },
    ];
    (bundle, details)
}

/// The sample's items, with their permalinks.
#[cfg(test)]
pub(crate) fn items<'a>(
    bundle: &'a Bundle,
    details: &'a [Details],
    links: &'a [String],
) -> Vec<Item<'a>> {
    bundle
        .events
        .iter()
        .zip(details)
        .zip(links)
        .enumerate()
        .map(|(n, ((event, details), permalink))| Item {
            number: n as u32,
            event,
            details,
            permalink,
        })
        .collect()
}

/// The sample's permalinks.
#[cfg(test)]
pub(crate) fn permalinks(bundle: &Bundle) -> Vec<String> {
    bundle
        .events
        .iter()
        .map(|e| {
            let mut p = String::from("https://example.org/tl/");
            p.push_str(&crate::link::event_path(&e.id));
            p
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_carry_the_site_and_the_day() {
        assert_eq!(
            file_name("Kleptocracy Timeline", 2026, 3, 7, "csv"),
            "kleptocracy-timeline-2026-03-07.csv"
        );
        assert_eq!(
            file_name("  Ça & <Là>! ", 999, 12, 31, "ics"),
            "ca-la-0999-12-31.ics"
        );
        assert_eq!(
            file_name("!!!", 2026, 1, 1, "json"),
            "timeline-2026-01-01.json"
        );
        assert_eq!(
            file_name("../etc/passwd", 2026, 1, 1, "json"),
            "etc-passwd-2026-01-01.json"
        );
        assert_eq!(slug(&"a".repeat(100)).len(), 60);
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        let cases = [
            (0, "0 B"),
            (999, "999 B"),
            (1000, "1.0 kB"),
            (9_949, "9.9 kB"),
            (9_950, "10 kB"),
            (999_499, "999 kB"),
            (999_500, "1.0 MB"),
            (1_234_567, "1.2 MB"),
            (340_000_000, "340 MB"),
            (2_100_000_000, "2.1 GB"),
        ];
        for (bytes, said) in cases {
            assert_eq!(human_size(bytes), said, "{bytes}");
        }
    }

    #[test]
    fn the_datasets_meta_reads_back() {
        let meta = datasets_meta(&[("data/events.json", 1234), ("data/events.csv", 0)]);
        assert_eq!(meta, "data/events.json 1234 data/events.csv 0");
        assert_eq!(
            parse_datasets(&meta),
            [("data/events.json", 1234), ("data/events.csv", 0)]
        );
        assert_eq!(parse_datasets("a x b 2 c"), [("b", 2)]);
        assert_eq!(
            parse_datasets("a 99999999999999999999 b 18446744073709551615"),
            [("b", u64::MAX)]
        );
        assert!(parse_datasets("").is_empty());
    }

    #[test]
    fn a_summary_is_plain_text_or_the_excerpt() {
        let mut d = Details {
            summary_html: "<p>Paid &amp; <em>hidden</em>.</p><p>Then &lt;more&gt;</p>".into(),
            excerpt: "ignored".into(),
            ..Details::default()
        };
        assert_eq!(summary_text(&d), "Paid & hidden. Then <more>");
        d.summary_html.clear();
        assert_eq!(summary_text(&d), "ignored");
    }
}
