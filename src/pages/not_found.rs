//! Any path the app does not know.

use crate::components::search_box_standalone::StandaloneSearch;
use crate::links::href;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    document().set_title("Page not found");
    view! {
        <div class="not-found">
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address. Search the timeline instead:"</p>
            <StandaloneSearch initial=""/>
            <p><a href=href("/")>"Back to the timeline"</a></p>
        </div>
    }
}
