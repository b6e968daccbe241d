//! The home view: search, facets, chips and the windowed list of events.

use crate::components::chips::Chips;
use crate::components::embed_dialog::EmbedButton;
use crate::components::event_list::EventList;
use crate::components::export_menu::ExportMenu;
use crate::components::filter_panel::FilterPanel;
use crate::components::search_box::SearchBox;
use crate::data::search::Status;
use crate::data::use_data;
use crate::dom::{clicked, closest};
use crate::filter_state::{provide_filter_state, FilterState};
use crate::view_state::DensityToggle;
use leptos::prelude::*;
use timeline_bundle::html::{count_inner, intro_inner, push_escaped};
use timeline_bundle::{Facet, Filter, Notice, Sort};

#[component]
pub fn Timeline() -> impl IntoView {
    let data = use_data();
    let state = provide_filter_state("/");
    let notices = state.notices;
    let total = data.events.len();
    let panel_open = RwSignal::new(false);
    drawer_behaviour(panel_open);
    let panel_ready = RwSignal::new(false);
    crate::dom::after_next_paint(move || {
        panel_ready.try_set(true);
    });
    let embedded = crate::embed::embed().on;
    let intro = intro_inner(&data.site, data.events.len(), data.years());
    // An embed with `lock=1` shows its fixed filter's events; only the search is the reader's.
    let locked = embedded && crate::embed::embed().lock;
    let outcome = state.outcome;
    let filter = state.filter;
    let search = state.search;
    let count = move || outcome.with(|o| o.events.len());
    let sort_state = state.clone();
    let empty_state = state.clone();
    view! {
        <div class="timeline-page" class:panel-open=move || panel_open.get()
            on:click=move |ev: leptos::ev::MouseEvent| {
                // A tap on the dimmed page behind the open drawer closes it (the page is
                // inert then: the tap reaches this element, never a row).
                if panel_open.get_untracked() && closest(&ev, ".filters, .open-filters").is_none() {
                    ev.prevent_default();
                    panel_open.set(false);
                }
            }>
            {(!locked).then(|| view! {
                <aside class="filters" id="filters" aria-label="Filters">
                    <div class="filters-head">
                        <h2>"Filters"</h2>
                        <button class="icon-button close-filters" on:click=move |_| panel_open.set(false) aria-label="Close filters">"✕"</button>
                    </div>
                    // The panel after the first rows: they are what the reader waits for,
                    // and the panel's box keeps its size either way (no shift).
                    <Show when=move || panel_ready.get()><FilterPanel/></Show>
                </aside>
            })}
            <section class="results" aria-label="Events">
                // The site's identity, as the build's first screen writes it (not in an
                // embed, whose slim header names the site).
                {(!embedded).then(|| view! { <div class="intro" inner_html=intro.clone()></div> })}
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
                    // No number while the search waits for its index: "0" would be wrong.
                    <p class="count" aria-live="polite" inner_html=move || count_inner(
                        search.with(|s| *s == Status::Ready).then(count),
                        total,
                        filter.with(|f| f.is_narrowed()),
                    )></p>
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
                    <DensityToggle/>
                    <ExportMenu events=Signal::derive(move || outcome.with(|o| o.events.clone()))/>
                    {(!embedded).then(|| view! { <EmbedButton/> })}
                </div>
                <Show when=move || { count() > 0 } fallback=move || if search.with(|s| *s == Status::Ready) {
                    view! { <EmptyState state=empty_state.clone()/> }.into_any()
                } else {
                    // The search box says what the search waits for; the list keeps its place.
                    view! { <div class="search-waiting"></div> }.into_any()
                }>
                    <EventList/>
                </Show>
            </section>
        </div>
    }
}

#[component]
fn Notices(notices: Memo<Vec<Notice>>) -> impl IntoView {
    let dismissed = RwSignal::new(Vec::<Notice>::new());
    let inner = Memo::new(move |_| {
        let gone = dismissed.get();
        let mut h = String::new();
        notices.with(|all| {
            for n in all.iter().filter(|n| !gone.contains(n)) {
                h.push_str(if h.is_empty() {
                    "<div class=\"notice\" role=\"status\"><ul><li>"
                } else {
                    "<li>"
                });
                push_escaped(&mut h, &n.to_string());
                h.push_str("</li>");
            }
        });
        if !h.is_empty() {
            h.push_str(
                "</ul><button class=\"icon-button\" aria-label=\"Dismiss\">✕</button></div>",
            );
        }
        h
    });
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if closest(&ev, ".icon-button").is_some() {
            dismissed.set(notices.get_untracked());
        }
    };
    view! { <div inner_html=inner on:click=on_click></div> }
}

#[component]
fn EmptyState(state: FilterState) -> impl IntoView {
    let locked = crate::embed::embed().on && crate::embed::embed().lock;
    let filter = state.filter;
    let inner = Memo::new(move |_| {
        filter.with(|f| {
            let suggestion = if f.has_search()
                && f.is_narrowed()
                && (f.facets.0.iter().any(|s| !s.keys.is_empty())
                    || f.from.is_some()
                    || f.to.is_some())
            {
                "Try searching all events, or remove a filter."
            } else if f.has_search() {
                "Check the spelling, or try fewer or shorter words: every word must match."
            } else if all_required(f) {
                "No event has all of these tags. Try matching any of them."
            } else {
                "Remove a filter or widen the date range."
            };
            let mut h = String::from("<h2>No events match</h2><p>");
            h.push_str(suggestion);
            h.push_str("</p><div class=\"empty-actions\">");
            if all_required(f) {
                h.push_str(
                    "<button class=\"button secondary\" data-action=\"any\">Match any tag</button>",
                );
            }
            // A locked embed's filter is the embedder's: only the search can go.
            h.push_str(if locked {
                "<button class=\"button\" data-action=\"clear\">Clear the search</button></div>"
            } else {
                "<button class=\"button\" data-action=\"clear\">Clear all filters</button></div>"
            });
            h
        })
    });
    let on_click = move |ev: leptos::ev::MouseEvent| match clicked(&ev, "data-action").as_deref() {
        Some("any") => state.update(false, |f| f.facets[Facet::Tag].all = false),
        Some("clear") if locked => state.update(false, |f| f.q.clear()),
        Some("clear") => state.update(false, |f| {
            *f = Filter {
                sort: f.sort,
                ..Filter::default()
            }
        }),
        _ => {}
    };
    view! { <div class="empty-state" inner_html=inner on:click=on_click></div> }
}

/// Whether the filter asks for events with all of several tags.
fn all_required(f: &Filter) -> bool {
    let tags = &f.facets[Facet::Tag];
    tags.all && tags.keys.len() > 1
}

/// The phone's filter drawer as a modal: while it is open the page behind it is inert (no
/// focus, no taps reach it), the focus is in the drawer (on its close button), and Esc
/// closes it; closing gives the focus back to the Filters button that opened it.
fn drawer_behaviour(open: RwSignal<bool>) {
    let set_inert = |inert: bool| {
        let doc = document();
        for selector in [".site-header", ".site-footer", ".results", ".skip-link"] {
            if let Ok(Some(el)) = doc.query_selector(selector) {
                let _ = if inert {
                    el.set_attribute("inert", "")
                } else {
                    el.remove_attribute("inert")
                };
            }
        }
    };
    let focus = |selector: &'static str| {
        crate::dom::after_next_paint(move || crate::dom::focus(selector));
    };
    Effect::new(move |was: Option<bool>| {
        let is = open.get();
        if was.is_some() && was != Some(is) {
            set_inert(is);
            focus(if is {
                ".close-filters"
            } else {
                ".open-filters"
            });
        }
        is
    });
    let esc = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && open.get_untracked() {
            ev.prevent_default();
            open.set(false);
        }
    });
    on_cleanup(move || {
        esc.remove();
        set_inert(false);
    });
}
