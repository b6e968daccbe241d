//! The free-text search: as-you-type, `/` focuses it, Esc clears it.

use crate::dom::from_text_field;
use crate::filter_state::use_filter_state;
use leptos::{ev, html, prelude::*};

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
    view! {
        <div class="search" role="search">
            <svg class="search-icon" viewBox="0 0 20 20" aria-hidden="true"><circle cx="8.5" cy="8.5" r="5.5"/><path d="M13 13l4.5 4.5"/></svg>
            <input node_ref=input type="search" id="search" autocomplete="off" spellcheck="false"
                placeholder="Search events, people, places…"
                aria-label="Search events" aria-keyshortcuts="/"
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
        </div>
    }
}
