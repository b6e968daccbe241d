//! Finishes a static site around the bundle, in the folder where Trunk wrote the app, one
//! module per output (as zola's `components/site` does): the page's head with its
//! Content-Security-Policy and the boot script that replaces Trunk's inline one (`head`),
//! the home's first screen written into `index.html` (`prerender`), `404.html` (the app's
//! page alone) and one page per event carrying the event itself (`event_pages`: deep links
//! on hosts without rewrite rules, readers without JavaScript, search engines and link
//! previews), the whole corpus as `data/events.json` and `data/events.csv` (`datasets`),
//! the Atom feed of the newest events (`feed`), the web app manifest (`manifest`),
//! `robots.txt` and, with a canonical URL, `sitemap.xml` (`crawlers`), and the service worker that
//! precaches the app for offline use (`service_worker`); for a development server, the
//! corpus's problems as a banner in `index.html` (`dev_report`). Every file goes through the
//! build's [`Output`], which puts them in place together (the pages last) and removes
//! the last build's files that are not written again. Running it again on its own
//! output gives the same files.

mod crawlers;
mod datasets;
mod dev_report;
mod event_pages;
mod feed;
mod head;
mod manifest;
mod prerender;
mod service_worker;

pub use head::CONTENT_SECURITY_POLICY;

use crate::build::{Output, OutputError};
use crate::normalise::Compiled;
use crate::report::Report;
use head::{Head, Page};
use std::collections::HashMap;
use timeline_bundle::Bundle;

/// What was written, for the build's summary.
#[derive(Debug, Default)]
pub struct Written {
    pub event_pages: usize,
    pub precached: Vec<String>,
    /// The datasets (`data/events.json`, `data/events.csv`) and their sizes in bytes.
    pub datasets: Vec<(&'static str, u64)>,
}

/// Options that change the site's files.
#[derive(Debug, Clone)]
pub struct Options {
    /// One HTML page per event under `event/<id>/` (many files for a large corpus).
    pub event_pages: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { event_pages: true }
    }
}

/// Finishes the site in `output`, which holds Trunk's `index.html`, around the compiled
/// corpus whose core is `bundle_name` (its parts written to `output` already). With
/// `problems` (a development build), `index.html` also carries their banner.
pub fn finish(
    output: &mut Output,
    compiled: &Compiled,
    bundle_name: &str,
    options: &Options,
    problems: Option<&Report>,
) -> Result<Written, OutputError> {
    let bundle = &compiled.bundle;
    let index_path = output.root().join("index.html");
    let trunk_page = String::from_utf8(output.read("index.html")?)
        .map_err(|_| OutputError::unusable(&index_path, "is not UTF-8 text"))?;
    // An earlier build's output holds its first screen (and a development build's
    // banner): the app's page is the rest.
    let mut trunk_page = dev_report::strip(&prerender::strip(&trunk_page));
    if problems.is_some() {
        trunk_page = dev_report::move_reload_script(output, &trunk_page)?;
    }
    let base =
        head::base_href(&trunk_page).map_err(|why| OutputError::unusable(&index_path, why))?;
    let app_page = head::put_boot_script(output, &trunk_page, &base)?;
    let site = &bundle.site;
    // Before any page: every page's head names the datasets' sizes for the about page.
    let datasets = datasets::write(output, compiled)?;
    let datasets_meta = timeline_bundle::export::datasets_meta(&datasets);
    let head = Head {
        base: &base,
        bundle_name,
        site_title: &site.title,
        datasets: &datasets_meta,
    };
    let page = Page {
        title: site.title.clone(),
        description: description(bundle),
        url: canonical(&site.canonical_url, ""),
        kind: "website",
        more: String::new(),
    };
    let html = head.put_on(&app_page, &page);
    let excerpts = first_excerpts(output, compiled)?;
    let excerpt = |n: u32| excerpts.get(&n).cloned().unwrap_or_default();
    let home = prerender::block(bundle, true, &prerender::home(bundle, excerpt));
    let mut index = prerender::put(&html, &home);
    if let Some(report) = problems {
        index = dev_report::put(&index, report);
    }
    output.write_entry("index.html", index.as_bytes())?;
    // Any other path: the app alone, which shows the route's own page.
    output.write_entry("404.html", html.as_bytes())?;
    let event_pages = event_pages::write(output, &html, compiled, &head, options.event_pages)?;
    manifest::write(output, bundle, &base)?;
    crawlers::write(output, bundle)?;
    feed::write(output, compiled)?;
    // Last: the worker precaches (and hashes) every file written before it; a
    // development site's worker caches nothing.
    let precached = if problems.is_some() {
        output.write("sw.js", dev_report::DEV_SERVICE_WORKER.as_bytes())?;
        Vec::new()
    } else {
        service_worker::write(output, &base)?
    };
    Ok(Written {
        event_pages,
        precached,
        datasets,
    })
}

/// Calls `f` with each event and its details, in event order: from memory, or read back
/// chunk by chunk from the parts the build wrote (a build does not keep them all).
fn each_details(
    output: &mut Output,
    compiled: &Compiled,
    mut f: impl FnMut(
        &mut Output,
        &timeline_bundle::Event,
        &timeline_bundle::Details,
    ) -> Result<(), OutputError>,
) -> Result<(), OutputError> {
    let bundle = &compiled.bundle;
    if compiled.details.len() == bundle.events.len() {
        for (e, d) in bundle.events.iter().zip(&compiled.details) {
            f(output, e, d)?;
        }
        return Ok(());
    }
    for i in 0..bundle.chunks.len() {
        let events = bundle.chunk_events(i);
        let details = read_chunk(output, bundle, i)?;
        for (e, d) in bundle.events[events.start as usize..events.end as usize]
            .iter()
            .zip(&details)
        {
            f(output, e, d)?;
        }
    }
    Ok(())
}

/// `page` without what lies from the first `start` to the last `end` marker, both
/// included: a block an earlier build put in it.
fn without_block(page: &str, start: &str, end: &str) -> String {
    match (page.find(start), page.rfind(end)) {
        (Some(a), Some(b)) if a < b => {
            let mut out = page[..a].to_string();
            out.push_str(&page[b + end.len()..]);
            out
        }
        _ => page.to_string(),
    }
}

/// Details chunk `i`, read back from the parts the build has written.
fn read_chunk(
    output: &mut Output,
    bundle: &timeline_bundle::Bundle,
    i: usize,
) -> Result<Vec<timeline_bundle::Details>, OutputError> {
    let rel = format!(
        "{}/{}",
        crate::build::BUNDLE_DIR,
        timeline_bundle::part_file("details", bundle.chunks[i].hash)
    );
    timeline_bundle::decode_chunk(&output.read(&rel)?, bundle.chunk_events(i).len())
        .map_err(|e| OutputError::unusable(&output.root().join(&rel), e.to_string()))
}

/// The excerpts of the home's first screen's events, by number.
fn first_excerpts(
    output: &mut Output,
    compiled: &Compiled,
) -> Result<HashMap<u32, String>, OutputError> {
    let wanted = prerender::first_screen(&compiled.bundle);
    Ok(details_of(output, compiled, &wanted)?
        .into_iter()
        .map(|(n, d)| (n, d.excerpt))
        .collect())
}

/// The details of the events `wanted`, by number: from memory, or read back from the
/// chunks that hold them (a few, for a few events near each other).
fn details_of(
    output: &mut Output,
    compiled: &Compiled,
    wanted: &[u32],
) -> Result<HashMap<u32, timeline_bundle::Details>, OutputError> {
    let bundle = &compiled.bundle;
    if compiled.details.len() == bundle.events.len() {
        return Ok(wanted
            .iter()
            .filter_map(|&n| Some((n, compiled.details.get(n as usize)?.clone())))
            .collect());
    }
    let mut found = HashMap::new();
    let mut chunks: Vec<usize> = wanted.iter().map(|&n| bundle.chunk_of(n)).collect();
    chunks.sort_unstable();
    chunks.dedup();
    for i in chunks {
        let events = bundle.chunk_events(i);
        let details = read_chunk(output, bundle, i)?;
        for (n, d) in events.zip(details) {
            if wanted.contains(&n) {
                found.insert(n, d);
            }
        }
    }
    Ok(found)
}

/// The site's description, or one that counts its events.
fn description(bundle: &Bundle) -> String {
    if !bundle.site.description.is_empty() {
        return bundle.site.description.clone();
    }
    match bundle.events.len() {
        1 => "A timeline of 1 event.".into(),
        n => format!("A timeline of {n} events."),
    }
}

/// The absolute URL of `path` below the site's canonical URL `root`, if it has one.
fn canonical(root: &str, path: &str) -> Option<String> {
    (!root.is_empty()).then(|| format!("{}/{path}", root.trim_end_matches('/')))
}

/// A JSON string literal.
fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    timeline_bundle::text::push_json_string(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use timeline_bundle::link::event_path;
    use timeline_bundle::{Details, Event, PartialDate, Site};

    const TRUNK_PAGE: &str = "<!doctype html><html><head><title>Timeline</title><base href=\"/tl/\">\
        <script type=\"module\">\nimport init, * as bindings from '/tl/app.js';\n\
        const wasm = await init({ module_or_path: '/tl/app_bg.wasm' });\n</script>\
        <link rel=\"modulepreload\" href=\"/tl/app.js\" crossorigin=\"anonymous\">\
        <link rel=\"preload\" href=\"/tl/app_bg.wasm\" as=\"fetch\" type=\"application/wasm\"></head><body></body></html>";

    fn nothing(_: &std::path::Path) {}

    /// Finishes the site in `out` and puts it in place.
    fn finish_in(out: &std::path::Path, b: &Bundle) -> Result<Written, OutputError> {
        let mut output = Output::open(out, nothing)?;
        let compiled = Compiled {
            bundle: b.clone(),
            details: b
                .events
                .iter()
                .map(|_| Details {
                    summary_html: "<p>Short &amp; <em>sweet</em>.</p>".into(),
                    ..Details::default()
                })
                .collect(),
            ..Compiled::default()
        };
        let written = finish(
            &mut output,
            &compiled,
            "bundle/core.abc.bin",
            &Options::default(),
            None,
        )?;
        output.commit()?;
        Ok(written)
    }

    fn bundle() -> Bundle {
        Bundle {
            site: Site {
                title: "My <Timeline>".into(),
                canonical_url: "https://example.org/tl/".into(),
                ..Site::default()
            },
            events: vec![Event {
                id: "2020-01-01--a \"b\" $c".into(),
                title: "A & B".into(),
                date: PartialDate::ymd(2020, 1, 1),
                ..Event::default()
            }],
            ..Bundle::default()
        }
    }

    #[test]
    fn finishes_a_trunk_site_and_is_idempotent() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        std::fs::write(out.join("index.html"), TRUNK_PAGE).unwrap();
        std::fs::create_dir(out.join("bundle")).unwrap();
        std::fs::write(out.join("bundle/core.abc.bin"), b"x").unwrap();
        std::fs::create_dir(out.join("assets")).unwrap();
        std::fs::write(out.join("assets/icon.svg"), "<svg/>").unwrap();
        let b = bundle();
        let written = finish_in(out, &b).unwrap();
        let index = std::fs::read_to_string(out.join("index.html")).unwrap();
        assert!(
            !index.contains("<script type=\"module\">"),
            "no inline script is left: {index}"
        );
        assert!(index.contains("<script type=\"module\" src=\"/tl/boot."));
        let csp = index.find("Content-Security-Policy").unwrap();
        assert!(
            csp < index.find("<script").unwrap(),
            "the policy comes before every script"
        );
        assert!(index.contains("Content-Security-Policy"));
        assert!(index.contains("<title>My &lt;Timeline&gt;</title>"));
        assert!(index.contains("href=\"/tl/bundle/core.abc.bin\""));
        assert_eq!(written.event_pages, 1);
        let page =
            std::fs::read_to_string(out.join("event/2020-01-01--a \"b\" $c/index.html")).unwrap();
        assert!(
            page.contains("<title>A &amp; B · My &lt;Timeline&gt;</title>"),
            "{page}"
        );
        assert!(page.contains("content=\"Short &amp; sweet.\""), "{page}");
        let permalink = "https://example.org/tl/event/2020-01-01--a%20%22b%22%20%24c";
        assert_eq!(
            permalink,
            format!("https://example.org/tl/{}", event_path(&b.events[0].id)),
            "the app's own link"
        );
        assert!(
            page.contains(&format!("<link rel=\"canonical\" href=\"{permalink}\">")),
            "{page}"
        );
        assert!(page.contains(&format!(
            "<meta property=\"og:url\" content=\"{permalink}\">"
        )));
        // The home holds its first screen; 404.html is the app's page alone.
        let plain = std::fs::read_to_string(out.join("404.html")).unwrap();
        assert!(!plain.contains("prerender"), "{plain}");
        assert_eq!(prerender::strip(&index), plain);
        assert!(
            index.contains("<body><!-- timeline:prerender --><div id=\"prerender\"")
                && index.contains("<h3 class=\"row-title\">A &amp; B</h3>"),
            "{index}"
        );
        // An event's page holds its article, with the details.
        assert!(
            page.contains("<article class=\"event-page\">")
                && page.contains("<h1>A &amp; B</h1>")
                && page.contains(
                    "<div class=\"event-summary prose\"><p>Short &amp; <em>sweet</em>.</p></div>"
                ),
            "{page}"
        );
        let sw = std::fs::read_to_string(out.join("sw.js")).unwrap();
        assert!(
            sw.contains("\"bundle/core.abc.bin\"")
                && sw.contains("\"assets/icon.svg\"")
                && sw.contains("const BASE = \"/tl/\"")
        );
        let precached = sw.split("const FILES = [").nth(1).unwrap();
        let (precached, other) = precached.split_once("];").unwrap();
        assert!(precached.contains("\"404.html\"") && !precached.contains("\"sw.js\""));
        assert!(other.contains("\"robots.txt\""));
        assert!(std::fs::read_to_string(out.join("sitemap.xml"))
            .unwrap()
            .contains(&format!("<loc>{permalink}</loc>")));

        let boot = index.split("src=\"/tl/boot.").nth(1).unwrap();
        let boot = format!("boot.{}", &boot[..boot.find('"').unwrap()]);
        let script = std::fs::read_to_string(out.join(&boot)).unwrap();
        assert!(
            script.contains("const GLUE = \"/tl/app.js\";")
                && script.contains("const WASM = \"/tl/app_bg.wasm\";")
                && script.contains("await import(GLUE)"),
            "{script}"
        );

        // Again, on its own output: the same files.
        finish_in(out, &b).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            index
        );
        assert_eq!(std::fs::read_to_string(out.join("sw.js")).unwrap(), sw);
    }

    #[test]
    fn a_base_that_would_need_escaping_is_refused_and_nothing_is_written() {
        for base in [
            "/a`b/",
            "/a\\b/",
            "/a'b/",
            "/a<b/",
            "/a\nb/",
            "/a b/",
            "/a&amp;b/",
        ] {
            let dir = tempfile::tempdir().unwrap();
            let out = dir.path();
            let page =
                TRUNK_PAGE.replace("<base href=\"/tl/\">", &format!("<base href=\"{base}\">"));
            std::fs::write(out.join("index.html"), &page).unwrap();
            let e = finish_in(out, &bundle()).unwrap_err();
            assert!(
                e.to_string().contains("takes only a plain path"),
                "{base:?}: {e}"
            );
            let names: Vec<_> = std::fs::read_dir(out).unwrap().collect();
            assert_eq!(names.len(), 1, "{base:?}: only Trunk's page");
            assert_eq!(
                std::fs::read_to_string(out.join("index.html")).unwrap(),
                page
            );
        }
    }

    #[test]
    fn the_description_counts_events_in_good_english() {
        let mut b = bundle();
        assert_eq!(description(&b), "A timeline of 1 event.");
        b.events.push(Event::default());
        assert_eq!(description(&b), "A timeline of 2 events.");
        b.events.clear();
        assert_eq!(description(&b), "A timeline of 0 events.");
        b.site.description = "Set in timeline.toml.".into();
        assert_eq!(description(&b), "Set in timeline.toml.");
    }

    #[test]
    fn without_a_canonical_url_there_is_no_sitemap_nor_canonical_link() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        std::fs::write(out.join("index.html"), TRUNK_PAGE).unwrap();
        let mut b = bundle();
        b.site.canonical_url.clear();
        finish_in(out, &bundle()).unwrap();
        assert!(out.join("sitemap.xml").exists());
        finish_in(out, &b).unwrap();
        assert!(
            !out.join("sitemap.xml").exists(),
            "the last build's sitemap is removed"
        );
        let robots = std::fs::read_to_string(out.join("robots.txt")).unwrap();
        assert_eq!(robots, "User-agent: *\nAllow: /\n");
        let index = std::fs::read_to_string(out.join("index.html")).unwrap();
        assert!(!index.contains("rel=\"canonical\""), "{index}");
        assert!(
            index.contains("content=\"A timeline of 1 event.\""),
            "{index}"
        );
    }
}
