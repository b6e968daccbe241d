//! The corpus's problems in the page, for a development server only (`timeline build
//! --dev-report`, which `scripts/serve` asks for): a banner "N files rejected, M warnings"
//! listing each diagnostic, written as static HTML at the end of `index.html`'s body,
//! outside the static first screen, so that the app's size does not change. The dismiss
//! button is wired by the boot script (`boot.js`): the page's policy allows no inline
//! script. Every text from the corpus is escaped. A release build never writes it.
//!
//! A development site must also never show a stale page: Trunk's live-reload script,
//! which `trunk serve` puts inline in the page (and the policy would block), is moved into
//! a file of its own (`trunk-reload.js`), and the site's service worker is one that caches
//! nothing and removes itself, so that a reload always gets the new build.

use crate::build::{Output, OutputError};
use crate::diagnostic::{Diagnostic, Severity};
use crate::report::Report;
use timeline_bundle::html::push_escaped;

const START: &str = "<!-- timeline:dev-report -->";
const END: &str = "<!-- /timeline:dev-report -->";

/// At most this many diagnostics are listed (the real corpus has about a thousand
/// warnings); the terminal has them all.
pub const LISTED: usize = 200;

/// Where Trunk's live-reload script goes.
const RELOAD_FILE: &str = "trunk-reload.js";

/// How the live-reload script is recognised: the address it connects to.
const RELOAD_MARK: &str = ".well-known/trunk/ws";

/// A development site's `sw.js`: it takes over at once, answers nothing (every request
/// goes to the development server), removes itself and reloads its pages, so that a
/// worker a release build installed on this origin shows no stale site either.
pub(super) const DEV_SERVICE_WORKER: &str = "// A development build's service worker (timeline build --dev-report): no cache, no fetch\n\
// handler; it replaces any earlier worker, removes itself and reloads the pages it held.\n\
self.addEventListener(\"install\", () => self.skipWaiting());\n\
self.addEventListener(\"activate\", (event) => event.waitUntil((async () => {\n\
  await self.registration.unregister();\n\
  for (const client of await self.clients.matchAll({ type: \"window\" })) client.navigate(client.url);\n\
})()));\n";

/// `page` with Trunk's inline live-reload script (if it has one) moved into
/// [`RELOAD_FILE`], written to `output`; an earlier development build's file is kept.
pub(super) fn move_reload_script(output: &mut Output, page: &str) -> Result<String, OutputError> {
    let tag = format!("<script src=\"{RELOAD_FILE}\"></script>");
    let found = page.match_indices("<script>").find_map(|(start, _)| {
        let body = start + "<script>".len();
        let end = body + page[body..].find("</script>")?;
        page[body..end]
            .contains(RELOAD_MARK)
            .then_some((start, body, end))
    });
    let Some((start, body, end)) = found else {
        if page.contains(&tag) {
            let script = output.read(RELOAD_FILE)?;
            output.write(RELOAD_FILE, &script)?;
        }
        return Ok(page.to_string());
    };
    // Trunk fills in its address and base when it serves a page, not a script: the
    // script finds both itself, from the page it runs in.
    let script = page[body..end]
        .replace("'{{__TRUNK_ADDRESS__}}'", "location.host")
        .replace(
            "'{{__TRUNK_WS_BASE__}}'",
            "new URL(document.baseURI).pathname",
        );
    output.write(RELOAD_FILE, script.as_bytes())?;
    let mut out = String::with_capacity(page.len());
    out.push_str(&page[..start]);
    out.push_str(&tag);
    out.push_str(&page[end + "</script>".len()..]);
    Ok(out)
}

/// `page` without the banner an earlier build put in it.
pub(super) fn strip(page: &str) -> String {
    super::without_block(page, START, END)
}

/// `page` with the banner of `report`'s problems at the end of its body, or `page` as it
/// is when there are none.
pub(super) fn put(page: &str, report: &Report) -> String {
    let Some(banner) = banner(report) else {
        return page.to_string();
    };
    let at = page.rfind("</body>").unwrap_or(page.len());
    let mut out = String::with_capacity(page.len() + banner.len() + START.len() + END.len());
    out.push_str(&page[..at]);
    out.push_str(START);
    out.push_str(&banner);
    out.push_str(END);
    out.push_str(&page[at..]);
    out
}

/// The banner's markup: the counts as its heading, the dismiss button, and the problems,
/// errors first, each with its file, line, code and message.
fn banner(report: &Report) -> Option<String> {
    let rejected = report.rejected.len();
    let warnings = report.warnings();
    if rejected == 0 && report.diagnostics.is_empty() {
        return None;
    }
    let mut h = String::with_capacity(1024 + report.diagnostics.len().min(LISTED) * 160);
    h.push_str(
        "<aside class=\"dev-report\" role=\"status\" aria-labelledby=\"dev-report-title\">\
         <div class=\"dev-report-head\"><h2 id=\"dev-report-title\">",
    );
    h.push_str(&count(rejected, "file rejected", "files rejected"));
    h.push_str(", ");
    h.push_str(&count(warnings, "warning", "warnings"));
    h.push_str(
        "</h2><button class=\"button secondary dev-report-dismiss\" type=\"button\">Dismiss</button></div>\
         <p class=\"dev-report-note\">A development build: it shows the valid events; a release build refuses a corpus with errors. \
         The terminal shows every problem.</p><details><summary>The problems</summary><ol class=\"dev-report-list\">",
    );
    let errors = report
        .diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Error);
    let others = report
        .diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Warning);
    for d in errors.chain(others).take(LISTED) {
        push_item(&mut h, d);
    }
    h.push_str("</ol>");
    if report.diagnostics.len() > LISTED {
        h.push_str("<p class=\"dev-report-note\">and ");
        h.push_str(&(report.diagnostics.len() - LISTED).to_string());
        h.push_str(" more in the terminal.</p>");
    }
    h.push_str("</details></aside>");
    Some(h)
}

fn push_item(h: &mut String, d: &Diagnostic) {
    h.push_str(match d.severity() {
        Severity::Error => "<li class=\"dev-report-error\"><code>",
        Severity::Warning => "<li class=\"dev-report-warning\"><code>",
    });
    push_escaped(h, &d.file);
    if d.line > 0 {
        h.push(':');
        h.push_str(&d.line.to_string());
    }
    h.push_str("</code> <strong>");
    h.push_str(d.code.id());
    h.push_str("</strong> ");
    push_escaped(h, &d.message);
    h.push_str("</li>");
}

/// "1 file rejected", "2 files rejected".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;

    const PAGE: &str = "<html><body><div id=\"boot\"></div></body></html>";

    fn report() -> Report {
        Report {
            files: 3,
            accepted: 2,
            rejected: vec!["<b>.md".into()],
            diagnostics: vec![
                Diagnostic::new(
                    "a.md",
                    4,
                    Code::UnknownStatus,
                    "unknown status `<img src=x onerror=alert(1)>`",
                ),
                Diagnostic::new("<b>.md", 2, Code::MissingTitle, "no `title` & more"),
            ],
            ..Report::default()
        }
    }

    #[test]
    fn the_banner_counts_and_lists_every_problem_escaped_errors_first() {
        let page = put(PAGE, &report());
        let banner = &page[page.find(START).unwrap()..page.find(END).unwrap()];
        assert!(
            page.ends_with("</aside><!-- /timeline:dev-report --></body></html>"),
            "at the end of the body: {page}"
        );
        assert!(
            banner.contains(">1 file rejected, 1 warning</h2>"),
            "{banner}"
        );
        let error = banner
            .find("<li class=\"dev-report-error\"><code>&lt;b&gt;.md:2</code> <strong>E013</strong> no `title` &amp; more</li>")
            .expect(banner);
        let warning = banner
            .find("<li class=\"dev-report-warning\"><code>a.md:4</code> <strong>W001</strong> unknown status `&lt;img src=x onerror=alert(1)&gt;`</li>")
            .expect(banner);
        assert!(error < warning, "errors first");
        assert!(
            !banner.contains("<img") && !banner.contains("<b>"),
            "{banner}"
        );
        // Again on its own output: one banner, the same page.
        assert_eq!(put(&strip(&page), &report()), page);
        assert_eq!(strip(&page), PAGE);
    }

    #[test]
    fn trunks_live_reload_script_moves_into_a_file_and_stays_on_a_rebuild() {
        let dir = tempfile::tempdir().unwrap();
        let page = "<body><script>const a = 1;</script>\
                    <script>const address = '{{__TRUNK_ADDRESS__}}'; const base = '{{__TRUNK_WS_BASE__}}';\
                    new WebSocket(address + base + '.well-known/trunk/ws');</script></body>";
        let mut output = Output::open(dir.path(), |_| {}).unwrap();
        let moved = move_reload_script(&mut output, page).unwrap();
        output.commit().unwrap();
        assert_eq!(
            moved,
            "<body><script>const a = 1;</script><script src=\"trunk-reload.js\"></script></body>"
        );
        let file = dir.path().join(RELOAD_FILE);
        let script =
            "const address = location.host; const base = new URL(document.baseURI).pathname;\
                      new WebSocket(address + base + '.well-known/trunk/ws');";
        assert_eq!(std::fs::read_to_string(&file).unwrap(), script);
        // Over its own output: the page as it is, the file kept.
        let mut output = Output::open(dir.path(), |_| {}).unwrap();
        assert_eq!(move_reload_script(&mut output, &moved).unwrap(), moved);
        output.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), script);
    }

    #[test]
    fn no_problems_no_banner_and_a_long_list_is_cut() {
        assert_eq!(put(PAGE, &Report::default()), PAGE);
        let many = Report {
            diagnostics: (0..LISTED + 5)
                .map(|i| Diagnostic::new(&format!("{i}.md"), 1, Code::MissingImportance, "m"))
                .collect(),
            ..Report::default()
        };
        let page = put(PAGE, &many);
        assert_eq!(page.matches("<li ").count(), LISTED);
        assert!(page.contains(">0 files rejected, 205 warnings</h2>"));
        assert!(page.contains("and 5 more in the terminal."), "{page}");
    }
}
