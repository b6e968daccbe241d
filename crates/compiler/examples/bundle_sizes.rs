//! Where the bundle's bytes go: `cargo run --release --example bundle_sizes -p timeline-compiler -- DIR`
//! prints the raw and gzip sizes of its parts: the core and what it holds, the search
//! shards and the details chunks (how many, in all, the largest).
use std::io::Write;

fn gzip(v: &[u8]) -> usize {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(v).unwrap();
    e.finish().unwrap().len()
}

fn line(what: &str, parts: &[&[u8]]) {
    let raw: usize = parts.iter().map(|p| p.len()).sum();
    let gz: Vec<usize> = parts.iter().map(|p| gzip(p)).collect();
    println!(
        "{what:8} {:>6} parts {raw:>11} raw {:>10} gzip, largest {:>8} gzip",
        parts.len(),
        gz.iter().sum::<usize>(),
        gz.iter().max().unwrap_or(&0)
    );
}

fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let checked = timeline_compiler::check(std::path::Path::new(&dir)).unwrap();
    let mut compiled = timeline_compiler::compile(&checked);
    let parts = timeline_compiler::parts::encode(&mut compiled, Default::default());
    line("core", &[&parts.core.bytes]);
    let events = postcard::to_allocvec(&compiled.bundle.events).unwrap();
    line("  events", &[&events]);
    let lists = postcard::to_allocvec(&(&compiled.bundle.shards, &compiled.bundle.chunks)).unwrap();
    line("  lists", &[&lists]);
    let shards: Vec<&[u8]> = parts.shards.iter().map(|p| p.bytes.as_slice()).collect();
    line("search", &shards);
    let chunks: Vec<&[u8]> = parts.chunks.iter().map(|p| p.bytes.as_slice()).collect();
    line("details", &chunks);
}
