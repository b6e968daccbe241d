//! The fuzz target's body (`fuzz/src/lib.rs`), compiled on stable Rust with the other
//! tests and run over every fixture and every input that once crashed or hung it
//! (`fuzz/regressions/`), so that the harness cannot rot and no fixed bug comes back.

#[path = "../../../fuzz/src/lib.rs"]
mod harness;

use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn the_fuzz_target_holds_on_every_fixture_and_past_crash() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut inputs = Vec::new();
    files(&root.join("tests/fixtures"), &mut inputs);
    let fixtures = inputs.len();
    files(&root.join("../../fuzz/regressions"), &mut inputs);
    assert!(fixtures > 40, "found the fixtures ({fixtures})");
    for path in &inputs {
        let bytes = std::fs::read(path).unwrap();
        let outcome = std::panic::catch_unwind(|| harness::parse_event(&bytes));
        assert!(
            outcome.is_ok(),
            "the fuzz target fails on {}",
            path.display()
        );
    }
}
