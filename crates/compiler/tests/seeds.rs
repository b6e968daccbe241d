//! The project's own corpus, `seeds/`, names itself and credits its data: its license (CC
//! BY-SA 4.0) asks for the credit wherever the data is shown, and a build without settings
//! would show a bare "Timeline".

use std::path::Path;
use timeline_compiler::settings;

#[test]
fn the_seeds_name_and_credit_their_data() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    let s = settings::load(&seeds)
        .unwrap_or_else(|e| panic!("seeds/timeline.toml: {:?}", e.diagnostic));
    assert_eq!(
        s.title.as_deref(),
        Some("Kleptocracy Timeline: the seed event")
    );
    assert!(s.description.is_some_and(|d| !d.is_empty()));
    assert_eq!(s.license.as_deref(), Some("CC BY-SA 4.0"));
    let credit = s.attribution.unwrap_or_default();
    assert!(
        credit.contains("Kleptocracy Timeline") && credit.contains("Mark Ramm"),
        "{credit}"
    );
}
