//! The one URL policy: which addresses may become links, for an event's sources and
//! archive copies and for the settings' URLs alike. A stricter rule belongs here, so that
//! every caller gets it at once.

/// Whether a URL may become a link: http or https with something after the scheme.
pub fn is_http(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") && lower.len() > 8)
        || (lower.starts_with("http://") && lower.len() > 7)
}

#[cfg(test)]
mod tests {
    use super::*;

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
