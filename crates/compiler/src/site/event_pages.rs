//! One page per event under `event/<id>/`, carrying the event itself (its article, as the
//! app shows it: [`timeline_bundle::html::event`]): deep links work on hosts without
//! rewrite rules, a reader sees the event before the app has started (and without
//! JavaScript at all), search engines read it, and link previews show the event's own
//! title and description, and reference managers the citation's (`citation_*`, Dublin
//! Core).

use super::head::{Head, Page};
use super::prerender;
use crate::build::{Output, OutputError};
use crate::normalise::Compiled;
use timeline_bundle::html::event::{article_inner, Article, Shown};
use timeline_bundle::html::push_escaped;
use timeline_bundle::link::event_path;
use timeline_bundle::neighbours::{self, Postings};
use timeline_bundle::text::html_to_text;
use timeline_bundle::{Details, Event, Site};

/// Writes a page per event (or none, when `enabled` is off) from the app's page `html`;
/// returns how many it wrote. (The pages of an earlier build that are not written again
/// are removed by [`Output::commit`].) They are entry pages: put in place last.
pub(super) fn write(
    output: &mut Output,
    html: &str,
    compiled: &Compiled,
    head: &Head,
    enabled: bool,
) -> Result<usize, OutputError> {
    if !enabled {
        return Ok(0);
    }
    let site = &compiled.bundle.site;
    let postings = Postings::all(&compiled.bundle);
    let mut index = 0;
    super::each_details(output, compiled, |output, e, details| {
        let url = super::canonical(&site.canonical_url, &event_path(&e.id));
        let description = describe(details);
        // The citation's address: the canonical one, else the page's own path on its host.
        let permalink = url
            .clone()
            .unwrap_or_else(|| format!("{}{}", head.base, event_path(&e.id)));
        let page = Page {
            title: format!("{} · {}", e.title, site.title),
            more: citation(site, e, &permalink, &description),
            description,
            url,
            kind: "article",
        };
        let path = format!("event/{}/index.html", e.id);
        let static_page = prerender::put(
            &head.put_on(html, &page),
            &article(compiled, &postings, index, details),
        );
        index += 1;
        output.write_entry(&path, static_page.as_bytes())
    })?;
    Ok(compiled.bundle.events.len())
}

/// The citation meta tags ([`timeline_bundle::cite::meta`]) with Dublin Core's schema link.
fn citation(site: &Site, e: &Event, permalink: &str, description: &str) -> String {
    let mut h = String::from("<link rel=\"schema.DC\" href=\"http://purl.org/dc/elements/1.1/\">");
    for (name, content) in timeline_bundle::cite::meta(site, e, permalink, description) {
        h.push_str("<meta name=\"");
        h.push_str(name);
        h.push_str("\" content=\"");
        push_escaped(&mut h, &content);
        h.push_str("\">");
    }
    h
}

/// The static block of event `index`'s page: its article, as the app's event page shows
/// it with every event in view.
fn article(compiled: &Compiled, postings: &Postings, index: usize, details: &Details) -> String {
    let bundle = &compiled.bundle;
    let related = neighbours::related(bundle, index, postings);
    let (earlier, later) = neighbours::earlier_and_later(bundle, index, |_| true);
    let article = Article {
        bundle,
        index,
        details: Shown::Ready(details),
        related: &related,
        earlier,
        later,
        starred: false,
    };
    let mut inner = String::from("<article class=\"event-page\">");
    inner.push_str(&article_inner(&article, &prerender::Relative));
    inner.push_str("</article>");
    prerender::block(bundle, false, &inner)
}

/// A plain-text description of an event for link previews: its summary or body, cut at
/// a word near 200 characters.
fn describe(e: &Details) -> String {
    let html = if e.summary_html.is_empty() {
        &e.body_html
    } else {
        &e.summary_html
    };
    let text = html_to_text(html);
    if text.chars().count() <= 200 {
        return text;
    }
    let cut: String = text.chars().take(200).collect();
    format!(
        "{}…",
        cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_are_plain_and_short() {
        let mut e = Details {
            body_html: format!("<p>{}</p>", "word ".repeat(100)),
            ..Details::default()
        };
        assert!(describe(&e).len() <= 204 && describe(&e).ends_with('…'));
        e.summary_html = "<p>a &lt;b&gt;</p>".into();
        assert_eq!(describe(&e), "a <b>");
    }
}
