//! The timeline's data, in the parts the build wrote (`bundle/` beside the page): the core
//! the page names ([`core`]: what the list, the filters and the counts need, decoded in
//! slices), the search index's shards ([`search`], fetched as queries need them) and the
//! details chunks ([`details`], fetched when an event page or a row asks). [`Data`] holds
//! them and is shared by context.

mod core;
pub mod details;
mod fetch;
pub mod search;
mod store;

use leptos::prelude::*;
use std::sync::Arc;
use timeline_bundle::{evaluate, Bundle, Filter, Outcome, Resolved};

/// The loaded core, with the stores of the parts fetched on demand.
#[derive(Clone)]
pub struct Data {
    core: Arc<Bundle>,
    pub search: search::Shards,
    pub details: details::Chunks,
    /// What the unfiltered timeline shows, worked out in a task of its own before the
    /// first render (at 100,000 events the pass over every event is a third of it).
    pub unfiltered: Arc<Outcome>,
}

impl std::ops::Deref for Data {
    type Target = Bundle;
    fn deref(&self) -> &Bundle {
        &self.core
    }
}

/// The data, for views under the loaded app.
pub fn use_data() -> Data {
    expect_context::<Data>()
}

/// Fetches and decodes the core the page names; the error says what a reader can do.
pub async fn load() -> Result<Data, String> {
    let started = crate::dom::now_ms();
    let name = crate::dom::meta("timeline-bundle").ok_or(
        "This page was built without its data (no bundle is named in it). Rebuild the site.",
    )?;
    let core = Arc::new(core::load(&name).await?);
    leptos::logging::log!(
        "timeline: {} events, core loaded and decoded in {} ms",
        core.events.len(),
        // Whole milliseconds as an integer: float formatting would add kilobytes to the app.
        (crate::dom::now_ms() - started) as u64
    );
    // The other parts are in the core's folder (relative to the document's base, as the
    // page names the core), `bundle/` as the build writes it.
    let folder: Arc<str> = name[..name.rfind('/').map_or(0, |i| i + 1)].into();
    let unfiltered = {
        let filter = Filter::default();
        let (resolved, _) = Resolved::new(&filter, &core);
        Arc::new(evaluate(&core, &resolved, None, filter.effective_sort()))
    };
    crate::dom::next_task().await;
    Ok(Data {
        unfiltered,
        search: search::Shards::new(&core, folder.clone()),
        details: details::Chunks::new(core.clone(), folder),
        core,
    })
}
