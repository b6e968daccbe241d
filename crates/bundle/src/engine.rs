//! Runs a [`Filter`] over a [`Bundle`]: the matching events in order, and every facet's
//! counts under the other active filters, in one pass over the events.

use crate::facet::{EventValues, Facet, PerFacet};
use crate::filter::{Filter, Notice, Sort};
use crate::model::{Bundle, Term};
use crate::search::Hits;

/// A filter with its keys resolved to term numbers. Keys the bundle does not know are
/// dropped (with a notice), so they cannot silently empty the list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Resolved {
    /// Per facet, the chosen term numbers.
    chosen: PerFacet<Vec<u32>>,
    /// Per facet, whether an event needs every chosen value.
    all: PerFacet<bool>,
    min_importance: Option<u8>,
    from: Option<u32>,
    to: Option<u32>,
    search: bool,
}

/// Counts for every facet, each under all active filters except its own.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FacetCounts {
    /// Per facet, one count per term (indexed like [`Facet::terms`]).
    pub values: PerFacet<Vec<u32>>,
    /// Index 1 to 10: events of exactly that importance.
    pub importance: [u32; 11],
    /// `(year, count)` in year order.
    pub years: Vec<(i16, u32)>,
}

impl FacetCounts {
    /// One facet's counts, a number per term.
    pub fn of(&self, facet: Facet) -> &[u32] {
        &self.values[facet]
    }
}

/// What the timeline shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outcome {
    /// Event numbers in display order.
    pub events: Vec<u32>,
    pub facets: FacetCounts,
}

// The bits of an event's failures: one per facet (`Facet as u8`), then these. (Failing
// the search hides an event from every count: such events are not visited at all.)
const IMPORTANCE: u8 = Facet::COUNT as u8;
const DATE: u8 = IMPORTANCE + 1;
// Every failure has its bit in a `u8`: a seventh facet needs a wider one.
const _: () = assert!(DATE < u8::BITS as u8);

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
            chosen: PerFacet::from_fn(|f| {
                resolve_keys(
                    &filter.facets[f].keys,
                    f.terms(bundle),
                    f.param(),
                    &mut notices,
                )
            }),
            all: PerFacet::from_fn(|f| filter.facets[f].all),
            min_importance: filter.min_importance,
            from: filter.from.map(|d| d.start_key()),
            to: filter.to.map(|d| d.end_key()),
            search: filter.has_search(),
        };
        (resolved, notices)
    }
}

/// Whether an event with values `have` passes a facet's filter (`chosen` is not empty).
#[inline(always)]
fn passes(chosen: &[u32], all: bool, have: &[u32]) -> bool {
    if all {
        chosen.iter().all(|c| have.contains(c))
    } else {
        chosen.iter().any(|c| have.contains(c))
    }
}

/// Evaluates `filter` over `bundle`. `hits` is the search outcome when the filter has a
/// search (the caller keeps it between filter changes: searching is the costly part);
/// `None` then means the search has no answer yet, and nothing matches.
pub fn evaluate(bundle: &Bundle, filter: &Resolved, hits: Option<&Hits>, sort: Sort) -> Outcome {
    let mut facets = FacetCounts {
        values: PerFacet::from_fn(|f| vec![0; f.terms(bundle).len()]),
        ..FacetCounts::default()
    };
    // Events are sorted by date, so the first and last give the range of years: a dense
    // array beats a map on the hot path.
    let first_year = bundle.events.first().map_or(0, |e| e.date.year);
    let last_year = bundle.events.last().map_or(0, |e| e.date.year);
    let mut years = vec![0u32; (last_year - first_year) as usize + 1];
    // Matching events, each with its search score (0 without a search).
    let mut events: Vec<(u32, u32)> = Vec::new();
    // Only the facets with a choice can fail an event (usually none or one).
    let narrowing: Vec<Facet> = Facet::ALL
        .into_iter()
        .filter(|&f| !filter.chosen[f].is_empty())
        .collect();
    let mut visit = |i: usize, score: u32| {
        let e = &bundle.events[i];
        let values = EventValues::of(e);
        let mut failed = 0u8;
        let mut fails = |dim: u8, ok: bool| {
            if !ok {
                failed |= 1 << dim;
            }
        };
        for &f in &narrowing {
            fails(
                f as u8,
                passes(&filter.chosen[f], filter.all[f], values.get(f)),
            );
        }
        let importance = e.importance.unwrap_or(0);
        fails(
            IMPORTANCE,
            filter.min_importance.is_none_or(|m| importance >= m),
        );
        let date_ok = filter.from.is_none_or(|f| e.date.end_key() >= f)
            && filter.to.is_none_or(|t| e.date.start_key() <= t);
        fails(DATE, date_ok);

        // An event counts for a facet when it passes every other filter: with no failure
        // it counts everywhere; with exactly one, only in the facet that failed it.
        let counts_for = |dim: u8| failed == 0 || failed == 1 << dim;
        let mut count = |f: Facet| {
            let counts = &mut facets.values[f];
            for &v in values.get(f) {
                counts[v as usize] += 1;
            }
        };
        if failed == 0 {
            Facet::ALL.into_iter().for_each(&mut count);
        } else if failed.is_power_of_two() && (failed.trailing_zeros() as usize) < Facet::COUNT {
            // With every value required (`tags=all`), a value's count is what adding it
            // would leave: full matches only.
            let f = Facet::ALL[failed.trailing_zeros() as usize];
            if !filter.all[f] {
                count(f);
            }
        }
        if counts_for(IMPORTANCE) && importance > 0 {
            facets.importance[importance.min(10) as usize] += 1;
        }
        if counts_for(DATE) {
            years[(e.date.year - first_year) as usize] += 1;
        }
        if failed == 0 {
            events.push((i as u32, score));
        }
    };
    if filter.search {
        // Only the search's hits can match or count: a query's few hundred hits are
        // visited instead of every event.
        let n = bundle.events.len();
        for &(doc, score) in hits.map_or(&[][..], |h| &h.events) {
            if (doc as usize) < n {
                visit(doc as usize, score);
            }
        }
    } else {
        (0..bundle.events.len()).for_each(|i| visit(i, 0));
    }
    facets.years = years
        .into_iter()
        .enumerate()
        .filter(|&(_, c)| c > 0)
        .map(|(i, c)| (first_year + i as i16, c))
        .collect();
    match sort {
        Sort::Asc => {}
        Sort::Relevance if filter.search => best_first(&mut events),
        Sort::Desc | Sort::Relevance => events.reverse(),
    }
    Outcome {
        events: events.into_iter().map(|(i, _)| i).collect(),
        facets,
    }
}

/// Orders `(event, score)` pairs, given in event order, best score first and ties newest
/// first (events are numbered in date order). Scores are small numbers, so a counting sort
/// does it in linear time: a comparison sort of 100,000 hits was most of an update (26 of
/// 34 ms natively).
fn best_first(events: &mut Vec<(u32, u32)>) {
    let best = events.iter().map(|&(_, s)| s as usize).max().unwrap_or(0);
    if best > 4 * events.len() + 1024 {
        // Scores too spread for buckets (never seen: they are sums of small weights).
        crate::order::sort_items(events, &|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
        return;
    }
    // Bucket `best - score` holds that score's events; `next[b]` is where its next goes.
    let mut next = vec![0usize; best + 2];
    for &(_, s) in events.iter() {
        next[best - s as usize + 1] += 1;
    }
    for b in 1..next.len() {
        next[b] += next[b - 1];
    }
    let mut ordered = vec![(0, 0); events.len()];
    for &(e, s) in events.iter().rev() {
        let b = best - s as usize;
        ordered[next[b]] = (e, s);
        next[b] += 1;
    }
    *events = ordered;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, Term};
    use crate::PartialDate;
    use proptest::prelude::*;

    fn term(key: &str) -> Term {
        Term {
            key: key.into(),
            label: key.to_uppercase(),
            count: 0,
        }
    }

    /// Four events over three years with overlapping tags, actors and outlets.
    fn bundle() -> Bundle {
        let ev =
            |id: &str, date: &str, tags: Vec<u32>, actors: Vec<u32>, importance: u8, tier: u8| {
                Event {
                    id: id.into(),
                    date: PartialDate::parse(date).unwrap(),
                    title: id.into(),
                    tags,
                    actors,
                    importance: Some(importance),
                    tier: Some(tier),
                    sources: 1,
                    ..Event::default()
                }
            };
        let mut events = vec![
            ev("a", "2019", vec![0], vec![0], 5, 1),
            ev("b", "2020-03-01", vec![0, 1], vec![1], 8, 2),
            ev("c", "2020-07", vec![1], vec![0, 1], 9, 1),
            ev("d", "2021-01-05", vec![2], vec![], 10, 3),
        ];
        for (e, outlets) in events
            .iter_mut()
            .zip([vec![0], vec![0, 1], vec![], vec![1]])
        {
            e.outlets = outlets;
        }
        Bundle {
            events,
            tags: vec![term("x"), term("y"), term("z")],
            actors: vec![term("p"), term("q")],
            outlets: vec![term("wire"), term("post")],
            ..Bundle::default()
        }
    }

    fn run(b: &Bundle, query: &str) -> Outcome {
        let (filter, _) = Filter::parse(query);
        let (resolved, _) = Resolved::new(&filter, b);
        evaluate(b, &resolved, None, filter.effective_sort())
    }

    #[test]
    fn no_filter_lists_everything_newest_first() {
        let o = run(&bundle(), "");
        assert_eq!(o.events, [3, 2, 1, 0]);
        assert_eq!(o.facets.of(Facet::Tag), [2, 2, 1]);
        assert_eq!(o.facets.years, [(2019, 1), (2020, 2), (2021, 1)]);
        assert_eq!(o.facets.of(Facet::Tier), [2, 1, 1, 0]);
    }

    #[test]
    fn a_facet_counts_under_the_other_filters_only() {
        let o = run(&bundle(), "tag=x&actor=q");
        assert_eq!(o.events, [1]);
        // Tag counts ignore the tag filter but keep the actor filter: events with actor q.
        assert_eq!(o.facets.of(Facet::Tag), [1, 2, 0]);
        // Actor counts ignore the actor filter but keep the tag filter: events with tag x.
        assert_eq!(o.facets.of(Facet::Actor), [1, 1]);
    }

    #[test]
    fn all_tags_counts_what_adding_a_tag_would_leave() {
        let o = run(&bundle(), "tag=x&tags=all");
        assert_eq!(o.events, [1, 0]);
        assert_eq!(o.facets.of(Facet::Tag), [2, 1, 0]);
        assert_eq!(run(&bundle(), "tag=x&tag=y&tags=all").events, [1]);
        assert_eq!(run(&bundle(), "tag=x&tag=y").events, [2, 1, 0]);
    }

    #[test]
    fn partial_dates_overlap_the_range() {
        // "2020-07" (a month) overlaps a range ending 2020-07-15; "2019" overlaps from 2019-12.
        assert_eq!(
            run(&bundle(), "from=2019-12&to=2020-07-15&sort=asc").events,
            [0, 1, 2]
        );
        assert_eq!(run(&bundle(), "from=2020-08").events, [3]);
    }

    #[test]
    fn importance_tier_and_unknown_keys() {
        assert_eq!(run(&bundle(), "min=9").events, [3, 2]);
        assert_eq!(run(&bundle(), "tier=1").events, [2, 0]);
        assert_eq!(run(&bundle(), "outlet=post").events, [3, 1]);
        let o = run(&bundle(), "outlet=wire&outlet=post&tag=x");
        assert_eq!(o.events, [1, 0], "any of the outlets");
        assert_eq!(o.facets.of(Facet::Outlet), [2, 1]);
        let (filter, _) = Filter::parse("tag=nope");
        let (resolved, notices) = Resolved::new(&filter, &bundle());
        assert_eq!(notices.len(), 1);
        assert_eq!(
            evaluate(&bundle(), &resolved, None, Sort::Desc)
                .events
                .len(),
            4,
            "an unknown tag does not empty the list"
        );
    }

    #[test]
    fn a_search_shows_and_counts_its_hits_only() {
        let b = bundle();
        let (filter, _) = Filter::parse("q=x&sort=relevance");
        let (resolved, _) = Resolved::new(&filter, &b);
        let hits = Hits {
            events: vec![(1, 5), (2, 9)],
            ..Hits::default()
        };
        let o = evaluate(&b, &resolved, Some(&hits), Sort::Relevance);
        assert_eq!(o.events, [2, 1], "best score first");
        assert_eq!(o.facets.of(Facet::Tag), [1, 2, 0]);
        assert_eq!(o.facets.years, [(2020, 2)]);
        let waiting = evaluate(&b, &resolved, None, Sort::Desc);
        assert!(
            waiting.events.is_empty(),
            "a search with no answer yet matches nothing"
        );
    }

    proptest! {
        /// The single-pass facet count of each value of every facet equals the size of the list that
        /// choosing that value would give, whatever the other filters.
        #[test]
        fn facet_counts_predict_the_filtered_list(actor in proptest::option::of(0usize..2), min in proptest::option::of(5u8..=10), from in proptest::option::of(2019i16..=2021)) {
            let b = bundle();
            let mut base = String::new();
            if let Some(a) = actor { base.push_str(&format!("&actor={}", ["p", "q"][a])); }
            if let Some(m) = min { base.push_str(&format!("&min={m}")); }
            if let Some(y) = from { base.push_str(&format!("&from={y}")); }
            let o = run(&b, &base);
            for facet in Facet::ALL {
                if facet == Facet::Actor && actor.is_some() {
                    continue;
                }
                for (t, term) in facet.terms(&b).iter().enumerate() {
                    let narrowed = run(&b, &format!("{}={}{base}", facet.param(), term.key));
                    prop_assert_eq!(o.facets.of(facet)[t] as usize, narrowed.events.len(), "{:?} {}", facet, term.key);
                }
            }
        }
    }

    proptest! {
        #[test]
        fn best_first_is_the_comparison_order(scores in prop::collection::vec(0u32..40, 0..300), wide in any::<bool>()) {
            // Scores in event order, some far apart (the comparison sort's path).
            let mut events: Vec<(u32, u32)> = scores.iter().enumerate()
                .map(|(i, &s)| (i as u32 * 3, if wide { s * 100_000 } else { s }))
                .collect();
            let mut expected = events.clone();
            expected.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
            best_first(&mut events);
            prop_assert_eq!(events, expected);
        }
    }
}
