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

/// The filter a link within the app may carry: in a locked embed, the lock's filter with
/// the link's own search and order (the reader may search within the lock, never leave it).
fn within_lock(filter: &Filter) -> std::borrow::Cow<'_, Filter> {
    match &crate::embed::embed().locked {
        Some(lock) => std::borrow::Cow::Owned(Filter {
            q: filter.q.clone(),
            sort: filter.sort,
            ..lock.clone()
        }),
        None => std::borrow::Cow::Borrowed(filter),
    }
}

/// A view (`/`, `/tags`) with a filter, as a route.
pub fn route_with_filter(path: &str, filter: &Filter) -> String {
    route(&path_and_query(path, &within_lock(filter).to_query()))
}

/// A view with a filter, as an `href`.
pub fn href_with_filter(path: &str, filter: &Filter) -> String {
    href(&path_and_query(path, &within_lock(filter).to_query()))
}

/// A link that narrows to another filter (a tag's timeline, a year's): within the app,
/// or, in a locked embed, whose filter it would leave, on the full site in a new tab.
pub struct Narrowing {
    pub href: String,
    /// `Some("_blank")` when the link leaves the frame.
    pub target: Option<&'static str>,
}

pub fn narrowing(path: &str, filter: &Filter) -> Narrowing {
    if crate::embed::embed().locked.is_some() {
        let inside = format!("{}{}", base(), path_and_query(path, &filter.to_query()));
        Narrowing {
            href: crate::embed::full_site_url(&inside),
            target: Some("_blank"),
        }
    } else {
        Narrowing {
            href: href_with_filter(path, filter),
            target: None,
        }
    }
}

/// The permalink of an event, as the static event pages spell it.
pub fn event_href(id: &str) -> String {
    href(&format!("/{}", timeline_bundle::link::event_path(id)))
}

/// The permalink of an event, as a route (for [`crate::router::Location::navigate`]).
pub fn event_route(id: &str) -> String {
    route(&format!("/{}", timeline_bundle::link::event_path(id)))
}

/// An event's permalink as an absolute URL, for citations, exports and sharing: below the
/// settings' canonical URL when there is one (as the static page's canonical link), else
/// below the address the app is served from.
pub fn permalink_url(site: &timeline_bundle::Site, id: &str) -> String {
    permalink_root(site) + &timeline_bundle::link::event_path(id)
}

/// What every permalink starts with, up to and with the `/` before the event's path.
pub fn permalink_root(site: &timeline_bundle::Site) -> String {
    let root = &site.canonical_url;
    if root.is_empty() {
        let origin = window().location().origin().unwrap_or_default();
        [&origin, base(), "/"].concat()
    } else {
        [root.trim_end_matches('/'), "/"].concat()
    }
}
