//! The timeline viewer, a Leptos single-page app over a compiled bundle.
//!
//! `app` holds the routes' views (`router` matches and follows the URL); `data` loads the
//! bundle; `filter_state` is the filtered corpus a view shows (the URL's filter, the live
//! filter, the outcome); `view_state` the rest of the view's URL (the list's density);
//! `links` writes every link; `prerender` takes over the page's static first screen;
//! `pages/` has one file per route and `components/` the widgets they share.

mod app;
mod components;
mod data;
mod dom;
mod embed;
mod filter_state;
mod format;
mod links;
mod offline;
mod pages;
mod prerender;
mod router;
mod stars;
mod view_state;

/// Mounts the app, after installing a panic hook that replaces the page with an error
/// screen: a reader never sees a blank page.
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&message.as_str().into());
        dom::show_fatal_error(&message);
    }));
    dom::apply_saved_theme();
    prerender::cover();
    leptos::mount::mount_to_body(app::App);
    dom::remove_boot_screen();
}
