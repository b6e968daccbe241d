//! Finishes a static site around the bundle, in the folder where Trunk wrote the app:
//! the page's head (bundle, Content-Security-Policy, manifest, description), the boot
//! script moved out of the page (so the policy needs no inline script), `404.html` and one
//! small page per event (deep links on hosts without rewrite rules, and link previews),
//! the web app manifest, the service worker that precaches the app for offline use,
//! `robots.txt` and, with a canonical URL, `sitemap.xml`. Running it again on its own
//! output gives the same files.

use crate::discover::SETTINGS_FILE;
use std::fmt::Write as _;
use std::io;
use std::path::Path;
use timeline_bundle::text::escape_html;
use timeline_bundle::{Bundle, Event};

const HEAD_START: &str = "<!-- timeline:head -->";
const HEAD_END: &str = "<!-- /timeline:head -->";

/// The policy for every page: the app's own files only, WebAssembly allowed, nothing
/// inline. `frame-ancestors` cannot be set from a page; see the README for the header.
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; \
manifest-src 'self'; frame-src 'none'; object-src 'none'; base-uri 'self'; form-action 'self'";

/// What was written, for the build's summary.
#[derive(Debug, Default)]
pub struct Written {
    pub event_pages: usize,
    pub precached: Vec<String>,
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

/// Finishes the site in `out`, which holds Trunk's `index.html` and the bundle `bundle_name`.
pub fn finish(
    out: &Path,
    bundle: &Bundle,
    bundle_name: &str,
    options: &Options,
) -> io::Result<Written> {
    let index_path = out.join("index.html");
    let mut html = std::fs::read_to_string(&index_path)?;
    let base = base_href(&html);
    html = externalise_boot_script(out, &html)?;
    let site = &bundle.site;
    let description = if site.description.is_empty() {
        format!("A timeline of {} events.", bundle.events.len())
    } else {
        site.description.clone()
    };
    let page = Page {
        title: site.title.clone(),
        description,
        url: canonical(&site.canonical_url, ""),
        kind: "website",
    };
    html = with_head(&html, &head(&page, &base, bundle_name, &site.title));
    std::fs::write(&index_path, &html)?;
    std::fs::write(out.join("404.html"), &html)?;

    let mut written = Written::default();
    let events_dir = out.join("event");
    if events_dir.exists() {
        std::fs::remove_dir_all(&events_dir)?;
    }
    if options.event_pages {
        for e in &bundle.events {
            let page = Page {
                title: format!("{} · {}", e.title, site.title),
                description: describe(e),
                url: canonical(
                    &site.canonical_url,
                    &format!("event/{}", encode_segment(&e.id)),
                ),
                kind: "article",
            };
            let dir = events_dir.join(&e.id);
            std::fs::create_dir_all(&dir)?;
            std::fs::write(
                dir.join("index.html"),
                with_head(&html, &head(&page, &base, bundle_name, &site.title)),
            )?;
            written.event_pages += 1;
        }
    }

    std::fs::write(out.join("manifest.webmanifest"), manifest(bundle, &base))?;
    std::fs::write(out.join("robots.txt"), robots(&site.canonical_url))?;
    let sitemap = out.join("sitemap.xml");
    if site.canonical_url.is_empty() {
        if sitemap.exists() {
            std::fs::remove_file(sitemap)?;
        }
    } else {
        std::fs::write(sitemap, sitemap_xml(bundle))?;
    }
    written.precached = precache_list(out)?;
    std::fs::write(
        out.join("sw.js"),
        service_worker(&base, &written.precached, out)?,
    )?;
    Ok(written)
}

/// The `href` of the page's `<base>` (Trunk's public URL), with a trailing slash.
fn base_href(html: &str) -> String {
    let Some(at) = html.find("<base href=\"") else {
        return "/".into();
    };
    let rest = &html[at + 12..];
    let href = &rest[..rest.find('"').unwrap_or(0)];
    if href.ends_with('/') {
        href.to_string()
    } else {
        format!("{href}/")
    }
}

/// Moves Trunk's inline `<script type="module">` into a content-hashed file, so that the
/// Content-Security-Policy needs no `'unsafe-inline'` and no hash.
fn externalise_boot_script(out: &Path, html: &str) -> io::Result<String> {
    let open = "<script type=\"module\">";
    let Some(start) = html.find(open) else {
        return Ok(html.to_string());
    };
    let Some(len) = html[start..].find("</script>") else {
        return Ok(html.to_string());
    };
    let code = &html[start + open.len()..start + len];
    let name = format!("boot.{}.js", &blake3::hash(code.as_bytes()).to_hex()[..16]);
    for entry in std::fs::read_dir(out)? {
        let old = entry?.file_name().to_string_lossy().into_owned();
        if old.starts_with("boot.") && old.ends_with(".js") && old != name {
            std::fs::remove_file(out.join(old))?;
        }
    }
    std::fs::write(out.join(&name), code.trim())?;
    let base = base_href(html);
    Ok(format!(
        "{}<script type=\"module\" src=\"{base}{name}\"></script>{}",
        &html[..start],
        &html[start + len + "</script>".len()..]
    ))
}

struct Page {
    title: String,
    description: String,
    url: Option<String>,
    kind: &'static str,
}

/// The `<head>` additions of a page. The favicon is a PNG: Chromium renders an SVG favicon
/// as a document in the page's own process, and again after every change of the URL,
/// which the timeline makes on every keystroke of a search.
fn head(page: &Page, base: &str, bundle_name: &str, site_title: &str) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        "{HEAD_START}<meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\">\
         <meta name=\"timeline-bundle\" content=\"{bundle_name}\">\
         <link rel=\"preload\" href=\"{base}{bundle_name}\" as=\"fetch\" type=\"application/octet-stream\" crossorigin>\
         <link rel=\"manifest\" href=\"{base}manifest.webmanifest\">\
         <link rel=\"icon\" href=\"{base}assets/icon-32.png\" sizes=\"32x32\" type=\"image/png\">\
         <link rel=\"apple-touch-icon\" href=\"{base}assets/icon-192.png\">\
         <title>{}</title><meta name=\"description\" content=\"{}\">\
         <meta property=\"og:type\" content=\"{}\"><meta property=\"og:site_name\" content=\"{}\">\
         <meta property=\"og:title\" content=\"{}\"><meta property=\"og:description\" content=\"{}\">\
         <meta name=\"twitter:card\" content=\"summary\"><meta name=\"twitter:title\" content=\"{}\">\
         <meta name=\"twitter:description\" content=\"{}\">",
        escape_html(&page.title),
        escape_html(&page.description),
        page.kind,
        escape_html(site_title),
        escape_html(&page.title),
        escape_html(&page.description),
        escape_html(&page.title),
        escape_html(&page.description),
    );
    if let Some(url) = &page.url {
        let _ = write!(
            h,
            "<link rel=\"canonical\" href=\"{}\"><meta property=\"og:url\" content=\"{}\">",
            escape_html(url),
            escape_html(url)
        );
    }
    h.push_str(HEAD_END);
    h
}

/// Replaces the page's `<title>` and the previous head block (if any) with `block`, placed
/// right after `<base>` so that the policy governs every script and style after it.
fn with_head(html: &str, block: &str) -> String {
    let mut html = html.to_string();
    if let (Some(a), Some(b)) = (html.find(HEAD_START), html.find(HEAD_END)) {
        html.replace_range(a..b + HEAD_END.len(), "");
    }
    if let (Some(a), Some(b)) = (html.find("<title>"), html.find("</title>")) {
        html.replace_range(a..b + "</title>".len(), "");
    }
    let at = match html.find("<base ") {
        Some(b) => b + html[b..].find('>').map_or(0, |e| e + 1),
        None => html.find("<head>").map_or(0, |h| h + "<head>".len()),
    };
    html.insert_str(at, block);
    html
}

fn canonical(root: &str, path: &str) -> Option<String> {
    (!root.is_empty()).then(|| format!("{}/{path}", root.trim_end_matches('/')))
}

/// Percent-encodes an id as one URL path segment (as the app's links do).
pub fn encode_segment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// A plain-text description of an event for link previews: its summary or body, cut at
/// a word near 200 characters.
fn describe(e: &Event) -> String {
    let html = if e.summary_html.is_empty() {
        &e.body_html
    } else {
        &e.summary_html
    };
    let text = strip_tags(html);
    if text.chars().count() <= 200 {
        return text;
    }
    let cut: String = text.chars().take(200).collect();
    format!(
        "{}…",
        cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head)
    )
}

/// Text of sanitised HTML (the bundle's own, so tags are well formed).
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let text = out
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn json_str(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
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

fn robots(canonical_url: &str) -> String {
    let mut r = String::from("User-agent: *\nAllow: /\n");
    if !canonical_url.is_empty() {
        let _ = writeln!(
            r,
            "Sitemap: {}/sitemap.xml",
            canonical_url.trim_end_matches('/')
        );
    }
    r
}

fn sitemap_xml(bundle: &Bundle) -> String {
    let root = bundle.site.canonical_url.trim_end_matches('/');
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let _ = writeln!(x, "  <url><loc>{}/</loc></url>", escape_html(root));
    for e in &bundle.events {
        let _ = writeln!(
            x,
            "  <url><loc>{}/event/{}</loc></url>",
            escape_html(root),
            escape_html(&encode_segment(&e.id))
        );
    }
    x.push_str("</urlset>\n");
    x
}

/// The files a visitor needs offline: everything at the top of the site and its assets,
/// but not the per-event pages (the app shell serves every route) nor the worker itself.
fn precache_list(out: &Path) -> io::Result<Vec<String>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(out)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type()?.is_dir() {
            if name == "assets" {
                for a in std::fs::read_dir(entry.path())? {
                    let a = a?.file_name().to_string_lossy().into_owned();
                    if a != "embed.js" {
                        files.push(format!("assets/{a}"));
                    }
                }
            }
            continue;
        }
        let skip = matches!(
            name.as_str(),
            "sw.js" | "404.html" | "robots.txt" | "sitemap.xml" | "embed.js" | SETTINGS_FILE
        ) || name.starts_with('.');
        if !skip {
            files.push(name);
        }
    }
    files.sort();
    Ok(files)
}

/// The service worker: its version is the hash of every precached file, so any change to
/// the site makes the browser install a new worker beside the old one.
fn service_worker(base: &str, files: &[String], out: &Path) -> io::Result<String> {
    let mut hasher = blake3::Hasher::new();
    for f in files {
        hasher.update(f.as_bytes());
        hasher.update(&std::fs::read(out.join(f))?);
    }
    let version = &hasher.finalize().to_hex()[..16];
    let list = files
        .iter()
        .map(|f| json_str(f))
        .collect::<Vec<_>>()
        .join(",\n  ");
    Ok(SERVICE_WORKER
        .replace("__VERSION__", version)
        .replace("__BASE__", base)
        .replace("__FILES__", &list))
}

const SERVICE_WORKER: &str = r#"// The timeline's service worker, written by `timeline build`. It precaches one version
// of the site (the app, the bundle, the assets) and answers from that cache, so the site
// works offline after the first visit and a page never mixes two versions' files. A new
// deploy installs a new worker that waits until the page asks it to take over (the reader
// clicks "Reload") or every tab of the site is closed.
const VERSION = "__VERSION__";
const BASE = "__BASE__";
const CACHE = "timeline-" + VERSION;
const FILES = [
  __FILES__
];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => BASE + f))));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith("timeline-") && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith(BASE)) return;
  if (request.mode === "navigate") {
    // Every route is the app: answer with this version's page.
    event.respondWith((async () => {
      const cache = await caches.open(CACHE);
      return (await cache.match(BASE + "index.html")) || fetch(request);
    })());
    return;
  }
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    return (await cache.match(request, { ignoreSearch: true })) || fetch(request);
  })());
});
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use timeline_bundle::{PartialDate, Site};

    const TRUNK_PAGE: &str = "<!doctype html><html><head><title>Timeline</title><base href=\"/tl/\">\
        <script type=\"module\">\nimport init from '/tl/app.js';\nawait init();\n</script></head><body></body></html>";

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
                summary_html: "<p>Short &amp; <em>sweet</em>.</p>".into(),
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
        std::fs::write(out.join("bundle.abc.bin"), b"x").unwrap();
        std::fs::create_dir(out.join("assets")).unwrap();
        std::fs::write(out.join("assets/icon.svg"), "<svg/>").unwrap();
        let b = bundle();
        let written = finish(out, &b, "bundle.abc.bin", &Options::default()).unwrap();
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
        assert!(index.contains("href=\"/tl/bundle.abc.bin\""));
        assert_eq!(written.event_pages, 1);
        let page =
            std::fs::read_to_string(out.join("event/2020-01-01--a \"b\" $c/index.html")).unwrap();
        assert!(
            page.contains("<title>A &amp; B · My &lt;Timeline&gt;</title>"),
            "{page}"
        );
        assert!(page.contains("content=\"Short &amp; sweet .\""), "{page}");
        assert!(page.contains("https://example.org/tl/event/2020-01-01--a%20%22b%22%20$c"));
        assert_eq!(
            std::fs::read_to_string(out.join("404.html")).unwrap(),
            index
        );
        let sw = std::fs::read_to_string(out.join("sw.js")).unwrap();
        assert!(
            sw.contains("\"bundle.abc.bin\"")
                && sw.contains("\"assets/icon.svg\"")
                && sw.contains("const BASE = \"/tl/\"")
        );
        assert!(!sw.contains("\"404.html\""));
        assert!(std::fs::read_to_string(out.join("sitemap.xml"))
            .unwrap()
            .contains("<loc>https://example.org/tl/event/"));

        // Again, on its own output: the same files.
        finish(out, &b, "bundle.abc.bin", &Options::default()).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            index
        );
        assert_eq!(std::fs::read_to_string(out.join("sw.js")).unwrap(), sw);
    }

    #[test]
    fn descriptions_are_plain_and_short() {
        let mut e = Event {
            body_html: format!("<p>{}</p>", "word ".repeat(100)),
            ..Event::default()
        };
        assert!(describe(&e).len() <= 204 && describe(&e).ends_with('…'));
        e.summary_html = "<p>a &lt;b&gt;</p>".into();
        assert_eq!(describe(&e), "a <b>");
    }
}
