//! The static content the build writes into the pages (the home's first screen in
//! `index.html`, each event's article in its page), read back with a real HTML tokenizer:
//! hostile titles, ids, tags and sources stay text (no script, no handler, no attribute
//! broken out of, no `javascript:` link), the fixtures' hostile body stays sanitised, and
//! the same corpus gives the same bytes.

mod common;

use common::{all_files, fixtures, Corpus, TRUNK_PAGE};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;
use std::path::Path;
use timeline_bundle::link::event_path;
use timeline_compiler::build::{self, Options};

const ID: &str = "x\"><script>alert(1)<img src=x onerror=alert(2) '";
const TITLE: &str = "</h3></a><script>alert(3)</script><b onmouseover=\"alert(4)\">\"' &amp;";
const TAG: &str = "\"><svg onload=alert(5)>";

/// An event whose every text field tries to become markup.
fn hostile_event() -> Vec<u8> {
    let json = serde_json::json!({
        "id": ID,
        "date": "2030-01-02",
        "title": TITLE,
        "importance": 9,
        "tags": [TAG],
        "actors": ["<script>alert(6)</script>"],
        "location": "<img src=x onerror=alert(7)>",
        "summary": "**bold** <script>alert(8)</script>",
        "sources": [
            { "url": "javascript:alert(9)", "title": "a \"source\" <i>" },
            { "url": "https://example.org/?a=1&b=\"2\"", "title": "</a><script>alert(10)</script>", "outlet": "<b>" }
        ]
    });
    serde_json::to_vec(&json).unwrap()
}

/// A page's tokens: each start tag with its attributes, and its text.
#[derive(Default)]
struct Page {
    tags: Vec<(String, Vec<(String, String)>)>,
    text: String,
}

struct Sink(RefCell<Page>);

impl TokenSink for Sink {
    type Handle = ();
    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut page = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => {
                let attrs = tag
                    .attrs
                    .iter()
                    .map(|a| (a.name.local.to_string(), a.value.to_string()))
                    .collect();
                page.tags.push((tag.name.to_string(), attrs));
            }
            Token::CharacterTokens(t) => page.text.push_str(&t),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

fn tokens(html: &str) -> Page {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(html));
    let tokenizer = Tokenizer::new(Sink(RefCell::default()), TokenizerOpts::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.take()
}

/// What no page may hold: a script but the boot script, an event handler or a style
/// attribute, a `javascript:` URL.
fn assert_inert(name: &str, page: &Page) {
    let scripts: Vec<_> = page.tags.iter().filter(|(t, _)| t == "script").collect();
    assert_eq!(
        scripts.len(),
        1,
        "{name}: only the boot script: {scripts:?}"
    );
    assert!(scripts[0]
        .1
        .iter()
        .any(|(k, v)| k == "src" && v.contains("boot.")));
    for (tag, attrs) in &page.tags {
        assert!(
            !["img", "iframe", "object", "embed", "style"].contains(&tag.as_str()),
            "{name}: <{tag}>"
        );
        for (k, v) in attrs {
            assert!(
                !k.starts_with("on") && k != "style",
                "{name}: <{tag} {k}={v:?}>"
            );
            let v = v.trim().to_ascii_lowercase();
            assert!(!v.starts_with("javascript:"), "{name}: <{tag} {k}={v:?}>");
        }
    }
}

/// Builds `corpus` into `out`: over Trunk's page, or over an earlier build's output.
fn build_into(corpus: &Path, out: &Path) {
    if !out.join("index.html").exists() {
        std::fs::write(out.join("index.html"), TRUNK_PAGE).unwrap();
    }
    build::build(corpus, out, &Options::default()).unwrap();
}

fn read(out: &Path, file: &str) -> String {
    std::fs::read_to_string(out.join(file)).unwrap()
}

#[test]
fn hostile_texts_stay_text_in_the_first_screen_and_the_event_pages() {
    let corpus = Corpus::with(&[("hostile.json", &hostile_event())]);
    let out = tempfile::tempdir().unwrap();
    build_into(corpus.path(), out.path());

    let index = tokens(&read(out.path(), "index.html"));
    assert_inert("index.html", &index);
    // The title is the row's text, every character of it, and the link is the event's.
    assert!(index.text.contains(TITLE), "{}", index.text);
    assert!(index.text.contains(TAG));
    let href = event_path(ID);
    assert!(index
        .tags
        .iter()
        .any(|(t, a)| t == "a" && a.contains(&("href".into(), href.clone()))));

    let page = tokens(&read(out.path(), &format!("event/{ID}/index.html")));
    assert_inert("the event page", &page);
    for text in [
        TITLE,
        ID,
        TAG,
        "<script>alert(6)</script>",
        "<img src=x onerror=alert(7)>",
        "a \"source\" <i>",
        "</a><script>alert(10)</script>",
        "<b>",
    ] {
        assert!(page.text.contains(text), "{text:?} is the page's text");
    }
    let links: Vec<&str> = page
        .tags
        .iter()
        .filter(|(t, _)| t == "a")
        .flat_map(|(_, a)| {
            a.iter()
                .filter(|(k, _)| k == "href")
                .map(|(_, v)| v.as_str())
        })
        .collect();
    // The one outside link is the http(s) source; the javascript: one is text.
    let outside: Vec<&str> = links.iter().copied().filter(|l| l.contains(':')).collect();
    assert_eq!(outside, ["https://example.org/?a=1&b=\"2\""], "{links:?}");
    // The summary's script was removed by the sanitiser; its Markdown rendered.
    assert!(!page.text.contains("alert(8)") && page.tags.iter().any(|(t, _)| t == "strong"));
}

#[test]
fn the_fixtures_pages_are_inert_and_hold_their_events() {
    let out = tempfile::tempdir().unwrap();
    build_into(&fixtures("valid"), out.path());
    let pages: Vec<String> = all_files(out.path())
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect();
    assert!(pages.len() > 10, "{pages:?}");
    for name in &pages {
        assert_inert(name, &tokens(&read(out.path(), name)));
    }
    let body = tokens(&read(out.path(), "event/hostile-body/index.html"));
    assert!(body.text.contains("A body that tries to run script"));
    assert!(body.text.contains("mixed case") && body.text.contains("safe"));
    let quoted = "quote-\"victory\"-memo-and-putin's-palace";
    let page = tokens(&read(out.path(), &format!("event/{quoted}/index.html")));
    assert!(page.text.contains(quoted));
}

#[test]
fn the_same_corpus_gives_the_same_pages() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    build_into(&fixtures("valid"), a.path());
    build_into(&fixtures("valid"), b.path());
    let files = all_files(a.path());
    assert_eq!(files, all_files(b.path()));
    let bytes = |dir: &Path, f: &str| std::fs::read(dir.join(f)).unwrap();
    for f in &files {
        assert_eq!(bytes(a.path(), f), bytes(b.path(), f), "{f}");
    }
    // Built again over its own output: the same files.
    build_into(&fixtures("valid"), a.path());
    assert_eq!(all_files(a.path()), files);
    for f in &files {
        assert_eq!(bytes(a.path(), f), bytes(b.path(), f), "{f}, rebuilt");
    }
}
