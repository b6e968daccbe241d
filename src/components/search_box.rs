//! The free-text search: as-you-type, `/` focuses it, Esc clears it. While the index's
//! shards a query needs are on their way it says so (and answers when they arrive); when
//! one cannot be had, it says why and offers to retry.

use crate::data::search::Status;
use crate::data::use_data;
use crate::dom::from_text_field;
use crate::filter_state::use_filter_state;
use leptos::{ev, html, prelude::*};
use timeline_bundle::html::push_escaped;

#[component]
pub fn SearchBox() -> impl IntoView {
    let state = use_filter_state();
    let input: NodeRef<html::Input> = NodeRef::new();
    let filter = state.filter;
    let handle = window_event_listener(ev::keydown, move |e| {
        if e.key() == "/" && !from_text_field(&e) && !e.ctrl_key() && !e.meta_key() {
            e.prevent_default();
            if let Some(el) = input.get_untracked() {
                let _ = el.focus();
                el.select();
            }
        }
    });
    on_cleanup(move || handle.remove());
    let typing = state.clone();
    let clearing = state.clone();
    let search = state.search;
    let shards = use_data().search;
    // What the search waits for, or why it failed (with Retry), as markup.
    let status = Memo::new(move |_| match search.get() {
        Status::Ready => String::new(),
        Status::Loading => "<span>Loading the search index…</span>".to_string(),
        Status::Failed(why) => {
            let mut h = String::from("<span>The search index could not be loaded (");
            push_escaped(&mut h, &why);
            h.push_str(").</span> <button class=\"link-button\">Retry</button>");
            h
        }
    });
    let retry = move |ev: leptos::ev::MouseEvent| {
        if crate::dom::closest(&ev, "button").is_some() {
            filter.with_untracked(|f| shards.request(&shards.needed(&f.q)));
        }
    };
    view! {
        <div class="search" role="search" class:waiting=move || search.with(|s| *s != Status::Ready)>
            <svg class="search-icon" viewBox="0 0 20 20" aria-hidden="true"><circle cx="8.5" cy="8.5" r="5.5"/><path d="M13 13l4.5 4.5"/></svg>
            <input node_ref=input type="search" id="search" autocomplete="off" spellcheck="false"
                placeholder="Search events, people, places…"
                aria-label="Search events" aria-keyshortcuts="/" aria-describedby="search-status"
                prop:value=move || filter.with(|f| f.q.clone())
                on:input=move |ev| {
                    let q = event_target_value(&ev);
                    typing.update(true, |f| f.q = q);
                }
                on:keydown=move |ev: web_sys::KeyboardEvent| {
                    if ev.key() == "Escape" {
                        ev.prevent_default();
                        clearing.update(true, |f| f.q.clear());
                        if let Some(el) = input.get_untracked() { let _ = el.blur(); }
                    } else if ev.key() == "ArrowDown" || ev.key() == "Enter" {
                        // Hand the keyboard to the list.
                        if let Some(el) = input.get_untracked() { let _ = el.blur(); }
                    }
                }
            />
            <kbd class="shortcut" aria-hidden="true">"/"</kbd>
            <p class="search-status" id="search-status" role="status" inner_html=status on:click=retry></p>
        </div>
    }
}
