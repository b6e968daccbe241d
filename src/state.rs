//! The URL is the state: the timeline's filter is parsed from the query string, and every
//! change ends in a navigation (`view_state` makes it right after the change is painted),
//! so views can be shared, bookmarked, reloaded and walked back.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use timeline_bundle::{Filter, Notice};

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

/// An absolute in-app link.
/// In embed mode the link keeps the embed parameters.
pub fn href(path: &str) -> String {
    crate::embed::keep_in_embed(format!("{}{path}", base()))
}

/// A link for `use_navigate`, which adds the base itself.
pub fn route(href: &str) -> &str {
    href.strip_prefix(base()).unwrap_or(href)
}

/// The permalink of an event: its id percent-encoded as one path segment.
pub fn event_href(id: &str) -> String {
    href(&format!(
        "/event/{}",
        String::from(js_sys::encode_uri_component(id))
    ))
}

/// A path with a filter's query string.
pub fn with_query(path: &str, filter: &Filter) -> String {
    let q = filter.to_query();
    if q.is_empty() {
        href(path)
    } else {
        href(&format!("{path}?{q}"))
    }
}

/// The current URL's filter and the notices about what it ignored.
pub fn use_filter() -> Memo<(Filter, Vec<Notice>)> {
    let location = use_location();
    Memo::new(move |_| Filter::parse(&location.search.get()))
}

/// The router's navigate function, shareable.
type Navigate = dyn Fn(&str, NavigateOptions) + Send + Sync;

/// Changes the filter by navigating. Typing replaces the history entry; a click adds one,
/// so that back undoes it.
#[derive(Clone)]
pub struct SetFilter {
    navigate: std::sync::Arc<Navigate>,
    path: &'static str,
}

impl SetFilter {
    pub fn apply(&self, filter: &Filter, replace: bool) {
        let query = filter.to_query();
        let url = if query.is_empty() {
            self.path.to_string()
        } else {
            format!("{}?{query}", self.path)
        };
        let url = crate::embed::keep_in_embed(url);
        (self.navigate)(
            &url,
            NavigateOptions {
                replace,
                scroll: false,
                ..Default::default()
            },
        );
    }
}

/// A setter that navigates within `path` (base-relative, e.g. `/` or `/tags`).
pub fn use_set_filter(path: &'static str) -> SetFilter {
    let navigate = use_navigate();
    SetFilter {
        navigate: std::sync::Arc::new(move |url: &str, opts| navigate(url, opts)),
        path,
    }
}
