//! The statistics of a set of events — every count `timeline stats` prints and the app's
//! `/stats` page draws — counted here and nowhere else, so that the two cannot disagree:
//! the CLI counts every event of the bundle, the page the events of the current filter.

use crate::date::PartialDate;
use crate::facet::{EventValues, Facet, PerFacet};
use crate::model::Bundle;
use crate::order::sort;

/// Counts over a set of events (each counted once, whatever the order given).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub events: usize,
    /// Sources cited, summed over the events.
    pub sources: u64,
    /// The earliest and the latest date.
    pub first: Option<PartialDate>,
    pub last: Option<PartialDate>,
    /// Per facet, the events carrying each term (indexed like [`Facet::terms`]; for the
    /// tiers, by best source tier 1 to 4).
    pub facets: PerFacet<Vec<u32>>,
    /// Events with no status.
    pub no_status: u32,
    /// Events with no source tier.
    pub no_tier: u32,
    /// Index 1 to 10: events of exactly that importance; index 0: events without one.
    pub importance: [u32; 11],
    /// `(year, events)` for each year with events, in order.
    pub years: Vec<(i16, u32)>,
    /// `(year, month, events)` for each month with events, in order; month 0 holds the
    /// events known only to the year.
    pub months: Vec<(i16, u8, u32)>,
    /// Index n: events citing n sources (the last index is the most any event cites).
    pub sources_per_event: Vec<u32>,
}

/// A term and how many of the events carry it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TermCount {
    /// Its number in [`Facet::terms`].
    pub term: u32,
    pub count: u32,
}

impl Stats {
    /// Counts `events` (numbers into `bundle.events`).
    pub fn of(bundle: &Bundle, events: &[u32]) -> Stats {
        let mut s = Stats {
            events: events.len(),
            facets: PerFacet::from_fn(|f| vec![0; f.terms(bundle).len()]),
            ..Stats::default()
        };
        let (Some(lo), Some(hi)) = (
            events.iter().min().map(|&i| bundle.events[i as usize].date),
            events.iter().max().map(|&i| bundle.events[i as usize].date),
        ) else {
            return s;
        };
        // Events are sorted by date, so the lowest number has the first date; the years
        // between are a dense array (13 slots a year: month 0 is "the year only").
        (s.first, s.last) = (Some(lo), Some(hi));
        let mut months = vec![0u32; (hi.year - lo.year) as usize * 13 + 13];
        for &i in events {
            let e = &bundle.events[i as usize];
            let values = EventValues::of(e);
            for f in Facet::ALL {
                for &t in values.get(f) {
                    s.facets[f][t as usize] += 1;
                }
            }
            s.no_status += u32::from(e.status.is_none());
            s.no_tier += u32::from(e.tier.is_none());
            s.importance[usize::from(e.importance.unwrap_or(0).min(10))] += 1;
            months[(e.date.year - lo.year) as usize * 13 + usize::from(e.date.month)] += 1;
            s.sources += u64::from(e.sources);
            let n = e.sources as usize;
            if s.sources_per_event.len() <= n {
                s.sources_per_event.resize(n + 1, 0);
            }
            s.sources_per_event[n] += 1;
        }
        for (slot, &count) in months.iter().enumerate() {
            if count == 0 {
                continue;
            }
            let (year, month) = (lo.year + (slot / 13) as i16, (slot % 13) as u8);
            s.months.push((year, month, count));
            match s.years.last_mut() {
                Some((y, n)) if *y == year => *n += count,
                _ => s.years.push((year, count)),
            }
        }
        s
    }

    /// How many of `facet`'s terms the events carry.
    pub fn distinct(&self, facet: Facet) -> usize {
        self.facets[facet].iter().filter(|&&c| c > 0).count()
    }

    /// The `n` terms of `facet` that most events carry, most first (ties by key), none
    /// that no event carries; a facet in its own order (the tiers) keeps that order.
    pub fn top(&self, bundle: &Bundle, facet: Facet, n: usize) -> Vec<TermCount> {
        let counts = &self.facets[facet];
        let mut v: Vec<u32> = (0..counts.len() as u32)
            .filter(|&t| counts[t as usize] > 0)
            .collect();
        if !facet.natural_order() {
            // Sorted as term numbers, with the viewer's one sort of `u32`s.
            let terms = facet.terms(bundle);
            sort(&mut v, &|&a, &b| {
                (counts[b as usize].cmp(&counts[a as usize]))
                    .then_with(|| terms[a as usize].key.cmp(&terms[b as usize].key))
            });
        }
        v.truncate(n);
        v.into_iter()
            .map(|term| TermCount {
                term,
                count: counts[term as usize],
            })
            .collect()
    }

    /// Whether the events span so few years that a chart by month reads better than one
    /// by year: three years or less.
    pub fn by_month(&self) -> bool {
        matches!((self.first, self.last), (Some(a), Some(b)) if b.year - a.year < 3)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, Term};

    fn bundle() -> Bundle {
        let term = |key: &str, count| Term {
            key: key.into(),
            label: key.to_uppercase(),
            count,
        };
        let event = |y, m, tags: &[u32], tier, importance, sources| Event {
            date: PartialDate {
                year: y,
                month: m,
                day: 0,
            },
            tags: tags.to_vec(),
            tier,
            importance,
            sources,
            ..Event::default()
        };
        Bundle {
            tags: vec![term("b", 2), term("a", 2), term("c", 1)],
            statuses: vec![term("confirmed", 1)],
            events: vec![
                event(2001, 0, &[0, 2], Some(1), Some(5), 2),
                Event {
                    status: Some(0),
                    ..event(2001, 3, &[1], None, None, 0)
                },
                event(2004, 12, &[0, 1], Some(3), Some(10), 2),
            ],
            ..Bundle::default()
        }
    }

    #[test]
    fn counts_every_dimension_of_the_events_given() {
        let b = bundle();
        let s = Stats::of(&b, &[2, 0, 1]);
        assert_eq!((s.events, s.sources), (3, 4));
        assert_eq!(s.first.unwrap().to_string(), "2001");
        assert_eq!(s.last.unwrap().to_string(), "2004-12");
        assert_eq!(s.facets[Facet::Tag], [2, 2, 1]);
        assert_eq!(s.facets[Facet::Status], [1]);
        assert_eq!(s.facets[Facet::Tier], [1, 0, 1, 0]);
        assert_eq!((s.no_status, s.no_tier), (2, 1));
        assert_eq!(s.importance, [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
        assert_eq!(s.years, [(2001, 2), (2004, 1)]);
        assert_eq!(s.months, [(2001, 0, 1), (2001, 3, 1), (2004, 12, 1)]);
        assert_eq!(s.sources_per_event, [1, 0, 2]);
        assert!(!s.by_month());
        // Ties are broken by key: "a" (term 1) before "b" (term 0).
        let top: Vec<_> = s.top(&b, Facet::Tag, 2).iter().map(|t| t.term).collect();
        assert_eq!(top, [1, 0]);
        let tiers: Vec<_> = s.top(&b, Facet::Tier, 9).iter().map(|t| t.term).collect();
        assert_eq!(tiers, [0, 2]);
        assert_eq!(s.distinct(Facet::Tag), 3);
    }

    #[test]
    fn a_subset_counts_only_its_own_events() {
        let b = bundle();
        let s = Stats::of(&b, &[1]);
        assert_eq!(s.facets[Facet::Tag], [0, 1, 0]);
        assert_eq!(s.distinct(Facet::Tag), 1);
        assert_eq!(s.top(&b, Facet::Tag, 9).len(), 1);
        assert_eq!(s.sources_per_event, [1]);
        assert!(s.by_month());
        let none = Stats::of(&b, &[]);
        assert_eq!((none.events, none.first, none.years.len()), (0, None, 0));
        assert_eq!(none.facets[Facet::Tag], [0, 0, 0]);
    }
}
