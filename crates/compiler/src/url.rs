//! The one URL policy: which addresses may become links, for an event's sources and
//! archive copies and for the settings' URLs alike, and the stricter rule for the
//! settings' URLs, which the build writes into `robots.txt`, the sitemap and every page's
//! head. A stricter rule belongs here, so that every caller gets it at once.

/// Whether a URL may become a link: http or https with something after the scheme.
pub fn is_http(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") && lower.len() > 8)
        || (lower.starts_with("http://") && lower.len() > 7)
}

/// Why `text` is not a plain absolute http(s) URL with a host, as the settings need; the
/// `placeholders` (e.g. `{id}`) may stand anywhere after the host. `None` when it is one.
/// Parsed with the `url` crate (WHATWG URL, as browsers parse), after refusing what that
/// parser would quietly mend: control characters (a newline would start a new line of
/// `robots.txt`), spaces, quotes and angle brackets, backslashes, a scheme without `//`,
/// and a user name or password before the host.
pub fn not_plain_http(text: &str, placeholders: &[&str]) -> Option<String> {
    let mut filled = text.to_string();
    for p in placeholders {
        filled = filled.replace(p, "x");
    }
    if let Some(c) = filled.chars().find(|c| c.is_control() || c.is_whitespace()) {
        let what = match c {
            '\n' | '\r' => "a line break".to_string(),
            c if c.is_whitespace() => format!("a space ({})", c.escape_unicode()),
            c => format!("the control character {}", c.escape_unicode()),
        };
        return Some(format!("holds {what}"));
    }
    if let Some(c) = filled.chars().find(|c| "\"<>\\^`{}|".contains(*c)) {
        let also = if placeholders.is_empty() {
            String::new()
        } else {
            format!(" (only {} may stand in braces)", placeholders.join(" and "))
        };
        return Some(format!("holds `{c}`, which a URL cannot{also}"));
    }
    let lower = filled.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return Some("is not an absolute http(s) URL".into());
    }
    let url = match url::Url::parse(&filled) {
        Ok(url) => url,
        Err(e) => return Some(format!("is not a URL ({e})")),
    };
    if url.host_str().is_none_or(str::is_empty) {
        return Some("has no host".into());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Some("names a user before the host".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_urls_are_plain_absolute_http_urls_with_a_host() {
        let templates = ["{id}", "{file}"];
        for url in [
            "https://example.org/",
            "http://example.org:8080/timeline/",
            "https://example.org/edit/main/{file}",
            "https://example.org/issues/new?title=Problem+with+{id}&labels=a,b#x",
            "https://de.example.org/wiki/Zürich",
        ] {
            assert_eq!(not_plain_http(url, &templates), None, "{url}");
        }
        for (url, says) in [
            ("https://example.org/\nDisallow: /", "a line break"),
            ("https://example.org/\r", "a line break"),
            ("https://example.org/\u{7}", "control character"),
            ("https://example.org/a b", "a space"),
            ("https://example.org/\"><script>", "`\"`"),
            ("https://example.org/{x}", "only {id} and {file}"),
            ("https:\\\\evil.example", "`\\`"),
            ("https:evil.example", "not an absolute"),
            ("javascript:alert(1)", "not an absolute"),
            ("ftp://example.org/", "not an absolute"),
            ("https://", "not a URL"),
            ("https://user:pw@example.org/", "names a user"),
            ("https://example.org@evil.example/", "names a user"),
            ("https://exa mple.org/", "a space"),
            ("https://[::1/", "not a URL"),
        ] {
            let why = not_plain_http(url, &templates).unwrap_or_else(|| panic!("{url:?} refused"));
            assert!(why.contains(says), "{url:?}: {why}");
        }
        assert!(not_plain_http("https://example.org/{id}", &[]).is_some());
    }

    #[test]
    fn only_http_and_https_with_a_host_are_links() {
        for url in [
            "https://example.org",
            "http://x",
            "HTTPS://EXAMPLE.ORG/a",
            " https://x ",
        ] {
            assert!(is_http(url), "{url}");
        }
        for url in [
            "https://",
            "http://",
            "javascript:alert(1)",
            "ftp://example.org",
            "example.org",
            "",
        ] {
            assert!(!is_http(url), "{url}");
        }
    }
}
