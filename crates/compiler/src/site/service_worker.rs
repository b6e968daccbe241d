//! The service worker (`sw.js`) that precaches one version of the site for offline use.
//! Its JavaScript is `service_worker.js`, beside this file, a template that JS tools can
//! read: `"__VERSION__"` and `"__BASE__"` are string literals that become the version
//! and the base path, and the comments `/*__FILES__*/` and `/*__OTHER_FILES__*/` become
//! the precached files and the site's other files (which a navigation gets as they are,
//! not as the app).

use super::json_str;
use crate::build::{Output, OutputError, BUNDLE_DIR};
use crate::discover::SETTINGS_FILE;

const TEMPLATE: &str = include_str!("service_worker.js");

/// Writes `sw.js` over the site's files as they will be once the build is put in place
/// (so it comes last); returns the files it precaches.
pub(super) fn write(output: &mut Output, base: &str) -> Result<Vec<String>, OutputError> {
    let (precached, other): (Vec<String>, Vec<String>) = site_files(output)?
        .into_iter()
        .partition(|f| is_precached(f));
    let sw = service_worker(base, &precached, &other, output)?;
    output.write("sw.js", sw.as_bytes())?;
    Ok(precached)
}

/// The site's own files, sorted: everything at its top, in its assets, the bundle's
/// parts and the datasets, the worker included, but not the per-event pages (the app
/// serves every route) nor dotfiles.
fn site_files(output: &Output) -> Result<Vec<String>, OutputError> {
    let mut files = vec!["sw.js".to_string()];
    for (name, is_dir) in output.list("")? {
        if name.starts_with('.') || name == "sw.js" {
            continue;
        }
        if !is_dir {
            files.push(name);
        } else if name == "assets" || name == BUNDLE_DIR || name == DATA_DIR {
            for (file, is_dir) in output.list(&name)? {
                if !is_dir && !file.starts_with('.') {
                    files.push(format!("{name}/{file}"));
                }
            }
        }
    }
    files.sort();
    Ok(files)
}

/// Whether a visitor needs the file offline: not the worker itself, nor the files for
/// crawlers, feed readers and other sites, nor the datasets (`data/`: the whole corpus,
/// which may be a gigabyte; offline, the timeline's own export makes the same files from
/// the bundle). `404.html` is: it is the app's page alone, which the worker answers every
/// route but the home with (`index.html` holds the home's first screen). The files not
/// precached are still the site's: a navigation to one gets the file, not the app.
fn is_precached(file: &str) -> bool {
    !matches!(
        file,
        "sw.js" | "robots.txt" | "sitemap.xml" | "feed.xml" | "embed.js" | "assets/embed.js"
    ) && file != SETTINGS_FILE
        && !file
            .strip_prefix(DATA_DIR)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// The datasets' folder.
const DATA_DIR: &str = "data";

/// Whether `file` is one of the bundle's parts, named by its content's hash.
fn is_part(file: &str) -> bool {
    file.strip_prefix(BUNDLE_DIR)
        .is_some_and(|rest| rest.starts_with('/'))
}

/// The service worker: its version is the hash of every precached file, so any change to
/// the site makes the browser install a new worker beside the old one. A bundle part's
/// name is its content's hash already: its name stands for its bytes, which a corpus of a
/// million events would otherwise make a gigabyte to read again.
fn service_worker(
    base: &str,
    files: &[String],
    other: &[String],
    output: &Output,
) -> Result<String, OutputError> {
    let mut hasher = blake3::Hasher::new();
    for f in files {
        hasher.update(f.as_bytes());
        if !is_part(f) {
            hasher.update(&output.read(f)?);
        }
    }
    let version = &hasher.finalize().to_hex()[..16];
    let list = |files: &[String]| {
        files
            .iter()
            .map(|f| json_str(f))
            .collect::<Vec<_>>()
            .join(",\n  ")
    };
    Ok(TEMPLATE
        .replace("\"__VERSION__\"", &json_str(version))
        .replace("\"__BASE__\"", &json_str(base))
        .replace("/*__FILES__*/", &list(files))
        .replace("/*__OTHER_FILES__*/", &list(other)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nothing(_: &std::path::Path) {}

    #[test]
    fn the_template_fills_every_placeholder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.js"), "x").unwrap();
        let output = Output::open(dir.path(), nothing).unwrap();
        let files = ["a.js".to_string(), "b \"c\".css".to_string()];
        let other = ["robots.txt".to_string()];
        let e = service_worker("/tl/", &files, &other, &output).unwrap_err();
        assert!(
            matches!(&e, OutputError::Io { action: "read", .. }),
            "every file is hashed: {e:?}"
        );
        std::fs::write(dir.path().join("b \"c\".css"), "y").unwrap();
        let sw = service_worker("/tl/", &files, &other, &output).unwrap();
        assert!(!sw.contains("__"), "{sw}");
        assert!(sw.contains("const BASE = \"/tl/\";"), "{sw}");
        assert!(
            sw.contains("const FILES = [\n  \"a.js\",\n  \"b \\\"c\\\".css\"\n];"),
            "{sw}"
        );
        assert!(
            sw.contains("const OTHER_FILES = [\n  \"robots.txt\"\n];"),
            "{sw}"
        );
        let version = sw.split("const VERSION = \"").nth(1).unwrap();
        assert_eq!(version.find('"'), Some(16), "a 16-digit version: {sw}");
        // A base is a JSON string in the script, whatever it holds.
        let sw = service_worker("/a\"b/", &files, &other, &output).unwrap();
        assert!(sw.contains("const BASE = \"/a\\\"b/\";"), "{sw}");
    }
}
