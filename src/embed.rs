//! Embed mode (`embed=1`): compact chrome for iframes, an optional fixed filter
//! (`lock=1`), events opened in the frame or on the full site (`open=site`), and the child
//! side of pym.js's protocol, so the parent page sizes the frame to its content.

use leptos::prelude::*;
use std::sync::OnceLock;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// How the page was asked to embed itself, read once from the first URL.
#[derive(Clone, Debug, Default)]
pub struct Embed {
    pub on: bool,
    /// The filter in the URL cannot be changed by the reader.
    pub lock: bool,
    /// Events open on the full site in a new tab, not in the frame.
    pub open_site: bool,
    /// pym.js's id for this frame (its parent adds `childId` to the frame's URL).
    pub child_id: Option<String>,
    /// With `lock=1`, the filter of the frame's first URL: every view in the frame keeps it.
    pub locked: Option<timeline_bundle::Filter>,
}

pub fn embed() -> &'static Embed {
    static EMBED: OnceLock<Embed> = OnceLock::new();
    EMBED.get_or_init(|| {
        let search = window().location().search().unwrap_or_default();
        let mut e = Embed::default();
        for (k, v) in form_pairs(&search) {
            match (k.as_str(), v.as_str()) {
                ("embed", "1" | "true") => e.on = true,
                ("lock", "1" | "true") => e.lock = true,
                ("open", "site") => e.open_site = true,
                ("childId", id) if !id.is_empty() => e.child_id = Some(id.to_string()),
                _ => {}
            }
        }
        if e.on && e.lock {
            let (filter, _) = timeline_bundle::Filter::parse(&search);
            // The reader's own search is theirs to change; the rest is the embedder's.
            e.locked = Some(timeline_bundle::Filter {
                q: String::new(),
                sort: None,
                ..filter
            });
        }
        e
    })
}

fn form_pairs(search: &str) -> Vec<(String, String)> {
    let params = web_sys::UrlSearchParams::new_with_str(search.trim_start_matches('?')).ok();
    let mut out = Vec::new();
    if let Some(p) = params {
        for key in ["embed", "lock", "open", "childId"] {
            if let Some(v) = p.get(key) {
                out.push((key.to_string(), v));
            }
        }
    }
    out
}

/// The parameters that keep a link inside embed mode.
fn embed_params() -> String {
    let e = embed();
    let mut p = String::from("embed=1");
    if e.lock {
        p.push_str("&lock=1");
    }
    if e.open_site {
        p.push_str("&open=site");
    }
    if let Some(id) = &e.child_id {
        p.push_str("&childId=");
        p.push_str(&timeline_bundle::link::encode_component(id));
    }
    p
}

/// In embed mode, adds the embed parameters to an in-app URL (once).
pub fn keep_in_embed(url: String) -> String {
    if !embed().on || url.contains("embed=1") {
        return url;
    }
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}{}", embed_params())
}

/// The same URL on the full site: without the embed parameters, absolute.
pub fn full_site_url(path_and_query: &str) -> String {
    let origin = window().location().origin().unwrap_or_default();
    let mut url = format!("{origin}{path_and_query}");
    for p in ["embed=1", "lock=1", "open=site"] {
        url = url
            .replace(&format!("&{p}"), "")
            .replace(&format!("?{p}&"), "?")
            .replace(&format!("?{p}"), "");
    }
    if let Some(at) = url.find("childId=") {
        let end = url[at..].find('&').map_or(url.len(), |e| at + e + 1);
        url.replace_range(at..end, "");
    }
    url.trim_end_matches(['?', '&']).to_string()
}

/// Tells the parent page the content's height whenever it changes (pym.js protocol:
/// `pymxPYMx<id>xPYMxheightxPYMx<pixels>`), and answers the parent's width messages.
pub fn start_pym_child() {
    let Some(id) = embed().child_id.clone() else {
        return;
    };
    let Some(parent) = window().parent().ok().flatten() else {
        return;
    };
    let send = {
        let id = id.clone();
        move || {
            let Some(body) = document().body() else {
                return;
            };
            let height = body.get_bounding_client_rect().height().ceil() as i64;
            let _ = parent.post_message(
                &JsValue::from_str(&format!("pymxPYMx{id}xPYMxheightxPYMx{height}")),
                "*",
            );
        }
    };
    let on_resize = Closure::<dyn Fn()>::new(send.clone());
    if let (Ok(observer), Some(body)) = (
        web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()),
        document().body(),
    ) {
        observer.observe(&body);
    }
    on_resize.forget();
    let prefix = format!("pymxPYMx{id}xPYMx");
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            if ev
                .data()
                .as_string()
                .is_some_and(|m| m.starts_with(&prefix))
            {
                send();
            }
        });
    let _ =
        window().add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    on_message.forget();
}
