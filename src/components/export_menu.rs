//! Export the events a view lists, in its order: CSV, JSON or an ICS calendar, written in
//! the browser by `timeline_bundle::export` (the build's datasets are the same code) from
//! the details chunks, so that it works offline too. The file is named
//! `<site>-<YYYY-MM-DD>.<ext>`.

use crate::data::{use_data, Data};
use crate::dom::closest;
use leptos::prelude::*;
use std::sync::Arc;
use timeline_bundle::export::{self, Item};
use timeline_bundle::html::{count_of, push_int, push_padded, EXPORT_MENU};
use timeline_bundle::Details;
use wasm_bindgen::{JsCast, JsValue};

#[derive(Clone, Copy)]
enum Format {
    Csv,
    Json,
    Ics,
}

impl Format {
    fn of(key: &str) -> Option<Format> {
        match key {
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "ics" => Some(Format::Ics),
            _ => None,
        }
    }

    fn ext(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Ics => "ics",
        }
    }

    fn mime(self) -> &'static str {
        match self {
            Format::Csv => "text/csv;charset=utf-8",
            Format::Json => "application/json",
            Format::Ics => "text/calendar;charset=utf-8",
        }
    }
}

/// The Export menu for the events `events` lists (read when a format is chosen).
#[component]
pub fn ExportMenu(#[prop(into)] events: Signal<Vec<u32>>) -> impl IntoView {
    let data = use_data();
    let busy = RwSignal::new(false);
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(format) = closest(&ev, "[data-format]")
            .and_then(|b| b.get_attribute("data-format"))
            .and_then(|k| Format::of(&k))
        else {
            return;
        };
        if let Some(menu) = closest(&ev, "details") {
            let _ = menu.remove_attribute("open");
        }
        // The status line, written here rather than through a signal: it is the only
        // thing that changes.
        let Some(status) =
            closest(&ev, ".export").and_then(|e| e.query_selector(".export-status").ok().flatten())
        else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let data = data.clone();
        let events = events.get_untracked();
        leptos::task::spawn_local(async move {
            let done = match build(&data, &events, format, &status).await {
                Ok(text) => {
                    download(&file_name(&data, format), format.mime(), &text);
                    let mut s = String::from("Exported ");
                    s.push_str(&count_of(events.len(), "event", "events"));
                    s.push('.');
                    s
                }
                Err(why) => ["The export could not be made: ", &why, ". Try again."].concat(),
            };
            status.set_text_content(Some(&done));
            busy.set(false);
        });
    };
    view! { <span class="export" inner_html=EXPORT_MENU on:click=on_click></span> }
}

/// The file's text: every chunk the events are in is fetched (saying how far it got), then
/// the events are written in the view's order.
async fn build(
    data: &Data,
    events: &[u32],
    format: Format,
    status: &web_sys::Element,
) -> Result<String, String> {
    // The chunks the events are in, in chunk order (marked, not sorted: a sort of its own
    // would add its code to the app).
    let mut marked = vec![false; data.chunks.len()];
    for &n in events {
        marked[data.chunk_of(n)] = true;
    }
    let needed: Vec<usize> = (0..marked.len()).filter(|&i| marked[i]).collect();
    let mut chunks: Vec<Option<Arc<Vec<Details>>>> = vec![None; data.chunks.len()];
    for (done, &i) in needed.iter().enumerate() {
        if needed.len() > 1 {
            let mut s = String::from("Preparing the export… part ");
            push_int(&mut s, done as u64 + 1);
            s.push_str(" of ");
            push_int(&mut s, needed.len() as u64);
            status.set_text_content(Some(&s));
        }
        chunks[i] = Some(data.details.chunk(i).await?);
    }
    let links: Vec<String> = events
        .iter()
        .map(|&n| crate::links::permalink_url(&data.site, &data.events[n as usize].id))
        .collect();
    let items: Vec<Item> = events
        .iter()
        .zip(&links)
        .filter_map(|(&n, permalink)| {
            let i = data.chunk_of(n);
            let chunk = chunks[i].as_ref()?;
            Some(Item {
                number: n,
                event: &data.events[n as usize],
                details: chunk.get((n - data.chunks[i].first) as usize)?,
                permalink,
            })
        })
        .collect();
    Ok(match format {
        Format::Csv => export::csv(data, &items),
        Format::Json => export::json(data, &items),
        Format::Ics => export::ics(data, &items, &utc_stamp()),
    })
}

/// `<site>-<YYYY-MM-DD>.<ext>`, today's date where the reader is.
fn file_name(data: &Data, format: Format) -> String {
    let now = js_sys::Date::new_0();
    export::file_name(
        &data.site.title,
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
        format.ext(),
    )
}

/// Now as an ICS `DTSTAMP`: `20261202T153000Z`.
fn utc_stamp() -> String {
    let now = js_sys::Date::new_0();
    let mut s = String::new();
    let two = |s: &mut String, n: u32| push_padded(s, u64::from(n), 2);
    push_padded(&mut s, u64::from(now.get_utc_full_year()), 4);
    two(&mut s, now.get_utc_month() + 1);
    two(&mut s, now.get_utc_date());
    s.push('T');
    two(&mut s, now.get_utc_hours());
    two(&mut s, now.get_utc_minutes());
    two(&mut s, now.get_utc_seconds());
    s.push('Z');
    s
}

/// Hands `text` to the browser as a file to save.
fn download(name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let Ok(link) = document().create_element("a") else {
        return;
    };
    let link: web_sys::HtmlAnchorElement = link.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // The download has started from the URL; it can go once this task is over.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
}
