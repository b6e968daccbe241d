//! One row of the list: an event's date, title (with the search's words marked) and a
//! meta line. Its texts are written as escaped HTML: a row shows a new event with a
//! handful of DOM calls instead of one per element, which is most of the cost of a
//! keystroke that changes the listed events.

use super::layout::Place;
use crate::data::Data;
use crate::links::event_href;
use leptos::prelude::*;
use std::fmt::Write as _;
use timeline_bundle::date::{month_name, Precision};
use timeline_bundle::text::{highlight_html, push_escaped};
use timeline_bundle::{Bundle, Event, PartialDate};

/// The first three letters of a month's name ("May", "Sep").
fn short_month(month: u8) -> &'static str {
    let name = month_name(month);
    name.get(..3).unwrap_or(name)
}

/// The date column: the day large with the month and year below, or the month, or the year.
pub fn date_html(date: PartialDate) -> String {
    let (big, small) = match date.precision() {
        Precision::Day => (
            date.day.to_string(),
            format!("{} {}", short_month(date.month), date.year),
        ),
        Precision::Month => (short_month(date.month).to_string(), date.year.to_string()),
        Precision::Year => (date.year.to_string(), String::new()),
    };
    format!("<span class=\"row-day\">{big}</span><span class=\"row-month\">{small}</span>")
}

/// The meta line: importance, an unusual status, the first tags, the sources.
pub fn meta_html(data: &Bundle, e: &Event) -> String {
    let mut h = String::new();
    if let Some(i) = e.importance {
        let _ = write!(
            h,
            "<span class=\"importance imp-{i}\" title=\"Importance {i} of 10\">{i}</span>"
        );
    }
    if let Some(status) = e.status.map(|s| &data.statuses[s as usize].label) {
        if status != "confirmed" {
            h.push_str("<span class=\"status\">");
            push_escaped(&mut h, status);
            h.push_str("</span>");
        }
    }
    for &t in e.tags.iter().take(3) {
        h.push_str("<span class=\"tag\">");
        push_escaped(&mut h, &data.tags[t as usize].label);
        h.push_str("</span>");
    }
    let more_tags = e.tags.len().saturating_sub(3);
    if more_tags > 0 {
        let _ = write!(h, "<span class=\"tag more\">+{more_tags}</span>");
    }
    h.push_str("<span class=\"sources\" title=\"Sources\">");
    if let Some(t) = e.tier {
        let _ = write!(
            h,
            "<span class=\"tier-dot tier-{t}\" title=\"Best source: tier {t}\"></span>"
        );
    }
    let n = e.sources;
    let _ = write!(h, "{n} source{}</span>", if n == 1 { "" } else { "s" });
    h
}

#[component]
pub fn EventRow(data: Data, place: Memo<Option<Place>>, words: Memo<Vec<String>>) -> impl IntoView {
    let event = Memo::new(move |_| place.with(|p| p.map(|p| p.event as usize)));
    // Each part follows the row's event: `with_event(f)` is `f` of the event, or the
    // default while the row has none (it is being removed).
    let with_event = |f: fn(&Data, &Event) -> String| {
        let data = data.clone();
        move || {
            event
                .get()
                .map(|i| f(&data, &data.events[i]))
                .unwrap_or_default()
        }
    };
    // With `open=site`, an embedded list opens events on the full site, in a new tab.
    let open_site = crate::embed::embed().open_site;
    let href = with_event(if open_site {
        |_, e| crate::embed::full_site_url(&event_href(&e.id))
    } else {
        |_, e| event_href(&e.id)
    });
    let target = open_site.then_some("_blank");
    // A memo, so that a keystroke that leaves this title's highlighting unchanged leaves
    // its DOM alone.
    let title_html = {
        let data = data.clone();
        Memo::new(move |_| {
            let Some(i) = event.get() else {
                return String::new();
            };
            words.with(|w| highlight_html(&data.events[i].title, w))
        })
    };
    // The event page's details, fetched when the pointer or the focus reaches the row (the
    // store fetches each chunk once).
    let details = data.details.clone();
    let prefetch = move || {
        if let Some(i) = event.get_untracked() {
            details.prefetch(i);
        }
    };
    let on_focus = prefetch.clone();
    let is_selected = move || place.with(|p| p.is_some_and(|p| p.selected));
    view! {
        <a class="event-row" href=href target=target data-position=move || place.with(|p| p.map(|p| p.number)) class:selected=is_selected
            aria-current=move || is_selected().then_some("true")
            on:pointerenter=move |_| prefetch() on:focusin=move |_| on_focus()>
            <time class="row-date" datetime=with_event(|_, e| e.date.to_string()) inner_html=with_event(|_, e| date_html(e.date))></time>
            <div class="row-main">
                <h3 class="row-title" inner_html=title_html></h3>
                <div class="row-meta" inner_html=with_event(|d, e| meta_html(d, e))></div>
            </div>
        </a>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_show_what_is_known() {
        assert!(date_html(PartialDate::ymd(2017, 5, 10)).contains(">10<"));
        assert!(date_html(PartialDate::ymd(2017, 5, 10)).contains(">May 2017<"));
        assert!(date_html(PartialDate::parse("2017-09").unwrap()).contains(">Sep<"));
        assert!(date_html(PartialDate::year(1975)).contains(">1975<"));
        // A month the decoder would have refused still renders, without a panic.
        let _ = date_html(PartialDate {
            year: 2020,
            month: 13,
            day: 0,
        });
    }
}
