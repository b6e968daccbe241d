//! How the list shows its rows (`density` in the URL): view state, not a filter — it
//! changes which rows are listed not at all, only how tall each is and what it shows. The
//! filter's query leaves it out; the app's view state (`src/view_state.rs`) keeps it.

/// The URL parameter.
pub const PARAM: &str = "density";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Density {
    /// Each row with its excerpt, its first actors and its sources (the default).
    #[default]
    Comfortable,
    /// One-line rows: the date, the title and the meta line (`density=compact`).
    Compact,
}

impl Density {
    /// A value of the parameter; `None` for one that means nothing.
    pub fn parse(value: &str) -> Option<Density> {
        match value {
            "comfortable" => Some(Density::Comfortable),
            "compact" => Some(Density::Compact),
            _ => None,
        }
    }

    /// The density a query string (with or without its `?`) asks for: its last valid
    /// `density`, or the default.
    pub fn of_query(query: &str) -> Density {
        let query = query.strip_prefix('?').unwrap_or(query);
        form_urlencoded::parse(query.as_bytes())
            .filter(|(k, _)| k == PARAM)
            .filter_map(|(_, v)| Density::parse(v.trim()))
            .last()
            .unwrap_or_default()
    }

    /// `query` (without `?`) with its `density` set to this one: left out for the
    /// default, so that the default view's URL stays bare.
    pub fn in_query(self, query: &str) -> String {
        let query = query.strip_prefix('?').unwrap_or(query);
        let mut out = form_urlencoded::Serializer::new(String::new());
        for (k, v) in form_urlencoded::parse(query.as_bytes()) {
            if k != PARAM {
                out.append_pair(&k, &v);
            }
        }
        if self == Density::Compact {
            out.append_pair(PARAM, "compact");
        }
        out.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_valid_value_wins_and_the_default_is_comfortable() {
        assert_eq!(Density::of_query(""), Density::Comfortable);
        assert_eq!(
            Density::of_query("?tag=x&density=compact"),
            Density::Compact
        );
        assert_eq!(
            Density::of_query("density=compact&density=comfortable"),
            Density::Comfortable
        );
        assert_eq!(
            Density::of_query("density=compact&density=tiny"),
            Density::Compact
        );
    }

    #[test]
    fn setting_it_keeps_the_rest_of_the_query() {
        assert_eq!(
            Density::Compact.in_query("?tag=a+b&q=x"),
            "tag=a+b&q=x&density=compact"
        );
        assert_eq!(
            Density::Comfortable.in_query("tag=a&density=compact"),
            "tag=a"
        );
        assert_eq!(
            Density::Compact.in_query("density=compact"),
            "density=compact"
        );
        assert_eq!(Density::Comfortable.in_query(""), "");
    }
}
