//! Every facet of the timeline, in the order readers narrow by.

use crate::components::facet_list::{Facet, FacetList};
use crate::components::histogram::Histogram;
use crate::view_state::use_timeline;
use leptos::prelude::*;
use timeline_bundle::PartialDate;

#[component]
pub fn FilterPanel() -> impl IntoView {
    view! {
        <div class="filter-panel">
            <DateFilter/>
            <ImportanceFilter/>
            <TagMode/>
            <FacetList facet=Facet::Tags title="Tags"/>
            <FacetList facet=Facet::Actors title="Actors"/>
            <FacetList facet=Facet::Lanes title="Capture lanes"/>
            <FacetList facet=Facet::Statuses title="Status"/>
            <TierFilter/>
        </div>
    }
}

#[component]
fn DateFilter() -> impl IntoView {
    let state = use_timeline();
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
    let state = use_timeline();
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

#[component]
fn TagMode() -> impl IntoView {
    let state = use_timeline();
    let filter = state.filter;
    view! {
        <Show when=move || filter.with(|f| f.tags.len() > 1)>
            {
                let state = state.clone();
                view! {
                    <div class="tag-mode" role="radiogroup" aria-label="Tags must match">
                        <span>"Events with"</span>
                        {[(false, "any"), (true, "all")].into_iter().map(|(all, label)| {
                            let state = state.clone();
                            view! {
                                <button role="radio" class:active=move || filter.with(|f| f.all_tags == all)
                                    aria-checked=move || filter.with(|f| f.all_tags == all).to_string()
                                    on:click=move |_| state.update(false, |f| f.all_tags = all)>{label}</button>
                            }
                        }).collect_view()}
                        <span>"of the tags"</span>
                    </div>
                }
            }
        </Show>
    }
}

#[component]
fn TierFilter() -> impl IntoView {
    let state = use_timeline();
    let filter = state.filter;
    let facets = state.facets;
    const NAMES: [&str; 5] = [
        "",
        "Tier 1 · primary",
        "Tier 2 · established",
        "Tier 3 · other",
        "Tier 4 · weak",
    ];
    view! {
        <section class="facet">
            <h3>"Best source"</h3>
            <ul class="facet-values">
                {(1u8..=4).map(|t| {
                    let state = state.clone();
                    let count = move || facets.with(|f| f.tiers[t as usize]);
                    let selected = move || filter.with(|f| f.tiers.contains(&t));
                    view! {
                        <Show when=move || { count() > 0 || selected() }>
                            {
                                let state = state.clone();
                                view! {
                                    <li>
                                        <label class="facet-value" class:selected=selected>
                                            <input type="checkbox" prop:checked=selected on:change=move |_| state.update(false, |f| {
                                                if let Some(i) = f.tiers.iter().position(|x| *x == t) { f.tiers.remove(i); } else { f.tiers.push(t); }
                                            })/>
                                            <span class=format!("tier-dot tier-{t}") aria-hidden="true"></span>
                                            <span class="facet-label">{NAMES[t as usize]}</span>
                                            <span class="facet-count">{count}</span>
                                        </label>
                                    </li>
                                }
                            }
                        </Show>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
