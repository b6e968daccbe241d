//! The list of events, windowed: only the rows near the viewport exist in the page, so a
//! hundred thousand events scroll like a hundred. Rows and month headers have fixed
//! heights, which makes every position a sum, not a measurement.

use crate::data::use_data;
use crate::dom::from_text_field;
use crate::state::event_href;
use crate::view_state::use_timeline;
use leptos::{ev, html, prelude::*};
use leptos_router::hooks::use_navigate;
use std::fmt::Write as _;
use timeline_bundle::text::{highlight_html, push_escaped};
use timeline_bundle::{date::month_name, Bundle, Sort};

/// Must match `--row-h` and `--head-h` in style/main.css (phones get taller rows).
const ROW_HEIGHT: f64 = 92.0;
const ROW_HEIGHT_NARROW: f64 = 104.0;
const NARROW_MAX_WIDTH: f64 = 560.0;
const HEADER_HEIGHT: f64 = 44.0;

fn is_narrow() -> bool {
    window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w <= NARROW_MAX_WIDTH)
}
/// Rows rendered beyond the viewport on each side, so fast scrolling shows no gaps.
const OVERSCAN: f64 = 300.0;

#[derive(Clone, Debug, PartialEq)]
enum Item {
    /// A month (or year) heading with its event count.
    Header {
        group: (i16, u8),
        label: String,
        count: usize,
    },
    /// An event: its number in the bundle and its position in the list.
    Row { event: u32, position: usize },
}

#[derive(Clone, Debug, Default, PartialEq)]
struct Layout {
    items: Vec<Item>,
    tops: Vec<f64>,
    total: f64,
    /// For each list position, the index of its item.
    item_of_position: Vec<usize>,
    /// For each item, the index of the heading above it.
    header_of_item: Vec<usize>,
    /// For each month heading, its item.
    item_of_header: std::collections::HashMap<(i16, u8), usize>,
}

/// Where a rendered item is, and the number it shows: a row's list position (for the
/// keyboard's selection), a heading's event count. One small memo per item, so that the
/// layout and the selection each have one subscriber per item, not one per attribute.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Place {
    top: f64,
    number: usize,
    /// A row's event.
    event: u32,
    selected: bool,
}

/// Measuring after every layout change must not re-render the rows when nothing moved:
/// a signal notifies on every `set`, equal or not.
fn set_if_changed(signal: RwSignal<(f64, f64)>, value: (f64, f64)) {
    if signal.try_get_untracked() != Some(value) {
        signal.try_set(value);
    }
}

/// What identifies a rendered item across updates. A row is its list position, not its
/// event: when a search changes the listed events, each row rewrites its texts (a few
/// `innerHTML`s) instead of being replaced, which costs less and leaves the reactive graph
/// alone; scrolling keeps the rows that stay in view as they are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Key {
    Header((i16, u8)),
    Row(u32),
}

impl Layout {
    fn place_of(&self, key: Key) -> Option<Place> {
        let item = match key {
            Key::Row(position) => *self.item_of_position.get(position as usize)?,
            Key::Header(g) => *self.item_of_header.get(&g)?,
        };
        let (number, event) = match self.items[item] {
            Item::Row { event, position } => (position, event),
            Item::Header { count, .. } => (count, 0),
        };
        Some(Place {
            top: self.tops[item],
            number,
            event,
            selected: false,
        })
    }
}

/// The month (or, for a date known only to the year, the year) an event is listed under.
fn group_of(b: &Bundle, event: u32) -> (i16, u8) {
    let d = b.events[event as usize].date;
    (d.year, d.month)
}

fn group_label((year, month): (i16, u8)) -> String {
    if month == 0 {
        format!("{year}")
    } else {
        format!("{} {year}", month_name(month))
    }
}

fn layout(b: &Bundle, events: &[u32], grouped: bool, row: f64) -> Layout {
    let mut l = Layout::default();
    let mut y = 0.0;
    let mut header = 0;
    let mut i = 0;
    while i < events.len() {
        if grouped {
            let group = group_of(b, events[i]);
            let mut j = i;
            while j < events.len() && group_of(b, events[j]) == group {
                j += 1;
            }
            let label = group_label(group);
            header = l.items.len();
            l.item_of_header.insert(group, header);
            l.items.push(Item::Header {
                group,
                label,
                count: j - i,
            });
            l.tops.push(y);
            l.header_of_item.push(header);
            y += HEADER_HEIGHT;
            for (position, &event) in events.iter().enumerate().take(j).skip(i) {
                l.item_of_position.push(l.items.len());
                l.items.push(Item::Row { event, position });
                l.tops.push(y);
                l.header_of_item.push(header);
                y += row;
            }
            i = j;
        } else {
            l.item_of_position.push(l.items.len());
            l.items.push(Item::Row {
                event: events[i],
                position: i,
            });
            l.tops.push(y);
            l.header_of_item.push(header);
            y += row;
            i += 1;
        }
    }
    l.total = y;
    l
}

#[component]
pub fn EventList() -> impl IntoView {
    let data = use_data();
    let state = use_timeline();
    let outcome = state.outcome;
    let filter = state.filter;
    let hits = state.hits;
    let grouped = Memo::new(move |_| filter.with(|f| f.effective_sort() != Sort::Relevance));
    let narrow = RwSignal::new(is_narrow());
    let layout = {
        let data = data.clone();
        Memo::new(move |_| {
            let row = if narrow.get() {
                ROW_HEIGHT_NARROW
            } else {
                ROW_HEIGHT
            };
            outcome.with(|o| layout(&data, &o.events, grouped.get(), row))
        })
    };
    let list: NodeRef<html::Div> = NodeRef::new();
    // In an embed the list scrolls in its own box, so that the frame's height (which the
    // parent page sets from the content) stays bounded; elsewhere the window scrolls.
    let scroller: NodeRef<html::Div> = NodeRef::new();
    let boxed = crate::embed::embed().on;
    // (top of the viewport relative to the list, viewport height)
    let viewport = RwSignal::new((0.0f64, 1000.0f64));
    let measure = move || {
        if boxed {
            // `try_`: a frame or scroll callback may run after the list is gone.
            if let Some(el) = scroller.try_get_untracked().flatten() {
                set_if_changed(
                    viewport,
                    (el.scroll_top() as f64, el.client_height() as f64),
                );
            }
        } else if let Some(el) = list.try_get_untracked().flatten() {
            let top = el.get_bounding_client_rect().top();
            let height = window()
                .inner_height()
                .ok()
                .and_then(|h| h.as_f64())
                .unwrap_or(1000.0);
            set_if_changed(viewport, (-top, height));
        }
    };
    let on_scroll = window_event_listener(ev::scroll, move |_| measure());
    let on_resize = window_event_listener(ev::resize, move |_| {
        narrow.set(is_narrow());
        measure();
    });
    on_cleanup(move || {
        on_scroll.remove();
        on_resize.remove();
    });
    Effect::new(move |_| {
        layout.track();
        request_animation_frame(measure);
    });

    let selected = RwSignal::new(None::<usize>);
    // A new result list starts with nothing selected.
    Effect::new(move |_| {
        outcome.track();
        selected.set(None);
    });
    let navigate = use_navigate();
    let keys_data = data.clone();
    let on_key = window_event_listener(ev::keydown, move |e| {
        if from_text_field(&e) && e.key() != "ArrowDown" {
            return;
        }
        let n = outcome.with_untracked(|o| o.events.len());
        if n == 0 {
            return;
        }
        let next = match (e.key().as_str(), selected.get_untracked()) {
            ("ArrowDown" | "j", None) => Some(0),
            ("ArrowDown" | "j", Some(p)) => Some((p + 1).min(n - 1)),
            ("ArrowUp" | "k", Some(p)) => Some(p.saturating_sub(1)),
            ("Home", _) if !from_text_field(&e) => Some(0),
            ("End", _) if !from_text_field(&e) => Some(n - 1),
            ("Enter", Some(p)) => {
                let event = outcome.with_untracked(|o| o.events[p]);
                let id = keys_data.events[event as usize].id.clone();
                navigate(crate::state::route(&event_href(&id)), Default::default());
                e.prevent_default();
                return;
            }
            _ => return,
        };
        e.prevent_default();
        if let Some(el) = e
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(t).ok())
        {
            if from_text_field(&e) {
                let _ = el.blur();
            }
        }
        selected.set(next);
        if let (Some(p), Some(el)) = (next, list.get_untracked()) {
            let top = layout.with_untracked(|l| l.tops[l.item_of_position[p]]);
            let (view_top, height) = viewport.get_untracked();
            if top < view_top + 60.0 || top + ROW_HEIGHT_NARROW > view_top + height - 20.0 {
                match scroller.get_untracked().filter(|_| boxed) {
                    Some(s) => s.set_scroll_top((top - height / 3.0).max(0.0) as i32),
                    None => {
                        let list_top = el.get_bounding_client_rect().top()
                            + window().scroll_y().unwrap_or(0.0);
                        window().scroll_to_with_x_and_y(0.0, list_top + top - height / 3.0);
                    }
                }
            }
        }
    });
    on_cleanup(move || on_key.remove());

    let visible = move || {
        let (view_top, height) = viewport.get();
        layout.with(|l| {
            let from = l
                .tops
                .partition_point(|&t| t < view_top - OVERSCAN)
                .saturating_sub(1);
            let to = l
                .tops
                .partition_point(|&t| t < view_top + height + OVERSCAN);
            l.items[from..to.min(l.items.len())]
                .iter()
                .map(|item| match item {
                    Item::Header { group, label, .. } => (Key::Header(*group), label.clone()),
                    Item::Row { position, .. } => (Key::Row(*position as u32), String::new()),
                })
                .collect::<Vec<_>>()
        })
    };
    let sticky = move || {
        let (view_top, _) = viewport.get();
        if !grouped.get() || view_top <= 0.0 {
            return None;
        }
        layout.with(|l| {
            let i = l.tops.partition_point(|&t| t <= view_top).saturating_sub(1);
            match l.items.get(*l.header_of_item.get(i)?)? {
                Item::Header { label, count, .. } => Some(format!("{label} · {count}")),
                Item::Row { .. } => None,
            }
        })
    };

    view! {
        <div class="event-list-wrap" class:boxed=boxed node_ref=scroller on:scroll=move |_| measure()>
            <div class="sticky-month" aria-hidden="true" class:shown=move || sticky().is_some()>{sticky}</div>
            <div class="event-list" node_ref=list role="list" style:height=move || format!("{}px", layout.with(|l| l.total))>
                <For each=visible key=|(key, _)| *key let((key, label))>
                    {
                        let data = data.clone();
                        let place = Memo::new(move |_| {
                            let mut p = layout.with(|l| l.place_of(key));
                            if let (Some(p), Key::Row(_)) = (p.as_mut(), key) {
                                p.selected = selected.get() == Some(p.number);
                            }
                            p
                        });
                        // CSSOM, not a style attribute: the Content-Security-Policy allows no
                        // inline styles. Tops are whole pixels (sums of whole row heights):
                        // formatting an integer is cheaper.
                        let transform = move || format!("translateY({}px)", place.with(|p| p.map_or(-10_000, |p| p.top as i64)));
                        match key {
                            Key::Header(_) => view! {
                                <div class="slot month-header" role="presentation" style:transform=transform>
                                    <h2>{label}</h2>
                                    <span class="month-count">{move || {
                                        let count = place.with(|p| p.map_or(0, |p| p.number));
                                        format!("{count} event{}", if count == 1 { "" } else { "s" })
                                    }}</span>
                                </div>
                            }.into_any(),
                            Key::Row(_) => view! {
                                <div class="slot" role="listitem" style:transform=transform>
                                    <EventRow data place words=hits/>
                                </div>
                            }.into_any(),
                        }
                    }
                </For>
            </div>
        </div>
    }
}

/// A row's date and meta line as escaped HTML: a row shows a new event with a handful of
/// DOM calls instead of one per element, which is most of the cost of a keystroke that
/// changes the listed events.
fn row_date_html(date: timeline_bundle::PartialDate) -> String {
    use timeline_bundle::date::Precision;
    let (big, small) = match date.precision() {
        Precision::Day => (
            date.day.to_string(),
            format!("{} {}", &month_name(date.month)[..3], date.year),
        ),
        Precision::Month => (
            month_name(date.month)[..3].to_string(),
            date.year.to_string(),
        ),
        Precision::Year => (date.year.to_string(), String::new()),
    };
    format!("<span class=\"row-day\">{big}</span><span class=\"row-month\">{small}</span>")
}

fn row_meta_html(data: &Bundle, e: &timeline_bundle::Event) -> String {
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
    if let Some(t) = e.best_tier() {
        let _ = write!(
            h,
            "<span class=\"tier-dot tier-{t}\" title=\"Best source: tier {t}\"></span>"
        );
    }
    let n = e.sources.len();
    let _ = write!(h, "{n} source{}</span>", if n == 1 { "" } else { "s" });
    h
}

#[component]
fn EventRow(
    data: crate::data::Data,
    place: Memo<Option<Place>>,
    words: Memo<timeline_bundle::Hits>,
) -> impl IntoView {
    let event = Memo::new(move |_| place.with(|p| p.map(|p| p.event as usize)));
    // Each part follows the row's event: `with_event(f)` is `f` of the event, or the
    // default while the row has none (it is being removed).
    let with_event = |f: fn(&crate::data::Data, &timeline_bundle::Event) -> String| {
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
            words.with(|h| highlight_html(&data.events[i].title, &h.words))
        })
    };
    let is_selected = move || place.with(|p| p.is_some_and(|p| p.selected));
    view! {
        <a class="event-row" href=href target=target data-position=move || place.with(|p| p.map(|p| p.number)) class:selected=is_selected
            aria-current=move || is_selected().then_some("true")>
            <time class="row-date" datetime=with_event(|_, e| e.date.to_string()) inner_html=with_event(|_, e| row_date_html(e.date))></time>
            <div class="row-main">
                <h3 class="row-title" inner_html=title_html></h3>
                <div class="row-meta" inner_html=with_event(|d, e| row_meta_html(d, e))></div>
            </div>
        </a>
    }
}
