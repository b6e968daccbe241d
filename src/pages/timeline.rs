//! The home view: search, facets, chips and the windowed list of events.

use crate::components::chips::Chips;
use crate::components::embed_dialog::EmbedButton;
use crate::components::event_list::EventList;
use crate::components::filter_panel::FilterPanel;
use crate::components::search_box::SearchBox;
use crate::data::use_data;
use crate::state::{use_filter, use_set_filter, SetFilter};
use leptos::prelude::*;
use timeline_bundle::{evaluate, FacetCounts, Filter, Hits, Notice, Outcome, Resolved, Sort};

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

#[component]
pub fn Timeline() -> impl IntoView {
    let data = use_data();
    let (state, notices) = provide_timeline_state("/");
    let total = data.events.len();
    let panel_open = RwSignal::new(false);
    let embedded = crate::embed::embed().on;
    // An embed with `lock=1` shows its fixed filter's events; only the search is the reader's.
    let locked = embedded && crate::embed::embed().lock;
    let outcome = state.outcome;
    let filter = state.filter;
    let count = move || outcome.with(|o| o.events.len());
    let sort_state = state.clone();
    let empty_state = state.clone();
    view! {
        <div class="timeline-page" class:panel-open=move || panel_open.get()>
            {(!locked).then(|| view! {
                <aside class="filters" id="filters" aria-label="Filters">
                    <div class="filters-head">
                        <h2>"Filters"</h2>
                        <button class="icon-button close-filters" on:click=move |_| panel_open.set(false) aria-label="Close filters">"✕"</button>
                    </div>
                    <FilterPanel/>
                </aside>
            })}
            <section class="results" aria-label="Events">
                <div class="toolbar">
                    <SearchBox/>
                    {(!locked).then(|| view! {
                        <button class="button secondary open-filters" on:click=move |_| panel_open.set(true)
                            aria-controls="filters" aria-expanded=move || panel_open.get().to_string()>
                            "Filters"
                        </button>
                    })}
                </div>
                <Notices notices/>
                {(!locked).then(|| view! { <Chips/> })}
                <div class="result-bar">
                    <p class="count" aria-live="polite">
                        <strong>{move || format_count(count())}</strong>
                        {move || if filter.with(|f| f.is_narrowed()) { format!(" of {} events", format_count(total)) } else { " events".to_string() }}
                    </p>
                    <label class="sort">
                        <span>"Order"</span>
                        <select on:change=move |ev| {
                            let v = event_target_value(&ev);
                            sort_state.update(false, |f| f.sort = match v.as_str() {
                                "asc" => Some(Sort::Asc),
                                "relevance" => Some(Sort::Relevance),
                                _ => Some(Sort::Desc),
                            });
                        } prop:value=move || filter.with(|f| f.effective_sort().as_str().to_string())>
                            <option value="desc">"Newest first"</option>
                            <option value="asc">"Oldest first"</option>
                            <option value="relevance" disabled=move || !filter.with(|f| f.has_search())>"Best match"</option>
                        </select>
                    </label>
                    {(!embedded).then(|| view! { <EmbedButton/> })}
                </div>
                <Show when=move || { count() > 0 } fallback=move || view! { <EmptyState state=empty_state.clone()/> }>
                    <EventList/>
                </Show>
            </section>
        </div>
    }
}

/// `1,747`
pub fn format_count(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[component]
fn Notices(notices: Memo<Vec<Notice>>) -> impl IntoView {
    let dismissed = RwSignal::new(Vec::<Notice>::new());
    let visible = move || {
        let gone = dismissed.get();
        notices
            .get()
            .into_iter()
            .filter(|n| !gone.contains(n))
            .collect::<Vec<_>>()
    };
    view! {
        <Show when=move || !visible().is_empty()>
            <div class="notice" role="status">
                <ul>{move || visible().into_iter().map(|n| view! { <li>{n.to_string()}</li> }).collect_view()}</ul>
                <button class="icon-button" aria-label="Dismiss" on:click=move |_| dismissed.set(notices.get_untracked())>"✕"</button>
            </div>
        </Show>
    }
}

#[component]
fn EmptyState(state: TimelineState) -> impl IntoView {
    let locked = crate::embed::embed().on && crate::embed::embed().lock;
    let clear = state.clone();
    let filter = state.filter;
    let suggestion = move || {
        filter.with(|f| {
            if f.has_search()
                && f.is_narrowed()
                && (f.tags.len() + f.actors.len() + f.lanes.len() > 0
                    || f.from.is_some()
                    || f.to.is_some())
            {
                "Try searching all events, or remove a filter."
            } else if f.has_search() {
                "Check the spelling, or try fewer or shorter words: every word must match."
            } else if f.all_tags && f.tags.len() > 1 {
                "No event has all of these tags. Try matching any of them."
            } else {
                "Remove a filter or widen the date range."
            }
        })
    };
    let any_tags = state.clone();
    view! {
        <div class="empty-state">
            <h2>"No events match"</h2>
            <p>{suggestion}</p>
            <div class="empty-actions">
                <Show when=move || filter.with(|f| f.all_tags && f.tags.len() > 1)>
                    {
                        let any_tags = any_tags.clone();
                        view! { <button class="button secondary" on:click=move |_| any_tags.update(false, |f| f.all_tags = false)>"Match any tag"</button> }
                    }
                </Show>
                {if locked {
                    // A locked embed's filter is the embedder's: only the search can go.
                    view! { <button class="button" on:click=move |_| clear.update(false, |f| f.q.clear())>"Clear the search"</button> }.into_any()
                } else {
                    view! { <button class="button" on:click=move |_| clear.update(false, |f| *f = Filter { sort: f.sort, ..Filter::default() })>"Clear all filters"</button> }.into_any()
                }}
            </div>
        </div>
    }
}
