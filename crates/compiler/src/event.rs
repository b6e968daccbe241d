//! Reads one event file into a checked [`Parsed`] event, or rejects it: decoding, the
//! split into front matter and body, the syntax, then each field with its own diagnostics.

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::discover::{Candidate, Format};
use crate::frontmatter;
use crate::raw::Raw;
use timeline_bundle::date::{DateError, PartialDate};
use timeline_bundle::Source;

/// Files larger than this are rejected before parsing.
pub const MAX_FILE_BYTES: u64 = 4 << 20;

/// Statuses the model knows; others are kept with a warning.
pub const KNOWN_STATUSES: &[&str] = &[
    "confirmed",
    "alleged",
    "reported",
    "speculative",
    "developing",
    "disputed",
    "predicted",
];

/// Front-matter fields the model knows; others are kept as extras with a warning.
pub const KNOWN_FIELDS: &[&str] = &[
    "id",
    "date",
    "title",
    "importance",
    "tags",
    "actors",
    "sources",
    "status",
    "capture_lanes",
    "capture_lane",
    "location",
    "description",
    "summary",
    "connections",
    "patterns",
    "notes",
];

/// An event that passed every check that can reject it, before normalisation.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parsed {
    pub file: String,
    pub format_is_json: bool,
    pub id: String,
    pub id_line: usize,
    pub date: PartialDate,
    pub title: String,
    pub importance: Option<u8>,
    pub status: Option<String>,
    pub tags: Vec<String>,
    pub actors: Vec<String>,
    pub lanes: Vec<String>,
    pub sources: Vec<Source>,
    pub location: Option<String>,
    pub summary: Option<String>,
    pub body: String,
    pub connections: Vec<String>,
    pub patterns: Vec<String>,
    pub notes: Option<String>,
    pub extra: Vec<(String, String)>,
}

/// What became of one file.
#[derive(Debug, Default)]
pub struct FileOutcome {
    pub event: Option<Parsed>,
    pub diagnostics: Vec<Diagnostic>,
    /// The file's text, kept only when there is a diagnostic to show it with.
    pub text: Option<String>,
}

pub fn read(candidate: &Candidate, extra_known: &[String]) -> FileOutcome {
    let name = candidate.name.as_str();
    let reject = |d: Diagnostic| FileOutcome {
        event: None,
        diagnostics: vec![d],
        text: None,
    };
    match std::fs::metadata(&candidate.path) {
        Ok(m) if m.len() > MAX_FILE_BYTES => {
            return reject(
                Diagnostic::new(
                    name,
                    0,
                    Code::FileTooLarge,
                    format!(
                        "the file is {} bytes, more than the 4 MiB an event may have",
                        m.len()
                    ),
                )
                .hint("an event is a page of text; split the file or move attachments elsewhere"),
            )
        }
        Ok(_) => {}
        Err(e) => {
            return reject(Diagnostic::new(
                name,
                0,
                Code::Unreadable,
                format!("could not read the file: {e}"),
            ))
        }
    }
    let bytes = match std::fs::read(&candidate.path) {
        Ok(b) => b,
        Err(e) => {
            return reject(Diagnostic::new(
                name,
                0,
                Code::Unreadable,
                format!("could not read the file: {e}"),
            ))
        }
    };
    let mut outcome = parse_bytes(name, candidate.format, &bytes, extra_known);
    if !outcome.diagnostics.is_empty() {
        outcome.text = decode(&bytes).ok();
    }
    outcome
}

/// Strips a BOM and makes line ends LF; the error names the line and column (in
/// characters) of the first bad byte.
pub fn decode(bytes: &[u8]) -> Result<String, (usize, usize)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(if text.contains('\r') {
            text.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            text.to_string()
        }),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = 1 + good.iter().filter(|&&b| b == b'\n').count();
            // Columns count characters, as everywhere else (the valid prefix is UTF-8).
            let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let column =
                1 + std::str::from_utf8(&good[line_start..]).map_or(0, |s| s.chars().count());
            Err((line, column))
        }
    }
}

/// The whole check of one file's bytes. Public for the fuzzer and the tests.
pub fn parse_bytes(
    name: &str,
    format: Format,
    bytes: &[u8],
    extra_known: &[String],
) -> FileOutcome {
    let mut out = FileOutcome::default();
    let text = match decode(bytes) {
        Ok(t) => t,
        Err((line, column)) => {
            out.diagnostics.push(
                Diagnostic::new(name, line, Code::NotUtf8, "the file is not UTF-8 text")
                    .column(column)
                    .hint("save the file as UTF-8 (most editors offer it under \"Save with encoding\")"),
            );
            return out;
        }
    };
    if text.trim().is_empty() {
        out.diagnostics.push(
            Diagnostic::new(name, 0, Code::EmptyFile, "the file is empty")
                .hint("write the event, or delete the file"),
        );
        return out;
    }
    let parsed = match format {
        Format::Markdown => frontmatter::split(name, &text).and_then(|split| {
            out.diagnostics.extend(split.warnings);
            let raw = crate::yaml::parse(name, &split.yaml, split.yaml_line)?;
            if let Some(depth) = crate::markdown::too_deep(split.body) {
                // The body is a suffix of the text: its first line is after the fence.
                let before = &text[..text.len() - split.body.len()];
                out.diagnostics.push(too_deep(
                    name,
                    before.matches('\n').count() + 1,
                    "body",
                    depth,
                ));
            }
            Ok((raw, split.keys, split.body.to_string()))
        }),
        Format::Json => {
            crate::json::parse(name, &text).map(|(raw, keys)| (raw, keys, String::new()))
        }
    };
    let (raw, keys, body) = match parsed {
        Ok(p) => p,
        Err(d) => {
            out.diagnostics.push(d);
            return out;
        }
    };
    let Raw::Map(fields) = raw else {
        out.diagnostics.push(
            Diagnostic::new(
                name,
                1,
                Code::NotAMapping,
                format!(
                    "the event is {}, not a set of `key: value` fields",
                    raw.type_name()
                ),
            )
            .hint("an event's fields are written `id: …`, `date: …`, `title: …`, one a line"),
        );
        return out;
    };
    let mut reader = Reader {
        name,
        text: &text,
        keys,
        diagnostics: std::mem::take(&mut out.diagnostics),
    };
    out.event = reader.build(fields, body, format, extra_known);
    out.diagnostics = reader.diagnostics;
    if out
        .diagnostics
        .iter()
        .any(|d| d.severity() == Severity::Error)
    {
        out.event = None;
    }
    out
}

fn too_deep(name: &str, line: usize, what: &str, depth: usize) -> Diagnostic {
    Diagnostic::new(
        name,
        line,
        Code::InvalidField,
        format!(
            "the {what} nests {depth} levels deep, more than {}; it is shown as plain text",
            crate::markdown::MAX_DEPTH
        ),
    )
    .hint("flatten the nested lists, quotes or tags")
}

/// Reads fields, collecting diagnostics that point at each field's line.
struct Reader<'a> {
    name: &'a str,
    text: &'a str,
    keys: Vec<(String, usize)>,
    diagnostics: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn line_of(&self, key: &str) -> usize {
        self.keys.iter().find(|(k, _)| k == key).map_or(1, |k| k.1)
    }

    /// The line, at or after `from`, where `needle` first appears.
    fn line_with(&self, from: usize, needle: &str) -> usize {
        self.text
            .lines()
            .enumerate()
            .skip(from.saturating_sub(1))
            .find(|(_, l)| l.contains(needle))
            .map_or(from, |(i, _)| i + 1)
    }

    fn report(&mut self, line: usize, code: Code, message: String, hint: &str) {
        self.diagnostics
            .push(Diagnostic::new(self.name, line, code, message).hint(hint));
    }

    fn build(
        &mut self,
        fields: Vec<(String, Raw)>,
        body: String,
        format: Format,
        extra_known: &[String],
    ) -> Option<Parsed> {
        let mut e = Parsed {
            file: self.name.to_string(),
            format_is_json: format == Format::Json,
            body,
            ..Parsed::default()
        };
        let get = |key: &str| fields.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v);

        // Required fields: any problem here rejects the file.
        let id = self.required_text(get("id"), "id", Code::MissingId, Code::InvalidId);
        let date = self.date(get("date"));
        let title = self.required_text(
            get("title"),
            "title",
            Code::MissingTitle,
            Code::MissingTitle,
        );
        if let Some(id) = &id {
            self.check_id(id);
        }
        let (Some(id), Some(date), Some(title)) = (id, date, title) else {
            return None;
        };
        e.id_line = self.line_of("id");
        e.id = id;
        e.date = date;
        e.title = title;

        e.importance = self.importance(get("importance"));
        e.status = get("status").and_then(|v| self.text_field(v, "status"));
        if let Some(status) = &e.status {
            let key = timeline_bundle::text::canonical_key(status);
            if !KNOWN_STATUSES.contains(&key.as_str()) {
                let line = self.line_of("status");
                self.report(
                    line,
                    Code::UnknownStatus,
                    format!("unknown status `{status}`"),
                    &format!("use one of: {}", KNOWN_STATUSES.join(", ")),
                );
            }
        }
        e.tags = self.list(get("tags"), "tags");
        e.actors = self.list(get("actors"), "actors");
        e.lanes = self.list(get("capture_lanes"), "capture_lanes");
        for lane in self.list(get("capture_lane"), "capture_lane") {
            if !e.lanes.contains(&lane) {
                e.lanes.push(lane);
            }
        }
        e.sources = self.sources(get("sources"));
        e.location = get("location").and_then(|v| match v {
            Raw::Map(_) | Raw::List(_) => Some(v.display()).filter(|s| !s.is_empty()),
            _ => self.text_field(v, "location"),
        });
        // `description` wins over `summary`; a problem is reported under the key it has.
        let summary_key = if get("description").is_some() {
            "description"
        } else {
            "summary"
        };
        e.summary = get(summary_key).and_then(|v| self.text_field(v, summary_key));
        if let Some(depth) = e.summary.as_deref().and_then(crate::markdown::too_deep) {
            let line = self.line_of(summary_key);
            self.diagnostics
                .push(too_deep(self.name, line, summary_key, depth));
        }
        if get("description").is_some() && get("summary").is_some() {
            e.extra.push((
                "summary".into(),
                get("summary").map(Raw::display).unwrap_or_default(),
            ));
        }
        e.connections = match get("connections") {
            // `relation: [ids]`, as some corpora group their links: keep the ids.
            Some(Raw::Map(groups)) => {
                let ids: Vec<Raw> = groups
                    .iter()
                    .flat_map(|(_, v)| match v {
                        Raw::List(items) => items.clone(),
                        other => vec![other.clone()],
                    })
                    .collect();
                self.list(Some(&Raw::List(ids)), "connections")
            }
            Some(Raw::List(items)) if items.iter().any(|i| matches!(i, Raw::Map(_))) => {
                let ids: Vec<Raw> = items
                    .iter()
                    .flat_map(|i| match i {
                        Raw::Map(_) => i
                            .get("id")
                            .or(i.get("event"))
                            .or(i.get("event_id"))
                            .cloned()
                            .into_iter()
                            .collect(),
                        other => vec![other.clone()],
                    })
                    .collect();
                self.list(Some(&Raw::List(ids)), "connections")
            }
            other => self.list(other, "connections"),
        };
        e.patterns = self.list(get("patterns"), "patterns");
        e.notes = get("notes")
            .map(Raw::display)
            .filter(|s| !s.trim().is_empty());

        for (key, value) in &fields {
            if KNOWN_FIELDS.contains(&key.as_str()) || e.extra.iter().any(|(k, _)| k == key) {
                continue;
            }
            if !extra_known.iter().any(|k| k == key) {
                let line = self.line_of(key);
                self.report(
                    line,
                    Code::UnknownField,
                    format!("unknown field `{key}`; kept as an extra"),
                    "if the field is meant to be there, list it under `extra_fields` in timeline.toml",
                );
            }
            let shown = value.display();
            if !shown.trim().is_empty() {
                e.extra
                    .push((key.clone(), shown.chars().take(4000).collect()));
            }
        }
        Some(e)
    }

    fn required_text(
        &mut self,
        value: Option<&Raw>,
        key: &str,
        missing: Code,
        invalid: Code,
    ) -> Option<String> {
        let line = self.line_of(key);
        match value {
            None | Some(Raw::Null) => {
                let hint = match key {
                    "id" => {
                        "add `id: ` with a unique name, usually the file name without its extension"
                    }
                    _ => "add `title: ` with a short headline",
                };
                self.report(line, missing, format!("the event has no `{key}`"), hint);
                None
            }
            Some(v) => match v.as_text().map(|s| s.trim().to_string()) {
                Some(s) if !s.is_empty() => Some(s),
                blank => {
                    let message = match blank {
                        Some(_) => format!("`{key}` is empty"),
                        None => format!("`{key}` must be text, not {}", v.type_name()),
                    };
                    self.report(line, invalid, message, "write it as text on one line");
                    None
                }
            },
        }
    }

    fn check_id(&mut self, id: &str) {
        let line = self.line_of("id");
        let bad = if id.chars().count() > 200 {
            Some("is longer than 200 characters")
        } else if id.contains('/') {
            Some("holds `/`, which would break its permalink")
        } else if id.chars().any(char::is_control) {
            Some("holds a control character")
        } else if id == "." || id == ".." {
            Some("is `.` or `..`")
        } else {
            None
        };
        if let Some(why) = bad {
            self.report(
                line,
                Code::InvalidId,
                format!("the id `{}` {why}", id.escape_debug()),
                "use letters, digits and `-`, like `2017-05-10--short-slug`",
            );
            return;
        }
        let stem = self.name.rsplit('/').next().unwrap_or(self.name);
        let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s);
        if stem != id {
            self.report(
                line,
                Code::IdMismatch,
                format!("the id `{id}` differs from the file name `{stem}`"),
                "rename the file or change the id, so that links and edits find the same event",
            );
        }
    }

    fn date(&mut self, value: Option<&Raw>) -> Option<PartialDate> {
        let line = self.line_of("date");
        let Some(value) = value.filter(|v| **v != Raw::Null) else {
            self.report(
                line,
                Code::MissingDate,
                "the event has no `date`".into(),
                "add `date: YYYY-MM-DD` (or `YYYY-MM`, or `YYYY` when only the year is known)",
            );
            return None;
        };
        let text = value.as_text().unwrap_or_default();
        match PartialDate::parse(&text) {
            Ok(d) => Some(d),
            Err(DateError::Format) => {
                self.report(
                    line,
                    Code::InvalidDate,
                    format!("`{text}` is not a date"),
                    "write the date as YYYY-MM-DD, YYYY-MM or YYYY",
                );
                None
            }
            Err(DateError::Impossible) => {
                self.report(
                    line,
                    Code::ImpossibleDate,
                    format!("the date `{text}` does not exist"),
                    "check the day and the month: months have 28 to 31 days",
                );
                None
            }
        }
    }

    fn importance(&mut self, value: Option<&Raw>) -> Option<u8> {
        let line = self.line_of("importance");
        let hint = "importance is a whole number from 1 (minor) to 10 (historic)";
        match value {
            None | Some(Raw::Null) => {
                self.report(
                    line,
                    Code::MissingImportance,
                    "the event has no `importance`".into(),
                    hint,
                );
                None
            }
            Some(v) => {
                let n = match v {
                    Raw::Int(i) => Some(*i),
                    Raw::Str(s) => s.trim().parse::<i64>().ok(),
                    Raw::Float(f) if f.fract() == 0.0 => Some(*f as i64),
                    _ => None,
                };
                match n {
                    Some(n @ 1..=10) => Some(n as u8),
                    _ => {
                        self.report(
                            line,
                            Code::ImportanceOutOfRange,
                            format!("importance `{}` is not from 1 to 10; ignored", v.display()),
                            hint,
                        );
                        None
                    }
                }
            }
        }
    }

    fn text_field(&mut self, value: &Raw, key: &str) -> Option<String> {
        match value {
            Raw::Null => None,
            v => match v.as_text() {
                Some(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
                None => {
                    let line = self.line_of(key);
                    self.report(
                        line,
                        Code::InvalidField,
                        format!("`{key}` should be text, not {}; ignored", v.type_name()),
                        "write it as text",
                    );
                    None
                }
            },
        }
    }

    /// A list of text, or one text value, with empty entries and exact repeats left out.
    fn list(&mut self, value: Option<&Raw>, key: &str) -> Vec<String> {
        let items: Vec<&Raw> = match value {
            None | Some(Raw::Null) => return Vec::new(),
            Some(Raw::List(items)) => items.iter().collect(),
            Some(v) => vec![v],
        };
        let mut out: Vec<String> = Vec::new();
        for item in items {
            match item.as_text() {
                Some(s) => {
                    let s = s.trim().to_string();
                    if !s.is_empty() && !out.contains(&s) {
                        out.push(s);
                    }
                }
                None if *item == Raw::Null => {}
                None => {
                    let line = self.line_of(key);
                    self.report(
                        line,
                        Code::InvalidField,
                        format!(
                            "an entry of `{key}` is {}, not text; ignored",
                            item.type_name()
                        ),
                        "write each entry as text",
                    );
                }
            }
        }
        out
    }

    fn sources(&mut self, value: Option<&Raw>) -> Vec<Source> {
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
        for (n, item) in items.iter().enumerate() {
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
                Some(u) if is_http(&u) => source.url = Some(u),
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
                if is_http(&archive) {
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

/// Whether a URL may become a link: http or https with something after the scheme.
pub fn is_http(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") && lower.len() > 8)
        || (lower.starts_with("http://") && lower.len() > 7)
}
