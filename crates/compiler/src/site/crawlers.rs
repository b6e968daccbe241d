//! What crawlers read: `robots.txt` always, and `sitemap.xml` (every event's permalink)
//! when the site has a canonical URL to give them.

use crate::build::{Output, OutputError};
use std::fmt::Write as _;
use timeline_bundle::link::event_path;
use timeline_bundle::text::escape_html;
use timeline_bundle::Bundle;

/// Writes `robots.txt`, and `sitemap.xml` when there is a canonical URL (without one, the
/// last build's sitemap is not written again, so the commit removes it).
pub(super) fn write(output: &mut Output, bundle: &Bundle) -> Result<(), OutputError> {
    let canonical_url = &bundle.site.canonical_url;
    output.write("robots.txt", robots(canonical_url).as_bytes())?;
    if canonical_url.is_empty() {
        return Ok(());
    }
    output.write("sitemap.xml", sitemap_xml(bundle).as_bytes())
}

fn robots(canonical_url: &str) -> String {
    let mut r = String::from("User-agent: *\nAllow: /\n");
    if !canonical_url.is_empty() {
        let _ = writeln!(
            r,
            "Sitemap: {}/sitemap.xml",
            canonical_url.trim_end_matches('/')
        );
    }
    r
}

fn sitemap_xml(bundle: &Bundle) -> String {
    let root = bundle.site.canonical_url.trim_end_matches('/');
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let _ = writeln!(x, "  <url><loc>{}/</loc></url>", escape_html(root));
    for e in &bundle.events {
        let _ = writeln!(
            x,
            "  <url><loc>{}/{}</loc></url>",
            escape_html(root),
            escape_html(&event_path(&e.id))
        );
    }
    x.push_str("</urlset>\n");
    x
}
