//! One module per subcommand.

pub mod build;
pub mod check;
pub mod codes;
pub mod stats;
pub mod synth;

use anyhow::Context;
use std::io::IsTerminal;
use std::path::Path;
use timeline_compiler::Checked;

/// Checks the corpus at `dir`, with a clear message when the folder itself is the problem.
pub fn check_dir(dir: &Path) -> anyhow::Result<Checked> {
    if !dir.is_dir() {
        anyhow::bail!(
            "{} is not a folder: name the folder that holds the event files",
            dir.display()
        );
    }
    timeline_compiler::check(dir)
        .with_context(|| format!("could not read the corpus folder {}", dir.display()))
}

/// Colour only on a terminal, and never when NO_COLOR is set.
pub fn color_stderr() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}
