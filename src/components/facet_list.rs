//! One facet (tags, actors, lanes, statuses, source tiers, outlets): its values with live
//! counts, searchable when long, selected values first.

use crate::data::use_data;
use crate::filter_state::use_filter_state;
use leptos::prelude::*;
use timeline_bundle::Facet;

const SHORT: usize = 8;
const LONG: usize = 60;

#[derive(Clone, PartialEq)]
struct Row {
    key: String,
    label: String,
    count: u32,
    selected: bool,
}

#[component]
pub fn FacetList(facet: Facet) -> impl IntoView {
    let data = use_data();
    let state = use_filter_state();
    let title = facet.title();
    let query = RwSignal::new(String::new());
    let expanded = RwSignal::new(false);
    let filter = state.filter;
    let facets = state.facets;
    let total_terms = facet.terms(&data).len();
    let rows = Memo::new(move |_| {
        let q = timeline_bundle::text::fold(query.get().trim());
        let limit = if expanded.get() || !q.is_empty() {
            LONG
        } else {
            SHORT
        };
        let terms = facet.terms(&data);
        facets.with(|c| {
            filter.with(|f| {
                let selected = &f.facets[facet];
                let counts = c.of(facet);
                // Rank term numbers first and build (clone) only the rows shown: a corpus
                // has tens of thousands of tags and actors, and this runs on every filter
                // change, so the best are picked in one pass, not sorted.
                let shown = terms
                    .iter()
                    .zip(counts)
                    .enumerate()
                    .filter_map(|(i, (t, &c))| {
                        let chosen = selected.contains(&t.key);
                        let shown = (c > 0 || chosen)
                            && (q.is_empty()
                                || chosen
                                || timeline_bundle::text::fold(&t.label).contains(&q));
                        shown.then_some((i, c, chosen))
                    });
                let order = |a: &(usize, u32, bool), b: &(usize, u32, bool)| {
                    if facet.natural_order() {
                        return a.0.cmp(&b.0);
                    }
                    b.2.cmp(&a.2)
                        .then(b.1.cmp(&a.1))
                        .then_with(|| terms[a.0].label.cmp(&terms[b.0].label))
                };
                // Chosen values come first and are always shown: room for all of them.
                let (mut ranked, found) = best(shown, limit + selected.keys.len(), order);
                let chosen = ranked.iter().filter(|r| r.2).count();
                ranked.truncate(limit.max(chosen));
                let more = found > limit;
                let rows: Vec<Row> = ranked
                    .into_iter()
                    .map(|(i, count, selected)| Row {
                        key: terms[i].key.clone(),
                        label: terms[i].label.clone(),
                        count,
                        selected,
                    })
                    .collect();
                (rows, more)
            })
        })
    });
    let toggle = move |key: String| state.update(false, |f| f.facets[facet].toggle(&key));
    let id = format!("facet-{}", title.to_ascii_lowercase().replace(' ', "-"));
    let labelledby = id.clone();
    view! {
        <section class="facet" aria-labelledby=labelledby>
            <h3 id=id>{title}</h3>
            {(total_terms > SHORT).then(|| view! {
                <input class="facet-search" type="search" placeholder=format!("Find {}…", facet.noun())
                    aria-label=format!("Find {}", facet.noun())
                    prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
            })}
            <ul class="facet-values">
                // Keyed by place, not by term: as a search narrows, the values shown change
                // on every keystroke, and rewriting a row's texts is far cheaper than
                // replacing the row.
                <For each=move || 0..rows.with(|r| r.0.len()) key=|i| *i let(i)>
                    {
                        let toggle = toggle.clone();
                        // One memo a row: the list memo gets one subscriber per row, and a
                        // row whose value stays the same is not touched.
                        let current = Memo::new(move |_| rows.with(|(list, _)| list.get(i).cloned()));
                        let checked = move || current.with(|r| r.as_ref().is_some_and(|r| r.selected));
                        view! {
                            <li>
                                <label class="facet-value" class:selected=checked>
                                    <input type="checkbox" prop:checked=checked
                                        data-key=move || current.with(|r| r.as_ref().map(|r| r.key.clone()))
                                        on:change=move |ev| {
                                            let Some(r) = current.get_untracked() else { return };
                                            toggle(r.key.clone());
                                            keep_focus_on(&ev, r.key);
                                        }/>
                                    {(facet == Facet::Tier).then(|| view! {
                                        <span class=move || current.with(|r| format!("tier-dot tier-{}", r.as_ref().map_or("", |r| r.key.as_str()))) aria-hidden="true"></span>
                                    })}
                                    <span class="facet-label">{move || current.with(|r| r.as_ref().map(|r| r.label.clone()).unwrap_or_default())}</span>
                                    <span class="facet-count">{move || current.with(|r| r.as_ref().map_or(0, |r| r.count))}</span>
                                </label>
                            </li>
                        }
                    }
                </For>
            </ul>
            <Show when=move || rows.with(|r| r.1) || expanded.get()>
                <button class="link-button" on:click=move |_| expanded.update(|e| *e = !*e)>
                    {move || if expanded.get() { "Show fewer" } else { "Show more" }}
                </button>
            </Show>
            <Show when=move || rows.with(|r| r.0.is_empty())>
                <p class="facet-empty">{format!("No {} here", facet.noun())}</p>
            </Show>
        </section>
    }
}

/// The first `k` of `items` in `order`, in order, and how many items there were: one
/// pass, each item compared with the last of the best so far.
fn best<T>(
    items: impl Iterator<Item = T>,
    k: usize,
    order: impl Fn(&T, &T) -> std::cmp::Ordering,
) -> (Vec<T>, usize) {
    let mut top: Vec<T> = Vec::with_capacity(k + 1);
    let mut found = 0;
    for item in items {
        found += 1;
        if top.len() == k && top.last().is_none_or(|last| order(&item, last).is_ge()) {
            continue;
        }
        let at = top.partition_point(|t| order(t, &item).is_le());
        top.insert(at, item);
        top.truncate(k);
    }
    (top, found)
}

/// Checked values move to the top of their list, and rows are keyed by place: after a
/// toggle, the focus goes to the row that now shows the value, so that a keyboard user
/// stays on what they just checked.
fn keep_focus_on(ev: &leptos::ev::Event, key: String) {
    use wasm_bindgen::JsCast;
    let Some(list) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("ul").ok().flatten())
    else {
        return;
    };
    // Once the list has re-rendered, before it is painted.
    request_animation_frame(move || {
        let Ok(inputs) = list.query_selector_all("input[data-key]") else {
            return;
        };
        let found = (0..inputs.length())
            .filter_map(|i| inputs.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
            .find(|el| el.get_attribute("data-key").as_deref() == Some(key.as_str()));
        if let Some(el) = found {
            let _ = el.focus();
        }
    });
}

#[cfg(test)]
mod tests {
    use super::best;

    #[test]
    fn best_is_the_head_of_the_sorted_items() {
        let items: Vec<(u32, u32)> = (0..500).map(|i| ((i * 7919) % 97, i)).collect();
        let order = |a: &(u32, u32), b: &(u32, u32)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        for k in [0, 1, 8, 60, 500, 600] {
            let mut sorted = items.clone();
            sorted.sort_by(order);
            sorted.truncate(k);
            assert_eq!(
                best(items.iter().copied(), k, order),
                (sorted, 500),
                "k = {k}"
            );
        }
    }
}
