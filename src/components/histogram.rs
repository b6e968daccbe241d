//! Events per year under the other filters; click a year or drag across years to set the
//! date range. The bars, their buttons and the axis are markup written here, heard by one
//! listener per event on the buttons' box.

use crate::data::use_data;
use crate::dom::closest;
use crate::filter_state::use_filter_state;
use leptos::prelude::*;
use timeline_bundle::html::{month_label, push_int};
use timeline_bundle::{FacetCounts, PartialDate};

#[component]
pub fn Histogram() -> impl IntoView {
    let data = use_data();
    let state = use_filter_state();
    let filter = state.filter;
    let facets = state.facets;
    let (first, last) = data.years().unwrap_or((2000, 2000));
    // A few very old events would squash every bar to a hair: years before the first
    // percentile (keeping at least 20 years) share one "earlier" bar.
    let lo = data
        .events
        .get(data.events.len() / 100)
        .map_or(first, |e| e.date.year)
        .min(last - 20)
        .max(first);
    let bars: Vec<(i16, i16)> = (first < lo)
        .then_some((first, lo - 1))
        .into_iter()
        .chain((lo..=last).map(|y| (y, y)))
        .collect();
    // A bar's events under the current counts.
    let count = |f: &FacetCounts, (a, b): (i16, i16)| -> u32 {
        f.years
            .iter()
            .filter(|(y, _)| (a..=b).contains(y))
            .map(|(_, c)| *c)
            .sum()
    };
    let in_range = move |(a, b): (i16, i16)| {
        filter.with(|f| {
            let (start, end) = (PartialDate::year(a), PartialDate::year(b));
            f.from.is_none_or(|d| end.end_key() >= d.start_key())
                && f.to.is_none_or(|d| start.start_key() <= d.end_key())
        })
    };
    let drag_from = RwSignal::new(None::<(i16, i16)>);
    let hover = RwSignal::new(None::<usize>);
    let apply = move |a: (i16, i16), b: (i16, i16)| {
        let (lo, hi) = (a.0.min(b.0), a.1.max(b.1));
        state.update(false, |f| {
            let (lo_d, hi_d) = (PartialDate::year(lo), PartialDate::year(hi));
            if f.from == Some(lo_d) && f.to == Some(hi_d) {
                f.from = None;
                f.to = None;
            } else {
                f.from = Some(lo_d);
                f.to = Some(hi_d);
            }
        });
    };
    let bar_label = |(a, b): (i16, i16)| {
        let mut label = month_label(a, 0);
        if a != b {
            label.push('–');
            label.push_str(&month_label(b, 0));
        }
        label
    };
    // The bars' buttons, written once (their labels never change) and heard here: which
    // bar an event is for is its button's `data-bar`.
    let mut hits = String::new();
    for (i, &y) in bars.iter().enumerate() {
        // A fixed label: the hovered bar's count is in the axis below. Labels with counts
        // would be a hundred attributes rewritten per keystroke.
        hits.push_str("<button class=\"year-hit\" tabindex=\"-1\" data-bar=\"");
        push_int(&mut hits, i as u64);
        hits.push_str("\" aria-label=\"");
        hits.push_str(&bar_label(y));
        hits.push_str(": set the date range\"></button>");
    }
    let bar_of = {
        let bars = bars.clone();
        move |ev: &web_sys::Event| {
            let i: usize = closest(ev, "[data-bar]")?
                .get_attribute("data-bar")?
                .parse()
                .ok()?;
            Some((i, *bars.get(i)?))
        }
    };
    let on_down = {
        let bar_of = bar_of.clone();
        move |ev: web_sys::PointerEvent| {
            if let Some((_, y)) = bar_of(&ev) {
                ev.prevent_default();
                drag_from.set(Some(y));
            }
        }
    };
    let on_over = {
        let bar_of = bar_of.clone();
        move |ev: web_sys::PointerEvent| {
            if let Some((i, _)) = bar_of(&ev) {
                if hover.get_untracked() != Some(i) {
                    hover.set(Some(i));
                }
            }
        }
    };
    let on_up = {
        let bar_of = bar_of.clone();
        let apply = apply.clone();
        move |ev: web_sys::PointerEvent| {
            if let Some((_, y)) = bar_of(&ev) {
                let from = drag_from.get_untracked().unwrap_or(y);
                drag_from.set(None);
                apply(from, y);
            }
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if let (Some((_, y)), "Enter" | " ") = (bar_of(&ev), ev.key().as_str()) {
            ev.prevent_default();
            apply(y, y);
        }
    };
    // Three paths (bars out of range, in range, and the hovered bar's outline) rather
    // than a rect a bar: one piece of markup changes per update instead of hundreds of
    // attributes. In thousandths of the chart's 100 × 40 units, so that every coordinate
    // is a whole number.
    let svg = {
        let bars = bars.clone();
        Memo::new(move |_| {
            let hovered = hover.get();
            facets.with(|f| {
                let counts: Vec<u32> = bars.iter().map(|&bar| count(f, bar)).collect();
                let max = counts.iter().copied().max().unwrap_or(1).max(1) as f64;
                let w = 100_000.0 / bars.len().max(1) as f64;
                let width = (w * 0.8).round() as u64;
                let mut paths = [String::new(), String::new(), String::new()];
                for (i, &n) in counts.iter().enumerate() {
                    let h = if n == 0 {
                        0
                    } else {
                        (2000.0 + 38000.0 * (n as f64 / max).sqrt()).round() as u64
                    };
                    let into = |path: &mut String| {
                        path.push('M');
                        push_int(path, (i as f64 * w + w * 0.1).round() as u64);
                        path.push(' ');
                        push_int(path, 40_000 - h);
                        path.push('h');
                        push_int(path, width);
                        path.push_str("V40000h-");
                        push_int(path, width);
                        path.push('Z');
                    };
                    if n > 0 {
                        into(&mut paths[usize::from(in_range(bars[i]))]);
                    }
                    if hovered == Some(i) {
                        into(&mut paths[2]);
                    }
                }
                let mut h = String::new();
                for (class, d) in ["bars", "bars in-range", "bars hover"].iter().zip(&paths) {
                    h.push_str("<path class=\"");
                    h.push_str(class);
                    h.push_str("\" d=\"");
                    h.push_str(d);
                    h.push_str("\"></path>");
                }
                h
            })
        })
    };
    // The axis: the first and last years, and the hovered bar's count between them.
    let axis = {
        // Where the few oldest years share the first bar, the axis says so ("Before 1972";
        // the bar's own name gives its span): "1142…1972" read as a range of its own.
        let first_label = if first < lo {
            ["Before ", &month_label(lo, 0)].concat()
        } else {
            month_label(first, 0)
        };
        let last_label = month_label(last, 0);
        Memo::new(move |_| {
            let mut h = String::from("<span>");
            h.push_str(&first_label);
            h.push_str("</span><span>");
            if let Some(i) = hover.get() {
                h.push_str(&bar_label(bars[i]));
                h.push_str(": ");
                push_int(&mut h, u64::from(facets.with(|f| count(f, bars[i]))));
            }
            h.push_str("</span><span>");
            h.push_str(&last_label);
            h.push_str("</span>");
            h
        })
    };
    view! {
        <div class="histogram" role="group" aria-label="Events per year"
            on:pointerleave=move |_| { drag_from.set(None); hover.set(None); }>
            <svg viewBox="0 0 100000 40000" preserveAspectRatio="none" aria-hidden="true" inner_html=svg></svg>
            <div class="histogram-hits" inner_html=hits on:pointerdown=on_down on:pointerover=on_over
                on:pointerup=on_up on:keydown=on_key></div>
            <div class="histogram-axis" aria-hidden="true" inner_html=axis></div>
        </div>
    }
}
