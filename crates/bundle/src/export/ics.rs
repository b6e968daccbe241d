//! iCalendar (RFC 5545): one all-day `VEVENT` per event. A day's event ends the next day
//! (`DTEND` is exclusive); an event known only to the month spans its month, one known
//! only to the year its year. `UID` is `<id>@<the canonical URL's host, else the site's
//! slug>`, `SUMMARY` the title, `DESCRIPTION` the summary as plain text, `URL` the
//! permalink (when it is an absolute http(s) URL, as a `URL` must be). Text values are
//! escaped (`\\`, `;`, `,`, line breaks), lines folded at 75 octets on character
//! boundaries, every line ended with CRLF.

use super::{slug, summary_text, Item};
use crate::date::days_in_month;
use crate::model::Bundle;
use crate::PartialDate;

/// The whole file: [`open`], an [`event`] per item, [`close`]. `stamp` is the moment of
/// the export, `YYYYMMDDTHHMMSSZ`, every event's `DTSTAMP`.
pub fn ics(bundle: &Bundle, items: &[Item], stamp: &str) -> String {
    let mut out = String::with_capacity(256 + items.len() * 512);
    open(&mut out, bundle);
    let host = uid_host(bundle);
    for item in items {
        event(&mut out, item, &host, stamp);
    }
    close(&mut out);
    out
}

/// Appends the calendar's start.
pub fn open(out: &mut String, bundle: &Bundle) {
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//timeline-viewer//Timeline export//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        out.push_str(line);
        out.push_str("\r\n");
    }
    let mut name = String::from("X-WR-CALNAME:");
    push_text(&mut name, &bundle.site.title);
    push_line(out, &name);
}

/// Appends the calendar's end.
pub fn close(out: &mut String) {
    out.push_str("END:VCALENDAR\r\n");
}

/// What follows the `@` of every `UID`: the host of the site's canonical URL, else its
/// title's slug.
pub fn uid_host(bundle: &Bundle) -> String {
    let url = &bundle.site.canonical_url;
    let host = url
        .split_once("://")
        .map(|(_, rest)| rest.split(['/', '?', '#']).next().unwrap_or(""))
        .map(|h| h.rsplit_once('@').map_or(h, |(_, h)| h))
        .map(|h| h.split(':').next().unwrap_or(""))
        .unwrap_or("");
    if host.is_empty() {
        slug(&bundle.site.title)
    } else {
        host.to_ascii_lowercase()
    }
}

/// Appends one event's `VEVENT`; `host` is [`uid_host`]'s.
pub fn event(out: &mut String, item: &Item, host: &str, stamp: &str) {
    let (e, d) = (item.event, item.details);
    out.push_str("BEGIN:VEVENT\r\n");
    let mut line = String::from("UID:");
    push_text(&mut line, &e.id);
    line.push('@');
    push_text(&mut line, host);
    push_line(out, &line);
    line.clear();
    line.push_str("DTSTAMP:");
    line.push_str(stamp);
    push_line(out, &line);
    let (start, end) = span(e.date);
    line.clear();
    line.push_str("DTSTART;VALUE=DATE:");
    push_date(&mut line, start);
    push_line(out, &line);
    // The day after 9999-12-31 has no date of four digits: an event without an end is
    // one day long.
    if end.0 <= 9999 {
        line.clear();
        line.push_str("DTEND;VALUE=DATE:");
        push_date(&mut line, end);
        push_line(out, &line);
    }
    for (name, value) in [
        ("SUMMARY:", e.title.clone()),
        ("DESCRIPTION:", summary_text(d)),
        ("LOCATION:", d.location.clone().unwrap_or_default()),
    ] {
        if value.trim().is_empty() {
            continue;
        }
        line.clear();
        line.push_str(name);
        push_text(&mut line, &value);
        push_line(out, &line);
    }
    let url = item.permalink;
    if (url.starts_with("https://") || url.starts_with("http://"))
        && !url.contains(|c: char| c.is_control() || c.is_whitespace())
    {
        line.clear();
        line.push_str("URL:");
        line.push_str(url);
        push_line(out, &line);
    }
    out.push_str("END:VEVENT\r\n");
}

/// The first day of `date`'s interval and the day after its last, as (year, month, day).
pub fn span(date: PartialDate) -> ((u32, u32, u32), (u32, u32, u32)) {
    let (start, last) = (date.start_key(), date.end_key());
    let split = |k: u32| (k / 10_000, k / 100 % 100, k % 100);
    let (y, m, d) = split(last);
    let next = if d < days_in_month(y as i16, m as u8) {
        (y, m, d + 1)
    } else if m < 12 {
        (y, m + 1, 1)
    } else {
        (y + 1, 1, 1)
    };
    (split(start), next)
}

fn push_date(out: &mut String, (y, m, d): (u32, u32, u32)) {
    for (n, width) in [(y, 4), (m, 2), (d, 2)] {
        crate::html::push_padded(out, u64::from(n), width);
    }
}

/// Appends `text` escaped as an iCalendar TEXT value: `\` `;` `,` escaped, a line break
/// as `\n`, other control characters (which TEXT cannot hold) left out.
pub fn push_text(out: &mut String, text: &str) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | ';' | ',' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// Appends a content line folded at 75 octets (a continuation line starts with a space,
/// which counts), never inside a character, and its CRLF.
pub fn push_line(out: &mut String, line: &str) {
    let mut octets = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if octets + len > 75 {
            out.push_str("\r\n ");
            octets = 1;
        }
        out.push(c);
        octets += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{items, permalinks, sample};

    /// The content lines of a calendar, unfolded (RFC 5545, 3.1).
    fn unfold(text: &str) -> Vec<String> {
        text.replace("\r\n ", "")
            .split("\r\n")
            .map(String::from)
            .collect()
    }

    #[test]
    fn a_calendar_of_all_day_events() {
        let (bundle, details) = sample();
        let links = permalinks(&bundle);
        let text = ics(
            &bundle,
            &items(&bundle, &details, &links),
            "20260307T101500Z",
        );
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
        assert!(text.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
        assert!(
            !text.replace("\r\n", "").contains(['\r', '\n']),
            "CRLF only"
        );
        for physical in text.split("\r\n") {
            assert!(
                physical.len() <= 75,
                "{physical:?} is longer than 75 octets"
            );
        }
        let lines = unfold(&text);
        assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(), 3);
        assert_eq!(lines.iter().filter(|l| *l == "END:VEVENT").count(), 3);
        let first: Vec<&str> = lines
            .iter()
            .skip_while(|l| *l != "BEGIN:VEVENT")
            .take_while(|l| *l != "END:VEVENT")
            .map(String::as_str)
            .collect();
        assert_eq!(
            first,
            [
                "BEGIN:VEVENT",
                "UID:2017--year@example.org",
                "DTSTAMP:20260307T101500Z",
                "DTSTART;VALUE=DATE:20170101",
                "DTEND;VALUE=DATE:20180101",
                "SUMMARY:=HYPERLINK(\"https://evil.example\"\\,\"click\")",
                "DESCRIPTION:Line one\\, line two & \"three\"",
                "LOCATION:-Moscow",
                "URL:https://example.org/tl/event/2017--year",
            ]
        );
        assert!(lines.contains(&"X-WR-CALNAME:Klepto\\, \"the\" Timeline".to_string()));
        assert!(lines.contains(&"DTSTART;VALUE=DATE:20200201".to_string()));
        assert!(lines.contains(&"DTEND;VALUE=DATE:20200301".to_string()));
        assert!(lines.contains(&"SUMMARY:+1 and -1\\, @home\\; \\\\ back".to_string()));
        assert!(lines.contains(&"DTSTART;VALUE=DATE:20201231".to_string()));
        assert!(lines.contains(&"DTEND;VALUE=DATE:20210101".to_string()));
        // The long Unicode title is folded, and unfolds to itself.
        let title = format!("SUMMARY:{}", bundle.events[2].title);
        assert!(title.len() > 75);
        assert!(lines.contains(&title));
    }

    #[test]
    fn partial_dates_span_their_month_or_year() {
        let p = |s: &str| PartialDate::parse(s).unwrap();
        assert_eq!(span(p("2020-02-28")), ((2020, 2, 28), (2020, 2, 29)));
        assert_eq!(span(p("2021-02-28")), ((2021, 2, 28), (2021, 3, 1)));
        assert_eq!(span(p("2024-02")), ((2024, 2, 1), (2024, 3, 1)));
        assert_eq!(span(p("2024-12")), ((2024, 12, 1), (2025, 1, 1)));
        assert_eq!(span(p("1142")), ((1142, 1, 1), (1143, 1, 1)));
        assert_eq!(span(p("9999-12-31")).1, (10000, 1, 1));
        let mut out = String::new();
        let item_date = p("9999-12-31");
        let details = crate::model::Details::default();
        let event = crate::model::Event {
            id: "last".into(),
            date: item_date,
            ..Default::default()
        };
        let item = Item {
            number: 0,
            event: &event,
            details: &details,
            permalink: "event/last",
        };
        super::event(&mut out, &item, "h", "20260101T000000Z");
        assert!(out.contains("DTSTART;VALUE=DATE:99991231\r\n"));
        assert!(!out.contains("DTEND"), "no five-digit year: {out}");
        assert!(
            !out.contains("URL:"),
            "a relative permalink is no URL: {out}"
        );
        assert!(!out.contains("SUMMARY:"), "an empty title is left out");
    }

    #[test]
    fn text_is_escaped_and_lines_fold_on_characters() {
        let mut out = String::new();
        push_text(&mut out, "a\\b;c,d\ne\r\nf\rg\th\u{7}i");
        assert_eq!(out, "a\\\\b\\;c\\,d\\ne\\nf\\ng hi");
        for text in [
            "x".repeat(200),
            "é".repeat(100),
            "€".repeat(60),
            "😀".repeat(40),
        ] {
            let mut out = String::new();
            push_line(&mut out, &text);
            assert!(out.ends_with("\r\n"));
            let physical: Vec<&str> = out.trim_end_matches("\r\n").split("\r\n").collect();
            assert!(physical.len() > 1, "{text} is folded");
            for (i, l) in physical.iter().enumerate() {
                assert!(l.len() <= 75, "{l:?}");
                assert_eq!(
                    l.starts_with(' '),
                    i > 0,
                    "continuations start with a space"
                );
            }
            // Full lines are used: a fold happens only when the next character does not fit.
            assert!(physical[0].len() > 75 - 4);
            assert_eq!(out.replace("\r\n ", "").trim_end(), text);
        }
        let mut short = String::new();
        push_line(&mut short, &"y".repeat(75));
        assert_eq!(short, format!("{}\r\n", "y".repeat(75)));
    }

    #[test]
    fn the_uid_host_is_the_sites() {
        let (mut bundle, _) = sample();
        assert_eq!(uid_host(&bundle), "example.org");
        bundle.site.canonical_url.clear();
        assert_eq!(uid_host(&bundle), "klepto-the-timeline");
    }
}
