//! Cuts the compiled corpus into the bundle's parts, each named by its content hash: the
//! search index in shards of consecutive terms, the details in chunks of consecutive
//! events, and last the core, which lists the others by hash (so a core names exactly
//! one build's parts, and its own name changes whenever any of them does).
//!
//! Both cuts are by encoded size, not by count, so that a part stays about the same size
//! whatever the corpus: at 2,000 events the index is a handful of shards, at 1,000,000 a
//! few thousand, and a query or an event page fetches one or two of them either way.

use crate::normalise::Compiled;
use timeline_bundle::{
    encode_chunk, encode_core, encode_shard, part_file, ChunkRef, Details, Kind, ShardRef,
};

/// The parts' target sizes, in encoded bytes.
#[derive(Clone, Copy, Debug)]
pub struct Sizes {
    pub shard: usize,
    pub chunk: usize,
}

impl Default for Sizes {
    fn default() -> Self {
        Sizes::DEFAULT
    }
}

impl Sizes {
    /// A shard of about 16 KiB gzip, so a query's first word costs a round trip or two on
    /// a phone rather than the whole index; a chunk likewise, since an event page fetches
    /// its whole chunk, yet large enough that a million events make thousands of files,
    /// not a million.
    pub const DEFAULT: Sizes = Sizes {
        shard: 48 * 1024,
        chunk: 48 * 1024,
    };
}

/// One file of the bundle.
#[derive(Debug)]
pub struct Part {
    /// `core.<hash>.bin`, `search.<hash>.bin` or `details.<hash>.bin`.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The file name of a part of `kind` with these bytes.
pub fn name_of(kind: Kind, bytes: &[u8]) -> String {
    part_file(kind.name(), hash(bytes))
}

impl Part {
    fn new(kind: Kind, bytes: Vec<u8>) -> Part {
        Part {
            name: name_of(kind, &bytes),
            bytes,
        }
    }

    fn hash(&self) -> u64 {
        // The name is the hash in hex, which is how the core refers to it.
        let hex = &self.name[self.name.find('.').expect("a part's name has a kind") + 1..][..16];
        u64::from_str_radix(hex, 16).expect("a part's name holds its hash")
    }
}

/// The first eight bytes of the content's BLAKE3 hash.
fn hash(bytes: &[u8]) -> u64 {
    let digest = blake3::hash(bytes);
    u64::from_be_bytes(digest.as_bytes()[..8].try_into().expect("eight bytes"))
}

/// The bundle's parts.
#[derive(Debug)]
pub struct Encoded {
    pub core: Part,
    pub shards: Vec<Part>,
    pub chunks: Vec<Part>,
}

impl Encoded {
    /// Every part, the core first.
    pub fn all(&self) -> impl Iterator<Item = &Part> {
        std::iter::once(&self.core)
            .chain(&self.shards)
            .chain(&self.chunks)
    }
}

/// Encodes the parts and keeps them (for tests and tools; a build writes them as they
/// are made: [`ChunkWriter`] while compiling, then [`encode_into`]).
pub fn encode(compiled: &mut Compiled, sizes: Sizes) -> Encoded {
    let mut chunks = Vec::new();
    let mut writer = ChunkWriter::new(sizes.chunk, |part| {
        chunks.push(part);
        Ok::<(), ()>(())
    });
    for d in &compiled.details {
        writer.push(d.clone()).expect("collecting cannot fail");
    }
    compiled.bundle.chunks = writer.finish().expect("collecting cannot fail");
    let mut parts = Vec::new();
    encode_into(compiled, sizes, |part| {
        parts.push(part);
        Ok::<(), ()>(())
    })
    .expect("collecting cannot fail");
    let core = parts.pop().expect("the core comes last");
    Encoded {
        core,
        shards: parts,
        chunks,
    }
}

/// Cuts details, pushed in event order, into chunks of about `target` encoded bytes (an
/// event larger than that is a chunk of its own) and hands each chunk to `write` as soon
/// as it is full: a build never holds all the details at once.
pub struct ChunkWriter<W> {
    target: usize,
    write: W,
    pending: Vec<Details>,
    size: usize,
    /// The number of the next event pushed.
    next: u32,
    refs: Vec<ChunkRef>,
}

impl<E, W: FnMut(Part) -> Result<(), E>> ChunkWriter<W> {
    pub fn new(target: usize, write: W) -> Self {
        ChunkWriter {
            target,
            write,
            pending: Vec::new(),
            size: 0,
            next: 0,
            refs: Vec::new(),
        }
    }

    /// Adds the next event's details.
    pub fn push(&mut self, details: Details) -> Result<(), E> {
        let own = postcard::experimental::serialized_size(&details).unwrap_or(0);
        if !self.pending.is_empty() && self.size + own > self.target {
            self.flush()?;
        }
        self.size += own;
        self.pending.push(details);
        self.next += 1;
        Ok(())
    }

    fn flush(&mut self) -> Result<(), E> {
        let part = Part::new(Kind::Details, encode_chunk(&self.pending));
        self.refs.push(ChunkRef {
            first: self.next - self.pending.len() as u32,
            hash: part.hash(),
        });
        self.pending.clear();
        self.size = 0;
        (self.write)(part)
    }

    /// Writes the last chunk; the chunks' list for the core.
    pub fn finish(mut self) -> Result<Vec<ChunkRef>, E> {
        if !self.pending.is_empty() {
            self.flush()?;
        }
        Ok(self.refs)
    }
}

/// What [`encode_into`] wrote.
#[derive(Debug)]
pub struct Written {
    /// The core's file name.
    pub core: String,
    pub core_size: usize,
    /// All the shards' and the core's sizes together.
    pub size: usize,
}

/// Encodes the search shards and then the core (whose chunk list must be filled in
/// already), handing each part to `write` as soon as it is made; takes the search index
/// (it is not needed after) and fills in the core's shard list.
pub fn encode_into<E>(
    compiled: &mut Compiled,
    sizes: Sizes,
    mut write: impl FnMut(Part) -> Result<(), E>,
) -> Result<Written, E> {
    let mut size = 0;
    let index = std::mem::take(&mut compiled.search);
    let mut shard_refs = Vec::new();
    for shard in index.into_shards(sizes.shard) {
        let part = Part::new(Kind::Search, encode_shard(&shard));
        shard_refs.push(ShardRef {
            first: shard.terms.first().cloned().unwrap_or_default(),
            hash: part.hash(),
        });
        size += part.bytes.len();
        write(part)?;
    }
    compiled.bundle.shards = shard_refs;
    let core = Part::new(Kind::Core, encode_core(&compiled.bundle));
    let written = Written {
        core: core.name.clone(),
        core_size: core.bytes.len(),
        size: size + core.bytes.len(),
    };
    write(core)?;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use timeline_bundle::{decode_chunk, decode_core, decode_shard, search};

    fn details(body: usize) -> Details {
        Details {
            body_html: "x".repeat(body),
            ..Details::default()
        }
    }

    /// The event ranges the chunk writer makes of `list`.
    fn chunk_ranges(list: &[Details], target: usize) -> Vec<std::ops::Range<usize>> {
        let mut writer = ChunkWriter::new(target, |_| Ok::<(), ()>(()));
        for d in list {
            writer.push(d.clone()).unwrap();
        }
        let firsts: Vec<usize> = writer
            .finish()
            .unwrap()
            .iter()
            .map(|c| c.first as usize)
            .collect();
        firsts
            .iter()
            .zip(firsts.iter().skip(1).chain([&list.len()]))
            .map(|(&a, &b)| a..b)
            .collect()
    }

    #[test]
    fn chunks_are_bounded_and_cover_every_event_once() {
        let list: Vec<Details> = [10, 10, 30, 100, 5, 5, 5, 0, 0, 0, 0].map(details).to_vec();
        let size = |d: &Details| postcard::experimental::serialized_size(d).unwrap();
        let ranges = chunk_ranges(&list, 60);
        assert_eq!(ranges.first().map(|r| r.start), Some(0));
        assert_eq!(ranges.last().map(|r| r.end), Some(list.len()));
        for (i, r) in ranges.iter().enumerate() {
            let bytes: usize = list[r.clone()].iter().map(size).sum();
            assert!(bytes <= 60 || r.len() == 1, "{r:?} holds {bytes} bytes");
            if let Some(next) = ranges.get(i + 1) {
                assert_eq!(r.end, next.start);
                assert!(
                    bytes + size(&list[next.start]) > 60,
                    "{r:?} could hold more"
                );
            }
        }
        assert!(ranges.contains(&(3..4)), "the large one alone: {ranges:?}");
        assert!(chunk_ranges(&[], 40).is_empty());
    }

    #[test]
    fn the_core_names_its_parts_and_each_decodes() {
        let mut compiled = Compiled::default();
        let mut index = timeline_bundle::search::IndexBuilder::new();
        for n in 0..300u32 {
            compiled.bundle.events.push(timeline_bundle::Event {
                id: format!("e{n}"),
                date: timeline_bundle::PartialDate::year(2020),
                ..Default::default()
            });
            compiled.details.push(details(400));
            index.add(n, search::Field::Title, &format!("word{n} common"));
        }
        compiled.search = index.finish();
        let sizes = Sizes {
            shard: 1000,
            chunk: 10_000,
        };
        let encoded = encode(&mut compiled, sizes);
        assert!(encoded.chunks.len() > 1 && encoded.shards.len() > 1);
        let core = decode_core(&encoded.core.bytes).unwrap();
        assert_eq!(core, compiled.bundle);
        for (i, (r, part)) in core.chunks.iter().zip(&encoded.chunks).enumerate() {
            assert_eq!(part.name, part_file("details", r.hash));
            let events = core.chunk_events(i);
            assert_eq!(
                decode_chunk(&part.bytes, events.len()).unwrap(),
                compiled.details[events.start as usize..events.end as usize]
            );
        }
        for (r, part) in core.shards.iter().zip(&encoded.shards) {
            assert_eq!(part.name, part_file("search", r.hash));
            assert_eq!(decode_shard(&part.bytes, 300).unwrap().terms[0], r.first);
        }
        assert_eq!(encoded.core.name, name_of(Kind::Core, &encoded.core.bytes));
    }
}
