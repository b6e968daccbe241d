//! The compiled corpus as the viewer receives it, in parts: the **core** ([`Bundle`]: the
//! site, the terms, and per event what a list row, the facets and the sort need), the
//! **search index** in shards by term ([`crate::search::SearchIndex`], one per
//! [`ShardRef`]) and the **details** ([`Details`]: bodies, sources, extras) in chunks of
//! consecutive events ([`ChunkRef`]). The core names every other part by its content
//! hash, so a core and its parts are always of one build.
//!
//! Everything here is already checked, normalised and (for HTML fields) sanitised by the
//! compiler; the viewer trusts the bundle's structure but never re-renders its text.

use crate::date::PartialDate;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// The core of the compiled corpus: all the app needs to paint the list, filter and count.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Bundle {
    pub site: Site,
    /// Sorted by date, then id: an event's position here is its number everywhere else.
    pub events: Vec<Event>,
    pub tags: Vec<Term>,
    pub actors: Vec<Term>,
    pub lanes: Vec<Term>,
    pub statuses: Vec<Term>,
    /// The publications the sources name ([`Source::outlet`]).
    pub outlets: Vec<Term>,
    /// The search index's shards, in term order.
    pub shards: Vec<ShardRef>,
    /// The details' chunks, in event order; the first starts at event 0.
    pub chunks: Vec<ChunkRef>,
}

/// A part's file name: `<kind>.<hash as 16 hex digits>.bin`, in the site's `bundle/` folder.
pub fn part_file(kind: &str, hash: u64) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut name = String::with_capacity(kind.len() + 21);
    name.push_str(kind);
    name.push('.');
    for i in (0..16).rev() {
        name.push(HEX[(hash >> (i * 4)) as usize & 15] as char);
    }
    name.push_str(".bin");
    name
}

/// One shard of the search index: the terms from `first` up to the next shard's first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardRef {
    pub first: String,
    /// The shard's content hash ([`part_file`] `"search"`).
    pub hash: u64,
}

/// One chunk of details: events from `first` up to the next chunk's first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChunkRef {
    pub first: u32,
    /// The chunk's content hash ([`part_file`] `"details"`).
    pub hash: u64,
}

impl Bundle {
    /// The first and the last events' years (the events are in date order); `None` for a
    /// bundle without events.
    pub fn years(&self) -> Option<(i16, i16)> {
        let (first, last) = (self.events.first()?, self.events.last()?);
        Some((first.date.year, last.date.year))
    }

    /// The chunk that holds event `n`'s details.
    pub fn chunk_of(&self, n: u32) -> usize {
        self.chunks
            .partition_point(|c| c.first <= n)
            .saturating_sub(1)
    }

    /// The events whose details chunk `i` holds.
    pub fn chunk_events(&self, i: usize) -> Range<u32> {
        let end = self
            .chunks
            .get(i + 1)
            .map_or(self.events.len() as u32, |c| c.first);
        self.chunks[i].first..end
    }
}

/// Facts about the site, from the corpus's optional settings file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Site {
    pub title: String,
    pub description: String,
    /// Sanitised HTML.
    pub about_html: String,
    pub license: String,
    /// Sanitised HTML.
    pub attribution_html: String,
    pub canonical_url: String,
    /// A URL template with `{id}` and `{file}`; empty when unset.
    pub edit_url: String,
    pub report_url: String,
    /// Where a reader suggests an event the timeline lacks (a form, an issue tracker);
    /// empty when unset.
    pub suggest_url: String,
}

/// One facet value (a tag, an actor, a lane, a status, an outlet) with its display label.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    /// The canonical key ([`crate::text::canonical_key`]); what URLs carry. Not stored:
    /// it is the label's key (the label is one of the spellings that share it), made
    /// again on decode, which saves a sixth of the core.
    #[serde(skip)]
    pub key: String,
    /// The spelling most events use.
    pub label: String,
    /// How many events carry it.
    pub count: u32,
}

/// One event as the core holds it: what a list row, the facets and the sort need.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub date: PartialDate,
    pub title: String,
    /// 1 to 10 when given and in range.
    pub importance: Option<u8>,
    /// Index into [`Bundle::statuses`].
    pub status: Option<u32>,
    /// Indexes into [`Bundle::tags`], in the event's own order.
    pub tags: Vec<u32>,
    /// Indexes into [`Bundle::actors`].
    pub actors: Vec<u32>,
    /// Indexes into [`Bundle::lanes`].
    pub lanes: Vec<u32>,
    /// Indexes into [`Bundle::outlets`]: the outlets its sources name, each once, in
    /// increasing order (the sources' order is in the details).
    pub outlets: Vec<u32>,
    /// The best (lowest) tier among the sources, 1 to 4, which the tier filter uses.
    pub tier: Option<u8>,
    /// How many sources the details list.
    pub sources: u32,
}

/// The rest of an event, which only its page shows: fetched in chunks on demand.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Details {
    pub sources: Vec<Source>,
    pub location: Option<String>,
    /// The description or summary, rendered and sanitised.
    pub summary_html: String,
    /// The Markdown body, rendered and sanitised.
    pub body_html: String,
    /// What a list row shows under the title: the summary, else the body's first
    /// paragraph, as plain text cut at a word boundary (`…` when cut); empty when the
    /// event has neither. Here and not in the core, so the core stays small: a row asks
    /// for its chunk (see `html::row`).
    pub excerpt: String,
    /// The corpus's `connections`, in file order: an event of the bundle, or a text.
    pub connections: Vec<Connection>,
    /// The events whose connections name this one, by number, in event order.
    pub referenced_by: Vec<u32>,
    pub patterns: Vec<String>,
    pub notes: Option<String>,
    /// Every other front-matter field, in file order, as display text.
    pub extra: Vec<(String, String)>,
    /// The file's path relative to the corpus folder; empty when it is `<id>.md`, the
    /// common case (see [`Event::file_name`]), which saves a tenth of the bundle.
    pub file: String,
}

impl Details {
    /// The file's path relative to the corpus folder, for the event `id`.
    pub fn file_name(&self, id: &str) -> String {
        if self.file.is_empty() {
            format!("{id}.md")
        } else {
            self.file.clone()
        }
    }

    /// The best (lowest) source tier: [`Event::tier`].
    pub fn best_tier(&self) -> Option<u8> {
        self.sources.iter().filter_map(|s| s.tier).min()
    }
}

/// One entry of an event's `connections`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Connection {
    /// The entry is the id of this event (its number).
    Event(u32),
    /// Any other entry, shown as written (an id not in the corpus is a `check` warning).
    Text(String),
}

/// A source citation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// An http(s) URL, safe to link to; `None` when missing or of another scheme.
    pub url: Option<String>,
    /// The raw URL text when it was not http(s): shown as text, never as a link.
    pub unlinked_url: Option<String>,
    pub title: Option<String>,
    /// `outlet`, `publisher` or `publication`, unified; its key is a term of
    /// [`Bundle::outlets`].
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    /// 1 (best) to 4.
    pub tier: Option<u8>,
    /// An http(s) archive URL.
    pub archive_url: Option<String>,
    /// What `timeline links` last found at [`Source::url`] (the corpus's `links.json`);
    /// `None` when it was not checked.
    pub link: Option<LinkCheck>,
}

/// One link's health as `timeline links` found it, and the day (UTC) it looked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkCheck {
    pub state: LinkState,
    pub checked: PartialDate,
}

/// What became of a link's check. Its names in `links.json` are the variants' in lower case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkState {
    /// Answered 2xx.
    Ok,
    /// Answered 2xx after one or more redirects.
    Redirect,
    /// Answered 4xx in the end (404, 410, …): the page is gone.
    Dead,
    /// No answer that says: a timeout, a refused connection, DNS, TLS, a redirect loop,
    /// a server error; it may work another time.
    Error,
}
