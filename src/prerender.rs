//! Content before the app starts. The build writes the page's first screen into the page
//! as static HTML (`#prerender`: the home's header, count and first rows, or an event's
//! article) in the app's own markup, so that a reader sees it at the first paint. The app
//! mounts behind it: [`cover`] lays the static block over the app's place and hides the
//! app (`body.taking-over`, in the stylesheet), which lays itself out where it will be
//! shown; once the page shown has its own first screen in place, [`take_over`] removes
//! the block and shows the app in the same frame. Both are the same markup at the same
//! places, so nothing moves.

use leptos::prelude::*;
use std::cell::Cell;
use wasm_bindgen::JsCast;

/// Where the page is in the takeover.
#[derive(Clone, Copy, PartialEq)]
enum State {
    /// No static content (the boot script removes it from a view it does not show), or
    /// it has been taken over.
    Gone,
    /// The static content shows, the app is hidden behind it.
    Covering,
    /// As `Covering`, and the page shown takes over itself when its content is complete
    /// (an event page, when its details have arrived).
    Waiting,
}

thread_local! {
    static STATE: Cell<State> = const { Cell::new(State::Gone) };
}

const BODY_CLASS: &str = "taking-over";

fn block() -> Option<web_sys::Element> {
    document().get_element_by_id("prerender")
}

/// Before the app mounts: hides the app behind the static content, if the page has any.
pub fn cover() {
    if let (Some(_), Some(body)) = (block(), document().body()) {
        let _ = body.class_list().add_1(BODY_CLASS);
        STATE.with(|s| s.set(State::Covering));
    }
}

/// Whether the static content still shows (the app's first screen is not complete yet).
pub fn pending() -> bool {
    STATE.with(|s| s.get()) != State::Gone
}

/// Called by a page that takes over itself, with [`take_over`], once its content is
/// complete: the app's own takeover after its first render leaves the static content.
pub fn wait() {
    STATE.with(|s| {
        if s.get() == State::Covering {
            s.set(State::Waiting);
        }
    });
}

/// In the next frame, before it is painted, takes over, unless the page shown by then
/// waits to do it itself. The app calls it as it builds its first view: by the frame the
/// view's rows are in the page (hidden), and whatever the list measures in that frame is
/// applied before the paint too.
pub fn take_over_in_next_frame() {
    request_animation_frame(|| {
        if STATE.with(|s| s.get()) == State::Covering {
            take_over();
        }
    });
}

/// Removes the static content and shows the app, keeping what the reader typed into the
/// static search box (and the order chosen) and where the focus was.
pub fn take_over() {
    if !pending() {
        return;
    }
    STATE.with(|s| s.set(State::Gone));
    let carried = block().map(|b| {
        let field = |selector: &str| {
            b.query_selector(selector)
                .ok()
                .flatten()
                .map(|el| (value_of(&el), is_focused(&el)))
        };
        let carried = (field(".search input"), field(".sort select"));
        b.remove();
        carried
    });
    if let Some(body) = document().body() {
        let _ = body.class_list().remove_1(BODY_CLASS);
    }
    if let Some((search, sort)) = carried {
        carry(search, ".search input", "", "input");
        carry(sort, ".sort select", "desc", "change");
    }
}

fn value_of(el: &web_sys::Element) -> String {
    if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        input.value()
    } else if let Some(select) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
        select.value()
    } else {
        String::new()
    }
}

fn is_focused(el: &web_sys::Element) -> bool {
    document()
        .active_element()
        .is_some_and(|active| &active == el)
}

/// Gives the app's field at `selector` the static field's value, as if the reader had
/// entered it there (an `event` its own handler hears), unless it is the `untouched` one;
/// and the focus, if the static field had it.
fn carry(from: Option<(String, bool)>, selector: &str, untouched: &str, event: &str) {
    let Some((value, focused)) = from else { return };
    let Some(el) = document().query_selector(selector).ok().flatten() else {
        return;
    };
    if value != untouched {
        if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
            input.set_value(&value);
        } else if let Some(select) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
            select.set_value(&value);
        }
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        if let Ok(ev) = web_sys::Event::new_with_event_init_dict(event, &init) {
            let _ = el.dispatch_event(&ev);
        }
    }
    if focused {
        if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}
