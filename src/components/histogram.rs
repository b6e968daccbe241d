//! Events per year under the other filters; click a year or drag across years to set the
//! date range.

use crate::data::use_data;
use crate::filter_state::use_filter_state;
use crate::format::fixed;
use leptos::prelude::*;
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
    view! {
        <div class="histogram" role="group" aria-label="Events per year"
            on:pointerleave=move |_| { drag_from.set(None); hover.set(None); }>
            <svg viewBox="0 0 100 40" preserveAspectRatio="none" aria-hidden="true">
                <path class="bars" d=move || shapes.with(|s| s.0.clone())/>
                <path class="bars in-range" d=move || shapes.with(|s| s.1.clone())/>
                <path class="bars hover" d=move || hover.get().map(|i| shapes.with(|s| s.2.get(i).cloned().unwrap_or_default())).unwrap_or_default()/>
            </svg>
            <div class="histogram-hits">
                {bars.iter().enumerate().map(|(i, &y)| {
                    let apply = apply.clone();
                    let apply_key = apply.clone();
                    // A fixed label: the hovered bar's count is in the axis below. Labels
                    // with counts would be a hundred attributes rewritten per keystroke.
                    let label = format!("{}: set the date range", bar_label(y));
                    view! {
                        <button class="year-hit" tabindex="-1" aria-label=label
                            on:pointerdown=move |ev| { ev.prevent_default(); drag_from.set(Some(y)); }
                            on:pointerenter=move |_| hover.set(Some(i))
                            on:pointerup=move |_| {
                                let from = drag_from.get_untracked().unwrap_or(y);
                                drag_from.set(None);
                                apply(from, y);
                            }
                            on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Enter" || ev.key() == " " { ev.prevent_default(); apply_key(y, y); }>
                        </button>
                    }
                }).collect_view()}
            </div>
            <div class="histogram-axis" aria-hidden="true">
                <span>{if first < lo { format!("{first}…{lo}") } else { first.to_string() }}</span>
                <span>{
                    let bars = bars.clone();
                    move || hover.get().map(|i| format!("{}: {}", bar_label(bars[i]), counts.with(|c| c[i]))).unwrap_or_default()
                }</span>
                <span>{last}</span>
            </div>
        </div>
    }
}
