//! `feed.xml`, an Atom feed (RFC 4287) of the 50 most recent events: the last 50 in the
//! bundle's order (by date, then id; a date known only to the month or the year counts
//! from its first day and comes before that day's own events), newest first. Each entry
//! has the event's title, its permalink as its link, its date at midnight UTC as
//! `updated`, its summary as plain text and its tags as categories.
//!
//! Identifiers: with a canonical URL, the feed's is the site's address and an entry's its
//! permalink. Without one there is no address to give (and a `tag:` URI needs a domain), so
//! they are `urn:uuid:` names made from a hash of the site's title (and the event's id):
//! stable across builds for as long as the title and the id stay the same. The links are
//! then relative (`event/<id>`), which a feed reader resolves against the feed's own
//! address at the site's root.

use super::datasets::permalink;
use crate::build::{Output, OutputError};
use crate::normalise::Compiled;
use timeline_bundle::export::{labels, summary_text};
use timeline_bundle::html::row::push_iso_date;
use timeline_bundle::{Event, PartialDate};

/// How many events the feed carries.
pub(super) const ENTRIES: usize = 50;

/// Writes `feed.xml`.
pub(super) fn write(output: &mut Output, compiled: &Compiled) -> Result<(), OutputError> {
    let bundle = &compiled.bundle;
    let newest: Vec<u32> = (0..bundle.events.len() as u32)
        .rev()
        .take(ENTRIES)
        .collect();
    let details = super::details_of(output, compiled, &newest)?;
    let site = &bundle.site;
    let root = &site.canonical_url;
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n",
    );
    element(&mut x, "  ", "title", &site.title);
    element(&mut x, "  ", "subtitle", &super::description(bundle));
    element(
        &mut x,
        "  ",
        "id",
        &super::canonical(root, "").unwrap_or_else(|| uuid_urn(&["feed", &site.title])),
    );
    link(
        &mut x,
        "  ",
        "self",
        "application/atom+xml",
        &super::canonical(root, "feed.xml").unwrap_or_else(|| "feed.xml".into()),
    );
    link(
        &mut x,
        "  ",
        "alternate",
        "text/html",
        &super::canonical(root, "").unwrap_or_else(|| "./".into()),
    );
    if let Some(&n) = newest.first() {
        element(
            &mut x,
            "  ",
            "updated",
            &updated(bundle.events[n as usize].date),
        );
    }
    x.push_str("  <author>");
    element(&mut x, "", "name", &site.title);
    x.push_str("</author>\n");
    if !site.license.is_empty() {
        element(&mut x, "  ", "rights", &site.license);
    }
    x.push_str("  <generator>timeline</generator>\n");
    for n in &newest {
        let e = &bundle.events[*n as usize];
        let permalink = permalink(root, &e.id);
        x.push_str("  <entry>\n");
        element(&mut x, "    ", "title", &e.title);
        let id = if root.is_empty() {
            uuid_urn(&["event", &site.title, &e.id])
        } else {
            permalink.clone()
        };
        element(&mut x, "    ", "id", &id);
        link(&mut x, "    ", "alternate", "text/html", &permalink);
        element(&mut x, "    ", "updated", &updated(e.date));
        let summary = details.get(n).map(summary_text).unwrap_or_default();
        if !summary.is_empty() {
            element(&mut x, "    ", "summary", &summary);
        }
        categories(&mut x, bundle, e);
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    output.write("feed.xml", x.as_bytes())
}

/// An event's tags as `<category term="…"/>`.
fn categories(x: &mut String, bundle: &timeline_bundle::Bundle, e: &Event) {
    for label in labels(&bundle.tags, &e.tags) {
        x.push_str("    <category term=\"");
        push_xml(x, label);
        x.push_str("\"/>\n");
    }
}

/// A date as an Atom date: its first day, at midnight UTC.
fn updated(date: PartialDate) -> String {
    let start = PartialDate::ymd(
        date.year,
        date.month.max(1),
        if date.month == 0 { 1 } else { date.day.max(1) },
    );
    let mut s = String::new();
    push_iso_date(&mut s, start);
    s.push_str("T00:00:00Z");
    s
}

fn element(x: &mut String, indent: &str, name: &str, text: &str) {
    x.push_str(indent);
    x.push('<');
    x.push_str(name);
    x.push('>');
    push_xml(x, text);
    x.push_str("</");
    x.push_str(name);
    x.push('>');
    if !indent.is_empty() {
        x.push('\n');
    }
}

fn link(x: &mut String, indent: &str, rel: &str, kind: &str, href: &str) {
    x.push_str(indent);
    x.push_str("<link rel=\"");
    x.push_str(rel);
    x.push_str("\" type=\"");
    x.push_str(kind);
    x.push_str("\" href=\"");
    push_xml(x, href);
    x.push_str("\"/>\n");
}

/// Appends `text` escaped for XML text and attributes, leaving out the characters XML
/// 1.0 cannot hold (control characters but tab and line breaks, U+FFFE, U+FFFF).
pub(super) fn push_xml(x: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => x.push_str("&amp;"),
            '<' => x.push_str("&lt;"),
            '>' => x.push_str("&gt;"),
            '"' => x.push_str("&quot;"),
            '\'' => x.push_str("&apos;"),
            '\t' | '\n' | '\r' => x.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => x.push(c),
        }
    }
}

/// `urn:uuid:…`, a name-based UUID (RFC 9562 version 8) from a hash of `parts`.
fn uuid_urn(parts: &[&str]) -> String {
    let mut hasher = blake3::Hasher::new();
    for p in parts {
        hasher.update(p.as_bytes());
        hasher.update(&[0]);
    }
    let mut b: [u8; 16] = hasher.finalize().as_bytes()[..16]
        .try_into()
        .expect("sixteen bytes");
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_their_first_day_at_midnight() {
        assert_eq!(
            updated(PartialDate::ymd(2017, 5, 10)),
            "2017-05-10T00:00:00Z"
        );
        assert_eq!(
            updated(PartialDate {
                year: 2017,
                month: 5,
                day: 0
            }),
            "2017-05-01T00:00:00Z"
        );
        assert_eq!(updated(PartialDate::year(812)), "0812-01-01T00:00:00Z");
    }

    #[test]
    fn text_is_escaped_and_what_xml_cannot_hold_left_out() {
        let mut x = String::new();
        push_xml(&mut x, "a<b>&\"c'\u{1}\u{b}\td\u{fffe}é");
        assert_eq!(x, "a&lt;b&gt;&amp;&quot;c&apos;\td\u{e9}");
    }

    #[test]
    fn names_are_uuids_stable_and_distinct() {
        let a = uuid_urn(&["event", "T", "a"]);
        assert_eq!(a, uuid_urn(&["event", "T", "a"]));
        assert_ne!(a, uuid_urn(&["event", "T", "b"]));
        assert_ne!(
            uuid_urn(&["event", "Ta", ""]),
            uuid_urn(&["event", "T", "a"])
        );
        let uuid = a.strip_prefix("urn:uuid:").unwrap();
        let groups: Vec<usize> = uuid.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12]);
        assert_eq!(&uuid[14..15], "8", "version 8");
        assert!("89ab".contains(&uuid[19..20]), "the RFC's variant");
    }
}
