//! Bytes from a URL, with an error a reader can act on.

use leptos::prelude::window;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Fetches `url` (relative to the document's base) whole. The error says what failed, in
/// words: "no connection", or the server's answer ("HTTP 404").
///
/// The body is read as a stream, a chunk a task: `arrayBuffer()` would gather a core of
/// tens of megabytes in a few tasks of the browser's own, each far longer than 50 ms.
pub async fn bytes(url: &str) -> Result<Vec<u8>, String> {
    let resp: web_sys::Response = JsFuture::from(window().fetch_with_str(url))
        .await
        .map_err(|_| "no connection".to_string())?
        .unchecked_into();
    if !resp.ok() {
        return Err(format!("HTTP {}", resp.status()));
    }
    let broke = |_| "the download broke off".to_string();
    let Some(body) = resp.body() else {
        return Ok(Vec::new());
    };
    let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    // The chunks stay in JavaScript until the end, then go into one buffer of the right
    // size: growing a buffer chunk by chunk would copy a large core several times over.
    let mut chunks: Vec<js_sys::Uint8Array> = Vec::new();
    loop {
        let step = JsFuture::from(reader.read()).await.map_err(broke)?;
        let done = js_sys::Reflect::get(&step, &JsValue::from_str("done")).map_err(broke)?;
        if done.is_truthy() {
            break;
        }
        let chunk = js_sys::Reflect::get(&step, &JsValue::from_str("value")).map_err(broke)?;
        chunks.push(chunk.unchecked_into());
        crate::dom::next_task().await;
    }
    let mut out = vec![0; chunks.iter().map(|c| c.length() as usize).sum()];
    let mut at = 0;
    for chunk in chunks {
        let end = at + chunk.length() as usize;
        chunk.copy_to(&mut out[at..end]);
        at = end;
    }
    Ok(out)
}
