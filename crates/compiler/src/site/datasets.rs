//! The whole corpus as files to download, in the bundle's order: `data/events.json` and
//! `data/events.csv`, written by the same code as the browser's exports
//! ([`timeline_bundle::export`]). Streamed: the details are read back a chunk at a time
//! and each file is written a piece at a time, so a million events never sit in memory.
//! Each event's permalink is absolute when the settings give a canonical URL, else
//! relative to the site's root (`event/<id>`).

use crate::build::{Output, OutputError, Streamed};
use crate::normalise::Compiled;
use timeline_bundle::export::{self, Item};
use timeline_bundle::link::event_path;

/// The files, as the about page links them.
pub(super) const JSON: &str = "data/events.json";
pub(super) const CSV: &str = "data/events.csv";

/// How much text is gathered before it is written.
const PIECE: usize = 1 << 16;

/// Writes both files; returns each with its size in bytes.
pub(super) fn write(
    output: &mut Output,
    compiled: &Compiled,
) -> Result<Vec<(&'static str, u64)>, OutputError> {
    let bundle = &compiled.bundle;
    let mut json = Writer::new(output.create(JSON)?);
    let mut csv = Writer::new(output.create(CSV)?);
    export::json::open(&mut json.text);
    export::csv::header(&mut csv.text);
    let mut number = 0;
    super::each_details(output, compiled, |_, event, details| {
        let permalink = permalink(&bundle.site.canonical_url, &event.id);
        let item = Item {
            number,
            event,
            details,
            permalink: &permalink,
        };
        export::json::item(&mut json.text, bundle, &item, number == 0);
        export::csv::row(&mut csv.text, bundle, &item);
        number += 1;
        json.flush(PIECE)?;
        csv.flush(PIECE)
    })?;
    export::json::close(&mut json.text);
    let json = json.finish(output)?;
    let csv = csv.finish(output)?;
    Ok(vec![(JSON, json), (CSV, csv)])
}

/// An event's permalink in the datasets: the canonical URL's when there is one, else
/// relative to the site's root.
pub(super) fn permalink(canonical_url: &str, id: &str) -> String {
    let path = event_path(id);
    super::canonical(canonical_url, &path).unwrap_or(path)
}

/// A file being written, and the text not written yet.
struct Writer {
    file: Streamed,
    text: String,
}

impl Writer {
    fn new(file: Streamed) -> Writer {
        Writer {
            file,
            text: String::with_capacity(PIECE * 2),
        }
    }

    /// Writes the text gathered once it holds at least `at_least` bytes.
    fn flush(&mut self, at_least: usize) -> Result<(), OutputError> {
        if self.text.len() >= at_least {
            self.file.write(self.text.as_bytes())?;
            self.text.clear();
        }
        Ok(())
    }

    /// Writes the rest and puts the file among the build's; its size.
    fn finish(mut self, output: &mut Output) -> Result<u64, OutputError> {
        self.flush(0)?;
        output.put(self.file)
    }
}
