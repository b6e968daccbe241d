//! Where the list's viewport is: its top relative to the list and its height, measured on
//! scroll and resize (the window's, or the list's own box in an embed), and the width that
//! decides the row height.

use leptos::{ev, html, prelude::*};

/// The viewport's position and the window's width, as signals; `measure` updates them.
#[derive(Clone, Copy)]
pub struct Viewport {
    /// (top of the viewport relative to the list, viewport height)
    pub view: RwSignal<(f64, f64)>,
    pub width: RwSignal<f64>,
    list: NodeRef<html::Div>,
    scroller: NodeRef<html::Div>,
    /// In an embed the list scrolls in its own box, so that the frame's height (which the
    /// parent page sets from the content) stays bounded; elsewhere the window scrolls.
    boxed: bool,
}

fn window_size() -> (f64, f64) {
    let w = window();
    let get = |v: Result<wasm_bindgen::JsValue, _>, default| {
        v.ok().and_then(|v| v.as_f64()).unwrap_or(default)
    };
    (get(w.inner_width(), 1280.0), get(w.inner_height(), 1000.0))
}

/// Measuring after every layout change must not re-render the rows when nothing moved:
/// a signal notifies on every `set`, equal or not.
fn set_if_changed<T: PartialEq + Clone + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.try_get_untracked() != Some(value.clone()) {
        signal.try_set(value);
    }
}

impl Viewport {
    /// Follows the window's scroll and resize for as long as the calling view lives.
    pub fn track(list: NodeRef<html::Div>, scroller: NodeRef<html::Div>, boxed: bool) -> Self {
        let v = Viewport {
            view: RwSignal::new((0.0, 1000.0)),
            width: RwSignal::new(window_size().0),
            list,
            scroller,
            boxed,
        };
        let on_scroll = window_event_listener(ev::scroll, move |_| v.measure());
        let on_resize = window_event_listener(ev::resize, move |_| v.measure());
        on_cleanup(move || {
            on_scroll.remove();
            on_resize.remove();
        });
        v
    }

    pub fn measure(self) {
        let (width, height) = window_size();
        set_if_changed(self.width, width);
        if self.boxed {
            // `try_`: a frame or scroll callback may run after the list is gone.
            if let Some(el) = self.scroller.try_get_untracked().flatten() {
                set_if_changed(
                    self.view,
                    (el.scroll_top() as f64, el.client_height() as f64),
                );
            }
        } else if let Some(el) = self.list.try_get_untracked().flatten() {
            let top = el.get_bounding_client_rect().top();
            set_if_changed(self.view, (-top, height));
        }
    }

    /// Scrolls so that the viewport's top is `top` pixels below the list's top.
    pub fn scroll_to(self, top: f64) {
        match self.scroller.get_untracked().filter(|_| self.boxed) {
            Some(s) => s.set_scroll_top(top as i32),
            None => {
                if let Some(el) = self.list.get_untracked() {
                    let list_top =
                        el.get_bounding_client_rect().top() + window().scroll_y().unwrap_or(0.0);
                    window().scroll_to_with_x_and_y(0.0, list_top + top);
                }
            }
        }
    }
}
