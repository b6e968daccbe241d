//! Where each node of a [`Network`] goes: a force-directed layout (Fruchterman–Reingold:
//! every two nodes push apart, an edge pulls its two together, more for more shared
//! events, a weak pull to the middle keeps loose nodes in) from a fixed start, a golden-angle
//! spiral with the most named actor in the middle, then overlapping circles pushed apart.
//! Nothing random and only `+ − × ÷ √`, which IEEE arithmetic rounds the same everywhere:
//! the same network in the same box gives the same picture natively and in WebAssembly.
//! Its cost is the square of the nodes (at most 200) times the rounds.

use super::Network;

/// The box a layout fills, in the units the page draws in (CSS pixels at zoom 1).
#[derive(Clone, Copy, PartialEq)]
pub struct Frame {
    pub width: f64,
    pub height: f64,
}

impl Frame {
    /// The frame for a figure `width` pixels wide: wide and low on a desktop, tall on a
    /// phone. Two shapes only, so that a shared link gives the same picture at any width
    /// of its kind (the page scales it to the figure).
    pub fn for_width(width: f64) -> Frame {
        if width >= 640.0 {
            Frame {
                width: 960.0,
                height: 600.0,
            }
        } else {
            Frame {
                width: 360.0,
                height: 520.0,
            }
        }
    }
}

/// A node's radius for `events` of the network's most `max`: its area grows with them.
pub fn radius(events: u32, max: u32) -> f64 {
    5.0 + 13.0 * (f64::from(events) / f64::from(max.max(1))).sqrt()
}

const ROUNDS: usize = 300;
/// cos and sin of the golden angle (π(3 − √5)), as literals: no trigonometry.
const GOLDEN_COS: f64 = -0.737_368_878_078_319_8;
const GOLDEN_SIN: f64 = 0.675_490_294_261_523_8;
/// Space kept between two circles and between a circle and the frame's edge.
const GAP: f64 = 6.0;
const MARGIN: f64 = 24.0;

/// The centre of each node, in `frame`'s units, in the order of `net.nodes`.
pub fn layout(net: &Network, frame: Frame) -> Vec<(f64, f64)> {
    let mut run = Layout::new(net, frame);
    while !run.rounds(net, ROUNDS) {}
    run.finish()
}

/// A layout under way, run a few rounds at a time ([`Layout::rounds`]) so that the app
/// can give the browser its turn between them; the result is the same however the
/// rounds are sliced.
pub struct Layout {
    frame: Frame,
    pos: Vec<(f64, f64)>,
    disp: Vec<(f64, f64)>,
    radii: Vec<f64>,
    /// Each edge's pull, by its share of the heaviest.
    pull: Vec<f64>,
    k: f64,
    round: usize,
}

impl Layout {
    /// The start: a golden-angle spiral, the most named node in the middle.
    pub fn new(net: &Network, frame: Frame) -> Layout {
        let n = net.nodes.len();
        let (w, h) = (frame.width, frame.height);
        let max = net.nodes.first().map_or(1, |n| n.events);
        let mut pos = Vec::with_capacity(n);
        let (mut c, mut s) = (1.0f64, 0.0f64);
        let spread = 0.45 * w.min(h);
        for i in 0..n {
            // One node alone sits in the middle.
            let r = if n == 1 {
                0.0
            } else {
                spread * ((i as f64 + 0.5) / n as f64).sqrt()
            };
            pos.push((r * c * (w / h).max(1.0), r * s * (h / w).max(1.0)));
            (c, s) = (
                c * GOLDEN_COS - s * GOLDEN_SIN,
                c * GOLDEN_SIN + s * GOLDEN_COS,
            );
        }
        let heaviest = net.edges.first().map_or(1, |e| e.weight);
        Layout {
            frame,
            disp: vec![(0.0, 0.0); n],
            radii: net.nodes.iter().map(|v| radius(v.events, max)).collect(),
            pull: (net.edges.iter())
                .map(|e| 0.15 + 0.85 * (f64::from(e.weight) / f64::from(heaviest)).sqrt())
                .collect(),
            k: (w * h / n.max(1) as f64).sqrt() * 0.7,
            pos,
            round: 0,
        }
    }

    /// How many rounds cost about `work` steps (a pair of nodes or an edge each).
    pub fn rounds_for(net: &Network, work: usize) -> usize {
        let n = net.nodes.len();
        (work / (n * n / 2 + net.edges.len()).max(1)).max(1)
    }

    /// Runs up to `rounds` more rounds of `net` (the network it was started with); true
    /// once every round has run.
    pub fn rounds(&mut self, net: &Network, rounds: usize) -> bool {
        let n = self.pos.len();
        let (w, h) = (self.frame.width, self.frame.height);
        let (half_w, half_h) = (w / 2.0 - MARGIN, h / 2.0 - MARGIN);
        let (k, k2) = (self.k, self.k * self.k);
        let (pos, disp) = (&mut self.pos, &mut self.disp);
        let last = (self.round + rounds).min(ROUNDS);
        for round in self.round..last {
            let heat = w.min(h) / 10.0 * (1.0 - round as f64 / ROUNDS as f64) + 0.5;
            for d in disp.iter_mut() {
                *d = (0.0, 0.0);
            }
            for i in 0..n {
                for j in i + 1..n {
                    let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                    let d2 = (dx * dx + dy * dy).max(0.01);
                    let f = k2 / d2;
                    disp[i].0 += dx * f;
                    disp[i].1 += dy * f;
                    disp[j].0 -= dx * f;
                    disp[j].1 -= dy * f;
                }
            }
            for (e, &p) in net.edges.iter().zip(&self.pull) {
                let (a, b) = (usize::from(e.a), usize::from(e.b));
                let (dx, dy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
                let d = (dx * dx + dy * dy).sqrt();
                let f = d / k * p;
                disp[a].0 -= dx * f;
                disp[a].1 -= dy * f;
                disp[b].0 += dx * f;
                disp[b].1 += dy * f;
            }
            for i in 0..n {
                // The pull to the middle, as if each node were tied to it by a weak edge.
                let (x, y) = pos[i];
                let d = (x * x + y * y).sqrt();
                disp[i].0 -= x * d / k * 0.08;
                disp[i].1 -= y * d / k * 0.08;
                let (dx, dy) = disp[i];
                let len = (dx * dx + dy * dy).sqrt();
                if len > 0.0 {
                    let step = len.min(heat) / len;
                    pos[i].0 = within(x + dx * step, half_w);
                    pos[i].1 = within(y + dy * step, half_h);
                }
            }
        }
        self.round = last;
        last == ROUNDS
    }

    /// The centres, once overlapping circles are pushed apart, in the frame's units.
    pub fn finish(mut self) -> Vec<(f64, f64)> {
        let (w, h) = (self.frame.width, self.frame.height);
        separate(
            &mut self.pos,
            &self.radii,
            w / 2.0 - MARGIN,
            h / 2.0 - MARGIN,
        );
        (self.pos.iter())
            .map(|&(x, y)| (x + w / 2.0, y + h / 2.0))
            .collect()
    }
}

/// `v` within `-half..=half`. Not `f64::clamp`, whose check of its bounds would bring float
/// formatting (a few kilobytes) into the WebAssembly.
fn within(v: f64, half: f64) -> f64 {
    v.max(-half).min(half)
}

/// Pushes overlapping circles apart (each by half the overlap), a few sweeps.
fn separate(pos: &mut [(f64, f64)], radii: &[f64], half_w: f64, half_h: f64) {
    for _ in 0..60 {
        let mut moved = false;
        for i in 0..pos.len() {
            for j in i + 1..pos.len() {
                let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                let d = (dx * dx + dy * dy).sqrt();
                let want = radii[i] + radii[j] + GAP;
                if d >= want {
                    continue;
                }
                moved = true;
                // Coincident centres part along a direction fixed by their numbers.
                let (ux, uy) = if d > 1e-9 {
                    (dx / d, dy / d)
                } else if (i + j) % 2 == 0 {
                    (1.0, 0.0)
                } else {
                    (0.0, 1.0)
                };
                let push = (want - d) / 2.0;
                pos[i].0 = within(pos[i].0 + ux * push, half_w);
                pos[i].1 = within(pos[i].1 + uy * push, half_h);
                pos[j].0 = within(pos[j].0 - ux * push, half_w);
                pos[j].1 = within(pos[j].1 - uy * push, half_h);
            }
        }
        if !moved {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::tests::bundle;

    fn network(groups: usize) -> Network {
        // `groups` cliques of four actors, the first actor of each also in the next.
        let mut events: Vec<Vec<u32>> = Vec::new();
        for g in 0..groups as u32 {
            for _ in 0..=g {
                events.push((g * 4..g * 4 + 4).collect());
            }
            events.push(vec![g * 4, ((g + 1) % groups as u32) * 4]);
        }
        let refs: Vec<&[u32]> = events.iter().map(|e| e.as_slice()).collect();
        let b = bundle(&refs, groups * 4);
        let all: Vec<u32> = (0..events.len() as u32).collect();
        Network::of(&b, &all, 200)
    }

    #[test]
    fn the_same_network_gives_the_same_layout_inside_the_frame() {
        let net = network(8);
        let frame = Frame::for_width(1200.0);
        let a = layout(&net, frame);
        assert_eq!(a, layout(&net, frame));
        assert_eq!(a.len(), 32);
        for &(x, y) in &a {
            assert!((MARGIN..=frame.width - MARGIN).contains(&x), "{x}");
            assert!((MARGIN..=frame.height - MARGIN).contains(&y), "{y}");
        }
    }

    #[test]
    fn circles_do_not_overlap_and_a_clique_stays_together() {
        let net = network(6);
        let frame = Frame::for_width(1200.0);
        let pos = layout(&net, frame);
        let max = net.nodes[0].events;
        let r: Vec<f64> = net.nodes.iter().map(|v| radius(v.events, max)).collect();
        let dist = |i: usize, j: usize| {
            ((pos[i].0 - pos[j].0).powi(2) + (pos[i].1 - pos[j].1).powi(2)).sqrt()
        };
        for i in 0..pos.len() {
            for j in i + 1..pos.len() {
                assert!(dist(i, j) >= r[i] + r[j], "{i} and {j} overlap");
            }
        }
        // The nodes of the heaviest clique (actors 20..24) are nearer each other, on
        // average, than to the nodes of the others.
        let of = |t: u32| net.node_of(t).unwrap();
        let clique: Vec<usize> = (20..24).map(of).collect();
        let others: Vec<usize> = (0..20).map(of).collect();
        let mean = |pairs: Vec<(usize, usize)>| {
            pairs.iter().map(|&(i, j)| dist(i, j)).sum::<f64>() / pairs.len() as f64
        };
        let within = mean(
            (clique.iter())
                .flat_map(|&i| clique.iter().filter(move |&&j| j > i).map(move |&j| (i, j)))
                .collect(),
        );
        let across = mean(
            (clique.iter())
                .flat_map(|&i| others.iter().map(move |&j| (i, j)))
                .collect(),
        );
        assert!(within * 2.0 < across, "within {within}, across {across}");
    }

    #[test]
    fn slicing_the_rounds_changes_nothing() {
        let net = network(7);
        let frame = Frame::for_width(400.0);
        let mut run = Layout::new(&net, frame);
        let mut slices = 0;
        while !run.rounds(&net, 7) {
            slices += 1;
        }
        assert_eq!(slices, ROUNDS / 7);
        assert_eq!(run.finish(), layout(&net, frame));
        assert_eq!(
            Layout::rounds_for(&net, 1_000_000),
            1_000_000 / (28 * 28 / 2 + net.edges.len())
        );
    }

    #[test]
    fn no_nodes_and_one_node() {
        let frame = Frame::for_width(300.0);
        assert!(layout(&Network::default(), frame).is_empty());
        let b = bundle(&[&[0]], 1);
        let one = layout(&Network::of(&b, &[0], 10), frame);
        assert_eq!(one, [(frame.width / 2.0, frame.height / 2.0)]);
    }
}
