//! The paths that the app's links and the build's static pages share, so that a permalink
//! is spelled the same wherever it is written (a canonical URL, a sitemap, a row's link).

/// Percent-encodes `s` as one URL component, exactly as JavaScript's
/// `encodeURIComponent` does: letters, digits and `-_.!~*'()` stay, every other byte of
/// its UTF-8 becomes `%XX`.
pub fn encode_component(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 15) as usize] as char);
        }
    }
    out
}

/// The path of an event's page below the site's root, without a leading `/`:
/// `event/<id percent-encoded>`.
pub fn event_path(id: &str) -> String {
    format!("event/{}", encode_component(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_as_encode_uri_component() {
        // The values JavaScript gives for the same inputs.
        assert_eq!(encode_component("a \"b\" $c"), "a%20%22b%22%20%24c");
        assert_eq!(encode_component("it's (ok)!*~._-"), "it's%20(ok)!*~._-");
        assert_eq!(
            encode_component("a/b?c#d&e=f:g@h+i,j;k"),
            "a%2Fb%3Fc%23d%26e%3Df%3Ag%40h%2Bi%2Cj%3Bk"
        );
        assert_eq!(encode_component("Mbappé 100%"), "Mbapp%C3%A9%20100%25");
        assert_eq!(event_path("x y"), "event/x%20y");
    }
}
