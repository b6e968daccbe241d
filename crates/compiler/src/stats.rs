//! Corpus statistics from the compiled bundle (so they count what readers will see).

use crate::normalise::Compiled;
use serde::Serialize;
use std::collections::BTreeMap;
use timeline_bundle::stats::Stats as Counted;
use timeline_bundle::{
    evaluate, Bundle, Details, Facet, Filter, LinkState, Notice, Resolved, Sort,
};

#[derive(Serialize, Debug)]
pub struct Stats {
    pub events: usize,
    pub sources: usize,
    /// The sources with a link, by its health in `links.json`.
    pub links: LinkCounts,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub tags: usize,
    pub actors: usize,
    pub lanes: usize,
    /// Distinct outlets the events' sources name.
    pub outlets: usize,
    pub top_tags: Vec<Count>,
    pub top_actors: Vec<Count>,
    pub top_lanes: Vec<Count>,
    /// The outlets most events cite (an event once, however many of its sources).
    pub top_outlets: Vec<Count>,
    pub statuses: Vec<Count>,
    /// Events by their best source tier (`"none"` when no source has one).
    pub tiers: BTreeMap<String, usize>,
    pub importance: BTreeMap<String, usize>,
    pub per_year: BTreeMap<i16, usize>,
    /// Events by how many sources they cite.
    pub sources_per_event: BTreeMap<String, usize>,
}

/// Sources with an http(s) link, by what `timeline links` found there.
#[derive(Serialize, Debug, Default, PartialEq, Eq)]
pub struct LinkCounts {
    pub ok: usize,
    pub redirect: usize,
    pub dead: usize,
    pub error: usize,
    /// Not in `links.json` (or there is none).
    pub unchecked: usize,
}

impl LinkCounts {
    /// Counts the sources of `details` that have a link.
    pub fn of<'a>(details: impl IntoIterator<Item = &'a Details>) -> LinkCounts {
        let mut counts = LinkCounts::default();
        for source in details.into_iter().flat_map(|d| &d.sources) {
            if source.url.is_none() {
                continue;
            }
            *match source.link.map(|l| l.state) {
                Some(LinkState::Ok) => &mut counts.ok,
                Some(LinkState::Redirect) => &mut counts.redirect,
                Some(LinkState::Dead) => &mut counts.dead,
                Some(LinkState::Error) => &mut counts.error,
                None => &mut counts.unchecked,
            } += 1;
        }
        counts
    }
}

#[derive(Serialize, Debug)]
pub struct Count {
    pub key: String,
    pub label: String,
    pub count: u32,
}

/// The `n` terms of `facet` most events carry, as the shared count orders them.
fn top(bundle: &Bundle, counted: &Counted, facet: Facet, n: usize) -> Vec<Count> {
    let terms = facet.terms(bundle);
    counted
        .top(bundle, facet, n)
        .into_iter()
        .map(|t| {
            let term = &terms[t.term as usize];
            Count {
                key: term.key.clone(),
                label: term.label.clone(),
                count: t.count,
            }
        })
        .collect()
}

/// Counts by a number (importance, tier, sources cited), the zero counts left out.
fn by_number(counts: &[u32]) -> BTreeMap<String, usize> {
    counts
        .iter()
        .enumerate()
        .filter(|(_, &c)| c > 0)
        .map(|(n, &c)| (n.to_string(), c as usize))
        .collect()
}

/// The events a timeline URL's filter keeps (its query string, `tag=crypto&from=2024`),
/// found as the app finds them, with notices about what the filter held that could not be
/// used.
pub fn select(compiled: &Compiled, query: &str) -> (Vec<u32>, Vec<Notice>) {
    let (filter, mut notices) = Filter::parse(query);
    let (resolved, unknown) = Resolved::new(&filter, &compiled.bundle);
    notices.extend(unknown);
    let events = compiled.bundle.events.len();
    let hits = filter
        .has_search()
        .then(|| compiled.search.search(&filter.q, events));
    let outcome = evaluate(&compiled.bundle, &resolved, hits.as_ref(), Sort::Asc);
    (outcome.events, notices)
}

/// The statistics of `events` of a compiled corpus: its core and its events' details
/// (their sources given their links' health, [`crate::links::Store::annotate`]). The
/// events are counted by [`timeline_bundle::stats`], as the app's statistics page counts
/// them.
pub fn compute(bundle: &Bundle, details: &[Details], events: &[u32], top_n: usize) -> Stats {
    let counted = Counted::of(bundle, events);

    // Tier term n is tier n + 1.
    let mut tiers: BTreeMap<String, usize> = (counted.facets[Facet::Tier].iter())
        .enumerate()
        .filter(|(_, &c)| c > 0)
        .map(|(t, &c)| ((t + 1).to_string(), c as usize))
        .collect();
    if counted.no_tier > 0 {
        tiers.insert("none".into(), counted.no_tier as usize);
    }
    let mut importance = by_number(&counted.importance);
    if let Some(none) = importance.remove("0") {
        importance.insert("none".into(), none);
    }
    Stats {
        events: counted.events,
        sources: counted.sources as usize,
        links: LinkCounts::of(events.iter().map(|&i| &details[i as usize])),
        first_date: counted.first.map(|d| d.to_string()),
        last_date: counted.last.map(|d| d.to_string()),
        tags: counted.distinct(Facet::Tag),
        actors: counted.distinct(Facet::Actor),
        lanes: counted.distinct(Facet::Lane),
        outlets: counted.distinct(Facet::Outlet),
        top_tags: top(bundle, &counted, Facet::Tag, top_n),
        top_actors: top(bundle, &counted, Facet::Actor, top_n),
        top_lanes: top(bundle, &counted, Facet::Lane, top_n),
        top_outlets: top(bundle, &counted, Facet::Outlet, top_n),
        statuses: top(bundle, &counted, Facet::Status, usize::MAX),
        tiers,
        importance,
        per_year: counted
            .years
            .iter()
            .map(|&(y, n)| (y, n as usize))
            .collect(),
        sources_per_event: by_number(&counted.sources_per_event),
    }
}

impl Stats {
    pub fn human(&self) -> String {
        let mut out = format!(
            "{} events, {} sources, {} to {}\n{} tags, {} actors, {} capture lanes, {} outlets\n",
            self.events,
            self.sources,
            self.first_date.as_deref().unwrap_or("-"),
            self.last_date.as_deref().unwrap_or("-"),
            self.tags,
            self.actors,
            self.lanes,
            self.outlets
        );
        let l = &self.links;
        out.push_str(&format!(
            "source links: {} ok, {} redirect, {} dead, {} error, {} unchecked\n",
            l.ok, l.redirect, l.dead, l.error, l.unchecked
        ));
        for (title, list) in [
            ("Top tags", &self.top_tags),
            ("Top actors", &self.top_actors),
            ("Top capture lanes", &self.top_lanes),
            ("Top outlets", &self.top_outlets),
            ("Statuses", &self.statuses),
        ] {
            out.push_str(&format!("\n{title}\n"));
            for c in list {
                out.push_str(&format!("  {:>6}  {}\n", c.count, c.label));
            }
        }
        out.push_str("\nBest source tier\n");
        for (t, n) in &self.tiers {
            out.push_str(&format!("  {n:>6}  {t}\n"));
        }
        out.push_str("\nEvents per year\n");
        let max = self.per_year.values().copied().max().unwrap_or(1).max(1);
        for (y, n) in &self.per_year {
            out.push_str(&format!(
                "  {y}  {n:>6}  {}\n",
                "#".repeat((n * 40).div_ceil(max))
            ));
        }
        out
    }
}
