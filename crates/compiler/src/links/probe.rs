//! One link's check: HEAD, asked again with GET where HEAD is refused; redirects followed
//! one by one (each a request of its own, bounded by the timeout) to the answer that
//! says, or to an error (a loop, too many hops, a redirect nowhere). No body is read.

use super::store::Record;
use std::collections::HashSet;
use std::time::Duration;
use timeline_bundle::LinkState;
use ureq::Agent;

/// How many redirects a link may take before its check is an error (browsers allow 20;
/// a source that needs more than 10 is broken for most readers' purposes).
pub const MAX_REDIRECTS: usize = 10;

/// What the checker says it is, in every request.
pub const USER_AGENT: &str = concat!(
    "timeline-links/",
    env!("CARGO_PKG_VERSION"),
    " (the link checker of the timeline tool; one HEAD or GET a link, a few at a time a host)"
);

/// An agent that asks one request at a time as [`check`] needs it: each bounded by
/// `timeout` from name lookup to the answer's headers, redirects not followed (they are
/// followed here, to record them), every status an answer rather than an error.
pub fn agent(timeout: Duration) -> Agent {
    Agent::config_builder()
        .timeout_global(Some(timeout))
        .max_redirects(0)
        .http_status_as_error(false)
        .user_agent(USER_AGENT)
        .build()
        .into()
}

/// One answer: its status and where it redirects.
struct Answer {
    status: u16,
    location: Option<String>,
}

/// Checks `url`; `timeout` is only for the words of a timeout's error.
pub fn check(agent: &Agent, url: &str, timeout: Duration) -> Record {
    let mut record = Record {
        state: LinkState::Error,
        status: None,
        final_url: None,
        error: None,
        checked_at: super::store::now(),
    };
    let mut current = match url::Url::parse(url.trim()) {
        Ok(u) if u.host_str().is_some_and(|h| !h.is_empty()) => u,
        Ok(_) => return record.failed("not a URL with a host".into()),
        Err(e) => return record.failed(format!("not a valid URL ({e})")),
    };
    let mut seen = HashSet::from([current.to_string()]);
    let mut hops = 0;
    loop {
        if hops > 0 {
            record.final_url = Some(current.to_string());
        }
        let answer = match ask(agent, current.as_str()) {
            Ok(answer) => answer,
            Err(e) => return record.failed(describe(&e, timeout)),
        };
        record.status = Some(answer.status);
        if !matches!(answer.status, 301 | 302 | 303 | 307 | 308) {
            record.state = match answer.status {
                200..=299 if hops == 0 => LinkState::Ok,
                200..=299 => LinkState::Redirect,
                // Too many requests: this checker's, not the page's, problem.
                429 => return record.failed("rate limited (429): try again later".into()),
                400..=499 => LinkState::Dead,
                status => return record.failed(format!("the server answered {status}")),
            };
            return record;
        }
        let Some(location) = answer.location else {
            return record.failed("a redirect without a Location".into());
        };
        let next = match current.join(&location) {
            Ok(next) if matches!(next.scheme(), "http" | "https") => next,
            Ok(next) => {
                return record.failed(format!("a redirect to a {} URL", next.scheme()));
            }
            Err(e) => return record.failed(format!("a redirect to a bad URL ({e})")),
        };
        hops += 1;
        if !seen.insert(next.to_string()) {
            record.final_url = Some(next.to_string());
            return record.failed(format!("a redirect loop (back to {next})"));
        }
        if hops > MAX_REDIRECTS {
            record.final_url = Some(next.to_string());
            return record.failed(format!("more than {MAX_REDIRECTS} redirects"));
        }
        current = next;
    }
}

impl Record {
    fn failed(mut self, why: String) -> Record {
        self.state = LinkState::Error;
        self.error = Some(why);
        self
    }
}

/// HEAD, and GET when HEAD is refused: answered 4xx or 5xx (servers that mishandle HEAD
/// answer 403, 404, 405 or 501 to it, so a dead link costs one more request) or a failed
/// connection that is no timeout, no refusal and no DNS or TLS failure (which GET would
/// only repeat). When GET fails where HEAD had an answer, HEAD's answer stands.
fn ask(agent: &Agent, url: &str) -> Result<Answer, ureq::Error> {
    let head = agent.head(url).call().map(|r| answer_of(&r));
    match &head {
        Ok(a) if a.status < 400 => return head,
        Err(e) if !worth_a_get(e) => return head,
        _ => {}
    }
    match (agent.get(url).call().map(|r| answer_of(&r)), head) {
        (Err(_), Ok(head)) => Ok(head),
        (get, _) => get,
    }
}

fn answer_of<B>(response: &ureq::http::Response<B>) -> Answer {
    Answer {
        status: response.status().as_u16(),
        location: response
            .headers()
            .get(ureq::http::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string),
    }
}

fn worth_a_get(e: &ureq::Error) -> bool {
    match e {
        ureq::Error::Io(io) => io.kind() != std::io::ErrorKind::ConnectionRefused,
        ureq::Error::Protocol(_) | ureq::Error::ConnectionFailed => true,
        _ => false,
    }
}

/// An error in a maintainer's words.
fn describe(e: &ureq::Error, timeout: Duration) -> String {
    match e {
        ureq::Error::Timeout(_) => format!("no answer within {} s", timeout.as_secs_f64()),
        ureq::Error::HostNotFound => "the host name does not resolve (DNS)".into(),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "connection refused".into()
        }
        ureq::Error::Io(io) => format!("connection failed: {io}"),
        ureq::Error::Tls(why) => format!("TLS: {why}"),
        ureq::Error::Rustls(why) => format!("TLS: {why}"),
        other => other.to_string(),
    }
}
