//! The starred events as a brief (`/starred`): each event's date, title, summary and
//! sources with their addresses written out, so that the page prints as a document that
//! stands without links. App only.

use super::event::Shown;
use super::{push_element, push_escaped, push_link_open};
use crate::model::{Bundle, Details};

/// One event of the brief, as an `<li>`: `href` its page; `star` writes the button that
/// takes its star away (not in a shared collection, which is read-only).
pub fn push_item(h: &mut String, bundle: &Bundle, n: usize, shown: Shown, href: &str, star: bool) {
    let e = &bundle.events[n];
    h.push_str("<li class=\"brief-item\"><p class=\"brief-date\"><time datetime=\"");
    super::row::push_iso_date(h, e.date);
    h.push_str("\">");
    push_escaped(h, &e.date.human());
    h.push_str("</time></p><h2>");
    push_link_open(h, href, None, "");
    push_escaped(h, &e.title);
    h.push_str("</a></h2>");
    if star {
        h.push_str(
            "<button class=\"icon-button star\" type=\"button\" aria-pressed=\"true\" data-star=\"",
        );
        push_escaped(h, &e.id);
        h.push_str("\" aria-label=\"Unstar: ");
        push_escaped(h, &e.title);
        h.push_str("\" title=\"Unstar\"></button>");
    }
    match shown {
        Shown::Ready(d) => push_details(h, d),
        Shown::Loading => {
            h.push_str("<p class=\"brief-loading\">Loading the summary and sources…</p>")
        }
        Shown::Failed(why) => {
            h.push_str("<p class=\"brief-failed\" role=\"alert\">The summary and sources could not be loaded (");
            push_escaped(h, why);
            h.push_str("). <button class=\"button secondary\" type=\"button\" data-retry=\"\">Retry</button></p>");
        }
    }
    h.push_str("</li>");
}

/// The summary (the excerpt when the event has none) and the sources.
fn push_details(h: &mut String, d: &Details) {
    if !d.summary_html.is_empty() {
        h.push_str("<div class=\"brief-summary prose\">");
        h.push_str(&d.summary_html);
        h.push_str("</div>");
    } else if !d.excerpt.is_empty() {
        push_element(h, "p", "brief-summary", &d.excerpt);
    }
    if d.sources.is_empty() {
        return;
    }
    h.push_str("<ol class=\"brief-sources\">");
    for s in &d.sources {
        h.push_str("<li>");
        let title = s.title.as_deref();
        if let Some(outlet) = &s.outlet {
            push_element(h, "span", "outlet", outlet);
            h.push_str(if title.is_some() || s.url.is_some() {
                ": "
            } else {
                ""
            });
        }
        if let Some(t) = title {
            push_escaped(h, t);
        }
        // The address in full, linked when it is http(s) (what the bundle keeps as a link).
        match (&s.url, &s.unlinked_url) {
            (Some(url), _) => {
                h.push(' ');
                push_link_open(
                    h,
                    url,
                    Some("_blank"),
                    " class=\"url\" rel=\"noopener noreferrer nofollow\"",
                );
                push_escaped(h, url);
                h.push_str("</a>");
            }
            (None, Some(text)) => {
                h.push(' ');
                push_element(h, "span", "url", text);
            }
            (None, None) => {}
        }
        h.push_str("</li>");
    }
    h.push_str("</ol>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, Source};
    use crate::PartialDate;

    #[test]
    fn an_item_escapes_its_texts_and_writes_the_addresses_out() {
        let bundle = Bundle {
            events: vec![Event {
                id: "a\"<b>".into(),
                date: PartialDate::parse("2020-03").unwrap(),
                title: "<script>alert(1)</script>".into(),
                ..Event::default()
            }],
            ..Bundle::default()
        };
        let d = Details {
            excerpt: "An <i>excerpt</i>".into(),
            sources: vec![Source {
                url: Some("https://example.org/a?b=1&c=<2>".into()),
                title: Some("The <b>story</b>".into()),
                outlet: Some("Times & Co".into()),
                ..Source::default()
            }],
            ..Details::default()
        };
        let mut h = String::new();
        push_item(&mut h, &bundle, 0, Shown::Ready(&d), "event/a", true);
        assert!(
            !h.contains("<script") && !h.contains("<b>") && !h.contains("<i>"),
            "{h}"
        );
        assert!(
            h.contains("<time datetime=\"2020-03\">March 2020</time>"),
            "{h}"
        );
        assert!(h.contains("data-star=\"a&quot;&lt;b&gt;\""), "{h}");
        assert!(
            h.contains(
                "<span class=\"outlet\">Times &amp; Co</span>: The &lt;b&gt;story&lt;/b&gt;"
            ),
            "{h}"
        );
        assert!(
            h.contains(">https://example.org/a?b=1&amp;c=&lt;2&gt;</a>"),
            "{h}"
        );
        let mut shared = String::new();
        push_item(&mut shared, &bundle, 0, Shown::Loading, "event/a", false);
        assert!(!shared.contains("data-star") && shared.contains("brief-loading"));
    }
}
