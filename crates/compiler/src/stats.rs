//! Corpus statistics from the compiled bundle (so they count what readers will see).

use serde::Serialize;
use std::collections::BTreeMap;
use timeline_bundle::{Bundle, Details, LinkState, Term};

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
    pub top_tags: Vec<Count>,
    pub top_actors: Vec<Count>,
    pub top_lanes: Vec<Count>,
    pub statuses: Vec<Count>,
    /// Events by their best source tier (`"none"` when no source has one).
    pub tiers: BTreeMap<String, usize>,
    pub importance: BTreeMap<String, usize>,
    pub per_year: BTreeMap<i16, usize>,
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
    pub fn of(details: &[Details]) -> LinkCounts {
        let mut counts = LinkCounts::default();
        for source in details.iter().flat_map(|d| &d.sources) {
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

fn top(terms: &[Term], n: usize) -> Vec<Count> {
    let mut sorted: Vec<&Term> = terms.iter().collect();
    sorted.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    sorted
        .into_iter()
        .take(n)
        .map(|t| Count {
            key: t.key.clone(),
            label: t.label.clone(),
            count: t.count,
        })
        .collect()
}

/// The statistics of a compiled corpus: its core and its events' details (their sources
/// given their links' health, [`crate::links::Store::annotate`]).
pub fn compute(bundle: &Bundle, details: &[Details], top_n: usize) -> Stats {
    let mut tiers = BTreeMap::new();
    let mut importance = BTreeMap::new();
    let mut per_year = BTreeMap::new();
    for e in &bundle.events {
        let tier = e.tier.map_or("none".to_string(), |t| t.to_string());
        *tiers.entry(tier).or_default() += 1;
        *importance
            .entry(e.importance.map_or("none".to_string(), |i| i.to_string()))
            .or_default() += 1;
        *per_year.entry(e.date.year).or_default() += 1;
    }
    Stats {
        events: bundle.events.len(),
        sources: bundle.events.iter().map(|e| e.sources as usize).sum(),
        links: LinkCounts::of(details),
        first_date: bundle.events.first().map(|e| e.date.to_string()),
        last_date: bundle.events.last().map(|e| e.date.to_string()),
        tags: bundle.tags.len(),
        actors: bundle.actors.len(),
        lanes: bundle.lanes.len(),
        top_tags: top(&bundle.tags, top_n),
        top_actors: top(&bundle.actors, top_n),
        top_lanes: top(&bundle.lanes, top_n),
        statuses: top(&bundle.statuses, usize::MAX),
        tiers,
        importance,
        per_year,
    }
}

impl Stats {
    pub fn human(&self) -> String {
        let mut out = format!(
            "{} events, {} sources, {} to {}\n{} tags, {} actors, {} capture lanes\n",
            self.events,
            self.sources,
            self.first_date.as_deref().unwrap_or("-"),
            self.last_date.as_deref().unwrap_or("-"),
            self.tags,
            self.actors,
            self.lanes
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
