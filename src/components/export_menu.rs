//! Export the events a view lists, in its order: CSV, JSON or an ICS calendar, named
//! `<site>-<YYYY-MM-DD>.<ext>`. The file is written by the export worker
//! (`src/bin/export-worker.rs`, a wasm of its own, loaded on a first export) from the core
//! and the details chunks, through `timeline_bundle::export` (the build's datasets are the
//! same code); it works offline too, the service worker having saved the worker's files.

use crate::data::{use_data, Data};
use crate::dom::closest;
use leptos::prelude::*;
use timeline_bundle::html::{count_of, push_padded, EXPORT_MENU};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker};

/// The worker's loader, written by Trunk beside the app (relative to the document's base,
/// like every file of the site).
const WORKER: &str = "export-worker_loader.js";

/// The Export menu for the events `events` lists (read when a format is chosen).
#[component]
pub fn ExportMenu(#[prop(into)] events: Signal<Vec<u32>>) -> impl IntoView {
    let data = use_data();
    let busy = RwSignal::new(false);
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(format) =
            closest(&ev, "[data-format]").and_then(|b| b.get_attribute("data-format"))
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
            let done = match in_worker(&data, &events, &format, &status).await {
                Ok((file, name)) => {
                    download(&name, &file);
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

/// Has the export worker write the file: the file and its name, or why there is none.
/// The status line says how far the worker got.
async fn in_worker(
    data: &Data,
    events: &[u32],
    format: &str,
    status: &web_sys::Element,
) -> Result<(web_sys::Blob, String), String> {
    let worker = Worker::new(WORKER).map_err(|_| "the browser would not start the export")?;
    let job = job(data, events, format)?;
    let (mut settle, mut fail) = (None, None);
    let answer = js_sys::Promise::new(&mut |resolve, reject| {
        settle = Some(resolve);
        fail = Some(reject);
    });
    let (settle, fail) = (
        settle.expect("run by Promise::new"),
        fail.expect("run by Promise::new"),
    );
    let on_message = {
        let (worker, status) = (worker.clone(), status.clone());
        Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            let data = ev.data();
            if field(&data, "ready").is_truthy() {
                let _ = worker.post_message(&job);
            } else if let Some(progress) = field(&data, "progress").as_string() {
                status.set_text_content(Some(&progress));
            } else {
                let _ = settle.call1(&JsValue::NULL, &data);
            }
        })
    };
    // The worker's files would not load: offline before the service worker saved them, or
    // a host without them.
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        let _ = fail.call1(
            &JsValue::NULL,
            &"the export's code could not be loaded".into(),
        );
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let outcome = JsFuture::from(answer).await;
    worker.terminate();
    let answer = outcome.map_err(|why| why.as_string().unwrap_or_default())?;
    if let Some(why) = field(&answer, "error").as_string() {
        return Err(why);
    }
    let file = field(&answer, "file")
        .dyn_into::<web_sys::Blob>()
        .map_err(|_| "the export came back empty")?;
    Ok((file, field(&answer, "name").as_string().unwrap_or_default()))
}

/// The job the worker is posted: the core's address, the events by number, the format,
/// what a permalink starts with, today's date where the reader is, and now in UTC.
fn job(data: &Data, events: &[u32], format: &str) -> Result<JsValue, String> {
    let name = crate::dom::meta("timeline-bundle").ok_or("the page names no data")?;
    let core = web_sys::Url::new_with_base(
        &name,
        &document().base_uri().ok().flatten().unwrap_or_default(),
    )
    .map_err(|_| "the data's address is not valid")?
    .href();
    let now = js_sys::Date::new_0();
    let today = [now.get_full_year(), now.get_month() + 1, now.get_date()];
    let job = js_sys::Object::new();
    let set = |key: &str, value: JsValue| {
        let _ = js_sys::Reflect::set(&job, &JsValue::from_str(key), &value);
    };
    set("core", core.into());
    set("events", js_sys::Uint32Array::from(events).into());
    set("format", format.into());
    set("root", crate::links::permalink_root(&data.site).into());
    set("today", js_sys::Uint32Array::from(&today[..]).into());
    set("stamp", utc_stamp().into());
    Ok(job.into())
}

fn field(object: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
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

/// Hands `file` to the browser to save as `name`.
fn download(name: &str, file: &web_sys::Blob) {
    let Ok(url) = web_sys::Url::create_object_url_with_blob(file) else {
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
