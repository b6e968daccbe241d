//! An event's article (`<article class="event-page">`): the breadcrumbs, the header with
//! its facts, the summary, body and sources, the facets, more fields, related events,
//! earlier and later, the edit and report links, the id. The build writes it into each
//! event's static page; the app writes the same, with the details a chunk brings once
//! it has arrived (a loading line or an error in their place until then).

use super::{push_element, push_escaped, push_int, push_link_open};
use crate::facet::{EventValues, Facet};
use crate::filter::Filter;
use crate::model::{Bundle, Connection, Details, LinkState, Source};
use crate::PartialDate;

/// How the links of an article are written: the build's static pages write them relative
/// to the page's `<base href>`, the app under its base path and with its embed parameters.
pub trait Hrefs {
    /// An event's page.
    fn event(&self, id: &str) -> String;
    /// The timeline with no filter.
    fn timeline(&self) -> String;
    /// The timeline narrowed to `filter`, and the link's `target` when it leaves the page's
    /// frame (a locked embed's).
    fn narrowing(&self, filter: &Filter) -> (String, Option<&'static str>);
}

/// The details an article shows: its event's, or why it has none yet.
#[derive(Clone, Copy)]
pub enum Shown<'a> {
    Ready(&'a Details),
    Loading,
    /// Why the chunk could not be had.
    Failed(&'a str),
}

/// What an article shows: event `index` of `bundle`, its details, and the events it links
/// to as related, earlier and later (by number; the app's locked embed chooses them within
/// its lock).
pub struct Article<'a> {
    pub bundle: &'a Bundle,
    pub index: usize,
    pub details: Shown<'a>,
    pub related: &'a [usize],
    pub earlier: Option<usize>,
    pub later: Option<usize>,
    /// Whether the reader has starred it (the static page: no).
    pub starred: bool,
}

/// The inside of the article element.
pub fn article_inner(a: &Article, hrefs: &impl Hrefs) -> String {
    let bundle = a.bundle;
    let e = &bundle.events[a.index];
    let details = match a.details {
        Shown::Ready(d) => Some(d),
        _ => None,
    };
    let mut h = String::with_capacity(4096);

    h.push_str("<nav class=\"breadcrumbs\" aria-label=\"Breadcrumbs\">");
    push_link_open(&mut h, &hrefs.timeline(), None, "");
    h.push_str("Timeline</a><span aria-hidden=\"true\"> / </span>");
    let year = PartialDate::year(e.date.year);
    let (href, target) = hrefs.narrowing(&Filter {
        from: Some(year),
        to: Some(year),
        ..Filter::default()
    });
    push_link_open(&mut h, &href, target, "");
    push_int(&mut h, u64::from(e.date.year.unsigned_abs()));
    h.push_str("</a></nav>");

    h.push_str("<header class=\"event-header\"><p class=\"event-date\"><time datetime=\"");
    super::row::push_iso_date(&mut h, e.date);
    h.push_str("\">");
    push_escaped(&mut h, &e.date.human());
    h.push_str("</time></p>");
    push_element(&mut h, "h1", "", &e.title);
    h.push_str("<div class=\"event-facts\">");
    if let Some(i) = e.importance {
        h.push_str("<span class=\"importance imp-");
        push_int(&mut h, u64::from(i));
        h.push_str("\">Importance ");
        push_int(&mut h, u64::from(i));
        h.push_str("/10</span>");
    }
    if let Some(status) = e.status.and_then(|s| bundle.statuses.get(s as usize)) {
        push_element(&mut h, "span", "status", &status.label);
    }
    if let Some(place) = details.and_then(|d| d.location.as_deref()) {
        h.push_str("<span class=\"location\">📍 ");
        push_escaped(&mut h, place);
        h.push_str("</span>");
    }
    // The reader's tools, which need the app: the page's boot script marks a page with
    // JavaScript (`js`) and one whose browser can share (`can-share`) before its first
    // paint, so the static page shows what the app will, and nothing that cannot work.
    h.push_str("<span class=\"event-tools\"><button class=\"button secondary star\" type=\"button\" data-star=\"");
    push_escaped(&mut h, &e.id);
    h.push_str(if a.starred {
        "\" aria-pressed=\"true\">Starred</button>"
    } else {
        "\" aria-pressed=\"false\">Star</button>"
    });
    h.push_str(
        "<button class=\"button secondary copy-link\" type=\"button\">Copy link</button>\
        <button class=\"button secondary share\" type=\"button\">Share…</button>\
        <a class=\"button secondary cite-link\" href=\"#cite\">Cite</a></span></div></header>",
    );

    match a.details {
        Shown::Ready(d) => push_main(&mut h, d, e.date, hrefs),
        Shown::Loading => h.push_str(
            "<div class=\"details-loading\" role=\"status\"><div class=\"spinner\" aria-hidden=\"true\"></div>\
             <p>Loading the event’s text and sources…</p></div>",
        ),
        Shown::Failed(why) => {
            h.push_str("<div class=\"details-error\" role=\"alert\"><p>The event’s text and sources could not be loaded (");
            push_escaped(&mut h, why);
            h.push_str(").</p><button class=\"button\" type=\"button\">Retry</button></div>");
        }
    }

    h.push_str("<section class=\"event-terms\">");
    let values = EventValues::of(e);
    for facet in Facet::ALL.into_iter().filter(|f| f.listed_with_terms()) {
        let chosen = values.get(facet);
        if chosen.is_empty() {
            continue;
        }
        let terms = facet.terms(bundle);
        h.push_str("<div>");
        push_element(&mut h, "h2", "", facet.title());
        h.push_str("<ul class=\"term-list\">");
        for term in chosen.iter().filter_map(|&t| terms.get(t as usize)) {
            let (href, target) = hrefs.narrowing(&Filter::only(facet, &term.key));
            h.push_str("<li>");
            push_link_open(&mut h, &href, target, "");
            push_escaped(&mut h, &term.label);
            h.push_str("</a></li>");
        }
        h.push_str("</ul></div>");
    }
    h.push_str("</section>");

    if let Some(d) = details {
        push_extra(&mut h, d);
        push_connections(&mut h, bundle, hrefs, d);
    }

    if !a.related.is_empty() {
        h.push_str("<section class=\"related\"><h2>Related events</h2><ul>");
        for &i in a.related {
            push_event_item(&mut h, bundle, hrefs, i);
        }
        h.push_str("</ul></section>");
    }

    h.push_str("<nav class=\"prev-next\" aria-label=\"Earlier and later events\">");
    let neighbours = [
        (a.earlier, " class=\"prev\" rel=\"prev\"", "← Earlier"),
        (a.later, " class=\"next\" rel=\"next\"", "Later →"),
    ];
    for (i, attributes, words) in neighbours {
        if let Some(other) = i.and_then(|i| bundle.events.get(i)) {
            push_link_open(&mut h, &hrefs.event(&other.id), None, attributes);
            push_element(&mut h, "span", "", words);
            push_element(&mut h, "strong", "", &other.title);
            h.push_str("</a>");
        }
    }
    h.push_str("</nav>");

    if let Some(d) = details {
        push_actions(&mut h, bundle, &e.id, d);
    }
    h.push_str("<p class=\"event-id\">Id: ");
    push_element(&mut h, "code", "", &e.id);
    h.push_str("</p>");
    h
}

/// The summary, the body (the bundle's sanitised HTML) and the sources (`date`: the
/// event's, the Wayback Machine's date for a dead source that has none of its own).
fn push_main(h: &mut String, d: &Details, date: PartialDate, hrefs: &impl Hrefs) {
    if !d.summary_html.is_empty() {
        h.push_str("<div class=\"event-summary prose\">");
        h.push_str(&d.summary_html);
        h.push_str("</div>");
    }
    if !d.body_html.is_empty() {
        h.push_str("<div class=\"event-body prose\">");
        h.push_str(&d.body_html);
        h.push_str("</div>");
    }
    if d.sources.is_empty() {
        return;
    }
    h.push_str("<section class=\"event-sources\"><h2>Sources (");
    push_int(h, d.sources.len() as u64);
    h.push_str(")</h2><ol>");
    for s in &d.sources {
        push_source(h, s, date, hrefs);
    }
    h.push_str("</ol></section>");
}

/// The links a source's page may be followed by: no referrer, no ranking, a new tab.
const OUTSIDE: &str = " rel=\"noopener noreferrer nofollow\"";

/// One source: its title linked when its URL is http(s) (the only URLs the bundle keeps as
/// links), and what is known of it. A dead link (`timeline links`) says so in words, with
/// the day it was checked; its archived copy becomes the title's link, the dead address
/// stays as a lesser one, and without a copy the Wayback Machine is offered at the
/// source's date (else the event's, `date`). Its outlet links to the events citing it.
fn push_source(h: &mut String, s: &Source, date: PartialDate, hrefs: &impl Hrefs) {
    let title = s
        .title
        .as_deref()
        .or(s.url.as_deref())
        .or(s.unlinked_url.as_deref())
        .unwrap_or("Untitled source");
    // The dead link's day checked, and its URL.
    let dead = s
        .link
        .filter(|l| l.state == LinkState::Dead)
        .zip(s.url.as_ref());
    h.push_str("<li class=\"source");
    if dead.is_some() {
        h.push_str(" dead");
    }
    h.push_str("\">");
    match dead.and(s.archive_url.as_ref()).or(s.url.as_ref()) {
        Some(url) => {
            push_link_open(h, url, Some("_blank"), OUTSIDE);
            push_escaped(h, title);
            h.push_str("</a>");
        }
        None => push_element(h, "span", "source-title", title),
    }
    h.push_str("<span class=\"source-meta\">");
    if let Some((check, _)) = dead {
        h.push_str("<span class=\"link-dead\">Dead link, checked <time datetime=\"");
        super::row::push_iso_date(h, check.checked);
        h.push_str("\">");
        push_escaped(h, &check.checked.human());
        h.push_str("</time></span>");
    }
    if let Some(o) = &s.outlet {
        // The build made a term of every outlet whose key is not empty.
        match Facet::Outlet.key_of(o) {
            Ok(key) => {
                let (href, target) = hrefs.narrowing(&Filter::only(Facet::Outlet, &key));
                push_link_open(h, &href, target, " class=\"outlet\"");
                push_escaped(h, o);
                h.push_str("</a>");
            }
            Err(_) => push_element(h, "span", "outlet", o),
        }
    }
    for text in [&s.author, &s.date].into_iter().flatten() {
        push_element(h, "span", "", text);
    }
    if let Some(t) = s.tier {
        h.push_str("<span class=\"tier tier-");
        push_int(h, u64::from(t));
        h.push_str("\">Tier ");
        push_int(h, u64::from(t));
        h.push_str("</span>");
    }
    match (dead, &s.archive_url) {
        (Some((_, url)), Some(_)) => {
            push_link_open(h, url, Some("_blank"), OUTSIDE);
            h.push_str("Original address</a>");
        }
        (Some((_, url)), None) => {
            let near = s
                .date
                .as_deref()
                .and_then(|d| PartialDate::parse(d).ok())
                .unwrap_or(date);
            h.push_str("<a href=\"https://web.archive.org/web/");
            push_int(h, u64::from(near.start_key()));
            h.push('/');
            push_escaped(h, url);
            h.push_str("\" target=\"_blank\" rel=\"noopener noreferrer nofollow\">Try the Wayback Machine</a>");
        }
        (None, Some(archive)) => {
            push_link_open(h, archive, Some("_blank"), OUTSIDE);
            h.push_str("Archived copy</a>");
        }
        (None, None) => {}
    }
    if let (Some(u), Some(_)) = (&s.unlinked_url, &s.title) {
        h.push_str("<span class=\"unlinked\" title=\"Not a web address; not linked\">");
        push_escaped(h, u);
        h.push_str("</span>");
    }
    h.push_str("</span></li>");
}

/// "More fields": notes, patterns and the fields the model has no place for.
fn push_extra(h: &mut String, d: &Details) {
    if d.extra.is_empty() && d.notes.is_none() && d.patterns.is_empty() {
        return;
    }
    h.push_str("<details class=\"event-extra\"><summary>More fields</summary><dl>");
    let mut field = |name: &str, value: &str| {
        push_element(h, "dt", "", name);
        push_element(h, "dd", "", value);
    };
    if let Some(n) = &d.notes {
        field("notes", n);
    }
    if !d.patterns.is_empty() {
        field("patterns", &d.patterns.join(", "));
    }
    for (k, v) in &d.extra {
        field(k, v);
    }
    h.push_str("</dl></details>");
}

/// A list item linking to event `i` by its date and title (nothing when there is no
/// such event: a number is never trusted to index).
fn push_event_item(h: &mut String, bundle: &Bundle, hrefs: &impl Hrefs, i: usize) {
    if let Some(other) = bundle.events.get(i) {
        h.push_str("<li>");
        push_link_open(h, &hrefs.event(&other.id), None, "");
        push_element(h, "time", "", &other.date.human());
        push_element(h, "span", "", &other.title);
        h.push_str("</a></li>");
    }
}

/// "Connections" (an entry that names an event links to it, another is text) and
/// "Referenced by" (the events whose connections name this one), each when it has any.
fn push_connections(h: &mut String, bundle: &Bundle, hrefs: &impl Hrefs, d: &Details) {
    if !d.connections.is_empty() {
        h.push_str("<section class=\"related connections\"><h2>Connections</h2><ul>");
        for c in &d.connections {
            match c {
                Connection::Event(n) => push_event_item(h, bundle, hrefs, *n as usize),
                Connection::Text(t) => push_element(h, "li", "connection-text", t),
            }
        }
        h.push_str("</ul></section>");
    }
    if !d.referenced_by.is_empty() {
        h.push_str("<section class=\"related referenced-by\"><h2>Referenced by</h2><ul>");
        for &n in &d.referenced_by {
            push_event_item(h, bundle, hrefs, n as usize);
        }
        h.push_str("</ul></section>");
    }
}

/// The settings' edit and report links, filled for this event.
fn push_actions(h: &mut String, bundle: &Bundle, id: &str, d: &Details) {
    let site = &bundle.site;
    if site.edit_url.is_empty() && site.report_url.is_empty() {
        return;
    }
    let file = d.file_name(id);
    h.push_str("<p class=\"event-actions\">");
    for (template, words) in [
        (&site.edit_url, "Edit this event"),
        (&site.report_url, "Report a problem"),
    ] {
        if !template.is_empty() {
            let url = crate::link::fill_template(template, id, &file);
            push_link_open(h, &url, Some("_blank"), " rel=\"noopener\"");
            h.push_str(words);
            h.push_str("</a>");
        }
    }
    h.push_str("</p>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, LinkCheck, Site, Term};

    /// Links as the build's static pages write them.
    struct Relative;

    impl Hrefs for Relative {
        fn event(&self, id: &str) -> String {
            crate::link::event_path(id)
        }
        fn timeline(&self) -> String {
            "./".into()
        }
        fn narrowing(&self, filter: &Filter) -> (String, Option<&'static str>) {
            (format!("./?{}", filter.to_query()), None)
        }
    }

    fn bundle() -> Bundle {
        let term = |label: &str| Term {
            key: label.to_lowercase(),
            label: label.into(),
            count: 1,
        };
        let event = |id: &str, title: &str| Event {
            id: id.into(),
            title: title.into(),
            date: PartialDate::ymd(2020, 1, 2),
            ..Event::default()
        };
        Bundle {
            site: Site {
                edit_url: "https://example.org/edit/{file}".into(),
                ..Site::default()
            },
            tags: vec![term("Tag \"one\"")],
            actors: vec![term("<Actor>")],
            statuses: vec![term("reported")],
            outlets: vec![term("The <Wire>")],
            events: vec![
                event("a", "Earlier"),
                Event {
                    importance: Some(8),
                    status: Some(0),
                    tags: vec![0],
                    actors: vec![0],
                    outlets: vec![0],
                    ..event("b\"><script>", "<img src=x onerror=alert(1)>")
                },
                event("c", "Later & more"),
            ],
            ..Bundle::default()
        }
    }

    fn article(b: &Bundle, details: Shown) -> String {
        article_inner(
            &Article {
                bundle: b,
                index: 1,
                details,
                related: &[2],
                earlier: Some(0),
                later: Some(2),
                starred: false,
            },
            &Relative,
        )
    }

    #[test]
    fn an_article_escapes_every_text_and_keeps_only_the_sanitised_html() {
        let b = bundle();
        let d = Details {
            summary_html: "<p>Summary</p>".into(),
            sources: vec![
                Source {
                    url: Some("https://example.org/?a=1&b=\"2\"".into()),
                    title: Some("A <b>source</b>".into()),
                    outlet: Some("The <Wire>".into()),
                    tier: Some(1),
                    ..Source::default()
                },
                Source {
                    unlinked_url: Some("javascript:alert(1)".into()),
                    ..Source::default()
                },
            ],
            location: Some("<here>".into()),
            notes: Some("n\"".into()),
            ..Details::default()
        };
        let h = article(&b, Shown::Ready(&d));
        for expected in [
            "<h1>&lt;img src=x onerror=alert(1)&gt;</h1>",
            "<span class=\"importance imp-8\">Importance 8/10</span><span class=\"status\">reported</span>\
             <span class=\"location\">📍 &lt;here&gt;</span>",
            "<div class=\"event-summary prose\"><p>Summary</p></div>",
            "<h2>Sources (2)</h2>",
            "<a href=\"https://example.org/?a=1&amp;b=&quot;2&quot;\" target=\"_blank\" rel=\"noopener noreferrer nofollow\">A &lt;b&gt;source&lt;/b&gt;</a>",
            "<span class=\"source-meta\"><a href=\"./?outlet=the-%3Cwire%3E\" class=\"outlet\">The &lt;Wire&gt;</a>\
             <span class=\"tier tier-1\">Tier 1</span>",
            "<span class=\"source-title\">javascript:alert(1)</span>",
            "<a href=\"./?tag=tag+%22one%22\">Tag &quot;one&quot;</a>",
            "<a href=\"./?actor=%3Cactor%3E\">&lt;Actor&gt;</a>",
            "<a href=\"./?from=2020&amp;to=2020\">2020</a>",
            "<dt>notes</dt><dd>n&quot;</dd>",
            "<a href=\"event/a\" class=\"prev\" rel=\"prev\"><span>← Earlier</span><strong>Earlier</strong></a>",
            "<a href=\"event/c\" class=\"next\" rel=\"next\"><span>Later →</span><strong>Later &amp; more</strong></a>",
            "<a href=\"https://example.org/edit/b%22%3E%3Cscript%3E.md\" target=\"_blank\" rel=\"noopener\">Edit this event</a>",
            "<code>b&quot;&gt;&lt;script&gt;</code>",
        ] {
            assert!(h.contains(expected), "{expected}\n in {h}");
        }
        assert!(!h.contains("<script") && !h.contains("<img"), "{h}");
        assert!(
            !h.contains("<h2>Outlets</h2>"),
            "the outlets are with the sources"
        );
        assert!(!h.contains("details-loading"));
    }

    #[test]
    fn a_dead_source_says_so_and_links_its_copy_or_the_wayback_machine() {
        let b = bundle();
        let dead = Some(LinkCheck {
            state: LinkState::Dead,
            checked: PartialDate::ymd(2025, 5, 3),
        });
        let source = |title: &str| Source {
            url: Some(format!("https://example.org/{title}?a=1&b=2")),
            title: Some(title.into()),
            ..Source::default()
        };
        let d = Details {
            sources: vec![
                Source {
                    archive_url: Some("https://archive.example/copy".into()),
                    link: dead,
                    ..source("copied")
                },
                Source {
                    date: Some("2019-07-08".into()),
                    link: dead,
                    ..source("dated")
                },
                Source {
                    date: Some("a while ago".into()),
                    link: dead,
                    ..source("undated")
                },
                Source {
                    archive_url: Some("https://archive.example/fine".into()),
                    link: Some(LinkCheck {
                        state: LinkState::Ok,
                        checked: PartialDate::ymd(2025, 5, 3),
                    }),
                    ..source("alive")
                },
            ],
            ..Details::default()
        };
        let h = article(&b, Shown::Ready(&d));
        let mark = "<span class=\"link-dead\">Dead link, checked <time datetime=\"2025-05-03\">3 May 2025</time></span>";
        let open = "target=\"_blank\" rel=\"noopener noreferrer nofollow\">";
        for expected in [
            format!("<li class=\"source dead\"><a href=\"https://archive.example/copy\" {open}copied</a><span class=\"source-meta\">{mark}"),
            format!("<a href=\"https://example.org/copied?a=1&amp;b=2\" {open}Original address</a>"),
            format!("<li class=\"source dead\"><a href=\"https://example.org/dated?a=1&amp;b=2\" {open}dated</a><span class=\"source-meta\">{mark}"),
            format!("<a href=\"https://web.archive.org/web/20190708/https://example.org/dated?a=1&amp;b=2\" {open}Try the Wayback Machine</a>"),
            // No date of its own that reads as one: the event's.
            format!("<a href=\"https://web.archive.org/web/20200102/https://example.org/undated?a=1&amp;b=2\" {open}Try the Wayback Machine</a>"),
            format!("<li class=\"source\"><a href=\"https://example.org/alive?a=1&amp;b=2\" {open}alive</a>"),
            format!("<a href=\"https://archive.example/fine\" {open}Archived copy</a>"),
        ] {
            assert!(h.contains(&expected), "{expected}\n in {h}");
        }
        assert_eq!(h.matches("Dead link").count(), 3, "{h}");
        assert_eq!(h.matches("Wayback").count(), 2, "{h}");
    }

    #[test]
    fn connections_link_the_events_they_name_and_referenced_by_lists_the_others() {
        let b = bundle();
        let d = Details {
            connections: vec![
                Connection::Event(0),
                Connection::Text("A <pattern>".into()),
                Connection::Event(99),
            ],
            referenced_by: vec![2],
            ..Details::default()
        };
        let h = article(&b, Shown::Ready(&d));
        let expected = "<section class=\"related connections\"><h2>Connections</h2><ul>\
             <li><a href=\"event/a\"><time>2 January 2020</time><span>Earlier</span></a></li>\
             <li class=\"connection-text\">A &lt;pattern&gt;</li></ul></section>\
             <section class=\"related referenced-by\"><h2>Referenced by</h2><ul>\
             <li><a href=\"event/c\"><time>2 January 2020</time><span>Later &amp; more</span></a></li></ul></section>";
        assert!(h.contains(expected), "{h}");
        let none = article(&b, Shown::Ready(&Details::default()));
        assert!(!none.contains("Connections") && !none.contains("Referenced by"));
    }

    #[test]
    fn until_the_details_arrive_it_says_so_in_their_place() {
        let b = bundle();
        let loading = article(&b, Shown::Loading);
        assert!(loading.contains("class=\"details-loading\""));
        assert!(!loading.contains("event-actions") && !loading.contains("location"));
        let failed = article(&b, Shown::Failed("HTTP <500>"));
        assert!(failed.contains("could not be loaded (HTTP &lt;500&gt;).</p><button class=\"button\" type=\"button\">Retry</button>"));
    }
}
