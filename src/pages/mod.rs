//! One file per route.

pub mod cloud;
pub mod event;
pub mod not_found;
pub mod timeline;
