//! Every facet of the timeline, in the order readers narrow by.

use crate::components::facet_list::FacetList;
use crate::components::histogram::Histogram;
use crate::dom::clicked;
use crate::filter_state::use_filter_state;
use leptos::prelude::*;
use timeline_bundle::html::push_int;
use timeline_bundle::{Facet, PartialDate};

/// The panel's sections: the dates, the importance, then one a facet.
const SECTIONS: usize = 2 + Facet::COUNT;

#[component]
pub fn FilterPanel() -> impl IntoView {
    // One section a task: the first time a list renders costs the most (its code runs for
    // the first time too), and the whole panel at once would be one long task.
    let shown = RwSignal::new(0usize);
    leptos::task::spawn_local(async move {
        for n in 1..=SECTIONS {
            crate::dom::next_task().await;
            // `try_`: the view may be gone.
            if shown.try_set(n).is_some() {
                return;
            }
        }
    });
    let from = move |n: usize| move || shown.get() >= n;
    view! {
        <div class="filter-panel">
            <Show when=from(1)><DateFilter/></Show>
            <Show when=from(2)><ImportanceFilter/></Show>
            {Facet::ALL.into_iter().enumerate().map(|(i, facet)| view! {
                <Show when=from(3 + i)>
                    {facet.all_param().map(|_| view! { <AllOrAny facet/> })}
                    <FacetList facet/>
                </Show>
            }).collect_view()}
        </div>
    }
}

#[component]
fn DateFilter() -> impl IntoView {
    let state = use_filter_state();
    let filter = state.filter;
    let error = RwSignal::new(None::<String>);
    let field = move |which: &'static str| {
        let state = state.clone();
        let value = move || {
            filter.with(|f| {
                if which == "from" { f.from } else { f.to }
                    .map(|d| d.to_string())
                    .unwrap_or_default()
            })
        };
        view! {
            <label class="date-field">
                <span>{if which == "from" { "From" } else { "To" }}</span>
                <input type="text" inputmode="numeric" placeholder="YYYY-MM-DD" size="10"
                    aria-describedby="date-help"
                    prop:value=value
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        let parsed = if v.trim().is_empty() { Ok(None) } else { PartialDate::parse(&v).map(Some) };
                        match parsed {
                            Ok(d) => {
                                error.set(None);
                                state.update(false, |f| if which == "from" { f.from = d } else { f.to = d });
                            }
                            Err(_) => error.set(Some(format!("“{v}” is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"))),
                        }
                    }/>
            </label>
        }
    };
    view! {
        <section class="facet">
            <h3>"Date"</h3>
            <Histogram/>
            <div class="date-fields">{field("from")}{field("to")}</div>
            <p id="date-help" class="help" class:error=move || error.get().is_some()>
                {move || error.get().unwrap_or_else(|| "Click a year, or drag across years.".into())}
            </p>
        </section>
    }
}

#[component]
fn ImportanceFilter() -> impl IntoView {
    let state = use_filter_state();
    let filter = state.filter;
    let facets = state.facets;
    // The choices as one piece of markup, each button's choice in its `data-min` (0: any).
    let buttons = Memo::new(move |_| {
        let chosen = filter.with(|f| f.min_importance);
        facets.with(|f| {
            let mut h = String::new();
            for m in [None, Some(5), Some(7), Some(8), Some(9), Some(10)] {
                h.push_str("<button role=\"radio\" aria-checked=\"");
                h.push_str(if chosen == m {
                    "true\" class=\"active"
                } else {
                    "false"
                });
                h.push_str("\" data-min=\"");
                push_int(&mut h, u64::from(m.unwrap_or(0)));
                h.push_str("\" title=\"");
                match m {
                    None => h.push_str("Any importance\">Any"),
                    Some(m) => {
                        push_int(
                            &mut h,
                            u64::from(f.importance[m as usize..].iter().sum::<u32>()),
                        );
                        h.push_str(" events of importance ");
                        push_int(&mut h, u64::from(m));
                        h.push_str(" or more\">");
                        push_int(&mut h, u64::from(m));
                        if m < 10 {
                            h.push('+');
                        }
                    }
                }
                h.push_str("</button>");
            }
            h
        })
    });
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(m) = clicked(&ev, "data-min") else {
            return;
        };
        let m = m.parse::<u8>().ok().filter(|&m| m > 0);
        state.update(false, |f| f.min_importance = m);
    };
    view! {
        <section class="facet">
            <h3 id="importance-label">"Importance"</h3>
            <div class="segmented" role="radiogroup" aria-labelledby="importance-label"
                inner_html=buttons on:click=on_click></div>
        </section>
    }
}

/// Whether events need any or all of a facet's chosen values, once two are chosen: an
/// empty block until then.
#[component]
fn AllOrAny(facet: Facet) -> impl IntoView {
    let state = use_filter_state();
    let filter = state.filter;
    let inner = Memo::new(move |_| {
        filter.with(|f| {
            let chosen = &f.facets[facet];
            let mut h = String::new();
            if chosen.keys.len() < 2 {
                return h;
            }
            h.push_str("<div class=\"tag-mode\" role=\"radiogroup\" aria-label=\"");
            h.push_str(facet.title());
            h.push_str(" must match\"><span>Events with</span>");
            for (all, label) in [(false, "any"), (true, "all")] {
                h.push_str("<button role=\"radio\"");
                if chosen.all == all {
                    h.push_str(" class=\"active\" aria-checked=\"true\"");
                } else {
                    h.push_str(" aria-checked=\"false\"");
                }
                h.push_str(" data-all=\"");
                h.push_str(label);
                h.push_str("\">");
                h.push_str(label);
                h.push_str("</button>");
            }
            h.push_str("<span>of the ");
            h.push_str(facet.noun());
            h.push_str("</span></div>");
            h
        })
    });
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if let Some(all) = clicked(&ev, "data-all") {
            state.update(false, |f| f.facets[facet].all = all == "all");
        }
    };
    view! { <div inner_html=inner on:click=on_click></div> }
}
