//! `timeline links`: parses the arguments, runs [`timeline_compiler::links::run`] with a
//! progress bar on a terminal, and prints the results (the dead links and errors last).

use clap::{Args as ClapArgs, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};
use timeline_bundle::LinkState;
use timeline_compiler::links::{self, Limits, Outcome};

/// Check every http(s) source URL and archive URL of a corpus; write DIR/links.json.
///
/// Each link is asked with HEAD, and with GET where HEAD is refused; redirects are followed
/// one by one and recorded; at most 2 requests go to one host at a time. A link is `ok`
/// (2xx), `redirect` (2xx after redirects), `dead` (404, 410 or another 4xx in the end) or
/// `error` (a timeout, a refused connection, DNS, TLS, a redirect loop, a server error).
/// Results younger than --max-age are kept, not checked again; links the corpus no longer
/// cites are dropped. `timeline build` and `timeline stats` read links.json.
///
/// Exits 0 when it ran (dead links are findings, listed at the end), 2 when it could not
/// run (no such folder, links.json unreadable or malformed, the folder not writable).
#[derive(ClapArgs)]
pub struct Args {
    /// The corpus folder.
    pub dir: PathBuf,
    /// `human`: counts, then the dead links and errors with the files that cite them;
    /// `json`: the object written to links.json.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Seconds each request may take, from name lookup to the answer's headers.
    #[arg(long, default_value = "10", value_parser = seconds)]
    pub timeout: Duration,
    /// Requests at a time, in all.
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=512))]
    pub concurrency: u16,
    /// Days a result is kept before its link is checked again (0: check every link now).
    #[arg(long, default_value_t = 7)]
    pub max_age: u32,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

/// A positive number of seconds, fractions allowed.
fn seconds(text: &str) -> Result<Duration, String> {
    match text.parse::<f64>() {
        Ok(s) if s > 0.0 && s <= 3600.0 => Ok(Duration::from_secs_f64(s)),
        _ => Err(format!(
            "`{text}` is not a number of seconds from 0 (excluded) to 3600"
        )),
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let options = links::Options {
        limits: Limits {
            timeout: args.timeout,
            concurrency: usize::from(args.concurrency),
            per_host: 2,
        },
        max_age: Duration::from_secs(u64::from(args.max_age) * 86_400),
    };
    let bar = progress_bar();
    let started = Instant::now();
    let outcome = links::run(&args.dir, &options, &|done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    });
    bar.finish_and_clear();
    let outcome = outcome?;
    match args.format {
        Format::Json => print!("{}", outcome.store.to_json()),
        Format::Human => print!("{}", human(&outcome, &options, started.elapsed())),
    }
    Ok(ExitCode::SUCCESS)
}

/// A bar on stderr when it is a terminal; nothing otherwise.
fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{bar:32} {pos}/{len} links checked, {eta} left")
    {
        bar.set_style(style);
    }
    bar
}

/// The counts, then each dead link and each error with the files that cite it.
fn human(outcome: &Outcome, options: &links::Options, took: Duration) -> String {
    let links = &outcome.store.links;
    let count = |state| links.values().filter(|r| r.state == state).count();
    let mut out = format!(
        "Checked {} link{} in {:.1} s; kept {} result{} younger than {} day{}; dropped {} no longer cited.\n",
        outcome.checked,
        plural(outcome.checked),
        took.as_secs_f64(),
        outcome.kept,
        plural(outcome.kept),
        options.max_age.as_secs() / 86_400,
        plural((options.max_age.as_secs() / 86_400) as usize),
        outcome.dropped,
    );
    out.push_str(&format!(
        "{} link{}: {} ok, {} redirect, {} dead, {} error.\nWrote {}.\n",
        links.len(),
        plural(links.len()),
        count(LinkState::Ok),
        count(LinkState::Redirect),
        count(LinkState::Dead),
        count(LinkState::Error),
        outcome.path.display()
    ));
    if outcome.rejected > 0 {
        out.push_str(&format!(
            "The {} file{} with errors {} not checked for links (`timeline check` shows why).\n",
            outcome.rejected,
            plural(outcome.rejected),
            if outcome.rejected == 1 { "was" } else { "were" }
        ));
    }
    for (state, title) in [
        (LinkState::Dead, "Dead links"),
        (LinkState::Error, "Errors"),
    ] {
        let listed: Vec<_> = links.iter().filter(|(_, r)| r.state == state).collect();
        if listed.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{title} ({}):\n", listed.len()));
        for (url, record) in listed {
            let status = record.status.map_or("   ".into(), |s| s.to_string());
            out.push_str(&format!("  {status}  {url}\n"));
            if let Some(why) = &record.error {
                out.push_str(&format!("       {why}\n"));
            }
            if let Some(to) = &record.final_url {
                out.push_str(&format!("       last at {to}\n"));
            }
            if let Some(files) = outcome.cited.get(url) {
                out.push_str(&format!("       cited by {}\n", files.join(", ")));
            }
        }
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
