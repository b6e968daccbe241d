//! Events per year under the other filters; click a year or drag across years to set the
//! date range.

use crate::data::use_data;
use crate::pages::timeline::use_timeline;
use leptos::prelude::*;
use timeline_bundle::PartialDate;

#[component]
pub fn Histogram() -> impl IntoView {
    let data = use_data();
    let state = use_timeline();
    let filter = state.filter;
    let outcome = state.outcome;
    let (first, last) = match (data.events.first(), data.events.last()) {
        (Some(a), Some(b)) => (a.date.year, b.date.year),
        _ => (2000, 2000),
    };
    let years: Vec<i16> = (first..=last).collect();
    let n = years.len().max(1);
    let counts = Memo::new(move |_| {
        outcome.with(|o| (first..=last).map(|y| o.facets.years.iter().find(|(yy, _)| *yy == y).map_or(0, |(_, c)| *c)).collect::<Vec<u32>>())
    });
    let in_range = move |y: i16| {
        filter.with(|f| {
            let start = PartialDate { year: y, month: 0, day: 0 };
            f.from.is_none_or(|d| start.end_key() >= d.start_key()) && f.to.is_none_or(|d| start.start_key() <= d.end_key())
        })
    };
    let drag_from = RwSignal::new(None::<i16>);
    let hover = RwSignal::new(None::<i16>);
    let apply = move |a: i16, b: i16| {
        let (lo, hi) = (a.min(b), a.max(b));
        state.update(false, |f| {
            let lo_d = PartialDate { year: lo, month: 0, day: 0 };
            let hi_d = PartialDate { year: hi, month: 0, day: 0 };
            if f.from == Some(lo_d) && f.to == Some(hi_d) {
                f.from = None;
                f.to = None;
            } else {
                f.from = Some(lo_d);
                f.to = Some(hi_d);
            }
        });
    };
    let w = 100.0 / n as f64;
    view! {
        <div class="histogram" role="group" aria-label="Events per year"
            on:pointerleave=move |_| { drag_from.set(None); hover.set(None); }>
            <svg viewBox="0 0 100 40" preserveAspectRatio="none" aria-hidden="true">
                {years.iter().enumerate().map(|(i, &y)| {
                    let height = move || {
                        let c = counts.with(|c| c[i]);
                        let max = counts.with(|c| c.iter().copied().max().unwrap_or(1)).max(1);
                        if c == 0 { 0.0 } else { 2.0 + 38.0 * (c as f64 / max as f64).sqrt() }
                    };
                    view! {
                        <rect x=format!("{:.3}", i as f64 * w + w * 0.1) width=format!("{:.3}", w * 0.8)
                            y=move || format!("{:.2}", 40.0 - height()) height=move || format!("{:.2}", height())
                            class:in-range=move || in_range(y)
                            class:hover=move || hover.get() == Some(y)/>
                    }
                }).collect_view()}
            </svg>
            <div class="histogram-hits">
                {years.iter().enumerate().map(|(i, &y)| {
                    let apply = apply.clone();
                    let apply_key = apply.clone();
                    let label = move || format!("{y}: {} events", counts.with(|c| c[i]));
                    view! {
                        <button class="year-hit" tabindex="-1" aria-label=label title=label
                            on:pointerdown=move |ev| { ev.prevent_default(); drag_from.set(Some(y)); }
                            on:pointerenter=move |_| hover.set(Some(y))
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
                <span>{first}</span>
                <span>{move || hover.get().map(|y| {
                    let i = (y - first) as usize;
                    format!("{y}: {}", counts.with(|c| c[i]))
                }).unwrap_or_default()}</span>
                <span>{last}</span>
            </div>
        </div>
    }
}
