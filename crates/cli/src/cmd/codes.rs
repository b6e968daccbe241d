//! `timeline codes`: the table of diagnostic codes (the README holds the same table).

use clap::Args as ClapArgs;
use std::process::ExitCode;
use timeline_compiler::diagnostic::Code;

/// List every diagnostic code with what it means (as the Markdown table in the README).
#[derive(ClapArgs)]
pub struct Args {}

/// The table of codes, in Markdown.
pub fn table() -> String {
    let mut out = String::from("| code | name | severity | meaning |\n|---|---|---|---|\n");
    for code in Code::ALL {
        out.push_str(&format!(
            "| `{}` | `{}` | {} | {} |\n",
            code.id(),
            code.name(),
            code.effect(),
            code.explanation()
        ));
    }
    out
}

pub fn run(_: Args) -> anyhow::Result<ExitCode> {
    print!("{}", table());
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    /// The README documents every code, exactly as the CLI prints them.
    #[test]
    fn readme_lists_every_code() {
        let readme =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md"))
                .unwrap();
        assert!(
            readme.contains(&super::table()),
            "README.md's table of codes is out of date: paste `timeline codes` into it"
        );
    }
}
