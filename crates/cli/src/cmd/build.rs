use anyhow::Context;
use clap::Args as ClapArgs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use timeline_compiler::report::{self, Style};

/// Compile a corpus folder into a bundle (`OUT/bundle.<hash>.bin`).
///
/// When OUT holds an `index.html` (Trunk's output), the page is told the bundle's name.
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
    let bytes = timeline_bundle::encode(&bundle);
    let built_at = started.elapsed();
    let name = timeline_compiler::bundle_file_name(&bytes);
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("could not create {}", args.out.display()))?;
    remove_old_bundles(&args.out, &name)?;
    let path = args.out.join(&name);
    std::fs::write(&path, &bytes).with_context(|| format!("could not write {}", path.display()))?;
    let index = args.out.join("index.html");
    if index.is_file() {
        point_page_at_bundle(&index, &name)?;
    }
    eprintln!(
        "wrote {} ({} events, {} bytes)",
        path.display(),
        bundle.events.len(),
        bytes.len()
    );
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

/// Names the bundle in the page (a meta tag the app reads, and a preload so the download
/// starts with the page rather than after the WebAssembly).
fn point_page_at_bundle(index: &Path, name: &str) -> anyhow::Result<()> {
    let html = std::fs::read_to_string(index)?;
    let marker = "<!-- timeline-bundle -->";
    let tags = format!(
        "{marker}<meta name=\"timeline-bundle\" content=\"{name}\"><link rel=\"preload\" href=\"{name}\" as=\"fetch\" type=\"application/octet-stream\" crossorigin>"
    );
    let html = match html.find(marker) {
        Some(start) => {
            let end = html[start..]
                .find("crossorigin>")
                .map(|e| start + e + "crossorigin>".len())
                .unwrap_or(start + marker.len());
            format!("{}{}{}", &html[..start], tags, &html[end..])
        }
        None => html.replacen("</head>", &format!("{tags}\n</head>"), 1),
    };
    std::fs::write(index, html)?;
    Ok(())
}

/// The process's peak resident memory (Linux), in KiB.
fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
