//! Loads the bundle the build named in the page, and shares it with every view.

use leptos::prelude::*;
use std::sync::Arc;
use timeline_bundle::Bundle;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The loaded bundle, shared through context.
#[derive(Clone)]
pub struct Data(pub Arc<Bundle>);

impl std::ops::Deref for Data {
    type Target = Bundle;
    fn deref(&self) -> &Bundle {
        &self.0
    }
}

/// The bundle, for views under the loaded app.
pub fn use_data() -> Data {
    expect_context::<Data>()
}

/// Fetches and decodes the bundle; the error says what a reader can do about it.
pub async fn load() -> Result<Data, String> {
    let started = crate::dom::now_ms();
    let name = crate::dom::meta("timeline-bundle").ok_or(
        "This page was built without its data (no bundle is named in it). Rebuild the site.",
    )?;
    let bytes = fetch(&name).await.map_err(|e| {
        format!("The timeline's data could not be loaded ({e}). Check the connection and retry.")
    })?;
    let fetched = crate::dom::now_ms();
    let bundle = timeline_bundle::decode(&bytes)
        .map_err(|e| format!("The timeline's data could not be read: {e}."))?;
    leptos::logging::log!(
        "timeline: {} events, {} bytes fetched in {} ms, decoded in {} ms",
        bundle.events.len(),
        bytes.len(),
        // Whole milliseconds as integers: float formatting would add kilobytes to the app.
        (fetched - started) as u64,
        (crate::dom::now_ms() - fetched) as u64
    );
    Ok(Data(Arc::new(bundle)))
}

async fn fetch(url: &str) -> Result<Vec<u8>, String> {
    let js = |e: wasm_bindgen::JsValue| e.as_string().unwrap_or_else(|| format!("{e:?}"));
    let resp: web_sys::Response = JsFuture::from(window().fetch_with_str(url))
        .await
        .map_err(|_| "network error".to_string())?
        .dyn_into()
        .map_err(js)?;
    if !resp.ok() {
        return Err(format!("HTTP {}", resp.status()));
    }
    let buf = JsFuture::from(resp.array_buffer().map_err(js)?)
        .await
        .map_err(js)?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}
