//! The events an event's page links to: those related to it by shared actors and tags,
//! and the ones just earlier and later. The build's static pages and the app's choose them
//! here, so that both link to the same events.

use crate::model::Bundle;

/// Up to `n` events sharing the most actors (weighted double) and tags with event
/// `index`, at least two points' worth, among those `may_show` allows; ties go to the later.
pub fn related(
    bundle: &Bundle,
    index: usize,
    n: usize,
    may_show: impl Fn(usize) -> bool,
) -> Vec<usize> {
    let e = &bundle.events[index];
    let mut scored: Vec<(u32, usize)> = bundle
        .events
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != index && may_show(*i))
        .filter_map(|(i, o)| {
            let actors = o.actors.iter().filter(|a| e.actors.contains(a)).count() as u32;
            let tags = o.tags.iter().filter(|t| e.tags.contains(t)).count() as u32;
            let score = actors * 2 + tags;
            (score >= 2).then_some((score, i))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
    scored.into_iter().take(n).map(|(_, i)| i).collect()
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

/// How many related events a page lists.
pub const RELATED: usize = 5;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Event;

    fn bundle() -> Bundle {
        let e = |tags: &[u32], actors: &[u32]| Event {
            tags: tags.to_vec(),
            actors: actors.to_vec(),
            ..Event::default()
        };
        Bundle {
            events: vec![
                e(&[0, 1], &[0]),
                e(&[0], &[]),
                e(&[0, 1], &[]),
                e(&[], &[0]),
                e(&[2], &[1]),
            ],
            ..Bundle::default()
        }
    }

    #[test]
    fn related_events_share_the_most_actors_and_tags() {
        let b = bundle();
        // Event 2 shares two tags (2 points), event 3 the actor (2 points): the later first;
        // event 1 shares one tag only.
        assert_eq!(related(&b, 0, 5, |_| true), [3, 2]);
        assert_eq!(related(&b, 0, 1, |_| true), [3]);
        assert_eq!(related(&b, 0, 5, |i| i != 3), [2]);
        assert!(related(&b, 4, 5, |_| true).is_empty());
    }

    #[test]
    fn earlier_and_later_skip_what_may_not_be_shown() {
        let b = bundle();
        assert_eq!(earlier_and_later(&b, 0, |_| true), (None, Some(1)));
        assert_eq!(
            earlier_and_later(&b, 2, |i| i != 1 && i != 3),
            (Some(0), Some(4))
        );
        assert_eq!(earlier_and_later(&b, 4, |_| true), (Some(3), None));
    }
}
