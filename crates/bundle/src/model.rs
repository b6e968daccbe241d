//! The compiled corpus as the viewer receives it.
//!
//! Everything here is already checked, normalised and (for HTML fields) sanitised by the
//! compiler; the viewer trusts the bundle's structure but never re-renders its text.

use crate::date::PartialDate;
use crate::search::SearchIndex;
use serde::{Deserialize, Serialize};

/// The whole compiled corpus.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Bundle {
    pub site: Site,
    /// Sorted by date, then id: an event's position here is its number everywhere else.
    pub events: Vec<Event>,
    pub tags: Vec<Term>,
    pub actors: Vec<Term>,
    pub lanes: Vec<Term>,
    pub statuses: Vec<Term>,
    pub search: SearchIndex,
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
}

/// One facet value (a tag, an actor, a lane, a status) with its display label.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    /// The canonical key ([`crate::text::canonical_key`]); what URLs carry.
    pub key: String,
    /// The spelling most events use.
    pub label: String,
    /// How many events carry it.
    pub count: u32,
}

/// One event, ready to show.
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
    pub sources: Vec<Source>,
    pub location: Option<String>,
    /// The description or summary, rendered and sanitised.
    pub summary_html: String,
    /// The Markdown body, rendered and sanitised.
    pub body_html: String,
    /// Ids of related events named by the corpus.
    pub connections: Vec<String>,
    pub patterns: Vec<String>,
    pub notes: Option<String>,
    /// Every other front-matter field, in file order, as display text.
    pub extra: Vec<(String, String)>,
    /// The file's path relative to the corpus folder; empty when it is `<id>.md`, the
    /// common case (see [`Event::file_name`]), which saves a tenth of the bundle.
    pub file: String,
}

impl Event {
    /// The file's path relative to the corpus folder.
    pub fn file_name(&self) -> String {
        if self.file.is_empty() {
            format!("{}.md", self.id)
        } else {
            self.file.clone()
        }
    }

    /// The best (lowest) source tier, which the tier filter uses.
    pub fn best_tier(&self) -> Option<u8> {
        self.sources.iter().filter_map(|s| s.tier).min()
    }
}

/// A source citation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// An http(s) URL, safe to link to; `None` when missing or of another scheme.
    pub url: Option<String>,
    /// The raw URL text when it was not http(s): shown as text, never as a link.
    pub unlinked_url: Option<String>,
    pub title: Option<String>,
    /// `outlet` or `publisher`, unified.
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    /// 1 (best) to 4.
    pub tier: Option<u8>,
    /// An http(s) archive URL.
    pub archive_url: Option<String>,
}
