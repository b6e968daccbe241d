//! Damaged bundles whose header is valid: thousands of single-byte mutations of a real
//! compiled core (and of its search shards and details chunks). Each one either fails to decode (and the viewer shows its "damaged
//! data" screen) or decodes into a bundle the engine, the search and the views' lookups
//! can run on without a panic: the decoder checks every invariant they rely on.

mod common;

use timeline_bundle::facet::EventValues;
use timeline_bundle::{
    decode_chunk, decode_core, decode_shard, evaluate, search, Facet, Filter, Resolved,
    SearchIndex, Sort,
};

/// A fixed pseudo-random sequence (splitmix64), so that a failure names its mutation.
struct Mutations(u64);

impl Mutations {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// What the viewer does with a bundle: filters of every kind, searches, and the lookups
/// the list, the event page and the filter panel make for every event.
fn use_like_the_viewer(bundle: &timeline_bundle::Bundle, index: &SearchIndex) {
    let mut queries = vec![
        String::new(),
        "min=8".into(),
        "from=2017&to=2019-06".into(),
        "q=trump".into(),
        "q=t&sort=relevance".into(),
        "sort=asc".into(),
    ];
    for facet in Facet::ALL {
        if let Some(term) = facet.terms(bundle).first() {
            queries.push(format!("{}={}", facet.param(), term.key));
            if let Some(all) = facet.all_param() {
                queries.push(format!("{}={}&{all}=all", facet.param(), term.key));
            }
        }
    }
    for query in &queries {
        let (filter, _) = Filter::parse(query);
        let (resolved, _) = Resolved::new(&filter, bundle);
        let hits = index.search(&filter.q, bundle.events.len());
        let outcome = evaluate(bundle, &resolved, Some(&hits), filter.effective_sort());
        for &e in &outcome.events {
            assert!((e as usize) < bundle.events.len());
        }
    }
    let _ = evaluate(bundle, &Resolved::default(), None, Sort::Desc);
    for (i, _) in bundle.chunks.iter().enumerate() {
        let events = bundle.chunk_events(i);
        assert!(events.start <= events.end && events.end as usize <= bundle.events.len());
    }
    for e in &bundle.events {
        let _ = (e.date.human(), e.date.to_string(), e.tier);
        let values = EventValues::of(e);
        for facet in Facet::ALL {
            let terms = facet.terms(bundle);
            for &v in values.get(facet) {
                let _ = &terms[v as usize].label;
            }
        }
    }
}

/// Sets one byte past the header of a copy of `bytes`, in one of two ways.
fn mutate(bytes: &[u8], random: &mut Mutations, round: u32) -> (Vec<u8>, usize) {
    let mut damaged = bytes.to_vec();
    // Past the header: the magic, the version and the kind are checked before anything.
    let at = 7 + (random.next() % (damaged.len() as u64 - 7)) as usize;
    let value = random.next() as u8;
    damaged[at] = if round.is_multiple_of(2) {
        value
    } else {
        damaged[at] ^ (1 << (value % 8))
    };
    (damaged, at)
}

#[test]
fn every_single_byte_mutation_decodes_safely_or_not_at_all() {
    let compiled = common::compile(&common::fixtures("valid"));
    let bytes = compiled.encoded.core.bytes.clone();
    use_like_the_viewer(
        &decode_core(&bytes).expect("the core decodes"),
        &compiled.search,
    );
    let mut random = Mutations(2026);
    let (mut decoded, mut refused) = (0, 0);
    for round in 0..3000 {
        let (damaged, at) = mutate(&bytes, &mut random, round);
        match decode_core(&damaged) {
            Ok(bundle) => {
                decoded += 1;
                let outcome =
                    std::panic::catch_unwind(|| use_like_the_viewer(&bundle, &compiled.search));
                assert!(
                    outcome.is_ok(),
                    "mutation {round} (byte {at} set to {:#04x}) decodes into a bundle the viewer panics on",
                    damaged[at]
                );
            }
            Err(_) => refused += 1,
        }
    }
    // Both kinds happen: the test exercises the decoder's checks and what passes them.
    assert!(
        decoded > 100 && refused > 100,
        "{decoded} decoded, {refused} refused"
    );
}

#[test]
fn mutated_shards_and_chunks_decode_safely_or_not_at_all() {
    let compiled = common::compile(&common::fixtures("valid"));
    let n = compiled.bundle.events.len();
    let shard = &compiled.encoded.shards[0].bytes;
    let chunk = &compiled.encoded.chunks[0].bytes;
    let in_chunk = compiled.bundle.chunk_events(0).len();
    let mut random = Mutations(7);
    for round in 0..2000 {
        let (damaged, _) = mutate(shard, &mut random, round);
        if let Ok(index) = decode_shard(&damaged, n) {
            let _ = search::search(&[&index], "a", n);
            let _ = search::search(&[&index], "trump tower", n);
        }
        let (damaged, _) = mutate(chunk, &mut random, round);
        if let Ok(details) = decode_chunk(&damaged, in_chunk) {
            assert_eq!(details.len(), in_chunk);
            for d in &details {
                let _ = (d.best_tier(), d.file_name("x"));
            }
        }
    }
}
