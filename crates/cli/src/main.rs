//! `timeline`: the command line over the corpus compiler.

mod cmd;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

// A build allocates millions of small strings from several threads at once; mimalloc
// keeps the peak memory of a large corpus lower than the system allocator, and is faster.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "timeline",
    version,
    about = "Check, build, describe, link-check and synthesise timeline event corpora"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Check(cmd::check::Args),
    Build(cmd::build::Args),
    Stats(cmd::stats::Args),
    Links(cmd::links::Args),
    Synth(cmd::synth::Args),
    Codes(cmd::codes::Args),
}

/// Exit codes: 0 success, 1 the corpus has errors, 2 the command could not run.
fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => cmd::check::run(args),
        Command::Build(args) => cmd::build::run(args),
        Command::Stats(args) => cmd::stats::run(args),
        Command::Links(args) => cmd::links::run(args),
        Command::Synth(args) => cmd::synth::run(args),
        Command::Codes(args) => cmd::codes::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
