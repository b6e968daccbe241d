//! One file per route.

pub mod about;
pub mod cloud;
pub mod event;
pub mod graph;
pub mod not_found;
pub mod starred;
pub mod stats;
pub mod timeline;
