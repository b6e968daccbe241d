//! The reader's starred events (`/starred`), as a brief: each event's date, title, summary
//! and sources, in date order, to export, print or share. `/starred?ids=…` is a collection
//! someone shared: shown read-only, with a button that saves it as the reader's own.

use crate::components::export_menu::ExportMenu;
use crate::data::{use_data, Data};
use crate::dom::closest;
use crate::links::{event_href, href};
use crate::router::use_location;
use crate::stars::use_stars;
use leptos::prelude::*;
use std::collections::HashSet;
use timeline_bundle::html::brief::push_item;
use timeline_bundle::html::{count_of, push_escaped};
use timeline_bundle::link::encode_component;

#[component]
pub fn StarredPage() -> impl IntoView {
    let data = use_data();
    let stars = use_stars();
    let location = use_location();
    // A shared collection names its ids in the link; else the reader's own stars.
    let shared = Memo::new(move |_| shared_ids(&location.search.get()));
    let ids = Memo::new(move |_| shared.get().unwrap_or_else(|| stars.ids().get()));
    let found = {
        let data = data.clone();
        Memo::new(move |_| ids.with(|ids| in_date_order(&data, ids)))
    };
    let events = Signal::derive(move || found.with(|f| f.0.clone()));
    document().set_title(&["Starred events · ", &data.site.title].concat());
    // Every listed event's chunk, for its summary and sources.
    {
        let details = data.details.clone();
        Effect::new(move |_| {
            found.with(|(numbers, _)| {
                for &n in numbers {
                    details.prefetch(n as usize);
                }
            })
        });
    }
    let lede = move || {
        found.with(|(numbers, missing)| {
            lede_html(numbers.len(), *missing, shared.with(Option::is_some))
        })
    };
    let toolbar =
        move || toolbar_html(shared.with(Option::is_some), found.with(|f| f.0.is_empty()));
    let list = {
        let data = data.clone();
        move || {
            let own = shared.with(Option::is_none);
            found.with(|(numbers, _)| list_html(&data, numbers, own))
        }
    };
    let saved = RwSignal::new(false);
    let on_toolbar = move |ev: leptos::ev::MouseEvent| {
        if closest(&ev, "[data-print]").is_some() {
            let _ = window().print();
        } else if let Some(button) = closest(&ev, "[data-share]") {
            let url = share_url(&ids.get_untracked());
            if !crate::dom::share("Starred events", &url) {
                button.set_text_content(Some("Link copied"));
            }
        } else if closest(&ev, "[data-save]").is_some() {
            if let Some(shared) = shared.get_untracked() {
                stars.add_all(&shared);
                saved.set(true);
            }
        }
    };
    let chunks = data.details.clone();
    let on_list = move |ev: leptos::ev::MouseEvent| {
        if let Some(button) = closest(&ev, "[data-star]") {
            if let Some(id) = button.get_attribute("data-star") {
                stars.toggle(&id);
            }
        } else if closest(&ev, "[data-retry]").is_some() {
            found.with_untracked(|(numbers, _)| {
                for &n in numbers {
                    chunks.open(n as usize);
                }
            });
        }
    };
    view! {
        <div class="starred-page">
            <header class="page-header">
                <h1>{move || if shared.with(Option::is_some) { "A shared collection" } else { "Starred events" }}</h1>
                <p class="lede" inner_html=lede></p>
                <p class="saved" role="status">{move || saved.get().then_some("Saved: these events are now among your starred events.")}</p>
            </header>
            <div class="starred-toolbar">
                <ExportMenu events/>
                <span class="starred-actions" inner_html=toolbar on:click=on_toolbar></span>
            </div>
            <ol class="brief" inner_html=list on:click=on_list></ol>
        </div>
    }
}

/// The ids of a shared collection (`ids=`, each percent-encoded, joined by commas), or
/// `None` without the parameter.
fn shared_ids(search: &str) -> Option<Vec<String>> {
    let query = search.trim_start_matches('?');
    let value = query.split('&').find_map(|p| p.strip_prefix("ids="))?;
    Some(
        value
            .split(',')
            .filter(|s| !s.is_empty())
            .filter_map(|s| js_sys::decode_uri_component(s).ok())
            .map(String::from)
            .collect(),
    )
}

/// The link that shares `ids`: each id encoded, so that a comma in one is `%2C`.
fn share_url(ids: &[String]) -> String {
    let list: Vec<String> = ids.iter().map(|id| encode_component(id)).collect();
    let origin = window().location().origin().unwrap_or_default();
    [origin, href(&["/starred?ids=", &list.join(",")].concat())].concat()
}

/// The events of `ids` that the corpus has, by number in date order, and how many it does
/// not have (an event removed or renamed since it was starred).
fn in_date_order(data: &Data, ids: &[String]) -> (Vec<u32>, usize) {
    let wanted: HashSet<&str> = ids.iter().map(String::as_str).collect();
    let numbers: Vec<u32> = data
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| wanted.contains(e.id.as_str()))
        .map(|(n, _)| n as u32)
        .collect();
    let missing = wanted.len() - numbers.len();
    (numbers, missing)
}

fn lede_html(found: usize, missing: usize, shared: bool) -> String {
    let mut h = String::new();
    if found == 0 && !shared {
        h.push_str(
            "No starred events yet. Star an event with ☆ on its row or its page: your stars \
             stay in this browser, offline too, and come back here as a brief to export, \
             print or share.",
        );
    } else {
        h.push_str(&count_of(found, "event", "events"));
        h.push_str(if shared {
            ", shared with you as a link (read-only). Save them to keep them among your starred events."
        } else {
            ", kept in this browser, in date order."
        });
    }
    if missing > 0 {
        h.push(' ');
        h.push_str(&count_of(missing, "starred event is", "starred events are"));
        h.push_str(" no longer in this timeline.");
    }
    h
}

fn toolbar_html(shared: bool, empty: bool) -> String {
    if empty {
        return String::new();
    }
    let mut h = String::from(
        "<button class=\"button secondary\" type=\"button\" data-print=\"\">Print</button>\
         <button class=\"button secondary\" type=\"button\" data-share=\"\">Share a link to these events</button>",
    );
    if shared {
        h.push_str("<button class=\"button\" type=\"button\" data-save=\"\">Save as my starred events</button>");
    }
    h
}

fn list_html(data: &Data, numbers: &[u32], own: bool) -> String {
    let mut h = String::new();
    for &n in numbers {
        let n = n as usize;
        let loaded = data.details.get(n);
        push_item(
            &mut h,
            data,
            n,
            loaded.shown(),
            &event_href(&data.events[n].id),
            own,
        );
    }
    if numbers.is_empty() {
        h.push_str("<li class=\"brief-empty\"><a href=\"");
        push_escaped(&mut h, &href("/"));
        h.push_str("\">Browse the timeline</a></li>");
    }
    h
}
