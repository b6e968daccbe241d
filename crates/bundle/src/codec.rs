//! The bundle's bytes: a magic number, the format version, then the postcard encoding of
//! [`Bundle`]. The viewer checks the first six bytes before it decodes anything, so an old
//! app never misreads a new bundle (or the reverse): it says which versions differ.

use crate::model::Bundle;
use std::fmt;

pub const MAGIC: [u8; 4] = *b"TLBN";
/// Bump on every change to the model's shape.
pub const FORMAT_VERSION: u16 = 2;

#[derive(Debug, PartialEq, Eq)]
pub enum DecodeError {
    NotABundle,
    Version { found: u16, expected: u16 },
    Corrupt(String),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::NotABundle => write!(f, "the file is not a timeline bundle"),
            DecodeError::Version { found, expected } => write!(
                f,
                "the bundle has format version {found}, this viewer reads version {expected}: rebuild the site"
            ),
            DecodeError::Corrupt(why) => write!(f, "the bundle is damaged: {why}"),
        }
    }
}

impl std::error::Error for DecodeError {}

pub fn encode(bundle: &Bundle) -> Vec<u8> {
    // Sized exactly, so a large bundle is not copied through doubling buffers.
    let size = postcard::experimental::serialized_size(bundle).unwrap_or(1 << 20);
    let mut out = Vec::with_capacity(6 + size);
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    postcard::to_extend(bundle, out).expect("encoding to a Vec cannot fail")
}

pub fn decode(bytes: &[u8]) -> Result<Bundle, DecodeError> {
    if bytes.len() < 6 || bytes[..4] != MAGIC {
        return Err(DecodeError::NotABundle);
    }
    let found = u16::from_le_bytes([bytes[4], bytes[5]]);
    if found != FORMAT_VERSION {
        return Err(DecodeError::Version {
            found,
            expected: FORMAT_VERSION,
        });
    }
    let bundle: Bundle =
        postcard::from_bytes(&bytes[6..]).map_err(|e| DecodeError::Corrupt(e.to_string()))?;
    check_references(&bundle).map_err(DecodeError::Corrupt)?;
    Ok(bundle)
}

/// The invariants the viewer relies on and indexes by: a bundle that breaks one is
/// reported as damaged here rather than panicking in the engine or the list.
fn check_references(b: &Bundle) -> Result<(), String> {
    for e in &b.events {
        let ok = e.tags.iter().all(|&t| (t as usize) < b.tags.len())
            && e.actors.iter().all(|&t| (t as usize) < b.actors.len())
            && e.lanes.iter().all(|&t| (t as usize) < b.lanes.len())
            && e.status.is_none_or(|s| (s as usize) < b.statuses.len());
        if !ok {
            return Err(format!(
                "event {} refers to a term that does not exist",
                e.id
            ));
        }
        if !e.date.is_valid() {
            return Err(format!("event {} has an impossible date", e.id));
        }
        if e.importance.is_some_and(|i| !(1..=10).contains(&i))
            || e.sources
                .iter()
                .any(|s| s.tier.is_some_and(|t| !(1..=4).contains(&t)))
        {
            return Err(format!(
                "event {} has an importance or a source tier out of range",
                e.id
            ));
        }
    }
    // The list groups by month and the histogram indexes years from the first event:
    // both need the events in date order.
    if b.events.windows(2).any(|w| w[0].date > w[1].date) {
        return Err("the events are not in date order".into());
    }
    if b.search.terms.len() != b.search.postings.len() {
        return Err("search index terms and postings differ in length".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, Term};

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
            ..Default::default()
        }
    }

    #[test]
    fn roundtrip() {
        let b = sample();
        assert_eq!(decode(&encode(&b)).unwrap(), b);
    }

    #[test]
    fn rejects_other_files_and_versions() {
        assert_eq!(decode(b"<!doctype html>"), Err(DecodeError::NotABundle));
        let mut bytes = encode(&sample());
        bytes[4] = 99;
        assert_eq!(
            decode(&bytes),
            Err(DecodeError::Version {
                found: 99,
                expected: FORMAT_VERSION
            })
        );
        let bytes = encode(&sample());
        assert!(matches!(
            decode(&bytes[..bytes.len() - 3]),
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
                matches!(decode(&encode(&b)), Err(DecodeError::Corrupt(_))),
                "{month}-{day}"
            );
        }
        let mut b = sample();
        let mut later = b.events[0].clone();
        later.date = crate::PartialDate::year(2020);
        b.events[0].date = crate::PartialDate::year(2021);
        b.events.push(later);
        assert!(matches!(decode(&encode(&b)), Err(DecodeError::Corrupt(_))));
        let mut b = sample();
        b.events[0].importance = Some(11);
        assert!(matches!(decode(&encode(&b)), Err(DecodeError::Corrupt(_))));
    }

    #[test]
    fn rejects_dangling_term_numbers() {
        let mut b = sample();
        b.events[0].tags = vec![7];
        assert!(matches!(decode(&encode(&b)), Err(DecodeError::Corrupt(_))));
    }
}
