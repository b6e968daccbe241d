use anyhow::Context;
use clap::Args as ClapArgs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use timeline_compiler::report::{self, Style};
use timeline_compiler::site;

/// Compile a corpus folder into a bundle (`OUT/bundle.<hash>.bin`).
///
/// When OUT holds an `index.html` (Trunk's output), the static site is finished around it:
/// the page's head and Content-Security-Policy, `404.html`, a page per event, the web app
/// manifest, the service worker, `robots.txt` and `sitemap.xml`.
/// Fails (exit 1, nothing written) when any file has an error, unless --allow-errors.
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
    /// Do not write a page per event under `event/` (deep links then need the host's
    /// rewrite rule or its `404.html` fallback).
    #[arg(long)]
    pub no_event_pages: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let checked = super::check_dir(&args.dir)?;
    let checked_at = started.elapsed();
    let style = if args.verbose {
        Style::Full
    } else {
        Style::Short
    };
    eprint!(
        "{}",
        report::human(&checked, style, true, super::color_stderr())
    );
    if checked.errors() > 0 && !args.allow_errors {
        eprintln!("\nbuild failed: {} errors. Fix them, or pass --allow-errors to publish the valid events.", checked.errors());
        return Ok(ExitCode::from(1));
    }
    let bundle = timeline_compiler::bundle(&checked);
    // The checked corpus is no longer needed: freeing it before encoding keeps the peak
    // memory of a large corpus to the bundle and its bytes.
    drop(checked);
    let bytes = timeline_bundle::encode(&bundle);
    let built_at = started.elapsed();
    let name = timeline_compiler::bundle_file_name(&bytes);
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("could not create {}", args.out.display()))?;
    remove_old_bundles(&args.out, &name)?;
    let path = args.out.join(&name);
    std::fs::write(&path, &bytes).with_context(|| format!("could not write {}", path.display()))?;
    eprintln!(
        "wrote {} ({} events, {} bytes)",
        path.display(),
        bundle.events.len(),
        bytes.len()
    );
    if args.out.join("index.html").is_file() {
        let options = site::Options {
            event_pages: !args.no_event_pages,
        };
        let written = site::finish(&args.out, &bundle, &name, &options)
            .with_context(|| format!("could not finish the site in {}", args.out.display()))?;
        eprintln!(
            "finished the site: {} event pages, {} files precached for offline use",
            written.event_pages,
            written.precached.len()
        );
    }
    if args.timings {
        eprintln!(
            "timings: check {:.3} s, build {:.3} s, total {:.3} s; peak memory {} MiB; bundle {} bytes",
            checked_at.as_secs_f64(),
            (built_at - checked_at).as_secs_f64(),
            started.elapsed().as_secs_f64(),
            peak_memory_kib().map_or("?".into(), |k| (k / 1024).to_string()),
            bytes.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn remove_old_bundles(out: &Path, keep: &str) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(out)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if name.starts_with("bundle.") && name.ends_with(".bin") && name != keep {
            std::fs::remove_file(out.join(&name))?;
        }
    }
    Ok(())
}

/// The process's peak resident memory (Linux), in KiB.
fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
