//! Content before the app starts: the static first screen the build writes into a page,
//! so that a reader sees content at the first paint (and a reader without JavaScript, or
//! a search engine, reads it all). It is the app's own markup for the page — the header,
//! then the home's toolbar, count line and first rows under their month headings, or an
//! event's article — in `<div id="prerender">`, which the app takes over without a change
//! (`src/prerender.rs`). What the app also writes (a row, a heading, the count line, the
//! footer, the article) comes from [`timeline_bundle::html`]; the rest mirrors the app's
//! views, and the browser tests hold both to the same boxes. Links are plain and relative
//! to the page's `<base href>`, so they work without JavaScript under any base path.

use timeline_bundle::html::event::Hrefs;
use timeline_bundle::html::{
    count_inner, footer_inner, intro_inner, month_label, push_escaped, row,
};
use timeline_bundle::link::event_path;
use timeline_bundle::{evaluate, Bundle, Filter, Resolved, Sort};

/// How many rows the home's first screen holds ([`row::FIRST_SCREEN`]): more than a tall
/// phone or desktop viewport shows (rows are 140 to 164 px high, under a header of about
/// 250 px). Each one more costs its share of the first paint's style and layout on a slow
/// phone, and the app's takeover waits for their excerpts' chunks.
pub const FIRST_ROWS: usize = row::FIRST_SCREEN;

const START: &str = "<!-- timeline:prerender -->";
const END: &str = "<!-- /timeline:prerender -->";

/// The links of a static page: relative to its `<base href>`.
pub(super) struct Relative;

impl Hrefs for Relative {
    fn event(&self, id: &str) -> String {
        event_path(id)
    }
    fn timeline(&self) -> String {
        "./".into()
    }
    fn narrowing(&self, filter: &Filter) -> (String, Option<&'static str>) {
        let query = filter.to_query();
        let mut href = String::from("./");
        if !query.is_empty() {
            href.push('?');
            href.push_str(&query);
        }
        (href, None)
    }
}

/// `page` without the static block an earlier build put in it.
pub(super) fn strip(page: &str) -> String {
    super::without_block(page, START, END)
}

/// `page` (without a static block) with `block` at the start of its body, before the
/// boot screen, which the stylesheet then hides while the app loads.
pub(super) fn put(page: &str, block: &str) -> String {
    let at = page
        .find("<body")
        .and_then(|b| page[b..].find('>').map(|e| b + e + 1))
        .unwrap_or(page.len());
    let mut out = String::with_capacity(page.len() + block.len() + START.len() + END.len());
    out.push_str(&page[..at]);
    out.push_str(START);
    out.push_str(block);
    out.push_str(END);
    out.push_str(&page[at..]);
    out
}

/// The static block of a page: the skip link, the header (with the home's views marked
/// when `home`), `main` holding `main_inner`, and the footer, as the app's `Site` lays them
/// out. (The skip link, out of sight until focused, only on the home: `#main` resolves
/// against the `<base href>`, which is the home's address, not an event page's.)
pub(super) fn block(bundle: &Bundle, home: bool, main_inner: &str) -> String {
    let current = if home { " aria-current=\"page\"" } else { "" };
    let mut h = String::with_capacity(main_inner.len() + 2048);
    h.push_str("<div id=\"prerender\" class=\"prerender\">");
    if home {
        h.push_str("<a class=\"skip-link\" href=\"#main\">Skip to content</a>");
    }
    h.push_str("<header class=\"site-header\"><a href=\"./\" class=\"brand\"");
    h.push_str(current);
    h.push('>');
    push_escaped(&mut h, &bundle.site.title);
    h.push_str("</a><nav aria-label=\"Views\"><a href=\"./\"");
    h.push_str(current);
    h.push_str(
        ">Timeline</a><a href=\"tags\">Tags</a><a href=\"actors\">Actors</a><a href=\"stats\">Stats</a><a href=\"graph\">Network</a><a href=\"starred\">Starred</a></nav>\
         <button class=\"icon-button theme-toggle\" type=\"button\" aria-label=\"Dark theme\" \
         title=\"Light or dark theme\"></button></header><main id=\"main\" tabindex=\"-1\">",
    );
    h.push_str(main_inner);
    h.push_str("</main><footer class=\"site-footer\">");
    h.push_str(&footer_inner(&bundle.site, bundle.events.len(), "about"));
    h.push_str("</footer></div>");
    h
}

/// The home's first screen: the timeline page of the default view (no filter, newest
/// first, under month headings) with its first [`FIRST_ROWS`] rows, as the app's
/// `Timeline` and `EventList` render it before the filter panel arrives.
/// `excerpt` gives a listed event's excerpt (its details'), by number.
pub(super) fn home(bundle: &Bundle, excerpt: impl Fn(u32) -> String) -> String {
    let listed = default_list(bundle);

    let mut h = String::with_capacity(FIRST_ROWS * 700 + 4096);
    h.push_str(
        "<div class=\"timeline-page\"><aside class=\"filters\" id=\"filters\" aria-label=\"Filters\">\
         <div class=\"filters-head\"><h2>Filters</h2><button class=\"icon-button close-filters\" type=\"button\" \
         aria-label=\"Close filters\">✕</button></div></aside><section class=\"results\" aria-label=\"Events\">\
         <div class=\"intro\">",
    );
    h.push_str(&intro_inner(
        &bundle.site,
        bundle.events.len(),
        bundle.years(),
    ));
    h.push_str(
        "</div><div class=\"toolbar\"><div class=\"search\" role=\"search\"><svg class=\"search-icon\" viewBox=\"0 0 20 20\" \
         aria-hidden=\"true\"><circle cx=\"8.5\" cy=\"8.5\" r=\"5.5\"/><path d=\"M13 13l4.5 4.5\"/></svg>\
         <input type=\"search\" autocomplete=\"off\" spellcheck=\"false\" placeholder=\"Search events, people, places…\" \
         aria-label=\"Search events\"><kbd class=\"shortcut\" aria-hidden=\"true\">/</kbd>\
         <p class=\"search-status\" role=\"status\"></p></div><button class=\"button secondary open-filters\" type=\"button\" \
         aria-controls=\"filters\" aria-expanded=\"false\">Filters</button></div><div class=\"result-bar\">\
         <p class=\"count\" aria-live=\"polite\">",
    );
    h.push_str(&count_inner(Some(listed.len()), bundle.events.len(), false));
    h.push_str(
        "</p><label class=\"sort\"><span>Order</span><select><option value=\"desc\" selected>Newest first</option>\
         <option value=\"asc\">Oldest first</option><option value=\"relevance\" disabled>Best match</option></select></label>\
         <label class=\"density\"><input type=\"checkbox\"><span>Compact</span></label><span class=\"export\">",
    );
    h.push_str(timeline_bundle::html::EXPORT_MENU);
    h.push_str(
        "</span><button class=\"button secondary embed-button\" type=\"button\">Embed this view</button></div>",
    );
    if !listed.is_empty() {
        h.push_str(
            "<div class=\"event-list-wrap\"><div class=\"sticky-month\" aria-hidden=\"true\"></div>\
             <div class=\"event-list\" role=\"list\">",
        );
        push_rows(&mut h, bundle, &listed, &excerpt);
        h.push_str("</div></div>");
    }
    h.push_str(
        "<noscript><p class=\"noscript-note\">Search, filters and the whole list need JavaScript. \
         Each event has a page of its own, which links to the events before and after it.</p></noscript>\
         </section></div>",
    );
    h
}

/// The default view's events in list order (no filter, newest first).
fn default_list(bundle: &Bundle) -> Vec<u32> {
    let filter = Filter::default();
    let (resolved, _) = Resolved::new(&filter, bundle);
    debug_assert_eq!(filter.effective_sort(), Sort::Desc);
    evaluate(bundle, &resolved, None, filter.effective_sort()).events
}

/// The events of the home's first screen, whose excerpts [`home`] needs.
pub(super) fn first_screen(bundle: &Bundle) -> Vec<u32> {
    let mut listed = default_list(bundle);
    listed.truncate(FIRST_ROWS);
    listed
}

/// The first [`FIRST_ROWS`] of `listed` (event numbers in list order), each month's under
/// its heading, which counts all the month's listed events as the app's does.
fn push_rows(h: &mut String, bundle: &Bundle, listed: &[u32], excerpt: &impl Fn(u32) -> String) {
    let month = |n: u32| {
        let d = bundle.events[n as usize].date;
        (d.year, d.month)
    };
    let mut position = 0;
    while position < listed.len().min(FIRST_ROWS) {
        let group = month(listed[position]);
        let count = listed[position..]
            .iter()
            .take_while(|&&n| month(n) == group)
            .count();
        row::push_heading_slot(h, &month_label(group.0, group.1), count);
        let end = (position + count).min(FIRST_ROWS);
        for (at, &n) in listed.iter().enumerate().take(end).skip(position) {
            let e = &bundle.events[n as usize];
            row::push_slot(h, bundle, e, at, &event_path(&e.id), &excerpt(n));
        }
        position += count;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use timeline_bundle::{Event, PartialDate};

    fn bundle(n: usize) -> Bundle {
        Bundle {
            events: (0..n)
                .map(|i| Event {
                    id: format!("e{i}"),
                    title: format!("Event {i}"),
                    // Three events a month, oldest first as the bundle keeps them.
                    date: PartialDate::ymd(2000 + (i / 36) as i16, (i / 3 % 12) as u8 + 1, 1),
                    ..Event::default()
                })
                .collect(),
            ..Bundle::default()
        }
    }

    #[test]
    fn the_first_screen_is_the_newest_rows_under_their_months() {
        let b = bundle(99);
        let h = home(&b, |n| format!("Excerpt <{n}>"));
        assert_eq!(h.matches("class=\"event-row\"").count(), FIRST_ROWS);
        assert_eq!(h.matches("month-header").count(), FIRST_ROWS.div_ceil(3));
        let first = h.find("Event 98").unwrap();
        assert!(first < h.find("Event 97").unwrap());
        let (last, next) = (99 - FIRST_ROWS, 98 - FIRST_ROWS);
        assert!(
            h.contains(&format!("Event {last}<")) && !h.contains(&format!("Event {next}<")),
            "the rows after the first screen are not written"
        );
        assert!(h.contains("<strong>99</strong> events"));
        assert!(h.contains("href=\"event/e98\" data-position=\"0\""));
        assert!(h.contains("<h2>April 2002</h2><span class=\"month-count\">3 events</span>"));
        // Each row with its own excerpt, escaped; the first screen's events are these.
        assert!(h.contains("Event 98</h3><p class=\"row-excerpt\">Excerpt &lt;98&gt;</p>"));
        assert_eq!(
            first_screen(&b),
            (99 - FIRST_ROWS as u32..99).rev().collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_month_cut_by_the_first_screen_counts_all_its_events() {
        let mut b = bundle(40);
        for e in &mut b.events {
            e.date = PartialDate::parse("2020-05").unwrap();
        }
        let h = home(&b, |_| String::new());
        assert_eq!(h.matches("class=\"event-row\"").count(), FIRST_ROWS);
        assert!(h.contains("<h2>May 2020</h2><span class=\"month-count\">40 events</span>"));
    }

    #[test]
    fn an_empty_timeline_has_its_count_and_no_list() {
        let h = home(&bundle(0), |_| unreachable!("no rows"));
        assert!(h.contains("<strong>0</strong> events"));
        assert!(!h.contains("event-list"));
    }

    #[test]
    fn a_block_replaces_an_earlier_one_and_goes_before_the_boot_screen() {
        let page = "<html><body class=\"x\"><div id=\"boot\"></div></body></html>";
        let once = put(page, "<div id=\"prerender\">A</div>");
        assert_eq!(
            once,
            "<html><body class=\"x\"><!-- timeline:prerender --><div id=\"prerender\">A</div>\
             <!-- /timeline:prerender --><div id=\"boot\"></div></body></html>"
        );
        assert_eq!(strip(&once), page);
        assert_eq!(put(&strip(&once), "B"), put(page, "B"));
    }
}
