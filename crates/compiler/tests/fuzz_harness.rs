//! The fuzz target's body (`fuzz/src/lib.rs`), compiled on stable Rust with the other
//! tests and run over every fixture and every input that once crashed or hung it
//! (`fuzz/regressions/`), so that the harness cannot rot and no fixed bug comes back.

mod common;
#[path = "../../../fuzz/src/lib.rs"]
mod harness;

use std::path::{Path, PathBuf};

/// Every file under `dir`, by its full path.
fn files_in(dir: &Path) -> Vec<PathBuf> {
    common::all_files(dir)
        .iter()
        .map(|name| dir.join(name))
        .collect()
}

#[test]
fn the_fuzz_target_holds_on_every_fixture_and_past_crash() {
    let mut inputs = files_in(&common::fixtures(""));
    let fixtures = inputs.len();
    inputs.extend(files_in(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/regressions"),
    ));
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
