//! Every link the app writes: the base path it is served under, in-app hrefs (which keep
//! the embed parameters in embed mode), a path with a query, and permalinks, which are
//! spelled as the build's static pages spell them ([`timeline_bundle::link`]).

use leptos::prelude::*;
use timeline_bundle::Filter;

/// Where the app is served from: `""` at a host's root, `"/timeline"` under a sub-path.
/// Read from the page's `<base href>`, which Trunk's `--public-url` writes, so one build
/// of the app serves any path the site is deployed at.
pub fn base() -> &'static str {
    static BASE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    BASE.get_or_init(|| {
        let href = document().base_uri().ok().flatten().unwrap_or_default();
        let path = web_sys::Url::new(&href)
            .map(|u| u.pathname())
            .unwrap_or_default();
        path.trim_end_matches('/').to_string()
    })
}

/// `path` followed by `?query`, or `path` alone when the query is empty.
pub fn path_and_query(path: &str, query: &str) -> String {
    let query = query.trim_start_matches('?');
    if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{query}")
    }
}

/// A link within the app, relative to its base (`/tags?tag=x`): what the router
/// navigates to. In embed mode it keeps the embed parameters.
pub fn route(path_and_query: &str) -> String {
    crate::embed::keep_in_embed(path_and_query.to_string())
}

/// The same link as an `href`, under the base the app is served from.
pub fn href(path_and_query: &str) -> String {
    format!("{}{}", base(), route(path_and_query))
}

/// A view (`/`, `/tags`) with a filter, as a route.
pub fn route_with_filter(path: &str, filter: &Filter) -> String {
    route(&path_and_query(path, &filter.to_query()))
}

/// A view with a filter, as an `href`.
pub fn href_with_filter(path: &str, filter: &Filter) -> String {
    href(&path_and_query(path, &filter.to_query()))
}

/// The permalink of an event, as the static event pages spell it.
pub fn event_href(id: &str) -> String {
    href(&format!("/{}", timeline_bundle::link::event_path(id)))
}

/// The permalink of an event, as a route (for `use_navigate`).
pub fn event_route(id: &str) -> String {
    route(&format!("/{}", timeline_bundle::link::event_path(id)))
}
