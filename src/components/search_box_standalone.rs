//! A search form for pages outside the timeline: it opens the timeline with the query.

use crate::router::use_location;
use leptos::prelude::*;
use timeline_bundle::Filter;

#[component]
pub fn StandaloneSearch(#[prop(into)] initial: String) -> impl IntoView {
    let query = RwSignal::new(initial);
    let location = use_location();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = Filter {
            q: query.get_untracked(),
            ..Filter::default()
        };
        location.navigate(
            &crate::links::route_with_filter("/", &f),
            Default::default(),
        );
    };
    view! {
        <form class="standalone-search" role="search" on:submit=submit>
            <input type="search" aria-label="Search events" prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
            <button class="button" type="submit">"Search"</button>
        </form>
    }
}
