//! The actor network of the events the current filter keeps (`/graph`): counted by
//! `timeline_bundle::network`, laid out there (the same filter, the same picture) and
//! drawn by `timeline_bundle::html::network` as one piece of markup. The state a reader
//! would share — how many actors, which are chosen, the table's order — is in the URL
//! (`NetworkView`); zoom and pan are not (as a list's scroll is not). Zooming draws the
//! figure again at the new scale rather than scaling it, so names keep their size and more
//! of them find room as the reader zooms in.

use crate::data::search::Status;
use crate::data::use_data;
use crate::filter_state::provide_filter_state;
use crate::links::{base, event_href, href_with_filter, narrowing, path_and_query};
use crate::router::{use_location, Navigate};
use leptos::html::Div;
use leptos::prelude::*;
use std::sync::Arc;
use timeline_bundle::html::network::{figure_svg, pairs_inner, panel_inner, Links, Page, Screen};
use timeline_bundle::html::{count_of, push_count, push_escaped};
use timeline_bundle::network::layout::{radius, Frame, Layout};
use timeline_bundle::network::view::NetworkView;
use timeline_bundle::network::Network;
use timeline_bundle::Filter;
use wasm_bindgen::JsCast;

/// A piece of the page's markup, drawn again when what it reads changes.
type Markup = Box<dyn Fn() -> String + Send + Sync>;

/// The figure's zoom (1 fits the frame to the figure) and pan (pixels).
#[derive(Clone, Copy, PartialEq)]
struct Zoom {
    scale: f64,
    x: f64,
    y: f64,
}

const NO_ZOOM: Zoom = Zoom {
    scale: 1.0,
    x: 0.0,
    y: 0.0,
};
const STEP: f64 = 1.25;
/// Pixels an arrow key pans.
const PAN: f64 = 40.0;

impl Zoom {
    /// Zoomed by `factor` about the point `(qx, qy)` of the figure, within 0.5× to 8×.
    fn about(self, factor: f64, qx: f64, qy: f64) -> Zoom {
        // max/min rather than `clamp`, whose check of its bounds would bring float
        // formatting (kilobytes) into the WebAssembly.
        #[allow(clippy::manual_clamp)]
        let scale = (self.scale * factor).max(0.5).min(8.0);
        let f = scale / self.scale;
        Zoom {
            scale,
            x: qx - (qx - self.x) * f,
            y: qy - (qy - self.y) * f,
        }
    }
}

/// The pointers down on the figure, for a drag (one) or a pinch (two).
#[derive(Default)]
struct Pointers {
    down: Vec<(i32, f64, f64)>,
    /// Moved far enough since going down to be a drag: the click that ends it is no choice.
    dragged: bool,
}

#[component]
pub fn GraphPage() -> impl IntoView {
    let data = use_data();
    let state = provide_filter_state("/graph");
    let location = use_location();
    document().set_title(&format!("Actor network · {}", data.site.title));
    let view = Memo::new(move |_| location.search.with(|s| NetworkView::of_query(s)));
    let top = Memo::new(move |_| view.with(|v| v.top));
    // The figure's width in pixels, measured once mounted and on every resize, and the
    // frame of that width, set only when it changes (it calls for a new layout).
    let figure_ref = NodeRef::<Div>::new();
    let width = RwSignal::new(0.0f64);
    let frame = RwSignal::new(None::<Frame>);
    let measure = move || {
        if let Some(el) = figure_ref.get_untracked() {
            let w = f64::from(el.client_width());
            width.set(w);
            let f = Some(Frame::for_width(w));
            if frame.get_untracked() != f {
                frame.set(f);
            }
        }
    };
    figure_ref.on_load(move |_| crate::dom::after_next_paint(measure));
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());
    // The network of the filtered events: made again when they or the number of actors
    // change, not when the reader chooses an actor.
    let network = {
        let data = data.clone();
        Memo::new(move |_| {
            state
                .outcome
                .with(|o| Network::of(&data, &o.events, top.get()))
        })
    };
    // The network the figure draws, with its layout: laid out a few rounds a task (about
    // 300,000 steps, some milliseconds), so that 200 actors never hold the page; the last
    // picture stays until the next is ready. No layout until the figure is measured.
    let laid = RwSignal::new(None::<Arc<(Network, Vec<(f64, f64)>)>>);
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        let net = network.get();
        let Some(frame) = frame.get() else {
            return;
        };
        let this = generation.get_value() + 1;
        generation.set_value(this);
        leptos::task::spawn_local(async move {
            let mut run = Layout::new(&net, frame);
            let slice = Layout::rounds_for(&net, 300_000);
            while !run.rounds(&net, slice) {
                crate::dom::next_task().await;
                // A newer layout was started (another filter, another width): this one
                // is of no use.
                if generation.try_get_value() != Some(this) {
                    return;
                }
            }
            let at = run.finish();
            laid.try_set(Some(Arc::new((net, at))));
        });
    });
    let zoom = RwSignal::new(NO_ZOOM);
    let pointers = StoredValue::new(Pointers::default());

    let timeline = |f: &Filter| {
        let link = narrowing("/", f);
        (link.href, link.target)
    };
    let event = |id: &str| event_href(id);
    // Each piece of markup from the same page description.
    let with_page = {
        let data = data.clone();
        move |net: &Network, draw: &dyn Fn(&Page) -> String| -> String {
            state.outcome.with(|o| {
                state.filter.with(|filter| {
                    // This page's href with its filter, made once for every link drawn.
                    let here = href_with_filter("/graph", filter);
                    let view_link = |v: &NetworkView| in_view(&here, v);
                    view.with(|v| {
                        draw(&Page {
                            bundle: &data,
                            net,
                            events: &o.events,
                            filter,
                            view: v,
                            links: Links {
                                timeline: &timeline,
                                view: &view_link,
                                event: &event,
                            },
                        })
                    })
                })
            })
        }
    };
    let searching = move || -> Option<String> {
        match state.search.get() {
            Status::Ready => None,
            Status::Loading => Some("<p class=\"lede\" role=\"status\">Searching…</p>".into()),
            Status::Failed(why) => {
                let mut h =
                    String::from("<p class=\"lede\" role=\"alert\">The search could not run: ");
                push_escaped(&mut h, &why);
                h.push_str("</p>");
                Some(h)
            }
        }
    };
    // Every piece of markup is of one type, so that `inner_html` is one copy of its code.
    let figure: Markup = {
        let with_page = with_page.clone();
        Box::new(move || {
            let Some(frame) = frame.get() else {
                return String::new();
            };
            if searching().is_some() {
                return String::new();
            }
            let w = width.get();
            let s0 = w / frame.width;
            let z = zoom.get();
            laid.with(|laid| {
                let Some(laid) = laid else {
                    return String::new();
                };
                let (net, at) = &**laid;
                with_page(net, &|page| {
                    let max = page.net.nodes.first().map_or(1, |n| n.events);
                    let grow = z.scale.sqrt();
                    let on_screen: Vec<(f64, f64)> = (at.iter())
                        .map(|&(x, y)| (x * s0 * z.scale + z.x, y * s0 * z.scale + z.y))
                        .collect();
                    let radii: Vec<f64> = (page.net.nodes.iter())
                        .map(|n| radius(n.events, max) * s0.max(0.75) * grow)
                        .collect();
                    figure_svg(
                        page,
                        &Screen {
                            width: w,
                            height: (frame.height * s0).round(),
                            at: &on_screen,
                            radii: &radii,
                        },
                    )
                })
            })
        })
    };
    let panel: Markup = {
        let with_page = with_page.clone();
        Box::new(move || {
            searching().unwrap_or_else(|| network.with(|net| with_page(net, &panel_inner)))
        })
    };
    let pairs: Markup = Box::new(move || {
        if searching().is_some() {
            String::new()
        } else {
            network.with(|net| with_page(net, &pairs_inner))
        }
    });
    let summary: Markup = Box::new(move || {
        let (nodes, hidden, edges) = network.with(|n| (n.nodes.len(), n.hidden, n.edges.len()));
        let events = state.outcome.with(|o| o.events.len());
        let mut h = String::from("The ");
        push_count(&mut h, nodes);
        h.push_str(" actors");
        if hidden > 0 {
            h.push_str(" (of ");
            push_count(&mut h, nodes + hidden);
            h.push(')');
        }
        h.push_str(" most named in ");
        h.push_str(&count_of(events, "event", "events"));
        if state.filter.with(|f| f.is_narrowed()) {
            h.push_str(" of the current filter");
        }
        h.push_str("; ");
        push_count(&mut h, edges);
        h.push_str(" pairs share events. A line's width is how many.");
        h
    });

    // Choosing: a node is an SVG link, which the app's router leaves alone; its click
    // (or Enter) is followed here, Shift adding the actor to those chosen.
    let on_click = move |ev: web_sys::MouseEvent| {
        if pointers.with_value(|p| p.dragged) {
            pointers.update_value(|p| p.dragged = false);
            ev.prevent_default();
            ev.stop_propagation();
            return;
        }
        let Some(node) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a.node").ok().flatten())
        else {
            return;
        };
        if ev.ctrl_key() || ev.meta_key() {
            return;
        }
        let attribute = if ev.shift_key() { "data-add" } else { "href" };
        let Some(href) = node.get_attribute(attribute) else {
            return;
        };
        ev.prevent_default();
        ev.stop_propagation();
        let key = node.get_attribute("data-key").unwrap_or_default();
        let route = href.strip_prefix(base()).unwrap_or(&href).to_string();
        location.navigate(
            &route,
            Navigate {
                replace: false,
                scroll: false,
            },
        );
        refocus(figure_ref, key);
    };
    let zoom_by = move |factor: f64| {
        let w = width.get_untracked();
        let Some(frame) = frame.get_untracked() else {
            return;
        };
        let h = frame.height * w / frame.width;
        zoom.update(|z| *z = z.about(factor, w / 2.0, h / 2.0));
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let z = zoom.get_untracked();
        let next = match ev.key().as_str() {
            "+" | "=" => {
                zoom_by(STEP);
                None
            }
            "-" | "_" => {
                zoom_by(1.0 / STEP);
                None
            }
            "0" => Some(NO_ZOOM),
            "ArrowLeft" => Some(Zoom { x: z.x + PAN, ..z }),
            "ArrowRight" => Some(Zoom { x: z.x - PAN, ..z }),
            "ArrowUp" => Some(Zoom { y: z.y + PAN, ..z }),
            "ArrowDown" => Some(Zoom { y: z.y - PAN, ..z }),
            _ => return,
        };
        ev.prevent_default();
        if let Some(next) = next {
            zoom.set(next);
        }
        // The figure is drawn again: the focused node keeps the focus.
        let focused = document()
            .active_element()
            .and_then(|el| el.get_attribute("data-key"));
        if let Some(key) = focused {
            refocus(figure_ref, key);
        }
    };
    let at_pointer = move |x: i32, y: i32| -> (f64, f64) {
        figure_ref.get_untracked().map_or((0.0, 0.0), |el| {
            let r = el.get_bounding_client_rect();
            (f64::from(x) - r.left(), f64::from(y) - r.top())
        })
    };
    let on_wheel = move |ev: web_sys::WheelEvent| {
        ev.prevent_default();
        let (qx, qy) = at_pointer(ev.client_x(), ev.client_y());
        let factor = if ev.delta_y() < 0.0 { STEP } else { 1.0 / STEP };
        zoom.update(|z| *z = z.about(factor, qx, qy));
    };
    let on_down = move |ev: web_sys::PointerEvent| {
        let (x, y) = at_pointer(ev.client_x(), ev.client_y());
        pointers.update_value(|p| {
            p.down.retain(|d| d.0 != ev.pointer_id());
            p.down.push((ev.pointer_id(), x, y));
            if p.down.len() == 1 {
                p.dragged = false;
            }
        });
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        let (x, y) = at_pointer(ev.client_x(), ev.client_y());
        let id = ev.pointer_id();
        let change = pointers.try_update_value(|p| {
            let i = p.down.iter().position(|d| d.0 == id)?;
            let (_, px, py) = p.down[i];
            let change = if p.down.len() >= 2 {
                // A pinch: the scale by the change of the two pointers' distance, about
                // their middle.
                let (_, ox, oy) = p.down[1 - i.min(1)];
                let before = ((px - ox).powi(2) + (py - oy).powi(2)).sqrt();
                let after = ((x - ox).powi(2) + (y - oy).powi(2)).sqrt();
                (before > 1.0).then(|| (after / before, (x + ox) / 2.0, (y + oy) / 2.0, 0.0, 0.0))
            } else if p.dragged || (x - px).abs() + (y - py).abs() > 4.0 {
                p.dragged = true;
                Some((1.0, 0.0, 0.0, x - px, y - py))
            } else {
                return None;
            };
            p.down[i] = (id, x, y);
            p.dragged = true;
            change
        });
        if let Some(Some((factor, qx, qy, dx, dy))) = change {
            if let Some(el) = figure_ref.get_untracked() {
                let _ = el.set_pointer_capture(id);
            }
            zoom.update(|z| {
                let moved = Zoom {
                    x: z.x + dx,
                    y: z.y + dy,
                    ..*z
                };
                *z = if factor == 1.0 {
                    moved
                } else {
                    moved.about(factor, qx, qy)
                };
            });
        }
    };
    let on_up = move |ev: web_sys::PointerEvent| {
        pointers.update_value(|p| p.down.retain(|d| d.0 != ev.pointer_id()));
    };
    let shown = move |n: usize| move || top.get() == n;
    let on_top = move |ev: leptos::ev::Event| {
        let n: usize = event_target_value(&ev).parse().unwrap_or(50);
        let v = NetworkView {
            top: n,
            ..view.get_untracked()
        };
        let href = state
            .filter
            .with_untracked(|f| in_view(&href_with_filter("/graph", f), &v));
        let route = href.strip_prefix(base()).unwrap_or(&href).to_string();
        zoom.set(NO_ZOOM);
        location.navigate(
            &route,
            Navigate {
                replace: false,
                scroll: false,
            },
        );
    };
    view! {
        <div class="graph-page">
            <header class="page-header">
                <h1>"Actor network"</h1>
                <p class="lede" inner_html=summary></p>
            </header>
            <div class="graph-toolbar">
                <label>"Actors shown "
                    <select on:change=on_top>
                        <option value="25" prop:selected=shown(25)>"25"</option>
                        <option value="50" prop:selected=shown(50)>"50"</option>
                        <option value="100" prop:selected=shown(100)>"100"</option>
                        <option value="200" prop:selected=shown(200)>"200"</option>
                    </select>
                </label>
                <span class="zoom" role="group" aria-label="Zoom">
                    <button type="button" class="button small" aria-label="Zoom in" on:click=move |_| zoom_by(STEP)>"+"</button>
                    <button type="button" class="button small" aria-label="Zoom out" on:click=move |_| zoom_by(1.0 / STEP)>"−"</button>
                    <button type="button" class="button small" on:click=move |_| zoom.set(NO_ZOOM)>"Reset"</button>
                </span>
                <span class="muted hint">"Drag to pan, wheel or pinch to zoom; on the figure, arrows pan and + − 0 zoom."</span>
            </div>
            <div class="graph-body">
                <div class="graph-figure" node_ref=figure_ref tabindex="0"
                    aria-label="The network figure: Tab moves through its actors, arrows pan, plus and minus zoom"
                    on:click=on_click on:keydown=on_key on:wheel=on_wheel
                    on:pointerdown=on_down on:pointermove=on_move on:pointerup=on_up on:pointercancel=on_up
                    inner_html=figure></div>
                <aside class="graph-panel" inner_html=panel></aside>
            </div>
            <section class="graph-pairs" aria-labelledby="pairs-heading">
                <h2 id="pairs-heading">"Pairs of actors"</h2>
                <div class="pairs-scroll" inner_html=pairs></div>
            </section>
        </div>
    }
}

/// `here` (this page's href with its filter) in the view state `v`.
fn in_view(here: &str, v: &NetworkView) -> String {
    let (path, query) = here.split_once('?').unwrap_or((here, ""));
    path_and_query(path, &v.in_query(query))
}

/// Gives the focus back to node `key` once the figure has been drawn again.
fn refocus(figure: NodeRef<Div>, key: String) {
    request_animation_frame(move || {
        let Some(el) = figure.get_untracked() else {
            return;
        };
        let mut selector = String::from("a[data-key=\"");
        selector.push_str(&key.replace(['"', '\\'], ""));
        selector.push_str("\"]");
        if let Ok(Some(node)) = el.query_selector(&selector) {
            // An SVG element has `focus` as an HTML element has (no binding of its own).
            let _ = node.unchecked_ref::<web_sys::HtmlElement>().focus();
        }
    });
}
