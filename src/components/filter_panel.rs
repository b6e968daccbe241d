//! Every facet of the timeline, in the order readers narrow by.

use crate::components::facet_list::FacetList;
use crate::components::histogram::Histogram;
use crate::filter_state::use_filter_state;
use leptos::prelude::*;
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
    let at_least = move |m: u8| facets.with(|f| f.importance[m as usize..].iter().sum::<u32>());
    let options: Vec<Option<u8>> = vec![None, Some(5), Some(7), Some(8), Some(9), Some(10)];
    view! {
        <section class="facet">
            <h3 id="importance-label">"Importance"</h3>
            <div class="segmented" role="radiogroup" aria-labelledby="importance-label">
                {options.into_iter().map(|m| {
                    let state = state.clone();
                    let label = m.map_or("Any".to_string(), |m| if m == 10 { "10".into() } else { format!("{m}+") });
                    let checked = move || filter.with(|f| f.min_importance == m);
                    view! {
                        <button role="radio" aria-checked=move || checked().to_string() class:active=checked
                            title=move || m.map_or(String::from("Any importance"), |m| format!("{} events of importance {m} or more", at_least(m)))
                            on:click=move |_| state.update(false, |f| f.min_importance = m)>
                            {label}
                        </button>
                    }
                }).collect_view()}
            </div>
        </section>
    }
}

/// Whether events need any or all of a facet's chosen values, once two are chosen.
#[component]
fn AllOrAny(facet: Facet) -> impl IntoView {
    let state = use_filter_state();
    let filter = state.filter;
    view! {
        <Show when=move || filter.with(|f| f.facets[facet].keys.len() > 1)>
            {
                let state = state.clone();
                view! {
                    <div class="tag-mode" role="radiogroup" aria-label=format!("{} must match", facet.title())>
                        <span>"Events with"</span>
                        {[(false, "any"), (true, "all")].into_iter().map(|(all, label)| {
                            let state = state.clone();
                            let chosen = move || filter.with(|f| f.facets[facet].all == all);
                            view! {
                                <button role="radio" class:active=chosen
                                    aria-checked=move || chosen().to_string()
                                    on:click=move |_| state.update(false, |f| f.facets[facet].all = all)>{label}</button>
                            }
                        }).collect_view()}
                        <span>{format!("of the {}", facet.noun())}</span>
                    </div>
                }
            }
        </Show>
    }
}
