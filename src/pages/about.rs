//! About the site and its data: the settings' about text, license and attribution, and
//! what the reader can do offline and with embeds.

use crate::data::use_data;
use leptos::prelude::*;
use timeline_bundle::html::count_of;

#[component]
pub fn About() -> impl IntoView {
    let data = use_data();
    let site = data.site.clone();
    document().set_title(&format!("About · {}", site.title));
    let first = data
        .events
        .first()
        .map(|e| e.date.human())
        .unwrap_or_default();
    let last = data
        .events
        .last()
        .map(|e| e.date.human())
        .unwrap_or_default();
    view! {
        <article class="about-page">
            <h1>{format!("About {}", site.title)}</h1>
            {(!site.description.is_empty()).then(|| view! { <p class="lede">{site.description.clone()}</p> })}
            {(!site.about_html.is_empty()).then(|| view! { <div class="prose" inner_html=site.about_html.clone()></div> })}
            <h2>"The data"</h2>
            <p>{format!("{}, from {first} to {last}, with {} and {}.", count_of(data.events.len(), "event", "events"), count_of(data.tags.len(), "tag", "tags"), count_of(data.actors.len(), "actor", "actors"))}</p>
            {(!site.license.is_empty()).then(|| view! { <p>"License: " <strong>{site.license.clone()}</strong></p> })}
            {(!site.attribution_html.is_empty()).then(|| view! { <div class="attribution prose" inner_html=site.attribution_html.clone()></div> })}
            <h2>"Using this timeline"</h2>
            <ul>
                <li>"Every view has its own address: filter, search, then share or bookmark the page."</li>
                <li>"After a first visit the timeline works offline, including search and every event page."</li>
                <li>"Keyboard: " <kbd>"/"</kbd> " searches, " <kbd>"Esc"</kbd> " clears, " <kbd>"↑"</kbd> " " <kbd>"↓"</kbd> " move through events, " <kbd>"Enter"</kbd> " opens one."</li>
                <li>"“Embed this view” on the timeline gives a snippet to show the current view on another site."</li>
            </ul>
        </article>
    }
}
