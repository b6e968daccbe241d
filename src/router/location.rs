//! The current URL as signals, and the two ways it changes: the app navigates (a followed
//! link, a filter written back, a key) with the History API, or the reader goes back or
//! forward (`popstate`). Links are plain `<a href>`: one click listener on the window
//! follows those that stay within the app, so a row, a chip and a breadcrumb need nothing
//! of their own.

use super::route::Route;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The current URL, shared through context.
#[derive(Clone, Copy)]
pub struct Location {
    /// The path as the browser has it, the base included (`/timeline/tags`).
    pub pathname: Memo<String>,
    /// The query string, without its `?`.
    pub search: Memo<String>,
    /// The page the path names.
    pub route: Memo<Route>,
    url: RwSignal<(String, String)>,
}

/// How to navigate: leaving `replace` false adds a history entry (so that back undoes the
/// change), and `scroll` (a followed link) starts the new page at its top.
pub struct Navigate {
    pub replace: bool,
    pub scroll: bool,
}

impl Default for Navigate {
    fn default() -> Self {
        Navigate {
            replace: false,
            scroll: true,
        }
    }
}

/// The browser's path and query string (without its `?`) now.
fn current() -> (String, String) {
    let location = window().location();
    let search = location.search().unwrap_or_default();
    (
        location.pathname().unwrap_or_default(),
        search.trim_start_matches('?').to_string(),
    )
}

/// The path below the base, or `None` when the path is outside it.
fn below_base(pathname: &str) -> Option<&str> {
    let rest = pathname.strip_prefix(crate::links::base())?;
    (rest.is_empty() || rest.starts_with('/')).then_some(rest)
}

impl Location {
    /// Moves to `route` (base-relative, with its query: `/tags?tag=x`).
    pub fn navigate(self, route: &str, how: Navigate) {
        let url = format!("{}{route}", crate::links::base());
        self.go(&url, how);
    }

    /// Moves to `url`, a path with its query and fragment, the base included.
    fn go(self, url: &str, how: Navigate) {
        let win = window();
        let location = win.location();
        let here = format!(
            "{}{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default(),
            location.hash().unwrap_or_default()
        );
        if let Ok(history) = win.history() {
            // The same URL again (a link to the page shown) adds no entry.
            let _ = if how.replace || url == here {
                history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url))
            } else {
                history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url))
            };
        }
        // Read back as the browser spelled it, so that the signals always hold what the
        // address bar shows.
        self.url.set(current());
        if how.scroll {
            scroll_to_fragment_or_top();
        }
    }

    /// Whether the page shown is at `route` (base-relative, `/tags`): exactly, or with
    /// `exact` false also anything below it.
    pub fn is_at(self, route: &str, exact: bool) -> bool {
        self.pathname.with(|p| {
            let Some(rest) = below_base(p) else {
                return false;
            };
            let (rest, route) = (rest.trim_end_matches('/'), route.trim_end_matches('/'));
            rest == route
                || (!exact && rest.starts_with(route) && rest[route.len()..].starts_with('/'))
        })
    }
}

/// Starts following the URL for as long as the calling owner lives, and provides it.
pub fn provide_location() -> Location {
    let url = RwSignal::new(current());
    let pathname = Memo::new(move |_| url.with(|u| u.0.clone()));
    let search = Memo::new(move |_| url.with(|u| u.1.clone()));
    let route = Memo::new(move |_| {
        pathname.with(|p| match below_base(p) {
            Some(rest) => Route::of(rest, decode_component),
            None => Route::NotFound,
        })
    });
    let location = Location {
        pathname,
        search,
        route,
        url,
    };
    let back_or_forward = window_event_listener(leptos::ev::popstate, move |_| url.set(current()));
    let click = window_event_listener(leptos::ev::click, move |ev| follow_link(location, &ev));
    on_cleanup(move || {
        back_or_forward.remove();
        click.remove();
    });
    provide_context(location);
    location
}

/// The current URL, for views under the app.
pub fn use_location() -> Location {
    expect_context::<Location>()
}

/// Follows a click on a link within the app without loading a page. Everything else is
/// the browser's: a modified or non-primary click (a new tab, a download), a link with a
/// target, `download` or `rel="external"`, a link to another origin or outside the base,
/// and a link that only changes the fragment (the skip link), which the browser scrolls
/// to and focuses.
fn follow_link(location: Location, ev: &web_sys::MouseEvent) {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.alt_key()
        || ev.ctrl_key()
        || ev.shift_key()
    {
        return;
    }
    let Some(a) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("a[href]").ok().flatten())
        .and_then(|el| el.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return;
    };
    let rel = a.rel();
    if !a.target().is_empty()
        || a.has_attribute("download")
        || rel.split_ascii_whitespace().any(|r| r == "external")
    {
        return;
    }
    let here = window().location();
    let path = a.pathname();
    let search = a.search();
    if a.origin() != here.origin().unwrap_or_default() || below_base(&path).is_none() {
        return;
    }
    let same_document =
        path == here.pathname().unwrap_or_default() && search == here.search().unwrap_or_default();
    let hash = a.hash();
    if same_document && !hash.is_empty() {
        return;
    }
    ev.prevent_default();
    location.go(&format!("{path}{search}{hash}"), Navigate::default());
}

/// After a navigation: the element the fragment names, or the top of the page.
fn scroll_to_fragment_or_top() {
    let hash = window().location().hash().unwrap_or_default();
    let target = hash
        .strip_prefix('#')
        .filter(|h| !h.is_empty())
        .and_then(|h| document().get_element_by_id(&decode_component(h)));
    match target {
        Some(el) => el.scroll_into_view(),
        None => window().scroll_to_with_x_and_y(0.0, 0.0),
    }
}

/// One level of percent-decoding (`%24` is `$`); a malformed escape leaves the text as it is.
fn decode_component(s: &str) -> String {
    js_sys::decode_uri_component(s)
        .ok()
        .and_then(|d| d.as_string())
        .unwrap_or_else(|| s.to_string())
}
