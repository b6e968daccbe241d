//! The core: fetched whole, then decoded a slice of events at a time with a turn for the
//! browser between slices, so that a core of 100,000 events never holds the main thread
//! for long (no task over 50 ms: the reader can scroll, type and see the loading screen
//! move while it decodes).

use super::fetch;
use crate::dom::{next_task, now_ms};
use timeline_bundle::{Bundle, CoreDecoder, DecodeError};

/// How long one slice decodes before the browser gets its turn. Well under the 50 ms of a
/// long task, and long enough that the turns cost little (a turn is well under 1 ms).
const SLICE_MS: f64 = 8.0;
/// Events decoded between two looks at the clock (a few microseconds each).
const STEP: u32 = 128;

/// Fetches and decodes the core at `url`; the error says what a reader can do about it.
pub async fn load(url: &str) -> Result<Bundle, String> {
    let bytes = fetch::bytes(url).await.map_err(|e| {
        format!("The timeline's data could not be loaded ({e}). Check the connection and retry.")
    })?;
    let unreadable = |e: DecodeError| format!("The timeline's data could not be read: {e}.");
    // Gathering the bytes took a task; decoding starts in the next.
    next_task().await;
    let mut decoder = CoreDecoder::new(bytes).map_err(unreadable)?;
    loop {
        let slice = now_ms();
        while now_ms() - slice < SLICE_MS {
            if decoder.step(STEP).map_err(unreadable)? {
                let core = decoder.finish().map_err(unreadable);
                // What follows (the unfiltered list, then the first render) in tasks of
                // their own, not after the last slice.
                next_task().await;
                return core;
            }
        }
        next_task().await;
    }
}
