//! Properties of reading one file, over generated input: never a panic, whatever the
//! bytes; line numbers inside the file; duplicate-key blanking that keeps every line
//! where it was; and an accepted event always compiles to a bundle that roundtrips.

mod common;

use proptest::prelude::*;
use timeline_compiler::diagnostic::Severity;
use timeline_compiler::discover::Format;
use timeline_compiler::event::{decode, parse_bytes, FileOutcome};
use timeline_compiler::frontmatter::{dedupe_keys, split, top_level_key};

const BOM: char = '\u{FEFF}';

fn check_outcome(bytes: &[u8], outcome: &FileOutcome) {
    let lines = bytes.iter().filter(|&&b| b == b'\n' || b == b'\r').count() + 1;
    for d in &outcome.diagnostics {
        assert!(d.line <= lines, "{d:?} is past the end ({lines} lines)");
        assert!(!d.message.is_empty());
    }
    let rejected = outcome
        .diagnostics
        .iter()
        .any(|d| d.severity() == Severity::Error);
    if let Some(e) = &outcome.event {
        assert!(!rejected, "an event with an error was kept");
        assert!(!e.id.is_empty() && !e.title.is_empty());
        assert!(e.importance.is_none_or(|i| (1..=10).contains(&i)));
        common::compile_checked(timeline_compiler::Checked {
            events: vec![timeline_compiler::check::Accepted::pack(e.clone())],
            ..Default::default()
        });
    }
}

fn parse_both(bytes: &[u8]) {
    for format in [Format::Markdown, Format::Json, Format::Yaml] {
        let outcome = parse_bytes("p.md", format, bytes, &[]);
        check_outcome(bytes, &outcome);
    }
}

/// A line of YAML-ish front matter: keys the model knows, odd keys, lists, nesting,
/// quotes, anchors, flow collections and fences.
fn yaml_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("id: p".to_string()),
        Just("---".to_string()),
        Just("...".to_string()),
        "(id|date|title|importance|tags|status|sources|summary|capture_lane|location): .{0,12}",
        "(id|date|title|importance): (\"|')?[0-9]{1,4}(-[0-9]{1,2}){0,2}(\"|')?",
        "- (url|title|outlet|tier): .{0,12}",
        "  ?-? ?(url|title|outlet|publisher|tier|archive_url|archived): .{0,16}",
        "(citations|body): .{0,12}",
        "[a-z_\"']{1,8} ?: ?[\\[\\]{}&*!|>:,#-]{0,6}.{0,8}",
        "( {0,4}- ){0,4}[a-z]{0,6}",
        "[ -~]{0,24}",
    ]
}

fn front_matter() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(yaml_line(), 0..14),
        ".{0,80}",
        prop::bool::ANY,
        prop::bool::ANY,
    )
        .prop_map(|(lines, body, crlf, core)| {
            let nl = if crlf { "\r\n" } else { "\n" };
            let mut s = format!("---{nl}");
            if core {
                // Half the cases start as a valid event, so that the rest is exercised.
                s.push_str(&format!("id: p{nl}date: 2020-02-29{nl}title: T{nl}"));
            }
            for l in lines {
                s.push_str(&l);
                s.push_str(nl);
            }
            s.push_str(&format!("---{nl}{body}"));
            s
        })
}

/// A JSON object with the model's keys and values of every type.
fn json_event() -> impl Strategy<Value = String> {
    let value = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(|f| serde_json::json!(f)),
        ".{0,16}".prop_map(serde_json::Value::from),
        "[0-9]{4}(-[0-9]{2}){0,2}".prop_map(serde_json::Value::from),
    ];
    let value = value.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            prop::collection::vec(("(url|title|tier|id|[a-z]{1,4})", inner), 0..4)
                .prop_map(|kv| serde_json::Value::Object(kv.into_iter().collect())),
        ]
    });
    let fields = prop::collection::vec(
        (
            "(id|date|title|importance|tags|actors|sources|status|summary|description|connections|capture_lanes|[a-z]{1,6})",
            value,
        ),
        0..10,
    );
    (fields, prop::bool::ANY).prop_map(|(kv, core)| {
        let mut map = serde_json::Map::new();
        if core {
            // Half the cases start as a valid event (a generated field may replace one).
            map.insert("id".into(), "p".into());
            map.insert("date".into(), "1999-12".into());
            map.insert("title".into(), "T".into());
        }
        map.extend(kv);
        serde_json::to_string_pretty(&serde_json::Value::Object(map)).unwrap()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        parse_both(&bytes);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        parse_both(text.as_bytes());
    }

    #[test]
    fn yaml_like_front_matter_never_panics(text in front_matter()) {
        parse_both(text.as_bytes());
        // With a BOM in front, the same outcome.
        let plain = parse_bytes("p.md", Format::Markdown, text.as_bytes(), &[]);
        let bom = parse_bytes("p.md", Format::Markdown, &[b"\xEF\xBB\xBF", text.as_bytes()].concat(), &[]);
        prop_assert_eq!(plain.event, bom.event);
        prop_assert_eq!(plain.diagnostics, bom.diagnostics);
    }

    #[test]
    fn json_like_events_never_panic(text in json_event()) {
        parse_both(text.as_bytes());
    }

    #[test]
    fn decode_leaves_no_bom_or_carriage_return(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        match decode(&bytes) {
            Ok(text) => {
                prop_assert!(!text.contains('\r'));
                let two_boms = bytes.starts_with(b"\xEF\xBB\xBF\xEF\xBB\xBF");
                prop_assert!(!text.starts_with(BOM) || two_boms, "only one BOM is stripped");
            }
            Err((line, column)) => {
                prop_assert!(line >= 1 && column >= 1);
                prop_assert!(std::str::from_utf8(&bytes).is_err());
            }
        }
    }

    #[test]
    fn dedupe_keys_keeps_every_line_in_place(lines in prop::collection::vec(yaml_line(), 0..20)) {
        let yaml: String = lines.iter().map(|l| format!("{l}\n")).collect();
        let (out, keys, warnings) = dedupe_keys("p.md", &yaml, 2);
        prop_assert_eq!(out.split_inclusive('\n').count(), yaml.split_inclusive('\n').count());
        // Each line is kept as it was, or blanked.
        for (before, after) in yaml.split_inclusive('\n').zip(out.split_inclusive('\n')) {
            prop_assert!(after == before || after == "\n", "{:?} became {:?}", before, after);
        }
        // Keys are unique, each at the line of its last copy.
        let mut names: Vec<&str> = keys.iter().map(|k| k.0.as_str()).collect();
        names.sort();
        names.dedup();
        prop_assert_eq!(names.len(), keys.len());
        for (key, line) in &keys {
            let text = yaml.split_inclusive('\n').nth(line - 2).unwrap();
            prop_assert_eq!(top_level_key(text), Some(key.as_str()));
        }
        let key_lines = yaml.lines().filter(|l| top_level_key(l).is_some()).count();
        prop_assert_eq!(warnings.len() + keys.len(), key_lines);
    }

    #[test]
    fn split_finds_the_body_after_the_closing_fence(
        lines in prop::collection::vec("[a-z]{1,6}: [a-z0-9 ]{0,10}", 0..8),
        body in ".{0,60}",
    ) {
        let yaml: String = lines.iter().map(|l| format!("{l}\n")).collect();
        let text = format!("---\n{yaml}---\n{body}");
        let s = split("p.md", &text).unwrap();
        prop_assert_eq!(s.body, body.as_str());
        prop_assert_eq!(s.yaml.lines().count(), lines.len());
        prop_assert_eq!(s.yaml_line, 2);
    }
}
