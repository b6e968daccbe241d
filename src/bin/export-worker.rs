//! The export worker: writes an export's CSV, JSON or ICS file off the page's thread, in a
//! wasm of its own that the page loads when a reader first exports. The writers are a
//! tenth of the app's size and most readers never use them, so the app does not carry them
//! (Trunk builds this binary as a `data-type="worker"` asset; see `index.html`).
//!
//! The exchange, in plain JavaScript objects (`src/components/export_menu.rs` is the page's
//! side): the worker says `{ready: true}` once it listens; the page posts one job,
//! `{core, events, format, root, today, stamp}`; the worker answers `{progress: "…"}` as it
//! fetches the details chunks, then `{file: Blob, name}` or `{error: "…"}`. The page ends
//! the worker after one job, which frees the memory a large view's chunks took.

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::start();
}

#[cfg(target_arch = "wasm32")]
mod worker {
    use js_sys::{Array, Object, Reflect, Uint32Array, Uint8Array};
    use std::sync::Arc;
    use timeline_bundle::export::{self, Item};
    use timeline_bundle::html::push_int;
    use timeline_bundle::{decode_chunk, decode_core, part_file, Details, Kind};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{Blob, BlobPropertyBag, DedicatedWorkerGlobalScope, MessageEvent, Response};

    #[derive(Clone, Copy)]
    enum Format {
        Csv,
        Json,
        Ics,
    }

    impl Format {
        fn of(key: &str) -> Option<Format> {
            match key {
                "csv" => Some(Format::Csv),
                "json" => Some(Format::Json),
                "ics" => Some(Format::Ics),
                _ => None,
            }
        }

        fn ext(self) -> &'static str {
            match self {
                Format::Csv => "csv",
                Format::Json => "json",
                Format::Ics => "ics",
            }
        }

        fn mime(self) -> &'static str {
            match self {
                Format::Csv => "text/csv;charset=utf-8",
                Format::Json => "application/json",
                Format::Ics => "text/calendar;charset=utf-8",
            }
        }
    }

    fn scope() -> DedicatedWorkerGlobalScope {
        js_sys::global().unchecked_into()
    }

    /// Listens for the page's job, then tells the page it may post it (a message that came
    /// before the listener would be lost: the wasm starts after the worker's script has).
    pub fn start() {
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|ev: MessageEvent| {
            wasm_bindgen_futures::spawn_local(async move {
                let answer = match run(&ev.data()).await {
                    Ok((file, name)) => message(&[("file", file.into()), ("name", name.into())]),
                    Err(why) => message(&[("error", why.into())]),
                };
                let _ = scope().post_message(&answer);
            });
        });
        scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The worker lives as long as its listener: until the page ends it.
        on_message.forget();
        let _ = scope().post_message(&message(&[("ready", JsValue::TRUE)]));
    }

    fn message(fields: &[(&str, JsValue)]) -> JsValue {
        let object = Object::new();
        for (key, value) in fields {
            let _ = Reflect::set(&object, &JsValue::from_str(key), value);
        }
        object.into()
    }

    fn field(job: &JsValue, key: &str) -> JsValue {
        Reflect::get(job, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    }

    fn text(job: &JsValue, key: &str) -> Result<String, String> {
        field(job, key)
            .as_string()
            .ok_or_else(|| format!("the page sent no {key}"))
    }

    /// One job: the file and its name, or why there is none.
    async fn run(job: &JsValue) -> Result<(Blob, String), String> {
        let format =
            Format::of(&text(job, "format")?).ok_or("the page asked for no known format")?;
        let core_url = text(job, "core")?;
        let root = text(job, "root")?;
        let stamp = text(job, "stamp")?;
        let events: Vec<u32> = field(job, "events")
            .dyn_into::<Uint32Array>()
            .map_err(|_| "the page sent no events".to_string())?
            .to_vec();
        let today: Vec<u32> = field(job, "today")
            .dyn_into::<Uint32Array>()
            .map(|d| d.to_vec())
            .unwrap_or_default();
        let unreadable = |e: timeline_bundle::DecodeError| {
            format!("the data could not be read ({e}): reload the page")
        };
        let core = decode_core(&bytes(&core_url).await?).map_err(unreadable)?;
        let folder = &core_url[..core_url.rfind('/').map_or(0, |i| i + 1)];
        let events: Vec<u32> = events
            .into_iter()
            .filter(|&n| (n as usize) < core.events.len())
            .collect();

        // The chunks the events are in, in chunk order, each fetched once.
        let mut needed = vec![false; core.chunks.len()];
        for &n in &events {
            needed[core.chunk_of(n)] = true;
        }
        let total = needed.iter().filter(|&&n| n).count();
        let mut chunks: Vec<Option<Arc<Vec<Details>>>> = vec![None; core.chunks.len()];
        let mut done = 0;
        for i in (0..needed.len()).filter(|&i| needed[i]) {
            done += 1;
            if total > 1 {
                let mut s = String::from("Preparing the export… part ");
                push_int(&mut s, done);
                s.push_str(" of ");
                push_int(&mut s, total as u64);
                let _ = scope().post_message(&message(&[("progress", s.into())]));
            }
            let url = [
                folder,
                &part_file(Kind::Details.name(), core.chunks[i].hash),
            ]
            .concat();
            let chunk = decode_chunk(&bytes(&url).await?, core.chunk_events(i).len())
                .map_err(unreadable)?;
            chunks[i] = Some(Arc::new(chunk));
        }

        let links: Vec<String> = events
            .iter()
            .map(|&n| {
                [
                    &*root,
                    &timeline_bundle::link::event_path(&core.events[n as usize].id),
                ]
                .concat()
            })
            .collect();
        let items: Vec<Item> = events
            .iter()
            .zip(&links)
            .filter_map(|(&n, permalink)| {
                let i = core.chunk_of(n);
                Some(Item {
                    number: n,
                    event: &core.events[n as usize],
                    details: chunks[i]
                        .as_ref()?
                        .get((n - core.chunks[i].first) as usize)?,
                    permalink,
                })
            })
            .collect();
        let written = match format {
            Format::Csv => export::csv(&core, &items),
            Format::Json => export::json(&core, &items),
            Format::Ics => export::ics(&core, &items, &stamp),
        };
        let options = BlobPropertyBag::new();
        options.set_type(format.mime());
        let file = Blob::new_with_str_sequence_and_options(&Array::of1(&written.into()), &options)
            .map_err(|_| "the browser could not hold the file".to_string())?;
        let &[year, month, day] = today.as_slice() else {
            return Err("the page sent no date".into());
        };
        let name = export::file_name(&core.site.title, year as i32, month, day, format.ext());
        Ok((file, name))
    }

    /// The body at `url`, whole; the error says what failed.
    async fn bytes(url: &str) -> Result<Vec<u8>, String> {
        let offline = |_| "no connection".to_string();
        let resp: Response = JsFuture::from(scope().fetch_with_str(url))
            .await
            .map_err(offline)?
            .unchecked_into();
        if !resp.ok() {
            return Err(format!("HTTP {} for a part of the data", resp.status()));
        }
        let body = JsFuture::from(resp.array_buffer().map_err(offline)?)
            .await
            .map_err(|_| "the download broke off".to_string())?;
        Ok(Uint8Array::new(&body).to_vec())
    }
}
