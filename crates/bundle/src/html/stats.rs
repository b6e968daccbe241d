//! The statistics page's charts, drawn from a [`Stats`]: events over time as columns and
//! every other count as bars, each an SVG shape inside a link to the timeline narrowed to
//! it (the app's router follows plain links; an SVG `<a>` it would not). A bar's link
//! carries its label and number as text, so the list of links is the chart's text
//! equivalent and keyboard users move through it; the shapes are hidden from assistive
//! technology. Lengths are whole numbers (per mille of the chart's largest count).

use super::{month_label, push_count, push_escaped, push_int, push_link_open};
use crate::date::PartialDate;
use crate::facet::Facet;
use crate::filter::Filter;
use crate::model::Bundle;
use crate::stats::Stats;

/// How many of the tags, actors, lanes and outlets are drawn (as `timeline stats` lists
/// them).
pub const TOP: usize = 15;

/// A link to the timeline narrowed to a filter, and its `target` when it leaves the frame.
pub type Narrowing<'a> = &'a dyn Fn(&Filter) -> (String, Option<&'static str>);

/// One bar: its label, its count, and the filter its link opens (`None`: no link, where
/// the timeline has no filter for it).
struct Bar {
    label: String,
    count: u32,
    filter: Option<Filter>,
}

/// The page's inside below its heading: the summary, then one card a chart.
pub fn page_inner(bundle: &Bundle, stats: &Stats, filter: &Filter, link: Narrowing) -> String {
    let mut h = String::with_capacity(16384);
    h.push_str("<p class=\"lede stats-summary\">");
    push_bar_open(&mut h, Some(filter), link, "");
    h.push_str("<strong>");
    push_count(&mut h, stats.events);
    h.push_str("</strong> events</a>");
    if let (Some(a), Some(b)) = (stats.first, stats.last) {
        h.push_str(", ");
        push_count(&mut h, stats.sources as usize);
        h.push_str(" sources, from ");
        push_escaped(&mut h, &a.human());
        h.push_str(" to ");
        push_escaped(&mut h, &b.human());
    }
    if filter.is_narrowed() {
        h.push_str(" in the current filter");
    }
    h.push_str(".</p>");
    if stats.events == 0 {
        return h;
    }
    h.push_str("<div class=\"stats-grid\">");
    push_time(&mut h, stats, filter, link);
    let narrowed = |facet: Facet, key: &str| {
        let mut f = filter.clone();
        f.choose(facet, key);
        Some(f)
    };
    let facet_bars = |facet: Facet, n: usize| -> Vec<Bar> {
        let terms = facet.terms(bundle);
        stats
            .top(bundle, facet, n)
            .into_iter()
            .map(|t| {
                let term = &terms[t.term as usize];
                Bar {
                    label: term.label.clone(),
                    count: t.count,
                    filter: narrowed(facet, &term.key),
                }
            })
            .collect()
    };
    let unknown = |label: &str, count: u32| Bar {
        label: label.to_string(),
        count,
        filter: None,
    };
    let mut statuses = facet_bars(Facet::Status, usize::MAX);
    statuses.push(unknown("No status", stats.no_status));
    push_card(&mut h, "status", "By status", "", &statuses, link);
    let mut tiers = facet_bars(Facet::Tier, usize::MAX);
    tiers.push(unknown("No tier given", stats.no_tier));
    push_card(&mut h, "tier", "Best source tier", "", &tiers, link);
    let mut importance: Vec<Bar> = (1..=10u8)
        .rev()
        .map(|i| {
            let mut label = String::from("Importance ");
            push_int(&mut label, u64::from(i));
            Bar {
                label,
                count: stats.importance[usize::from(i)],
                filter: Some(Filter {
                    min_importance: Some(i),
                    ..filter.clone()
                }),
            }
        })
        .collect();
    importance.push(unknown("Not rated", stats.importance[0]));
    push_card(
        &mut h,
        "importance",
        "Importance",
        "A bar opens the events of that importance or more.",
        &importance,
        link,
    );
    for (facet, id, title) in [
        (Facet::Tag, "tags", "Top tags"),
        (Facet::Actor, "actors", "Top actors"),
        (Facet::Lane, "lanes", "Top capture lanes"),
        (Facet::Outlet, "outlets", "Top outlets"),
    ] {
        let mut note = String::new();
        let distinct = stats.distinct(facet);
        if distinct > TOP {
            note.push_str("The ");
            push_int(&mut note, TOP as u64);
            note.push_str(" most frequent of ");
        }
        push_count(&mut note, distinct);
        note.push(' ');
        note.push_str(facet.noun());
        note.push('.');
        push_card(&mut h, id, title, &note, &facet_bars(facet, TOP), link);
    }
    let sources: Vec<Bar> = (stats.sources_per_event.iter().enumerate())
        .map(|(n, &count)| {
            let mut label = String::new();
            push_int(&mut label, n as u64);
            label.push_str(if n == 1 { " source" } else { " sources" });
            unknown(&label, count)
        })
        .collect();
    push_card(
        &mut h,
        "sources",
        "Sources per event",
        "How many sources each event cites.",
        &sources,
        link,
    );
    h.push_str("</div>");
    h
}

/// Opens a bar's element: a link to `filter`, or a plain span without one.
fn push_bar_open(h: &mut String, filter: Option<&Filter>, link: Narrowing, class: &str) {
    let mut extra = String::new();
    if !class.is_empty() {
        extra.push_str(" class=\"");
        extra.push_str(class);
        extra.push('"');
    }
    match filter {
        Some(f) => {
            let (href, target) = link(f);
            push_link_open(h, &href, target, &extra);
        }
        None => {
            h.push_str("<span");
            h.push_str(&extra);
            h.push('>');
        }
    }
}

fn push_bar_close(h: &mut String, linked: bool) {
    h.push_str(if linked { "</a>" } else { "</span>" });
}

/// `count` as per mille of `max`.
fn per_mille(count: u32, max: u32) -> u64 {
    u64::from(count) * 1000 / u64::from(max.max(1))
}

/// A card of horizontal bars.
fn push_card(h: &mut String, id: &str, title: &str, note: &str, bars: &[Bar], link: Narrowing) {
    let max = bars.iter().map(|b| b.count).max().unwrap_or(0);
    h.push_str("<section class=\"stats-card\" aria-labelledby=\"stats-");
    h.push_str(id);
    h.push_str("\"><h2 id=\"stats-");
    h.push_str(id);
    h.push_str("\">");
    h.push_str(title);
    h.push_str("</h2>");
    if !note.is_empty() {
        h.push_str("<p class=\"stats-note\">");
        push_escaped(h, note);
        h.push_str("</p>");
    }
    h.push_str("<ol class=\"stats-bars\">");
    for bar in bars.iter().filter(|b| b.count > 0) {
        h.push_str("<li>");
        push_bar_open(h, bar.filter.as_ref(), link, "stats-bar");
        h.push_str("<span class=\"stats-label\">");
        push_escaped(h, &bar.label);
        h.push_str("</span><svg viewBox=\"0 0 1000 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\"><rect height=\"10\" width=\"");
        push_int(h, per_mille(bar.count, max).max(4));
        h.push_str("\"/></svg><span class=\"stats-n\">");
        push_count(h, bar.count as usize);
        h.push_str("</span>");
        push_bar_close(h, bar.filter.is_some());
        h.push_str("</li>");
    }
    h.push_str("</ol></section>");
}

/// The card of events over time: a column a year, or a month when the events span three
/// years or less, every year (or month) between the first and the last drawn, empty or not.
fn push_time(h: &mut String, stats: &Stats, filter: &Filter, link: Narrowing) {
    let (Some(a), Some(b)) = (stats.first, stats.last) else {
        return;
    };
    let by_month = stats.by_month();
    // Each column's first and last date: a month (or, by month, the events known only to
    // a year, before its January), or a year, or the years that share the first column.
    let mut spans: Vec<(PartialDate, PartialDate)> = Vec::new();
    if by_month {
        let (mut y, mut m) = (a.year, a.month.max(1));
        while (y, m) <= (b.year, b.month.max(1)) {
            let year = PartialDate::year(y);
            if (m == 1 || (y, m) == (a.year, a.month.max(1))) && count(stats, true, year, year) > 0
            {
                spans.push((year, year));
            }
            let month = PartialDate {
                year: y,
                month: m,
                day: 0,
            };
            spans.push((month, month));
            (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        }
    } else {
        // As the timeline's histogram does: a few very old events would squash every
        // column to a hair, so the years before the first percentile of the events
        // (keeping at least 20 years) share one column.
        let mut seen = 0;
        let lo = (stats.years.iter())
            .find(|&&(_, n)| {
                seen += n as usize;
                seen > stats.events / 100
            })
            .map_or(a.year, |p| p.0)
            .min(b.year - 20)
            .max(a.year);
        if a.year < lo {
            spans.push((PartialDate::year(a.year), PartialDate::year(lo - 1)));
        }
        spans.extend((lo..=b.year).map(|y| (PartialDate::year(y), PartialDate::year(y))));
    }
    let counts: Vec<u32> = (spans.iter())
        .map(|&(from, to)| count(stats, by_month, from, to))
        .collect();
    let max = counts.iter().copied().max().unwrap_or(0);
    let label = |(from, to): (PartialDate, PartialDate)| {
        let mut label = month_label(from.year, from.month);
        if to != from {
            label.push('–');
            label.push_str(&month_label(to.year, to.month));
        }
        label
    };
    h.push_str("<section class=\"stats-card stats-wide\" aria-labelledby=\"stats-time\"><h2 id=\"stats-time\">Events per ");
    h.push_str(if by_month { "month" } else { "year" });
    h.push_str("</h2><ol class=\"stats-columns\">");
    for (&(from, to), &n) in spans.iter().zip(&counts) {
        h.push_str("<li>");
        let f = Filter {
            from: Some(from),
            to: Some(to),
            ..filter.clone()
        };
        push_bar_open(h, (n > 0).then_some(&f), link, "stats-column");
        h.push_str("<svg viewBox=\"0 0 10 1000\" preserveAspectRatio=\"none\" aria-hidden=\"true\"><rect width=\"10\" y=\"");
        let height = if n > 0 { per_mille(n, max).max(8) } else { 0 };
        push_int(h, 1000 - height);
        h.push_str("\" height=\"");
        push_int(h, height);
        h.push_str("\"/></svg><span class=\"visually-hidden\">");
        push_escaped(h, &label((from, to)));
        h.push_str(": ");
        push_count(h, n as usize);
        h.push_str("</span>");
        push_bar_close(h, n > 0);
        h.push_str("</li>");
    }
    h.push_str("</ol><div class=\"stats-axis\" aria-hidden=\"true\">");
    for &span in [spans.first(), spans.last()].into_iter().flatten() {
        h.push_str("<span>");
        push_escaped(h, &label(span));
        h.push_str("</span>");
    }
    h.push_str("</div></section>");
}

/// The events of a column: by month, of exactly its month (month 0: known only to the
/// year); by year, of its years.
fn count(stats: &Stats, by_month: bool, from: PartialDate, to: PartialDate) -> u32 {
    (stats.months.iter())
        .filter(|&&(y, m, _)| {
            if by_month {
                (y, m) == (from.year, from.month)
            } else {
                (from.year..=to.year).contains(&y)
            }
        })
        .map(|p| p.2)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, Term};

    fn bundle(years: &[i16]) -> Bundle {
        Bundle {
            tags: vec![Term {
                key: "a&b".into(),
                label: "A & B".into(),
                count: 1,
            }],
            outlets: vec![Term {
                key: "the-wire".into(),
                label: "The Wire".into(),
                count: 1,
            }],
            events: years
                .iter()
                .map(|&y| Event {
                    date: PartialDate::year(y),
                    tags: vec![0],
                    outlets: vec![0],
                    importance: Some(7),
                    sources: 2,
                    ..Event::default()
                })
                .collect(),
            ..Bundle::default()
        }
    }

    fn link(f: &Filter) -> (String, Option<&'static str>) {
        (format!("/?{}", f.to_query()), None)
    }

    #[test]
    fn every_bar_links_to_its_events_and_says_its_number() {
        let b = bundle(&[2001, 2001, 2010]);
        let s = Stats::of(&b, &[0, 1, 2]);
        let h = page_inner(&b, &s, &Filter::default(), &link);
        assert!(h.contains("<strong>3</strong> events</a>, 6 sources, from 2001 to 2010."));
        // Ten columns, 2001 to 2010, the empty years without a link.
        assert_eq!(h.matches("class=\"stats-column\"").count(), 10);
        assert_eq!(h.matches("<a href=\"/?from=").count(), 2);
        assert!(h.contains("<a href=\"/?from=2001&amp;to=2001\" class=\"stats-column\">"));
        assert!(h.contains(
            "y=\"0\" height=\"1000\"/></svg><span class=\"visually-hidden\">2001: 2</span>"
        ));
        assert!(h.contains("<span class=\"visually-hidden\">2005: 0</span></span>"));
        assert!(h.contains("<a href=\"/?tag=a%26b\" class=\"stats-bar\"><span class=\"stats-label\">A &amp; B</span>"));
        assert!(h.contains("<h2 id=\"stats-outlets\">Top outlets</h2>"));
        assert!(h.contains("<a href=\"/?outlet=the-wire\" class=\"stats-bar\"><span class=\"stats-label\">The Wire</span>"));
        assert!(h.contains("<a href=\"/?min=7\" class=\"stats-bar\"><span class=\"stats-label\">Importance 7</span>"));
        // No link where the timeline has no filter: sources per event.
        assert!(
            h.contains("<span class=\"stats-bar\"><span class=\"stats-label\">2 sources</span>")
        );
        assert!(
            h.contains("<span class=\"stats-bar\"><span class=\"stats-label\">No status</span>")
        );
    }

    #[test]
    fn a_short_range_is_drawn_by_month_within_the_filter() {
        let mut b = bundle(&[2020, 2021]);
        b.events[1].date = PartialDate::ymd(2021, 2, 3);
        let s = Stats::of(&b, &[0, 1]);
        let filter = Filter::only(Facet::Tag, "a&b");
        let h = page_inner(&b, &s, &filter, &link);
        assert!(h.contains("Events per month"));
        // 2020 (year only), Jan to Dec 2020, Jan and Feb 2021.
        assert_eq!(h.matches("visually-hidden").count(), 1 + 12 + 2);
        assert!(h.contains("href=\"/?tag=a%26b&amp;from=2021-02&amp;to=2021-02\""));
        assert!(h.contains("<span>2020</span><span>February 2021</span>"));
        assert!(h.contains(" in the current filter."));
    }

    #[test]
    fn a_few_very_old_events_share_one_column() {
        let years: Vec<i16> = std::iter::once(1142)
            .chain((0..200).map(|i| 2000 + i % 25))
            .collect();
        let b = bundle(&years);
        let all: Vec<u32> = (0..years.len() as u32).collect();
        let h = page_inner(&b, &Stats::of(&b, &all), &Filter::default(), &link);
        assert_eq!(h.matches("class=\"stats-column\"").count(), 1 + 25);
        assert!(h.contains("href=\"/?from=1142&amp;to=1999\""));
        assert!(h.contains("1142–1999: 1</span>"));
        assert!(h.contains("<span>1142–1999</span><span>2024</span>"));
    }

    #[test]
    fn no_events_is_a_sentence_not_empty_charts() {
        let b = bundle(&[2001]);
        let h = page_inner(&b, &Stats::of(&b, &[]), &Filter::default(), &link);
        assert_eq!(
            h,
            "<p class=\"lede stats-summary\"><a href=\"/?\"><strong>0</strong> events</a>.</p>"
        );
    }
}
