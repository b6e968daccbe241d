//! The app's own router, in place of `leptos_router` (whose route matching, nested views
//! and per-route generic code were about a fifth of the app's WebAssembly): `route`, the
//! pages that paths name, and `location`, the URL as signals and the navigation.

mod location;
mod route;

pub use location::{provide_location, use_location, Location, Navigate};
pub use route::Route;
