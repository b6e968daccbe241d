//! The schema of an event, in one place: the fields the model knows, the statuses, the
//! checked event ([`Parsed`]) and how a document's fields map onto it. Adding a field
//! means changing this file (and the bundle's model), nothing else on the reading side.

use super::document::Document;
use super::fields::{too_deep, Reader};
use crate::diagnostic::{Code, Diagnostic};
use crate::discover::Format;
use crate::raw::Raw;
use std::collections::HashSet;
use timeline_bundle::date::PartialDate;
use timeline_bundle::Source;

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

/// Fields the model knows (in every format); others are kept as extras with a warning.
/// (`body` is known too, in a YAML event only: see [`BODY_FIELD`].)
pub const KNOWN_FIELDS: &[&str] = &[
    "id",
    "date",
    "title",
    "importance",
    "tags",
    "actors",
    "sources",
    "citations",
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

/// The field that holds a YAML event's Markdown body (a Markdown event's body follows
/// its front matter; a JSON event has none, and a `body` there is an extra).
pub const BODY_FIELD: &str = "body";

/// An event that passed every check that can reject it, before normalisation.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
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
    /// Each connection's line, for the warning about one that names no event (W012).
    pub connection_lines: Vec<usize>,
    pub patterns: Vec<String>,
    pub notes: Option<String>,
    pub extra: Vec<(String, String)>,
}

/// Maps a document's fields onto an event, pushing a diagnostic for each problem. `None`
/// when a required field (id, date, title) is missing or invalid.
pub(super) fn event(
    name: &str,
    format: Format,
    text: &str,
    document: Document,
    extra_known: &[String],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Parsed> {
    let mut reader = Reader::new(name, text, document.keys);
    let event = read_fields(
        &mut reader,
        document.fields,
        document.body,
        format,
        extra_known,
    );
    diagnostics.append(&mut reader.diagnostics);
    event
}

fn read_fields(
    r: &mut Reader,
    fields: Vec<(String, Raw)>,
    body: String,
    format: Format,
    extra_known: &[String],
) -> Option<Parsed> {
    let mut e = Parsed {
        file: r.name.to_string(),
        format_is_json: format == Format::Json,
        body,
        ..Parsed::default()
    };
    let get = |key: &str| fields.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v);

    // Required fields: any problem here rejects the file. An `id` or a `date` not written
    // comes from the file name, when it gives one.
    let stem = file_stem(r.name);
    let written_id = get("id").filter(|v| **v != Raw::Null);
    let id = match written_id {
        Some(v) => r
            .required_text(
                Some(v),
                "id",
                Code::MissingId,
                Code::InvalidId,
                "add `id: ` with a unique name, usually the file name without its extension",
            )
            .filter(|id| check_id(r, id, stem)),
        None => id_from_stem(r, stem),
    };
    let date = match get("date").filter(|v| **v != Raw::Null) {
        Some(v) => r.date(Some(v)),
        None => date_from_stem(r, stem),
    };
    let title = r.required_text(
        get("title"),
        "title",
        Code::MissingTitle,
        Code::MissingTitle,
        "add `title: ` with a short headline",
    );
    let (Some(id), Some(date), Some(title)) = (id, date, title) else {
        return None;
    };
    // An id taken from the file name has no line: a duplicate's diagnostic names the file.
    e.id_line = if written_id.is_some() {
        r.line_of("id")
    } else {
        0
    };
    e.id = id;
    e.date = date;
    e.title = title;

    e.importance = r.importance(get("importance"));
    e.status = get("status").and_then(|v| r.text_field(v, "status"));
    if let Some(status) = &e.status {
        let key = timeline_bundle::text::canonical_key(status);
        if !KNOWN_STATUSES.contains(&key.as_str()) {
            let line = r.line_of("status");
            r.report(
                line,
                Code::UnknownStatus,
                format!("unknown status `{status}`"),
                format!("use one of: {}", KNOWN_STATUSES.join(", ")),
            );
        }
    }
    e.tags = r.list(get("tags"), "tags");
    e.actors = r.list(get("actors"), "actors");
    e.lanes = r.list(get("capture_lanes"), "capture_lanes");
    let mut lanes: HashSet<String> = e.lanes.iter().cloned().collect();
    for lane in r.list(get("capture_lane"), "capture_lane") {
        if lanes.insert(lane.clone()) {
            e.lanes.push(lane);
        }
    }
    // `citations` is another spelling of `sources`: both are read, in the order written.
    for (key, value) in &fields {
        if key == "sources" || key == "citations" {
            let sources = r.sources(Some(value), key);
            e.sources.extend(sources);
        }
    }
    e.location = get("location").and_then(|v| match v {
        Raw::Map(_) | Raw::List(_) => Some(v.display()).filter(|s| !s.is_empty()),
        _ => r.text_field(v, "location"),
    });
    // `description` wins over `summary`; a problem is reported under the key it has.
    let summary_key = if get("description").is_some() {
        "description"
    } else {
        "summary"
    };
    e.summary = get(summary_key).and_then(|v| r.text_field(v, summary_key));
    if let Some(depth) = e.summary.as_deref().and_then(crate::markdown::too_deep) {
        let line = r.line_of(summary_key);
        r.diagnostics
            .push(too_deep(r.name, line, summary_key, depth));
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
            r.list(Some(&Raw::List(ids)), "connections")
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
            r.list(Some(&Raw::List(ids)), "connections")
        }
        other => r.list(other, "connections"),
    };
    // Each entry's line, looked for after the previous one's (the field's own line when
    // an entry is not found as written, a quoted one in JSON included).
    let mut line = r.line_of("connections");
    e.connection_lines = e
        .connections
        .iter()
        .map(|c| {
            line = r.line_with(line, c, 4096);
            line
        })
        .collect();
    let body_field = (format == Format::Yaml).then(|| get(BODY_FIELD)).flatten();
    if let Some(body) = body_field.and_then(|v| r.text_field(v, BODY_FIELD)) {
        if let Some(depth) = crate::markdown::too_deep(&body) {
            let line = r.line_of(BODY_FIELD);
            r.diagnostics.push(too_deep(r.name, line, "body", depth));
        }
        e.body = body;
    }
    e.patterns = r.list(get("patterns"), "patterns");
    e.notes = get("notes")
        .map(Raw::display)
        .filter(|s| !s.trim().is_empty());

    // Sets, not lists: a file may hold 100,000 fields.
    let extra_known: HashSet<&str> = extra_known.iter().map(String::as_str).collect();
    // (The extras so far, `summary` at most, are known fields.)
    let mut extras: HashSet<&str> = HashSet::new();
    for (key, value) in &fields {
        let known =
            KNOWN_FIELDS.contains(&key.as_str()) || (key == BODY_FIELD && body_field.is_some());
        if known || extras.contains(key.as_str()) {
            continue;
        }
        if !extra_known.contains(key.as_str()) {
            let line = r.line_of(key);
            r.report(
                line,
                Code::UnknownField,
                format!("unknown field `{key}`; kept as an extra"),
                "if the field is meant to be there, list it under `extra_fields` in timeline.toml",
            );
        }
        let shown = value.display();
        if !shown.trim().is_empty() {
            extras.insert(key);
            // At most 4,000 characters (a text of no more bytes has no more characters).
            let shown = if shown.len() <= 4000 {
                shown
            } else {
                shown.chars().take(4000).collect()
            };
            e.extra.push((key.clone(), shown));
        }
    }
    Some(e)
}

/// The longest id, in bytes of UTF-8: an id names its page's folder (`event/<id>/`), and
/// no common file system holds a longer file name.
pub const MAX_ID_BYTES: usize = 255;

/// A file name without its folders and its last extension: what an id defaults to, as
/// static-site generators have it.
fn file_stem(name: &str) -> &str {
    let file = name.rsplit('/').next().unwrap_or(name);
    file.rsplit_once('.').map_or(file, |(stem, _)| stem)
}

/// Why `id` cannot name its page (`event/<id>/`), and what to do; `None` when it can.
/// The reason reads after "the id `…`" (or after "the id" when `quoted` is false: an id
/// too long to quote).
struct IdProblem {
    why: String,
    quoted: bool,
    hint: &'static str,
}

/// Whether `id` may be an event's id (what `E009` refuses is not).
pub fn is_valid_id(id: &str) -> bool {
    id_problem(id).is_none()
}

fn id_problem(id: &str) -> Option<IdProblem> {
    let chars = id.chars().count();
    if chars <= 200 && id.len() > MAX_ID_BYTES {
        return Some(IdProblem {
            why: format!(
                "is {} bytes long in UTF-8, more than the {MAX_ID_BYTES} a file name may have",
                id.len()
            ),
            quoted: false,
            hint: "shorten the id: it names the folder of its page (`event/<id>/`); a letter \
                   outside ASCII takes 2 to 4 bytes",
        });
    }
    let why = if chars > 200 {
        "is longer than 200 characters"
    } else if id.contains('/') {
        "holds `/`, which would break its permalink"
    } else if id.chars().any(char::is_control) {
        "holds a control character"
    } else if id == "." || id == ".." {
        "is `.` or `..`"
    } else {
        return None;
    };
    Some(IdProblem {
        why: why.to_string(),
        quoted: true,
        hint: "use letters, digits and `-`, like `2017-05-10--short-slug`",
    })
}

/// The id rules that a permalink needs, and the warning when the id differs from the file
/// name; false when the id breaks a rule (the error is reported).
fn check_id(r: &mut Reader, id: &str, stem: &str) -> bool {
    let line = r.line_of("id");
    if let Some(problem) = id_problem(id) {
        let message = if problem.quoted {
            format!("the id `{}` {}", id.escape_debug(), problem.why)
        } else {
            format!("the id {}", problem.why)
        };
        r.report(line, Code::InvalidId, message, problem.hint);
        return false;
    }
    if stem != id {
        r.report(
            line,
            Code::IdMismatch,
            format!("the id `{id}` differs from the file name `{stem}`"),
            "rename the file or change the id, so that links and edits find the same event",
        );
    }
    true
}

/// The id of an event that has none written: the file's stem, trimmed as a written id
/// is, when it is a valid id (E009 when it is not, E008 when it is blank).
fn id_from_stem(r: &mut Reader, stem: &str) -> Option<String> {
    let id = stem.trim();
    if id.is_empty() {
        r.report(
            0,
            Code::MissingId,
            "the event has no `id`, and its file name has none to give".into(),
            "add `id: ` with a unique name, or give the file a name before its extension",
        );
        return None;
    }
    if let Some(problem) = id_problem(id) {
        let name = if problem.quoted {
            format!(" `{}`", id.escape_debug())
        } else {
            String::new()
        };
        r.report(
            0,
            Code::InvalidId,
            format!(
                "the event has no `id`, and its file name{name} is no id: it {}",
                problem.why
            ),
            "add `id: ` with a valid id, or rename the file (its name is the id when none is written)",
        );
        return None;
    }
    Some(id.to_string())
}

/// The date of an event that has none written: the `YYYY-MM-DD` its file name starts
/// with (then anything but a digit), with a warning; E010 when the name has none.
fn date_from_stem(r: &mut Reader, stem: &str) -> Option<PartialDate> {
    let from_name = stem
        .get(..10)
        .filter(|_| !stem[10..].starts_with(|c: char| c.is_ascii_digit()))
        .filter(|head| head.as_bytes()[4] == b'-' && head.as_bytes()[7] == b'-')
        .and_then(|head| PartialDate::parse(head).ok().map(|d| (head, d)));
    let Some((head, date)) = from_name else {
        return r.date(None);
    };
    let line = r.line_of("date");
    r.report(
        line,
        Code::DateFromFileName,
        format!("the event has no `date`; the file name's `{head}` is used"),
        "add `date: ` to say so in the event itself (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`)",
    );
    Some(date)
}
