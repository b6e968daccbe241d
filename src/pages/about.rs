//! About the site and its data: the settings' about text, the datasets to download with
//! their sizes, the bundle's version and the license, the attribution, and what the reader
//! can do offline and with embeds. Written once, as one piece of markup.

use crate::data::use_data;
use leptos::prelude::*;
use timeline_bundle::html::{count_of, push_escaped};
use timeline_bundle::Bundle;

#[component]
pub fn About() -> impl IntoView {
    let data = use_data();
    document().set_title(&["About · ", &data.site.title].concat());
    view! { <article class="about-page" inner_html=about_html(&data)></article> }
}

/// The page's inside. The settings' about text and attribution are the bundle's sanitised
/// HTML; every other text is escaped.
fn about_html(data: &Bundle) -> String {
    let site = &data.site;
    let date = |e: Option<&timeline_bundle::Event>| e.map(|e| e.date.human()).unwrap_or_default();
    let mut h = String::from("<h1>About ");
    push_escaped(&mut h, &site.title);
    h.push_str("</h1>");
    if !site.description.is_empty() {
        h.push_str("<p class=\"lede\">");
        push_escaped(&mut h, &site.description);
        h.push_str("</p>");
    }
    if !site.about_html.is_empty() {
        h.push_str("<div class=\"prose\">");
        h.push_str(&site.about_html);
        h.push_str("</div>");
    }
    h.push_str("<h2>The data</h2><p>");
    h.push_str(&count_of(data.events.len(), "event", "events"));
    h.push_str(", from ");
    push_escaped(&mut h, &date(data.events.first()));
    h.push_str(" to ");
    push_escaped(&mut h, &date(data.events.last()));
    h.push_str(", with ");
    h.push_str(&count_of(data.tags.len(), "tag", "tags"));
    h.push_str(" and ");
    h.push_str(&count_of(data.actors.len(), "actor", "actors"));
    h.push_str(".</p>");
    // The datasets the build wrote, with their sizes, the bundle's version and the license.
    let datasets = crate::dom::meta("timeline-datasets").unwrap_or_default();
    let core = crate::dom::meta("timeline-bundle").unwrap_or_default();
    h.push_str(&timeline_bundle::html::about::downloads(
        &timeline_bundle::export::parse_datasets(&datasets),
        crate::links::base(),
        &core,
        &site.license,
    ));
    if !site.suggest_url.is_empty() {
        h.push_str("<p>Know of an event this timeline lacks? ");
        timeline_bundle::html::push_suggest_link(&mut h, site);
        h.push_str(".</p>");
    }
    if !site.attribution_html.is_empty() {
        h.push_str("<div class=\"attribution prose\">");
        h.push_str(&site.attribution_html);
        h.push_str("</div>");
    }
    h.push_str(
        "<h2>Using this timeline</h2><ul>\
         <li>Every view has its own address: filter, search, then share or bookmark the page.</li>\
         <li>After a first visit the timeline works offline, including search and every event page.</li>\
         <li>Keyboard: <kbd>/</kbd> searches, <kbd>Esc</kbd> clears, <kbd>↑</kbd> <kbd>↓</kbd> move \
         through events, <kbd>Enter</kbd> opens one.</li>\
         <li>“Embed this view” on the timeline gives a snippet to show the current view on another \
         site.</li></ul>",
    );
    h
}
