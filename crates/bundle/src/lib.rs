//! The compiled timeline bundle, shared by the compiler that writes it and the viewer that
//! reads it: the model and its parts ([`model`]), their bytes ([`codec`]), the full-text index
//! ([`search`]), the facets ([`facet`]), the URL's filter state ([`filter`]) and the list's
//! density ([`density`]), the query engine ([`engine`]), the statistics of a set of events
//! ([`stats`]), the permalinks both sides write ([`link`]), the one sort the
//! viewer uses ([`order`]), and the markup both write ([`html`]: a list row, an event's
//! article) with the events an article links to ([`neighbours`]), and the exports a
//! reader takes away, the same in the browser and in the site's datasets ([`export`]: CSV,
//! JSON, iCalendar).
//!
//! Pure Rust with two small dependencies (serde/postcard, form_urlencoded), so it compiles
//! to a small WebAssembly module and is tested natively.

pub mod cite;
pub mod codec;
pub mod date;
pub mod density;
pub mod engine;
pub mod export;
pub mod facet;
pub mod filter;
pub mod html;
pub mod link;
pub mod model;
pub mod neighbours;
pub mod network;
pub mod order;
pub mod search;
pub mod stats;
pub mod text;

pub use codec::{
    decode_chunk, decode_core, decode_shard, encode_chunk, encode_core, encode_shard, CoreDecoder,
    DecodeError, Kind, FORMAT_VERSION,
};
pub use date::PartialDate;
pub use density::Density;
pub use engine::{evaluate, FacetCounts, Outcome, Resolved};
pub use facet::{Facet, PerFacet};
pub use filter::{Filter, Notice, Selection, Sort};
pub use model::{
    part_file, Bundle, ChunkRef, Connection, Details, Event, LinkCheck, LinkState, ShardRef, Site,
    Source, Term,
};
pub use search::{Hits, SearchIndex};
