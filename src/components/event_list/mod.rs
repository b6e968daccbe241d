//! The list of events, windowed: only the rows near the viewport exist in the page, so a
//! hundred thousand events scroll like a hundred. The geometry is in [`layout`] (pure,
//! tested natively), the viewport's measurements in [`viewport`], the keys in
//! [`keyboard`], a row in [`row`].

mod keyboard;
mod layout;
mod row;
mod viewport;

use crate::data::details::Loaded;
use crate::data::{use_data, Data};
use crate::filter_state::use_filter_state;
use layout::{Key, Layout, HEADING_HEIGHT};
use leptos::{html, prelude::*};
use row::EventRow;
use timeline_bundle::html::row::heading_inner_html;
use timeline_bundle::html::row::FIRST_SCREEN;
use timeline_bundle::{Density, Outcome, Sort};
use viewport::Viewport;

#[component]
pub fn EventList() -> impl IntoView {
    let data = use_data();
    let state = use_filter_state();
    let outcome = state.outcome;
    let words = state.words;
    let grouped = Memo::new(move |_| state.filter.with(|f| f.effective_sort() != Sort::Relevance));
    let list: NodeRef<html::Div> = NodeRef::new();
    let scroller: NodeRef<html::Div> = NodeRef::new();
    let boxed = crate::embed::embed().on;
    let viewport = Viewport::track(list, scroller, boxed);
    let density = crate::view_state::density();
    let row_height = Memo::new(move |_| layout::row_height(viewport.width.get(), density.get()));
    wait_for_the_first_excerpts(&data, outcome, density);
    let layout = {
        let data = data.clone();
        Memo::new(move |_| {
            let group_of = |event: u32| {
                let d = data.events[event as usize].date;
                (d.year, d.month)
            };
            outcome.with(|o| Layout::new(&o.events, group_of, grouped.get(), row_height.get()))
        })
    };
    Effect::new(move |_| {
        layout.track();
        request_animation_frame(move || viewport.measure());
    });

    let selected = RwSignal::new(None::<usize>);
    // A new result list starts with nothing selected.
    Effect::new(move |_| {
        outcome.track();
        selected.set(None);
    });
    keyboard::listen(data.clone(), outcome, layout, viewport, selected);

    let visible = move || {
        let (view_top, height) = viewport.view.get();
        layout.with(|l| l.visible(view_top, height))
    };
    let sticky = move || {
        if !grouped.get() {
            return None;
        }
        let (view_top, _) = viewport.view.get();
        layout.with(|l| l.heading_at(view_top))
    };

    view! {
        <div class="event-list-wrap" class:boxed=boxed class:compact=move || density.get() == Density::Compact node_ref=scroller on:scroll=move |_| viewport.measure()
            style:--row-h=move || px(row_height.get()) style:--head-h=px(HEADING_HEIGHT)>
            <div class="sticky-month" aria-hidden="true" class:shown=move || sticky().is_some()>{sticky}</div>
            <div class="event-list" node_ref=list role="list" style:height=move || px(layout.with(|l| l.total))>
                <For each=visible key=|(key, _)| *key let((key, label))>
                    {
                        let data = data.clone();
                        // One small memo per item, so that the layout and the selection each
                        // have one subscriber per item, not one per attribute.
                        let place = Memo::new(move |_| {
                            let mut p = layout.with(|l| l.place_of(key));
                            if let (Some(p), Key::Row(_)) = (p.as_mut(), key) {
                                p.selected = selected.get() == Some(p.number);
                            }
                            p
                        });
                        // CSSOM, not a style attribute: the Content-Security-Policy allows no
                        // inline styles.
                        let transform = move || ["translateY(", &px(place.with(|p| p.map_or(-10_000.0, |p| p.top))), ")"].concat();
                        match key {
                            Key::Heading(_) => view! {
                                <div class="slot month-header" role="presentation" style:transform=transform
                                    inner_html=move || heading_inner_html(&label, place.with(|p| p.map_or(0, |p| p.number)))>
                                </div>
                            }.into_any(),
                            Key::Row(_) => view! {
                                <div class="slot" role="listitem" style:transform=transform>
                                    <EventRow data place words density/>
                                </div>
                            }.into_any(),
                        }
                    }
                </For>
            </div>
        </div>
    }
}

/// With the build's first screen still showing (its rows carry their excerpts), the
/// takeover waits until the chunks of the first rows' details have arrived (or failed), so
/// that the app's rows show the same texts in the same boxes: nothing flashes or moves.
fn wait_for_the_first_excerpts(data: &Data, outcome: Memo<Outcome>, density: Memo<Density>) {
    if !crate::prerender::pending() || density.get_untracked() == Density::Compact {
        return;
    }
    crate::prerender::wait();
    on_cleanup(crate::prerender::take_over);
    let first: Vec<usize> = outcome.with_untracked(|o| {
        o.events
            .iter()
            .take(FIRST_SCREEN)
            .map(|&n| n as usize)
            .collect()
    });
    let details = data.details.clone();
    for &n in &first {
        details.prefetch(n);
    }
    Effect::new(move |_| {
        let arrived = first
            .iter()
            .all(|&n| !matches!(details.get(n), Loaded::Loading));
        if arrived {
            request_animation_frame(crate::prerender::take_over);
        }
    });
}

/// A length in whole CSS pixels (`92px`): every height and top in the list is a sum of
/// whole row and heading heights, and an integer formats without float formatting.
fn px(x: f64) -> String {
    let mut out = (x as i64).to_string();
    out.push_str("px");
    out
}
