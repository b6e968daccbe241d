//! The markup that the build's static pages and the app both write, made here and nowhere
//! else, so that the app takes over a static page without changing what the reader sees:
//! a list row and a month heading ([`row`]), an event's article ([`event`]), the statistics
//! page's charts ([`stats`]), the about page's downloads ([`about`]), the starred events'
//! brief ([`brief`]), the count line and the footer (here). Every text is escaped
//! ([`push_escaped`]); only the bundle's sanitised HTML fields go in as they are. Strings are pushed rather than formatted, so
//! that the app's WebAssembly carries no formatting code for them.

pub mod about;
pub mod brief;
pub mod event;
pub mod network;
pub mod row;
pub mod stats;

use crate::date::month_name;
use crate::model::Site;
pub use crate::text::push_escaped;

/// Appends `n` in decimal with at least `width` digits (`07`, `0999`).
pub fn push_padded(out: &mut String, n: u64, width: usize) {
    let mut digits = String::new();
    push_int(&mut digits, n);
    for _ in digits.len()..width {
        out.push('0');
    }
    out.push_str(&digits);
}

/// Appends `n` in decimal.
pub fn push_int(out: &mut String, n: u64) {
    let mut digits = [0u8; 20];
    let mut len = 0;
    let mut rest = n;
    loop {
        digits[len] = b'0' + (rest % 10) as u8;
        len += 1;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for &d in digits[..len].iter().rev() {
        out.push(d as char);
    }
}

/// Appends `n` with its thousands separated: `1,747`.
pub fn push_count(out: &mut String, n: usize) {
    let mut plain = String::new();
    push_int(&mut plain, n as u64);
    for (i, c) in plain.chars().enumerate() {
        if i > 0 && (plain.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
}

/// `1,747`
pub fn format_count(n: usize) -> String {
    let mut out = String::new();
    push_count(&mut out, n);
    out
}

/// `1 event`, `1,747 events`.
pub fn count_of(n: usize, one: &str, many: &str) -> String {
    let mut out = format_count(n);
    out.push(' ');
    out.push_str(if n == 1 { one } else { many });
    out
}

/// A month heading's words: `May 2017`, or `2017` for the events known only to the year
/// (`month` 0).
pub fn month_label(year: i16, month: u8) -> String {
    let mut out = String::new();
    if month != 0 {
        out.push_str(month_name(month));
        out.push(' ');
    }
    if year < 0 {
        out.push('-');
    }
    push_int(&mut out, u64::from(year.unsigned_abs()));
    out
}

/// The inside of the timeline's count line (`<p class="count">`): `<strong>1,747</strong>
/// events`, or `… of 1,747 events` when the list is narrowed; `shown` is `None` while a
/// search waits for its index (a number then would be wrong).
pub fn count_inner(shown: Option<usize>, total: usize, narrowed: bool) -> String {
    let mut h = String::from("<strong>");
    match shown {
        Some(n) => push_count(&mut h, n),
        None => h.push('…'),
    }
    h.push_str("</strong>");
    if narrowed {
        h.push_str(" of ");
        h.push_str(&count_of(total, "event", "events"));
    } else {
        h.push_str(if shown == Some(1) {
            " event"
        } else {
            " events"
        });
    }
    h
}

/// The inside of the home page's identity, above its toolbar (`<div class="intro">`): the
/// site's name as the page's heading and one line, the settings' description, else what
/// the timeline holds ("1,747 events, from 1142 to 2025."). `years`: [`Bundle::years`].
///
/// [`Bundle::years`]: crate::model::Bundle::years
pub fn intro_inner(site: &Site, events: usize, years: Option<(i16, i16)>) -> String {
    let mut h = String::from("<h1>");
    push_escaped(&mut h, &site.title);
    h.push_str("</h1><p>");
    if site.description.is_empty() {
        h.push_str(&count_of(events, "event", "events"));
        match years {
            Some((a, b)) if a == b => {
                h.push_str(" in ");
                h.push_str(&month_label(a, 0));
            }
            Some((a, b)) => {
                h.push_str(", from ");
                h.push_str(&month_label(a, 0));
                h.push_str(" to ");
                h.push_str(&month_label(b, 0));
            }
            None => {}
        }
        h.push('.');
    } else {
        push_escaped(&mut h, &site.description);
    }
    h.push_str("</p>");
    h
}

/// The inside of the site's footer (`<footer class="site-footer">`): the count, the
/// license, the About link and the settings' "Suggest an event" link, then the
/// attribution.
pub fn footer_inner(site: &Site, events: usize, about_href: &str) -> String {
    let mut h = String::from("<p>");
    h.push_str(&count_of(events, "event", "events"));
    if !site.license.is_empty() {
        h.push_str(" · Data licensed ");
        push_escaped(&mut h, &site.license);
    }
    h.push_str(" · <a href=\"");
    push_escaped(&mut h, about_href);
    h.push_str("\">About</a>");
    if !site.suggest_url.is_empty() {
        h.push_str(" · ");
        push_suggest_link(&mut h, site);
    }
    h.push_str("</p>");
    if !site.attribution_html.is_empty() {
        h.push_str("<div class=\"attribution\">");
        h.push_str(&site.attribution_html);
        h.push_str("</div>");
    }
    h
}

/// Appends the "Suggest an event" link to the settings' `suggest_url` (another site's
/// page: the app's router leaves it to the browser).
pub fn push_suggest_link(out: &mut String, site: &Site) {
    out.push_str("<a class=\"suggest\" href=\"");
    push_escaped(out, &site.suggest_url);
    out.push_str("\" rel=\"noopener\">Suggest an event</a>");
}

/// Appends `<tag class="class">` + `text` escaped + `</tag>`.
fn push_element(out: &mut String, tag: &str, class: &str, text: &str) {
    out.push('<');
    out.push_str(tag);
    if !class.is_empty() {
        out.push_str(" class=\"");
        out.push_str(class);
        out.push('"');
    }
    out.push('>');
    push_escaped(out, text);
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
}

/// Appends `<a href="href">` (with `target` and `rel` when given); the caller closes it.
fn push_link_open(out: &mut String, href: &str, target: Option<&str>, extra: &str) {
    out.push_str("<a href=\"");
    push_escaped(out, href);
    out.push('"');
    if let Some(t) = target {
        out.push_str(" target=\"");
        out.push_str(t);
        out.push('"');
    }
    out.push_str(extra);
    out.push('>');
}

/// The inside of a view's Export menu (`<span class="export">`): the build writes it into
/// the first screen's result bar as the app does, so the bar keeps its boxes at takeover.
pub const EXPORT_MENU: &str = "<details class=\"export-menu\"><summary class=\"button secondary\">Export</summary>\
    <div class=\"export-options\" role=\"group\" aria-label=\"Export these events\">\
    <button type=\"button\" data-format=\"csv\">CSV <small>spreadsheet</small></button>\
    <button type=\"button\" data-format=\"json\">JSON <small>every field</small></button>\
    <button type=\"button\" data-format=\"ics\">Calendar <small>ICS</small></button></div></details>\
    <span class=\"export-status\" role=\"status\"></span>";

#[cfg(test)]
mod tests {
    #[test]
    fn the_intro_names_the_site_and_says_what_it_holds() {
        let mut site = crate::model::Site {
            title: "Cases <&> causes".into(),
            ..Default::default()
        };
        assert_eq!(
            super::intro_inner(&site, 1747, Some((1142, 2025))),
            "<h1>Cases &lt;&amp;&gt; causes</h1><p>1,747 events, from 1142 to 2025.</p>"
        );
        assert_eq!(
            super::intro_inner(&site, 1, Some((2017, 2017))),
            "<h1>Cases &lt;&amp;&gt; causes</h1><p>1 event in 2017.</p>"
        );
        site.description = "What <b>we</b> follow".into();
        assert_eq!(
            super::intro_inner(&site, 3, Some((1, 2))),
            "<h1>Cases &lt;&amp;&gt; causes</h1><p>What &lt;b&gt;we&lt;/b&gt; follow</p>"
        );
    }

    use super::*;

    #[test]
    fn numbers_group_thousands_and_counts_agree_in_number() {
        let mut s = String::new();
        push_int(&mut s, 0);
        push_int(&mut s, u64::MAX);
        assert_eq!(s, format!("0{}", u64::MAX));
        assert_eq!(format_count(0), "0");
        assert_eq!(format_count(999), "999");
        assert_eq!(format_count(1747), "1,747");
        assert_eq!(format_count(1_000_000), "1,000,000");
        assert_eq!(count_of(1, "event", "events"), "1 event");
        assert_eq!(count_of(2053, "event", "events"), "2,053 events");
    }

    #[test]
    fn month_labels() {
        assert_eq!(month_label(2017, 5), "May 2017");
        assert_eq!(month_label(1975, 0), "1975");
        // A month the decoder would have refused still has a label, without a panic.
        assert_eq!(month_label(2020, 13), " 2020");
    }

    #[test]
    fn the_count_line_says_what_is_shown() {
        assert_eq!(
            count_inner(Some(2053), 2053, false),
            "<strong>2,053</strong> events"
        );
        assert_eq!(count_inner(Some(1), 1, false), "<strong>1</strong> event");
        assert_eq!(
            count_inner(Some(12), 2053, true),
            "<strong>12</strong> of 2,053 events"
        );
        assert_eq!(count_inner(None, 1, true), "<strong>…</strong> of 1 event");
    }

    #[test]
    fn the_footer_escapes_the_license_and_keeps_the_sanitised_attribution() {
        let site = Site {
            license: "CC <b>".into(),
            attribution_html: "<p>By <a href=\"https://x.org\">X</a></p>".into(),
            ..Site::default()
        };
        assert_eq!(
            footer_inner(&site, 2, "about\""),
            "<p>2 events · Data licensed CC &lt;b&gt; · <a href=\"about&quot;\">About</a></p>\
             <div class=\"attribution\"><p>By <a href=\"https://x.org\">X</a></p></div>"
        );
        let site = Site {
            suggest_url: "https://example.org/new?a=1&b=\"2\"".into(),
            ..Site::default()
        };
        assert_eq!(
            footer_inner(&site, 1, "about"),
            "<p>1 event · <a href=\"about\">About</a> · <a class=\"suggest\" \
             href=\"https://example.org/new?a=1&amp;b=&quot;2&quot;\" rel=\"noopener\">Suggest an event</a></p>"
        );
    }
}
