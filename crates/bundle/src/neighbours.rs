//! The events an event's page links to: those related to it by shared actors and tags,
//! and the ones just earlier and later. The build's static pages and the app's choose them
//! with this code, so that both link to the same events.
//!
//! Related events are looked for near the event: for each of its tags and actors, the
//! [`NEAR`] events carrying it just before and just after it. A page's work is then bounded
//! however common a tag is, which lets the build write a million pages (comparing each
//! event with every other would be a trillion comparisons).

use crate::model::Bundle;

/// How many related events a page lists.
pub const RELATED: usize = 5;

/// How many events carrying one of the event's tags or actors are looked at on each side
/// of it.
pub const NEAR: usize = 16;

/// For each tag and actor, the events carrying it, in event order: all of them, or, for
/// one page, those its view may show.
pub struct Postings {
    tags: Lists,
    actors: Lists,
}

/// The events of each term: every term's (indexed by term), or a few terms' (looked up).
enum Lists {
    Every(Vec<Vec<u32>>),
    Some(Vec<(u32, Vec<u32>)>),
}

impl Lists {
    fn get(&self, term: u32) -> &[u32] {
        let list = match self {
            Lists::Every(lists) => lists.get(term as usize),
            Lists::Some(lists) => lists.iter().find(|(t, _)| *t == term).map(|(_, l)| l),
        };
        list.map_or(&[], |l| l.as_slice())
    }

    fn push(&mut self, term: u32, event: u32) {
        let list = match self {
            Lists::Every(lists) => lists.get_mut(term as usize),
            Lists::Some(lists) => lists.iter_mut().find(|(t, _)| *t == term).map(|(_, l)| l),
        };
        if let Some(list) = list {
            list.push(event);
        }
    }
}

impl Postings {
    /// Every tag's and actor's events (the build, writing every page).
    pub fn all(bundle: &Bundle) -> Self {
        let mut p = Postings {
            tags: Lists::Every(vec![Vec::new(); bundle.tags.len()]),
            actors: Lists::Every(vec![Vec::new(); bundle.actors.len()]),
        };
        for (n, e) in bundle.events.iter().enumerate() {
            e.tags.iter().for_each(|&t| p.tags.push(t, n as u32));
            e.actors.iter().for_each(|&a| p.actors.push(a, n as u32));
        }
        p
    }

    /// The events carrying event `index`'s own tags and actors, among those `may_show`
    /// allows (the app, showing one page, perhaps within a locked embed's filter).
    pub fn of_event(bundle: &Bundle, index: usize, may_show: impl Fn(usize) -> bool) -> Self {
        let e = &bundle.events[index];
        let own = |terms: &[u32]| Lists::Some(terms.iter().map(|&t| (t, Vec::new())).collect());
        let mut p = Postings {
            tags: own(&e.tags),
            actors: own(&e.actors),
        };
        for (n, other) in bundle.events.iter().enumerate() {
            if n != index && !may_show(n) {
                continue;
            }
            // Terms not of the event have no list: pushing to them does nothing.
            other.tags.iter().for_each(|&t| p.tags.push(t, n as u32));
            other
                .actors
                .iter()
                .for_each(|&a| p.actors.push(a, n as u32));
        }
        p
    }
}

/// Up to [`RELATED`] events near event `index` sharing the most actors (weighted double)
/// and tags with it, at least two points' worth; ties go to the later event.
pub fn related(bundle: &Bundle, index: usize, postings: &Postings) -> Vec<usize> {
    let e = &bundle.events[index];
    let lists = (e.tags.iter().map(|&t| postings.tags.get(t)))
        .chain(e.actors.iter().map(|&a| postings.actors.get(a)));
    let mut near: Vec<u32> = Vec::new();
    for list in lists {
        let at = list.partition_point(|&n| (n as usize) < index);
        let after = at + usize::from(list.get(at) == Some(&(index as u32)));
        near.extend_from_slice(&list[at.saturating_sub(NEAR)..at]);
        near.extend_from_slice(&list[after..(after + NEAR).min(list.len())]);
    }
    crate::order::sort(&mut near, &|a, b| a.cmp(b));
    near.dedup();
    let mut scored: Vec<(u32, usize)> = near
        .into_iter()
        .filter_map(|n| {
            let o = bundle.events.get(n as usize)?;
            let actors = o.actors.iter().filter(|a| e.actors.contains(a)).count() as u32;
            let tags = o.tags.iter().filter(|t| e.tags.contains(t)).count() as u32;
            let score = actors * 2 + tags;
            (score >= 2).then_some((score, n as usize))
        })
        .collect();
    crate::order::sort_items(&mut scored, &|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
    scored.into_iter().take(RELATED).map(|(_, i)| i).collect()
}

/// The events just before and just after event `index` in date order, among those
/// `may_show` allows.
pub fn earlier_and_later(
    bundle: &Bundle,
    index: usize,
    may_show: impl Fn(usize) -> bool,
) -> (Option<usize>, Option<usize>) {
    (
        (0..index).rev().find(|&i| may_show(i)),
        (index + 1..bundle.events.len()).find(|&i| may_show(i)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, Term};

    fn bundle(events: Vec<Event>) -> Bundle {
        let terms = |n| vec![Term::default(); n];
        Bundle {
            tags: terms(4),
            actors: terms(2),
            events,
            ..Bundle::default()
        }
    }

    fn e(tags: &[u32], actors: &[u32]) -> Event {
        Event {
            tags: tags.to_vec(),
            actors: actors.to_vec(),
            ..Event::default()
        }
    }

    #[test]
    fn related_events_share_the_most_actors_and_tags() {
        let b = bundle(vec![
            e(&[0, 1], &[0]),
            e(&[0], &[]),
            e(&[0, 1], &[]),
            e(&[], &[0]),
            e(&[2], &[1]),
        ]);
        let all = Postings::all(&b);
        // Event 2 shares two tags (2 points), event 3 the actor (2 points): the later first;
        // event 1 shares one tag only.
        assert_eq!(related(&b, 0, &all), [3, 2]);
        assert_eq!(related(&b, 0, &Postings::of_event(&b, 0, |_| true)), [3, 2]);
        assert_eq!(related(&b, 0, &Postings::of_event(&b, 0, |i| i != 3)), [2]);
        assert!(related(&b, 4, &all).is_empty());
    }

    #[test]
    fn related_events_are_looked_for_near_the_event() {
        // Every event shares tag 0 with every other; event 0 also shares tag 1 with the
        // last one, which is too far away to be looked at.
        let mut events: Vec<Event> = (0..100).map(|_| e(&[0, 3], &[])).collect();
        events[0] = e(&[0, 1, 3], &[]);
        events[99] = e(&[0, 1, 3], &[]);
        events[50] = e(&[0, 1, 3], &[]);
        let b = bundle(events);
        let all = Postings::all(&b);
        // Tag 1's own list brings 50 and 99 near: they share three tags.
        assert_eq!(related(&b, 0, &all)[..2], [99, 50]);
        // Otherwise only the NEAR after it are candidates, the latest first.
        assert_eq!(related(&b, 10, &all), [26, 25, 24, 23, 22]);
        assert_eq!(
            related(&b, 10, &Postings::of_event(&b, 10, |_| true)),
            related(&b, 10, &all)
        );
    }

    #[test]
    fn one_events_postings_give_what_all_give() {
        // A small pseudo-random corpus: the app's postings (one event's terms) and the
        // build's (every term) choose the same related events.
        let mut seed = 7u32;
        let mut next = move |n: u32| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (seed >> 16) % n
        };
        let events: Vec<Event> = (0..300)
            .map(|_| {
                let mut tags: Vec<u32> = (0..next(4)).map(|_| next(4)).collect();
                tags.dedup();
                e(&tags, &[next(2)])
            })
            .collect();
        let b = bundle(events);
        let all = Postings::all(&b);
        for i in 0..b.events.len() {
            assert_eq!(
                related(&b, i, &Postings::of_event(&b, i, |_| true)),
                related(&b, i, &all),
                "event {i}"
            );
        }
    }

    #[test]
    fn earlier_and_later_skip_what_may_not_be_shown() {
        let b = bundle((0..5).map(|_| e(&[], &[])).collect());
        assert_eq!(earlier_and_later(&b, 0, |_| true), (None, Some(1)));
        assert_eq!(
            earlier_and_later(&b, 2, |i| i != 1 && i != 3),
            (Some(0), Some(4))
        );
        assert_eq!(earlier_and_later(&b, 4, |_| true), (Some(3), None));
    }
}
