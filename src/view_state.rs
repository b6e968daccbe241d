//! The state that a view of the filtered corpus (the timeline, the clouds) shares: the
//! live filter and the URL it is written to, the search hits, the outcome, and the filter
//! panel's counts.

use crate::data::use_data;
use crate::state::{use_filter, use_set_filter, SetFilter};
use leptos::prelude::*;
use timeline_bundle::{evaluate, FacetCounts, Filter, Hits, Notice, Outcome, Resolved};

/// What the timeline's widgets share: the filter, the search hits, the outcome, the
/// filter panel's counts, and the way to change the filter.
#[derive(Clone)]
pub struct TimelineState {
    pub filter: Memo<Filter>,
    pub hits: Memo<Hits>,
    pub outcome: Memo<Outcome>,
    /// The outcome's facet counts, for the filter panel, one frame behind the outcome:
    /// the list and its count are painted first, and the panel's hundred numbers in the
    /// next frame, so that neither frame holds both.
    pub facets: ReadSignal<FacetCounts>,
    live: RwSignal<Filter>,
    url: UrlWriter,
}

impl TimelineState {
    /// Changes a copy of the filter: the view follows at once, the URL right after the
    /// next paint. `replace` (typing) rewrites the history entry; otherwise (a click) a new
    /// entry is added, so that back undoes it.
    pub fn update(&self, replace: bool, change: impl FnOnce(&mut Filter)) {
        let mut f = self.live.get_untracked();
        change(&mut f);
        self.live.set(f);
        self.url.schedule(self.live, replace);
    }
}

/// Writes the filter to the URL after the frame that shows it has been painted. A
/// navigation costs a few milliseconds (the History API and the router's own signals),
/// which would otherwise come before the reader sees the results of a keystroke.
#[derive(Clone, Copy)]
struct UrlWriter {
    set: StoredValue<SetFilter>,
    /// `Some(replace)` while a write is due; a due click (`false`) outranks typing.
    due: StoredValue<Option<bool>>,
}

impl UrlWriter {
    fn schedule(self, live: RwSignal<Filter>, replace: bool) {
        let was_due = self.due.get_value();
        self.due
            .set_value(Some(was_due.map_or(replace, |r| r && replace)));
        if was_due.is_some() {
            return;
        }
        crate::dom::after_next_paint(move || self.flush(live));
    }

    fn flush(self, live: RwSignal<Filter>) {
        // `try_`: the view may have gone (a link was followed) since the write was due.
        if let (Some(Some(replace)), Some(f)) = (self.due.try_get_value(), live.try_get_untracked())
        {
            self.due.set_value(None);
            self.set.with_value(|set| set.apply(&f, replace));
        }
    }

    /// The URL changed by itself (back, forward, a link): a write still due is stale.
    fn cancel(self) {
        self.due.try_set_value(None);
    }
}

pub fn use_timeline() -> TimelineState {
    expect_context::<TimelineState>()
}

/// Builds the shared state for a view of the filtered corpus (the timeline and clouds).
pub fn provide_timeline_state(path: &'static str) -> (TimelineState, Memo<Vec<Notice>>) {
    let data = use_data();
    let parsed = use_filter();
    // The filter the view shows: the URL's, and ahead of it while a change waits to be
    // written there.
    let live = RwSignal::new(parsed.with_untracked(|p| p.0.clone()));
    let url = UrlWriter {
        set: StoredValue::new(use_set_filter(path)),
        due: StoredValue::new(None),
    };
    Effect::new(move |_| {
        let from_url = parsed.with(|p| p.0.clone());
        // Compared as printed: a URL that says the same thing differently changes nothing.
        if live.with_untracked(|l| l.to_query()) != from_url.to_query() {
            url.cancel();
            live.set(from_url);
        }
    });
    let filter = Memo::new(move |_| live.get());
    let hits = {
        let data = data.clone();
        Memo::new(move |_| {
            let q = filter.with(|f| f.q.clone());
            data.search.search(&q, data.events.len())
        })
    };
    let resolved = {
        let data = data.clone();
        Memo::new(move |_| filter.with(|f| Resolved::new(f, &data)))
    };
    let outcome = Memo::new(move |_| {
        let started = crate::dom::now_ms();
        let sort = filter.with(|f| f.effective_sort());
        let out = resolved.with(|(r, _)| hits.with(|h| evaluate(&data, r, Some(h), sort)));
        record_update_time(crate::dom::now_ms() - started);
        out
    });
    let notices = Memo::new(move |_| {
        let mut all = parsed.with(|p| p.1.clone());
        all.extend(resolved.with(|r| r.1.clone()));
        all
    });
    on_cleanup(move || url.cancel());
    let state = TimelineState {
        filter,
        hits,
        outcome,
        facets: deferred_facets(outcome),
        live,
        url,
    };
    provide_context(state.clone());
    (state, notices)
}

/// The outcome's facet counts, updated after the frame that paints the outcome's list.
fn deferred_facets(outcome: Memo<Outcome>) -> ReadSignal<FacetCounts> {
    let facets = RwSignal::new(outcome.with_untracked(|o| o.facets.clone()));
    let due = StoredValue::new(false);
    Effect::new(move |_| {
        outcome.track();
        if due.get_value() {
            return;
        }
        due.set_value(true);
        crate::dom::after_next_paint(move || {
            due.try_set_value(false);
            // `try_`: the view may be gone by then.
            let Some(latest) = outcome.try_with_untracked(|o| o.facets.clone()) else {
                return;
            };
            if facets.try_with_untracked(|f| *f != latest) == Some(true) {
                facets.try_set(latest);
            }
        });
    });
    facets.read_only()
}

/// Keeps the last filter-update times where the benchmark can read them
/// (`window.timelineUpdateMs`).
fn record_update_time(ms: f64) {
    let win = window();
    let key = wasm_bindgen::JsValue::from_str("timelineUpdateMs");
    let list = js_sys::Reflect::get(&win, &key)
        .ok()
        .filter(|v| v.is_object())
        .unwrap_or_else(|| {
            let a = js_sys::Array::new();
            let _ = js_sys::Reflect::set(&win, &key, &a);
            a.into()
        });
    wasm_bindgen::JsCast::unchecked_into::<js_sys::Array>(list).push(&ms.into());
}
