//! The active filters as removable chips, with "Clear all".

use crate::data::use_data;
use crate::view_state::use_timeline;
use leptos::prelude::*;
use timeline_bundle::{Filter, Term};

/// One removable filter: its words and how to take it out of a filter.
struct Chip {
    kind: &'static str,
    label: String,
    remove: Box<dyn Fn(&mut Filter) + Send + Sync>,
}

fn label_of(terms: &[Term], key: &str) -> String {
    terms
        .iter()
        .find(|t| t.key == key)
        .map_or_else(|| key.to_string(), |t| t.label.clone())
}

fn chips(f: &Filter, data: &timeline_bundle::Bundle) -> Vec<Chip> {
    let mut out = Vec::new();
    if f.has_search() {
        out.push(Chip {
            kind: "Search",
            label: format!("“{}”", f.q.trim()),
            remove: Box::new(|f| f.q.clear()),
        });
    }
    for (kind, keys, terms, pick) in [
        (
            "Tag",
            &f.tags,
            &data.tags,
            (|f: &mut Filter| &mut f.tags) as fn(&mut Filter) -> &mut Vec<String>,
        ),
        ("Actor", &f.actors, &data.actors, |f: &mut Filter| {
            &mut f.actors
        }),
        ("Lane", &f.lanes, &data.lanes, |f: &mut Filter| &mut f.lanes),
        ("Status", &f.statuses, &data.statuses, |f: &mut Filter| {
            &mut f.statuses
        }),
    ] {
        for key in keys {
            let k = key.clone();
            out.push(Chip {
                kind,
                label: label_of(terms, key),
                remove: Box::new(move |f| pick(f).retain(|x| *x != k)),
            });
        }
    }
    if f.all_tags && f.tags.len() > 1 {
        out.push(Chip {
            kind: "Tags",
            label: "all must match".into(),
            remove: Box::new(|f| f.all_tags = false),
        });
    }
    for &t in &f.tiers {
        out.push(Chip {
            kind: "Source tier",
            label: t.to_string(),
            remove: Box::new(move |f| f.tiers.retain(|x| *x != t)),
        });
    }
    if let Some(m) = f.min_importance {
        out.push(Chip {
            kind: "Importance",
            label: format!("{m} or more"),
            remove: Box::new(|f| f.min_importance = None),
        });
    }
    if let Some(d) = f.from {
        out.push(Chip {
            kind: "From",
            label: d.human(),
            remove: Box::new(|f| f.from = None),
        });
    }
    if let Some(d) = f.to {
        out.push(Chip {
            kind: "To",
            label: d.human(),
            remove: Box::new(|f| f.to = None),
        });
    }
    out
}

#[component]
pub fn Chips() -> impl IntoView {
    let data = use_data();
    let state = use_timeline();
    let filter = state.filter;
    let list = move || filter.with(|f| chips(f, &data));
    let clear_state = state.clone();
    view! {
        <Show when=move || filter.with(|f| f.is_narrowed())>
            <ul class="chips" aria-label="Active filters">
                {
                    let state = state.clone();
                    let list = list.clone();
                    move || list().into_iter().map(|chip| {
                        let state = state.clone();
                        let Chip { kind, label, remove } = chip;
                        let name = format!("Remove filter {kind}: {label}");
                        view! {
                            <li class="chip">
                                <span class="chip-kind">{kind}</span>
                                <span class="chip-label">{label}</span>
                                <button class="chip-remove" aria-label=name on:click=move |_| state.update(false, |f| remove(f))>"✕"</button>
                            </li>
                        }
                    }).collect_view()
                }
                <li>
                    {
                        let clear_state = clear_state.clone();
                        view! { <button class="clear-all" on:click=move |_| clear_state.update(false, |f| *f = Filter { sort: f.sort, ..Filter::default() })>"Clear all"</button> }
                    }
                </li>
            </ul>
        </Show>
    }
}
