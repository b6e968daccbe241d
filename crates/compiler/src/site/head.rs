//! Every page's `<head>`: the Content-Security-Policy, the bundle and its preload, the
//! manifest and icons, the title and the link-preview tags. And the boot script moved out
//! of Trunk's page into a file, so that the policy needs no inline script.

use std::fmt::Write as _;
use std::io;
use std::path::Path;
use timeline_bundle::text::escape_html;

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
}

/// What every page's head names: the base path, the bundle and the site.
pub(super) struct Head<'a> {
    pub base: &'a str,
    pub bundle_name: &'a str,
    pub site_title: &'a str,
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
        let (base, bundle_name, site_title) = (self.base, self.bundle_name, self.site_title);
        let mut h = String::new();
        let _ = write!(
            h,
            "{HEAD_START}<meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\">\
             <meta name=\"timeline-bundle\" content=\"{bundle_name}\">\
             <link rel=\"preload\" href=\"{base}{bundle_name}\" as=\"fetch\" type=\"application/octet-stream\" crossorigin>\
             <link rel=\"manifest\" href=\"{base}manifest.webmanifest\">\
             <link rel=\"icon\" href=\"{base}assets/icon-32.png\" sizes=\"32x32\" type=\"image/png\">\
             <link rel=\"apple-touch-icon\" href=\"{base}assets/icon-192.png\">\
             <title>{}</title><meta name=\"description\" content=\"{}\">\
             <meta property=\"og:type\" content=\"{}\"><meta property=\"og:site_name\" content=\"{}\">\
             <meta property=\"og:title\" content=\"{}\"><meta property=\"og:description\" content=\"{}\">\
             <meta name=\"twitter:card\" content=\"summary\"><meta name=\"twitter:title\" content=\"{}\">\
             <meta name=\"twitter:description\" content=\"{}\">",
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

/// The `href` of the page's `<base>` (Trunk's public URL), with a trailing slash.
pub(super) fn base_href(html: &str) -> String {
    let Some(at) = html.find("<base href=\"") else {
        return "/".into();
    };
    let rest = &html[at + 12..];
    let href = &rest[..rest.find('"').unwrap_or(0)];
    if href.ends_with('/') {
        href.to_string()
    } else {
        format!("{href}/")
    }
}

/// Moves Trunk's inline `<script type="module">` into a content-hashed file, so that the
/// Content-Security-Policy needs no `'unsafe-inline'` and no hash.
pub(super) fn externalise_boot_script(out: &Path, html: &str) -> io::Result<String> {
    let open = "<script type=\"module\">";
    let Some(start) = html.find(open) else {
        return Ok(html.to_string());
    };
    let Some(len) = html[start..].find("</script>") else {
        return Ok(html.to_string());
    };
    let code = &html[start + open.len()..start + len];
    let name = format!("boot.{}.js", &blake3::hash(code.as_bytes()).to_hex()[..16]);
    for entry in std::fs::read_dir(out)? {
        let old = entry?.file_name().to_string_lossy().into_owned();
        if old.starts_with("boot.") && old.ends_with(".js") && old != name {
            std::fs::remove_file(out.join(old))?;
        }
    }
    std::fs::write(out.join(&name), code.trim())?;
    let base = base_href(html);
    Ok(format!(
        "{}<script type=\"module\" src=\"{base}{name}\"></script>{}",
        &html[..start],
        &html[start + len + "</script>".len()..]
    ))
}
