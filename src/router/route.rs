//! The route table: which page a path below the site's base shows.

/// A page of the app, as its path names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// `/`
    Timeline,
    /// `/tags`
    Tags,
    /// `/actors`
    Actors,
    /// `/stats`
    Stats,
    /// `/graph`
    Graph,
    /// `/event/<id>`, the id decoded once (`%24` is `$`), as the links encoded it.
    Event(String),
    /// `/about`
    About,
    /// `/starred`
    Starred,
    NotFound,
}

impl Route {
    /// The route of `path`, the part of the URL's path below the base (`/tags`, `/`, or
    /// empty at the base itself). One trailing slash is ignored, as static hosts add it to
    /// a folder's URL (`event/<id>/`). `decode` undoes one level of percent-encoding.
    pub fn of(path: &str, decode: impl Fn(&str) -> String) -> Route {
        let path = path.strip_suffix('/').unwrap_or(path);
        match path {
            "" => Route::Timeline,
            "/tags" => Route::Tags,
            "/actors" => Route::Actors,
            "/stats" => Route::Stats,
            "/graph" => Route::Graph,
            "/about" => Route::About,
            "/starred" => Route::Starred,
            _ => match path.strip_prefix("/event/") {
                Some(id) if !id.is_empty() && !id.contains('/') => Route::Event(decode(id)),
                _ => Route::NotFound,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route(path: &str) -> Route {
        Route::of(path, |s| s.replace("%24", "$"))
    }

    #[test]
    fn paths_name_their_pages() {
        assert_eq!(route(""), Route::Timeline);
        assert_eq!(route("/"), Route::Timeline);
        assert_eq!(route("/tags"), Route::Tags);
        assert_eq!(route("/tags/"), Route::Tags);
        assert_eq!(route("/actors"), Route::Actors);
        assert_eq!(route("/stats"), Route::Stats);
        assert_eq!(route("/stats/"), Route::Stats);
        assert_eq!(route("/graph"), Route::Graph);
        assert_eq!(route("/about"), Route::About);
        assert_eq!(route("/starred"), Route::Starred);
        assert_eq!(route("/event/a%24b"), Route::Event("a$b".into()));
        assert_eq!(route("/event/a%24b/"), Route::Event("a$b".into()));
    }

    #[test]
    fn anything_else_is_not_found() {
        for path in [
            "//",
            "/tag",
            "/tags/x",
            "/event",
            "/event/",
            "/event/a/b",
            "/About",
            "/index.html",
        ] {
            assert_eq!(route(path), Route::NotFound, "{path}");
        }
    }
}
