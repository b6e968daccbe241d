//! Times the actor network of a built site's whole corpus (counting, layout, names) and
//! writes the figure as an SVG file to look at:
//!   cargo run --profile native -p timeline-bundle --example network -- SITE_DIR [TOP] [OUT.svg]
//! `scripts/bench-viewer` reports its figures.

use std::time::Instant;
use timeline_bundle::html::network::{figure_svg, Links, Page, Screen};
use timeline_bundle::network::layout::{layout, radius, Frame};
use timeline_bundle::network::view::NetworkView;
use timeline_bundle::network::Network;
use timeline_bundle::Filter;

fn main() {
    let mut args = std::env::args().skip(1);
    let site = args
        .next()
        .expect("usage: network SITE_DIR [TOP] [OUT.svg]");
    let top: usize = args
        .next()
        .map_or(50, |n| n.parse().expect("TOP is a number"));
    let out = args.next();
    let dir = std::path::Path::new(&site).join("bundle");
    let core = std::fs::read_dir(&dir)
        .expect("SITE_DIR/bundle")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("core."))
        })
        .expect("a core part");
    let bundle = timeline_bundle::decode_core(&std::fs::read(core).unwrap()).unwrap();
    let events: Vec<u32> = (0..bundle.events.len() as u32).collect();
    let runs = 5;
    let (mut count, mut lay, mut draw) = (0.0, 0.0, 0.0);
    let mut svg = String::new();
    for _ in 0..runs {
        let t = Instant::now();
        let net = Network::of(&bundle, &events, top);
        let t1 = Instant::now();
        let frame = Frame::for_width(1200.0);
        let at = layout(&net, frame);
        let t2 = Instant::now();
        let max = net.nodes.first().map_or(1, |n| n.events);
        let radii: Vec<f64> = net.nodes.iter().map(|n| radius(n.events, max)).collect();
        let view = NetworkView::default();
        let page = Page {
            bundle: &bundle,
            net: &net,
            events: &events,
            filter: &Filter::default(),
            view: &view,
            links: Links {
                timeline: &|_| (String::from("#"), None),
                view: &|_| String::from("#"),
                event: &|_| String::from("#"),
            },
        };
        svg = figure_svg(
            &page,
            &Screen {
                width: frame.width,
                height: frame.height,
                at: &at,
                radii: &radii,
            },
        );
        let t3 = Instant::now();
        count += (t1 - t).as_secs_f64();
        lay += (t2 - t1).as_secs_f64();
        draw += (t3 - t2).as_secs_f64();
        if out.is_none() && count + lay + draw > 10.0 {
            break;
        }
    }
    let ms = |s: f64| s * 1000.0 / runs as f64;
    let net = Network::of(&bundle, &events, top);
    println!(
        "{} events, top {top}: {} nodes, {} edges; count {:.2} ms, layout {:.2} ms, figure {:.2} ms (native, mean of {runs})",
        bundle.events.len(),
        net.nodes.len(),
        net.edges.len(),
        ms(count),
        ms(lay),
        ms(draw)
    );
    if let Some(out) = out {
        let page = format!(
            "<!doctype html><meta charset=utf-8><style>body{{margin:0;font:12px system-ui,sans-serif}}line{{stroke:#8a94a6;stroke-opacity:.35}}circle{{fill:#3b6fd8;stroke:#fff}}text{{fill:#222;dominant-baseline:central}}</style>{svg}"
        );
        std::fs::write(out, page).unwrap();
    }
}
