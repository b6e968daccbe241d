//! The service worker (`sw.js`) that precaches one version of the site for offline use.
//! Its JavaScript is `service_worker.js`, beside this file, a template that JS tools can
//! read: `"__VERSION__"` and `"__BASE__"` are string literals that become the version
//! and the base path, and the comment `/*__FILES__*/` becomes the precached files.

use super::json_str;
use crate::discover::SETTINGS_FILE;
use std::io;
use std::path::Path;

const TEMPLATE: &str = include_str!("service_worker.js");

/// Writes `sw.js` over the files in `out` as they are now (so it comes last); returns
/// the files it precaches.
pub(super) fn write(out: &Path, base: &str) -> io::Result<Vec<String>> {
    let files = precache_list(out)?;
    std::fs::write(out.join("sw.js"), service_worker(base, &files, out)?)?;
    Ok(files)
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
    Ok(TEMPLATE
        .replace("__VERSION__", version)
        .replace("__BASE__", base)
        .replace("/*__FILES__*/", &list))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_fills_every_placeholder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.js"), "x").unwrap();
        let sw =
            service_worker("/tl/", &["a.js".into(), "b \"c\".css".into()], dir.path()).unwrap_err();
        assert_eq!(sw.kind(), io::ErrorKind::NotFound, "every file is hashed");
        std::fs::write(dir.path().join("b \"c\".css"), "y").unwrap();
        let sw =
            service_worker("/tl/", &["a.js".into(), "b \"c\".css".into()], dir.path()).unwrap();
        assert!(!sw.contains("__"), "{sw}");
        assert!(sw.contains("const BASE = \"/tl/\";"), "{sw}");
        assert!(
            sw.contains("const FILES = [\n  \"a.js\",\n  \"b \\\"c\\\".css\"\n];"),
            "{sw}"
        );
        let version = sw.split("const VERSION = \"").nth(1).unwrap();
        assert_eq!(version.find('"'), Some(16), "a 16-digit version: {sw}");
    }
}
