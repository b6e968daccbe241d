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

/// Deeper than any event needs. The sanitiser's HTML parser takes time proportional to
/// the number of elements times their depth, so a body of 100,000 nested lists (200 KB)
/// would take minutes: such a text is shown as plain text instead (and the check warns).
pub const MAX_DEPTH: usize = 100;

fn render(markdown: &str) -> String {
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, Parser::new_ext(markdown, options()));
    raw
}

/// Renders Markdown and sanitises the result. A text that nests deeper than
/// [`MAX_DEPTH`] is shown as it is written, escaped, in a `<pre>`.
pub fn to_html(markdown: &str) -> String {
    if markdown.trim().is_empty() {
        return String::new();
    }
    let raw = render(markdown);
    if html_depth(&raw) > MAX_DEPTH {
        // Every `<`, `>`, `&` and `"` escaped: inert text, which needs no sanitiser (and
        // would cost it a long parse).
        return format!(
            "<pre>{}</pre>",
            timeline_bundle::text::escape_html(markdown.trim())
        );
    }
    sanitize(&raw)
}

/// How deeply a Markdown text's HTML nests, when that is more than [`MAX_DEPTH`].
pub fn too_deep(markdown: &str) -> Option<usize> {
    // Each level needs a byte that can open one (a quote, a list marker, emphasis, a
    // bracket, a tag); paragraphs, headings, code blocks and tables add a few at most.
    // Counting them first spares most texts the rendering.
    let openers = markdown
        .bytes()
        .filter(|b| {
            matches!(
                b,
                b'>' | b'<' | b'*' | b'_' | b'-' | b'+' | b'[' | b'~' | b'.' | b')'
            )
        })
        .count();
    if openers + 10 <= MAX_DEPTH {
        return None;
    }
    let depth = html_depth(&render(markdown));
    (depth > MAX_DEPTH).then_some(depth)
}

/// Elements that never hold others, and those whose end tag may be left out (the HTML
/// parser closes them when a sibling starts): neither makes the tree deeper.
const FLAT: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "option", "tr", "td", "th", "rt", "rp",
];

/// The greatest nesting of HTML start and end tags: an estimate that errs on the deep
/// side (an unclosed tag counts as open to the end), in one pass.
pub fn html_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(lt) = bytes[i..].iter().position(|&b| b == b'<') {
        i += lt + 1;
        if bytes[i..].starts_with(b"!--") {
            i += bytes[i..]
                .windows(3)
                .position(|w| w == b"-->")
                .map_or(bytes.len() - i, |p| p + 3);
            continue;
        }
        let closing = bytes.get(i) == Some(&b'/');
        let start = i + usize::from(closing);
        let len = bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if len == 0 {
            continue;
        }
        let name = html[start..start + len].to_ascii_lowercase();
        if FLAT.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(bytes.len(), |p| start + p);
        if end > 0 && bytes[end - 1] == b'/' {
            continue;
        }
        depth += 1;
        max = max.max(depth);
    }
    max
}

/// Sanitises HTML that did not come from [`to_html`].
pub fn sanitize(html: &str) -> String {
    sanitizer().clean(html).to_string().trim().to_string()
}

/// The words of a Markdown text without its markup or link targets, for the search index.
/// (A link preview's description is cut from the bundle's sanitised HTML instead, by
/// `site`, which sees only the bundle.)
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
    fn html_depth_counts_open_elements() {
        assert_eq!(html_depth("<p>a <em>b <strong>c</strong></em></p>"), 2);
        assert_eq!(
            html_depth("<ul>\n<li><ul>\n<li>x</li>\n</ul></li>\n</ul>"),
            2
        );
        assert_eq!(html_depth("<br><br/><img src=x><p><p><p><li><li>"), 0);
        assert_eq!(html_depth("<!-- <div><div> --><div/><b>x</b>"), 1);
        assert_eq!(html_depth("a < b and c<>d </ >"), 0);
        assert_eq!(html_depth(&"<div>".repeat(7)), 7);
        assert_eq!(html_depth("<DIV><Span>x</span></div><div>"), 2);
    }

    #[test]
    fn deep_nesting_is_shown_as_plain_text_quickly() {
        for text in [
            "> ".repeat(20_000) + "deep",
            "- ".repeat(20_000) + "deep",
            "<div>".repeat(20_000) + "deep <script>x</script>",
        ] {
            let started = std::time::Instant::now();
            assert!(too_deep(&text).is_some());
            let html = to_html(&text);
            assert!(html.starts_with("<pre>"), "{}", &html[..50]);
            assert!(html.contains("deep"));
            assert!(!html.contains("<script"), "escaped, then sanitised");
            assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
        }
        let just_fits = "> ".repeat(MAX_DEPTH) + "x";
        assert_eq!(too_deep(&just_fits), None);
        assert!(to_html(&just_fits).starts_with("<blockquote>"));
        assert_eq!(
            too_deep(&("> ".repeat(MAX_DEPTH + 1) + "x")),
            Some(MAX_DEPTH + 1)
        );
        assert_eq!(
            too_deep("A short text - with a list.\n\n- one\n- two\n"),
            None
        );
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
