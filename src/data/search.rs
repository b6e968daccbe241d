//! The search index's shards: a query fetches the shards its words need
//! ([`timeline_bundle::search::shards_for`]) and searches once they have all arrived.

use super::store::{PartStore, Slot};
use std::sync::Arc;
use timeline_bundle::search::{query_words, shards_for};
use timeline_bundle::{decode_shard, Bundle, Kind, SearchIndex};

/// Up to this many shards (about a megabyte, a third of it gzip: twice the real corpus's
/// index), every shard is fetched once the first screen is painted, so that the first
/// search answers at once. A larger index (tens of megabytes at 100,000 events) is
/// fetched a query at a time: the service worker still keeps every shard for offline
/// use, but the page's memory holds only what was searched.
const PREFETCH_SHARDS: usize = 24;

/// Whether a query can be answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    Ready,
    /// Some of the shards it needs are on their way.
    Loading,
    /// A shard it needs could not be had, and why.
    Failed(String),
}

#[derive(Clone)]
pub struct Shards {
    store: PartStore<SearchIndex>,
    /// Each shard's first term, in order.
    firsts: Arc<[String]>,
    events: usize,
}

impl Shards {
    pub fn new(core: &Bundle, folder: Arc<str>) -> Self {
        let events = core.events.len();
        Shards {
            store: PartStore::new(
                folder,
                Kind::Search,
                core.shards.iter().map(|s| s.hash).collect(),
                move |_, bytes| decode_shard(bytes, events),
            ),
            firsts: core.shards.iter().map(|s| s.first.clone()).collect(),
            events,
        }
    }

    /// The shards `query` needs, in order, without repeats.
    pub fn needed(&self, query: &str) -> Vec<usize> {
        let firsts: Vec<&str> = self.firsts.iter().map(String::as_str).collect();
        let mut needed: Vec<usize> = query_words(query)
            .iter()
            .flat_map(|w| shards_for(&firsts, w))
            .collect();
        // The app's one sort (`order`), not another copy of the standard library's.
        timeline_bundle::order::sort_items(&mut needed, &|a, b| a.cmp(b));
        needed.dedup();
        needed
    }

    /// Fetches what `needed` lacks (again, if it failed).
    pub fn request(&self, needed: &[usize]) {
        needed.iter().for_each(|&i| self.store.request(i));
    }

    /// Fetches every shard of a small index ([`PREFETCH_SHARDS`]).
    pub fn prefetch(&self) {
        if self.store.len() <= PREFETCH_SHARDS {
            (0..self.store.len()).for_each(|i| self.store.prefetch(i));
        }
    }

    /// Whether `needed` have all arrived, tracked.
    pub fn status(&self, needed: &[usize]) -> Status {
        let mut status = Status::Ready;
        for &i in needed {
            match self.store.slot(i) {
                Slot::Ready(_) => {}
                Slot::Failed(why) => return Status::Failed(why),
                Slot::Absent | Slot::Loading => status = Status::Loading,
            }
        }
        status
    }

    /// `f` of the shards `needed`, once they have all arrived; tracked.
    pub fn with_loaded<R>(
        &self,
        needed: &[usize],
        f: impl FnOnce(&[&SearchIndex]) -> R,
    ) -> Option<R> {
        let loaded: Vec<Arc<SearchIndex>> = needed
            .iter()
            .map(|&i| match self.store.slot(i) {
                Slot::Ready(shard) => Some(shard),
                _ => None,
            })
            .collect::<Option<_>>()?;
        let shards: Vec<&SearchIndex> = loaded.iter().map(|s| &**s).collect();
        Some(f(&shards))
    }

    /// How many events the index covers (the core's).
    pub fn events(&self) -> usize {
        self.events
    }
}
