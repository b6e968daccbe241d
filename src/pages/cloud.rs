//! The tag cloud and the actor cloud, weighted by frequency under the current filter,
//! with a sortable table for screen readers and anyone who prefers a list.

use crate::data::use_data;
use crate::filter_state::provide_filter_state;
use crate::links::href_with_filter;
use leptos::prelude::*;
use leptos_router::components::A;
use timeline_bundle::html::format_count;
use timeline_bundle::{Facet, Filter};

const CLOUD_SIZE: usize = 150;

#[derive(Clone, PartialEq)]
struct Entry {
    key: String,
    label: String,
    count: u32,
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
            v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
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
        shown.sort_by_key(|e| e.label.to_lowercase());
        shown
                .into_iter()
                .map(|e| {
                    let w = if max > min { ((e.count as f64).ln() - min.ln()) / (max.ln() - min.ln()) } else { 1.0 };
                    let size = 0.85 + 1.6 * w;
                    let level = (w * 4.0).round() as u8;
                    view! {
                        <li><A href=link(&e.key) attr:class=format!("cloud-term w{level}") style:font-size=format!("{size:.2}rem")>
                            {e.label.clone()}<span class="visually-hidden">{format!(", {} events", e.count)}</span>
                        </A></li>
                    }
                })
                .collect_view()
    };
    let table = move || {
        let mut rows = entries.get();
        if sort_by_name.get() {
            rows.sort_by_key(|e| e.label.to_lowercase());
        }
        rows.into_iter()
            .map(|e| view! { <tr><td><A href=link(&e.key)>{e.label.clone()}</A></td><td class="num">{e.count}</td></tr> })
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
