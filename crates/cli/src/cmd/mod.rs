//! One module per subcommand.

pub mod build;
pub mod check;
pub mod codes;
pub mod links;
pub mod stats;
pub mod synth;

use std::io::IsTerminal;

/// Colour only on a terminal, and never when NO_COLOR is set.
pub fn color_stderr() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}
