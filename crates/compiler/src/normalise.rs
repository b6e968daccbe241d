//! Turns checked events into the compiled corpus: one canonical term per tag, actor, lane,
//! status and source outlet (spellings merged by [`canonical_key`], labelled by the most
//! common spelling), Markdown rendered to safe HTML, and the search index. [`crate::parts`] then
//! cuts it into the bundle's parts.

use crate::check::Accepted;
use crate::event::Parsed;
use crate::{excerpt, markdown};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use timeline_bundle::search::{Field, IndexBuilder};
use timeline_bundle::text::canonical_key;
use timeline_bundle::{Bundle, Connection, Details, Event, SearchIndex, Site, Term};

/// Interns the spellings of one kind of term.
#[derive(Default)]
struct Terms {
    /// key → its interned number (the order keys were first met in).
    ids: HashMap<String, u32>,
    /// By interned number: the key, and spelling → how many events use it.
    spellings: Vec<(String, BTreeMap<String, u32>)>,
}

/// An event's values' keys, each once, in the event's order (empty keys left out).
fn keys_of<'a>(values: impl IntoIterator<Item = &'a String>) -> Vec<(String, &'a String)> {
    let keyed: Vec<(String, &String)> = values
        .into_iter()
        .map(|v| (canonical_key(v), v))
        .filter(|(key, _)| !key.is_empty())
        .collect();
    // Each key's first value only (a set that borrows the keys: an event may have 100,000
    // tags).
    let first: Vec<bool> = {
        let mut seen = HashSet::with_capacity(keyed.len());
        keyed
            .iter()
            .map(|(key, _)| seen.insert(key.as_str()))
            .collect()
    };
    keyed
        .into_iter()
        .zip(first)
        .filter_map(|(kv, first)| first.then_some(kv))
        .collect()
}

impl Terms {
    /// Records an event's values; returns their interned numbers, each key once, in the
    /// event's order.
    fn add<'a>(&mut self, values: impl IntoIterator<Item = &'a String>) -> Vec<u32> {
        let keyed = keys_of(values);
        let mut ids = Vec::with_capacity(keyed.len());
        for (key, value) in keyed {
            let id = match self.ids.get(&key) {
                Some(&id) => id,
                None => {
                    let id = self.spellings.len() as u32;
                    self.spellings.push((key.clone(), BTreeMap::new()));
                    self.ids.insert(key, id);
                    id
                }
            };
            let spellings = &mut self.spellings[id as usize].1;
            match spellings.get_mut(value) {
                Some(count) => *count += 1,
                None => {
                    spellings.insert(value.clone(), 1);
                }
            }
            ids.push(id);
        }
        ids
    }

    /// The term table, by key, and each interned number's place in it.
    fn finish(self) -> (Vec<Term>, Vec<u32>) {
        let mut order: Vec<u32> = (0..self.spellings.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| {
            self.spellings[a as usize]
                .0
                .cmp(&self.spellings[b as usize].0)
        });
        let mut place = vec![0u32; order.len()];
        for (n, &id) in order.iter().enumerate() {
            place[id as usize] = n as u32;
        }
        let mut slots: Vec<Option<(String, BTreeMap<String, u32>)>> =
            self.spellings.into_iter().map(Some).collect();
        let table = order
            .iter()
            .map(|&id| {
                let (key, spellings) = slots[id as usize].take().expect("each id once");
                let count = spellings.values().sum();
                // The most common spelling; among equals, the one that sorts first.
                let label = spellings
                    .into_iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                    .map(|s| s.0)
                    .unwrap_or_default();
                Term { key, label, count }
            })
            .collect();
        (table, place)
    }
}

/// The compiled corpus before it is cut into parts: the core (its part lists still empty),
/// each event's details, by event number (empty when a build wrote them as chunks while
/// compiling: [`compile_into`]), and the whole search index.
#[derive(Debug, Default)]
pub struct Compiled {
    pub bundle: Bundle,
    pub details: Vec<Details>,
    pub search: SearchIndex,
}

/// How many events are rendered and indexed at a time: the events are consumed as they
/// are compiled, so a large corpus never holds its raw text and its HTML in full at once.
const BATCH: usize = 4096;

/// Compiles events sorted by date then id, consuming them; the details are kept in
/// [`Compiled::details`].
pub fn compile(events: Vec<Accepted>, site: Site) -> Compiled {
    let mut details = Vec::with_capacity(events.len());
    let mut compiled = compile_into(events, site, |d| {
        details.push(d);
        Ok::<(), ()>(())
    })
    .expect("collecting cannot fail");
    compiled.details = details;
    compiled
}

/// Compiles events sorted by date then id, consuming them, and hands each event's
/// details to `on_details` in event order instead of keeping them
/// ([`Compiled::details`] stays empty).
pub fn compile_into<E>(
    events: Vec<Accepted>,
    site: Site,
    mut on_details: impl FnMut(Details) -> Result<(), E>,
) -> Result<Compiled, E> {
    let (mut tags, mut actors, mut lanes, mut statuses, mut outlets) = (
        Terms::default(),
        Terms::default(),
        Terms::default(),
        Terms::default(),
        Terms::default(),
    );
    // Each event's terms as interned numbers, 16 bytes and a few numbers an event: their
    // numbers in the sorted tables are known only once every event is seen.
    let interned: Vec<[Vec<u32>; 5]> = events
        .iter()
        .map(|e| {
            let e = e.parsed();
            [
                tags.add(&e.tags),
                actors.add(&e.actors),
                lanes.add(&e.lanes),
                statuses.add(&e.status),
                outlets.add(e.sources.iter().filter_map(|s| s.outlet.as_ref())),
            ]
        })
        .collect();
    let (tags, tag_no) = tags.finish();
    let (actors, actor_no) = actors.finish();
    let (lanes, lane_no) = lanes.finish();
    let (statuses, status_no) = statuses.finish();
    let (outlets, outlet_no) = outlets.finish();
    let links = Links::of(&events);
    let mut compiled = Compiled {
        details: Vec::new(),
        bundle: Bundle {
            events: Vec::with_capacity(events.len()),
            ..Bundle::default()
        },
        search: SearchIndex::default(),
    };
    {
        let numbers = |ids: &[u32], place: &[u32]| -> Vec<u32> {
            ids.iter().map(|&id| place[id as usize]).collect()
        };
        let mut interned = interned.into_iter();
        let mut index = IndexBuilder::new();
        let mut events = events.into_iter();
        loop {
            let packed: Vec<Accepted> = events.by_ref().take(BATCH).collect();
            if packed.is_empty() {
                break;
            }
            let batch: Vec<Parsed> = packed.par_iter().map(Accepted::parsed).collect();
            drop(packed);
            // Everything made from an event's Markdown alone, on every core: the HTML, the
            // excerpt and the plain text the index reads.
            let rendered: Vec<Rendered> = batch
                .par_iter()
                .map(|e| Rendered {
                    summary_html: e
                        .summary
                        .as_deref()
                        .map(markdown::to_html)
                        .unwrap_or_default(),
                    body_html: markdown::to_html(&e.body),
                    excerpt: excerpt::of(e.summary.as_deref(), &e.body),
                    summary_text: e.summary.as_deref().map(markdown::to_text),
                    body_text: markdown::to_text(&e.body),
                })
                .collect();
            for (e, r) in batch.into_iter().zip(rendered) {
                let doc = compiled.bundle.events.len() as u32;
                index_event(&mut index, doc, &e, &r);
                let Rendered {
                    summary_html,
                    body_html,
                    excerpt,
                    ..
                } = r;
                let [e_tags, e_actors, e_lanes, e_status, e_outlets] =
                    interned.next().expect("one entry an event");
                // An event's outlets are a set (its sources' order is in the details):
                // sorted, as the decoder checks.
                let mut e_outlets = numbers(&e_outlets, &outlet_no);
                e_outlets.sort_unstable();
                compiled.bundle.events.push(Event {
                    status: e_status.first().map(|&id| status_no[id as usize]),
                    tags: numbers(&e_tags, &tag_no),
                    actors: numbers(&e_actors, &actor_no),
                    lanes: numbers(&e_lanes, &lane_no),
                    outlets: e_outlets,
                    tier: e.sources.iter().filter_map(|s| s.tier).min(),
                    sources: e.sources.len() as u32,
                    id: e.id.clone(),
                    date: e.date,
                    title: e.title,
                    importance: e.importance,
                });
                on_details(Details {
                    file: if e.file == format!("{}.md", e.id) {
                        String::new()
                    } else {
                        e.file
                    },
                    sources: e.sources,
                    location: e.location,
                    summary_html,
                    body_html,
                    excerpt,
                    connections: e
                        .connections
                        .into_iter()
                        .map(|c| links.resolve(c))
                        .collect(),
                    referenced_by: links.referenced_by(doc),
                    patterns: e.patterns,
                    notes: e.notes,
                    extra: e.extra,
                })?;
            }
        }
        compiled.search = index.finish();
    }
    compiled.bundle.site = site;
    compiled.bundle.tags = tags;
    compiled.bundle.actors = actors;
    compiled.bundle.lanes = lanes;
    compiled.bundle.statuses = statuses;
    compiled.bundle.outlets = outlets;
    Ok(compiled)
}

/// The events' connections both ways: which event an entry names (by id), and which
/// events name each one.
struct Links {
    number_of: HashMap<String, u32>,
    /// By event number, the events whose connections name it, in event order, each once.
    referenced_by: Vec<Vec<u32>>,
}

impl Links {
    /// From the events in their final order (an event's position is its number).
    fn of(events: &[Accepted]) -> Links {
        let number_of: HashMap<String, u32> = events
            .iter()
            .enumerate()
            .map(|(n, e)| (e.id.clone(), n as u32))
            .collect();
        let mut referenced_by = vec![Vec::new(); events.len()];
        for (n, e) in events.iter().enumerate() {
            for (entry, _) in &e.connections {
                match number_of.get(entry) {
                    // An event that names itself, or one it already named, adds nothing.
                    Some(&to)
                        if to as usize != n
                            && referenced_by[to as usize].last() != Some(&(n as u32)) =>
                    {
                        referenced_by[to as usize].push(n as u32)
                    }
                    _ => {}
                }
            }
        }
        Links {
            number_of,
            referenced_by,
        }
    }

    fn resolve(&self, entry: String) -> Connection {
        match self.number_of.get(&entry) {
            Some(&n) => Connection::Event(n),
            None => Connection::Text(entry),
        }
    }

    fn referenced_by(&self, n: u32) -> Vec<u32> {
        self.referenced_by
            .get(n as usize)
            .cloned()
            .unwrap_or_default()
    }
}

/// What an event's Markdown gives: its HTML, its row's excerpt, its text for the index.
struct Rendered {
    summary_html: String,
    body_html: String,
    excerpt: String,
    summary_text: Option<String>,
    body_text: String,
}

/// Adds an event's words to the index, each field with its weight.
fn index_event(index: &mut IndexBuilder, doc: u32, e: &Parsed, r: &Rendered) {
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
    if let Some(s) = &r.summary_text {
        index.add(doc, Field::Summary, s);
    }
    index.add(doc, Field::Body, &r.body_text);
    for s in &e.sources {
        for text in [&s.title, &s.outlet].into_iter().flatten() {
            index.add(doc, Field::Source, text);
        }
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
        let b = compile(events.map(Accepted::pack).to_vec(), Site::default()).bundle;
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
    fn outlets_are_terms_and_each_event_carries_its_sources_outlets_once() {
        let source = |outlet: &str| timeline_bundle::Source {
            outlet: Some(outlet.into()),
            ..Default::default()
        };
        let mut a = event("a", &[]);
        a.sources = vec![
            source("Wire"),
            source("The Post"),
            source("wire"),
            source(" "),
        ];
        let mut b = event("b", &[]);
        b.sources = vec![source("the_post"), source("The Post")];
        let c = compile([a, b].map(Accepted::pack).to_vec(), Site::default()).bundle;
        let terms: Vec<_> = (c.outlets.iter())
            .map(|t| (t.key.as_str(), t.label.as_str(), t.count))
            .collect();
        assert_eq!(
            terms,
            [("the-post", "The Post", 2), ("wire", "Wire", 1)],
            "the commonest spelling, an event counted once, an empty one left out"
        );
        assert_eq!(c.events[0].outlets, [0, 1], "sorted, not in source order");
        assert_eq!(c.events[1].outlets, [0]);
    }

    #[test]
    fn renders_bodies_safely_and_indexes_them() {
        let c = compile(vec![Accepted::pack(event("a", &[]))], Site::default());
        assert_eq!(c.details[0].body_html, "<p>Body with  <em>text</em></p>");
        assert_eq!(c.search.search("text", 1).events.len(), 1);
        assert!(
            c.search.search("script", 1).events.is_empty()
                || !c.details[0].body_html.contains("<script")
        );
    }
}
