//! Offline use: registers the service worker the build wrote (`sw.js`), and says when a
//! new deploy is ready. The new version takes over only when the reader clicks "Reload"
//! (or on the next visit), so a page never runs with two versions' files.

use crate::links::href;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// True once a new version is installed and waiting.
#[derive(Clone, Copy)]
pub struct UpdateReady(pub RwSignal<bool>);

pub fn register(ready: RwSignal<bool>) {
    let navigator = window().navigator();
    // Absent in some sandboxed or insecure contexts: then the site simply stays online-only.
    if !js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false) {
        return;
    }
    let container = navigator.service_worker();
    let options = web_sys::RegistrationOptions::new();
    options.set_scope(&href("/"));
    let promise = container.register_with_options(&href("/sw.js"), &options);
    let has_controller = container.controller().is_some();
    leptos::task::spawn_local(async move {
        let Ok(reg) = wasm_bindgen_futures::JsFuture::from(promise).await else {
            return;
        };
        // Where workers are blocked (a browser driven with them switched off) the
        // registration may come back as nothing.
        if !reg.is_object() {
            return;
        }
        let reg: web_sys::ServiceWorkerRegistration = reg.unchecked_into();
        if reg.waiting().is_some() && has_controller {
            ready.set(true);
        }
        let watched = reg.clone();
        let on_update = Closure::<dyn Fn()>::new(move || {
            let Some(worker) = watched.installing() else {
                return;
            };
            let w = worker.clone();
            let on_state = Closure::<dyn Fn()>::new(move || {
                let controlled = window().navigator().service_worker().controller().is_some();
                if w.state() == web_sys::ServiceWorkerState::Installed && controlled {
                    ready.set(true);
                }
            });
            worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
        });
        reg.set_onupdatefound(Some(on_update.as_ref().unchecked_ref()));
        on_update.forget();
    });
}

/// Asks the waiting worker to take over, then reloads once it has.
pub fn apply_update() {
    let container = window().navigator().service_worker();
    let reload = Closure::<dyn Fn()>::new(|| {
        let _ = window().location().reload();
    });
    container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
    reload.forget();
    leptos::task::spawn_local(async move {
        let Ok(reg) = wasm_bindgen_futures::JsFuture::from(
            container
                .ready()
                .unwrap_or_else(|_| js_sys::Promise::resolve(&JsValue::NULL)),
        )
        .await
        else {
            return;
        };
        let reg: web_sys::ServiceWorkerRegistration = reg.unchecked_into();
        match reg.waiting() {
            Some(worker) => {
                let _ = worker.post_message(&JsValue::from_str("skip-waiting"));
            }
            None => {
                let _ = window().location().reload();
            }
        }
    });
}

#[component]
pub fn UpdateBanner() -> impl IntoView {
    let ready = expect_context::<UpdateReady>().0;
    let inner = Memo::new(move |_| {
        if ready.get() {
            "<div class=\"update-banner\" role=\"status\"><span>A new version of this timeline is \
             ready.</span><button class=\"button\">Reload</button><button class=\"icon-button\" \
             aria-label=\"Later\">✕</button></div>"
        } else {
            ""
        }
    });
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if crate::dom::closest(&ev, ".button").is_some() {
            apply_update();
        } else if crate::dom::closest(&ev, ".icon-button").is_some() {
            ready.set(false);
        }
    };
    view! { <div inner_html=inner on:click=on_click></div> }
}
