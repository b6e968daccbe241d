//! The statistics of the events the current filter keeps (`/stats`): counted by
//! `timeline_bundle::stats`, as `timeline stats` counts them, and drawn by
//! `timeline_bundle::html::stats`, each bar a link to the timeline narrowed to it.

use crate::data::search::Status;
use crate::data::use_data;
use crate::filter_state::provide_filter_state;
use crate::links::narrowing;
use leptos::prelude::*;
use timeline_bundle::html::push_escaped;
use timeline_bundle::html::stats::page_inner;
use timeline_bundle::stats::Stats;

#[component]
pub fn StatsPage() -> impl IntoView {
    let data = use_data();
    let state = provide_filter_state("/stats");
    document().set_title(&format!("Statistics · {}", data.site.title));
    let inner = move || {
        // Until the search's shards are in, a search has no events: no numbers rather than
        // wrong ones.
        match state.search.get() {
            Status::Ready => {}
            Status::Loading => {
                return "<p class=\"lede\" role=\"status\">Searching…</p>".to_string()
            }
            Status::Failed(why) => {
                let mut h =
                    String::from("<p class=\"lede\" role=\"alert\">The search could not run: ");
                push_escaped(&mut h, &why);
                h.push_str("</p>");
                return h;
            }
        }
        state.outcome.with(|o| {
            state.filter.with(|f| {
                let stats = Stats::of(&data, &o.events);
                page_inner(&data, &stats, f, &|f| {
                    let link = narrowing("/", f);
                    (link.href, link.target)
                })
            })
        })
    };
    view! {
        <div class="cloud-page stats-page">
            <header class="page-header"><h1>"Statistics"</h1></header>
            <div inner_html=inner></div>
        </div>
    }
}
