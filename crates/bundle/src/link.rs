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

/// A relative file path (`sub/a b.md`) percent-encoded segment by segment, its `/`
/// kept: `sub/a%20b.md`. A `#` or `?` in a file name would otherwise end the path.
pub fn encode_path(path: &str) -> String {
    path.split('/')
        .map(encode_component)
        .collect::<Vec<_>>()
        .join("/")
}

/// Fills an "edit"/"report" URL template from the settings: `{id}` becomes the event's id
/// and `{file}` its file's path, both percent-encoded. Filled in one pass, so that an id
/// cannot smuggle in another placeholder.
pub fn fill_template(template: &str, id: &str, file: &str) -> String {
    let mut out = String::with_capacity(template.len() + id.len() + file.len());
    let mut rest = template;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some(after) = rest.strip_prefix("{id}") {
            out.push_str(&encode_component(id));
            rest = after;
        } else if let Some(after) = rest.strip_prefix("{file}") {
            out.push_str(&encode_path(file));
            rest = after;
        } else {
            out.push('{');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
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

    #[test]
    fn templates_are_filled_with_encoded_values() {
        let t = "https://git.example/edit/main/{file}?id={id}&x={other}";
        assert_eq!(
            fill_template(t, "a&b {file}", "sub dir/hash#x?.md"),
            "https://git.example/edit/main/sub%20dir/hash%23x%3F.md?id=a%26b%20%7Bfile%7D&x={other}"
        );
        assert_eq!(fill_template("{", "i", "f"), "{");
        assert_eq!(encode_path("a/b/c.md"), "a/b/c.md");
    }
}
