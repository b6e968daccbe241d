//! Turns checked events into the compiled corpus: one canonical term per tag, actor, lane
//! and status (spellings merged by [`canonical_key`], labelled by the most common
//! spelling), Markdown rendered to safe HTML, and the search index. [`crate::parts`] then
//! cuts it into the bundle's parts.

use crate::event::Parsed;
use crate::markdown;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use timeline_bundle::search::{Field, IndexBuilder};
use timeline_bundle::text::canonical_key;
use timeline_bundle::{Bundle, Details, Event, SearchIndex, Site, Term};

/// Interns the spellings of one kind of term.
#[derive(Default)]
struct Terms {
    /// key → (spelling → how many events use it)
    spellings: BTreeMap<String, BTreeMap<String, u32>>,
}

impl Terms {
    /// Records an event's values; returns their keys, each once, in the event's order.
    fn add(&mut self, values: &[String]) -> Vec<String> {
        let keyed: Vec<(String, &String)> = values
            .iter()
            .map(|v| (canonical_key(v), v))
            .filter(|(key, _)| !key.is_empty())
            .collect();
        // Each key's first value only (a set that borrows the keys: an event may have
        // 100,000 tags).
        let first: Vec<bool> = {
            let mut seen = HashSet::with_capacity(keyed.len());
            keyed
                .iter()
                .map(|(key, _)| seen.insert(key.as_str()))
                .collect()
        };
        let mut keys = Vec::with_capacity(keyed.len());
        for ((key, value), first) in keyed.into_iter().zip(first) {
            if !first {
                continue;
            }
            let spellings = match self.spellings.get_mut(&key) {
                Some(spellings) => spellings,
                None => self.spellings.entry(key.clone()).or_default(),
            };
            match spellings.get_mut(value) {
                Some(count) => *count += 1,
                None => {
                    spellings.insert(value.clone(), 1);
                }
            }
            keys.push(key);
        }
        keys
    }

    /// The term table, by key.
    fn finish(self) -> Vec<Term> {
        let mut table = Vec::with_capacity(self.spellings.len());
        for (key, spellings) in self.spellings {
            let count = spellings.values().sum();
            // The most common spelling; among equals, the one that sorts first.
            let label = spellings
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                .map(|s| s.0)
                .unwrap_or_default();
            table.push(Term { key, label, count });
        }
        table
    }
}

/// Each key's number in a term table.
fn numbers_of(table: &[Term]) -> HashMap<&str, u32> {
    table
        .iter()
        .enumerate()
        .map(|(n, t)| (t.key.as_str(), n as u32))
        .collect()
}

/// The compiled corpus before it is cut into parts: the core (its part lists still empty),
/// each event's details, by event number, and the whole search index.
#[derive(Debug, Default)]
pub struct Compiled {
    pub bundle: Bundle,
    pub details: Vec<Details>,
    pub search: SearchIndex,
}

/// Compiles events sorted by date then id.
pub fn compile(events: &[Parsed], site: Site) -> Compiled {
    let (mut tags, mut actors, mut lanes, mut statuses) = (
        Terms::default(),
        Terms::default(),
        Terms::default(),
        Terms::default(),
    );
    let keyed: Vec<_> = events
        .iter()
        .map(|e| {
            let status = e
                .status
                .as_ref()
                .map(|s| statuses.add(std::slice::from_ref(s)));
            (
                tags.add(&e.tags),
                actors.add(&e.actors),
                lanes.add(&e.lanes),
                status.and_then(|s| s.into_iter().next()),
            )
        })
        .collect();
    let (tags, actors, lanes, statuses) = (
        tags.finish(),
        actors.finish(),
        lanes.finish(),
        statuses.finish(),
    );
    let (tag_no, actor_no, lane_no, status_no) = (
        numbers_of(&tags),
        numbers_of(&actors),
        numbers_of(&lanes),
        numbers_of(&statuses),
    );
    let numbers = |keys: &[String], table: &HashMap<&str, u32>| {
        keys.iter().map(|k| table[k.as_str()]).collect::<Vec<u32>>()
    };

    let rendered: Vec<(String, String)> = events
        .par_iter()
        .map(|e| {
            (
                e.summary
                    .as_deref()
                    .map(markdown::to_html)
                    .unwrap_or_default(),
                markdown::to_html(&e.body),
            )
        })
        .collect();

    let mut index = IndexBuilder::new();
    let mut out = Vec::with_capacity(events.len());
    let mut details = Vec::with_capacity(events.len());
    for (n, ((e, (tag_keys, actor_keys, lane_keys, status_key)), (summary_html, body_html))) in
        events.iter().zip(keyed).zip(rendered).enumerate()
    {
        let doc = n as u32;
        index.add(doc, Field::Title, &e.title);
        for t in &e.tags {
            index.add(doc, Field::Tag, t);
        }
        for a in &e.actors {
            index.add(doc, Field::Actor, a);
        }
        if let Some(l) = &e.location {
            index.add(doc, Field::Location, l);
        }
        if let Some(s) = &e.summary {
            index.add(doc, Field::Summary, &markdown::to_text(s));
        }
        index.add(doc, Field::Body, &markdown::to_text(&e.body));
        for s in &e.sources {
            for text in [&s.title, &s.outlet].into_iter().flatten() {
                index.add(doc, Field::Source, text);
            }
        }
        out.push(Event {
            id: e.id.clone(),
            date: e.date,
            title: e.title.clone(),
            importance: e.importance,
            status: status_key.map(|k| status_no[k.as_str()]),
            tags: numbers(&tag_keys, &tag_no),
            actors: numbers(&actor_keys, &actor_no),
            lanes: numbers(&lane_keys, &lane_no),
            tier: e.sources.iter().filter_map(|s| s.tier).min(),
            sources: e.sources.len() as u32,
        });
        details.push(Details {
            sources: e.sources.clone(),
            location: e.location.clone(),
            summary_html,
            body_html,
            connections: e.connections.clone(),
            patterns: e.patterns.clone(),
            notes: e.notes.clone(),
            extra: e.extra.clone(),
            file: if e.file == format!("{}.md", e.id) {
                String::new()
            } else {
                e.file.clone()
            },
        });
    }
    Compiled {
        bundle: Bundle {
            site,
            events: out,
            tags,
            actors,
            lanes,
            statuses,
            shards: Vec::new(),
            chunks: Vec::new(),
        },
        details,
        search: index.finish(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use timeline_bundle::PartialDate;

    fn event(id: &str, tags: &[&str]) -> Parsed {
        Parsed {
            id: id.into(),
            title: format!("Title {id}"),
            date: PartialDate::ymd(2020, 1, 1),
            tags: tags.iter().map(|s| s.to_string()).collect(),
            body: "Body with <script>alert(1)</script> *text*".into(),
            ..Parsed::default()
        }
    }

    #[test]
    fn merges_spellings_under_the_commonest_label() {
        let events = [
            event("a", &["Money Laundering", "russia"]),
            event("b", &["money_laundering"]),
            event("c", &["money_laundering", "Money-Laundering"]),
        ];
        let b = compile(&events, Site::default()).bundle;
        assert_eq!(b.tags.len(), 2);
        let ml = &b.tags[0];
        assert_eq!(
            (ml.key.as_str(), ml.label.as_str(), ml.count),
            ("money-laundering", "money_laundering", 3)
        );
        assert_eq!(
            b.events[2].tags,
            [0],
            "one tag per key, even when an event spells it twice"
        );
    }

    #[test]
    fn renders_bodies_safely_and_indexes_them() {
        let c = compile(&[event("a", &[])], Site::default());
        assert_eq!(c.details[0].body_html, "<p>Body with  <em>text</em></p>");
        assert_eq!(c.search.search("text", 1).events.len(), 1);
        assert!(
            c.search.search("script", 1).events.is_empty()
                || !c.details[0].body_html.contains("<script")
        );
    }
}
