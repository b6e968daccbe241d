//! The actor network page's markup (`/graph`), app only: the figure (an SVG of the nodes
//! and edges, each node a link that chooses its actor), the panel about the chosen actors
//! (their neighbours and shared events, or what several share), and the pairs' table, the
//! figure's accessible equivalent. Coordinates arrive on screen already (the page zooms and
//! pans by drawing again), written as whole pixels.

use super::{count_of, push_count, push_escaped, push_int, push_link_open};
use crate::facet::Facet;
use crate::filter::Filter;
use crate::model::Bundle;
use crate::network::labels::{self, Label};
use crate::network::view::{NetworkView, PairsOrder};
use crate::network::{shared_by, Network};
use crate::order::sort;

/// The most edges drawn (the heaviest); the table lists the rest.
pub const MAX_EDGES: usize = 1500;
/// The most rows of the pairs' table.
pub const MAX_PAIRS: usize = 500;
/// Shared events listed under each neighbour, and under several chosen actors.
const EVENTS_PER_NEIGHBOUR: usize = 3;
const EVENTS_SHARED: usize = 20;

/// The links the page's markup writes.
pub struct Links<'a> {
    /// The timeline narrowed to a filter, and the link's `target` when it leaves the frame.
    pub timeline: super::stats::Narrowing<'a>,
    /// This page in another view state (the filter kept).
    pub view: &'a dyn Fn(&NetworkView) -> String,
    /// An event's page, by id.
    pub event: &'a dyn Fn(&str) -> String,
}

/// What the page shows: the network of the filtered events and the view state.
pub struct Page<'a> {
    pub bundle: &'a Bundle,
    pub net: &'a Network,
    /// The filtered events, in the timeline's order.
    pub events: &'a [u32],
    pub filter: &'a Filter,
    pub view: &'a NetworkView,
    pub links: Links<'a>,
}

impl Page<'_> {
    fn label(&self, node: usize) -> &str {
        &self.bundle.actors[self.net.nodes[node].term as usize].label
    }

    fn key(&self, node: usize) -> &str {
        &self.bundle.actors[self.net.nodes[node].term as usize].key
    }

    /// The chosen actors that are actors of the bundle (term numbers), in the order chosen.
    pub fn picked_terms(&self) -> Vec<u32> {
        (self.view.picks.iter())
            .filter_map(|k| self.bundle.actors.iter().position(|t| t.key == *k))
            .map(|t| t as u32)
            .collect()
    }

    /// The chosen actors that are nodes.
    pub fn picked_nodes(&self) -> Vec<usize> {
        (self.picked_terms().into_iter())
            .filter_map(|t| self.net.node_of(t))
            .collect()
    }

    /// The timeline of the events naming every actor of `terms`.
    fn push_timeline_link(&self, h: &mut String, terms: &[u32], class: &str) {
        let mut f = self.filter.clone();
        for &t in terms {
            f.choose(Facet::Actor, &self.bundle.actors[t as usize].key);
        }
        f.facets[Facet::Actor].all = terms.len() > 1;
        let (href, target) = (self.links.timeline)(&f);
        let mut extra = String::new();
        if !class.is_empty() {
            extra.push_str(" class=\"");
            extra.push_str(class);
            extra.push('"');
        }
        push_link_open(h, &href, target, &extra);
    }

    fn push_view_link(&self, h: &mut String, view: &NetworkView, extra: &str) {
        push_link_open(h, &(self.links.view)(view), None, extra);
    }

    fn push_event_item(&self, h: &mut String, e: u32) {
        let ev = &self.bundle.events[e as usize];
        h.push_str("<li>");
        push_link_open(h, &(self.links.event)(&ev.id), None, "");
        push_escaped(h, &ev.title);
        h.push_str("</a> <span class=\"muted\">");
        push_escaped(h, &ev.date.human());
        h.push_str("</span></li>");
    }
}

/// Where the figure's nodes are on screen and how large.
pub struct Screen<'a> {
    pub width: f64,
    pub height: f64,
    /// Each node's centre, in the network's order.
    pub at: &'a [(f64, f64)],
    pub radii: &'a [f64],
}

fn push_px(h: &mut String, v: f64) {
    let v = v.round();
    if v < 0.0 {
        h.push('-');
    }
    push_int(h, v.abs() as u64);
}

/// The figure: edges, then nodes (the chosen first in the tab order, then by events),
/// each a link; names placed so that none collide ([`labels::place`]).
pub fn figure_svg(page: &Page, screen: &Screen) -> String {
    let net = page.net;
    let picked = page.picked_nodes();
    let mut near = vec![false; net.nodes.len()];
    for &p in &picked {
        near[p] = true;
        for (other, _) in net.neighbours(p) {
            near[other] = true;
        }
    }
    let mut h = String::with_capacity(64 * (net.nodes.len() + net.edges.len()) + 256);
    h.push_str("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"");
    push_px(&mut h, screen.width);
    h.push_str("\" height=\"");
    push_px(&mut h, screen.height);
    h.push_str("\" viewBox=\"0 0 ");
    push_px(&mut h, screen.width);
    h.push(' ');
    push_px(&mut h, screen.height);
    h.push_str("\" class=\"network");
    if !picked.is_empty() {
        h.push_str(" has-pick");
    }
    h.push_str("\" role=\"group\" aria-label=\"Actor network: ");
    push_count(&mut h, net.nodes.len());
    h.push_str(" actors, ");
    push_count(&mut h, net.edges.len());
    h.push_str(" pairs that share events\"><g class=\"edges\" aria-hidden=\"true\">");
    let heaviest = net.edges.first().map_or(1, |e| e.weight);
    // Lighter edges first, so that heavy ones are drawn on top.
    for e in net.edges.iter().take(MAX_EDGES).rev() {
        let (a, b) = (usize::from(e.a), usize::from(e.b));
        let hot = picked.contains(&a) || picked.contains(&b);
        h.push_str("<line");
        if hot {
            h.push_str(" class=\"hot\"");
        }
        h.push_str(" x1=\"");
        push_px(&mut h, screen.at[a].0);
        h.push_str("\" y1=\"");
        push_px(&mut h, screen.at[a].1);
        h.push_str("\" x2=\"");
        push_px(&mut h, screen.at[b].0);
        h.push_str("\" y2=\"");
        push_px(&mut h, screen.at[b].1);
        // Width 1 to 6 px, by the square root of the share of the heaviest.
        h.push_str("\" stroke-width=\"");
        let tenths = 10 + (50.0 * (f64::from(e.weight) / f64::from(heaviest)).sqrt()) as u64;
        push_int(&mut h, tenths / 10);
        h.push('.');
        push_int(&mut h, tenths % 10);
        h.push_str("\"/>");
    }
    h.push_str("</g><g class=\"nodes\">");
    // Chosen nodes first, then by events: the order of both the names' claims and Tab.
    let mut order: Vec<usize> = picked.clone();
    order.extend((0..net.nodes.len()).filter(|i| !picked.contains(i)));
    let texts: Vec<_> = order
        .iter()
        .map(|&i| labels::shown(page.label(i)))
        .collect();
    let wanted: Vec<Label> = (order.iter().zip(&texts))
        .map(|(&i, text)| Label {
            x: screen.at[i].0,
            y: screen.at[i].1,
            r: screen.radii[i],
            text,
            chosen: picked.contains(&i),
        })
        .collect();
    let spots = labels::place(&wanted, screen.width, screen.height);
    let mut on_top = String::new();
    for ((&i, text), spot) in order.iter().zip(&texts).zip(&spots) {
        let node = net.nodes[i];
        let key = page.key(i);
        h.push_str("<a class=\"node");
        h.push_str(if picked.contains(&i) {
            " pick"
        } else if picked.is_empty() || near[i] {
            ""
        } else {
            " far"
        });
        h.push_str("\" href=\"");
        let clicked = if picked == [i] {
            page.view.without_picks()
        } else {
            page.view.only(key)
        };
        push_escaped(&mut h, &(page.links.view)(&clicked));
        h.push_str("\" data-add=\"");
        push_escaped(&mut h, &(page.links.view)(&page.view.toggled(key)));
        h.push_str("\" data-key=\"");
        push_escaped(&mut h, key);
        h.push_str("\" aria-label=\"");
        push_escaped(&mut h, page.label(i));
        h.push_str(": ");
        h.push_str(&count_of(node.events as usize, "event", "events"));
        if picked.contains(&i) {
            h.push_str(", chosen");
        }
        h.push_str("\"><circle cx=\"");
        push_px(&mut h, screen.at[i].0);
        h.push_str("\" cy=\"");
        push_px(&mut h, screen.at[i].1);
        h.push_str("\" r=\"");
        push_px(&mut h, screen.radii[i]);
        h.push_str("\"><title>");
        push_escaped(&mut h, page.label(i));
        h.push_str(" · ");
        push_count(&mut h, node.events as usize);
        h.push_str("</title></circle>");
        if let Some(r) = spot {
            // A chosen node's name may cross other circles: it is drawn last, on top.
            let out = if picked.contains(&i) {
                &mut on_top
            } else {
                &mut h
            };
            out.push_str("<text x=\"");
            push_px(out, r.x + 2.0);
            out.push_str("\" y=\"");
            push_px(out, r.y + r.h / 2.0);
            out.push_str("\" data-for=\"");
            push_escaped(out, key);
            out.push_str("\" aria-hidden=\"true\">");
            push_escaped(out, text);
            out.push_str("</text>");
        }
        h.push_str("</a>");
    }
    h.push_str("</g><g class=\"on-top\">");
    h.push_str(&on_top);
    h.push_str("</g></svg>");
    h
}

/// The panel beside the figure: how to use it, or the chosen actor's neighbours with the
/// events they share, or what several chosen actors all share.
pub fn panel_inner(page: &Page) -> String {
    let mut h = String::with_capacity(4096);
    let terms = page.picked_terms();
    match terms.as_slice() {
        [] => {
            h.push_str("<p class=\"muted\">Choose an actor (click it, or Tab to it and press Enter) to see whom they share events with. Shift-click, or <em>Investigate together</em>, chooses several and shows the events they all share.</p>");
        }
        &[term] => push_one(&mut h, page, term),
        _ => push_several(&mut h, page, &terms),
    }
    let unknown = page.view.picks.len() - terms.len();
    if unknown > 0 {
        h.push_str("<p class=\"muted\">");
        push_count(&mut h, unknown);
        h.push_str(if unknown == 1 {
            " chosen actor is not in this timeline.</p>"
        } else {
            " chosen actors are not in this timeline.</p>"
        });
    }
    h
}

fn push_clear(h: &mut String, page: &Page) {
    page.push_view_link(h, &page.view.without_picks(), " class=\"button small\"");
    h.push_str("Clear</a>");
}

fn push_one(h: &mut String, page: &Page, term: u32) {
    let actor = &page.bundle.actors[term as usize];
    let own: Vec<u32> = shared_by(page.bundle, page.events, &[term]);
    h.push_str("<div class=\"pick-head\"><h2>");
    push_escaped(h, &actor.label);
    h.push_str("</h2>");
    push_clear(h, page);
    h.push_str("</div><p>");
    page.push_timeline_link(h, &[term], "");
    h.push_str(&count_of(own.len(), "event", "events"));
    h.push_str("</a>");
    let Some(node) = page.net.node_of(term) else {
        h.push_str(
            ". Not among the actors shown: show more to see whom they share events with.</p>",
        );
        return;
    };
    let neighbours = page.net.neighbours(node);
    if neighbours.is_empty() {
        h.push_str(", none shared with the other actors shown.</p>");
        return;
    }
    h.push_str(", shared with ");
    push_count(h, neighbours.len());
    h.push_str(if neighbours.len() == 1 {
        " actor shown:</p>"
    } else {
        " actors shown:</p>"
    });
    // Each neighbour's first shared events, in the timeline's order, from one pass; an
    // actor's neighbour slot by its term number.
    let mut slot = vec![usize::MAX; page.bundle.actors.len()];
    for (n, &(other, _)) in neighbours.iter().enumerate() {
        slot[page.net.nodes[other].term as usize] = n;
    }
    let mut firsts: Vec<Vec<u32>> = vec![Vec::new(); neighbours.len()];
    for &e in &own {
        for &a in &page.bundle.events[e as usize].actors {
            let n = slot[a as usize];
            if n != usize::MAX && firsts[n].len() < EVENTS_PER_NEIGHBOUR && !firsts[n].contains(&e)
            {
                firsts[n].push(e);
            }
        }
    }
    h.push_str("<ol class=\"neighbours\">");
    for (&(other, weight), events) in neighbours.iter().zip(&firsts) {
        let other_term = page.net.nodes[other].term;
        h.push_str("<li><div class=\"neighbour\">");
        page.push_view_link(h, &page.view.only(page.key(other)), " class=\"name\"");
        push_escaped(h, page.label(other));
        h.push_str("</a> ");
        page.push_timeline_link(h, &[term, other_term], "count");
        push_count(h, weight as usize);
        h.push_str(" shared</a> ");
        page.push_view_link(h, &page.view.toggled(page.key(other)), " class=\"add\"");
        h.push_str("Investigate together</a></div><ul class=\"shared\">");
        for &e in events {
            page.push_event_item(h, e);
        }
        h.push_str("</ul></li>");
    }
    h.push_str("</ol>");
}

fn push_several(h: &mut String, page: &Page, terms: &[u32]) {
    h.push_str("<div class=\"pick-head\"><h2>Investigating</h2>");
    push_clear(h, page);
    h.push_str("</div><ul class=\"picks\">");
    for &t in terms {
        let actor = &page.bundle.actors[t as usize];
        h.push_str("<li>");
        push_escaped(h, &actor.label);
        h.push(' ');
        page.push_view_link(
            h,
            &page.view.toggled(&actor.key),
            " class=\"remove\" aria-label=\"Remove from the investigation\"",
        );
        h.push_str("×</a></li>");
    }
    h.push_str("</ul>");
    let all = shared_by(page.bundle, page.events, terms);
    h.push_str("<p>");
    if all.is_empty() {
        h.push_str("No event names them all.</p>");
        return;
    }
    page.push_timeline_link(h, terms, "button open-shared");
    h.push_str("Open the ");
    push_count(h, all.len());
    h.push_str(if all.len() == 1 {
        " event that names them all"
    } else {
        " events that name them all"
    });
    h.push_str("</a></p><ul class=\"shared\">");
    for &e in all.iter().take(EVENTS_SHARED) {
        page.push_event_item(h, e);
    }
    h.push_str("</ul>");
}

/// The table of the pairs of actors shown that share events: the figure as text, sortable
/// by shared events or by name (links that change `pairs`).
pub fn pairs_inner(page: &Page) -> String {
    let net = page.net;
    let mut h = String::with_capacity(128 * net.edges.len().min(MAX_PAIRS) + 512);
    let by_name = page.view.pairs == PairsOrder::Name;
    // An edge's two nodes, the one whose name comes first first when sorted by name.
    let ends = |x: u32| {
        let e = net.edges[x as usize];
        let (a, b) = (usize::from(e.a), usize::from(e.b));
        if by_name && page.label(b) < page.label(a) {
            (b, a)
        } else {
            (a, b)
        }
    };
    let mut order: Vec<u32> = (0..net.edges.len() as u32).collect();
    if by_name {
        let names = |x: u32| {
            let (a, b) = ends(x);
            (page.label(a), page.label(b))
        };
        sort(&mut order, &|&x, &y| {
            names(x).cmp(&names(y)).then(x.cmp(&y))
        });
    }
    h.push_str("<table class=\"pairs\"><caption>");
    if net.edges.len() > MAX_PAIRS {
        h.push_str("The ");
        push_count(&mut h, MAX_PAIRS);
        h.push_str(" of ");
    }
    push_count(&mut h, net.edges.len());
    h.push_str(" pairs of the actors shown share events.</caption><thead><tr>");
    for (label, order, sorted) in [
        ("Actors", PairsOrder::Name, by_name),
        ("Shared events", PairsOrder::Shared, !by_name),
    ] {
        h.push_str("<th scope=\"col\"");
        if sorted {
            h.push_str(if by_name {
                " aria-sort=\"ascending\""
            } else {
                " aria-sort=\"descending\""
            });
        }
        h.push('>');
        let view = NetworkView {
            pairs: order,
            ..page.view.clone()
        };
        page.push_view_link(&mut h, &view, "");
        h.push_str(label);
        if sorted {
            h.push_str(if by_name { " ▲" } else { " ▼" });
        }
        h.push_str("</a></th>");
    }
    h.push_str("</tr></thead><tbody>");
    for &x in order.iter().take(MAX_PAIRS) {
        let e = net.edges[x as usize];
        let (a, b) = ends(x);
        h.push_str("<tr><td>");
        for (n, i) in [a, b].into_iter().enumerate() {
            if n == 1 {
                h.push_str(" &amp; ");
            }
            page.push_view_link(&mut h, &page.view.only(page.key(i)), "");
            push_escaped(&mut h, page.label(i));
            h.push_str("</a>");
        }
        h.push_str("</td><td>");
        let terms = [net.nodes[a].term, net.nodes[b].term];
        page.push_timeline_link(&mut h, &terms, "");
        push_count(&mut h, e.weight as usize);
        h.push_str("</a> ");
        let view = NetworkView {
            picks: vec![page.key(a).to_string(), page.key(b).to_string()],
            ..page.view.clone()
        };
        page.push_view_link(&mut h, &view, " class=\"add\"");
        h.push_str("Investigate</a></td></tr>");
    }
    h.push_str("</tbody></table>");
    h
}
