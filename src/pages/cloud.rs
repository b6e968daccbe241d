//! The tag cloud and the actor cloud, weighted by frequency under the current filter,
//! with a sortable table for screen readers and anyone who prefers a list.

use crate::data::use_data;
use crate::filter_state::provide_filter_state;
use crate::format::fixed;
use crate::links::href_with_filter;
use leptos::prelude::*;
use timeline_bundle::html::format_count;
use timeline_bundle::order::sort_items;
use timeline_bundle::{Facet, Filter};

const CLOUD_SIZE: usize = 150;

#[derive(Clone, PartialEq)]
struct Entry {
    key: String,
    label: String,
    count: u32,
}

/// Alphabetical, ignoring case: the labels compared lower-cased letter by letter, with
/// no lower-cased copy of each label made.
fn by_name(a: &Entry, b: &Entry) -> std::cmp::Ordering {
    a.label
        .chars()
        .flat_map(char::to_lowercase)
        .cmp(b.label.chars().flat_map(char::to_lowercase))
}

/// The cloud of a facet's values, at `path` (base-relative, `/tags`).
#[component]
pub fn Cloud(facet: Facet, path: &'static str) -> impl IntoView {
    let data = use_data();
    let state = provide_filter_state(path);
    let filter = state.filter;
    let outcome = state.outcome;
    let noun = facet.noun();
    document().set_title(&format!("{} · {}", facet.title(), data.site.title));
    let entries = Memo::new(move |_| {
        outcome.with(|o| {
            let terms = facet.terms(&data);
            let counts = o.facets.of(facet);
            let mut v: Vec<Entry> = terms
                .iter()
                .zip(counts)
                .filter(|(_, &c)| c > 0)
                .map(|(t, &c)| Entry {
                    key: t.key.clone(),
                    label: t.label.clone(),
                    count: c,
                })
                .collect();
            sort_items(&mut v, &|a, b| {
                b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label))
            });
            v
        })
    });
    let show_table = RwSignal::new(false);
    let sort_by_name = RwSignal::new(false);
    let link = move |key: &str| {
        let mut f: Filter = filter.get_untracked();
        f.choose(facet, key);
        href_with_filter("/", &f)
    };
    let cloud = move || {
        let mut shown: Vec<Entry> =
            entries.with(|all| all.iter().take(CLOUD_SIZE).cloned().collect());
        let max = shown.first().map_or(1, |e| e.count).max(1) as f64;
        let min = shown.last().map_or(1, |e| e.count).max(1) as f64;
        sort_items(&mut shown, &by_name);
        shown
                .into_iter()
                .map(|e| {
                    let w = if max > min { ((e.count as f64).ln() - min.ln()) / (max.ln() - min.ln()) } else { 1.0 };
                    let size = 0.85 + 1.6 * w;
                    let level = (w * 4.0).round() as u8;
                    view! {
                        <li><a href=link(&e.key) class=format!("cloud-term w{level}") style:font-size=fixed(size, 2) + "rem">
                            {e.label.clone()}<span class="visually-hidden">{format!(", {} events", e.count)}</span>
                        </a></li>
                    }
                })
                .collect_view()
    };
    let table = move || {
        let mut rows = entries.get();
        if sort_by_name.get() {
            sort_items(&mut rows, &by_name);
        }
        rows.into_iter()
            .map(|e| view! { <tr><td><a href=link(&e.key)>{e.label.clone()}</a></td><td class="num">{e.count}</td></tr> })
            .collect_view()
    };
    view! {
        <div class="cloud-page">
            <header class="page-header">
                <h1>{facet.title()}</h1>
                <p class="lede">
                    {move || format!("{} {noun} across {} events", format_count(entries.with(|e| e.len())), format_count(outcome.with(|o| o.events.len())))}
                    {move || filter.with(|f| f.is_narrowed()).then_some(" in the current filter")}
                    {move || (entries.with(|e| e.len()) > CLOUD_SIZE && !show_table.get()).then(|| format!("; the {CLOUD_SIZE} most frequent are shown"))}
                </p>
                <div class="segmented" role="group" aria-label="Display">
                    <button class:active=move || !show_table.get() aria-pressed=move || (!show_table.get()).to_string() on:click=move |_| show_table.set(false)>"Cloud"</button>
                    <button class:active=move || show_table.get() aria-pressed=move || show_table.get().to_string() on:click=move |_| show_table.set(true)>"List"</button>
                </div>
            </header>
            <Show when=move || show_table.get() fallback=move || view! { <ul class="cloud" aria-label=format!("{noun}, most frequent largest")>{cloud}</ul> }>
                <table class="term-table">
                    <thead><tr>
                        <th aria-sort=move || if sort_by_name.get() { "ascending" } else { "none" }>
                            <button class="link-button" on:click=move |_| sort_by_name.set(true)>"Name"</button>
                        </th>
                        <th class="num" aria-sort=move || if sort_by_name.get() { "none" } else { "descending" }>
                            <button class="link-button" on:click=move |_| sort_by_name.set(false)>"Events"</button>
                        </th>
                    </tr></thead>
                    <tbody>{table}</tbody>
                </table>
            </Show>
        </div>
    }
}
