//! Bytes from a URL, with an error a reader can act on.

use leptos::prelude::window;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Fetches `url` (relative to the document's base) whole. The error says what failed, in
/// words: "no connection", or the server's answer ("HTTP 404").
pub async fn bytes(url: &str) -> Result<Vec<u8>, String> {
    let js = |e: wasm_bindgen::JsValue| e.as_string().unwrap_or_else(|| format!("{e:?}"));
    let resp: web_sys::Response = JsFuture::from(window().fetch_with_str(url))
        .await
        .map_err(|_| "no connection".to_string())?
        .dyn_into()
        .map_err(js)?;
    if !resp.ok() {
        return Err(format!("HTTP {}", resp.status()));
    }
    let buf = JsFuture::from(resp.array_buffer().map_err(js)?)
        .await
        .map_err(|_| "the download broke off".to_string())?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}
