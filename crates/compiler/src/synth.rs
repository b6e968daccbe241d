//! A synthetic corpus of any size for scale tests: the real corpus's shape and field mix
//! (Markdown and some JSON, partial dates, tags in several spellings, sources with
//! outlet or publisher and tiers, lanes, locations) with text that is plainly fake.
//!
//! The generator is a fixed splitmix64 rather than the `rand` crate, so that a seed gives
//! the same corpus forever, whatever a dependency update changes.

use std::fmt::Write as _;
use std::path::Path;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    /// Zipf-like: small indexes are far more common, as tags and actors are in real corpora.
    fn skewed(&mut self, n: usize) -> usize {
        ((self.unit().powi(3)) * n as f64) as usize % n.max(1)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const SYLLABLES: &[&str] = &[
    "lor", "em", "ip", "sum", "do", "lar", "sit", "amet", "con", "sec", "tet", "ur", "adi", "pis",
    "cing", "vel", "qua", "mor", "bi", "nex", "tra", "zon", "fal", "ker", "dro", "vin", "sar",
    "pol",
];
const ORGS: &[&str] = &[
    "Ministry of Examples",
    "Placeholder Holdings",
    "Acme Fiduciary Trust",
    "Sample Bureau",
    "Fictional Senate Committee",
    "Dummy Capital Partners",
    "Testland Revenue Office",
    "Mock Energy Group",
];
const VERBS: &[&str] = &[
    "announces",
    "quietly approves",
    "is accused of",
    "settles over",
    "launches inquiry into",
    "lobbies against",
    "discloses",
    "reverses",
];
const NOUNS: &[&str] = &[
    "offshore accounts",
    "a consulting contract",
    "emergency powers",
    "a pipeline permit",
    "campaign donations",
    "a data-sharing deal",
    "tariff exemptions",
    "a shell company network",
];
const PLACES: &[&str] = &[
    "Exampleton",
    "Sampleville",
    "Port Placeholder",
    "New Testford",
    "Mockingham",
    "Fakeburg",
];
const OUTLETS: &[&str] = &[
    "The Example Times",
    "Sample Wire",
    "Placeholder Post",
    "Mock Gazette",
    "Daily Fixture",
    "Test Broadcasting",
];
const LANES: &[&str] = &[
    "Regulatory Capture",
    "Judicial Capture",
    "Media Capture",
    "Financial Networks",
    "Election Integrity",
    "Foreign Influence",
    "Executive Power",
    "Information Control",
    "Law Enforcement",
    "Corporate Lobbying",
    "Surveillance",
    "Public Health",
];
const STATUSES: &[&str] = &[
    "confirmed",
    "confirmed",
    "confirmed",
    "confirmed",
    "confirmed",
    "reported",
    "alleged",
    "disputed",
];

fn word(rng: &mut Rng) -> String {
    (0..1 + rng.below(3)).map(|_| rng.pick(SYLLABLES)).collect()
}

/// The `i`th fictional person: the same name every time.
fn name(i: usize) -> String {
    let mut n = String::new();
    for part in 0..2 {
        let w = word(&mut Rng(i as u64 * 31 + part + 7));
        n.push_str(&w[..1].to_uppercase());
        n.push_str(&w[1..]);
        if part == 0 {
            n.push(' ');
        }
    }
    n
}

fn tag(i: usize, rng: &mut Rng) -> String {
    let base = format!(
        "{}-{}",
        word(&mut Rng(i as u64 * 7 + 1)),
        word(&mut Rng(i as u64 * 13 + 5))
    );
    // Real corpora spell one tag several ways.
    match rng.below(10) {
        0 => base.replace('-', "_"),
        1 => base.replace('-', " "),
        2 => base
            .split('-')
            .map(|w| format!("{}{}", &w[..1].to_uppercase(), &w[1..]))
            .collect::<Vec<_>>()
            .join(" "),
        _ => base,
    }
}

fn yaml_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// Writes `count` events into `dir` (created if needed) and returns how many files.
pub fn generate(dir: &Path, count: usize, seed: u64) -> std::io::Result<usize> {
    std::fs::create_dir_all(dir)?;
    let mut rng = Rng(seed);
    let tag_pool = (count / 3).max(20);
    let actor_pool = (count / 2).max(20);
    for i in 0..count {
        let year = 2025 - (55.0 * rng.unit().powi(3)) as i32;
        let month = 1 + rng.below(12);
        let day = 1 + rng.below(28);
        let date = match rng.below(100) {
            0 => format!("{year}"),
            1..=2 => format!("{year}-{month:02}"),
            _ => format!("{year}-{month:02}-{day:02}"),
        };
        let org = rng.pick(ORGS);
        let title = format!(
            "{} {} {} in {}",
            org,
            rng.pick(VERBS),
            rng.pick(NOUNS),
            rng.pick(PLACES)
        );
        let slug: String = title
            .to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join("-");
        let id = format!(
            "{date}--{}-{i}",
            &slug[..slug.len().min(40)].trim_end_matches('-')
        );
        let importance = [5, 6, 7, 7, 8, 8, 8, 9, 9, 9, 10][rng.below(11)];
        let tags: Vec<String> = (0..3 + rng.below(6))
            .map(|_| tag(rng.skewed(tag_pool), &mut rng))
            .collect();
        let actors: Vec<String> = (0..1 + rng.below(5))
            .map(|_| {
                let n = rng.skewed(actor_pool) + 1;
                name(n)
            })
            .collect();
        let lanes: Vec<&str> = if rng.chance(0.75) {
            (0..1 + rng.below(3)).map(|_| rng.pick(LANES)).collect()
        } else {
            vec![]
        };
        let mut body =
            String::from("(Synthetic event for scale testing; every name and fact is invented.) ");
        for s in 0..4 + rng.below(8) {
            let words: Vec<String> = (0..8 + rng.below(14)).map(|_| word(&mut rng)).collect();
            let mut sentence = words.join(" ");
            sentence[..1].make_ascii_uppercase();
            let _ = write!(
                body,
                "{sentence}{}",
                if s % 5 == 4 { ".\n\n" } else { ". " }
            );
        }
        let sources: Vec<(String, String, &str, Option<usize>)> = (0..1 + rng.below(4))
            .map(|s| {
                let outlet = rng.pick(OUTLETS);
                let url = format!(
                    "https://example.org/{}/{i}-{s}",
                    outlet.to_lowercase().replace(' ', "-")
                );
                let tier = if rng.chance(0.4) {
                    Some(1 + rng.below(3))
                } else {
                    None
                };
                (
                    url,
                    format!("{} {}", word(&mut rng), word(&mut rng)),
                    outlet,
                    tier,
                )
            })
            .collect();
        let status = if rng.chance(0.85) {
            Some(rng.pick(STATUSES))
        } else {
            None
        };
        let location = rng.chance(0.35).then(|| rng.pick(PLACES));

        if rng.chance(0.07) {
            let json = serde_json::json!({
                "id": id, "date": date, "title": title, "summary": body.trim(), "importance": importance,
                "tags": tags, "actors": actors, "status": status,
                "sources": sources.iter().map(|(url, t, outlet, tier)| serde_json::json!({"url": url, "title": t, "publisher": outlet, "tier": tier})).collect::<Vec<_>>(),
            });
            std::fs::write(
                dir.join(format!("{id}.json")),
                serde_json::to_string_pretty(&json).expect("json"),
            )?;
            continue;
        }
        let mut md = String::from("---\n");
        let _ = writeln!(
            md,
            "id: {}\ndate: {}\ntitle: {}\nimportance: {importance}",
            yaml_quote(&id),
            yaml_quote(&date),
            yaml_quote(&title)
        );
        for (key, list) in [("tags", &tags), ("actors", &actors)] {
            let _ = writeln!(md, "{key}:");
            for v in list {
                let _ = writeln!(md, "- {}", yaml_quote(v));
            }
        }
        if !lanes.is_empty() {
            let _ = writeln!(md, "capture_lanes:");
            for l in &lanes {
                let _ = writeln!(md, "- {l}");
            }
        }
        let _ = writeln!(md, "sources:");
        for (url, t, outlet, tier) in &sources {
            let outlet_key = if rng.chance(0.3) {
                "publisher"
            } else {
                "outlet"
            };
            let _ = writeln!(
                md,
                "- url: {url}\n  title: {}\n  {outlet_key}: {outlet}",
                yaml_quote(t)
            );
            if let Some(t) = tier {
                let _ = writeln!(md, "  tier: {t}");
            }
        }
        if let Some(s) = status {
            let _ = writeln!(md, "status: {s}");
        }
        if let Some(l) = location {
            let _ = writeln!(md, "location: {l}");
        }
        let _ = write!(md, "---\n\n{}\n", body.trim());
        std::fs::write(dir.join(format!("{id}.md")), md)?;
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_corpus_checks_clean_and_is_reproducible() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        generate(a.path(), 200, 7).unwrap();
        generate(b.path(), 200, 7).unwrap();
        let checked = crate::check(a.path()).unwrap();
        assert_eq!(
            checked.report.errors(),
            0,
            "{}",
            crate::report::human(&checked.report, crate::report::Style::Short, true, false)
        );
        assert_eq!(checked.events.len(), 200);
        let files = |d: &Path| {
            let mut v: Vec<_> = std::fs::read_dir(d)
                .unwrap()
                .map(|e| std::fs::read(e.unwrap().path()).unwrap())
                .collect();
            v.sort();
            v
        };
        assert_eq!(files(a.path()), files(b.path()));
        assert!(checked.events.iter().any(|e| e.format_is_json));
    }
}
