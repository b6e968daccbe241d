//! The corpus compiler: reads a folder of event files, checks and normalises every event,
//! and compiles the result into a [`timeline_bundle::Bundle`]. Every file found ends up in
//! exactly one place: the bundle, the rejected list (with an error), or the skipped list
//! (a folder that cannot be read is one rejected entry). Nothing outside the corpus
//! folder is read, nor anything but a regular file ([`file`]).
//!
//! The pipeline: [`check()`] ([`discover`] → [`event::read`]: decode, [`frontmatter`],
//! [`yaml`] or [`json`], field checks → duplicate ids, copies that agree apart from
//! conflicts → a corpus without events refused) → [`normalise`] (terms, Markdown
//! via [`markdown`], search index) → [`parts`] (the core, search shards, details chunks,
//! each named by its hash). [`build()`] runs it all and writes the bundle and the
//! [`site`], each source with its link's health from the corpus's `links.json`, which
//! [`links`] writes; the command line only prints what it did.

pub mod build;
pub mod check;
pub mod diagnostic;
pub mod discover;
pub mod event;
pub mod excerpt;
pub mod file;
pub mod frontmatter;
pub mod json;
pub mod links;
pub mod markdown;
pub mod normalise;
pub mod parts;
pub mod raw;
pub mod report;
pub mod settings;
pub mod site;
pub mod stats;
pub mod synth;
pub mod url;
pub mod yaml;

pub use build::build;
pub use check::{check, Checked};

/// The compiled corpus of a checked corpus, before it is cut into parts.
pub fn compile(checked: &Checked) -> normalise::Compiled {
    normalise::compile(checked.events.clone(), checked.settings.site())
}
