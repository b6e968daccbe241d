//! The links a checked corpus cites: every source's http(s) URL and archive URL, each
//! once, with the files that cite it (a dead link is reported with the files to fix).

use crate::check::Checked;
use std::collections::BTreeMap;

/// Every http(s) URL the accepted events' sources name (their pages and their archived
/// copies), sorted, each with the files that cite it, sorted.
pub fn urls(checked: &Checked) -> BTreeMap<String, Vec<String>> {
    let mut cited: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for accepted in &checked.events {
        let event = accepted.parsed();
        for source in &event.sources {
            // The reader keeps only http(s) URLs as links ([`crate::url`]).
            for url in [&source.url, &source.archive_url].into_iter().flatten() {
                let files = cited.entry(url.clone()).or_default();
                if files.last() != Some(&event.file) {
                    files.push(event.file.clone());
                }
            }
        }
    }
    for files in cited.values_mut() {
        files.sort();
        files.dedup();
    }
    cited
}

#[cfg(test)]
mod tests {
    #[test]
    fn each_url_once_with_the_files_that_cite_it() {
        let dir = tempfile::tempdir().unwrap();
        let event = |id: &str, sources: &str| {
            format!("---\nid: {id}\ndate: 2020\ntitle: T\nimportance: 1\nsources:\n{sources}---\n")
        };
        std::fs::write(
            dir.path().join("b.md"),
            event(
                "b",
                "  - url: https://one.example/\n    archive_url: https://archive.example/one\n  - url: https://one.example/\n  - url: ftp://not.example/\n",
            ),
        )
        .unwrap();
        std::fs::write(
            dir.path().join("a.md"),
            event("a", "  - url: https://one.example/\n  - title: No link\n"),
        )
        .unwrap();
        let checked = crate::check(dir.path()).unwrap();
        let urls = super::urls(&checked);
        let listed: Vec<(&str, Vec<&str>)> = urls
            .iter()
            .map(|(u, f)| (u.as_str(), f.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            listed,
            [
                ("https://archive.example/one", vec!["b.md"]),
                ("https://one.example/", vec!["a.md", "b.md"]),
            ]
        );
    }
}
