//! Damaged bundles whose header is valid: thousands of single-byte mutations of a real
//! compiled bundle. Each one either fails to decode (and the viewer shows its "damaged
//! data" screen) or decodes into a bundle the engine, the search and the views' lookups
//! can run on without a panic: the decoder checks every invariant they rely on.

mod common;

use timeline_bundle::facet::EventValues;
use timeline_bundle::{decode, encode, evaluate, Facet, Filter, Resolved, Sort};

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
fn use_like_the_viewer(bundle: &timeline_bundle::Bundle) {
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
        let hits = bundle.search.search(&filter.q, bundle.events.len());
        let outcome = evaluate(bundle, &resolved, Some(&hits), filter.effective_sort());
        for &e in &outcome.events {
            assert!((e as usize) < bundle.events.len());
        }
    }
    let _ = evaluate(bundle, &Resolved::default(), None, Sort::Desc);
    for e in &bundle.events {
        let _ = (e.date.human(), e.date.to_string(), e.best_tier());
        let values = EventValues::of(e);
        for facet in Facet::ALL {
            let terms = facet.terms(bundle);
            for &v in values.get(facet) {
                let _ = &terms[v as usize].label;
            }
        }
    }
}

#[test]
fn every_single_byte_mutation_decodes_safely_or_not_at_all() {
    let compiled = common::compile(&common::fixtures("valid"));
    let bytes = encode(&compiled.bundle);
    use_like_the_viewer(&decode(&bytes).expect("the bundle decodes"));
    let mut random = Mutations(2026);
    let (mut decoded, mut refused) = (0, 0);
    for round in 0..3000 {
        let mut damaged = bytes.clone();
        // Past the header: the magic and the version are checked before anything else.
        let at = 6 + (random.next() % (damaged.len() as u64 - 6)) as usize;
        let value = random.next() as u8;
        damaged[at] = if round % 2 == 0 {
            value
        } else {
            damaged[at] ^ (1 << (value % 8))
        };
        match decode(&damaged) {
            Ok(bundle) => {
                decoded += 1;
                let outcome = std::panic::catch_unwind(|| use_like_the_viewer(&bundle));
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
