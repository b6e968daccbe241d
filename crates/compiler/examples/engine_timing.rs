//! Times the query engine natively on a corpus:
//! `cargo run --release --example engine_timing -p timeline-compiler -- DIR`
use std::time::Instant;
use timeline_bundle::{evaluate, Filter, Resolved};

fn main() {
    let dir = std::env::args().nth(1).expect("a corpus folder");
    let checked = timeline_compiler::check(std::path::Path::new(&dir)).expect("readable");
    let compiled = timeline_compiler::compile(&checked);
    let (bundle, index) = (compiled.bundle, compiled.search);
    for query in [
        "",
        "min=8",
        "tag=crypto&from=2020",
        "q=trump",
        "q=t",
        "q=trump+tower",
    ] {
        let (filter, _) = Filter::parse(query);
        let started = Instant::now();
        let runs = 50;
        let mut n = 0;
        for _ in 0..runs {
            let hits = index.search(&filter.q, bundle.events.len());
            let (resolved, _) = Resolved::new(&filter, &bundle);
            n = evaluate(&bundle, &resolved, Some(&hits), filter.effective_sort())
                .events
                .len();
        }
        println!(
            "{query:>24}: {n:>6} events, {:.3} ms per search + evaluate",
            started.elapsed().as_secs_f64() * 1000.0 / runs as f64
        );
    }
}
