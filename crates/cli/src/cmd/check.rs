//! `timeline check`: the report of every problem in a corpus, for people or as JSON.

use clap::{Args as ClapArgs, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;
use timeline_compiler::report::{self, Style};

/// Check every event file in a corpus folder and report each problem.
///
/// Exits 0 when there are no errors, 1 when there are, 2 when the check could not run.
#[derive(ClapArgs)]
pub struct Args {
    /// The corpus folder.
    pub dir: PathBuf,
    /// `human` shows each problem with its line; `short` one line each; `json` one object;
    /// `github` GitHub Actions workflow commands (annotations on a pull request's lines),
    /// the files named relative to the working directory when DIR is relative.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Show errors only (warnings are still counted).
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Human,
    Short,
    Json,
    Github,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let checked = timeline_compiler::check(&args.dir)?;
    match args.format {
        Format::Json => println!("{}", report::json(&checked)),
        Format::Github => {
            let cwd = std::env::current_dir().ok();
            let corpus = report::annotation_root(&args.dir, cwd.as_deref());
            print!("{}", report::github(&checked.report, &corpus, !args.quiet));
        }
        Format::Human | Format::Short => {
            let style = if matches!(args.format, Format::Short) {
                Style::Short
            } else {
                Style::Full
            };
            eprint!(
                "{}",
                report::human(&checked.report, style, !args.quiet, super::color_stderr())
            );
        }
    }
    Ok(if checked.report.errors() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
