//! What a diagnostic prints of a file: an excerpt of one line, short and escaped, so
//! that no file (a secret, a whole file on one line, escape sequences) reaches the
//! terminal as it is; and the same care for messages. The excerpt is handed to
//! codespan-reporting as the whole file, at the line's own number and column.

use std::borrow::Cow;

/// At most this many characters of a line are shown (the real corpus's longest shown line
/// is 140): a line can be a whole file, a secret, or a screenful of escape sequences.
pub const SHOWN_CHARS: usize = 160;
/// Messages, hints and file names are cut at this many characters.
const MESSAGE_CHARS: usize = 400;

/// `text` as a terminal may show it: control characters and bidirectional overrides
/// escaped (`\0`, `\u{1b}`), and at most a few hundred characters, then `…`. Borrowed
/// when it is fine as it is (as nearly every message is).
pub fn printable(text: &str) -> Cow<'_, str> {
    if is_printable(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len().min(MESSAGE_CHARS));
    for (n, c) in text.chars().enumerate() {
        if n == MESSAGE_CHARS {
            out.push('…');
            break;
        }
        push_escaped(&mut out, c, false);
    }
    Cow::Owned(out)
}

/// Whether [`printable`] leaves `text` as it is: checked on the bytes first (no ASCII
/// control, and no byte that starts a C1 control or a bidirectional override), then on
/// the characters.
pub fn is_printable(text: &str) -> bool {
    let plain = |b: &u8| *b >= 0x20 && *b != 0x7f && *b != 0xc2 && *b != 0xe2;
    (text.len() <= MESSAGE_CHARS && text.as_bytes().iter().all(plain))
        || (text.chars().count() <= MESSAGE_CHARS && !text.chars().any(|c| is_unsafe(c, false)))
}

/// Whether `c` is shown escaped: it could move the terminal's cursor, change its state, or
/// reorder the text around it. A tab in a source line is expanded by the renderer.
fn is_unsafe(c: char, keep_tab: bool) -> bool {
    (c.is_control() && !(keep_tab && c == '\t'))
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

fn push_escaped(out: &mut String, c: char, keep_tab: bool) {
    if !is_unsafe(c, keep_tab) {
        out.push(c);
    } else if c.is_control() {
        out.extend(c.escape_debug());
    } else {
        out.extend(c.escape_unicode());
    }
}

/// How many characters `c` takes once escaped.
fn shown_width(c: char) -> usize {
    if is_unsafe(c, true) {
        let mut s = String::new();
        push_escaped(&mut s, c, true);
        s.chars().count()
    } else {
        1
    }
}

/// A file's text with the start of each line, so that a diagnostic finds its line at once
/// (a file with 100,000 diagnostics would otherwise be scanned 100,000 times).
pub struct Source<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Source<'a> {
    pub fn new(text: &'a str) -> Source<'a> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Source { text, starts }
    }

    /// Line `n` (1-based) without its `\n`; `None` for line 0 and past the end (a line 1
    /// of an empty text is there, and empty).
    pub(super) fn line(&self, n: usize) -> Option<&'a str> {
        let start = *self.starts.get(n.checked_sub(1)?)?;
        if start >= self.text.len() && n > 1 {
            return None;
        }
        let end = self.starts.get(n).map_or(self.text.len(), |next| next - 1);
        Some(&self.text[start..end])
    }
}

/// What is shown of a line: at most [`SHOWN_CHARS`] characters, escaped, around the
/// underlined range's start (`…` where the line is cut), and that range within it.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Excerpt {
    text: String,
    pub(super) label: std::ops::Range<usize>,
    /// The 1-based column, in characters of the line as written, where the range starts.
    column: usize,
}

impl Excerpt {
    /// The excerpt of `line` that shows `label` (a byte range of the line) starting.
    pub(super) fn of(line: &str, label: std::ops::Range<usize>) -> Excerpt {
        let before = &line[..label.start];
        let column = before.chars().count() + 1;
        // Where the label starts, in shown characters, and whether the line fits whole.
        let label_at: usize = before.chars().map(shown_width).sum();
        let fits = line
            .chars()
            .scan(0, |width, c| {
                *width += shown_width(c);
                Some(*width)
            })
            .all(|width| width <= SHOWN_CHARS);
        // A long line is shown from its start when the label starts early in it, else
        // from a little before the label (the `…` takes one character of the budget).
        let from = if fits || label_at < SHOWN_CHARS * 3 / 4 {
            0
        } else {
            label_at - SHOWN_CHARS / 4
        };
        let mut text = String::new();
        let mut width = 0;
        let mut shown_label = None::<(usize, usize)>;
        if from > 0 {
            text.push('…');
            width += 1;
        }
        let mut at = 0;
        let mut cut = false;
        for (i, c) in line.char_indices() {
            let w = shown_width(c);
            if at < from {
                at += w;
                continue;
            }
            if !fits && width + w > SHOWN_CHARS - 1 {
                cut = true;
                break;
            }
            if i == label.start {
                shown_label = Some((text.len(), text.len()));
            }
            push_escaped(&mut text, c, true);
            width += w;
            if i < label.end {
                if let Some(l) = shown_label.as_mut() {
                    l.1 = text.len();
                }
            }
        }
        let end_of_text = text.len();
        if cut {
            text.push('…');
        }
        let label = match shown_label {
            Some((start, end)) => start..end,
            // The label starts at the line's end (or past what is shown).
            None => end_of_text..end_of_text,
        };
        Excerpt {
            text,
            label,
            column,
        }
    }
}

/// The one line a diagnostic shows, as codespan-reporting reads files: the excerpt is the
/// whole source, at the file's own line number and column.
pub(super) struct Shown<'a> {
    pub(super) name: &'a str,
    pub(super) line: usize,
    pub(super) excerpt: Excerpt,
}

impl<'a> codespan_reporting::files::Files<'a> for Shown<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, _: ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(self.name)
    }

    fn source(&'a self, _: ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(&self.excerpt.text)
    }

    fn line_index(&'a self, _: (), _: usize) -> Result<usize, codespan_reporting::files::Error> {
        Ok(self.line - 1)
    }

    fn line_range(
        &'a self,
        _: (),
        line_index: usize,
    ) -> Result<std::ops::Range<usize>, codespan_reporting::files::Error> {
        if line_index + 1 == self.line {
            Ok(0..self.excerpt.text.len())
        } else {
            Err(codespan_reporting::files::Error::LineTooLarge {
                given: line_index,
                max: self.line - 1,
            })
        }
    }

    fn location(
        &'a self,
        _: (),
        _: usize,
    ) -> Result<codespan_reporting::files::Location, codespan_reporting::files::Error> {
        Ok(codespan_reporting::files::Location {
            line_number: self.line,
            column_number: self.excerpt.column,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_escapes_controls_and_overrides_and_cuts_long_text() {
        assert!(matches!(printable("a plain message"), Cow::Borrowed(_)));
        assert!(matches!(printable("un café — “quoted”"), Cow::Borrowed(_)));
        assert_eq!(
            printable("a\0b\x1b[2J\t\u{85}\u{202e}c"),
            "a\\0b\\u{1b}[2J\\t\\u{85}\\u{202e}c"
        );
        let long = printable(&"é".repeat(1000)).into_owned();
        assert_eq!(long.chars().count(), MESSAGE_CHARS + 1);
        assert!(long.ends_with('…'));
    }

    #[test]
    fn a_short_line_is_shown_whole() {
        let line = "title: a\tb";
        let e = Excerpt::of(line, 7..line.len());
        assert_eq!(
            (e.text.as_str(), e.label.clone(), e.column),
            (line, 7..line.len(), 8)
        );
        // A label at the end of the line (a missing value) stays there.
        assert_eq!(Excerpt::of("id:", 3..3).label, 3..3);
    }

    #[test]
    fn a_long_line_is_cut_around_the_label() {
        let line = format!("{}:{}", "a".repeat(1000), "b".repeat(1000));
        // Early in the line: shown from its start.
        let e = Excerpt::of(&line, 10..line.len());
        assert_eq!(e.text.chars().count(), SHOWN_CHARS);
        assert!(e.text.starts_with("aaa") && e.text.ends_with('…'));
        assert_eq!((e.label.start, e.column), (10, 11));
        // Far into it: from a little before the label, which starts at the `:`.
        let e = Excerpt::of(&line, 1000..line.len());
        assert_eq!(e.text.chars().count(), SHOWN_CHARS);
        assert!(e.text.starts_with('…') && e.text.ends_with('…'));
        assert_eq!(&e.text[e.label.start..e.label.start + 2], ":b");
        assert_eq!(e.column, 1001, "the column of the line as written");
        // At its very end.
        let e = Excerpt::of(&line, line.len()..line.len());
        assert!(e.text.starts_with('…') && !e.text.ends_with('…'));
        assert_eq!(e.label, e.text.len()..e.text.len());
    }

    #[test]
    fn escapes_count_as_what_they_show() {
        // 100 NULs shown as `\0` take 200 characters: the line no longer fits.
        let line = format!("{}x", "\0".repeat(100));
        let e = Excerpt::of(&line, 100..101);
        assert!(!e.text.contains('\0'));
        assert!(e.text.chars().count() <= SHOWN_CHARS);
        assert_eq!(&e.text[e.label.clone()], "x");
        assert_eq!(e.column, 101);
    }

    #[test]
    fn lines_are_found_by_number() {
        let source = Source::new("a\nbc\n");
        assert_eq!(source.line(0), None);
        assert_eq!(source.line(1), Some("a"));
        assert_eq!(source.line(2), Some("bc"));
        assert_eq!(source.line(3), None, "nothing after the last line end");
        assert_eq!(Source::new("").line(1), Some(""));
        assert_eq!(Source::new("a").line(2), None);
    }
}
