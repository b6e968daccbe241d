//! The route table, and the gate that shows loading and error screens until the bundle
//! is ready.

use crate::components::header::Header;
use crate::data::{self, Data};
use crate::pages::{
    cloud::Cloud, cloud::CloudKind, event::EventPage, not_found::NotFound, timeline::Timeline,
};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    let bundle = LocalResource::new(data::load);
    view! {
        <Router base=crate::state::base()>
            {move || match bundle.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(message)) => view! { <LoadError message retry=move || bundle.refetch()/> }.into_any(),
                Some(Ok(data)) => {
                    provide_context(data.clone());
                    view! { <Site data/> }.into_any()
                }
            }}
        </Router>
    }
}

#[component]
fn Site(data: Data) -> impl IntoView {
    provide_context(data.clone());
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <Header/>
        <main id="main" tabindex="-1">
            <Routes fallback=|| view! { <NotFound/> }>
                <Route path=path!("/") view=Timeline/>
                <Route path=path!("/tags") view=|| view! { <Cloud kind=CloudKind::Tags/> }/>
                <Route path=path!("/actors") view=|| view! { <Cloud kind=CloudKind::Actors/> }/>
                <Route path=path!("/event/:id") view=EventPage/>
            </Routes>
        </main>
        <Footer/>
    }
}

#[component]
fn Footer() -> impl IntoView {
    let data = data::use_data();
    let site = data.site.clone();
    view! {
        <footer class="site-footer">
            <p>
                {format!("{} events", crate::pages::timeline::format_count(data.events.len()))}
                {(!site.license.is_empty()).then(|| format!(" · Data licensed {}", site.license))}
            </p>
            {(!site.attribution_html.is_empty()).then(|| view! { <div class="attribution" inner_html=site.attribution_html.clone()></div> })}
        </footer>
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
    view! {
        <div class="screen error" role="alert">
            <h1>"The timeline could not load"</h1>
            <p>{message}</p>
            <button class="button" on:click=move |_| retry.run(())>"Retry"</button>
        </div>
    }
}
