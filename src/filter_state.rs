//! The filtered corpus a view shows (the timeline, the clouds): the filter read from the
//! URL, the live filter that runs ahead of it for a frame, the writer that puts it back in
//! the URL, and what follows from the filter (search hits, the outcome, the panel's
//! counts). The URL is the state: back, forward, reload and sharing work because every
//! change ends in it.

use crate::data::search::Status;
use crate::data::use_data;
use crate::router::{use_location, Location, Navigate};
use leptos::prelude::*;
use timeline_bundle::search::{query_words, search_from};
use timeline_bundle::{evaluate, FacetCounts, Filter, Hits, Notice, Outcome, Resolved};

/// What a view's widgets share: the filter, the search's words and status, the outcome,
/// the filter panel's counts, the notices about what the URL held that could not be used,
/// and the way to change the filter.
#[derive(Clone)]
pub struct FilterState {
    pub filter: Memo<Filter>,
    /// The query's folded words, which the rows mark.
    pub words: Memo<Vec<String>>,
    /// Whether the search index's shards the query needs have arrived (until they have,
    /// nothing matches the search).
    pub search: Memo<Status>,
    pub outcome: Memo<Outcome>,
    /// The outcome's facet counts, for the filter panel, one frame behind the outcome:
    /// the list and its count are painted first, and the panel's hundred numbers in the
    /// next frame, so that neither frame holds both.
    pub facets: ReadSignal<FacetCounts>,
    pub notices: Memo<Vec<Notice>>,
    live: RwSignal<Filter>,
    url: UrlWriter,
}

impl FilterState {
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

/// The filter a view's widgets read, provided by the view.
pub fn use_filter_state() -> FilterState {
    expect_context::<FilterState>()
}

/// The current URL's filter, and notices about what it ignored.
fn url_filter() -> Memo<(Filter, Vec<Notice>)> {
    let location = use_location();
    Memo::new(move |_| Filter::parse(&location.search.get()))
}

/// Writes the filter to the URL after the frame that shows it has been painted. A
/// navigation costs a few milliseconds (the History API and the router's own signals),
/// which would otherwise come before the reader sees the results of a keystroke.
#[derive(Clone, Copy)]
struct UrlWriter {
    /// The view's path (`/`, `/tags`), which the written URL keeps.
    path: &'static str,
    location: Location,
    /// `Some(replace)` while a write is due; a due click (`false`) outranks typing.
    due: StoredValue<Option<bool>>,
}

impl UrlWriter {
    fn new(path: &'static str) -> Self {
        UrlWriter {
            path,
            location: use_location(),
            due: StoredValue::new(None),
        }
    }

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
            let url = crate::view_state::keep(
                self.location,
                crate::links::route_with_filter(self.path, &f),
            );
            let how = Navigate {
                replace,
                scroll: false,
            };
            self.location.navigate(&url, how);
        }
    }

    /// The URL changed by itself (back, forward, a link): a write still due is stale.
    fn cancel(self) {
        self.due.try_set_value(None);
    }
}

/// Builds and provides the filter state of a view at `path` (base-relative: `/`, `/tags`).
pub fn provide_filter_state(path: &'static str) -> FilterState {
    let data = use_data();
    let parsed = url_filter();
    // The filter the view shows: the URL's, and ahead of it while a change waits to be
    // written there.
    let live = RwSignal::new(parsed.with_untracked(|p| p.0.clone()));
    let url = UrlWriter::new(path);
    Effect::new(move |_| {
        let from_url = parsed.with(|p| p.0.clone());
        // Compared as printed: a URL that says the same thing differently changes nothing.
        if live.with_untracked(|l| l.to_query()) != from_url.to_query() {
            url.cancel();
            live.set(from_url);
        }
    });
    let filter = Memo::new(move |_| live.get());
    let query = Memo::new(move |_| filter.with(|f| f.q.clone()));
    let words = Memo::new(move |_| query.with(|q| query_words(q)));
    let shards = data.search.clone();
    let needed = Memo::new(move |_| query.with(|q| shards.needed(q)));
    let shards = data.search.clone();
    // The query's shards are fetched first, before any prefetch.
    Effect::new(move |_| needed.with(|n| shards.request(n)));
    let shards = data.search.clone();
    let search = Memo::new(move |_| needed.with(|n| shards.status(n)));
    // `None` until the shards the query needs have arrived. Each keystroke that only types
    // on the last word narrows the hits before it (`search_from`).
    let shards = data.search.clone();
    let hits = Memo::new(move |prev: Option<&Option<Hits>>| {
        let prev = prev.and_then(Option::as_ref);
        query.with(|q| {
            needed.with(|n| {
                shards.with_loaded(n, |loaded| search_from(loaded, prev, q, shards.events()))
            })
        })
    });
    let resolved = {
        let data = data.clone();
        Memo::new(move |_| filter.with(|f| Resolved::new(f, &data)))
    };
    let recent = StoredValue::new(Recent::default());
    let unfiltered = Filter::default().to_query();
    let outcome = Memo::new(move |prev: Option<&Outcome>| {
        // From here: the search (the hits memo runs when read) and the engine.
        let started = crate::dom::now_ms();
        let (searching, key) = filter.with(|f| (f.has_search(), f.to_query()));
        hits.with(|h| {
            let pending = searching && h.is_none();
            if let (true, Some(prev)) = (pending, prev) {
                // While the new query's shards are on their way the list keeps what it
                // showed (the search box says what it waits for), rather than flashing empty.
                return prev.clone();
            }
            let known = if key == unfiltered {
                // Worked out once, after decoding; never pushed out by the recent ones.
                Some((*data.unfiltered).clone())
            } else {
                recent.with_value(|r| r.get(&key)).filter(|_| !pending)
            };
            let out = known.unwrap_or_else(|| {
                let sort = filter.with(|f| f.effective_sort());
                let out = resolved.with(|(r, _)| evaluate(&data, r, h.as_ref(), sort));
                if !pending {
                    recent.update_value(|r| r.put(key, out.clone()));
                }
                out
            });
            record_update_time(crate::dom::now_ms() - started);
            out
        })
    });
    let notices = Memo::new(move |_| {
        let mut all = parsed.with(|p| p.1.clone());
        all.extend(resolved.with(|r| r.1.clone()));
        all
    });
    on_cleanup(move || url.cancel());
    let state = FilterState {
        filter,
        words,
        search,
        outcome,
        facets: deferred_facets(outcome),
        notices,
        live,
        url,
    };
    provide_context(state.clone());
    state
}

/// The last few outcomes, by the filter that gave them (printed as a query): clearing a
/// search or going back to a filter shows a list already worked out (at 100,000 events
/// the whole list costs more than any search).
#[derive(Default)]
struct Recent(std::collections::VecDeque<(String, Outcome)>);

impl Recent {
    const KEEP: usize = 4;

    fn get(&self, key: &str) -> Option<Outcome> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, o)| o.clone())
    }

    fn put(&mut self, key: String, outcome: Outcome) {
        if self.0.len() == Self::KEEP {
            self.0.pop_front();
        }
        self.0.push_back((key, outcome));
    }
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
/// (`window.timelineUpdateMs`, read by `tests/e2e/measure/bench.mjs`).
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
