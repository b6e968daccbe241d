//! The view of each route, and the gate that shows loading and error screens until the
//! bundle is ready.

use crate::components::header::Header;
use crate::data::{self, Data};
use crate::embed::embed;
use crate::offline::{UpdateBanner, UpdateReady};
use crate::pages::{
    about::About, cloud::Cloud, event::EventPage, graph::GraphPage, not_found::NotFound,
    starred::StarredPage, stats::StatsPage, timeline::Timeline,
};
use crate::router::{provide_location, use_location, Route};
use leptos::prelude::*;
use timeline_bundle::html::footer_inner;
use timeline_bundle::Facet;

#[component]
pub fn App() -> impl IntoView {
    // The bundle's state, set by a load started here and by Retry: a signal and a task
    // rather than a resource, whose async machinery the app would carry for this alone.
    let bundle = RwSignal::new(None::<Result<Data, String>>);
    let load = move || {
        bundle.set(None);
        leptos::task::spawn_local(async move { bundle.set(Some(data::load().await)) });
    };
    load();
    let update_ready = RwSignal::new(false);
    provide_context(UpdateReady(update_ready));
    if embed().on {
        if let Some(body) = document().body() {
            let _ = body.class_list().add_1("embed");
        }
        crate::embed::start_pym_child();
    }
    provide_location();
    view! {
        {move || match bundle.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(message)) => view! { <LoadError message retry=load/> }.into_any(),
            Some(Ok(data)) => view! { <Site data/> }.into_any(),
        }}
    }
}

#[component]
fn Site(data: Data) -> impl IntoView {
    // A small corpus's search index, once the first screen is painted (a query typed
    // before has already asked for its own shards, which come first).
    let shards = data.search.clone();
    crate::dom::after_next_paint(move || shards.prefetch());
    // The worker precaches every part when it installs: registered once the first screen
    // is painted, so that its downloads never stand before the core's.
    if !embed().on {
        let ready = expect_context::<UpdateReady>().0;
        crate::dom::after_next_paint(move || crate::offline::register(ready));
    }
    provide_context(data);
    crate::stars::provide_stars();
    // The route's first screen is in the page (hidden) once this view is built: the static
    // one can go in the next frame, unless the page waits for more (an event's details).
    crate::prerender::take_over_in_next_frame();
    let embedded = embed().on;
    let route = use_location().route;
    let page = move || match route.get() {
        Route::Timeline => view! { <Timeline/> }.into_any(),
        Route::Tags => view! { <Cloud facet=Facet::Tag path="/tags"/> }.into_any(),
        Route::Actors => view! { <Cloud facet=Facet::Actor path="/actors"/> }.into_any(),
        Route::Stats => view! { <StatsPage/> }.into_any(),
        Route::Graph => view! { <GraphPage/> }.into_any(),
        Route::Event(id) => view! { <EventPage id/> }.into_any(),
        Route::About => view! { <About/> }.into_any(),
        Route::Starred => view! { <StarredPage/> }.into_any(),
        Route::NotFound => view! { <NotFound/> }.into_any(),
    };
    // The skip link moves the focus itself: followed as a link it would only change the
    // address (and below `<base href>`, `#main` is the home page's).
    let skip = |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        crate::dom::focus("#main");
    };
    view! {
        <a class="skip-link" href="#main" on:click=skip>"Skip to content"</a>
        // The page's one polite status region (`dom::announce`).
        <div id="announcer" class="visually-hidden" role="status"></div>
        {if embedded { view! { <EmbedHeader/> }.into_any() } else { view! { <Header/><UpdateBanner/> }.into_any() }}
        <main id="main" tabindex="-1">
            {page}
        </main>
        {(!embedded).then(|| view! { <Footer/> })}
    }
}

/// The slim header of an embedded view: the site's name, opening the full site.
#[component]
fn EmbedHeader() -> impl IntoView {
    let data = data::use_data();
    let location = use_location();
    let full = move || {
        crate::embed::full_site_url(&crate::links::path_and_query(
            &location.pathname.get(),
            &location.search.get(),
        ))
    };
    view! {
        <header class="embed-header">
            <span class="brand">{data.site.title.clone()}</span>
            <a href=full target="_blank" rel="noopener">
                "Open the full timeline ↗"<span class="visually-hidden">" (opens in a new tab)"</span>
            </a>
        </header>
    }
}

#[component]
fn Footer() -> impl IntoView {
    let data = data::use_data();
    let site = data.site.clone();
    view! {
        <footer class="site-footer" inner_html=footer_inner(&site, data.events.len(), &crate::links::href("/about"))></footer>
    }
}

#[component]
fn Loading() -> impl IntoView {
    view! {
        <div class="screen loading" role="status" aria-live="polite">
            <div class="spinner" aria-hidden="true"></div>
            <p>"Loading the timeline…"</p>
        </div>
    }
}

#[component]
fn LoadError(message: String, #[prop(into)] retry: Callback<()>) -> impl IntoView {
    // The reader needs the error and its Retry more than the static first screen.
    crate::prerender::take_over_in_next_frame();
    view! {
        <div class="screen error" role="alert">
            <h1>"The timeline could not load"</h1>
            <p>{message}</p>
            <button class="button" on:click=move |_| retry.run(())>"Retry"</button>
        </div>
    }
}
