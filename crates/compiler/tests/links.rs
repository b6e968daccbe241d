//! `timeline links` against a real HTTP server on 127.0.0.1 started here (never the
//! internet): each kind of answer becomes its state, redirects are recorded, every
//! request is bounded by the timeout, a host gets two requests at a time, fresh results
//! are not asked again; and `build` turns links.json into the event page's marks.

mod common;

use common::Corpus;
use std::collections::HashMap;
use std::net::TcpListener;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use timeline_bundle::LinkState;
use timeline_compiler::links::{self, Limits, Options, Record};

/// What the server saw.
#[derive(Default)]
struct Seen {
    /// `"HEAD /ok"` → how many times.
    hits: HashMap<String, usize>,
    user_agents: Vec<String>,
    in_flight: usize,
    most_in_flight: usize,
}

/// A threaded HTTP server on 127.0.0.1, a port of its own; lives as long as the tests.
struct Server {
    port: u16,
    seen: Arc<Mutex<Seen>>,
}

impl Server {
    fn start() -> Server {
        let server = tiny_http::Server::http("127.0.0.1:0").expect("a local port");
        let port = server.server_addr().to_ip().expect("an IP address").port();
        let seen = Arc::new(Mutex::new(Seen::default()));
        let shared = seen.clone();
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let seen = shared.clone();
                std::thread::spawn(move || answer(request, &seen));
            }
        });
        Server { port, seen }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn hits(&self, request: &str) -> usize {
        self.seen
            .lock()
            .unwrap()
            .hits
            .get(request)
            .copied()
            .unwrap_or(0)
    }

    fn all_hits(&self) -> usize {
        self.seen.lock().unwrap().hits.values().sum()
    }
}

/// The routes: `/ok`; `/status/N`; `/chain/N` (N 301s, then `/ok`); `/to-dead` (a 301 to a
/// 404); `/loop/a` ⇄ `/loop/b`; `/slow` (10 s, then 200); `/no-head` (HEAD 405, GET 200);
/// `/busy/N` (200 after 300 ms, to count the requests in flight); `/relative` (a relative
/// Location).
fn answer(request: tiny_http::Request, seen: &Mutex<Seen>) {
    let path = request.url().to_string();
    let is_head = *request.method() == tiny_http::Method::Head;
    {
        let mut s = seen.lock().unwrap();
        *s.hits
            .entry(format!("{} {path}", request.method()))
            .or_default() += 1;
        if let Some(ua) = request
            .headers()
            .iter()
            .find(|h| h.field.equiv("User-Agent"))
        {
            s.user_agents.push(ua.value.to_string());
        }
        s.in_flight += 1;
        s.most_in_flight = s.most_in_flight.max(s.in_flight);
    }
    let redirect = |status: u16, to: &str| {
        tiny_http::Response::empty(status)
            .with_header(tiny_http::Header::from_bytes("Location", to).unwrap())
    };
    let response = match path.as_str() {
        "/ok" => tiny_http::Response::empty(200),
        "/no-head" if is_head => tiny_http::Response::empty(405),
        "/no-head" => tiny_http::Response::empty(200),
        "/to-dead" => redirect(301, "/status/404"),
        "/loop/a" => redirect(302, "/loop/b"),
        "/loop/b" => redirect(302, "/loop/a"),
        "/relative/page" => redirect(301, "../ok"),
        "/slow" => {
            std::thread::sleep(Duration::from_secs(10));
            tiny_http::Response::empty(200)
        }
        p if p.starts_with("/busy/") => {
            std::thread::sleep(Duration::from_millis(300));
            tiny_http::Response::empty(200)
        }
        p if p.starts_with("/status/") => {
            tiny_http::Response::empty(p["/status/".len()..].parse::<u16>().unwrap())
        }
        p if p.starts_with("/chain/") => match p["/chain/".len()..].parse::<u32>().unwrap() {
            0 => redirect(301, "/ok"),
            n => redirect(301, &format!("/chain/{}", n - 1)),
        },
        _ => tiny_http::Response::empty(404),
    };
    seen.lock().unwrap().in_flight -= 1;
    let _ = request.respond(response);
}

/// A port nothing listens on: bound, then let go.
fn refused_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// One event citing `urls` (the first with an archived copy when `archive` is given).
fn event(id: &str, urls: &[String], archive: Option<&str>) -> String {
    let mut sources = String::new();
    for (n, url) in urls.iter().enumerate() {
        sources.push_str(&format!("  - url: {url}\n    title: Source {n}\n"));
        if n == 0 {
            if let Some(a) = archive {
                sources.push_str(&format!("    archive_url: {a}\n"));
            }
        }
    }
    format!("---\nid: {id}\ndate: 2020-03-04\ntitle: Event {id}\nimportance: 5\nsources:\n{sources}---\nBody.\n")
}

fn options(timeout_ms: u64, max_age_days: u64) -> Options {
    Options {
        limits: Limits {
            timeout: Duration::from_millis(timeout_ms),
            concurrency: 8,
            per_host: 2,
        },
        max_age: Duration::from_secs(max_age_days * 86_400),
    }
}

fn run(dir: &Path, options: &Options) -> links::Outcome {
    links::run(dir, options, &|_, _| {}).expect("the links are checked")
}

fn record<'a>(outcome: &'a links::Outcome, url: &str) -> &'a Record {
    outcome
        .store
        .links
        .get(url)
        .unwrap_or_else(|| panic!("no result for {url}"))
}

#[test]
fn each_answer_becomes_its_state_and_redirects_are_recorded() {
    let server = Server::start();
    let refused = format!("http://127.0.0.1:{}/", refused_port());
    let paths = [
        "/ok",
        "/status/404",
        "/status/410",
        "/status/403",
        "/status/500",
        "/status/429",
        "/chain/3",
        "/to-dead",
        "/loop/a",
        "/chain/12",
        "/slow",
        "/no-head",
        "/relative/page",
    ];
    let mut urls: Vec<String> = paths.iter().map(|p| server.url(p)).collect();
    urls.push(refused.clone());
    let corpus = Corpus::with(&[("a.md", event("a", &urls, None).as_bytes())]);
    let started = Instant::now();
    let outcome = run(corpus.path(), &options(500, 7));
    let took = started.elapsed();
    assert_eq!((outcome.checked, outcome.kept), (urls.len(), 0));

    let is = |path: &str, state: LinkState, status: Option<u16>| {
        let r = record(&outcome, &server.url(path));
        assert_eq!((r.state, r.status), (state, status), "{path}: {r:?}");
        r
    };
    let ok = is("/ok", LinkState::Ok, Some(200));
    assert_eq!((&ok.final_url, &ok.error), (&None, &None));
    is("/status/404", LinkState::Dead, Some(404));
    is("/status/410", LinkState::Dead, Some(410));
    is("/status/403", LinkState::Dead, Some(403));
    let server_error = is("/status/500", LinkState::Error, Some(500));
    assert_eq!(
        server_error.error.as_deref(),
        Some("the server answered 500")
    );
    is("/status/429", LinkState::Error, Some(429));

    let chain = is("/chain/3", LinkState::Redirect, Some(200));
    assert_eq!(chain.final_url, Some(server.url("/ok")));
    for hop in ["/chain/3", "/chain/2", "/chain/1", "/chain/0", "/ok"] {
        assert!(server.hits(&format!("HEAD {hop}")) >= 1, "{hop} asked");
    }
    let to_dead = is("/to-dead", LinkState::Dead, Some(404));
    assert_eq!(to_dead.final_url, Some(server.url("/status/404")));
    let relative = is("/relative/page", LinkState::Redirect, Some(200));
    assert_eq!(relative.final_url, Some(server.url("/ok")));

    let looped = is("/loop/a", LinkState::Error, Some(302));
    assert!(
        looped
            .error
            .as_deref()
            .unwrap()
            .starts_with("a redirect loop"),
        "{looped:?}"
    );
    assert_eq!(looped.final_url, Some(server.url("/loop/a")));
    let too_many = is("/chain/12", LinkState::Error, Some(301));
    assert_eq!(too_many.error.as_deref(), Some("more than 10 redirects"));

    let slow = is("/slow", LinkState::Error, None);
    assert_eq!(slow.error.as_deref(), Some("no answer within 0.5 s"));
    assert_eq!(
        server.hits("GET /slow"),
        0,
        "a timeout is not asked again with GET"
    );
    assert!(
        took < Duration::from_secs(6),
        "the slow answer (10 s) was not waited for: {took:?}"
    );

    let no_head = is("/no-head", LinkState::Ok, Some(200));
    assert_eq!(no_head.error, None);
    assert_eq!(
        (server.hits("HEAD /no-head"), server.hits("GET /no-head")),
        (1, 1)
    );
    assert_eq!(server.hits("GET /ok"), 0, "a HEAD answered 2xx is enough");

    let refused = record(&outcome, &refused);
    assert_eq!((refused.state, refused.status), (LinkState::Error, None));
    assert_eq!(refused.error.as_deref(), Some("connection refused"));

    let agents = server.seen.lock().unwrap().user_agents.clone();
    assert!(!agents.is_empty());
    assert!(
        agents.iter().all(|a| a == links::probe::USER_AGENT),
        "{agents:?}"
    );
    assert!(
        links::probe::USER_AGENT.starts_with(concat!("timeline-links/", env!("CARGO_PKG_VERSION")))
    );

    // The file holds the same, its keys sorted.
    let written = std::fs::read_to_string(corpus.path().join(links::FILE)).unwrap();
    assert_eq!(written, outcome.store.to_json());
    let keys: Vec<&String> = outcome.store.links.keys().collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    // And the check that follows skips it: it is no event.
    let checked = corpus.check();
    assert_eq!(checked.report.errors(), 0);
    assert!(checked.report.skipped.iter().any(|s| s.name == links::FILE));
}

#[test]
fn fresh_results_are_kept_and_links_no_longer_cited_dropped() {
    let server = Server::start();
    let urls: Vec<String> = ["/ok", "/status/404", "/chain/1"]
        .iter()
        .map(|p| server.url(p))
        .collect();
    let archive = server.url("/status/410");
    let corpus = Corpus::with(&[("a.md", event("a", &urls, Some(&archive)).as_bytes())]);
    let first = run(corpus.path(), &options(2000, 7));
    assert_eq!((first.checked, first.kept, first.dropped), (4, 0, 0));
    assert_eq!(
        record(&first, &archive).state,
        LinkState::Dead,
        "archive URLs are checked too"
    );
    let hits = server.all_hits();

    let second = run(corpus.path(), &options(2000, 7));
    assert_eq!((second.checked, second.kept, second.dropped), (0, 4, 0));
    assert_eq!(server.all_hits(), hits, "no fresh result is asked again");
    assert_eq!(second.store, first.store, "kept as they were");

    // One link fewer: its result goes; a maximum age of 0 asks every other one again.
    corpus.write("a.md", event("a", &urls[..2], Some(&archive)));
    let third = run(corpus.path(), &options(2000, 0));
    assert_eq!((third.checked, third.kept, third.dropped), (3, 0, 1));
    assert!(!third.store.links.contains_key(&urls[2]));
    assert_eq!(server.hits("HEAD /status/404"), 2, "asked once a run");
    assert!(third.store.links[&urls[0]].checked_at >= first.store.links[&urls[0]].checked_at);
}

#[test]
fn a_host_gets_two_requests_at_a_time() {
    let server = Server::start();
    // Two hosts for one server: 127.0.0.1 and localhost.
    let mut urls: Vec<String> = (0..6).map(|n| server.url(&format!("/busy/{n}"))).collect();
    urls.extend((0..6).map(|n| format!("http://localhost:{}/busy/l{n}", server.port)));
    let corpus = Corpus::with(&[("a.md", event("a", &urls, None).as_bytes())]);
    let started = Instant::now();
    let outcome = run(corpus.path(), &options(5000, 7));
    let took = started.elapsed();
    assert!(
        outcome
            .store
            .links
            .values()
            .all(|r| r.state == LinkState::Ok),
        "{:?}",
        outcome.store
    );
    let most = server.seen.lock().unwrap().most_in_flight;
    assert!(most <= 4, "at most two a host, two hosts: {most} at once");
    assert!(most >= 3, "both hosts at once: {most}");
    // 6 links a host, 2 at a time, 300 ms each: about 0.9 s, not 12 × 0.3 = 3.6 s.
    assert!(took < Duration::from_millis(3000), "{took:?}");
}

#[test]
fn a_folder_that_cannot_be_checked_or_written_is_an_error_before_any_request() {
    let server = Server::start();
    let corpus = Corpus::with(&[("a.md", event("a", &[server.url("/ok")], None).as_bytes())]);
    corpus.write(
        links::FILE,
        "{\"links\": {\n  \"x\": {\"state\": \"fine\"}}}",
    );
    let e = links::run(corpus.path(), &options(1000, 7), &|_, _| {}).unwrap_err();
    let shown = e.to_string();
    assert!(shown.contains("links.json:2:"), "{shown}");
    assert!(shown.contains("unknown variant `fine`"), "{shown}");
    assert_eq!(server.all_hits(), 0);

    let missing = corpus.path().join("nothing-here");
    let e = links::run(&missing, &options(1000, 7), &|_, _| {}).unwrap_err();
    assert!(e.to_string().contains("is not a folder"), "{e}");
}

/// A corpus with a links.json: the dead source is marked on its page, its archived copy
/// is the main link, and a dead source without a copy offers the Wayback Machine.
#[test]
fn build_marks_dead_sources_on_the_event_page() {
    let corpus = Corpus::with(&[(
        "a.md",
        concat!(
            "---\nid: a\ndate: 2020-03-04\ntitle: Event a\nimportance: 5\nsources:\n",
            "  - url: https://gone.example/with-copy\n    title: With a copy\n",
            "    archive_url: https://archive.example/copy\n",
            "  - url: https://gone.example/without\n    title: Without a copy\n    date: '2019-07-08'\n",
            "  - url: https://fine.example/\n    title: Fine\n",
            "  - url: https://unchecked.example/\n    title: Unchecked\n",
            "---\nBody.\n"
        )
        .as_bytes(),
    )]);
    corpus.write(
        links::FILE,
        r#"{"links": {
  "https://gone.example/with-copy": {"state": "dead", "status": 404, "checked_at": "2025-05-03T10:00:00Z"},
  "https://gone.example/without": {"state": "dead", "status": 410, "checked_at": "2025-05-03T10:00:00Z"},
  "https://fine.example/": {"state": "ok", "status": 200, "checked_at": "2025-05-03T10:00:00Z"},
  "https://no-longer-cited.example/": {"state": "ok", "status": 200, "checked_at": "2025-05-03T10:00:00Z"}
}}"#,
    );
    let out = tempfile::tempdir().unwrap();
    std::fs::write(
        out.path().join("index.html"),
        "<!doctype html><html><head><title>T</title></head><body></body></html>",
    )
    .unwrap();
    let built = timeline_compiler::build(corpus.path(), out.path(), &Default::default())
        .expect("the corpus builds");
    assert_eq!(built.report.errors(), 0);
    let page = std::fs::read_to_string(out.path().join("event/a/index.html")).unwrap();
    let open = "target=\"_blank\" rel=\"noopener noreferrer nofollow\">";
    let mark = "<span class=\"link-dead\">Dead link, checked <time datetime=\"2025-05-03\">3 May 2025</time></span>";
    for expected in [
        format!("<li class=\"source dead\"><a href=\"https://archive.example/copy\" {open}With a copy</a><span class=\"source-meta\">{mark}"),
        format!("<a href=\"https://gone.example/with-copy\" {open}Original address</a>"),
        format!("<li class=\"source dead\"><a href=\"https://gone.example/without\" {open}Without a copy</a><span class=\"source-meta\">{mark}"),
        format!("<a href=\"https://web.archive.org/web/20190708/https://gone.example/without\" {open}Try the Wayback Machine</a>"),
        format!("<li class=\"source\"><a href=\"https://fine.example/\" {open}Fine</a>"),
        format!("<li class=\"source\"><a href=\"https://unchecked.example/\" {open}Unchecked</a>"),
    ] {
        assert!(page.contains(&expected), "{expected}\n in {page}");
    }
    assert_eq!(page.matches("Dead link").count(), 2);

    // The same input, the same bytes.
    let rebuilt = timeline_compiler::build(corpus.path(), out.path(), &Default::default()).unwrap();
    assert_eq!(rebuilt.bundle.name, built.bundle.name);

    // A malformed links.json stops the build, naming the file and the line.
    corpus.write(
        links::FILE,
        "{\"links\": {\n\n  \"https://fine.example/\": {\"state\": \"ok\",}}}",
    );
    let e = timeline_compiler::build(corpus.path(), out.path(), &Default::default()).unwrap_err();
    let shown = e.to_string();
    assert!(shown.contains("links.json:3:"), "{shown}");
    assert!(
        matches!(e, timeline_compiler::build::Error::Links(_)),
        "{e:?}"
    );
}
