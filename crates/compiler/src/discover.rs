//! Finds the event files under a corpus folder, and the files that are not events, without
//! ever reading outside the folder, opening what is not a regular file, or walking a loop.
//! (Long because what is read is one policy, every rule of it here: names, the ignore
//! list, links, kinds of file, loops, and folders that cannot be read.)

use crate::diagnostic::printable;
use crate::event::MAX_FILE_BYTES;
use crate::file::{self, Kind, ReadError};
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::collections::{HashSet, VecDeque};
use std::fs::FileType;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// The optional ignore list in a corpus folder: one glob a line, `#` starts a comment.
pub const IGNORE_FILE: &str = ".timelineignore";
/// The optional site settings in a corpus folder.
pub const SETTINGS_FILE: &str = "timeline.toml";

/// The formats an event file may have, by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `.md`, `.markdown`: YAML front matter, then a Markdown body.
    Markdown,
    /// `.json`: one object.
    Json,
    /// `.yaml`, `.yml`: one YAML mapping, no fences.
    Yaml,
}

impl Format {
    /// The format a file name's extension names (any case), if it is an event's.
    pub fn of(file_name: &str) -> Option<Format> {
        let lower = file_name.to_lowercase();
        let (_, extension) = lower.rsplit_once('.')?;
        match extension {
            "md" | "markdown" => Some(Format::Markdown),
            "json" => Some(Format::Json),
            "yaml" | "yml" => Some(Format::Yaml),
            _ => None,
        }
    }
}

/// Why a file whose extension names no event format is skipped.
pub const NOT_AN_EVENT_FORMAT: &str = "not an event format (.md, .json, .yaml)";

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

/// A folder (or an entry) that could not be read: one entry of the account.
#[derive(Debug)]
pub struct Unreadable {
    pub name: String,
    /// What went wrong, with the system's reason.
    pub reason: String,
}

/// The corpus's `timeline.toml`, when it has one (listed among the skipped files).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SettingsFile {
    /// A regular file (or a link to one inside the corpus) of at most the size limit.
    Usable,
    /// Something that is not read, and why (a FIFO, a link out of the corpus, …).
    Refused(&'static str),
}

#[derive(Debug, Default)]
pub struct Discovery {
    pub candidates: Vec<Candidate>,
    pub skipped: Vec<Skipped>,
    pub unreadable: Vec<Unreadable>,
    pub settings: Option<SettingsFile>,
}

impl Discovery {
    /// How many entries were found: each is a candidate, skipped or unreadable.
    pub fn entries(&self) -> usize {
        self.candidates.len() + self.skipped.len() + self.unreadable.len()
    }
}

/// Why a corpus folder could not be walked at all.
#[derive(Debug)]
pub enum Error {
    /// The folder itself could not be listed.
    Root(std::io::Error),
    /// The ignore list could not be read, or holds a bad pattern.
    Ignore(std::io::Error),
}

/// Why a link is not followed.
const OUTSIDE: &str = "a link to outside the corpus";
const READ_ALREADY: &str = "a link to a folder already read";

/// A folder's identity, whatever path leads to it: its device and inode.
type FolderId = (u64, u64);

fn folder_id(metadata: &std::fs::Metadata) -> FolderId {
    (metadata.dev(), metadata.ino())
}

/// Walks `root` recursively in byte order of names (so every run sees the same order).
/// Hidden and `_`-prefixed names (files and folders), README files, the settings and
/// ignore files, `links.json` (`timeline links`' results), files the ignore list names,
/// and files of no event format (`.md`, `.markdown`, `.json`, `.yaml`, `.yml`) are skipped
/// and counted.
///
/// Nothing outside the corpus is read: a link whose target is outside the corpus folder
/// (by their canonical paths) is skipped, and so is a FIFO, a socket or a device, which
/// could block the reader or never end. Each folder is read once: a link to a folder
/// already read (a loop included) is skipped, and links to folders are followed after
/// the folders themselves, so that a folder is read under its own name. A folder that
/// cannot be listed is reported, and the rest is read.
pub fn discover(root: &Path) -> Result<Discovery, Error> {
    let canonical_root = std::fs::canonicalize(root).map_err(Error::Root)?;
    let ignore = read_ignore(root, &canonical_root).map_err(Error::Ignore)?;
    let root_id = folder_id(&std::fs::metadata(root).map_err(Error::Root)?);
    let mut walker = Walker {
        root,
        canonical_root,
        ignore,
        read: HashSet::from([root_id]),
        links: VecDeque::new(),
        out: Discovery::default(),
    };
    walker.walk(root).map_err(Error::Root)?;
    while let Some((path, name, id)) = walker.links.pop_front() {
        if walker.read.insert(id) {
            walker.walk_below(&path, name);
        } else {
            walker.skip(name, READ_ALREADY);
        }
    }
    Ok(walker.out)
}

/// The ignore list, read as any file of the corpus is: a regular file inside the corpus,
/// of at most the size limit; anything else is an error (leaving it unread would check
/// the files it is there to leave out).
fn read_ignore(root: &Path, canonical_root: &Path) -> std::io::Result<GlobSet> {
    let invalid = |why: String| std::io::Error::new(std::io::ErrorKind::InvalidData, why);
    let path = root.join(IGNORE_FILE);
    let text = match std::fs::symlink_metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e),
        Ok(m) => {
            if m.file_type().is_symlink() {
                match std::fs::canonicalize(&path) {
                    // A link to nothing is no ignore list, as a missing file is none.
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                        return Ok(GlobSet::empty())
                    }
                    Err(e) => return Err(e),
                    Ok(target) if !target.starts_with(canonical_root) => {
                        return Err(invalid(format!("{IGNORE_FILE} is {OUTSIDE}")))
                    }
                    Ok(_) => {}
                }
            }
            let bytes = file::read(&path, MAX_FILE_BYTES).map_err(|e| match e {
                ReadError::Io(e) => e,
                other => invalid(format!("{IGNORE_FILE} is {other}")),
            })?;
            String::from_utf8(bytes)
                .map_err(|_| invalid(format!("{IGNORE_FILE} is not UTF-8 text")))?
        }
    };
    let mut builder = GlobSetBuilder::new();
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
                let why = format!("{IGNORE_FILE}: bad pattern {line:?}: {e}");
                return Err(invalid(printable(&why).into_owned()));
            }
        }
    }
    builder
        .build()
        .map_err(|e| invalid(printable(&e.to_string()).into_owned()))
}

/// What an entry is, with a link followed when it stays inside the corpus.
enum Target {
    Kind(Kind, Option<FolderId>),
    Outside,
}

struct Walker<'a> {
    root: &'a Path,
    canonical_root: PathBuf,
    ignore: GlobSet,
    /// Every folder read so far.
    read: HashSet<FolderId>,
    /// Links to folders inside the corpus, followed once the folders are read.
    links: VecDeque<(PathBuf, String, FolderId)>,
    out: Discovery,
}

impl Walker<'_> {
    fn skip(&mut self, name: String, reason: &'static str) {
        self.out.skipped.push(Skipped { name, reason });
    }

    /// Walks a folder below the root; one that cannot be listed is reported.
    fn walk_below(&mut self, dir: &Path, name: String) {
        if let Err(e) = self.walk(dir) {
            self.out.unreadable.push(Unreadable {
                name,
                reason: format!("could not read the folder: {e}"),
            });
        }
    }

    /// What the link at `path` leads to, never followed out of the corpus. A link that
    /// leads nowhere is taken for a file, which the reader then reports.
    fn follow(&self, path: &Path) -> Target {
        let Ok(target) = std::fs::canonicalize(path) else {
            return Target::Kind(Kind::File, None);
        };
        if !target.starts_with(&self.canonical_root) {
            return Target::Outside;
        }
        match std::fs::metadata(&target) {
            Ok(m) => Target::Kind(Kind::of(m.file_type()), Some(folder_id(&m))),
            Err(_) => Target::Kind(Kind::File, None),
        }
    }

    fn walk(&mut self, dir: &Path) -> std::io::Result<()> {
        let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = entry.path();
            let rel = path.strip_prefix(self.root).unwrap_or(&path).to_path_buf();
            let name = portable_name(&rel);
            let file_name = entry.file_name().to_string_lossy().into_owned();
            let file_type = match entry.file_type() {
                Ok(t) => t,
                Err(e) => {
                    self.out.unreadable.push(Unreadable {
                        name,
                        reason: format!("could not tell what this is: {e}"),
                    });
                    continue;
                }
            };
            if rel == Path::new(SETTINGS_FILE) {
                self.settings(&path, file_type, name);
                continue;
            }
            if rel == Path::new(crate::links::FILE) {
                self.skip(name, "link health (timeline links)");
                continue;
            }
            // Hidden and ignored entries are never followed: the files of a real folder
            // are counted, a link is one entry.
            let skipped_as = if file_name.starts_with('.') || file_name.starts_with('_') {
                Some(("hidden or `_` name", "inside a hidden or `_` folder"))
            } else if self.ignore.is_match(&rel) {
                Some(("named by .timelineignore", "named by .timelineignore"))
            } else {
                None
            };
            if let Some((as_file, as_folder)) = skipped_as {
                if file_type.is_dir() {
                    count_files(&path, self.root, as_folder, &mut self.out);
                } else {
                    self.skip(name, as_file);
                }
                continue;
            }
            let kind = match self.target(&path, file_type) {
                Target::Outside => {
                    self.skip(name, OUTSIDE);
                    continue;
                }
                Target::Kind(Kind::Folder, Some(id)) if file_type.is_symlink() => {
                    self.links.push_back((path, name, id));
                    continue;
                }
                Target::Kind(Kind::Folder, id) => {
                    if id.is_some_and(|id| !self.read.insert(id)) {
                        self.skip(name, "a folder already read (mounted twice)");
                    } else {
                        self.walk_below(&path, name);
                    }
                    continue;
                }
                Target::Kind(kind, _) => kind,
            };
            let Some(format) = Format::of(&file_name) else {
                self.skip(name, NOT_AN_EVENT_FORMAT);
                continue;
            };
            let lower = file_name.to_lowercase();
            let stem = lower.split('.').next().unwrap_or("");
            if matches!(stem, "readme" | "license" | "changelog" | "contributing") {
                self.skip(name, "a README or other project document");
                continue;
            }
            if let Kind::Other(reason) = kind {
                self.skip(name, reason);
                continue;
            }
            self.out.candidates.push(Candidate { path, name, format });
        }
        Ok(())
    }

    /// What the entry at `path` is, a link followed (inside the corpus only).
    fn target(&self, path: &Path, file_type: FileType) -> Target {
        if file_type.is_symlink() {
            return self.follow(path);
        }
        let id = file_type
            .is_dir()
            .then(|| std::fs::symlink_metadata(path).ok());
        Target::Kind(Kind::of(file_type), id.flatten().map(|m| folder_id(&m)))
    }

    /// The settings file: listed as skipped (it is no event), and whether it may be read
    /// (as the ignore list names it or not: the settings apply either way).
    fn settings(&mut self, path: &Path, file_type: FileType, name: String) {
        let refused = match self.target(path, file_type) {
            Target::Outside => Some(OUTSIDE),
            Target::Kind(Kind::Folder, _) => Some("a folder, not a file"),
            Target::Kind(Kind::Other(reason), _) => Some(reason),
            Target::Kind(Kind::File, _) => too_large(path).then_some("larger than 4 MiB"),
        };
        self.out.settings = Some(refused.map_or(SettingsFile::Usable, SettingsFile::Refused));
        let reason = if self.ignore.is_match(SETTINGS_FILE) {
            "named by .timelineignore"
        } else {
            refused.unwrap_or("site settings")
        };
        self.skip(name, reason);
    }
}

/// Whether the file at `path` says it is larger than a file of the corpus may be.
fn too_large(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.len() > MAX_FILE_BYTES)
}

/// A relative path with `/` between its parts (a `\\` inside a Unix file name stays).
fn portable_name(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Counts the files under a skipped folder, so that the totals still add up. Links are
/// not followed, and a folder that cannot be listed counts as one entry.
fn count_files(dir: &Path, root: &Path, reason: &'static str, out: &mut Discovery) {
    let name = |path: &Path| portable_name(path.strip_prefix(root).unwrap_or(path));
    let listed = std::fs::read_dir(dir).and_then(|entries| entries.collect::<Result<Vec<_>, _>>());
    let Ok(mut entries) = listed else {
        out.skipped.push(Skipped {
            name: name(dir),
            reason,
        });
        return;
    };
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            count_files(&path, root, reason, out);
        } else {
            out.skipped.push(Skipped {
                name: name(&path),
                reason,
            });
        }
    }
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
            "c.yaml",
            "d.YML",
            "e.markdown",
            "_config.yml",
            "README.md",
            "_draft.md",
            ".hidden.md",
            "notes.txt",
            "sub/c.md",
            "old/d.md",
            ".git/x",
            "timeline.toml",
            "links.json",
            "sub/links.json",
        ] {
            let p = root.join(f);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, "x").unwrap();
        }
        fs::write(root.join(IGNORE_FILE), "# comment\nold/\n").unwrap();
        let d = discover(root).unwrap();
        let names: Vec<_> = d.candidates.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "a.md",
                "b.json",
                "c.yaml",
                "d.YML",
                "e.markdown",
                "sub/c.md",
                "sub/links.json"
            ]
        );
        let formats: Vec<Format> = d.candidates.iter().map(|c| c.format).collect();
        use Format::*;
        assert_eq!(
            formats,
            [Markdown, Json, Yaml, Yaml, Markdown, Markdown, Json]
        );
        let skipped: Vec<_> = d.skipped.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            skipped,
            [
                ".git/x",
                ".hidden.md",
                ".timelineignore",
                "README.md",
                "_config.yml",
                "_draft.md",
                "links.json",
                "notes.txt",
                "old/d.md",
                "timeline.toml"
            ]
        );
        assert_eq!(d.skipped.last().unwrap().reason, "site settings");
        assert_eq!(d.settings, Some(SettingsFile::Usable));
    }

    #[test]
    fn a_folder_is_read_under_its_own_name_before_a_link_to_it() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir(root.join("real")).unwrap();
        fs::write(root.join("real/a.md"), "x").unwrap();
        // `alias` sorts first, but the folder is read as `real`.
        std::os::unix::fs::symlink("real", root.join("alias")).unwrap();
        let d = discover(root).unwrap();
        let names: Vec<_> = d.candidates.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["real/a.md"]);
        assert_eq!(
            d.skipped,
            [Skipped {
                name: "alias".into(),
                reason: READ_ALREADY
            }]
        );
    }
}
