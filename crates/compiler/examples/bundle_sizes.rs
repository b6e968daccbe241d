//! Where the bundle's bytes go: `cargo run --release --example bundle_sizes -p timeline-compiler -- DIR`
//! prints raw and gzip sizes of its parts.
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let checked = timeline_compiler::check(std::path::Path::new(&dir)).unwrap();
    let b = timeline_compiler::bundle(&checked);
    let size = |v: &[u8]| {
        use std::io::Write;
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(v).unwrap();
        (v.len(), e.finish().unwrap().len())
    };
    println!(
        "events  {:?}",
        size(&postcard::to_allocvec(&b.events).unwrap())
    );
    println!(
        "search  {:?}",
        size(&postcard::to_allocvec(&b.search).unwrap())
    );
    println!(
        "terms   {:?}",
        size(&postcard::to_allocvec(&b.search.terms).unwrap())
    );
    let bodies: Vec<&str> = b.events.iter().map(|e| e.body_html.as_str()).collect();
    println!(
        "bodies  {:?}",
        size(&postcard::to_allocvec(&bodies).unwrap())
    );
    let summ: Vec<&str> = b.events.iter().map(|e| e.summary_html.as_str()).collect();
    println!(
        "summaries {:?}",
        size(&postcard::to_allocvec(&summ).unwrap())
    );
    let extra: Vec<_> = b.events.iter().map(|e| &e.extra).collect();
    println!(
        "extra   {:?}",
        size(&postcard::to_allocvec(&extra).unwrap())
    );
    let src: Vec<_> = b.events.iter().map(|e| &e.sources).collect();
    println!("sources {:?}", size(&postcard::to_allocvec(&src).unwrap()));
    println!(
        "postings {}",
        b.search
            .postings
            .iter()
            .map(|p| p.gaps.len())
            .sum::<usize>()
    );
}
