//! The checks of an event's sources (`sources`, or `citations`): each becomes a
//! [`Source`] with a link only when its URL passes the one URL policy ([`crate::url`]);
//! the rest is kept as text or dropped, with a warning at the source's own line.

use super::fields::Reader;
use crate::diagnostic::Code;
use crate::raw::Raw;
use timeline_bundle::Source;

impl Reader<'_> {
    /// The sources under `key` (`sources` or `citations`): a list of mappings (`url`,
    /// `title`, `outlet` or `publisher` or `publication`, `author`, `date`, `tier`,
    /// `archive_url` or `archived`), of bare URLs, or of plain texts (citations without a
    /// link: [`bare`]). A problem is reported at the source's own line, found by its URL or
    /// title, and names the source as `key` does ("source 2", "citation 2").
    pub fn sources(&mut self, value: Option<&Raw>, key: &str) -> Vec<Source> {
        let key_line = self.line_of(key);
        let noun = if key == "citations" {
            "citation"
        } else {
            "source"
        };
        let items = match value {
            None | Some(Raw::Null) => return Vec::new(),
            Some(Raw::List(items)) => items.clone(),
            Some(v @ (Raw::Map(_) | Raw::Str(_))) => vec![v.clone()],
            Some(v) => {
                self.report(
                    key_line,
                    Code::InvalidField,
                    format!("`{key}` should be a list, not {}; ignored", v.type_name()),
                    format!("write `{key}:` then `- url: …` entries"),
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
                Raw::Str(s) if s.trim().is_empty() => {
                    self.report(
                        cursor,
                        Code::InvalidField,
                        format!("{noun} {} is blank; ignored", n + 1),
                        format!("delete the empty entry, or write the {noun}"),
                    );
                    continue;
                }
                Raw::Str(s) => bare(s),
                Raw::Map(_) => (text_of("url"), text_of("title")),
                other => {
                    self.report(
                        cursor,
                        Code::InvalidField,
                        format!(
                            "{noun} {} is {}, not a mapping; ignored",
                            n + 1,
                            other.type_name()
                        ),
                        format!("write each {noun} as `- url: …` with `title:` and `outlet:`"),
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
                None if matches!(item, Raw::Str(_)) => self.report(
                    cursor,
                    Code::SourceWithoutUrl,
                    format!(
                        "{noun} {} is plain text, without a link; kept as text",
                        n + 1
                    ),
                    "add the address where readers can check it, as `- url: …` with `title: …`",
                ),
                None => self.report(
                    cursor,
                    Code::SourceWithoutUrl,
                    format!("{noun} {} has no `url`", n + 1),
                    "add the address where readers can check the source",
                ),
                Some(u) if crate::url::is_http(&u) => source.url = Some(u),
                Some(u) => {
                    self.report(
                        cursor,
                        Code::NonHttpUrl,
                        format!(
                            "the URL `{u}` of {noun} {} is not http(s); shown as text, not linked",
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
                            "the tier `{}` of {noun} {} is not 1 to 4; ignored",
                            other.display(),
                            n + 1
                        ),
                        "tier is 1 (primary, best) to 4",
                    ),
                }
            }
            // `archived` is another spelling of `archive_url`; of two that differ, the
            // first is kept and the other reported.
            let archive = match (text_of("archive_url"), text_of("archived")) {
                (Some(a), Some(b)) if a != b => {
                    self.report(
                        cursor,
                        Code::InvalidField,
                        format!(
                            "{noun} {} has both `archive_url` and `archived`, which differ; `archived` is ignored",
                            n + 1
                        ),
                        "keep one archive URL per source",
                    );
                    Some(a)
                }
                (a, b) => a.or(b),
            };
            if let Some(archive) = archive {
                if crate::url::is_http(&archive) {
                    source.archive_url = Some(archive);
                } else {
                    self.report(
                        cursor,
                        Code::NonHttpUrl,
                        format!(
                            "the archive URL `{archive}` of {noun} {} is not http(s); ignored",
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

/// A source written as one text, as `(url, title)`: a URL when it is one word that starts
/// with a scheme (`https:`, `ftp:`, …) or `www.`; a link with its title when it ends with
/// an http(s) URL (`Outlet — Headline (Jun 2025): https://…`, as hand-written citations
/// go); else a citation without a link, kept as its title.
fn bare(text: &str) -> (Option<String>, Option<String>) {
    let text = text.trim();
    if let Some((before, last)) = text.rsplit_once(char::is_whitespace) {
        let title = before.trim_end_matches(|c: char| c.is_whitespace() || ":-–—".contains(c));
        if crate::url::is_http(last) && !title.is_empty() {
            return (Some(last.to_string()), Some(title.to_string()));
        }
    }
    let scheme = text.split_once(':').is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    let one_word = !text.contains(char::is_whitespace);
    if one_word && (scheme || text.to_ascii_lowercase().starts_with("www.")) {
        (Some(text.to_string()), None)
    } else {
        (None, Some(text.to_string()))
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
