//! The web app manifest (`manifest.webmanifest`): the name, colours and icons a browser
//! needs to install the site as an app.

use super::json_str;
use crate::build::{Output, OutputError};
use timeline_bundle::Bundle;

/// Writes `manifest.webmanifest`; `base` is the site's base path.
pub(super) fn write(output: &mut Output, bundle: &Bundle, base: &str) -> Result<(), OutputError> {
    output.write("manifest.webmanifest", manifest(bundle, base).as_bytes())
}

fn manifest(bundle: &Bundle, base: &str) -> String {
    let site = &bundle.site;
    let short: String = site.title.chars().take(12).collect();
    let url = |path: &str| json_str(&format!("{base}{path}"));
    format!(
        "{{\n  \"name\": {},\n  \"short_name\": {},\n  \"description\": {},\n  \"start_url\": {},\n  \"scope\": {},\n  \
         \"display\": \"standalone\",\n  \"background_color\": \"#f7f5f0\",\n  \"theme_color\": \"#8a2d1f\",\n  \"icons\": [\n    \
         {{\"src\": {}, \"sizes\": \"192x192\", \"type\": \"image/png\"}},\n    \
         {{\"src\": {}, \"sizes\": \"512x512\", \"type\": \"image/png\"}},\n    \
         {{\"src\": {}, \"sizes\": \"512x512\", \"type\": \"image/png\", \"purpose\": \"maskable\"}},\n    \
         {{\"src\": {}, \"sizes\": \"any\", \"type\": \"image/svg+xml\"}}\n  ]\n}}\n",
        json_str(&site.title),
        json_str(&short),
        json_str(&site.description),
        url(""),
        url(""),
        url("assets/icon-192.png"),
        url("assets/icon-512.png"),
        url("assets/icon-512.png"),
        url("assets/icon.svg"),
    )
}
