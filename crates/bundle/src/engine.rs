//! Runs a [`Filter`] over a [`Bundle`]: the matching events in order, and every facet's
//! counts under the other active filters, in one pass over the events.

use crate::filter::{Filter, Notice, Sort};
use crate::model::{Bundle, Term};
use crate::search::Hits;

/// A filter with its keys resolved to term numbers. Keys the bundle does not know are
/// dropped (with a notice), so they cannot silently empty the list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Resolved {
    tags: Vec<u32>,
    all_tags: bool,
    actors: Vec<u32>,
    lanes: Vec<u32>,
    statuses: Vec<u32>,
    tiers: Vec<u8>,
    min_importance: Option<u8>,
    from: Option<u32>,
    to: Option<u32>,
    search: bool,
}

/// Counts for every facet, each under all active filters except its own.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FacetCounts {
    pub tags: Vec<u32>,
    pub actors: Vec<u32>,
    pub lanes: Vec<u32>,
    pub statuses: Vec<u32>,
    /// Index 1 to 4: events whose best source has that tier.
    pub tiers: [u32; 5],
    /// Index 1 to 10: events of exactly that importance.
    pub importance: [u32; 11],
    /// `(year, count)` in year order.
    pub years: Vec<(i16, u32)>,
}

/// What the timeline shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outcome {
    /// Event numbers in display order.
    pub events: Vec<u32>,
    pub facets: FacetCounts,
}

const TAG: u8 = 0;
const ACTOR: u8 = 1;
const LANE: u8 = 2;
const STATUS: u8 = 3;
const TIER: u8 = 4;
const IMPORTANCE: u8 = 5;
const DATE: u8 = 6;
/// Not a facet: failing the search hides an event from every count.
const SEARCH: u8 = 7;

fn resolve_keys(
    keys: &[String],
    terms: &[Term],
    param: &str,
    notices: &mut Vec<Notice>,
) -> Vec<u32> {
    keys.iter()
        .filter_map(|k| match terms.iter().position(|t| t.key == *k) {
            Some(i) => Some(i as u32),
            None => {
                notices.push(Notice::new(
                    param,
                    k,
                    format!("no {param} of that name in this timeline"),
                ));
                None
            }
        })
        .collect()
}

impl Resolved {
    pub fn new(filter: &Filter, bundle: &Bundle) -> (Resolved, Vec<Notice>) {
        let mut notices = Vec::new();
        let resolved = Resolved {
            tags: resolve_keys(&filter.tags, &bundle.tags, "tag", &mut notices),
            all_tags: filter.all_tags,
            actors: resolve_keys(&filter.actors, &bundle.actors, "actor", &mut notices),
            lanes: resolve_keys(&filter.lanes, &bundle.lanes, "lane", &mut notices),
            statuses: resolve_keys(&filter.statuses, &bundle.statuses, "status", &mut notices),
            tiers: filter.tiers.clone(),
            min_importance: filter.min_importance,
            from: filter.from.map(|d| d.start_key()),
            to: filter.to.map(|d| d.end_key()),
            search: filter.has_search(),
        };
        (resolved, notices)
    }
}

/// Evaluates `filter` over `bundle`. `hits` is the search outcome when the filter has a
/// search (the caller keeps it between filter changes: searching is the costly part).
pub fn evaluate(bundle: &Bundle, filter: &Resolved, hits: Option<&Hits>, sort: Sort) -> Outcome {
    let n = bundle.events.len();
    let mut score: Vec<u32> = Vec::new();
    if filter.search {
        score = vec![0; n];
        if let Some(hits) = hits {
            for &(doc, s) in &hits.events {
                if let Some(slot) = score.get_mut(doc as usize) {
                    *slot = s.max(1);
                }
            }
        }
    }
    let mut facets = FacetCounts {
        tags: vec![0; bundle.tags.len()],
        actors: vec![0; bundle.actors.len()],
        lanes: vec![0; bundle.lanes.len()],
        statuses: vec![0; bundle.statuses.len()],
        ..FacetCounts::default()
    };
    let mut years: std::collections::BTreeMap<i16, u32> = Default::default();
    let mut events = Vec::new();
    let any_of =
        |want: &[u32], have: &[u32]| want.is_empty() || want.iter().any(|w| have.contains(w));
    for (i, e) in bundle.events.iter().enumerate() {
        let mut failed = 0u8;
        let mut fails = |dim: u8, ok: bool| {
            if !ok {
                failed |= 1 << dim;
            }
        };
        let tags_ok = if filter.all_tags {
            filter.tags.iter().all(|t| e.tags.contains(t))
        } else {
            any_of(&filter.tags, &e.tags)
        };
        fails(TAG, tags_ok);
        fails(ACTOR, any_of(&filter.actors, &e.actors));
        fails(LANE, any_of(&filter.lanes, &e.lanes));
        fails(
            STATUS,
            filter.statuses.is_empty() || e.status.is_some_and(|s| filter.statuses.contains(&s)),
        );
        let tier = e.best_tier();
        fails(
            TIER,
            filter.tiers.is_empty() || tier.is_some_and(|t| filter.tiers.contains(&t)),
        );
        let importance = e.importance.unwrap_or(0);
        fails(
            IMPORTANCE,
            filter.min_importance.is_none_or(|m| importance >= m),
        );
        let date_ok = filter.from.is_none_or(|f| e.date.end_key() >= f)
            && filter.to.is_none_or(|t| e.date.start_key() <= t);
        fails(DATE, date_ok);
        fails(SEARCH, !filter.search || score[i] > 0);

        // An event counts for a facet when it passes every other filter: with no failure
        // it counts everywhere; with exactly one, only in the facet that failed it.
        let counts_for = |dim: u8| failed == 0 || failed == 1 << dim;
        // With `tags=all`, a tag's count is what adding it would leave: full matches only.
        if counts_for(TAG) && !(filter.all_tags && failed != 0) {
            for &t in &e.tags {
                facets.tags[t as usize] += 1;
            }
        }
        if counts_for(ACTOR) {
            for &a in &e.actors {
                facets.actors[a as usize] += 1;
            }
        }
        if counts_for(LANE) {
            for &l in &e.lanes {
                facets.lanes[l as usize] += 1;
            }
        }
        if counts_for(STATUS) {
            if let Some(s) = e.status {
                facets.statuses[s as usize] += 1;
            }
        }
        if counts_for(TIER) {
            if let Some(t) = tier {
                facets.tiers[t.min(4) as usize] += 1;
            }
        }
        if counts_for(IMPORTANCE) && importance > 0 {
            facets.importance[importance.min(10) as usize] += 1;
        }
        if counts_for(DATE) {
            *years.entry(e.date.year).or_default() += 1;
        }
        if failed == 0 {
            events.push(i as u32);
        }
    }
    facets.years = years.into_iter().collect();
    match sort {
        Sort::Asc => {}
        Sort::Desc => events.reverse(),
        Sort::Relevance if filter.search => {
            // Best score first; ties newest first.
            events.sort_by(|&a, &b| score[b as usize].cmp(&score[a as usize]).then(b.cmp(&a)));
        }
        Sort::Relevance => events.reverse(),
    }
    Outcome { events, facets }
}
