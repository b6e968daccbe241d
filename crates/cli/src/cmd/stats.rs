//! `timeline stats`: what the bundle of a corpus would hold, counted.

use clap::{Args as ClapArgs, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// Describe a corpus: counts, top tags, actors, lanes and outlets, date range, events per year,
/// and the sources by their links' health (from links.json: `timeline links`).
///
/// Counts what the bundle would hold (valid events, spellings merged).
#[derive(ClapArgs)]
pub struct Args {
    /// The corpus folder.
    pub dir: PathBuf,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Count only the events a timeline URL's filter keeps: its query string
    /// (`tag=crypto&from=2024`), as the app's /stats page counts them.
    #[arg(long, default_value = "")]
    pub filter: String,
    /// How many of each top list to show.
    #[arg(long, default_value_t = 15)]
    pub top: usize,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let checked = timeline_compiler::check(&args.dir)?;
    let links = timeline_compiler::links::store::load(&args.dir)?;
    let mut compiled = timeline_compiler::compile(&checked);
    if let Some(links) = links {
        for details in &mut compiled.details {
            links.annotate(&mut details.sources);
        }
    }
    let (events, notices) = timeline_compiler::stats::select(&compiled, &args.filter);
    for notice in notices {
        eprintln!("warning: {notice}");
    }
    let stats =
        timeline_compiler::stats::compute(&compiled.bundle, &compiled.details, &events, args.top);
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&stats)?),
        Format::Human => print!("{}", stats.human()),
    }
    Ok(ExitCode::SUCCESS)
}
