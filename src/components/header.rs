//! The site header: name, the main views, the theme switch.

use crate::data::use_data;
use crate::dom;
use crate::links::{href, path_and_query};
use crate::router::use_location;
use leptos::prelude::*;

#[component]
pub fn Header() -> impl IntoView {
    let data = use_data();
    let location = use_location();
    // Moving between views keeps the current filter (a shared collection's `ids` is not one).
    let keep = move |path: &str| {
        let search = if location.route.get() == crate::router::Route::Starred {
            String::new()
        } else {
            location.search.get()
        };
        href(&path_and_query(path, &search))
    };
    // `aria-current` marks the view shown (the timeline only at its own path).
    let current = move |path: &'static str, exact: bool| {
        move || location.is_at(path, exact).then_some("page")
    };
    let dark = RwSignal::new(dom::is_dark());
    let toggle = move |_| {
        let next = !dark.get_untracked();
        dark.set(next);
        dom::set_theme(Some(if next { "dark" } else { "light" }), true);
    };
    view! {
        <header class="site-header">
            <a href=href("/") class="brand" aria-current=current("/", true)>{data.site.title.clone()}</a>
            <nav aria-label="Views">
                <a href=move || keep("/") aria-current=current("/", true)>"Timeline"</a>
                <a href=move || keep("/tags") aria-current=current("/tags", false)>"Tags"</a>
                <a href=move || keep("/actors") aria-current=current("/actors", false)>"Actors"</a>
                <a href=move || keep("/stats") aria-current=current("/stats", false)>"Stats"</a>
                <a href=move || keep("/graph") aria-current=current("/graph", false)>"Network"</a>
                <a href=href("/starred") aria-current=current("/starred", false)>"Starred"</a>
            </nav>
            // The glyph is the stylesheet's (`.theme-toggle::before`), which knows the theme
            // before the app starts: the build's static header shows the same. A toggle
            // button: one name, its state pressed or not.
            <button class="icon-button theme-toggle" type="button" on:click=toggle
                aria-label="Dark theme" aria-pressed=move || if dark.get() { "true" } else { "false" }
                title="Light or dark theme">
            </button>
        </header>
    }
}
