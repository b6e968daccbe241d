//! Text keys shared by the compiler and the viewer: both sides must fold text the same
//! way, or a query typed in the browser would miss the terms indexed at build time.

/// Lower-cases and strips accents from Latin letters (`É` → `e`, `ß` → `ss`, `Ł` → `l`).
///
/// Hand-written over the Latin-1 and Latin Extended-A blocks rather than a transliteration
/// crate: those tables would add hundreds of kilobytes to the WebAssembly, and other
/// scripts are kept as they are (lower-cased), which still matches exactly.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_folded(c, &mut out);
    }
    out
}

fn push_folded(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let code = c as u32;
    if (0xC0..=0x17F).contains(&code) {
        match code {
            0xC6 | 0xE6 => return out.push_str("ae"),
            0xDF => return out.push_str("ss"),
            0x152 | 0x153 => return out.push_str("oe"),
            0xD0 | 0xF0 | 0x110 | 0x111 => return out.push('d'),
            0xDE | 0xFE => return out.push_str("th"),
            0xD7 | 0xF7 => return out.push(c),
            _ => {}
        }
        if let Some(&base) = LATIN_BASE.get((code - 0xC0) as usize) {
            if base != b'.' {
                return out.push(base as char);
            }
        }
    }
    match c {
        // Typographic quotes and dashes fold to their ASCII forms.
        '\u{2018}' | '\u{2019}' | '\u{02BC}' => out.push('\''),
        '\u{201C}' | '\u{201D}' => out.push('"'),
        '\u{2010}'..='\u{2015}' => out.push('-'),
        // A letter whose lower case is another letter folds as that one (the Ångström
        // and Kelvin signs become `å` and `k`, and then `a` and `k`), so that folding
        // twice changes nothing.
        _ => c.to_lowercase().for_each(|l| {
            if l == c {
                out.push(l);
            } else {
                push_folded(l, out);
            }
        }),
    }
}

/// The base letter of each code point from U+00C0 to U+017F; `.` where there is none.
const LATIN_BASE: &[u8] = b"\
aaaaaaaceeeeiiiidnooooo.ouuuuyts\
aaaaaaaceeeeiiiidnooooo.ouuuuyty\
aaaaaaccccccccddddeeeeeeeeeegggg\
gggghhhhiiiiiiiiiiiijjkkklllllll\
lllnnnnnnnnnoooooooorrrrrrssssss\
sstttttt\
uuuuuuuuuuuuwwyyyzzzzzzs";

/// Splits text into folded search tokens: runs of letters and digits. An apostrophe
/// inside a word is dropped (`Putin's` → `putins`) so that both spellings meet.
pub fn tokens(s: &str) -> impl Iterator<Item = String> + '_ {
    let folded = fold(s);
    let mut words = Vec::new();
    let mut word = String::new();
    let mut chars = folded.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() {
            word.push(c);
        } else if c == '\'' && !word.is_empty() && chars.peek().is_some_and(|n| n.is_alphanumeric())
        {
            // skip the apostrophe, keep the word going
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words.into_iter()
}

/// The key under which spellings of one tag, lane or actor compare equal: folded, and
/// runs of spaces, underscores and hyphens made one hyphen (`Money_Laundering`,
/// `money laundering` and `money-laundering` are one tag).
pub fn canonical_key(s: &str) -> String {
    let mut key = String::with_capacity(s.len());
    let mut gap = false;
    for c in fold(s.trim()).chars() {
        if c == ' ' || c == '_' || c == '-' || c.is_whitespace() {
            gap = !key.is_empty();
        } else {
            if gap {
                key.push('-');
                gap = false;
            }
            key.push(c);
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(fold("Kylian Mbappé"), "kylian mbappe");
        assert_eq!(fold("ŁÓDŹ Straße Œuvre Ærø"), "lodz strasse oeuvre aero");
        assert_eq!(fold("Путин"), "путин");
        assert_eq!(fold("\u{212B}ngstr\u{F6}m \u{212A}"), "angstrom k");
    }

    #[test]
    fn latin_table_covers_its_block() {
        assert_eq!(LATIN_BASE.len(), 0x180 - 0xC0);
        assert_eq!(fold("ÀÿĀžſ"), "ayazs");
    }

    #[test]
    fn tokenizes_words_and_apostrophes() {
        let t: Vec<_> = tokens("Putin’s palace: $1.4-billion, (U.S.) ").collect();
        assert_eq!(t, ["putins", "palace", "1", "4", "billion", "u", "s"]);
    }

    #[test]
    fn canonical_keys_merge_spellings() {
        for s in [
            "Money Laundering",
            "money_laundering",
            " money-laundering ",
            "Money -- laundering",
        ] {
            assert_eq!(canonical_key(s), "money-laundering");
        }
        assert_eq!(canonical_key("Mbappé"), canonical_key("mbappe"));
    }

    proptest! {
        #[test]
        fn canonical_key_is_idempotent(s in "\\PC{0,30}") {
            let k = canonical_key(&s);
            prop_assert_eq!(canonical_key(&k), k.clone());
            prop_assert!(!k.starts_with('-') && !k.ends_with('-'));
        }

        #[test]
        fn folding_is_idempotent(s in "\\PC{0,30}") {
            let f = fold(&s);
            prop_assert_eq!(fold(&f), f);
        }

        #[test]
        fn tokens_are_folded_words(s in "\\PC{0,40}") {
            for t in tokens(&s) {
                prop_assert!(!t.is_empty());
                prop_assert!(t.chars().all(char::is_alphanumeric));
                prop_assert_eq!(fold(&t), t);
            }
        }
    }
}

/// Cuts `text` into runs, marking the words that start with one of the (folded) query
/// `words`, for highlighting matches without trusting any HTML.
pub fn highlight(text: &str, words: &[String]) -> Vec<(String, bool)> {
    let mut runs: Vec<(String, bool)> = Vec::new();
    let mut push = |s: &str, hit: bool| match runs.last_mut() {
        _ if s.is_empty() => {}
        Some((last, h)) if *h == hit => last.push_str(s),
        _ => runs.push((s.to_string(), hit)),
    };
    let mut rest = text;
    while !rest.is_empty() {
        let start = rest.find(char::is_alphanumeric).unwrap_or(rest.len());
        push(&rest[..start], false);
        rest = &rest[start..];
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
            .unwrap_or(rest.len());
        let word = &rest[..end];
        if !word.is_empty() {
            let folded: String = tokens(word).collect();
            let hit = !words.is_empty() && words.iter().any(|w| folded.starts_with(w.as_str()));
            push(word, hit);
        }
        rest = &rest[end..];
    }
    runs
}

/// `text` made safe to place in HTML, as text or inside a quoted attribute.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    push_escaped(&mut out, text);
    out
}

/// Appends `text` to `out`, escaped as by [`escape_html`].
pub fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Appends `text` as a JSON string literal, quotes included, escaped as `serde_json`
/// escapes it: `"`, `\\` and the control characters (the common ones by letter, the
/// others as `\u00XX`); everything else, non-ASCII included, as it is.
pub fn push_json_string(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The plain text of the bundle's sanitised HTML (the compiler's, so its tags are well
/// formed): tags out — a block's (a paragraph, a list item, a line break, a cell) leaving
/// a space, an inline one's (a link, emphasis, code) nothing —, the entities the
/// sanitiser and [`escape_html`] write decoded (`&amp;` `&lt;` `&gt;` `&quot;` `&#39;`
/// `&nbsp;`, and any numeric one), and runs of white space made one space.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    // A space is written only before the next visible character, so that none leads,
    // trails or doubles.
    let mut space = false;
    fn push(out: &mut String, c: char, space: &mut bool) {
        if c.is_whitespace() {
            *space = true;
            return;
        }
        if *space && !out.is_empty() {
            out.push(' ');
        }
        *space = false;
        out.push(c);
    }
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            let name = rest[1..end]
                .trim_start_matches('/')
                .split(|c: char| !c.is_ascii_alphanumeric())
                .next()
                .unwrap_or("");
            if !INLINE.iter().any(|t| t.eq_ignore_ascii_case(name)) {
                space = true;
            }
            rest = &rest[end..];
            continue;
        }
        if c == '&' {
            if let Some((decoded, len)) = entity(rest) {
                push(&mut out, decoded, &mut space);
                rest = &rest[len..];
                continue;
            }
        }
        push(&mut out, c, &mut space);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The elements that sit inside a line of text: their tags leave no space.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd", "mark",
    "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "u", "var",
];

/// The character an entity at the start of `s` stands for, and the entity's length.
fn entity(s: &str) -> Option<(char, usize)> {
    let end = s.get(..12).unwrap_or(s).find(';')?;
    let name = &s[1..end];
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        _ => {
            let code = match name.strip_prefix('#')? {
                hex if hex.starts_with(['x', 'X']) => u32::from_str_radix(&hex[1..], 16).ok()?,
                dec => dec.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((c, end + 1))
}

/// [`highlight`] as HTML: the text escaped, the matching words in `<mark>`.
pub fn highlight_html(text: &str, words: &[String]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for (run, hit) in highlight(text, words) {
        if hit {
            out.push_str("<mark>");
            push_escaped(&mut out, &run);
            out.push_str("</mark>");
        } else {
            push_escaped(&mut out, &run);
        }
    }
    out
}

#[cfg(test)]
mod highlight_tests {
    use super::*;

    #[test]
    fn marks_prefix_matches_with_folding() {
        let words = vec!["lavr".to_string(), "kislyak".to_string()];
        let runs = highlight("Met LAVROV and Kislyak, then Lavrov's aide", &words);
        let marked: Vec<_> = runs.iter().filter(|r| r.1).map(|r| r.0.as_str()).collect();
        assert_eq!(marked, ["LAVROV", "Kislyak", "Lavrov's"]);
        assert_eq!(
            runs.iter().map(|r| r.0.as_str()).collect::<String>(),
            "Met LAVROV and Kislyak, then Lavrov's aide"
        );
        assert_eq!(
            highlight("Mbappé", &["mbappe".into()]),
            [("Mbappé".to_string(), true)]
        );
        assert_eq!(highlight("x", &[]), [("x".to_string(), false)]);
    }

    #[test]
    fn highlighted_html_escapes_everything_but_its_marks() {
        let words = vec!["scr".to_string()];
        assert_eq!(
            highlight_html("<script>alert('x & y')</script> \"q\"", &words),
            "&lt;<mark>script</mark>&gt;alert(&#39;x &amp; y&#39;)&lt;/<mark>script</mark>&gt; &quot;q&quot;"
        );
        assert_eq!(highlight_html("Plain", &[]), "Plain");
    }

    proptest::proptest! {
        #[test]
        fn escaped_text_has_no_markup(s in "\\PC{0,60}") {
            let e = escape_html(&s);
            proptest::prop_assert!(!e.contains(['<', '>', '"', '\'']));
            let h = highlight_html(&s, &["a".to_string()]);
            let without_marks = h.replace("<mark>", "").replace("</mark>", "");
            proptest::prop_assert_eq!(without_marks, e);
        }
    }
}

#[cfg(test)]
mod plain_text_tests {
    use super::*;

    #[test]
    fn html_becomes_plain_text() {
        assert_eq!(
            html_to_text("<p>Short &amp; <em>sweet</em>.</p><p>Two&nbsp;&lt;lines&gt;</p>"),
            "Short & sweet. Two <lines>"
        );
        assert_eq!(
            html_to_text(
                "<ul>\n<li>a</li><li>b<br>c</li></ul><pre>x &quot;y&quot; &#39;z&#39;</pre>"
            ),
            "a b c x \"y\" 'z'"
        );
        assert_eq!(
            html_to_text(
                "<a href=\"https://x.org/?a=1&amp;b=2\">li</a>nk &#x263A; &#9731; &bogus; & &"
            ),
            "link ☺ ☃ &bogus; & &"
        );
        assert_eq!(html_to_text(""), "");
        assert_eq!(html_to_text("<p> </p>"), "");
        assert_eq!(html_to_text("a <"), "a");
    }

    #[test]
    fn json_strings_are_escaped_as_serde_json_does() {
        for s in [
            "",
            "plain",
            "q\"uote\\back",
            "\n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f}",
            "é€😀 </script>",
        ] {
            let mut out = String::new();
            push_json_string(&mut out, s);
            assert_eq!(out, serde_json::to_string(s).unwrap(), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn json_strings_agree_with_serde_json(s in "\\PC{0,40}|[\\x00-\\x7f]{0,40}") {
            let mut out = String::new();
            push_json_string(&mut out, &s);
            proptest::prop_assert_eq!(&out, &serde_json::to_string(&s).unwrap());
            proptest::prop_assert_eq!(serde_json::from_str::<String>(&out).unwrap(), s);
        }

        #[test]
        fn plain_text_has_no_tags_of_escaped_text(s in "[^<&]{0,40}") {
            // Escaped text, wrapped in a paragraph, comes back with its white space made one.
            let text = html_to_text(&format!("<p>{}</p>", escape_html(&s)));
            proptest::prop_assert_eq!(text, s.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
}
