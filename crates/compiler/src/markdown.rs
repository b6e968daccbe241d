//! Markdown to safe HTML, once, at build time: the viewer inserts this HTML as it is, so
//! everything an event's author could smuggle in (scripts, handlers, `javascript:` links,
//! remote images, forms, frames) is removed here.

use pulldown_cmark::{html, Event, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::sync::OnceLock;

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_SMART_PUNCTUATION
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        // Images would load from other hosts: the viewer loads nothing from elsewhere.
        b.rm_tags(["img"]);
        b.url_schemes(HashSet::from(["http", "https", "mailto"]));
        b.link_rel(Some("noopener noreferrer nofollow"));
        b.set_tag_attribute_value("a", "target", "_blank");
        b.url_relative(ammonia::UrlRelative::Deny);
        b
    })
}

/// Renders Markdown and sanitises the result.
pub fn to_html(markdown: &str) -> String {
    if markdown.trim().is_empty() {
        return String::new();
    }
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, Parser::new_ext(markdown, options()));
    sanitize(&raw)
}

/// Sanitises HTML that did not come from [`to_html`].
pub fn sanitize(html: &str) -> String {
    sanitizer().clean(html).to_string().trim().to_string()
}

/// The words of a Markdown text without its markup or link targets, for the search index
/// and for plain-text descriptions.
pub fn to_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item)
            | Event::Start(Tag::Item) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_markdown() {
        assert_eq!(
            to_html("Some *emphasis*."),
            "<p>Some <em>emphasis</em>.</p>"
        );
        assert_eq!(to_html("  \n"), "");
    }

    #[test]
    fn strips_every_way_to_run_script() {
        let hostile = concat!(
            "<script>alert(1)</script>\n\n",
            "<img src=x onerror=alert(2)>\n\n",
            "[click](javascript:alert(3)) [data](data:text/html;base64,PHNjcmlwdD4=)\n\n",
            "<a href=\"https://ok.example\" onclick=\"alert(4)\">ok</a>\n\n",
            "<iframe src=\"https://evil.example\"></iframe><form action=x><input></form>\n\n",
            "<svg onload=alert(5)><style>body{display:none}</style>\n\n",
            "<div style=\"background:url(javascript:alert(6))\">styled</div>",
        );
        let html = to_html(hostile);
        for bad in [
            "<script",
            "onerror",
            "javascript:",
            "data:",
            "onclick",
            "<iframe",
            "<form",
            "<svg",
            "<style",
            "style=",
            "<img",
            "alert(1)",
        ] {
            assert!(
                !html.to_lowercase().contains(bad),
                "{bad} survived in {html}"
            );
        }
        assert!(html.contains("href=\"https://ok.example\""));
    }

    #[test]
    fn external_links_are_isolated() {
        let html = to_html("[NPR](https://www.npr.org/x)");
        assert!(
            html.contains("rel=\"noopener noreferrer nofollow\""),
            "{html}"
        );
        assert!(html.contains("target=\"_blank\""), "{html}");
    }

    #[test]
    fn text_drops_markup_and_urls() {
        assert_eq!(
            to_text("# Head\n\nA [link](https://x.example/path) and `code`.\n\n- one\n- two"),
            "Head A link and code. one two"
        );
    }
}
