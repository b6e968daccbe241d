//! Many links checked at once: `concurrency` threads in all, and at most `per_host` of
//! them on links of one host (a link's redirects are followed under its own host's
//! share), so that a corpus citing one site a thousand times does not hammer it. A thread
//! takes the next link of a host that has a share free, and waits when none has.

use super::probe;
use super::store::Record;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

/// How the links are asked.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Every request's bound, from name lookup to the answer.
    pub timeout: Duration,
    /// Requests at a time, in all.
    pub concurrency: usize,
    /// Requests at a time to one host.
    pub per_host: usize,
}

/// The links not yet taken, by host, and how many are being checked on each host.
struct Queue {
    waiting: BTreeMap<String, VecDeque<usize>>,
    busy: HashMap<String, usize>,
}

impl Queue {
    /// The next link of a host with a share free, and its host; `None` when no link is
    /// left; `Some(None)` when every host with links left is at its share.
    fn take(&mut self, per_host: usize) -> Option<Option<(usize, String)>> {
        if self.waiting.is_empty() {
            return None;
        }
        let host = self
            .waiting
            .keys()
            .find(|h| self.busy.get(*h).copied().unwrap_or(0) < per_host)
            .cloned();
        let Some(host) = host else {
            return Some(None);
        };
        let links = self.waiting.get_mut(&host).expect("a host with links");
        let link = links.pop_front().expect("no host is kept without links");
        if links.is_empty() {
            self.waiting.remove(&host);
        }
        *self.busy.entry(host.clone()).or_default() += 1;
        Some(Some((link, host)))
    }
}

/// Checks every URL; calls `on_checked(done, total)` after each. Returns the records in
/// the order of `urls`.
pub fn check_all(
    urls: &[String],
    limits: Limits,
    on_checked: &(dyn Fn(usize, usize) + Sync),
) -> Vec<Record> {
    let mut waiting: BTreeMap<String, VecDeque<usize>> = BTreeMap::new();
    for (n, url) in urls.iter().enumerate() {
        waiting.entry(host_of(url)).or_default().push_back(n);
    }
    let queue = Mutex::new(Queue {
        waiting,
        busy: HashMap::new(),
    });
    let freed = Condvar::new();
    let results: Mutex<Vec<Option<Record>>> = Mutex::new(vec![None; urls.len()]);
    let done = Mutex::new(0);
    let agent = probe::agent(limits.timeout);
    let per_host = limits.per_host.max(1);
    let threads = limits.concurrency.clamp(1, urls.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let (n, host) = {
                    let mut q = queue.lock().expect("no thread panics holding the queue");
                    loop {
                        match q.take(per_host) {
                            None => return,
                            Some(Some(job)) => break job,
                            Some(None) => q = freed.wait(q).expect("the queue's lock"),
                        }
                    }
                };
                let record = probe::check(&agent, &urls[n], limits.timeout);
                {
                    let mut q = queue.lock().expect("the queue's lock");
                    if let Some(busy) = q.busy.get_mut(&host) {
                        *busy -= 1;
                    }
                }
                freed.notify_all();
                results.lock().expect("the results' lock")[n] = Some(record);
                let mut done = done.lock().expect("the count's lock");
                *done += 1;
                on_checked(*done, urls.len());
            });
        }
    });
    results
        .into_inner()
        .expect("the results' lock")
        .into_iter()
        .map(|r| r.expect("every link is checked"))
        .collect()
}

/// The host a link's share is counted under (lower case; the text itself when it does
/// not parse, which its check then reports).
fn host_of(url: &str) -> String {
    url::Url::parse(url.trim())
        .ok()
        .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
        .unwrap_or_else(|| url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_host_at_its_share_gives_way_to_the_next() {
        let mut waiting = BTreeMap::new();
        waiting.insert("a".to_string(), VecDeque::from([0, 1, 2]));
        waiting.insert("b".to_string(), VecDeque::from([3]));
        let mut q = Queue {
            waiting,
            busy: HashMap::new(),
        };
        let host = |job: Option<Option<(usize, String)>>| job.unwrap().unwrap();
        assert_eq!(host(q.take(2)), (0, "a".into()));
        assert_eq!(host(q.take(2)), (1, "a".into()));
        assert_eq!(host(q.take(2)), (3, "b".into()), "a is at its share");
        assert_eq!(q.take(2), Some(None), "a's last link waits");
        *q.busy.get_mut("a").unwrap() -= 1;
        assert_eq!(host(q.take(2)), (2, "a".into()));
        assert_eq!(q.take(2), None);
    }

    #[test]
    fn hosts_are_counted_in_lower_case() {
        assert_eq!(host_of("https://Example.ORG/a"), "example.org");
        assert_eq!(host_of("not a url"), "not a url");
    }
}
