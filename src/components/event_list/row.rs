//! One row of the list: an event's date, title (with the search's words marked), excerpt
//! (in the default density, from the event's details chunk, which the row asks for) and a
//! meta line, written as one piece of escaped HTML by [`timeline_bundle::html::row`] (the
//! build writes the first screen's rows with the same code): a row shows a new event with
//! one DOM call instead of one per element, which is most of the cost of a keystroke that
//! changes the listed events.

use super::layout::Place;
use crate::data::details::Loaded;
use crate::data::Data;
use crate::links::event_href;
use leptos::prelude::*;
use timeline_bundle::html::row::{inner_html, Excerpt};
use timeline_bundle::Density;

#[component]
pub fn EventRow(
    data: Data,
    place: Memo<Option<Place>>,
    words: Memo<Vec<String>>,
    density: Memo<Density>,
) -> impl IntoView {
    let event = Memo::new(move |_| place.with(|p| p.map(|p| p.event as usize)));
    // With `open=site`, an embedded list opens events on the full site, in a new tab.
    let open_site = crate::embed::embed().open_site;
    let href = {
        let data = data.clone();
        move || {
            event.get().map(|i| {
                let href = event_href(&data.events[i].id);
                if open_site {
                    crate::embed::full_site_url(&href)
                } else {
                    href
                }
            })
        }
    };
    let target = open_site.then_some("_blank");
    // A memo, so that a keystroke that leaves this row's highlighting unchanged leaves its
    // DOM alone; empty while the row has no event (it is being removed).
    let inside = {
        let data = data.clone();
        Memo::new(move |_| {
            let Some(i) = event.get() else {
                return String::new();
            };
            // The excerpt's chunk, tracked: the row shows its box empty until it arrives.
            let loaded = (density.get() == Density::Comfortable).then(|| data.details.get(i));
            let excerpt = match &loaded {
                None => Excerpt::Off,
                Some(Loaded::Ready(d)) => Excerpt::Text(&d.excerpt),
                Some(Loaded::Loading) => Excerpt::Pending,
                // A quiet empty box: the event's page says what failed.
                Some(Loaded::Failed(_)) => Excerpt::Text(""),
            };
            words.with(|w| inner_html(&data, &data.events[i], w, excerpt))
        })
    };
    // A row that shows its excerpt asks for its chunk (each chunk is fetched once; asked
    // again if it was forgotten while the row shows).
    {
        let details = data.details.clone();
        Effect::new(move |_| {
            if let (Some(i), Density::Comfortable) = (event.get(), density.get()) {
                let _ = details.get(i);
                details.prefetch(i);
            }
        });
    }
    // The event page's details, fetched when the pointer or the focus reaches the row (the
    // store fetches each chunk once).
    let details = data.details.clone();
    let prefetch = move || {
        if let Some(i) = event.get_untracked() {
            details.prefetch(i);
        }
    };
    let on_focus = prefetch.clone();
    let is_selected = move || place.with(|p| p.is_some_and(|p| p.selected));
    // The row's star, after its link (a button may not be inside a link). Its name says
    // which event; `aria-pressed` whether it is starred.
    let stars = crate::stars::use_stars();
    let id = {
        let data = data.clone();
        move || event.get().map(|i| data.events[i].id.clone())
    };
    let label = move || {
        event
            .get()
            .map(|i| ["Star: ", &data.events[i].title].concat())
    };
    let starred = {
        let id = id.clone();
        move || id().is_some_and(|id| stars.has(&id)).to_string()
    };
    let toggle = move |_| {
        if let Some(id) = id() {
            stars.toggle(&id);
        }
    };
    view! {
        <a class="event-row" href=href target=target data-position=move || place.with(|p| p.map(|p| p.number)) class:selected=is_selected
            aria-current=move || is_selected().then_some("true")
            on:pointerenter=move |_| prefetch() on:focusin=move |_| on_focus() inner_html=inside>
        </a>
        <button class="row-star" type="button" aria-label=label aria-pressed=starred title="Star" on:click=toggle></button>
    }
}
