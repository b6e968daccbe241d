//! CSV (RFC 4180) for spreadsheets: UTF-8 with a byte-order mark (so that Excel reads it
//! as UTF-8), a header, one row per event, CRLF line ends. A cell is quoted when it holds
//! a quote, a comma or a line break (its quotes doubled). A cell that begins with `=`,
//! `+`, `-`, `@`, a tab or a carriage return gets a `'` in front: a spreadsheet would
//! otherwise run it as a formula, and corpus text is untrusted.
//!
//! The columns: `id`, `date` (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), `title`, `summary` (plain
//! text: [`super::summary_text`]), `importance` (1 to 10, or empty), `status`, `tags`,
//! `actors`, `lanes` (each list joined with `"; "`), `location`, `sources` (each source's
//! URL, or its title when it has none, joined with `" | "`) and `permalink`.

use super::{labels, summary_text, Item};
use crate::html::{push_int, row::push_iso_date};
use crate::model::Bundle;

/// The columns, in order.
pub const COLUMNS: [&str; 12] = [
    "id",
    "date",
    "title",
    "summary",
    "importance",
    "status",
    "tags",
    "actors",
    "lanes",
    "location",
    "sources",
    "permalink",
];

/// The whole file: [`header`], then a [`row`] per item.
pub fn csv(bundle: &Bundle, items: &[Item]) -> String {
    let mut out = String::with_capacity(64 + items.len() * 256);
    header(&mut out);
    for item in items {
        row(&mut out, bundle, item);
    }
    out
}

/// Appends the byte-order mark and the header line.
pub fn header(out: &mut String) {
    out.push('\u{feff}');
    for (i, name) in COLUMNS.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(name);
    }
    out.push_str("\r\n");
}

/// Appends one event's line.
pub fn row(out: &mut String, bundle: &Bundle, item: &Item) {
    let (e, d) = (item.event, item.details);
    // Each cell is made in `cell`, then written out (neutralised, quoted) and a comma.
    let mut cell = String::new();
    let put = |out: &mut String, cell: &mut String| {
        push_cell(out, cell);
        cell.clear();
        out.push(',');
    };
    push_cell(out, &e.id);
    out.push(',');
    push_iso_date(&mut cell, e.date);
    put(out, &mut cell);
    push_cell(out, &e.title);
    out.push(',');
    push_cell(out, &summary_text(d));
    out.push(',');
    if let Some(i) = e.importance {
        push_int(&mut cell, u64::from(i));
    }
    put(out, &mut cell);
    join(&mut cell, labels(&bundle.statuses, e.status.as_slice()), "");
    put(out, &mut cell);
    for (terms, numbers) in [
        (&bundle.tags, &e.tags),
        (&bundle.actors, &e.actors),
        (&bundle.lanes, &e.lanes),
    ] {
        join(&mut cell, labels(terms, numbers), "; ");
        put(out, &mut cell);
    }
    push_cell(out, d.location.as_deref().unwrap_or(""));
    out.push(',');
    let sources = d.sources.iter().filter_map(|s| {
        [&s.url, &s.title, &s.unlinked_url]
            .into_iter()
            .flatten()
            .map(|v| v.trim())
            .find(|v| !v.is_empty())
    });
    join(&mut cell, sources, " | ");
    put(out, &mut cell);
    push_cell(out, item.permalink);
    out.push_str("\r\n");
}

fn join<'a>(out: &mut String, values: impl Iterator<Item = &'a str>, sep: &str) {
    for (i, v) in values.enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(v);
    }
}

/// Appends `text` as one cell: neutralised when it would start a formula, quoted when
/// it must be.
pub fn push_cell(out: &mut String, text: &str) {
    let formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quoted = text.contains(['"', ',', '\r', '\n']);
    if quoted {
        out.push('"');
    }
    if formula {
        out.push('\'');
    }
    for c in text.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quoted {
        out.push('"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{items, permalinks, sample};

    /// The file read back by a real CSV reader.
    fn read_back(text: &str) -> Vec<Vec<String>> {
        let body = text.strip_prefix('\u{feff}').expect("a byte-order mark");
        ::csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(body.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect()
    }

    #[test]
    fn the_file_reads_back_cell_for_cell() {
        let (bundle, details) = sample();
        let links = permalinks(&bundle);
        let text = csv(&bundle, &items(&bundle, &details, &links));
        let rows = read_back(&text);
        assert_eq!(rows.len(), 1 + bundle.events.len());
        assert_eq!(rows[0], COLUMNS);
        assert_eq!(
            rows[1],
            [
                "2017--year",
                "2017",
                "'=HYPERLINK(\"https://evil.example\",\"click\")",
                "Line one, line two & \"three\"",
                "9",
                "confirmed",
                "Money, laundering; Shell \"companies\"",
                "'@Putin",
                "",
                "'-Moscow",
                "https://example.org/a?b=1&c=2 | Tabbed title",
                "https://example.org/tl/event/2017--year",
            ]
        );
        assert_eq!(rows[2][1], "2020-02");
        assert_eq!(rows[2][2], "'+1 and -1, @home; \\ back");
        assert_eq!(rows[2][3], "Only an excerpt; with, commas");
        assert_eq!(rows[3][1], "2020-12-31");
        assert!(rows[3][2].starts_with("Ünïcödé"));
        // Every line ends with CRLF, and no line break stands outside quotes.
        assert!(text.ends_with("\r\n"));
        assert_eq!(text.matches("\r\n").count(), text.matches('\n').count());
    }

    #[test]
    fn hostile_cells_are_neutralised_and_quoted() {
        let cases = [
            ("=1+1", "'=1+1"),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=x", "'\t=x"),
            ("\r=x", "\"'\r=x\""),
            ("a,b", "\"a,b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("=\"a\",b", "\"'=\"\"a\"\",b\""),
            ("line\nbreak", "\"line\nbreak\""),
            ("plain = text", "plain = text"),
            ("", ""),
        ];
        for (cell, written) in cases {
            let mut out = String::new();
            push_cell(&mut out, cell);
            assert_eq!(out, written, "{cell:?}");
            // A reader gets the text back, neutralised.
            let read = read_back(&format!("\u{feff}{out}\r\n"));
            let expected = if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                format!("'{cell}")
            } else {
                cell.to_string()
            };
            if !cell.is_empty() {
                assert_eq!(read, [[expected]], "{cell:?}");
            }
        }
    }

    #[test]
    fn an_empty_export_is_the_header_alone() {
        let (bundle, _) = sample();
        assert_eq!(
            csv(&bundle, &[]),
            "\u{feff}id,date,title,summary,importance,status,tags,actors,lanes,location,sources,permalink\r\n"
        );
    }
}
