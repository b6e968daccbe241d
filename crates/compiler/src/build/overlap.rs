//! The refusal to build into a folder that overlaps the corpus: the build writes and
//! removes files in OUT, so OUT inside the corpus (or the corpus inside OUT, or both the
//! same) could overwrite or delete event files. Paths are compared as the file system
//! resolves them (symbolic links, `..`), so no spelling slips through.

use std::path::{Component, Path, PathBuf};

/// OUT and the corpus overlap: which is inside which, as the user named them.
#[derive(Debug)]
pub struct Overlap {
    pub corpus: PathBuf,
    pub out: PathBuf,
    pub how: How,
}

/// How the two folders overlap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum How {
    /// They are one folder.
    Same,
    /// OUT is inside the corpus.
    OutInsideCorpus,
    /// The corpus is inside OUT.
    CorpusInsideOut,
}

impl std::fmt::Display for Overlap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (corpus, out) = (self.corpus.display(), self.out.display());
        match self.how {
            How::Same => write!(
                f,
                "the output folder {out} is the corpus folder {corpus}: the build writes and \
                 removes files there, and would overwrite the event files; \
                 choose an output folder outside the corpus (e.g. `-o dist`)"
            ),
            How::OutInsideCorpus => write!(
                f,
                "the output folder {out} is inside the corpus folder {corpus}: the built pages \
                 would mix with the event files (and the next check would read them); \
                 choose an output folder outside the corpus"
            ),
            How::CorpusInsideOut => write!(
                f,
                "the corpus folder {corpus} is inside the output folder {out}: the build writes \
                 and removes files there, and would overwrite the event files; \
                 choose an output folder that does not hold the corpus, or move the corpus out of it"
            ),
        }
    }
}

impl std::error::Error for Overlap {}

/// `Err` when `out` and `corpus` overlap. A corpus that cannot be resolved is not refused
/// here: the check says what is wrong with it.
pub fn refuse(corpus: &Path, out: &Path) -> Result<(), Overlap> {
    let (Ok(real_corpus), Some(real_out)) = (corpus.canonicalize(), resolve(out)) else {
        return Ok(());
    };
    let how = if real_out == real_corpus {
        How::Same
    } else if real_out.starts_with(&real_corpus) {
        How::OutInsideCorpus
    } else if real_corpus.starts_with(&real_out) {
        How::CorpusInsideOut
    } else {
        return Ok(());
    };
    Err(Overlap {
        corpus: corpus.to_path_buf(),
        out: out.to_path_buf(),
        how,
    })
}

/// The real path `path` has, or will have once made: its nearest existing ancestor
/// resolved, and the rest (which cannot hold a link, as it does not exist) followed by
/// hand.
fn resolve(path: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(path).ok()?;
    for ancestor in absolute.ancestors() {
        let Ok(mut real) = ancestor.canonicalize() else {
            continue;
        };
        let rest = absolute.strip_prefix(ancestor).ok()?;
        for part in rest.components() {
            match part {
                Component::ParentDir => {
                    real.pop();
                }
                Component::Normal(name) => real.push(name),
                Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
            }
        }
        return Some(real);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_apart_are_not_refused_even_when_their_names_share_a_prefix() {
        let tmp = tempfile::tempdir().unwrap();
        let corpus = tmp.path().join("events");
        std::fs::create_dir(&corpus).unwrap();
        for out in ["events-site", "dist", "dist/new/deeper"] {
            assert!(refuse(&corpus, &tmp.path().join(out)).is_ok(), "{out}");
        }
        // A corpus that is not there: the check reports it.
        assert!(refuse(&tmp.path().join("missing"), &corpus).is_ok());
    }

    #[test]
    fn a_path_not_made_yet_resolves_through_its_existing_ancestor() {
        let tmp = tempfile::tempdir().unwrap();
        let real = tmp.path().canonicalize().unwrap();
        assert_eq!(
            resolve(&tmp.path().join("a/b/../c")),
            Some(real.join("a/c"))
        );
        assert_eq!(resolve(tmp.path()), Some(real));
    }
}
