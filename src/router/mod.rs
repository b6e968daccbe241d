//! The app's own router, in place of `leptos_router`, whose nested routes, matching and
//! per-route generic code were 48 kB of the app's 315 kB of gzipped WebAssembly, for five
//! flat routes: `route`, the pages that paths name, and `location`, the URL as signals and
//! the navigation.

mod location;
mod route;

pub use location::{provide_location, use_location, Location, Navigate};
pub use route::Route;
