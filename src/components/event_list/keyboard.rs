//! The list from the keyboard: ↓/↑ (or j/k) move a selection through the listed events,
//! Home and End jump, Enter opens the selected event.

use super::layout::Layout;
use super::viewport::Viewport;
use crate::dom::from_text_field;
use crate::router::use_location;
use leptos::{ev, prelude::*};
use timeline_bundle::Outcome;

/// Listens for the list's keys for as long as the calling view lives. `selected` is the
/// list position of the selected row.
pub fn listen(
    data: crate::data::Data,
    outcome: Memo<Outcome>,
    layout: Memo<Layout>,
    viewport: Viewport,
    selected: RwSignal<Option<usize>>,
) {
    let location = use_location();
    let handle = window_event_listener(ev::keydown, move |e| {
        if from_text_field(&e) && e.key() != "ArrowDown" {
            return;
        }
        let n = outcome.with_untracked(|o| o.events.len());
        if n == 0 {
            return;
        }
        let next = match (e.key().as_str(), selected.get_untracked()) {
            ("ArrowDown" | "j", None) => Some(0),
            ("ArrowDown" | "j", Some(p)) => Some((p + 1).min(n - 1)),
            ("ArrowUp" | "k", Some(p)) => Some(p.saturating_sub(1)),
            ("Home", _) if !from_text_field(&e) => Some(0),
            ("End", _) if !from_text_field(&e) => Some(n - 1),
            ("Enter", Some(p)) => {
                let event = outcome.with_untracked(|o| o.events[p]);
                let id = &data.events[event as usize].id;
                location.navigate(&crate::links::event_route(id), Default::default());
                e.prevent_default();
                return;
            }
            _ => return,
        };
        e.prevent_default();
        if from_text_field(&e) {
            if let Some(el) = e
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(t).ok())
            {
                let _ = el.blur();
            }
        }
        selected.set(next);
        if let Some(p) = next {
            let (view_top, height) = viewport.view.get_untracked();
            if let Some(top) = layout.with_untracked(|l| l.scroll_to_show(p, view_top, height)) {
                viewport.scroll_to(top);
            }
        }
    });
    on_cleanup(move || handle.remove());
}
