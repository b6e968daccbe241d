//! Numbers and counts as the reader sees them.

/// `1,747`
pub fn format_count(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `1 event`, `1,747 events`.
pub fn count_of(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", format_count(n), if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands_and_agrees_in_number() {
        assert_eq!(format_count(0), "0");
        assert_eq!(format_count(999), "999");
        assert_eq!(format_count(1747), "1,747");
        assert_eq!(format_count(1_000_000), "1,000,000");
        assert_eq!(count_of(1, "event", "events"), "1 event");
        assert_eq!(count_of(2053, "event", "events"), "2,053 events");
    }
}
