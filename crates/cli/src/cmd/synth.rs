//! `timeline synth`: a synthetic corpus of any size, for scale tests.

use clap::Args as ClapArgs;
use std::path::PathBuf;
use std::process::ExitCode;

/// Write a synthetic corpus (plainly fake text, the real corpus's shape) for scale tests.
#[derive(ClapArgs)]
pub struct Args {
    /// How many events.
    #[arg(long)]
    pub count: usize,
    /// The same seed gives the same files.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The folder to write into.
    #[arg(short, long)]
    pub out: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let n = timeline_compiler::synth::generate(&args.out, args.count, args.seed)?;
    eprintln!("wrote {n} events to {}", args.out.display());
    Ok(ExitCode::SUCCESS)
}
