//! The active filters as removable chips, with "Clear all".

use crate::data::use_data;
use crate::dom::{clicked, closest};
use crate::filter_state::use_filter_state;
use leptos::prelude::*;
use timeline_bundle::html::{push_escaped, push_int};
use timeline_bundle::{Bundle, Facet, Filter};

/// One removable filter: its words and how to take it out of a filter.
struct Chip {
    kind: &'static str,
    label: String,
    remove: Box<dyn Fn(&mut Filter)>,
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
    // The chips as one piece of markup, each remove button with its chip's place in the
    // list (`data-chip`), which the click finds again in the filter it removes it from.
    let list = {
        let data = data.clone();
        Memo::new(move |_| {
            filter.with(|f| {
                if f.is_narrowed() {
                    chips_html(&chips(f, &data))
                } else {
                    String::new()
                }
            })
        })
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if closest(&ev, ".clear-all").is_some() {
            state.update(false, |f| {
                *f = Filter {
                    sort: f.sort,
                    ..Filter::default()
                }
            });
            return;
        }
        // The focus goes to the chip that takes the removed one's place.
        let Some(i) = clicked(&ev, "data-chip").and_then(|i| i.parse::<usize>().ok()) else {
            return;
        };
        state.update(false, |f| {
            if let Some(chip) = chips(f, &data).into_iter().nth(i) {
                (chip.remove)(f);
            }
        });
    };
    view! { <div inner_html=list on:click=on_click></div> }
}

fn chips_html(chips: &[Chip]) -> String {
    let mut h = String::from("<ul class=\"chips\" aria-label=\"Active filters\">");
    for (i, chip) in chips.iter().enumerate() {
        h.push_str("<li class=\"chip\"><span class=\"chip-kind\">");
        h.push_str(chip.kind);
        h.push_str("</span><span class=\"chip-label\">");
        push_escaped(&mut h, &chip.label);
        h.push_str("</span><button class=\"chip-remove\" aria-label=\"Remove filter ");
        h.push_str(chip.kind);
        h.push_str(": ");
        push_escaped(&mut h, &chip.label);
        h.push_str("\" data-chip=\"");
        push_int(&mut h, i as u64);
        h.push_str("\">✕</button></li>");
    }
    h.push_str("<li><button class=\"clear-all\">Clear all</button></li></ul>");
    h
}
