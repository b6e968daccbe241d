//! The excerpt a list row shows under the title: the event's summary (`description` or
//! `summary`), else its body's first paragraph, as plain text — Markdown and inline HTML
//! left out, entities decoded (the row escapes it again) — cut at a word boundary.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// About three lines of a phone's row (some 45 characters a line at its width) and two of
/// a wide one's; the row's box clamps what is longer, so this only bounds the bytes.
pub const MAX_CHARS: usize = 160;

/// The excerpt of an event with `summary` (its Markdown, if any) and `body`.
pub fn of(summary: Option<&str>, body: &str) -> String {
    let text = summary
        .map(|s| first_paragraph(s, false))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| first_paragraph(body, true));
    cut(&text, MAX_CHARS)
}

/// The plain text of a Markdown text: all of it, or only its first paragraph (headings,
/// lists and code blocks before it are not the event's prose and are passed over).
fn first_paragraph(markdown: &str, only_first: bool) -> String {
    let mut out = String::new();
    let mut in_paragraph = false;
    for event in Parser::new_ext(markdown, pulldown_cmark::Options::ENABLE_SMART_PUNCTUATION) {
        match event {
            Event::Start(Tag::Paragraph) => in_paragraph = true,
            Event::End(TagEnd::Paragraph) => {
                in_paragraph = false;
                if only_first && !out.trim().is_empty() {
                    break;
                }
                out.push(' ');
            }
            Event::Text(t) | Event::Code(t) if in_paragraph || !only_first => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Heading(_) | TagEnd::Item) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` if it has at most `max` characters; else its words that fit with `…` after
/// them (a first word longer than `max` is cut inside).
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    // Room for the ellipsis.
    let end = text
        .char_indices()
        .nth(max - 1)
        .map_or(text.len(), |(i, _)| i);
    let head = &text[..end];
    // A cut inside a word goes back to the space before it.
    let words = match text[end..].starts_with(' ') {
        true => head,
        false => head.rfind(' ').map_or(head, |i| &head[..i]),
    };
    let mut out = words
        .trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, ',' | ';' | ':' | '—' | '–' | '-')
        })
        .to_string();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_comes_first_then_the_bodys_first_paragraph() {
        assert_eq!(of(Some("The *summary*."), "The body."), "The summary.");
        assert_eq!(of(Some("  "), "First.\n\nSecond."), "First.");
        assert_eq!(
            of(None, "# Heading\n\n- item\n\nThe prose.\n\nMore."),
            "The prose."
        );
        assert_eq!(of(None, ""), "");
    }

    #[test]
    fn markup_is_left_out_and_entities_decoded() {
        assert_eq!(
            of(
                Some("A <b>bold</b> [link](https://x.org) &amp; `code` &lt;i&gt; &#8212; \"q\""),
                ""
            ),
            "A bold link & code <i> — “q”"
        );
        assert_eq!(of(None, "<script>alert(1)</script>\n\nText"), "Text");
        assert_eq!(of(Some("one\ntwo  \nthree"), ""), "one two three");
    }

    #[test]
    fn long_texts_are_cut_at_a_word_with_an_ellipsis() {
        let long = "word ".repeat(100);
        let e = of(Some(&long), "");
        assert!(e.ends_with("word…"), "{e}");
        assert!(e.chars().count() <= MAX_CHARS);
        assert_eq!(cut("alpha beta gamma", 12), "alpha beta…");
        assert_eq!(cut("alpha beta, gamma", 13), "alpha beta…");
        assert_eq!(cut("alpha beta gamma", 11), "alpha beta…");
        assert_eq!(cut("alpha beta", 10), "alpha beta");
        assert_eq!(cut("abcdefghijkl", 5), "abcd…");
        assert_eq!(cut("ééééé ééééé", 8), "ééééé…");
    }
}
