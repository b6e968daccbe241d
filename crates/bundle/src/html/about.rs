//! The about page's downloads: the site's datasets (the whole corpus as JSON and CSV,
//! written by the build), each linked with its size, the bundle's version and the data's
//! license. The app writes it; here so that it is tested natively.

use super::{push_escaped, push_int};
use crate::export::human_size;
use crate::FORMAT_VERSION;

/// The section's markup: `datasets` as the page's `timeline-datasets` meta lists them
/// ([`crate::export::parse_datasets`]), linked under `base` (the app's base path, `""`
/// at a host's root); `core` the part the `timeline-bundle` meta names
/// (`bundle/core.<hash>.bin`); `license` the site's.
pub fn downloads(datasets: &[(&str, u64)], base: &str, core: &str, license: &str) -> String {
    let mut h = String::from("<section class=\"downloads\"><h2>Download the data</h2>");
    if datasets.is_empty() {
        h.push_str("<p>This site was built without its datasets.</p>");
    } else {
        h.push_str("<ul>");
        for (path, bytes) in datasets {
            let name = path.rsplit('/').next().unwrap_or(path);
            h.push_str("<li><a href=\"");
            push_escaped(&mut h, base);
            h.push('/');
            push_escaped(&mut h, path);
            h.push_str("\" download>");
            push_escaped(&mut h, name);
            h.push_str("</a> (");
            h.push_str(match name.rsplit('.').next() {
                Some("json") => "JSON, every field",
                Some("csv") => "CSV, for spreadsheets",
                _ => "a file",
            });
            h.push_str(", <span class=\"size\">");
            h.push_str(&human_size(*bytes));
            h.push_str("</span>)</li>");
        }
        h.push_str("</ul>");
    }
    h.push_str("<p>Every event, in the timeline’s order. ");
    if license.is_empty() {
        h.push_str("No license is given for the data.");
    } else {
        h.push_str("License: <strong class=\"license\">");
        push_escaped(&mut h, license);
        h.push_str("</strong>.");
    }
    h.push_str("</p><p class=\"version\">Bundle format ");
    push_int(&mut h, u64::from(FORMAT_VERSION));
    let hash = core
        .rsplit('/')
        .next()
        .and_then(|f| f.strip_prefix("core."))
        .and_then(|f| f.strip_suffix(".bin"));
    if let Some(hash) = hash {
        h.push_str(", build <code>");
        push_escaped(&mut h, hash);
        h.push_str("</code>");
    }
    h.push_str(". The timeline’s Export gives the same files for the events in view, offline too.</p></section>");
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_dataset_is_linked_with_its_size() {
        let datasets = [("data/events.json", 1_234_567), ("data/events.csv", 98_765)];
        let h = downloads(
            &datasets,
            "/tl",
            "bundle/core.0123456789abcdef.bin",
            "CC <BY>",
        );
        assert!(
            h.contains("<li><a href=\"/tl/data/events.json\" download>events.json</a> (JSON, every field, <span class=\"size\">1.2 MB</span>)</li>"),
            "{h}"
        );
        assert!(h.contains("<a href=\"/tl/data/events.csv\" download>events.csv</a> (CSV, for spreadsheets, <span class=\"size\">99 kB</span>)"), "{h}");
        assert!(h.contains("License: <strong class=\"license\">CC &lt;BY&gt;</strong>."));
        assert!(h.contains(&format!(
            "Bundle format {FORMAT_VERSION}, build <code>0123456789abcdef</code>."
        )));
        let none = downloads(&[], "", "x", "");
        assert!(
            none.contains("built without its datasets") && none.contains("No license is given")
        );
        assert!(!none.contains("build <code>"));
    }
}
