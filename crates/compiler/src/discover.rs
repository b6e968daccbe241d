//! Finds the event files under a corpus folder, and the files that are not events.

use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};

/// The optional ignore list in a corpus folder: one glob a line, `#` starts a comment.
pub const IGNORE_FILE: &str = ".timelineignore";
/// The optional site settings in a corpus folder.
pub const SETTINGS_FILE: &str = "timeline.toml";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Json,
}

/// A file that may hold an event.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub path: PathBuf,
    /// Relative to the corpus folder, `/`-separated: how diagnostics name the file.
    pub name: String,
    pub format: Format,
}

/// A file that is not an event, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub name: String,
    pub reason: &'static str,
}

#[derive(Debug, Default)]
pub struct Discovery {
    pub candidates: Vec<Candidate>,
    pub skipped: Vec<Skipped>,
}

/// Walks `root` recursively in byte order of names (so every run sees the same order).
/// Hidden and `_`-prefixed names (files and folders), README files, the settings and
/// ignore files, files the ignore list names, and files that are neither `.md` nor
/// `.json` are skipped and counted.
pub fn discover(root: &Path) -> std::io::Result<Discovery> {
    let ignore = read_ignore(root)?;
    let mut out = Discovery::default();
    walk(root, root, &ignore, &mut out)?;
    Ok(out)
}

fn read_ignore(root: &Path) -> std::io::Result<GlobSet> {
    let mut builder = GlobSetBuilder::new();
    match std::fs::read_to_string(root.join(IGNORE_FILE)) {
        Ok(text) => {
            for line in text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
            {
                let pattern = line.trim_start_matches('/');
                let pattern = if pattern.ends_with('/') {
                    format!("{pattern}**")
                } else {
                    pattern.to_string()
                };
                match Glob::new(&pattern) {
                    Ok(g) => {
                        builder.add(g);
                        // A bare name matches at any depth, as in .gitignore.
                        if !pattern.contains('/') {
                            if let Ok(g) = Glob::new(&format!("**/{pattern}")) {
                                builder.add(g);
                            }
                        }
                    }
                    Err(e) => {
                        return Err(std::io::Error::new(
                            std::io::ErrorKind::InvalidData,
                            format!("{IGNORE_FILE}: bad pattern {line:?}: {e}"),
                        ))
                    }
                }
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    builder
        .build()
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()))
}

fn walk(root: &Path, dir: &Path, ignore: &GlobSet, out: &mut Discovery) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let rel = path.strip_prefix(root).unwrap_or(&path);
        let name = portable_name(rel);
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let is_dir =
            entry.file_type()?.is_dir() || (entry.file_type()?.is_symlink() && path.is_dir());
        let skip = |reason| Skipped {
            name: name.clone(),
            reason,
        };
        if file_name.starts_with('.') || file_name.starts_with('_') {
            if !is_dir {
                out.skipped.push(skip("hidden or `_` name"));
            } else {
                count_files(&path, root, "inside a hidden or `_` folder", out)?;
            }
            continue;
        }
        if ignore.is_match(rel) {
            if is_dir {
                count_files(&path, root, "named by .timelineignore", out)?;
            } else {
                out.skipped.push(skip("named by .timelineignore"));
            }
            continue;
        }
        if is_dir {
            walk(root, &path, ignore, out)?;
            continue;
        }
        if rel == Path::new(SETTINGS_FILE) {
            out.skipped.push(skip("site settings"));
            continue;
        }
        let lower = file_name.to_lowercase();
        let format = if lower.ends_with(".md") || lower.ends_with(".markdown") {
            Format::Markdown
        } else if lower.ends_with(".json") {
            Format::Json
        } else {
            out.skipped.push(skip("neither .md nor .json"));
            continue;
        };
        let stem = lower.split('.').next().unwrap_or("");
        if matches!(stem, "readme" | "license" | "changelog" | "contributing") {
            out.skipped.push(skip("a README or other project document"));
            continue;
        }
        out.candidates.push(Candidate { path, name, format });
    }
    Ok(())
}

/// A relative path with `/` between its parts (a `\\` inside a Unix file name stays).
fn portable_name(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Counts the files under a skipped folder, so that the totals still add up.
fn count_files(
    dir: &Path,
    root: &Path,
    reason: &'static str,
    out: &mut Discovery,
) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            count_files(&path, root, reason, out)?;
        } else {
            let name = portable_name(path.strip_prefix(root).unwrap_or(&path));
            out.skipped.push(Skipped { name, reason });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn finds_events_and_counts_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for f in [
            "a.md",
            "b.json",
            "README.md",
            "_draft.md",
            ".hidden.md",
            "notes.txt",
            "sub/c.md",
            "old/d.md",
            ".git/x",
            "timeline.toml",
        ] {
            let p = root.join(f);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, "x").unwrap();
        }
        fs::write(root.join(IGNORE_FILE), "# comment\nold/\n").unwrap();
        let d = discover(root).unwrap();
        let names: Vec<_> = d.candidates.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["a.md", "b.json", "sub/c.md"]);
        let skipped: Vec<_> = d.skipped.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            skipped,
            [
                ".git/x",
                ".hidden.md",
                ".timelineignore",
                "README.md",
                "_draft.md",
                "notes.txt",
                "old/d.md",
                "timeline.toml"
            ]
        );
        assert_eq!(d.skipped.last().unwrap().reason, "site settings");
    }
}
