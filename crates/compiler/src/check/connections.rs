//! An event's `connections` name other events by id, or say in words what the event is
//! connected to. An entry written as an id (one word, a valid id) that is no event's is
//! most likely a typo or an event not written yet: a warning (W012), and the entry is
//! shown as text.

use super::Accepted;
use crate::diagnostic::{Code, Diagnostic};
use std::collections::HashSet;

/// Whether a connection is written as an id rather than in words: no white space, and
/// nothing an id may not hold.
pub fn looks_like_an_id(entry: &str) -> bool {
    !entry.is_empty() && !entry.contains(char::is_whitespace) && crate::event::is_valid_id(entry)
}

/// A warning for each connection written as an id that names no event of `events`.
pub fn to_no_event(events: &[Accepted]) -> Vec<Diagnostic> {
    let ids: HashSet<&str> = events.iter().map(|e| e.id.as_str()).collect();
    events
        .iter()
        .flat_map(|e| e.connections.iter().map(move |c| (e, c)))
        .filter(|(_, (entry, _))| looks_like_an_id(entry) && !ids.contains(entry.as_str()))
        .map(|(e, (entry, line))| {
            Diagnostic::new(
                &e.file,
                *line,
                Code::ConnectionToNoEvent,
                format!(
                    "the connection `{entry}` names no event in the corpus; it is shown as text"
                ),
            )
            .hint("correct the id, add the event it names, or write the connection in words")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_not_ids() {
        assert!(looks_like_an_id("2016-08-01--stone-guccifer-messages"));
        assert!(looks_like_an_id("whig-propaganda-operations"));
        assert!(!looks_like_an_id("Powell Memorandum Implementation"));
        assert!(!looks_like_an_id(""));
        assert!(!looks_like_an_id("a/b"));
    }
}
