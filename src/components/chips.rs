//! The active filters as removable chips, with "Clear all".

use crate::data::use_data;
use crate::filter_state::use_filter_state;
use leptos::prelude::*;
use timeline_bundle::{Bundle, Facet, Filter};

/// One removable filter: its words and how to take it out of a filter.
struct Chip {
    kind: &'static str,
    label: String,
    remove: Box<dyn Fn(&mut Filter) + Send + Sync>,
}

fn chips(f: &Filter, data: &Bundle) -> Vec<Chip> {
    let mut out = Vec::new();
    if f.has_search() {
        out.push(Chip {
            kind: "Search",
            label: format!("“{}”", f.q.trim()),
            remove: Box::new(|f| f.q.clear()),
        });
    }
    for facet in Facet::ALL {
        let chosen = &f.facets[facet];
        let terms = facet.terms(data);
        for key in &chosen.keys {
            let label = terms
                .iter()
                .find(|t| t.key == *key)
                .map_or_else(|| key.clone(), |t| t.label.clone());
            let k = key.clone();
            out.push(Chip {
                kind: facet.singular(),
                label,
                remove: Box::new(move |f| f.facets[facet].keys.retain(|x| *x != k)),
            });
        }
        if chosen.all && chosen.keys.len() > 1 {
            out.push(Chip {
                kind: facet.title(),
                label: "all must match".into(),
                remove: Box::new(move |f| f.facets[facet].all = false),
            });
        }
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
    let state = use_filter_state();
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
