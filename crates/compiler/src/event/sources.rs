//! The checks of an event's sources: each becomes a [`Source`] with a link only when its
//! URL passes the one URL policy ([`crate::url`]); the rest is kept as text or dropped,
//! with a warning at the source's own line.

use super::fields::Reader;
use crate::diagnostic::Code;
use crate::raw::Raw;
use timeline_bundle::Source;

impl Reader<'_> {
    /// The `sources`: a list of mappings (`url`, `title`, `outlet` or `publisher` or
    /// `publication`, `author`, `date`, `tier`, `archive_url`) or of bare URLs. A problem
    /// is reported at the source's own line, found by its URL or title.
    pub fn sources(&mut self, value: Option<&Raw>) -> Vec<Source> {
        let key_line = self.line_of("sources");
        let items = match value {
            None | Some(Raw::Null) => return Vec::new(),
            Some(Raw::List(items)) => items.clone(),
            Some(v @ Raw::Map(_)) => vec![v.clone()],
            Some(v) => {
                self.report(
                    key_line,
                    Code::InvalidField,
                    format!("`sources` should be a list, not {}; ignored", v.type_name()),
                    "write `sources:` then `- url: …` entries",
                );
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        let mut cursor = key_line;
        let mut previous_size = 0;
        for (n, item) in items.iter().enumerate() {
            // The next source's URL or title is at most the rest of this one and the
            // start of the next away, however they are written (quotes, escapes, keys).
            let size = written_size(item);
            let window = 8 * (previous_size + size) + 1024;
            previous_size = size;
            let text_of = |k: &str| {
                item.get(k)
                    .and_then(Raw::as_text)
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
            };
            let (url, title) = match item {
                Raw::Str(s) => (Some(s.trim().to_string()), None),
                Raw::Map(_) => (text_of("url"), text_of("title")),
                other => {
                    self.report(
                        cursor,
                        Code::InvalidField,
                        format!(
                            "source {} is {}, not a mapping; ignored",
                            n + 1,
                            other.type_name()
                        ),
                        "write each source as `- url: …` with `title:` and `outlet:`",
                    );
                    continue;
                }
            };
            let anchor = url.clone().or(title.clone()).unwrap_or_default();
            if !anchor.is_empty() {
                cursor = self.line_with(
                    cursor,
                    anchor.get(..anchor.len().min(60)).unwrap_or(&anchor),
                    window,
                );
            }
            let mut source = Source {
                title,
                outlet: text_of("outlet")
                    .or_else(|| text_of("publisher"))
                    .or_else(|| text_of("publication")),
                author: text_of("author"),
                date: text_of("date"),
                ..Source::default()
            };
            match url {
                None => self.report(
                    cursor,
                    Code::SourceWithoutUrl,
                    format!("source {} has no `url`", n + 1),
                    "add the address where readers can check the source",
                ),
                Some(u) if crate::url::is_http(&u) => source.url = Some(u),
                Some(u) => {
                    self.report(
                        cursor,
                        Code::NonHttpUrl,
                        format!(
                            "the URL `{u}` of source {} is not http(s); shown as text, not linked",
                            n + 1
                        ),
                        "use an http:// or https:// address",
                    );
                    source.unlinked_url = Some(u);
                }
            }
            if let Some(tier) = item.get("tier") {
                match tier {
                    Raw::Int(t @ 1..=4) => source.tier = Some(*t as u8),
                    Raw::Str(s) if matches!(s.trim(), "1" | "2" | "3" | "4") => {
                        source.tier = s.trim().parse().ok()
                    }
                    Raw::Null => {}
                    other => self.report(
                        cursor,
                        Code::InvalidField,
                        format!(
                            "the tier `{}` of source {} is not 1 to 4; ignored",
                            other.display(),
                            n + 1
                        ),
                        "tier is 1 (primary, best) to 4",
                    ),
                }
            }
            if let Some(archive) = text_of("archive_url") {
                if crate::url::is_http(&archive) {
                    source.archive_url = Some(archive);
                } else {
                    self.report(
                        cursor,
                        Code::NonHttpUrl,
                        format!(
                            "the archive URL `{archive}` of source {} is not http(s); ignored",
                            n + 1
                        ),
                        "use an http:// or https:// address",
                    );
                }
            }
            out.push(source);
        }
        out
    }
}

/// About how many bytes `value` takes written out (its text, keys and items; a number
/// or a mark counts as a few).
fn written_size(value: &Raw) -> usize {
    match value {
        Raw::Str(s) => s.len() + 2,
        Raw::List(items) => items.iter().map(|i| written_size(i) + 2).sum(),
        Raw::Map(pairs) => pairs
            .iter()
            .map(|(k, v)| k.len() + 2 + written_size(v))
            .sum(),
        _ => 8,
    }
}
