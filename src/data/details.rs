//! The details chunks: an event page fetches its event's chunk, a row prefetches it when
//! the pointer or the focus reaches it. At most [`KEEP`] chunks stay in memory.

use super::store::{PartStore, Slot};
use std::collections::VecDeque;
use std::ops::Deref;
use std::sync::{Arc, Mutex};
use timeline_bundle::html::event::Shown;
use timeline_bundle::{decode_chunk, Bundle, Details, Kind};

/// Chunks kept, the most recently asked for: a reader hovering down a long list fetches a
/// chunk every few dozen rows, and an hour of it should not fill the memory.
const KEEP: usize = 64;

/// An event's details, or where they are.
#[derive(Clone)]
pub enum Loaded {
    Loading,
    Ready(EventDetails),
    /// Why the chunk could not be had.
    Failed(String),
}

impl Loaded {
    /// As the shared markup takes it ([`timeline_bundle::html::event::Shown`]): the details,
    /// or why there are none yet.
    pub fn shown(&self) -> Shown<'_> {
        match self {
            Loaded::Ready(d) => Shown::Ready(d),
            Loaded::Loading => Shown::Loading,
            Loaded::Failed(why) => Shown::Failed(why),
        }
    }
}

/// One event's details, in its chunk.
#[derive(Clone)]
pub struct EventDetails {
    chunk: Arc<Vec<Details>>,
    at: usize,
}

impl Deref for EventDetails {
    type Target = Details;
    fn deref(&self) -> &Details {
        &self.chunk[self.at]
    }
}

#[derive(Clone)]
pub struct Chunks {
    store: PartStore<Vec<Details>>,
    core: Arc<Bundle>,
    /// Chunk numbers, the most recently asked for last.
    recent: Arc<Mutex<VecDeque<usize>>>,
}

impl Chunks {
    pub fn new(core: Arc<Bundle>, folder: Arc<str>) -> Self {
        let sizes: Vec<usize> = (0..core.chunks.len())
            .map(|i| core.chunk_events(i).len())
            .collect();
        Chunks {
            store: PartStore::new(
                folder,
                Kind::Details,
                core.chunks.iter().map(|c| c.hash).collect(),
                move |i, bytes| decode_chunk(bytes, sizes[i]),
            ),
            core,
            recent: Arc::default(),
        }
    }

    fn chunk_of(&self, n: usize) -> usize {
        self.core.chunk_of(n as u32)
    }

    /// Fetches event `n`'s chunk for its page (again, if it failed).
    pub fn open(&self, n: usize) {
        let i = self.chunk_of(n);
        self.touch(i);
        self.store.request(i);
    }

    /// Fetches event `n`'s chunk ahead of its page, once.
    pub fn prefetch(&self, n: usize) {
        let i = self.chunk_of(n);
        if matches!(self.store.slot_untracked(i), Slot::Absent) {
            self.touch(i);
            self.store.prefetch(i);
        }
    }

    /// Event `n`'s details, tracked.
    pub fn get(&self, n: usize) -> Loaded {
        let i = self.chunk_of(n);
        match self.store.slot(i) {
            Slot::Ready(chunk) => Loaded::Ready(EventDetails {
                chunk,
                at: n - self.core.chunks[i].first as usize,
            }),
            Slot::Failed(why) => Loaded::Failed(why),
            Slot::Absent | Slot::Loading => Loaded::Loading,
        }
    }

    /// Marks chunk `i` as the most recently asked for, and forgets the oldest beyond
    /// [`KEEP`].
    fn touch(&self, i: usize) {
        let old: Vec<usize> = {
            let mut recent = self.recent.lock().unwrap_or_else(|e| e.into_inner());
            recent.retain(|&r| r != i);
            recent.push_back(i);
            let over = recent.len().saturating_sub(KEEP);
            recent.drain(..over).collect()
        };
        old.into_iter().for_each(|o| self.store.forget(o));
    }
}
