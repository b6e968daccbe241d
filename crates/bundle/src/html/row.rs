//! A row of the list and a month heading: the inside that the app writes into each of its
//! windowed slots, and the whole slot as the build writes the first screen into the page.

use super::{push_element, push_escaped, push_int, push_padded};
use crate::date::{month_name, Precision};
use crate::model::{Bundle, Event};
use crate::text::highlight_html;
use crate::PartialDate;

/// The first three letters of a month's name ("May", "Sep").
fn short_month(month: u8) -> &'static str {
    let name = month_name(month);
    name.get(..3).unwrap_or(name)
}

/// Appends the date as `datetime` spells it: `2017-05-10`, `2017-05` or `2017`.
pub fn push_iso_date(out: &mut String, date: PartialDate) {
    if date.year < 0 {
        out.push('-');
    }
    push_padded(out, u64::from(date.year.unsigned_abs()), 4);
    if date.month != 0 {
        out.push('-');
        push_padded(out, u64::from(date.month), 2);
        if date.day != 0 {
            out.push('-');
            push_padded(out, u64::from(date.day), 2);
        }
    }
}

/// Appends the date column: the day large with the month and year below, or the month,
/// or the year.
pub fn push_date(out: &mut String, date: PartialDate) {
    out.push_str("<span class=\"row-day\">");
    match date.precision() {
        Precision::Day => push_int(out, u64::from(date.day)),
        Precision::Month => out.push_str(short_month(date.month)),
        Precision::Year => push_int(out, u64::from(date.year.unsigned_abs())),
    }
    out.push_str("</span><span class=\"row-month\">");
    match date.precision() {
        Precision::Day => {
            out.push_str(short_month(date.month));
            out.push(' ');
            push_int(out, u64::from(date.year.unsigned_abs()));
        }
        Precision::Month => push_int(out, u64::from(date.year.unsigned_abs())),
        Precision::Year => {}
    }
    out.push_str("</span>");
}

/// Appends the meta line: importance, an unusual status, the first tags, the first
/// actors when `actors`, the sources.
fn push_meta(out: &mut String, bundle: &Bundle, e: &Event, actors: bool) {
    if let Some(i) = e.importance {
        out.push_str("<span class=\"importance imp-");
        push_int(out, u64::from(i));
        out.push_str("\" title=\"Importance ");
        push_int(out, u64::from(i));
        out.push_str(" of 10\">");
        push_int(out, u64::from(i));
        out.push_str("</span>");
    }
    if let Some(status) = e.status.and_then(|s| bundle.statuses.get(s as usize)) {
        if status.label != "confirmed" {
            push_element(out, "span", "status", &status.label);
        }
    }
    for tag in e
        .tags
        .iter()
        .take(3)
        .filter_map(|&t| bundle.tags.get(t as usize))
    {
        push_element(out, "span", "tag", &tag.label);
    }
    let more_tags = e.tags.len().saturating_sub(3);
    if more_tags > 0 {
        out.push_str("<span class=\"tag more\">+");
        push_int(out, more_tags as u64);
        out.push_str("</span>");
    }
    if actors {
        push_actors(out, bundle, e);
    }
    out.push_str("<span class=\"sources\" title=\"Sources\">");
    if let Some(t) = e.tier {
        out.push_str("<span class=\"tier-dot tier-");
        push_int(out, u64::from(t));
        out.push_str("\" title=\"Best source: tier ");
        push_int(out, u64::from(t));
        out.push_str("\"></span>");
    }
    push_int(out, u64::from(e.sources));
    out.push_str(if e.sources == 1 {
        " source</span>"
    } else {
        " sources</span>"
    });
}

/// How many rows the build writes into the home's first screen, and whose excerpts the
/// app's takeover waits for: more than a tall phone or desktop viewport shows.
pub const FIRST_SCREEN: usize = 20;

/// How many actors a row names: the first ones, as the event lists them.
const ROW_ACTORS: usize = 3;

/// What a row shows under its title.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Excerpt<'a> {
    /// Nothing: the one-line rows of `density=compact`.
    Off,
    /// The excerpt's box, empty and marked, while the event's details chunk is on its way
    /// (the box is the same size, so nothing moves when the text arrives).
    Pending,
    /// The event's excerpt (`Details::excerpt`; empty for an event without one).
    Text(&'a str),
}

/// Appends the first [`ROW_ACTORS`] actors, with the number of the others.
fn push_actors(out: &mut String, bundle: &Bundle, e: &Event) {
    if e.actors.is_empty() {
        return;
    }
    out.push_str("<span class=\"row-actors\" title=\"Actors\">");
    for (i, actor) in e
        .actors
        .iter()
        .take(ROW_ACTORS)
        .filter_map(|&a| bundle.actors.get(a as usize))
        .enumerate()
    {
        if i > 0 {
            out.push_str(", ");
        }
        push_escaped(out, &actor.label);
    }
    let more = e.actors.len().saturating_sub(ROW_ACTORS);
    if more > 0 {
        out.push_str(" +");
        push_int(out, more as u64);
    }
    out.push_str("</span>");
}

/// The inside of a row's link (`<a class="event-row">`): the date, the title with the
/// search's `words` marked, the excerpt (unless [`Excerpt::Off`]) and the meta line, with
/// the first actors when the excerpt shows.
pub fn inner_html(bundle: &Bundle, e: &Event, words: &[String], excerpt: Excerpt) -> String {
    let mut h = String::with_capacity(e.title.len() + 600);
    h.push_str("<time class=\"row-date\" datetime=\"");
    push_iso_date(&mut h, e.date);
    h.push_str("\">");
    push_date(&mut h, e.date);
    h.push_str("</time><div class=\"row-main\"><h3 class=\"row-title\">");
    h.push_str(&highlight_html(&e.title, words));
    h.push_str("</h3>");
    match excerpt {
        Excerpt::Off => {}
        Excerpt::Pending => h.push_str("<p class=\"row-excerpt pending\"></p>"),
        Excerpt::Text(text) => {
            h.push_str("<p class=\"row-excerpt\">");
            h.push_str(&highlight_html(text, words));
            h.push_str("</p>");
        }
    }
    h.push_str("<div class=\"row-meta\">");
    push_meta(&mut h, bundle, e, excerpt != Excerpt::Off);
    h.push_str("</div></div>");
    h
}

/// The inside of a month heading's slot: its label and its count of events.
pub fn heading_inner_html(label: &str, count: usize) -> String {
    let mut h = String::new();
    push_element(&mut h, "h2", "", label);
    push_element(
        &mut h,
        "span",
        "month-count",
        &super::count_of(count, "event", "events"),
    );
    h
}

/// A whole row's slot as the build writes it into the page: what the app's list renders
/// for the row at list `position` in the default density, with its `excerpt`, in normal
/// flow instead of at a computed offset.
pub fn push_slot(
    out: &mut String,
    bundle: &Bundle,
    e: &Event,
    position: usize,
    href: &str,
    excerpt: &str,
) {
    out.push_str("<div class=\"slot\" role=\"listitem\"><a class=\"event-row\" href=\"");
    push_escaped(out, href);
    out.push_str("\" data-position=\"");
    push_int(out, position as u64);
    out.push_str("\">");
    out.push_str(&inner_html(bundle, e, &[], Excerpt::Text(excerpt)));
    out.push_str("</a></div>");
}

/// A month heading's slot as the build writes it into the page.
pub fn push_heading_slot(out: &mut String, label: &str, count: usize) {
    out.push_str("<div class=\"slot month-header\" role=\"presentation\">");
    out.push_str(&heading_inner_html(label, count));
    out.push_str("</div>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Term;

    fn date(d: PartialDate) -> String {
        let mut s = String::new();
        push_date(&mut s, d);
        s
    }

    fn iso(d: PartialDate) -> String {
        let mut s = String::new();
        push_iso_date(&mut s, d);
        s
    }

    #[test]
    fn dates_show_what_is_known() {
        assert_eq!(
            date(PartialDate::ymd(2017, 5, 10)),
            "<span class=\"row-day\">10</span><span class=\"row-month\">May 2017</span>"
        );
        assert!(date(PartialDate::parse("2017-09").unwrap()).contains(">Sep<"));
        assert!(date(PartialDate::year(1975)).contains(">1975<"));
        // A month the decoder would have refused still renders, without a panic.
        let _ = date(PartialDate {
            year: 2020,
            month: 13,
            day: 0,
        });
    }

    #[test]
    fn datetime_is_the_dates_own_spelling() {
        for d in [
            PartialDate::ymd(2017, 5, 1),
            PartialDate::parse("0999-12").unwrap(),
            PartialDate::year(33),
        ] {
            assert_eq!(iso(d), d.to_string());
        }
    }

    fn bundle() -> Bundle {
        let term = |label: &str| Term {
            key: label.to_lowercase(),
            label: label.into(),
            count: 1,
        };
        Bundle {
            tags: ["A", "B", "C", "D <i>"].map(term).to_vec(),
            statuses: ["confirmed", "alleged\"x"].map(term).to_vec(),
            events: vec![Event {
                id: "e".into(),
                date: PartialDate::ymd(2020, 1, 2),
                title: "<script>alert(1)</script> & \"q\"".into(),
                importance: Some(7),
                status: Some(1),
                tags: vec![3, 0, 1, 2],
                tier: Some(2),
                sources: 1,
                ..Event::default()
            }],
            ..Bundle::default()
        }
    }

    #[test]
    fn a_row_escapes_its_texts_and_marks_the_searched_words() {
        let b = bundle();
        let h = inner_html(&b, &b.events[0], &["alert".into()], Excerpt::Off);
        assert_eq!(
            h,
            "<time class=\"row-date\" datetime=\"2020-01-02\"><span class=\"row-day\">2</span>\
             <span class=\"row-month\">Jan 2020</span></time><div class=\"row-main\">\
             <h3 class=\"row-title\">&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt; &amp; &quot;q&quot;</h3>\
             <div class=\"row-meta\"><span class=\"importance imp-7\" title=\"Importance 7 of 10\">7</span>\
             <span class=\"status\">alleged&quot;x</span><span class=\"tag\">D &lt;i&gt;</span>\
             <span class=\"tag\">A</span><span class=\"tag\">B</span><span class=\"tag more\">+1</span>\
             <span class=\"sources\" title=\"Sources\"><span class=\"tier-dot tier-2\" title=\"Best source: tier 2\"></span>1 source</span></div></div>"
        );
    }

    #[test]
    fn a_default_row_adds_the_excerpt_and_the_first_actors() {
        let mut b = bundle();
        b.actors = ["Ann", "Bo <b>", "Cy", "Di", "Ed"]
            .map(|a| Term {
                key: a.to_lowercase(),
                label: a.into(),
                count: 1,
            })
            .to_vec();
        b.events[0].actors = vec![1, 0, 2, 3, 4];
        let e = &b.events[0];
        let h = inner_html(&b, e, &["quick".into()], Excerpt::Text("The quick & <b>"));
        assert!(h.contains("</h3><p class=\"row-excerpt\">The <mark>quick</mark> &amp; &lt;b&gt;</p><div class=\"row-meta\">"), "{h}");
        assert!(h.contains("<span class=\"tag more\">+1</span><span class=\"row-actors\" title=\"Actors\">Bo &lt;b&gt;, Ann, Cy +2</span><span class=\"sources\""), "{h}");
        // The box is there while the text is on its way, and for an event without one.
        let pending = inner_html(&b, e, &[], Excerpt::Pending);
        assert!(
            pending.contains("</h3><p class=\"row-excerpt pending\"></p><div class=\"row-meta\">")
        );
        assert!(pending.contains("row-actors"));
        assert!(inner_html(&b, e, &[], Excerpt::Text("")).contains("<p class=\"row-excerpt\"></p>"));
        // Compact: today's one-line rows, no excerpt and no actors.
        let compact = inner_html(&b, e, &[], Excerpt::Off);
        assert!(!compact.contains("row-excerpt") && !compact.contains("row-actors"));
    }

    #[test]
    fn a_slot_holds_the_same_inside_as_the_apps_row() {
        let b = bundle();
        let mut s = String::new();
        push_slot(&mut s, &b, &b.events[0], 3, "event/a\"b", "An <excerpt>");
        let inner = inner_html(&b, &b.events[0], &[], Excerpt::Text("An <excerpt>"));
        assert_eq!(
            s,
            format!("<div class=\"slot\" role=\"listitem\"><a class=\"event-row\" href=\"event/a&quot;b\" data-position=\"3\">{inner}</a></div>")
        );
        let mut s = String::new();
        push_heading_slot(&mut s, "May <2020>", 1);
        assert_eq!(s, "<div class=\"slot month-header\" role=\"presentation\"><h2>May &lt;2020&gt;</h2><span class=\"month-count\">1 event</span></div>");
    }
}
