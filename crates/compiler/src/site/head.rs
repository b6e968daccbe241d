//! Every page's `<head>`: the Content-Security-Policy, the bundle and its preload, the
//! datasets' sizes, the manifest, the feed and icons, the title and the link-preview tags.
//! And the boot script: Trunk's inline one replaced by a file (`boot.js`, beside this
//! file), so that the policy needs no inline script and a missing or broken app shows an
//! error screen.

use super::json_str;
use crate::build::{Output, OutputError};
use std::fmt::Write as _;
use timeline_bundle::text::escape_html;

/// The boot script's template: `"__GLUE__"` and `"__WASM__"` are string literals that
/// become the URLs of the app's JavaScript and WebAssembly.
const BOOT_TEMPLATE: &str = include_str!("boot.js");

const HEAD_START: &str = "<!-- timeline:head -->";
const HEAD_END: &str = "<!-- /timeline:head -->";

/// The policy for every page: the app's own files only, WebAssembly allowed, nothing
/// inline. `frame-ancestors` cannot be set from a page; see the README for the header.
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; \
manifest-src 'self'; frame-src 'none'; object-src 'none'; base-uri 'self'; form-action 'self'";

/// What one page says about itself.
pub(super) struct Page {
    pub title: String,
    pub description: String,
    /// Its canonical URL, when the site has one.
    pub url: Option<String>,
    /// `og:type`: "website" or "article".
    pub kind: &'static str,
    /// More of the head, already escaped: an event page's citation meta.
    pub more: String,
}

/// What every page's head names: the base path, the bundle and the site.
pub(super) struct Head<'a> {
    pub base: &'a str,
    pub bundle_name: &'a str,
    pub site_title: &'a str,
    /// The datasets and their sizes ([`timeline_bundle::export::datasets_meta`]), which
    /// the about page shows.
    pub datasets: &'a str,
}

impl Head<'_> {
    /// `html` with the head block of `page` in place of its title and any earlier block.
    pub fn put_on(&self, html: &str, page: &Page) -> String {
        with_head(html, &self.block(page))
    }

    /// The `<head>` additions of a page. The favicon is a PNG: Chromium renders an SVG favicon
    /// as a document in the page's own process, and again after every change of the URL,
    /// which the timeline makes on every keystroke of a search.
    fn block(&self, page: &Page) -> String {
        let base = escape_html(self.base);
        let (bundle_name, site_title) = (self.bundle_name, self.site_title);
        let mut h = String::new();
        let _ = write!(
            h,
            "{HEAD_START}<meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\">\
             <meta name=\"timeline-bundle\" content=\"{bundle_name}\">\
             <meta name=\"timeline-datasets\" content=\"{}\">\
             <link rel=\"preload\" href=\"{base}{bundle_name}\" as=\"fetch\" type=\"application/octet-stream\" crossorigin>\
             <link rel=\"manifest\" href=\"{base}manifest.webmanifest\">\
             <link rel=\"alternate\" type=\"application/atom+xml\" href=\"{base}feed.xml\" title=\"{}\">\
             <link rel=\"icon\" href=\"{base}assets/icon-32.png\" sizes=\"32x32\" type=\"image/png\">\
             <link rel=\"apple-touch-icon\" href=\"{base}assets/icon-192.png\">\
             <title>{}</title><meta name=\"description\" content=\"{}\">\
             <meta property=\"og:type\" content=\"{}\"><meta property=\"og:site_name\" content=\"{}\">\
             <meta property=\"og:title\" content=\"{}\"><meta property=\"og:description\" content=\"{}\">\
             <meta name=\"twitter:card\" content=\"summary\"><meta name=\"twitter:title\" content=\"{}\">\
             <meta name=\"twitter:description\" content=\"{}\">",
            escape_html(self.datasets),
            escape_html(site_title),
            escape_html(&page.title),
            escape_html(&page.description),
            page.kind,
            escape_html(site_title),
            escape_html(&page.title),
            escape_html(&page.description),
            escape_html(&page.title),
            escape_html(&page.description),
        );
        if let Some(url) = &page.url {
            let _ = write!(
                h,
                "<link rel=\"canonical\" href=\"{}\"><meta property=\"og:url\" content=\"{}\">",
                escape_html(url),
                escape_html(url)
            );
        }
        h.push_str(&page.more);
        h.push_str(HEAD_END);
        h
    }
}

/// Replaces the page's `<title>` and the previous head block (if any) with `block`, placed
/// right after `<base>` so that the policy governs every script and style after it.
fn with_head(html: &str, block: &str) -> String {
    let mut html = html.to_string();
    if let (Some(a), Some(b)) = (html.find(HEAD_START), html.find(HEAD_END)) {
        html.replace_range(a..b + HEAD_END.len(), "");
    }
    if let (Some(a), Some(b)) = (html.find("<title>"), html.find("</title>")) {
        html.replace_range(a..b + "</title>".len(), "");
    }
    let at = match html.find("<base ") {
        Some(b) => b + html[b..].find('>').map_or(0, |e| e + 1),
        None => html.find("<head>").map_or(0, |h| h + "<head>".len()),
    };
    html.insert_str(at, block);
    html
}

/// The `href` of the page's `<base>` (Trunk's public URL), with a trailing slash; `Err`
/// saying why when it holds a character that would need escaping in a page or a script
/// (it is written into both).
pub(super) fn base_href(html: &str) -> Result<String, String> {
    let Some(at) = html.find("<base href=\"") else {
        return Ok("/".into());
    };
    let rest = &html[at + 12..];
    let href = &rest[..rest.find('"').unwrap_or(0)];
    if let Some(c) = href
        .chars()
        .find(|c| c.is_control() || c.is_whitespace() || "\"'<>\\&`".contains(*c))
    {
        return Err(format!(
            "has <base href=\"{}\">, which holds {}: the build writes the base into pages and \
             scripts, and takes only a plain path; build with a plain --public-url, like /timeline/",
            href.escape_debug(),
            if c.is_control() || c.is_whitespace() {
                format!("the character {}", c.escape_unicode())
            } else {
                format!("`{c}`")
            }
        ));
    }
    Ok(if href.ends_with('/') {
        href.to_string()
    } else {
        format!("{href}/")
    })
}

/// Puts `boot.<hash>.js` in place of Trunk's inline `<script type="module">` (or of the boot
/// script an earlier build put there), so that the Content-Security-Policy needs no
/// `'unsafe-inline'` and a missing or damaged app shows an error screen. The app's
/// JavaScript and WebAssembly are the ones Trunk's page preloads. A page without either
/// script is returned as it is. It blocks rendering until it starts (`blocking="render"`,
/// which browsers without it ignore): its first lines, which drop the static first screen
/// from a view it does not show and apply the saved theme, run before the first paint (it
/// is a small file, fetched beside the stylesheet, which blocks rendering anyway); what it
/// then awaits (the app) does not block.
pub(super) fn put_boot_script(
    output: &mut Output,
    html: &str,
    base: &str,
) -> Result<String, OutputError> {
    let Some((start, end)) = boot_script_at(html) else {
        return Ok(html.to_string());
    };
    let unusable = |why: &str| OutputError::unusable(&output.root().join("index.html"), why);
    let glue = preloaded(html, |tag| attr(tag, "rel") == Some("modulepreload"))
        .ok_or_else(|| unusable("has no <link rel=\"modulepreload\"> naming the app's JavaScript: is it Trunk's page?"))?;
    let wasm = preloaded(html, |tag| attr(tag, "type") == Some("application/wasm"))
        .ok_or_else(|| unusable("has no <link rel=\"preload\" type=\"application/wasm\"> naming the app's WebAssembly: is it Trunk's page?"))?;
    let code = BOOT_TEMPLATE
        .replace("\"__GLUE__\"", &json_str(glue))
        .replace("\"__WASM__\"", &json_str(wasm));
    let name = format!("boot.{}.js", &blake3::hash(code.as_bytes()).to_hex()[..16]);
    output.write(&name, code.as_bytes())?;
    Ok(without_wasm_preload_integrity(&format!(
        "{}<script type=\"module\" src=\"{}{name}\" blocking=\"render\"></script>{}",
        &html[..start],
        escape_html(base),
        &html[end..]
    )))
}

/// The page without the `integrity` of its WebAssembly preload: Chromium ignores it there
/// (a preload `as="fetch"` cannot check one) and says so in a console warning on every
/// page. The module preload and the stylesheet keep theirs.
fn without_wasm_preload_integrity(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<link ") {
        let Some(len) = rest[at..].find('>') else {
            break;
        };
        let tag = &rest[at..at + len];
        out.push_str(&rest[..at]);
        match (attr(tag, "type") == Some("application/wasm"))
            .then(|| attr(tag, "integrity"))
            .flatten()
        {
            Some(sri) => out.push_str(&tag.replace(&format!(" integrity=\"{sri}\""), "")),
            None => out.push_str(tag),
        }
        rest = &rest[at + len..];
    }
    out.push_str(rest);
    out
}

/// Where the page's boot script is: Trunk's inline module, or an earlier build's
/// `<script type="module" src="…/boot.<hash>.js"></script>`.
fn boot_script_at(html: &str) -> Option<(usize, usize)> {
    const CLOSE: &str = "</script>";
    let inline = "<script type=\"module\">";
    let external = "<script type=\"module\" src=\"";
    let found = html.find(inline).or_else(|| {
        html.match_indices(external).map(|(at, _)| at).find(|at| {
            let src = &html[at + external.len()..];
            let src = &src[..src.find('"').unwrap_or(0)];
            let file = src.rsplit('/').next().unwrap_or(src);
            file.starts_with("boot.") && file.ends_with(".js")
        })
    })?;
    let len = html[found..].find(CLOSE)?;
    Some((found, found + len + CLOSE.len()))
}

/// The `href` of the first `<link>` in the page that `wanted` accepts.
fn preloaded(html: &str, wanted: impl Fn(&str) -> bool) -> Option<&str> {
    html.match_indices("<link ")
        .filter_map(|(at, _)| html[at..].find('>').map(|end| &html[at..at + end]))
        .find(|tag| wanted(tag))
        .and_then(|tag| attr(tag, "href"))
}

/// The value of attribute `name` (double-quoted, as Trunk writes it) in a tag.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    let rest = &tag[at..];
    Some(&rest[..rest.find('"')?])
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_wasm_preload_loses_its_integrity_and_nothing_else_does() {
        let page = "<head><link rel=\"stylesheet\" href=\"/m.css\" integrity=\"sha384-a\"/>\n\
                    <link rel=\"modulepreload\" href=\"/a.js\" crossorigin=\"anonymous\" integrity=\"sha384-b\">\n\
                    <link rel=\"preload\" href=\"/a_bg.wasm\" crossorigin=\"anonymous\" integrity=\"sha384-c\" as=\"fetch\" type=\"application/wasm\"></head>";
        let out = super::without_wasm_preload_integrity(page);
        assert!(out.contains("integrity=\"sha384-a\"") && out.contains("integrity=\"sha384-b\""));
        assert!(!out.contains("sha384-c"));
        assert!(out.contains(
            "<link rel=\"preload\" href=\"/a_bg.wasm\" crossorigin=\"anonymous\" as=\"fetch\" type=\"application/wasm\">"
        ));
        assert_eq!(
            super::without_wasm_preload_integrity(&out),
            out,
            "idempotent"
        );
    }
}
