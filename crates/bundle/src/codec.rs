//! The parts' bytes: a magic number, the format version and the part's kind, then postcard.
//! The viewer checks the first seven bytes before it decodes anything, so an old app never
//! misreads a new bundle (or the reverse): it says which versions differ.
//!
//! The core is a head (site, terms, part lists, the number of events) followed by the
//! events one after another, so that [`CoreDecoder`] can decode it a slice at a time and
//! the browser stays responsive while a large core arrives. Every invariant the viewer
//! indexes by is checked here, so a damaged part is reported rather than panicking later.

use crate::model::{Bundle, ChunkRef, Details, Event, ShardRef, Site, Term};
use crate::search::SearchIndex;
use serde::{Deserialize, Serialize};
use std::fmt;

pub const MAGIC: [u8; 4] = *b"TLBN";
/// Bump on every change to the model's shape.
pub const FORMAT_VERSION: u16 = 7;

/// Which part a file is: the byte after the version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Core = b'C' as isize,
    Search = b'S' as isize,
    Details = b'D' as isize,
}

impl Kind {
    /// The part's file name prefix ([`crate::model::part_file`]).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Core => "core",
            Kind::Search => "search",
            Kind::Details => "details",
        }
    }
}

const HEADER: usize = 7;

#[derive(Debug, PartialEq, Eq)]
pub enum DecodeError {
    NotABundle,
    Version { found: u16, expected: u16 },
    Corrupt(String),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::NotABundle => f.write_str("the file is not a timeline bundle"),
            DecodeError::Version { found, expected } => write!(
                f,
                "the bundle has format version {found}, this viewer reads version {expected}: rebuild the site"
            ),
            DecodeError::Corrupt(why) => write!(f, "the bundle is damaged: {why}"),
        }
    }
}

impl std::error::Error for DecodeError {}

fn corrupt(why: impl Into<String>) -> DecodeError {
    DecodeError::Corrupt(why.into())
}

fn header(kind: Kind, capacity: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER + capacity);
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.push(kind as u8);
    out
}

fn append<T: Serialize + ?Sized>(out: Vec<u8>, value: &T) -> Vec<u8> {
    postcard::to_extend(value, out).expect("encoding to a Vec cannot fail")
}

/// The payload after a valid header of `kind`.
fn payload(bytes: &[u8], kind: Kind) -> Result<&[u8], DecodeError> {
    if bytes.len() < HEADER || bytes[..4] != MAGIC {
        return Err(DecodeError::NotABundle);
    }
    let found = u16::from_le_bytes([bytes[4], bytes[5]]);
    if found != FORMAT_VERSION {
        return Err(DecodeError::Version {
            found,
            expected: FORMAT_VERSION,
        });
    }
    if bytes[6] != kind as u8 {
        return Err(corrupt(format!(
            "this file is not the {} part",
            kind.name()
        )));
    }
    Ok(&bytes[HEADER..])
}

/// The core before its events.
#[derive(Serialize, Deserialize)]
struct Head<S, T, P, C> {
    site: S,
    tags: T,
    actors: T,
    lanes: T,
    statuses: T,
    outlets: T,
    shards: P,
    chunks: C,
    events: u32,
}

pub fn encode_core(bundle: &Bundle) -> Vec<u8> {
    let head = Head {
        site: &bundle.site,
        tags: &bundle.tags,
        actors: &bundle.actors,
        lanes: &bundle.lanes,
        statuses: &bundle.statuses,
        outlets: &bundle.outlets,
        shards: &bundle.shards,
        chunks: &bundle.chunks,
        events: bundle.events.len() as u32,
    };
    let mut out = append(header(Kind::Core, 64 * bundle.events.len()), &head);
    for event in &bundle.events {
        out = append(out, event);
    }
    out
}

/// Decodes a core a slice of events at a time ([`CoreDecoder::step`]).
pub struct CoreDecoder {
    bytes: Vec<u8>,
    /// Where the next event starts.
    at: usize,
    left: u32,
    /// How many terms (tags, then actors, lanes, statuses, outlets) have their keys.
    keyed: usize,
    bundle: Bundle,
}

impl CoreDecoder {
    /// Checks the header and decodes the head; the events follow in [`Self::step`].
    pub fn new(bytes: Vec<u8>) -> Result<Self, DecodeError> {
        let rest = payload(&bytes, Kind::Core)?;
        type Owned = Head<Site, Vec<Term>, Vec<ShardRef>, Vec<ChunkRef>>;
        let (head, after): (Owned, _) =
            postcard::take_from_bytes(rest).map_err(|e| corrupt(e.to_string()))?;
        let at = bytes.len() - after.len();
        check_parts(&head.shards, &head.chunks, head.events)?;
        // Each event takes at least 8 bytes: a count beyond that is damage, not a reason
        // to reserve gigabytes.
        if head.events as usize > after.len() / 8 + 1 {
            return Err(corrupt("the core says it holds more events than it can"));
        }
        Ok(CoreDecoder {
            at,
            left: head.events,
            keyed: 0,
            bundle: Bundle {
                site: head.site,
                events: Vec::with_capacity(head.events as usize),
                tags: head.tags,
                actors: head.actors,
                lanes: head.lanes,
                statuses: head.statuses,
                outlets: head.outlets,
                shards: head.shards,
                chunks: head.chunks,
            },
            bytes,
        })
    }

    /// How many events are still to decode.
    pub fn left(&self) -> u32 {
        self.left
    }

    /// Decodes up to `count` more events, and gives up to `count` more terms their keys
    /// (which the core does not store: a term's key is its label's, and tens of thousands
    /// of them are a long task when made at once); `true` once all are done.
    pub fn step(&mut self, count: u32) -> Result<bool, DecodeError> {
        let b = &mut self.bundle;
        let mut skip = self.keyed;
        let mut budget = count as usize;
        let lists = [
            &mut b.tags,
            &mut b.actors,
            &mut b.lanes,
            &mut b.statuses,
            &mut b.outlets,
        ];
        for list in lists {
            let from = skip.min(list.len());
            skip -= from;
            for term in list[from..].iter_mut().take(budget) {
                term.key = crate::text::canonical_key(&term.label);
                budget -= 1;
                self.keyed += 1;
            }
        }
        for _ in 0..count.min(self.left) {
            let (event, rest): (Event, _) = postcard::take_from_bytes(&self.bytes[self.at..])
                .map_err(|e| corrupt(e.to_string()))?;
            check_event(&self.bundle, &event)?;
            if self
                .bundle
                .events
                .last()
                .is_some_and(|prev| prev.date > event.date)
            {
                // The list groups by month and the histogram indexes years from the first
                // event: both need the events in date order.
                return Err(corrupt("the events are not in date order"));
            }
            self.at = self.bytes.len() - rest.len();
            self.left -= 1;
            self.bundle.events.push(event);
        }
        if self.left == 0 && self.at != self.bytes.len() {
            return Err(corrupt("the core has bytes after its last event"));
        }
        Ok(self.left == 0 && self.keyed == self.terms())
    }

    fn terms(&self) -> usize {
        let b = &self.bundle;
        b.tags.len() + b.actors.len() + b.lanes.len() + b.statuses.len() + b.outlets.len()
    }

    /// The decoded core, once [`Self::step`] has returned `true`.
    pub fn finish(self) -> Result<Bundle, DecodeError> {
        if self.left > 0 || self.keyed < self.terms() {
            return Err(corrupt("the core was not decoded to its end"));
        }
        Ok(self.bundle)
    }
}

/// Decodes a whole core at once.
pub fn decode_core(bytes: &[u8]) -> Result<Bundle, DecodeError> {
    let mut decoder = CoreDecoder::new(bytes.to_vec())?;
    decoder.step(u32::MAX)?;
    decoder.finish()
}

fn check_parts(shards: &[ShardRef], chunks: &[ChunkRef], events: u32) -> Result<(), DecodeError> {
    if shards.windows(2).any(|w| w[0].first >= w[1].first) {
        return Err(corrupt("the search shards are not in term order"));
    }
    let starts_at_zero = chunks.first().is_none_or(|c| c.first == 0);
    let increasing = chunks.windows(2).all(|w| w[0].first < w[1].first);
    let in_range = chunks.last().is_none_or(|c| c.first < events);
    if !(starts_at_zero && increasing && in_range) || (events > 0 && chunks.is_empty()) {
        return Err(corrupt(
            "the details chunks do not cover the events in order",
        ));
    }
    Ok(())
}

/// The invariants the viewer relies on and indexes by.
fn check_event(b: &Bundle, e: &Event) -> Result<(), DecodeError> {
    let ok = e.tags.iter().all(|&t| (t as usize) < b.tags.len())
        && e.actors.iter().all(|&t| (t as usize) < b.actors.len())
        && e.lanes.iter().all(|&t| (t as usize) < b.lanes.len())
        && e.outlets.iter().all(|&t| (t as usize) < b.outlets.len())
        && e.status.is_none_or(|s| (s as usize) < b.statuses.len());
    if !ok {
        return Err(corrupt(format!(
            "event {} refers to a term that does not exist",
            e.id
        )));
    }
    // Each outlet once: the engine and the counts take an event's values as a set.
    if e.outlets.windows(2).any(|w| w[0] >= w[1]) {
        return Err(corrupt(format!(
            "event {}'s outlets are not in increasing order",
            e.id
        )));
    }
    if !e.date.is_valid() {
        return Err(corrupt(format!("event {} has an impossible date", e.id)));
    }
    if e.importance.is_some_and(|i| !(1..=10).contains(&i))
        || e.tier.is_some_and(|t| !(1..=4).contains(&t))
    {
        return Err(corrupt(format!(
            "event {} has an importance or a source tier out of range",
            e.id
        )));
    }
    Ok(())
}

pub fn encode_shard(index: &SearchIndex) -> Vec<u8> {
    append(header(Kind::Search, 0), index)
}

/// Decodes a search shard of a core with `events` events.
pub fn decode_shard(bytes: &[u8], events: usize) -> Result<SearchIndex, DecodeError> {
    let index: SearchIndex =
        postcard::from_bytes(payload(bytes, Kind::Search)?).map_err(|e| corrupt(e.to_string()))?;
    if index.terms.len() != index.postings.len() {
        return Err(corrupt("search index terms and postings differ in length"));
    }
    let in_range = index.postings.iter().all(|p| {
        p.gaps.len() == p.weights.len()
            && p.gaps
                .iter()
                .try_fold(0u64, |at, &gap| Some(at + u64::from(gap)))
                .is_some_and(|last| p.gaps.is_empty() || last < events as u64)
    });
    if !in_range {
        return Err(corrupt(
            "a search posting names an event that does not exist",
        ));
    }
    Ok(index)
}

pub fn encode_chunk(details: &[Details]) -> Vec<u8> {
    append(header(Kind::Details, 0), details)
}

/// Decodes a details chunk that should hold `events` events' details.
pub fn decode_chunk(bytes: &[u8], events: usize) -> Result<Vec<Details>, DecodeError> {
    let details: Vec<Details> =
        postcard::from_bytes(payload(bytes, Kind::Details)?).map_err(|e| corrupt(e.to_string()))?;
    if details.len() != events {
        return Err(corrupt("a details chunk holds the wrong number of events"));
    }
    for s in details.iter().flat_map(|d| &d.sources) {
        if s.tier.is_some_and(|t| !(1..=4).contains(&t)) {
            return Err(corrupt("a source tier is out of range"));
        }
        if s.link.is_some_and(|l| !l.checked.is_valid()) {
            return Err(corrupt("a link's date checked does not exist"));
        }
    }
    Ok(details)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LinkCheck, LinkState, Source, Term};
    use crate::search::{Field, IndexBuilder};

    fn sample() -> Bundle {
        Bundle {
            events: vec![Event {
                id: "a".into(),
                title: "A".into(),
                date: crate::PartialDate::year(2020),
                tags: vec![0],
                ..Default::default()
            }],
            tags: vec![Term {
                key: "x".into(),
                label: "X".into(),
                count: 1,
            }],
            chunks: vec![ChunkRef { first: 0, hash: 7 }],
            ..Default::default()
        }
    }

    #[test]
    fn roundtrip() {
        let b = sample();
        assert_eq!(decode_core(&encode_core(&b)).unwrap(), b);
    }

    #[test]
    fn decodes_in_slices() {
        let mut b = sample();
        for n in 0..10 {
            let mut e = b.events[0].clone();
            e.id = format!("e{n}");
            b.events.push(e);
        }
        let mut decoder = CoreDecoder::new(encode_core(&b)).unwrap();
        assert!(!decoder.step(4).unwrap());
        assert_eq!(decoder.left(), 7);
        assert!(!decoder.step(4).unwrap());
        assert!(decoder.step(4).unwrap());
        assert_eq!(decoder.finish().unwrap(), b);
    }

    #[test]
    fn terms_get_their_keys_a_slice_at_a_time() {
        let mut b = sample();
        b.actors = (0..9)
            .map(|n| Term {
                key: format!("actor-{n}"),
                label: format!("Actor {n}"),
                count: 0,
            })
            .collect();
        let mut decoder = CoreDecoder::new(encode_core(&b)).unwrap();
        assert!(!decoder.step(4).unwrap(), "one event, but ten terms to key");
        assert!(!decoder.step(4).unwrap());
        assert!(matches!(decoder.step(1), Ok(false)));
        assert!(decoder.step(1).unwrap());
        assert_eq!(decoder.finish().unwrap(), b);
    }

    #[test]
    fn rejects_other_files_versions_and_kinds() {
        assert_eq!(
            decode_core(b"<!doctype html>"),
            Err(DecodeError::NotABundle)
        );
        let mut bytes = encode_core(&sample());
        bytes[4] = 99;
        assert_eq!(
            decode_core(&bytes),
            Err(DecodeError::Version {
                found: 99,
                expected: FORMAT_VERSION
            })
        );
        let bytes = encode_core(&sample());
        assert!(matches!(
            decode_core(&bytes[..bytes.len() - 3]),
            Err(DecodeError::Corrupt(_))
        ));
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(matches!(decode_core(&longer), Err(DecodeError::Corrupt(_))));
        let chunk = encode_chunk(&[Details::default()]);
        assert!(matches!(decode_core(&chunk), Err(DecodeError::Corrupt(_))));
        assert!(matches!(
            decode_shard(&chunk, 1),
            Err(DecodeError::Corrupt(_))
        ));
    }

    #[test]
    fn rejects_impossible_dates_and_disorder() {
        for (month, day) in [(13, 0), (2, 30), (0, 5)] {
            let mut b = sample();
            b.events[0].date = crate::PartialDate {
                year: 2020,
                month,
                day,
            };
            assert!(
                matches!(decode_core(&encode_core(&b)), Err(DecodeError::Corrupt(_))),
                "{month}-{day}"
            );
        }
        let mut b = sample();
        let mut later = b.events[0].clone();
        later.date = crate::PartialDate::year(2020);
        b.events[0].date = crate::PartialDate::year(2021);
        b.events.push(later);
        assert!(matches!(
            decode_core(&encode_core(&b)),
            Err(DecodeError::Corrupt(_))
        ));
        for (importance, tier) in [(Some(11), None), (None, Some(5))] {
            let mut b = sample();
            b.events[0].importance = importance;
            b.events[0].tier = tier;
            assert!(matches!(
                decode_core(&encode_core(&b)),
                Err(DecodeError::Corrupt(_))
            ));
        }
    }

    #[test]
    fn rejects_dangling_term_numbers_and_parts() {
        let mut b = sample();
        b.events[0].tags = vec![7];
        assert!(matches!(
            decode_core(&encode_core(&b)),
            Err(DecodeError::Corrupt(_))
        ));
        let mut b = sample();
        b.outlets = ["x", "y"]
            .map(|key| Term {
                key: key.into(),
                label: key.to_uppercase(),
                count: 1,
            })
            .to_vec();
        b.events[0].outlets = vec![0, 1];
        assert_eq!(decode_core(&encode_core(&b)).unwrap(), b);
        for outlets in [vec![2], vec![1, 0], vec![1, 1]] {
            b.events[0].outlets = outlets;
            assert!(matches!(
                decode_core(&encode_core(&b)),
                Err(DecodeError::Corrupt(_))
            ));
        }
        for chunks in [vec![], vec![ChunkRef { first: 1, hash: 0 }]] {
            let mut b = sample();
            b.chunks = chunks;
            assert!(matches!(
                decode_core(&encode_core(&b)),
                Err(DecodeError::Corrupt(_))
            ));
        }
        let mut b = sample();
        b.shards = vec![
            ShardRef {
                first: "b".into(),
                hash: 0,
            },
            ShardRef {
                first: "a".into(),
                hash: 1,
            },
        ];
        assert!(matches!(
            decode_core(&encode_core(&b)),
            Err(DecodeError::Corrupt(_))
        ));
    }

    #[test]
    fn shards_and_chunks_roundtrip_and_check_their_ranges() {
        let mut builder = IndexBuilder::new();
        builder.add(0, Field::Title, "tower");
        builder.add(2, Field::Body, "tower deal");
        let index = builder.finish();
        let bytes = encode_shard(&index);
        assert_eq!(decode_shard(&bytes, 3).unwrap(), index);
        assert!(matches!(
            decode_shard(&bytes, 2),
            Err(DecodeError::Corrupt(_))
        ));
        let details = vec![Details {
            sources: vec![Source {
                tier: Some(2),
                ..Source::default()
            }],
            ..Details::default()
        }];
        let bytes = encode_chunk(&details);
        assert_eq!(decode_chunk(&bytes, 1).unwrap(), details);
        assert!(matches!(
            decode_chunk(&bytes, 2),
            Err(DecodeError::Corrupt(_))
        ));
        let mut bad = details.clone();
        bad[0].sources[0].tier = Some(9);
        assert!(matches!(
            decode_chunk(&encode_chunk(&bad), 1),
            Err(DecodeError::Corrupt(_))
        ));
        let checked = |date| {
            let mut d = details.clone();
            d[0].sources[0].link = Some(LinkCheck {
                state: LinkState::Dead,
                checked: date,
            });
            d
        };
        let good = checked(crate::PartialDate::ymd(2025, 5, 3));
        assert_eq!(decode_chunk(&encode_chunk(&good), 1).unwrap(), good);
        assert!(matches!(
            decode_chunk(
                &encode_chunk(&checked(crate::PartialDate::ymd(2025, 2, 30))),
                1
            ),
            Err(DecodeError::Corrupt(_))
        ));
    }
}
