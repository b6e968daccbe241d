//! An event as a reference: plain text, BibTeX, RIS and CSL-JSON, which the event page
//! offers to copy ("Cite this event"). The event is cited as a web page of the site: its
//! title, its date (as precise as the corpus gives it), the site's name as the container
//! and the permalink. Each format escapes what its readers would take as markup.

use crate::date::{month_name, PartialDate};
use crate::html::push_int;

/// What a citation names.
pub struct Citation<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub date: PartialDate,
    /// The site's title: the work the page is part of.
    pub site: &'a str,
    /// The event's permalink, absolute.
    pub url: &'a str,
}

/// The formats, in the order the page shows them: (name, key for its copy button, text).
pub fn all(c: &Citation) -> [(&'static str, &'static str, String); 4] {
    [
        ("Plain text", "plain", plain(c)),
        ("BibTeX", "bibtex", bibtex(c)),
        ("RIS", "ris", ris(c)),
        ("CSL-JSON", "csl", csl_json(c)),
    ]
}

/// The meta tags reference managers (Zotero, Mendeley) and Google Scholar read, as
/// (name, content): the Highwire Press `citation_*` names and Dublin Core's. `DC.type` is
/// `Text`: what the page identifies is a text about the event (DCMI's `Event` is the
/// happening itself). The build writes them into each event's static page, the app into
/// the page's head while it shows the event.
pub fn meta(
    site: &crate::Site,
    e: &crate::Event,
    permalink: &str,
    description: &str,
) -> Vec<(&'static str, String)> {
    let mut iso = String::new();
    crate::html::row::push_iso_date(&mut iso, e.date);
    let mut tags = vec![
        ("citation_title", e.title.clone()),
        ("citation_publication_date", iso.replace('-', "/")),
        ("citation_public_url", permalink.to_string()),
        ("citation_publisher", site.title.clone()),
        ("DC.title", e.title.clone()),
        ("DC.date", iso),
        ("DC.identifier", permalink.to_string()),
        ("DC.publisher", site.title.clone()),
        ("DC.type", "Text".to_string()),
        ("DC.format", "text/html".to_string()),
    ];
    if !description.is_empty() {
        tags.push(("DC.description", description.to_string()));
    }
    if !site.license.is_empty() {
        tags.push(("DC.rights", site.license.clone()));
    }
    tags
}

/// `“Title.” Site, 10 May 2017. URL`
pub fn plain(c: &Citation) -> String {
    let mut s = String::from("“");
    s.push_str(c.title.trim_end_matches('.'));
    s.push_str(".” ");
    s.push_str(c.site);
    s.push_str(", ");
    s.push_str(&c.date.human());
    s.push_str(". ");
    s.push_str(c.url);
    s
}

/// A `@misc` entry (biblatex's `@online` is not understood by classic BibTeX styles), with
/// `url`, `year`, `month` as BibTeX's month macro, and the day in `note`-free `date`.
pub fn bibtex(c: &Citation) -> String {
    let mut s = String::from("@misc{");
    for ch in c.id.chars() {
        // A key's characters: BibTeX stops at a comma, a brace or a space.
        s.push(if ch.is_ascii_alphanumeric() || "-_:.".contains(ch) {
            ch
        } else {
            '_'
        });
    }
    s.push_str(",\n  title = {");
    push_bibtex(&mut s, c.title);
    s.push_str("},\n  howpublished = {");
    push_bibtex(&mut s, c.site);
    s.push_str("},\n  year = {");
    push_year(&mut s, c.date.year);
    s.push('}');
    if c.date.month != 0 {
        s.push_str(",\n  month = ");
        s.push_str(&month_name(c.date.month)[..3].to_ascii_lowercase());
    }
    s.push_str(",\n  date = {");
    push_iso(&mut s, c.date, "-");
    s.push_str("},\n  url = {");
    // A URL is written as it is (its `%` and `#` would be escapes elsewhere); a brace
    // would end the field, and a percent-encoded URL has none.
    s.extend(c.url.chars().filter(|&ch| ch != '{' && ch != '}'));
    s.push_str("}\n}");
    s
}

/// Escapes BibTeX's special characters, so that a title is text and not commands.
fn push_bibtex(s: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '\\' => s.push_str("\\textbackslash{}"),
            '{' | '}' | '%' | '&' | '$' | '#' | '_' => {
                s.push('\\');
                s.push(ch);
            }
            '^' => s.push_str("\\^{}"),
            '~' => s.push_str("\\~{}"),
            '\n' | '\r' => s.push(' '),
            _ => s.push(ch),
        }
    }
}

/// A RIS record (`TY  - WEB`), lines ended with CRLF as the format's readers expect. A
/// field is one line: a line break in the text would start a new tag.
pub fn ris(c: &Citation) -> String {
    let mut s = String::new();
    let mut field = |tag: &str, value: &str| {
        s.push_str(tag);
        s.push_str("  - ");
        s.extend(
            value
                .chars()
                .map(|ch| if ch == '\n' || ch == '\r' { ' ' } else { ch }),
        );
        s.push_str("\r\n");
    };
    field("TY", "WEB");
    field("ID", c.id);
    field("TI", c.title);
    field("T2", c.site);
    let mut date = String::new();
    push_iso(&mut date, c.date, "/");
    field("PY", &date[..date.find('/').unwrap_or(date.len())]);
    // RIS's DA is `YYYY/MM/DD/`, empty parts left empty.
    let mut da = date.clone();
    for _ in date.matches('/').count()..3 {
        da.push('/');
    }
    field("DA", &da);
    field("UR", c.url);
    field("ER", "");
    s
}

/// A CSL-JSON item (an array of one, as Zotero and citeproc read it), `type` webpage.
pub fn csl_json(c: &Citation) -> String {
    let mut s = String::from("[\n  {\n    \"id\": ");
    crate::text::push_json_string(&mut s, c.id);
    s.push_str(",\n    \"type\": \"webpage\",\n    \"title\": ");
    crate::text::push_json_string(&mut s, c.title);
    s.push_str(",\n    \"container-title\": ");
    crate::text::push_json_string(&mut s, c.site);
    s.push_str(",\n    \"issued\": { \"date-parts\": [[");
    push_year(&mut s, c.date.year);
    for part in [c.date.month, c.date.day] {
        if part != 0 {
            s.push_str(", ");
            push_int(&mut s, u64::from(part));
        }
    }
    s.push_str("]] },\n    \"URL\": ");
    crate::text::push_json_string(&mut s, c.url);
    s.push_str("\n  }\n]");
    s
}

/// The event page's "Cite this event" block: a disclosure with each format in a `<pre>`
/// and a copy button naming it (`data-copy` its key).
pub fn section_html(c: &Citation) -> String {
    let mut h =
        String::from("<details class=\"cite\" id=\"cite\"><summary>Cite this event</summary>");
    for (name, key, text) in all(c) {
        h.push_str("<div class=\"cite-format\"><div class=\"cite-head\"><h3>");
        h.push_str(name);
        h.push_str("</h3><button class=\"button secondary\" type=\"button\" data-copy=\"");
        h.push_str(key);
        h.push_str("\">Copy ");
        h.push_str(name);
        h.push_str("</button></div><pre data-format=\"");
        h.push_str(key);
        h.push_str("\">");
        crate::text::push_escaped(&mut h, &text);
        h.push_str("</pre></div>");
    }
    h.push_str("<p class=\"cite-status\" role=\"status\"></p></details>");
    h
}

fn push_year(s: &mut String, year: i16) {
    if year < 0 {
        s.push('-');
    }
    push_int(s, u64::from(year.unsigned_abs()));
}

/// `2017-05-10`, `2017-05` or `2017` with `sep` between the parts.
fn push_iso(s: &mut String, date: PartialDate, sep: &str) {
    let mut iso = String::new();
    crate::html::row::push_iso_date(&mut iso, date);
    s.push_str(&iso.replace('-', sep));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn citation(date: &str) -> Citation<'static> {
        Citation {
            id: "2017-05-10--comey {fired}",
            title: "Trump fires Comey; 100% {sure} & $5_000 #1 ^~ \\",
            date: PartialDate::parse(date).unwrap(),
            site: "A \"Timeline\"",
            url: "https://example.org/tl/event/2017-05-10--comey%20%7Bfired%7D",
        }
    }

    #[test]
    fn plain_text_names_title_site_date_and_link() {
        let c = citation("2017-05-10");
        assert_eq!(
            plain(&c),
            "“Trump fires Comey; 100% {sure} & $5_000 #1 ^~ \\.” A \"Timeline\", 10 May 2017. \
             https://example.org/tl/event/2017-05-10--comey%20%7Bfired%7D"
        );
    }

    #[test]
    fn bibtex_escapes_its_specials_and_keeps_a_usable_key() {
        let b = bibtex(&citation("2017-05-10"));
        assert!(b.starts_with("@misc{2017-05-10--comey__fired_,\n"), "{b}");
        assert!(b.contains(
            "title = {Trump fires Comey; 100\\% \\{sure\\} \\& \\$5\\_000 \\#1 \\^{}\\~{} \\textbackslash{}}"
        ), "{b}");
        assert!(
            b.contains("year = {2017},\n  month = may,\n  date = {2017-05-10}"),
            "{b}"
        );
        assert!(b.contains("url = {https://example.org/tl/event/2017-05-10--comey%20%7Bfired%7D}"));
        // Braces balance: the entry is one group.
        let depth = b.chars().fold(0i32, |d, ch| match ch {
            '{' => d + 1,
            '}' => d - 1,
            _ => d,
        });
        let escaped = b.matches("\\{").count() as i32 - b.matches("\\}").count() as i32;
        assert_eq!(depth - escaped, 0, "{b}");
    }

    #[test]
    fn ris_has_one_line_per_tag_and_partial_dates() {
        let r = ris(&citation("2017-05"));
        let lines: Vec<&str> = r.split("\r\n").collect();
        assert_eq!(lines[0], "TY  - WEB");
        assert!(lines.contains(&"PY  - 2017"));
        assert!(lines.contains(&"DA  - 2017/05//"));
        assert_eq!(lines[lines.len() - 2], "ER  - ");
        let mut c = citation("2017");
        c.title = "Two\nlines";
        let r = ris(&c);
        assert!(
            r.contains("TI  - Two lines\r\n") && r.contains("DA  - 2017///\r\n"),
            "{r}"
        );
    }

    #[test]
    fn csl_json_is_valid_json_with_date_parts() {
        let j = csl_json(&citation("2017-05"));
        let v: serde_json::Value = serde_json::from_str(&j).unwrap();
        assert_eq!(v[0]["type"], "webpage");
        assert_eq!(
            v[0]["title"],
            "Trump fires Comey; 100% {sure} & $5_000 #1 ^~ \\"
        );
        assert_eq!(v[0]["container-title"], "A \"Timeline\"");
        assert_eq!(v[0]["issued"]["date-parts"], serde_json::json!([[2017, 5]]));
        assert_eq!(v[0]["id"], "2017-05-10--comey {fired}");
    }
}
