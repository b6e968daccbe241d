//! A set of parts of one kind (search shards, details chunks), each fetched when first
//! asked for and decoded once. A part's state is a signal, so a view that shows it follows
//! it from loading to ready or failed; a failed part is fetched again when asked again.

use super::fetch;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;
use timeline_bundle::{part_file, DecodeError, Kind};

/// What is known of one part.
pub enum Slot<T> {
    /// Not asked for (or forgotten).
    Absent,
    Loading,
    Ready(Arc<T>),
    /// Why it could not be had: "HTTP 503", "no connection", the decoder's complaint.
    Failed(String),
}

impl<T> Clone for Slot<T> {
    fn clone(&self) -> Self {
        match self {
            Slot::Absent => Slot::Absent,
            Slot::Loading => Slot::Loading,
            Slot::Ready(part) => Slot::Ready(part.clone()),
            Slot::Failed(why) => Slot::Failed(why.clone()),
        }
    }
}

type Decode<T> = dyn Fn(usize, &[u8]) -> Result<T, DecodeError> + Send + Sync;

pub struct PartStore<T: 'static> {
    /// The parts' folder, with its trailing `/` (or empty), as the page names the core.
    folder: Arc<str>,
    kind: Kind,
    hashes: Arc<[u64]>,
    /// Decodes part `i`'s bytes.
    decode: Arc<Decode<T>>,
    slots: ArcRwSignal<Vec<Slot<T>>>,
}

impl<T> Clone for PartStore<T> {
    fn clone(&self) -> Self {
        PartStore {
            folder: self.folder.clone(),
            kind: self.kind,
            hashes: self.hashes.clone(),
            decode: self.decode.clone(),
            slots: self.slots.clone(),
        }
    }
}

impl<T: Send + Sync + 'static> PartStore<T> {
    pub fn new(
        folder: Arc<str>,
        kind: Kind,
        hashes: Vec<u64>,
        decode: impl Fn(usize, &[u8]) -> Result<T, DecodeError> + Send + Sync + 'static,
    ) -> Self {
        let slots = ArcRwSignal::new(hashes.iter().map(|_| Slot::Absent).collect());
        PartStore {
            folder,
            kind,
            hashes: hashes.into(),
            decode: Arc::new(decode),
            slots,
        }
    }

    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    /// Part `i`'s state, tracked: the caller re-runs when it changes.
    pub fn slot(&self, i: usize) -> Slot<T> {
        self.slots
            .with(|s| s.get(i).cloned().unwrap_or(Slot::Absent))
    }

    pub fn slot_untracked(&self, i: usize) -> Slot<T> {
        self.slots
            .with_untracked(|s| s.get(i).cloned().unwrap_or(Slot::Absent))
    }

    /// Fetches part `i` unless it is ready or on its way (a failed part is tried again).
    pub fn request(&self, i: usize) {
        self.start(i, |slot| matches!(slot, Slot::Absent | Slot::Failed(_)));
    }

    /// Fetches part `i` if it was never asked for: a guess at what the reader wants next,
    /// which does not retry what failed.
    pub fn prefetch(&self, i: usize) {
        self.start(i, |slot| matches!(slot, Slot::Absent));
    }

    /// Drops part `i` if it is ready, to bound what is kept.
    pub fn forget(&self, i: usize) {
        self.slots.update(|s| {
            if let Some(slot @ Slot::Ready(_)) = s.get_mut(i) {
                *slot = Slot::Absent;
            }
        });
    }

    fn url(&self, i: usize) -> String {
        [&*self.folder, &part_file(self.kind.name(), self.hashes[i])].concat()
    }

    fn start(&self, i: usize, when: impl Fn(&Slot<T>) -> bool) {
        let due = self.slots.with_untracked(|s| s.get(i).is_some_and(&when));
        if !due {
            return;
        }
        self.slots.update(|s| s[i] = Slot::Loading);
        let url = self.url(i);
        let decode = self.decode.clone();
        let slots = self.slots.clone();
        spawn_local(async move {
            let slot = match fetch::bytes(&url).await {
                Ok(bytes) => match decode(i, &bytes) {
                    Ok(part) => Slot::Ready(Arc::new(part)),
                    Err(e) => Slot::Failed(e.to_string()),
                },
                Err(e) => Slot::Failed(e),
            };
            slots.update(|s| s[i] = slot);
        });
    }
}
