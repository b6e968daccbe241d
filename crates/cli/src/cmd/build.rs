//! `timeline build`: parses the arguments, runs [`timeline_compiler::build()`], prints
//! what it did and maps its errors to exit codes.

use clap::Args as ClapArgs;
use std::path::PathBuf;
use std::process::ExitCode;
use timeline_compiler::build::{self, Built};
use timeline_compiler::report::{self, Style};

/// Compile a corpus folder into a bundle (`OUT/bundle/`: the core, search shards and
/// details chunks, each named by its content hash).
///
/// When OUT holds an `index.html` (Trunk's output), the static site is finished around it:
/// the page's head and Content-Security-Policy, `404.html`, a page per event, the datasets
/// (`data/events.json`, `data/events.csv`), the feed (`feed.xml`), the web app manifest,
/// the service worker, `robots.txt` and `sitemap.xml`.
/// Fails (exit 1, nothing written) when any file has an error, unless --allow-errors, and
/// when no file is an event, even with --allow-errors;
/// refuses (exit 2, nothing read or written) an OUT that is, holds or is inside the corpus.
/// Only the files the last build wrote (listed in `OUT/.timeline-build.json`) are ever
/// removed, and only once the new site is in place; a second build into the same OUT
/// waits for the first.
#[derive(ClapArgs)]
pub struct Args {
    /// The corpus folder.
    pub dir: PathBuf,
    /// The output folder.
    #[arg(short, long)]
    pub out: PathBuf,
    /// Build from the valid files even when others have errors (they stay reported).
    #[arg(long)]
    pub allow_errors: bool,
    /// Show each warning with its line (by default one line per warning).
    #[arg(long, short)]
    pub verbose: bool,
    /// Print how long each phase took, the peak memory and the bundle's size.
    #[arg(long)]
    pub timings: bool,
    /// Write the corpus's problems into the site's `index.html` as a dismissable banner
    /// ("N files rejected, M warnings" and the list): for a development server, which
    /// `scripts/serve` runs with --allow-errors; never for a release.
    #[arg(long)]
    pub dev_report: bool,
    /// Do not write a page per event under `event/` (deep links then need the host's
    /// rewrite rule or its `404.html` fallback).
    #[arg(long)]
    pub no_event_pages: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let options = build::Options {
        allow_errors: args.allow_errors,
        event_pages: !args.no_event_pages,
        dev_report: args.dev_report,
        on_wait: |out| eprintln!("waiting for another build into {}…", out.display()),
    };
    let style = if args.verbose {
        Style::Full
    } else {
        Style::Short
    };
    let print_report =
        |r: &report::Report| eprint!("{}", report::human(r, style, true, super::color_stderr()));
    let built = match timeline_compiler::build(&args.dir, &args.out, &options) {
        Ok(built) => built,
        Err(e) => {
            if let Some(report) = e.report() {
                print_report(report);
            }
            if let build::Error::NoEvents(_) = &e {
                eprintln!("\nbuild failed: no file is an event, so there is nothing to publish (see E018 above); nothing was written.");
                return Ok(ExitCode::from(1));
            }
            if let build::Error::CorpusHasErrors(report) = &e {
                eprintln!("\nbuild failed: {} errors. Fix them, or pass --allow-errors to publish the valid events.", report.errors());
                return Ok(ExitCode::from(1));
            }
            return Err(e.into());
        }
    };
    print_report(&built.report);
    print_summary(&built);
    if args.timings {
        print_timings(&built);
    }
    Ok(ExitCode::SUCCESS)
}

fn print_summary(built: &Built) {
    let bundle = &built.bundle;
    eprintln!(
        "wrote {} ({} event{}, {} bytes) with {} search shard{} and {} details chunk{} ({} bytes in all)",
        bundle.core.display(),
        bundle.events,
        if bundle.events == 1 { "" } else { "s" },
        bundle.core_size,
        bundle.shards,
        if bundle.shards == 1 { "" } else { "s" },
        bundle.chunks,
        if bundle.chunks == 1 { "" } else { "s" },
        bundle.size
    );
    if let Some(site) = &built.site {
        eprintln!(
            "finished the site: {} event pages, {} files precached for offline use",
            site.event_pages,
            site.precached.len()
        );
        for (file, bytes) in &site.datasets {
            eprintln!("wrote the dataset {file} ({bytes} bytes)");
        }
    }
}

fn print_timings(built: &Built) {
    let t = &built.timings;
    eprintln!(
        "timings: check {:.3} s, build {:.3} s, total {:.3} s; peak memory {} MiB; bundle {} bytes",
        t.check.as_secs_f64(),
        t.compile.as_secs_f64(),
        t.total.as_secs_f64(),
        peak_memory_kib().map_or("?".into(), |k| (k / 1024).to_string()),
        built.bundle.size
    );
}

/// The process's peak resident memory (Linux), in KiB.
fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
