//! The web app manifest (`manifest.webmanifest`): the name, colours and icons a browser
//! needs to install the site as an app.

use super::json_str;
use std::io;
use std::path::Path;
use timeline_bundle::Bundle;

/// Writes `manifest.webmanifest`; `base` is the site's base path.
pub(super) fn write(out: &Path, bundle: &Bundle, base: &str) -> io::Result<()> {
    std::fs::write(out.join("manifest.webmanifest"), manifest(bundle, base))
}

fn manifest(bundle: &Bundle, base: &str) -> String {
    let site = &bundle.site;
    let short: String = site.title.chars().take(12).collect();
    format!(
        "{{\n  \"name\": {},\n  \"short_name\": {},\n  \"description\": {},\n  \"start_url\": \"{base}\",\n  \"scope\": \"{base}\",\n  \
         \"display\": \"standalone\",\n  \"background_color\": \"#f7f5f0\",\n  \"theme_color\": \"#8a2d1f\",\n  \"icons\": [\n    \
         {{\"src\": \"{base}assets/icon-192.png\", \"sizes\": \"192x192\", \"type\": \"image/png\"}},\n    \
         {{\"src\": \"{base}assets/icon-512.png\", \"sizes\": \"512x512\", \"type\": \"image/png\"}},\n    \
         {{\"src\": \"{base}assets/icon-512.png\", \"sizes\": \"512x512\", \"type\": \"image/png\", \"purpose\": \"maskable\"}},\n    \
         {{\"src\": \"{base}assets/icon.svg\", \"sizes\": \"any\", \"type\": \"image/svg+xml\"}}\n  ]\n}}\n",
        json_str(&site.title),
        json_str(&short),
        json_str(&site.description),
    )
}
