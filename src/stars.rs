//! The reader's starred events: a list of event ids kept in the browser's `localStorage`,
//! under a key of the site's own (its base path), so that two timelines on one origin keep
//! their own stars. Ids, not event numbers: a new deploy renumbers events but keeps ids, so
//! the stars survive it; an id the corpus no longer has is kept (the page says so) in case
//! the event comes back.

use crate::dom::storage;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// The starred ids, in the order they were starred; shared by context.
#[derive(Clone, Copy)]
pub struct Stars(RwSignal<Vec<String>>);

fn key() -> String {
    ["timeline-stars:", crate::links::base(), "/"].concat()
}

/// Reads the kept list: ids one a line (an id has no line break; the compiler refuses one).
fn read() -> Vec<String> {
    storage()
        .and_then(|s| s.get_item(&key()).ok().flatten())
        .map(|text| {
            text.lines()
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Provides the stars, read once, and follows the other tabs' changes (the browser's
/// `storage` event fires in every other tab of the origin).
pub fn provide_stars() {
    let ids = RwSignal::new(read());
    let listener =
        Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |ev: web_sys::StorageEvent| {
            if ev.key().is_none_or(|k| k == key()) {
                ids.set(read());
            }
        });
    let _ = window().add_event_listener_with_callback("storage", listener.as_ref().unchecked_ref());
    listener.forget();
    provide_context(Stars(ids));
}

pub fn use_stars() -> Stars {
    expect_context::<Stars>()
}

impl Stars {
    /// Whether `id` is starred, tracked.
    pub fn has(self, id: &str) -> bool {
        self.0.with(|ids| ids.iter().any(|s| s == id))
    }

    pub fn has_untracked(self, id: &str) -> bool {
        self.0.with_untracked(|ids| ids.iter().any(|s| s == id))
    }

    pub fn ids(self) -> Signal<Vec<String>> {
        self.0.into()
    }

    /// Stars `id`, or takes its star away.
    pub fn toggle(self, id: &str) {
        self.change(|ids| match ids.iter().position(|s| s == id) {
            Some(i) => {
                ids.remove(i);
            }
            None => ids.push(id.to_string()),
        });
    }

    /// Adds `more` (a shared collection saved as the reader's own), keeping what was there.
    pub fn add_all(self, more: &[String]) {
        self.change(|ids| {
            for id in more {
                if !ids.contains(id) {
                    ids.push(id.clone());
                }
            }
        });
    }

    /// Changes the list and keeps it. Without storage (a private window's policy) the stars
    /// last as long as the page.
    fn change(self, f: impl FnOnce(&mut Vec<String>)) {
        self.0.update(f);
        if let Some(s) = storage() {
            let text = self.0.with_untracked(|ids| ids.join("\n"));
            let _ = s.set_item(&key(), &text);
        }
    }
}
