//! One facet (tags, actors, lanes, statuses, source tiers, outlets): its values with live
//! counts, searchable when long, selected values first. The values are one piece of HTML
//! with one listener (a reactive row each cost 7 kB of gzipped WebAssembly).

use crate::data::use_data;
use crate::dom::{clicked, closest, refocus};
use crate::filter_state::use_filter_state;
use leptos::prelude::*;
use timeline_bundle::html::{push_escaped, push_int};
use timeline_bundle::{Facet, Term};

const SHORT: usize = 8;
const LONG: usize = 60;

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
    let noun = facet.noun();
    let tiers = facet == Facet::Tier;
    // The values as one piece of HTML, rewritten as a whole when they change (at most 60
    // rows): far less WebAssembly than a reactive row each.
    let body = Memo::new(move |_| {
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
                let more = found > limit || expanded.get();
                body_html(terms, &ranked, more, expanded.get(), tiers, noun)
            })
        })
    });
    let toggle = move |key: String| state.update(false, |f| f.facets[facet].toggle(&key));
    let id = format!("facet-{}", title.to_ascii_lowercase().replace(' ', "-"));
    let labelledby = id.clone();
    let on_change = move |ev: leptos::ev::Event| {
        let Some(key) = closest(&ev, "input[data-key]").and_then(|el| el.get_attribute("data-key"))
        else {
            return;
        };
        toggle(key.clone());
        // Checked values move to the top of the list, which is written anew: the focus
        // goes to the row that now shows the value, so that a keyboard user stays on what
        // they just checked.
        refocus(&ev, "data-key", key);
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if clicked(&ev, "data-more").is_some() {
            expanded.update(|e| *e = !*e);
        }
    };
    view! {
        <section class="facet" aria-labelledby=labelledby>
            <h3 id=id>{title}</h3>
            {(total_terms > SHORT).then(|| view! {
                <input class="facet-search" type="search" placeholder=format!("Find {}…", facet.noun())
                    aria-label=format!("Find {}", facet.noun())
                    prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
            })}
            <div inner_html=body on:change=on_change on:click=on_click></div>
        </section>
    }
}

/// The values `ranked` (term number, count, chosen) of `terms`, then "Show more" or "Show
/// fewer" when `toggle`, or the line that says there is none.
fn body_html(
    terms: &[Term],
    ranked: &[(usize, u32, bool)],
    toggle: bool,
    expanded: bool,
    tiers: bool,
    noun: &str,
) -> String {
    let mut h = String::from("<ul class=\"facet-values\">");
    for &(i, count, selected) in ranked {
        let (key, label) = (&terms[i].key, &terms[i].label);
        h.push_str("<li><label class=\"facet-value");
        if selected {
            h.push_str(" selected");
        }
        h.push_str("\"><input type=\"checkbox\" data-key=\"");
        push_escaped(&mut h, key);
        h.push('"');
        if selected {
            h.push_str(" checked");
        }
        h.push('>');
        if tiers {
            h.push_str("<span class=\"tier-dot tier-");
            push_escaped(&mut h, key);
            h.push_str("\" aria-hidden=\"true\"></span>");
        }
        h.push_str("<span class=\"facet-label\">");
        push_escaped(&mut h, label);
        h.push_str("</span><span class=\"facet-count\">");
        push_int(&mut h, u64::from(count));
        h.push_str("</span></label></li>");
    }
    h.push_str("</ul>");
    if toggle {
        h.push_str("<button class=\"link-button\" data-more>");
        h.push_str(if expanded { "Show fewer" } else { "Show more" });
        h.push_str("</button>");
    }
    if ranked.is_empty() {
        h.push_str("<p class=\"facet-empty\">No ");
        h.push_str(noun);
        h.push_str(" here</p>");
    }
    h
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
