//! The corpus's optional site settings (`timeline.toml` in the corpus folder).

use crate::diagnostic::{Code, Diagnostic};
use crate::discover::SETTINGS_FILE;
use serde::Deserialize;
use std::path::Path;
use timeline_bundle::Site;

/// What `timeline.toml` may hold. Every field is optional.
#[derive(Debug, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// The site's name, in the header and the page titles.
    pub title: Option<String>,
    /// One sentence for search engines and link previews.
    pub description: Option<String>,
    /// The about page, in Markdown.
    pub about: Option<String>,
    /// The data's license, e.g. "CC BY-SA 4.0".
    pub license: Option<String>,
    /// Who to credit, in Markdown (shown in every page's footer).
    pub attribution: Option<String>,
    /// Where the site will live, e.g. `"https://example.org/timeline/"`.
    pub canonical_url: Option<String>,
    /// "Edit this event" link, with `{id}` and `{file}`.
    pub edit_url: Option<String>,
    /// "Report a problem" link, with `{id}` and `{file}`.
    pub report_url: Option<String>,
    /// "Suggest an event" link, in every page's footer and on the about page.
    pub suggest_url: Option<String>,
    /// Front-matter fields to keep as extras without an unknown-field warning.
    pub extra_fields: Vec<String>,
}

/// A `timeline.toml` that cannot be used: why, and its text when it could be read (to
/// show the line with, so that the file is read once).
#[derive(Debug)]
pub struct Invalid {
    pub diagnostic: Diagnostic,
    pub text: Option<String>,
}

/// Reads `timeline.toml` from `dir` if it is there. A bad file is an error with its line.
pub fn load(dir: &Path) -> Result<Settings, Invalid> {
    let path = dir.join(SETTINGS_FILE);
    // Read as any corpus file is: a regular file only, at most the event size limit.
    let unreadable = |why: String| Invalid {
        diagnostic: Diagnostic::new(
            SETTINGS_FILE,
            0,
            Code::Settings,
            format!("could not read the settings: {why}"),
        ),
        text: None,
    };
    let bytes = match crate::file::read(&path, crate::event::MAX_FILE_BYTES) {
        Ok(bytes) => bytes,
        Err(crate::file::ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Settings::default())
        }
        Err(e) => return Err(unreadable(e.to_string())),
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) => return Err(unreadable("it is not UTF-8 text".into())),
    };
    match parse(&text) {
        Ok(settings) => Ok(settings),
        Err(diagnostic) => Err(Invalid {
            diagnostic,
            text: Some(text),
        }),
    }
}

/// The settings in `text`, or the first problem with them.
fn parse(text: &str) -> Result<Settings, Diagnostic> {
    let settings: Settings = toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map_or((0, 0), |span| {
            let before = &text[..span.start.min(text.len())];
            (
                before.matches('\n').count() + 1,
                before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1,
            )
        });
        Diagnostic::new(
            SETTINGS_FILE,
            line,
            Code::Settings,
            format!("invalid settings: {}", e.message()),
        )
        .column(column)
        .hint("the settings are TOML: `title = \"My timeline\"`; see the README for every key")
    })?;
    // The canonical URL is the site's root: placeholders and `?`/`#` would break every
    // URL made from it.
    for (key, value, placeholders) in [
        ("canonical_url", &settings.canonical_url, &[][..]),
        ("edit_url", &settings.edit_url, &["{id}", "{file}"][..]),
        ("report_url", &settings.report_url, &["{id}", "{file}"][..]),
        ("suggest_url", &settings.suggest_url, &[][..]),
    ] {
        let Some(url) = value else { continue };
        let why = crate::url::not_plain_http(url, placeholders).or_else(|| {
            (key == "canonical_url" && url.contains(['?', '#']))
                .then(|| "holds `?` or `#`: it must be the site's root address".to_string())
        });
        if let Some(why) = why {
            let line = text
                .lines()
                .position(|l| l.trim_start().starts_with(key))
                .map_or(0, |n| n + 1);
            return Err(Diagnostic::new(
                SETTINGS_FILE,
                line,
                Code::Settings,
                format!("`{key}` must be a plain http(s) URL: `{}` {why}", url.escape_debug()),
            )
            .hint(if placeholders.is_empty() {
                "write the full address, like \"https://example.org/timeline/\""
            } else {
                "write the full address, like \"https://example.org/edit/{file}\"; {id} and {file} are filled in per event"
            }));
        }
    }
    Ok(settings)
}

impl Settings {
    /// The site facts for the bundle, with defaults for what is not set.
    pub fn site(&self) -> Site {
        Site {
            title: self.title.clone().unwrap_or_else(|| "Timeline".into()),
            description: self.description.clone().unwrap_or_default(),
            about_html: self
                .about
                .as_deref()
                .map(crate::markdown::to_html)
                .unwrap_or_default(),
            license: self.license.clone().unwrap_or_default(),
            attribution_html: self
                .attribution
                .as_deref()
                .map(crate::markdown::to_html)
                .unwrap_or_default(),
            canonical_url: self.canonical_url.clone().unwrap_or_default(),
            edit_url: self.edit_url.clone().unwrap_or_default(),
            report_url: self.report_url.clone().unwrap_or_default(),
            suggest_url: self.suggest_url.clone().unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_gives_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let s = load(dir.path()).unwrap();
        assert_eq!(s, Settings::default());
        assert_eq!(s.site().title, "Timeline");
    }

    #[test]
    fn bad_settings_name_the_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("timeline.toml"),
            "title = \"T\"\ncolour = \"red\"\n",
        )
        .unwrap();
        let e = load(dir.path()).unwrap_err();
        assert_eq!((e.diagnostic.code, e.diagnostic.line), (Code::Settings, 2));
        assert_eq!(
            e.text.as_deref(),
            Some("title = \"T\"\ncolour = \"red\"\n"),
            "the text comes with the error"
        );
        std::fs::write(
            dir.path().join("timeline.toml"),
            "title = \"T\"\nedit_url = \"javascript:x\"\n",
        )
        .unwrap();
        assert_eq!(load(dir.path()).unwrap_err().diagnostic.line, 2);
    }

    #[test]
    fn a_url_setting_with_a_line_break_is_refused_with_its_line() {
        // A canonical URL with a newline once wrote `Disallow: /` into robots.txt.
        let text = "title = \"T\"\ncanonical_url = \"https://example.org/\\nDisallow: /\"\n";
        let e = parse(text).unwrap_err();
        assert_eq!((e.code, e.line), (Code::Settings, 2));
        assert!(
            e.message.contains("holds a line break") && e.message.contains("\\nDisallow"),
            "{}",
            e.message
        );
        for bad in [
            "canonical_url = \"https://example.org/?x\"",
            "canonical_url = \"https://example.org/{id}\"",
            "edit_url = \"https://example.org/{nope}\"",
            "report_url = \"https://a@example.org/\"",
            "suggest_url = \"javascript:alert(1)\"",
            "suggest_url = \"https://example.org/{id}\"",
            "suggest_url = \"https://example.org/a b\"",
        ] {
            assert_eq!(parse(bad).unwrap_err().line, 1, "{bad}");
        }
        let good = "canonical_url = \"https://example.org/t/\"\nedit_url = \"https://example.org/e/{file}\"\nreport_url = \"https://example.org/r?id={id}\"\nsuggest_url = \"https://example.org/new?template=event.md\"\n";
        let settings = parse(good).unwrap();
        assert_eq!(
            settings.site().suggest_url,
            "https://example.org/new?template=event.md"
        );
    }

    #[test]
    fn unreadable_settings_have_no_text() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("timeline.toml")).unwrap();
        let e = load(dir.path()).unwrap_err();
        assert_eq!((e.diagnostic.code, e.diagnostic.line), (Code::Settings, 0));
        assert!(e.diagnostic.message.contains("could not read"));
        assert_eq!(e.text, None);
    }
}
