//! Events per year under the other filters; click a year or drag across years to set the
//! date range. The bars, their buttons and the axis are markup written here, heard by one
//! listener per event on the buttons' box.

use crate::data::use_data;
use crate::dom::closest;
use crate::filter_state::use_filter_state;
use crate::format::fixed;
use leptos::prelude::*;
use timeline_bundle::html::push_int;
use timeline_bundle::PartialDate;

#[component]
pub fn Histogram() -> impl IntoView {
    let data = use_data();
    let state = use_filter_state();
    let filter = state.filter;
    let facets = state.facets;
    let (first, last) = match (data.events.first(), data.events.last()) {
        (Some(a), Some(b)) => (a.date.year, b.date.year),
        _ => (2000, 2000),
    };
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
    let n = bars.len().max(1);
    let counts = {
        let bars = bars.clone();
        Memo::new(move |_| {
            facets.with(|f| {
                bars.iter()
                    .map(|&(a, b)| {
                        f.years
                            .iter()
                            .filter(|(y, _)| (a..=b).contains(y))
                            .map(|(_, c)| *c)
                            .sum()
                    })
                    .collect::<Vec<u32>>()
            })
        })
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
    let bar_label = move |(a, b): (i16, i16)| {
        if a == b {
            a.to_string()
        } else {
            format!("{a}–{b}")
        }
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
    let w = 100.0 / n as f64;
    // Three paths (bars out of range, in range, and each bar's outline for hovering)
    // rather than a rect a bar: one attribute changes per update instead of hundreds.
    let shapes = {
        let bars = bars.clone();
        Memo::new(move |_| {
            counts.with(|c| {
                let max = c.iter().copied().max().unwrap_or(1).max(1) as f64;
                let (mut out, mut inside, mut each) =
                    (String::new(), String::new(), Vec::with_capacity(c.len()));
                for (i, &n) in c.iter().enumerate() {
                    let h = if n == 0 {
                        0.0
                    } else {
                        2.0 + 38.0 * (n as f64 / max).sqrt()
                    };
                    let width = fixed(w * 0.8, 3);
                    let mut bar = String::with_capacity(40);
                    for part in [
                        "M",
                        &fixed(i as f64 * w + w * 0.1, 3),
                        " ",
                        &fixed(40.0 - h, 2),
                        "h",
                        &width,
                        "V40h-",
                        &width,
                        "Z",
                    ] {
                        bar.push_str(part);
                    }
                    if n > 0 {
                        if in_range(bars[i]) {
                            inside.push_str(&bar)
                        } else {
                            out.push_str(&bar)
                        }
                    }
                    each.push(bar);
                }
                (out, inside, each)
            })
        })
    };
    // The three paths, and the axis below them, each one piece of markup.
    let svg = Memo::new(move |_| {
        shapes.with(|(out, inside, each)| {
            let hovered = hover
                .get()
                .and_then(|i| each.get(i))
                .map_or("", |d| d.as_str());
            let mut h = String::new();
            for (class, d) in [
                ("bars", out.as_str()),
                ("bars in-range", inside),
                ("bars hover", hovered),
            ] {
                h.push_str("<path class=\"");
                h.push_str(class);
                h.push_str("\" d=\"");
                h.push_str(d);
                h.push_str("\"></path>");
            }
            h
        })
    });
    let axis = {
        let first_label = if first < lo {
            format!("{first}…{lo}")
        } else {
            first.to_string()
        };
        Memo::new(move |_| {
            let mut h = String::from("<span>");
            h.push_str(&first_label);
            h.push_str("</span><span>");
            if let Some(i) = hover.get() {
                h.push_str(&bar_label(bars[i]));
                h.push_str(": ");
                push_int(&mut h, u64::from(counts.with(|c| c[i])));
            }
            h.push_str("</span><span>");
            h.push_str(&last.to_string());
            h.push_str("</span>");
            h
        })
    };
    view! {
        <div class="histogram" role="group" aria-label="Events per year"
            on:pointerleave=move |_| { drag_from.set(None); hover.set(None); }>
            <svg viewBox="0 0 100 40" preserveAspectRatio="none" aria-hidden="true" inner_html=svg></svg>
            <div class="histogram-hits" inner_html=hits on:pointerdown=on_down on:pointerover=on_over
                on:pointerup=on_up on:keydown=on_key></div>
            <div class="histogram-axis" aria-hidden="true" inner_html=axis></div>
        </div>
    }
}
