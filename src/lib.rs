//! The timeline viewer, a Leptos single-page app over a compiled bundle.
//!
//! `app` holds the route table; `data` loads the bundle; `state` is the URL as typed
//! state; `view_state` what a view of the filtered corpus shares (the live filter, the
//! outcome); `pages/` has one file per route and `components/` the widgets they share.

mod app;
mod components;
mod data;
mod dom;
mod embed;
mod offline;
mod pages;
mod state;
mod view_state;

use wasm_bindgen::prelude::*;

/// Mounts the app, after installing a panic hook that replaces the page with an error
/// screen: a reader never sees a blank page.
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        dom::show_fatal_error(&info.to_string());
    }));
    dom::apply_saved_theme();
    leptos::mount::mount_to_body(app::App);
    dom::remove_boot_screen();
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(s: &str);
}
