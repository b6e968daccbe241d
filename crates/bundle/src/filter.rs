//! The timeline's view state as it stands in the URL: one typed struct that parses and
//! prints itself. The parameter names are a public contract (links and embeds use them).

use crate::date::PartialDate;
use crate::facet::{Facet, PerFacet};

/// The order of the list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// Oldest first (`sort=asc`).
    Asc,
    /// Newest first (`sort=desc`): the default without a search.
    #[default]
    Desc,
    /// Best match first (`sort=relevance`): the default with a search.
    Relevance,
}

impl Sort {
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Asc => "asc",
            Sort::Desc => "desc",
            Sort::Relevance => "relevance",
        }
    }
}

/// Every filter, the search and the sort of a timeline view.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Free text (`q`).
    pub q: String,
    /// The chosen values of each facet (`tag`, `actor`, `lane`, `status`, `tier`,
    /// `outlet`), and
    /// whether an event needs all of them (`tags=all`, `actors=all`).
    pub facets: PerFacet<Selection>,
    /// Minimum importance (`min`, 1 to 10).
    pub min_importance: Option<u8>,
    /// Start of the date range (`from`), inclusive.
    pub from: Option<PartialDate>,
    /// End of the date range (`to`), inclusive.
    pub to: Option<PartialDate>,
    /// `None` is the default order (see [`Filter::effective_sort`]).
    pub sort: Option<Sort>,
}

/// The values chosen in one facet.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Keys ([`Facet::key_of`]), each once, in the order they were chosen.
    pub keys: Vec<String>,
    /// Events must carry every key (`tags=all`) rather than any.
    pub all: bool,
}

impl Selection {
    /// Adds `key`, or takes it out when it is there.
    pub fn toggle(&mut self, key: &str) {
        match self.keys.iter().position(|k| k == key) {
            Some(i) => {
                self.keys.remove(i);
            }
            None => self.keys.push(key.to_string()),
        }
    }

    pub fn contains(&self, key: &str) -> bool {
        self.keys.iter().any(|k| k == key)
    }
}

/// A URL parameter that was ignored, and why: shown to the reader, never fatal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub param: String,
    pub value: String,
    pub reason: String,
}

impl Notice {
    pub fn new(param: &str, value: &str, reason: impl Into<String>) -> Self {
        Notice {
            param: param.to_string(),
            value: value.to_string(),
            reason: reason.into(),
        }
    }
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Ignored {}={:?}: {}",
            self.param, self.value, self.reason
        )
    }
}

/// Parameters that belong to the URL but not to the filter (other views read them).
const OTHER_PARAMS: &[&str] = &[
    "embed",
    "lock",
    "open",
    "childId",
    "initialWidth",
    "parentTitle",
    "parentUrl",
];

impl Filter {
    /// Parses a query string (with or without its `?`). Values that cannot be understood
    /// are left out and described in the notices; parsing never fails.
    pub fn parse(query: &str) -> (Filter, Vec<Notice>) {
        let mut f = Filter::default();
        let mut notices = Vec::new();
        let query = query.strip_prefix('?').unwrap_or(query);
        for (key, raw) in form_urlencoded::parse(query.as_bytes()) {
            let value = raw.trim();
            match &*key {
                "q" => f.q = raw.chars().take(200).collect(),
                "min" => match value.parse::<u8>() {
                    Ok(m @ 1..=10) => f.min_importance = Some(m),
                    _ => notices.push(Notice::new(
                        "min",
                        value,
                        "expected an importance from 1 to 10",
                    )),
                },
                "from" | "to" => match PartialDate::parse(value) {
                    Ok(d) if key == "from" => f.from = Some(d),
                    Ok(d) => f.to = Some(d),
                    Err(_) => notices.push(Notice::new(
                        &key,
                        value,
                        "expected YYYY, YYYY-MM or YYYY-MM-DD",
                    )),
                },
                "sort" => match value {
                    "asc" => f.sort = Some(Sort::Asc),
                    "desc" => f.sort = Some(Sort::Desc),
                    "relevance" => f.sort = Some(Sort::Relevance),
                    _ => notices.push(Notice::new(
                        "sort",
                        value,
                        "expected `asc`, `desc` or `relevance`",
                    )),
                },
                // View state, read by the view (`density`): only a bad value is noted here.
                crate::density::PARAM => {
                    if crate::density::Density::parse(value).is_none() {
                        notices.push(Notice::new(
                            &key,
                            value,
                            "expected `compact` or `comfortable`",
                        ));
                    }
                }
                k if OTHER_PARAMS.contains(&k) => {}
                k => {
                    if let Some(facet) = Facet::from_param(k) {
                        match facet.key_of(value) {
                            Ok(key) if !f.facets[facet].contains(&key) => {
                                f.facets[facet].keys.push(key)
                            }
                            Ok(_) => {}
                            Err(why) => notices.push(Notice::new(k, value, why)),
                        }
                    } else if let Some(facet) = Facet::from_all_param(k) {
                        match value {
                            "all" => f.facets[facet].all = true,
                            "any" => f.facets[facet].all = false,
                            _ => notices.push(Notice::new(k, value, "expected `all` or `any`")),
                        }
                    } else {
                        notices.push(Notice::new(k, value, "unknown parameter"));
                    }
                }
            }
        }
        if let (Some(from), Some(to)) = (f.from, f.to) {
            if from.start_key() > to.end_key() {
                notices.push(Notice::new(
                    "to",
                    &to.to_string(),
                    "the range ends before it starts; swapped",
                ));
                (f.from, f.to) = (Some(to), Some(from));
            }
        }
        (f, notices)
    }

    /// The query string (without `?`) that parses back to this filter; empty for none.
    pub fn to_query(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        if !self.q.trim().is_empty() {
            out.append_pair("q", &self.q);
        }
        for facet in Facet::ALL {
            let chosen = &self.facets[facet];
            for key in &chosen.keys {
                out.append_pair(facet.param(), key);
            }
            if let (true, Some(all)) = (chosen.all, facet.all_param()) {
                out.append_pair(all, "all");
            }
        }
        if let Some(m) = self.min_importance {
            out.append_pair("min", &m.to_string());
        }
        if let Some(d) = self.from {
            out.append_pair("from", &d.to_string());
        }
        if let Some(d) = self.to {
            out.append_pair("to", &d.to_string());
        }
        if let Some(s) = self.sort {
            out.append_pair("sort", s.as_str());
        }
        out.finish()
    }

    /// The order in force: the one asked for, or relevance with a search and newest
    /// first without.
    pub fn effective_sort(&self) -> Sort {
        match self.sort {
            Some(s) => s,
            None if self.has_search() => Sort::Relevance,
            None => Sort::Desc,
        }
    }

    pub fn has_search(&self) -> bool {
        crate::text::tokens(&self.q).next().is_some()
    }

    /// Chooses `key` in `facet`, if it is not chosen yet.
    pub fn choose(&mut self, facet: Facet, key: &str) {
        if !self.facets[facet].contains(key) {
            self.facets[facet].keys.push(key.to_string());
        }
    }

    /// A filter that chooses one value and nothing else: a term's own timeline.
    pub fn only(facet: Facet, key: &str) -> Filter {
        let mut f = Filter::default();
        f.choose(facet, key);
        f
    }

    /// Whether anything narrows the list (the sort does not).
    pub fn is_narrowed(&self) -> bool {
        self.has_search()
            || self.facets.0.iter().any(|s| !s.keys.is_empty())
            || self.min_importance.is_some()
            || self.from.is_some()
            || self.to.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_every_documented_parameter() {
        let (f, notices) = Filter::parse(
            "?q=lavrov+oval&tag=Russia&tag=national_security_risk&tags=all&actor=Donald%20Trump&actors=all\
             &lane=Foreign%20Influence&status=confirmed&tier=1&outlet=The%20Guardian&outlet=NPR&min=8&from=2017&to=2017-06&sort=asc\
             &density=compact",
        );
        assert_eq!(notices, []);
        assert_eq!(f.q, "lavrov oval");
        assert_eq!(
            f.facets[Facet::Tag].keys,
            ["russia", "national-security-risk"]
        );
        assert!(f.facets[Facet::Tag].all);
        assert_eq!(f.facets[Facet::Actor].keys, ["donald-trump"]);
        assert!(f.facets[Facet::Actor].all);
        assert_eq!(f.facets[Facet::Lane].keys, ["foreign-influence"]);
        assert_eq!(f.facets[Facet::Status].keys, ["confirmed"]);
        assert_eq!(f.facets[Facet::Tier].keys, ["1"]);
        assert_eq!(f.facets[Facet::Outlet].keys, ["the-guardian", "npr"]);
        assert_eq!(f.min_importance, Some(8));
        assert_eq!(f.from.unwrap().to_string(), "2017");
        assert_eq!(f.to.unwrap().to_string(), "2017-06");
        assert_eq!(f.sort, Some(Sort::Asc));
    }

    #[test]
    fn bad_values_become_notices_not_failures() {
        let (f, notices) = Filter::parse(
            "min=11&tier=x&from=2023-02-30&sort=up&tags=some&bogus=1&tag=&density=tiny",
        );
        assert_eq!(f, Filter::default());
        let params: Vec<_> = notices.iter().map(|n| n.param.as_str()).collect();
        assert_eq!(
            params,
            ["min", "tier", "from", "sort", "tags", "bogus", "tag", "density"]
        );
    }

    #[test]
    fn a_reversed_range_is_swapped() {
        let (f, notices) = Filter::parse("from=2020&to=2019-05");
        assert_eq!(
            (f.from.unwrap().to_string(), f.to.unwrap().to_string()),
            ("2019-05".into(), "2020".into())
        );
        assert_eq!(notices.len(), 1);
    }

    #[test]
    fn default_sort_depends_on_search() {
        assert_eq!(Filter::default().effective_sort(), Sort::Desc);
        assert_eq!(Filter::parse("q=x").0.effective_sort(), Sort::Relevance);
        assert_eq!(Filter::parse("q=x&sort=asc").0.effective_sort(), Sort::Asc);
    }

    #[test]
    fn hostile_values_are_harmless() {
        let (f, _) = Filter::parse("q=%3Cscript%3Ealert(1)%3C/script%3E&tag=%00%FF&from=%E2%80%AE");
        assert_eq!(f.q, "<script>alert(1)</script>");
        assert_eq!(Filter::parse(&f.to_query()).0, f);
    }

    fn key() -> impl Strategy<Value = String> {
        "[a-z0-9]{1,6}(-[a-zA-Z0-9éü]{1,5}){0,2}".prop_map(|k| crate::text::canonical_key(&k))
    }

    proptest! {
        #[test]
        fn print_parse_roundtrip(
            q in "\\PC{0,20}", tags in proptest::collection::vec(key(), 0..3), all in any::<bool>(),
            actors in proptest::collection::vec(key(), 0..3), tier in proptest::option::of(1u8..=4),
            outlets in proptest::collection::vec(key(), 0..3),
            min in proptest::option::of(1u8..=10), y in proptest::option::of(1900i16..2100),
        ) {
            let mut tags = tags; tags.sort(); tags.dedup();
            let mut actors = actors; actors.sort(); actors.dedup();
            let mut outlets = outlets; outlets.sort(); outlets.dedup();
            let mut f = Filter {
                q: q.trim().to_string(), min_importance: min,
                from: y.map(PartialDate::year), ..Filter::default()
            };
            f.facets[Facet::Tag] = Selection { keys: tags, all };
            f.facets[Facet::Actor] = Selection { keys: actors, all: !all };
            f.facets[Facet::Tier].keys = tier.into_iter().map(|t| t.to_string()).collect();
            f.facets[Facet::Outlet].keys = outlets;
            let (back, notices) = Filter::parse(&f.to_query());
            prop_assert_eq!(notices, vec![]);
            prop_assert_eq!(back, f);
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,60}") {
            let _ = Filter::parse(&s);
        }
    }
}
