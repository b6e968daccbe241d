//! The view's state in the URL that is not its filter: how the list shows its rows
//! (`density`, [`timeline_bundle::Density`]). The filter's URL writer keeps it
//! ([`keep`]); the toggle beside the order changes it ([`DensityToggle`]).

use crate::router::{use_location, Location, Navigate};
use leptos::prelude::*;
use timeline_bundle::Density;

/// The density the URL asks for, tracked.
pub fn density() -> Memo<Density> {
    let location = use_location();
    Memo::new(move |_| location.search.with(|s| Density::of_query(s)))
}

/// `route` (a view with its filter, as the filter's URL writer makes it) with the view
/// state of the URL `location` has now kept.
pub fn keep(location: Location, route: String) -> String {
    let density = location.search.with_untracked(|s| Density::of_query(s));
    if density == Density::default() {
        return route;
    }
    let (path, query) = route.split_once('?').unwrap_or((&route, ""));
    crate::links::path_and_query(path, &density.in_query(query))
}

/// "Compact", beside the order: one-line rows, written to the URL (a history entry) with
/// the rest of the URL as it is.
#[component]
pub fn DensityToggle() -> impl IntoView {
    let location = use_location();
    let density = density();
    let on_change = move |ev: leptos::ev::Event| {
        let compact = event_target_checked(&ev);
        let chosen = if compact {
            Density::Compact
        } else {
            Density::Comfortable
        };
        let path = location.pathname.get_untracked();
        let route = path
            .strip_prefix(crate::links::base())
            .unwrap_or(&path)
            .to_string();
        let query = location.search.with_untracked(|s| chosen.in_query(s));
        let how = Navigate {
            replace: false,
            scroll: false,
        };
        location.navigate(&crate::links::path_and_query(&route, &query), how);
    };
    view! {
        <label class="density">
            <input type="checkbox" prop:checked=move || density.get() == Density::Compact on:change=on_change/>
            <span>"Compact"</span>
        </label>
    }
}
