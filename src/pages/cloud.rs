//! The tag cloud and the actor cloud, weighted by frequency under the current filter,
//! with a sortable table for screen readers and anyone who prefers a list: the page's
//! changing parts are markup written here, each heard by one listener.

use crate::data::use_data;
use crate::dom::clicked;
use crate::filter_state::provide_filter_state;
use crate::format::fixed;
use crate::links::href_with_filter;
use leptos::{html, prelude::*};
use timeline_bundle::html::{format_count, push_escaped, push_int};
use timeline_bundle::order::sort_items;
use timeline_bundle::{Facet, Filter};
use wasm_bindgen::JsCast;

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
    let lede = Memo::new(move |_| {
        let shown = entries.with(|e| e.len());
        let mut h = format_count(shown);
        h.push(' ');
        h.push_str(noun);
        h.push_str(" across ");
        h.push_str(&format_count(outcome.with(|o| o.events.len())));
        h.push_str(" events");
        if filter.with(|f| f.is_narrowed()) {
            h.push_str(" in the current filter");
        }
        if shown > CLOUD_SIZE && !show_table.get() {
            h.push_str("; the ");
            push_int(&mut h, CLOUD_SIZE as u64);
            h.push_str(" most frequent are shown");
        }
        h
    });
    let display = Memo::new(move |_| {
        let table = show_table.get();
        let mut h = String::new();
        for (label, pressed, value) in [("Cloud", !table, "0\">"), ("List", table, "1\">")] {
            h.push_str(if pressed {
                "<button class=\"active\" aria-pressed=\"true\" data-table=\""
            } else {
                "<button aria-pressed=\"false\" data-table=\""
            });
            h.push_str(value);
            h.push_str(label);
            h.push_str("</button>");
        }
        h
    });
    let on_display = move |ev: leptos::ev::MouseEvent| {
        if let Some(table) = clicked(&ev, "data-table") {
            show_table.set(table == "1");
        }
    };
    // The cloud or the table as one piece of markup; the cloud's font sizes go in through
    // the CSSOM (the Content-Security-Policy allows no inline styles).
    let body = Memo::new(move |_| {
        if show_table.get() {
            let mut rows = entries.get();
            if sort_by_name.get() {
                sort_items(&mut rows, &by_name);
            }
            table_html(&rows, sort_by_name.get(), &link)
        } else {
            let mut shown: Vec<Entry> =
                entries.with(|all| all.iter().take(CLOUD_SIZE).cloned().collect());
            let count = |e: Option<&Entry>| e.map_or(1, |e| e.count).max(1) as f64;
            let (max, min) = (count(shown.first()), count(shown.last()));
            sort_items(&mut shown, &by_name);
            cloud_html(&shown, max, min, noun, &link)
        }
    });
    let block: NodeRef<html::Div> = NodeRef::new();
    Effect::new(move |_| {
        let html = body.get();
        let Some(el) = block.get() else { return };
        el.set_inner_html(&html);
        let Ok(terms) = el.query_selector_all(".cloud-term") else {
            return;
        };
        for i in 0..terms.length() {
            let Some(term) = terms
                .item(i)
                .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
            else {
                continue;
            };
            if let Some(size) = term.get_attribute("data-size") {
                let _ = term.style().set_property("font-size", &size);
            }
        }
    });
    let on_sort = move |ev: leptos::ev::MouseEvent| {
        if let Some(sort) = clicked(&ev, "data-sort") {
            sort_by_name.set(sort == "name");
        }
    };
    view! {
        <div class="cloud-page">
            <header class="page-header">
                <h1>{facet.title()}</h1>
                <p class="lede" inner_html=lede></p>
                <div class="segmented" role="group" aria-label="Display" inner_html=display on:click=on_display></div>
            </header>
            <div node_ref=block on:click=on_sort></div>
        </div>
    }
}

/// The cloud: each term sized by its count between `min` and `max` (of the terms shown).
fn cloud_html(
    shown: &[Entry],
    max: f64,
    min: f64,
    noun: &str,
    link: &dyn Fn(&str) -> String,
) -> String {
    let mut h = String::from("<ul class=\"cloud\" aria-label=\"");
    h.push_str(noun);
    h.push_str(", most frequent largest\">");
    for e in shown {
        let w = if max > min {
            ((e.count as f64).ln() - min.ln()) / (max.ln() - min.ln())
        } else {
            1.0
        };
        h.push_str("<li><a href=\"");
        push_escaped(&mut h, &link(&e.key));
        h.push_str("\" class=\"cloud-term w");
        push_int(&mut h, (w * 4.0).round() as u64);
        h.push_str("\" data-size=\"");
        h.push_str(&fixed(0.85 + 1.6 * w, 2));
        h.push_str("rem\">");
        push_escaped(&mut h, &e.label);
        h.push_str("<span class=\"visually-hidden\">, ");
        push_int(&mut h, u64::from(e.count));
        h.push_str(" events</span></a></li>");
    }
    h.push_str("</ul>");
    h
}

/// The table: a row a term, sorted by name or by count as `by_name` says.
fn table_html(rows: &[Entry], by_name: bool, link: &dyn Fn(&str) -> String) -> String {
    let mut h = String::from("<table class=\"term-table\"><thead><tr><th aria-sort=\"");
    h.push_str(if by_name { "ascending" } else { "none" });
    h.push_str("\"><button class=\"link-button\" data-sort=\"name\">Name</button></th><th class=\"num\" aria-sort=\"");
    h.push_str(if by_name { "none" } else { "descending" });
    h.push_str("\"><button class=\"link-button\" data-sort=\"count\">Events</button></th></tr></thead><tbody>");
    for e in rows {
        h.push_str("<tr><td><a href=\"");
        push_escaped(&mut h, &link(&e.key));
        h.push_str("\">");
        push_escaped(&mut h, &e.label);
        h.push_str("</a></td><td class=\"num\">");
        push_int(&mut h, u64::from(e.count));
        h.push_str("</td></tr>");
    }
    h.push_str("</tbody></table>");
    h
}
