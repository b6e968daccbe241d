//! The body of the fuzz targets, in a plain function so that a stable test
//! (`crates/compiler/tests/fuzz_harness.rs`) runs it over the fixtures and over every
//! input that once crashed or hung it (`fuzz/regressions/`).

use timeline_bundle::Site;
use timeline_compiler::diagnostic::Severity;
use timeline_compiler::discover::Format;
use timeline_compiler::event::{decode, parse_bytes};

/// Reads `data` as a Markdown, a JSON and a YAML event. Whatever the bytes: no panic, no
/// event with an error, and an accepted event compiles to a bundle that decodes to itself.
pub fn parse_event(data: &[u8]) {
    for (name, format) in [
        ("fuzz.md", Format::Markdown),
        ("fuzz.json", Format::Json),
        ("fuzz.yaml", Format::Yaml),
    ] {
        let outcome = parse_bytes(name, format, data, &[]);
        let errors = outcome
            .diagnostics
            .iter()
            .any(|d| d.severity() == Severity::Error);
        // Rendering must not panic either: it slices the text by line and column. The
        // CLI renders with the decoded text (no BOM, LF line ends), or none.
        let text = decode(data).ok();
        for d in &outcome.diagnostics {
            let _ = d.render(text.as_deref(), false);
        }
        let Some(event) = outcome.event else {
            continue;
        };
        assert!(!errors, "an event was kept despite an error");
        let mut compiled = timeline_compiler::normalise::compile(
            vec![timeline_compiler::check::Accepted::pack(event)],
            Site::default(),
        );
        let parts = timeline_compiler::parts::encode(&mut compiled, Default::default());
        let decoded = timeline_bundle::decode_core(&parts.core.bytes)
            .expect("a core the compiler wrote decodes");
        assert!(
            decoded == compiled.bundle,
            "the core changed in a roundtrip"
        );
        let details = timeline_bundle::decode_chunk(&parts.chunks[0].bytes, 1)
            .expect("a chunk the compiler wrote decodes");
        assert!(
            details == compiled.details,
            "the details changed in a roundtrip"
        );
    }
}
