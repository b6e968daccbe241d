//! The site header: name, the main views, the theme switch.

use crate::data::use_data;
use crate::dom;
use crate::links::{href, path_and_query};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

#[component]
pub fn Header() -> impl IntoView {
    let data = use_data();
    let location = use_location();
    // Moving between views keeps the current filter.
    let keep = move |path: &str| href(&path_and_query(path, &location.search.get()));
    let dark = RwSignal::new(dom::is_dark());
    let toggle = move |_| {
        let next = !dark.get_untracked();
        dark.set(next);
        dom::set_theme(Some(if next { "dark" } else { "light" }), true);
    };
    view! {
        <header class="site-header">
            <A href=href("/") attr:class="brand">{data.site.title.clone()}</A>
            <nav aria-label="Views">
                <A href=move || keep("/") exact=true>"Timeline"</A>
                <A href=move || keep("/tags")>"Tags"</A>
                <A href=move || keep("/actors")>"Actors"</A>
            </nav>
            // The glyph is the stylesheet's (`.theme-toggle::before`), which knows the theme
            // before the app starts: the build's static header shows the same.
            <button class="icon-button theme-toggle" type="button" on:click=toggle
                attr:aria-label=move || if dark.get() { "Switch to light theme" } else { "Switch to dark theme" }
                title="Light or dark theme">
            </button>
        </header>
    }
}
