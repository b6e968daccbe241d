//! The actor network of a set of events (`/graph`): the actors most of them name as nodes,
//! and for each two of those the events they share as a weighted edge. Counted here, laid
//! out by [`layout`] (the same events give the same picture) and its labels placed by
//! [`labels`] so that none collide; the page's own state in the URL is [`view`].

pub mod labels;
pub mod layout;
pub mod view;

use crate::model::Bundle;
use crate::order::sort;

/// The most actors a network shows: its layout costs the square of the nodes.
pub const MAX_NODES: usize = 200;

/// The actors most of a set of events name, and what they share.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Network {
    /// Most events first (ties by key).
    pub nodes: Vec<Node>,
    /// Each pair of nodes that shares an event, heaviest first (ties by the nodes' order).
    pub edges: Vec<Edge>,
    /// Actors the events name beyond the nodes.
    pub hidden: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Node {
    /// Its number in [`Bundle::actors`].
    pub term: u32,
    /// How many of the events name it.
    pub events: u32,
}

/// Two nodes (by their place in [`Network::nodes`], `a < b`) and the events they share.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edge {
    pub a: u16,
    pub b: u16,
    pub weight: u32,
}

impl Network {
    /// The network of `events` (numbers into `bundle.events`) over its `n` most named
    /// actors (at most [`MAX_NODES`]).
    pub fn of(bundle: &Bundle, events: &[u32], n: usize) -> Network {
        let mut counts = vec![0u32; bundle.actors.len()];
        for &e in events {
            for &a in &bundle.events[e as usize].actors {
                counts[a as usize] += 1;
            }
        }
        let mut named: Vec<u32> = (0..counts.len() as u32)
            .filter(|&t| counts[t as usize] > 0)
            .collect();
        sort(&mut named, &|&a, &b| {
            (counts[b as usize].cmp(&counts[a as usize])).then_with(|| {
                bundle.actors[a as usize]
                    .key
                    .cmp(&bundle.actors[b as usize].key)
            })
        });
        let hidden = named.len().saturating_sub(n.min(MAX_NODES));
        named.truncate(n.min(MAX_NODES));
        let mut node_of = vec![u16::MAX; bundle.actors.len()];
        for (i, &t) in named.iter().enumerate() {
            node_of[t as usize] = i as u16;
        }
        // Pairs counted in a triangle of the dense matrix: at most 200 × 200 cells.
        let k = named.len();
        let mut shared = vec![0u32; k * k];
        let mut here: Vec<u16> = Vec::new();
        for &e in events {
            here.clear();
            // An event names a few actors: a scan keeps each once (no sort to carry).
            for &a in &bundle.events[e as usize].actors {
                let i = node_of[a as usize];
                if i != u16::MAX && !here.contains(&i) {
                    here.push(i);
                }
            }
            for (x, &a) in here.iter().enumerate() {
                for &b in &here[x + 1..] {
                    let (lo, hi) = (a.min(b), a.max(b));
                    shared[usize::from(lo) * k + usize::from(hi)] += 1;
                }
            }
        }
        let mut edges = Vec::new();
        for a in 0..k {
            for b in a + 1..k {
                let weight = shared[a * k + b];
                if weight > 0 {
                    edges.push(Edge {
                        a: a as u16,
                        b: b as u16,
                        weight,
                    });
                }
            }
        }
        // Heaviest first; for equal weights the (a, b) order they were made in stays.
        let mut order: Vec<u32> = (0..edges.len() as u32).collect();
        sort(&mut order, &|&x, &y| {
            (edges[y as usize].weight.cmp(&edges[x as usize].weight)).then(x.cmp(&y))
        });
        let edges = order.iter().map(|&i| edges[i as usize]).collect();
        Network {
            nodes: named
                .iter()
                .map(|&term| Node {
                    term,
                    events: counts[term as usize],
                })
                .collect(),
            edges,
            hidden,
        }
    }

    /// The node of actor `term`, if it is one.
    pub fn node_of(&self, term: u32) -> Option<usize> {
        self.nodes.iter().position(|n| n.term == term)
    }

    /// The neighbours of node `i` with their shared events, heaviest first.
    pub fn neighbours(&self, i: usize) -> Vec<(usize, u32)> {
        // Edges are heaviest first already.
        (self.edges.iter())
            .filter_map(|e| {
                let (a, b) = (usize::from(e.a), usize::from(e.b));
                (a == i)
                    .then_some(b)
                    .or((b == i).then_some(a))
                    .map(|other| (other, e.weight))
            })
            .collect()
    }
}

/// The events of `events` that name every actor of `terms` (numbers into
/// [`Bundle::actors`]), in the order given.
pub fn shared_by(bundle: &Bundle, events: &[u32], terms: &[u32]) -> Vec<u32> {
    (events.iter().copied())
        .filter(|&e| {
            let actors = &bundle.events[e as usize].actors;
            terms.iter().all(|t| actors.contains(t))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, Term};

    /// A bundle whose events name the given actors (by number), with actors `a0`, `a1`, ….
    pub(crate) fn bundle(events: &[&[u32]], actors: usize) -> Bundle {
        Bundle {
            actors: (0..actors)
                .map(|i| Term {
                    key: format!("a{i}"),
                    label: format!("Actor {i}"),
                    count: 0,
                })
                .collect(),
            events: events
                .iter()
                .enumerate()
                .map(|(i, a)| Event {
                    id: format!("e{i}"),
                    actors: a.to_vec(),
                    ..Event::default()
                })
                .collect(),
            ..Bundle::default()
        }
    }

    #[test]
    fn nodes_are_the_most_named_actors_and_edges_count_shared_events() {
        let b = bundle(&[&[0, 1], &[0, 1, 2], &[2, 3], &[1], &[0, 1]], 4);
        let all: Vec<u32> = (0..5).collect();
        let net = Network::of(&b, &all, 3);
        let terms: Vec<u32> = net.nodes.iter().map(|n| n.term).collect();
        // a1: 4 events, a0: 3, a2: 2, a3: 1 (left out).
        assert_eq!(terms, [1, 0, 2]);
        assert_eq!(net.hidden, 1);
        assert_eq!(
            net.edges,
            [
                Edge {
                    a: 0,
                    b: 1,
                    weight: 3
                },
                Edge {
                    a: 0,
                    b: 2,
                    weight: 1
                },
                Edge {
                    a: 1,
                    b: 2,
                    weight: 1
                },
            ]
        );
        assert_eq!(net.neighbours(2), [(0, 1), (1, 1)]);
        assert_eq!(shared_by(&b, &all, &[0, 1]), [0, 1, 4]);
        assert_eq!(shared_by(&b, &all, &[0, 1, 2]), [1]);
    }

    #[test]
    fn only_the_events_given_count_and_ties_go_by_key() {
        let b = bundle(&[&[0, 1], &[2, 3], &[3, 2]], 4);
        let net = Network::of(&b, &[1, 2], 10);
        let terms: Vec<u32> = net.nodes.iter().map(|n| n.term).collect();
        assert_eq!(terms, [2, 3]);
        assert_eq!(
            net.edges,
            [Edge {
                a: 0,
                b: 1,
                weight: 2
            }]
        );
        assert_eq!(Network::of(&b, &[], 10), Network::default());
    }

    #[test]
    fn an_actor_named_twice_by_one_event_shares_nothing_with_itself() {
        let b = bundle(&[&[0, 0, 1]], 2);
        let net = Network::of(&b, &[0], 10);
        assert_eq!(
            net.edges,
            [Edge {
                a: 0,
                b: 1,
                weight: 1
            }]
        );
    }
}
