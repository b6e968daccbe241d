//! Small browser helpers that do not belong to a component.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

const THEME_KEY: &str = "timeline-theme";

/// The browser's `localStorage`, where it may be used (a private window's policy may refuse it).
pub fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// `light`, `dark`, or `None` to follow the system.
pub fn saved_theme() -> Option<String> {
    storage()?
        .get_item(THEME_KEY)
        .ok()
        .flatten()
        .filter(|t| t == "light" || t == "dark")
}

pub fn apply_saved_theme() {
    set_theme(saved_theme().as_deref(), false);
}

/// Applies a theme and, when `remember`, keeps it for the next visit.
pub fn set_theme(theme: Option<&str>, remember: bool) {
    if let Some(root) = document().document_element() {
        match theme {
            Some(t) => {
                let _ = root.set_attribute("data-theme", t);
            }
            None => {
                let _ = root.remove_attribute("data-theme");
            }
        }
    }
    if remember {
        if let Some(s) = storage() {
            let _ = match theme {
                Some(t) => s.set_item(THEME_KEY, t),
                None => s.remove_item(THEME_KEY),
            };
        }
    }
}

/// Whether the page is dark now (the saved choice, or the system's).
pub fn is_dark() -> bool {
    match saved_theme().as_deref() {
        Some(t) => t == "dark",
        None => window()
            .match_media("(prefers-color-scheme: dark)")
            .ok()
            .flatten()
            .is_some_and(|m| m.matches()),
    }
}

pub fn remove_boot_screen() {
    if let Some(el) = document().get_element_by_id("boot") {
        el.remove();
    }
}

/// Replaces the page with an error screen (used by the panic hook, when the app itself
/// can no longer run).
pub fn show_fatal_error(detail: &str) {
    let doc = document();
    let Some(body) = doc.body() else { return };
    let escaped = timeline_bundle::text::escape_html(detail);
    body.set_inner_html(&format!(
        "<main class=\"fatal\" role=\"alert\"><h1>Something went wrong</h1>\
         <p>The timeline stopped because of an error in the app. Reloading usually helps.</p>\
         <p><a class=\"button\" href=\"\">Reload the page</a></p>\
         <details><summary>Technical details</summary><pre>{escaped}</pre></details></main>"
    ));
}

/// The content of `<meta name=NAME>`, if the page has one.
pub fn meta(name: &str) -> Option<String> {
    let el = document()
        .query_selector(&format!("meta[name=\"{name}\"]"))
        .ok()
        .flatten()?;
    el.dyn_into::<web_sys::HtmlMetaElement>()
        .ok()
        .map(|m| m.content())
        .filter(|c| !c.is_empty())
}

/// The element matching `selector` that an event came from (itself or an ancestor): how
/// one listener on a block of HTML the app wrote hears its buttons and fields.
pub fn closest(ev: &web_sys::Event, selector: &str) -> Option<web_sys::Element> {
    ev.target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest(selector)
        .ok()?
}

/// The value of the attribute `name` on the element carrying it that an event came from,
/// in a block of HTML the app writes anew when it changes (the listener on the block).
/// That element is replaced when the block is written: if it had the focus, the focus goes
/// to the one written in its place.
pub fn clicked(ev: &web_sys::Event, name: &'static str) -> Option<String> {
    let el = closest(ev, &["[", name, "]"].concat())?;
    let value = el.get_attribute(name)?;
    if document()
        .active_element()
        .is_some_and(|active| active == el)
    {
        refocus(ev, name, value.clone());
    }
    Some(value)
}

/// Once the block that heard `ev` has been written anew (in the next frame, before it is
/// painted), focuses its element whose attribute `name` is `value`.
pub fn refocus(ev: &web_sys::Event, name: &'static str, value: String) {
    let Some(block) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    request_animation_frame(move || {
        let Ok(all) = block.query_selector_all(&["[", name, "]"].concat()) else {
            return;
        };
        let found = (0..all.length())
            .filter_map(|i| all.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
            .find(|el| el.get_attribute(name).as_deref() == Some(value.as_str()));
        if let Some(el) = found {
            let _ = el.focus();
        }
    });
}

/// Whether a key event comes from a text field (where letters are typing, not commands).
pub fn from_text_field(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.has_attribute("contenteditable")
        })
}

/// Gives the focus to the first element `selector` finds, if there is one.
pub fn focus(selector: &str) {
    if let Ok(Some(el)) = document().query_selector(selector) {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// Says `text` to screen readers, politely, through the page's status region (`#announcer`,
/// in the app's root). Emptied first and written a moment later, so that the same words
/// twice in a row are said twice.
pub fn announce(text: &str) {
    let Some(region) = document().get_element_by_id("announcer") else {
        return;
    };
    region.set_text_content(None);
    let text = text.to_string();
    set_timeout(
        move || region.set_text_content(Some(&text)),
        std::time::Duration::from_millis(50),
    );
}

pub fn copy_to_clipboard(text: &str) {
    let _ = window().navigator().clipboard().write_text(text);
}

/// Offers `url` to the system's share sheet (the Web Share API, on phones) and, where the
/// browser has none, copies it. Says which: `true` when the sheet was offered.
pub fn share(title: &str, url: &str) -> bool {
    let navigator = window().navigator();
    let share = js_sys::Reflect::get(&navigator, &"share".into()).ok();
    let Some(share) = share.and_then(|f| f.dyn_into::<js_sys::Function>().ok()) else {
        copy_to_clipboard(url);
        return false;
    };
    let data = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&data, &"title".into(), &title.into());
    let _ = js_sys::Reflect::set(&data, &"url".into(), &url.into());
    if let Ok(promise) = share.call1(&navigator, &data) {
        // The reader closing the sheet rejects the promise: nothing to report.
        let promise: js_sys::Promise = promise.unchecked_into();
        leptos::task::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }
    true
}

/// Runs `f` once the next frame has been painted: for work that the reader should not
/// wait for before seeing the result of what they did.
pub fn after_next_paint(f: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(f, std::time::Duration::ZERO));
}

/// Resolves in a new task, after the browser has had its turn (input, rendering): a long
/// job awaits it between slices. A message to itself, not `setTimeout(0)`, which the
/// browser delays to 4 ms once such timeouts nest.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Ok(channel) = web_sys::MessageChannel::new() {
            channel.port1().set_onmessage(Some(&resolve));
            let _ = channel
                .port2()
                .post_message(&wasm_bindgen::JsValue::UNDEFINED);
        } else {
            let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Milliseconds since the page started, for the performance marks the benchmark reads.
pub fn now_ms() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}
