//! JSON: an array of events, one a line, each with every field the bundle has for it:
//!
//! `id`, `date` (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), `title`, `summary` (plain text, as in
//! the CSV: the excerpt for an event without one),
//! `summary_html` and `body_html` (sanitised HTML), `importance` (a number or `null`),
//! `status` (or `null`), `tags`, `actors`, `lanes`, `outlets` (labels), `tier` (the best
//! source tier, or `null`), `location` (or `null`), `sources` (each with `url`,
//! `unlinked_url`, `title`, `outlet`, `author`, `date`, `tier`, `archive_url` and `link`:
//! `null`, or the state `timeline links` found — `ok`, `redirect`, `dead`, `error` — and
//! the day it `checked`), `connections` (each `{"id": …}`, an event of the corpus, or
//! `{"text": …}` as written), `referenced_by` (the ids of the events whose connections
//! name this one), `patterns`, `notes` (or `null`), `extra` (the other fields, an object
//! in file order), `file` (its path in the corpus) and `permalink`.

use super::{id_of, labels, summary_text, Item};
use crate::html::{push_int, row::push_iso_date};
use crate::model::{Bundle, Connection, LinkState, Source};
use crate::text::push_json_string;

/// The whole file: [`open`], an [`item`] per event, [`close`].
pub fn json(bundle: &Bundle, items: &[Item]) -> String {
    let mut out = String::with_capacity(8 + items.len() * 1024);
    open(&mut out);
    for (i, it) in items.iter().enumerate() {
        item(&mut out, bundle, it, i == 0);
    }
    close(&mut out);
    out
}

/// Appends the array's start.
pub fn open(out: &mut String) {
    out.push('[');
}

/// Appends one event's object on a line of its own; `first` for the array's first.
pub fn item(out: &mut String, bundle: &Bundle, item: &Item, first: bool) {
    let (e, d) = (item.event, item.details);
    out.push_str(if first { "\n{" } else { ",\n{" });
    key(out, "id", true);
    push_json_string(out, &e.id);
    key(out, "date", false);
    let mut date = String::new();
    push_iso_date(&mut date, e.date);
    push_json_string(out, &date);
    key(out, "title", false);
    push_json_string(out, &e.title);
    key(out, "summary", false);
    push_json_string(out, &summary_text(d));
    key(out, "summary_html", false);
    push_json_string(out, &d.summary_html);
    key(out, "body_html", false);
    push_json_string(out, &d.body_html);
    key(out, "importance", false);
    number(out, e.importance.map(u64::from));
    key(out, "status", false);
    string_or_null(
        out,
        e.status
            .and_then(|s| bundle.statuses.get(s as usize))
            .map(|t| t.label.as_str()),
    );
    for (name, terms, numbers) in [
        ("tags", &bundle.tags, &e.tags),
        ("actors", &bundle.actors, &e.actors),
        ("lanes", &bundle.lanes, &e.lanes),
        ("outlets", &bundle.outlets, &e.outlets),
    ] {
        key(out, name, false);
        strings(out, labels(terms, numbers));
    }
    key(out, "tier", false);
    number(out, e.tier.map(u64::from));
    key(out, "location", false);
    string_or_null(out, d.location.as_deref());
    key(out, "sources", false);
    out.push('[');
    for (i, s) in d.sources.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        source(out, s);
    }
    out.push(']');
    key(out, "connections", false);
    out.push('[');
    for (i, c) in d.connections.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match c {
            Connection::Event(n) => {
                out.push_str("{\"id\":");
                push_json_string(out, id_of(bundle, *n));
            }
            Connection::Text(t) => {
                out.push_str("{\"text\":");
                push_json_string(out, t);
            }
        }
        out.push('}');
    }
    out.push(']');
    key(out, "referenced_by", false);
    strings(out, d.referenced_by.iter().map(|&n| id_of(bundle, n)));
    key(out, "patterns", false);
    strings(out, d.patterns.iter().map(String::as_str));
    key(out, "notes", false);
    string_or_null(out, d.notes.as_deref());
    key(out, "extra", false);
    out.push('{');
    for (i, (k, v)) in d.extra.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_string(out, k);
        out.push(':');
        push_json_string(out, v);
    }
    out.push('}');
    key(out, "file", false);
    push_json_string(out, &d.file_name(&e.id));
    key(out, "permalink", false);
    push_json_string(out, item.permalink);
    out.push('}');
}

/// Appends the array's end and a last line break.
pub fn close(out: &mut String) {
    out.push_str("\n]\n");
}

fn source(out: &mut String, s: &Source) {
    let fields = [
        ("url", &s.url),
        ("unlinked_url", &s.unlinked_url),
        ("title", &s.title),
        ("outlet", &s.outlet),
        ("author", &s.author),
        ("date", &s.date),
    ];
    out.push('{');
    for (i, (name, value)) in fields.into_iter().enumerate() {
        key(out, name, i == 0);
        string_or_null(out, value.as_deref());
    }
    key(out, "tier", false);
    number(out, s.tier.map(u64::from));
    key(out, "archive_url", false);
    string_or_null(out, s.archive_url.as_deref());
    key(out, "link", false);
    match &s.link {
        None => out.push_str("null"),
        Some(link) => {
            out.push_str("{\"state\":\"");
            out.push_str(match link.state {
                LinkState::Ok => "ok",
                LinkState::Redirect => "redirect",
                LinkState::Dead => "dead",
                LinkState::Error => "error",
            });
            out.push_str("\",\"checked\":\"");
            push_iso_date(out, link.checked);
            out.push_str("\"}");
        }
    }
    out.push('}');
}

/// Appends `"name":`, after a comma unless it is the object's `first`.
fn key(out: &mut String, name: &str, first: bool) {
    if !first {
        out.push(',');
    }
    out.push('"');
    out.push_str(name);
    out.push_str("\":");
}

fn number(out: &mut String, n: Option<u64>) {
    match n {
        Some(n) => push_int(out, n),
        None => out.push_str("null"),
    }
}

fn string_or_null(out: &mut String, s: Option<&str>) {
    match s {
        Some(s) => push_json_string(out, s),
        None => out.push_str("null"),
    }
}

fn strings<'a>(out: &mut String, values: impl Iterator<Item = &'a str>) {
    out.push('[');
    for (i, v) in values.enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_string(out, v);
    }
    out.push(']');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{items, permalinks, sample};
    use serde_json::{json, Value};

    #[test]
    fn every_field_reads_back() {
        let (bundle, details) = sample();
        let links = permalinks(&bundle);
        let text = json(&bundle, &items(&bundle, &details, &links));
        let all: Vec<Value> = serde_json::from_str(&text).unwrap();
        assert_eq!(all.len(), 3);
        assert_eq!(text.lines().count(), 2 + 3, "one event a line");
        assert_eq!(
            all[0],
            json!({
                "id": "2017--year",
                "date": "2017",
                "title": "=HYPERLINK(\"https://evil.example\",\"click\")",
                "summary": "Line one, line two & \"three\"",
                "summary_html": "<p>Line one,\nline <em>two</em> &amp; \"three\"</p>",
                "body_html": "<p>Body</p>",
                "importance": 9,
                "status": "confirmed",
                "tags": ["Money, laundering", "Shell \"companies\""],
                "actors": ["@Putin"],
                "lanes": [],
                "outlets": ["The Wire"],
                "tier": 1,
                "location": "-Moscow",
                "sources": [
                    {
                        "url": "https://example.org/a?b=1&c=2", "unlinked_url": null,
                        "title": "A", "outlet": "The Wire", "author": null, "date": null,
                        "tier": 1, "archive_url": "https://archive.example/a",
                        "link": {"state": "dead", "checked": "2025-11-02"}
                    },
                    {
                        "url": null, "unlinked_url": "javascript:alert(1)",
                        "title": "\tTabbed title", "outlet": null, "author": null, "date": null,
                        "tier": null, "archive_url": null, "link": null
                    }
                ],
                "connections": [{"id": "2020-12-31--day"}, {"text": "elsewhere"}],
                "referenced_by": [],
                "patterns": ["p\u{1}"],
                "notes": "note\r\nnext",
                "extra": {"k\"ey": "v\\al"},
                "file": "sub/2017 year.md",
                "permalink": "https://example.org/tl/event/2017--year",
            })
        );
        assert_eq!(all[1]["importance"], Value::Null);
        assert_eq!(all[1]["status"], Value::Null);
        assert_eq!(all[1]["summary"], "Only an excerpt; with, commas");
        assert_eq!(all[1]["file"], "2020-02--month.md");
        assert_eq!(all[2]["referenced_by"], json!(["2017--year"]));
        assert_eq!(json(&bundle, &[]), "[\n]\n");
        assert_eq!(
            serde_json::from_str::<Vec<Value>>("[\n]\n").unwrap().len(),
            0
        );
    }
}
