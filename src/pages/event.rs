//! The permalink page of one event.

use crate::components::search_box_standalone::StandaloneSearch;
use crate::data::details::Loaded;
use crate::data::{use_data, Data};
use crate::dom::{closest, copy_to_clipboard};
use crate::links::{event_href, href, href_with_filter, narrowing, permalink_url};
use leptos::prelude::*;
use timeline_bundle::html::event::{article_inner, Article, Hrefs};
use timeline_bundle::neighbours::{self, Postings};
use timeline_bundle::{Event, Filter};
use wasm_bindgen::JsCast;

/// The page of the event `id` (the router decoded it once: `%24` is `$`, as the links
/// were encoded).
#[component]
pub fn EventPage(id: String) -> impl IntoView {
    let data = use_data();
    match data.events.iter().position(|e| e.id == id) {
        Some(i) => view! { <EventView data=data.clone() index=i/> }.into_any(),
        None => view! { <UnknownEvent id/> }.into_any(),
    }
}

/// The article's links as the app writes them: under its base path, with the embed's
/// parameters, and, in a locked embed, leaving the frame where they would leave the lock.
struct AppHrefs;

impl Hrefs for AppHrefs {
    fn event(&self, id: &str) -> String {
        event_href(id)
    }
    fn timeline(&self) -> String {
        href_with_filter("/", &Filter::default())
    }
    fn narrowing(&self, filter: &Filter) -> (String, Option<&'static str>) {
        let link = narrowing("/", filter);
        (link.href, link.target)
    }
}

/// The article of event `index`: written by [`timeline_bundle::html::event`], as the build
/// writes the event's static page, with the details chunk's part (or a loading line, or
/// an error with Retry) as the chunk's state has it. Its two buttons are heard here.
#[component]
fn EventView(data: Data, index: usize) -> impl IntoView {
    let e: &Event = &data.events[index];
    document().set_title(&format!("{} · {}", e.title, data.site.title));
    // A page reached by a link starts at its top; one the build's static page showed first
    // stays where the reader may have scrolled it.
    if !crate::prerender::pending() {
        window().scroll_to_with_x_and_y(0.0, 0.0);
    }
    // In a locked embed the neighbours and related events come from the lock's filter.
    let shown = within_lock(&data);
    let may_show = |i: usize| shown.as_ref().is_none_or(|s| s[i]);
    let related = neighbours::related(&data, index, &Postings::of_event(&data, index, may_show));
    let (earlier, later) = neighbours::earlier_and_later(&data, index, may_show);
    // The rest of the page is in the event's details chunk: the core's fields show at
    // once, the chunk's where they belong as soon as it has arrived. The static page, if
    // the page began with one, stays until then; if the chunk cannot be had it stays (it
    // holds the whole event) until the reader leaves it.
    crate::prerender::wait();
    on_cleanup(crate::prerender::take_over);
    // The citation meta of the event shown, for a reference manager reading the page (the
    // static page's are of the event the visit began with, and after a first visit the
    // worker answers with the app's page, which has none).
    let permalink = permalink_url(&data.site, &e.id);
    put_citation_meta(&data, e, &permalink);
    on_cleanup(remove_citation_meta);
    data.details.open(index);
    let stars = crate::stars::use_stars();
    let article = {
        let data = data.clone();
        let permalink = permalink.clone();
        move || {
            let loaded = data.details.get(index);
            let details = loaded.shown();
            if matches!(loaded, Loaded::Ready(_)) {
                request_animation_frame(crate::prerender::take_over);
            }
            let article = Article {
                bundle: &data,
                index,
                details,
                related: &related,
                earlier,
                later,
                // Read once: the star button changes itself when pressed, so that the page
                // is not written again (which would close the citations, lose the focus).
                starred: stars.has_untracked(&data.events[index].id),
            };
            // The citations, app only, after the article's end (nothing above moves).
            let mut h = article_inner(&article, &AppHrefs);
            h.push_str(&cite_html(&data, index, &permalink));
            h
        }
    };
    let chunks = data.details.clone();
    let (id, title) = (e.id.clone(), e.title.clone());
    let on_click = move |ev: web_sys::MouseEvent| {
        if let Some(button) = closest(&ev, ".copy-link") {
            copy_to_clipboard(&window().location().href().unwrap_or_default());
            button.set_text_content(Some("Link copied"));
            crate::dom::announce("Link copied");
            set_timeout(
                move || button.set_text_content(Some("Copy link")),
                std::time::Duration::from_millis(2000),
            );
        } else if let Some(button) = closest(&ev, ".star") {
            stars.toggle(&id);
            show_star(&button, stars.has_untracked(&id));
        } else if closest(&ev, ".share").is_some() {
            crate::dom::share(&title, &permalink);
        } else if closest(&ev, ".cite-link").is_some() {
            ev.prevent_default();
            open_citations();
        } else if let Some(button) = closest(&ev, "[data-copy]") {
            copy_citation(&button);
        } else if closest(&ev, ".details-error button").is_some() {
            chunks.open(index);
        }
    };
    view! { <article class="event-page" inner_html=article on:click=on_click></article> }
}

fn put_citation_meta(data: &Data, e: &Event, permalink: &str) {
    remove_citation_meta();
    let doc = document();
    let Some(head) = doc.head() else { return };
    for (name, content) in timeline_bundle::cite::meta(&data.site, e, permalink, "") {
        if let Ok(m) = doc.create_element("meta") {
            let _ = m.set_attribute("name", name);
            let _ = m.set_attribute("content", &content);
            let _ = head.append_child(&m);
        }
    }
}

fn remove_citation_meta() {
    if let Ok(all) = document().query_selector_all("meta[name^=\"citation_\"],meta[name^=\"DC.\"]")
    {
        for i in 0..all.length() {
            if let Some(el) = all
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                el.remove();
            }
        }
    }
}

/// The star button as the star's state has it.
fn show_star(button: &web_sys::Element, starred: bool) {
    let _ = button.set_attribute("aria-pressed", if starred { "true" } else { "false" });
    button.set_text_content(Some(if starred { "Starred" } else { "Star" }));
}

/// Opens the "Cite this event" block and brings it into view, its summary focused.
fn open_citations() {
    let Some(block) = document().get_element_by_id("cite") else {
        return;
    };
    let _ = block.set_attribute("open", "");
    if let Some(summary) = block
        .query_selector("summary")
        .ok()
        .flatten()
        .and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = summary.focus();
    }
    block.scroll_into_view();
}

/// Copies the citation whose copy button was pressed, and says so in the block's status line.
fn copy_citation(button: &web_sys::Element) {
    let Some(key) = button.get_attribute("data-copy") else {
        return;
    };
    let block = button.closest("details").ok().flatten();
    let text = block
        .as_ref()
        .and_then(|b| {
            b.query_selector(&["pre[data-format=\"", &key, "\"]"].concat())
                .ok()
                .flatten()
        })
        .and_then(|pre| pre.text_content())
        .unwrap_or_default();
    copy_to_clipboard(&text);
    if let Some(status) = block.and_then(|b| b.query_selector(".cite-status").ok().flatten()) {
        let name = button.text_content().unwrap_or_default();
        status.set_text_content(Some(
            &["Copied: ", name.trim_start_matches("Copy ")].concat(),
        ));
    }
}

/// The "Cite this event" block of event `index`, whose permalink is `permalink`.
fn cite_html(data: &Data, index: usize, permalink: &str) -> String {
    let e = &data.events[index];
    timeline_bundle::cite::section_html(&timeline_bundle::cite::Citation {
        id: &e.id,
        title: &e.title,
        date: e.date,
        site: &data.site.title,
        url: permalink,
    })
}

/// In a locked embed, which events its filter shows (by event number); `None` elsewhere.
fn within_lock(data: &Data) -> Option<Vec<bool>> {
    let lock = crate::embed::embed().locked.as_ref()?;
    let (resolved, _) = timeline_bundle::Resolved::new(lock, data);
    let outcome = timeline_bundle::evaluate(data, &resolved, None, timeline_bundle::Sort::Asc);
    let mut shown = vec![false; data.events.len()];
    for e in outcome.events {
        shown[e as usize] = true;
    }
    Some(shown)
}

#[component]
fn UnknownEvent(id: String) -> impl IntoView {
    document().set_title("Event not found");
    let guess: String = id
        .split("--")
        .last()
        .unwrap_or(&id)
        .replace(['-', '_'], " ");
    view! {
        <div class="not-found">
            <h1>"No event with this id"</h1>
            <p>"The link may be mistyped, or the event was renamed or removed. The id asked for was:"</p>
            <p><code>{id}</code></p>
            <StandaloneSearch initial=guess/>
            <p><a href=href("/")>"Back to the timeline"</a></p>
        </div>
    }
}
