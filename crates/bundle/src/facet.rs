//! The facets: the dimensions a timeline is narrowed by whose values are terms (tags,
//! actors, capture lanes, statuses, best source tiers, the outlets its sources name). One
//! [`Facet`] knows, for its kind, its terms in the bundle, the values an event carries,
//! its URL parameter, its labels and how a URL value becomes a key; the filter, the
//! engine and every view read them from here, so a new facet is added in this file (and
//! the model's field it reads).

use crate::model::{Bundle, Event, Term};
use std::ops::{Index, IndexMut};
use std::sync::OnceLock;

/// A dimension the reader narrows by, choosing any (or, where allowed, all) of its values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    Tag,
    Actor,
    Lane,
    Status,
    /// The best (lowest) tier among an event's sources, 1 to 4.
    Tier,
    /// The publications an event's sources name (`Source::outlet`).
    Outlet,
}

/// One value per facet, indexed by [`Facet`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PerFacet<T>(pub [T; Facet::COUNT]);

impl<T> Index<Facet> for PerFacet<T> {
    type Output = T;
    fn index(&self, facet: Facet) -> &T {
        &self.0[facet as usize]
    }
}

impl<T> IndexMut<Facet> for PerFacet<T> {
    fn index_mut(&mut self, facet: Facet) -> &mut T {
        &mut self.0[facet as usize]
    }
}

impl<T> PerFacet<T> {
    /// Builds each facet's value from the facet.
    pub fn from_fn(f: impl FnMut(Facet) -> T) -> Self {
        PerFacet(Facet::ALL.map(f))
    }
}

/// An event's values for every facet: the term numbers it carries. Made once per event
/// where all facets are read (the engine's loop), since the best tier is a search through
/// the event's sources.
#[derive(Clone, Copy, Debug)]
pub struct EventValues<'a> {
    event: &'a Event,
    /// The best tier as a term number of [`Facet::Tier`].
    tier: Option<u32>,
}

impl<'a> EventValues<'a> {
    pub fn of(event: &'a Event) -> Self {
        EventValues {
            event,
            tier: event.tier.map(|t| u32::from(t.clamp(1, 4)) - 1),
        }
    }

    /// The term numbers the event carries for `facet`.
    #[inline(always)]
    pub fn get(&self, facet: Facet) -> &[u32] {
        match facet {
            Facet::Tag => &self.event.tags,
            Facet::Actor => &self.event.actors,
            Facet::Lane => &self.event.lanes,
            Facet::Status => self.event.status.as_slice(),
            Facet::Tier => self.tier.as_slice(),
            Facet::Outlet => &self.event.outlets,
        }
    }
}

/// The tiers' terms: not stored in the bundle (a tier is a number on each source), the
/// same for every corpus. Their counts are 0: the engine counts tiers under the filter.
fn tier_terms() -> &'static [Term] {
    static TERMS: OnceLock<Vec<Term>> = OnceLock::new();
    TERMS.get_or_init(|| {
        ["primary", "established", "other", "weak"]
            .iter()
            .enumerate()
            .map(|(i, name)| Term {
                key: (i + 1).to_string(),
                label: format!("Tier {} · {name}", i + 1),
                count: 0,
            })
            .collect()
    })
}

impl Facet {
    pub const COUNT: usize = 6;
    /// In the order the filter panel shows them and the URL lists them: the outlets, a
    /// fact about the sources, beside the best source tier.
    pub const ALL: [Facet; Facet::COUNT] = [
        Facet::Tag,
        Facet::Actor,
        Facet::Lane,
        Facet::Status,
        Facet::Tier,
        Facet::Outlet,
    ];

    /// The URL parameter, repeatable: `tag=a&tag=b`. A public contract.
    pub fn param(self) -> &'static str {
        match self {
            Facet::Tag => "tag",
            Facet::Actor => "actor",
            Facet::Lane => "lane",
            Facet::Status => "status",
            Facet::Tier => "tier",
            Facet::Outlet => "outlet",
        }
    }

    /// The parameter that asks for events with every chosen value (`tags=all`) rather
    /// than any; `None` where an event has at most one value or no one asked for it.
    pub fn all_param(self) -> Option<&'static str> {
        match self {
            Facet::Tag => Some("tags"),
            // The actor network's investigation: the events every chosen actor shares.
            Facet::Actor => Some("actors"),
            // Not the outlets: "reported by every one of these" is not a question the
            // timeline is asked (an event cites two or three sources), and "any of them"
            // is what comparing outlets needs.
            _ => None,
        }
    }

    /// The facet named by a URL parameter.
    pub fn from_param(param: &str) -> Option<Facet> {
        Facet::ALL.into_iter().find(|f| f.param() == param)
    }

    /// The facet whose [`Facet::all_param`] this is.
    pub fn from_all_param(param: &str) -> Option<Facet> {
        Facet::ALL
            .into_iter()
            .find(|f| f.all_param() == Some(param))
    }

    /// A heading: "Capture lanes".
    pub fn title(self) -> &'static str {
        match self {
            Facet::Tag => "Tags",
            Facet::Actor => "Actors",
            Facet::Lane => "Capture lanes",
            Facet::Status => "Status",
            Facet::Tier => "Best source",
            Facet::Outlet => "Outlets",
        }
    }

    /// What one value is, before its label: "Lane: Regulatory capture".
    pub fn singular(self) -> &'static str {
        match self {
            Facet::Tag => "Tag",
            Facet::Actor => "Actor",
            Facet::Lane => "Lane",
            Facet::Status => "Status",
            Facet::Tier => "Source tier",
            Facet::Outlet => "Outlet",
        }
    }

    /// Its values in running text: "Find capture lanes…".
    pub fn noun(self) -> &'static str {
        match self {
            Facet::Tag => "tags",
            Facet::Actor => "actors",
            Facet::Lane => "capture lanes",
            Facet::Status => "statuses",
            Facet::Tier => "source tiers",
            Facet::Outlet => "outlets",
        }
    }

    /// Whether an event may carry several of its values (tags do; a status is one): only
    /// such a facet may ask for all values.
    pub fn multi_valued(self) -> bool {
        matches!(
            self,
            Facet::Tag | Facet::Actor | Facet::Lane | Facet::Outlet
        )
    }

    /// Whether an event's page lists its values, each a link, with the event's terms: the
    /// multi-valued facets but the outlets, which the page shows (and links) beside the
    /// source that names each.
    pub fn listed_with_terms(self) -> bool {
        self.multi_valued() && self != Facet::Outlet
    }

    /// Whether its values are listed in their own order (tier 1 to 4) rather than by
    /// how many events they have.
    pub fn natural_order(self) -> bool {
        self == Facet::Tier
    }

    /// Its terms; an event's values are numbers into this table.
    pub fn terms(self, bundle: &Bundle) -> &[Term] {
        match self {
            Facet::Tag => &bundle.tags,
            Facet::Actor => &bundle.actors,
            Facet::Lane => &bundle.lanes,
            Facet::Status => &bundle.statuses,
            Facet::Tier => tier_terms(),
            Facet::Outlet => &bundle.outlets,
        }
    }

    /// The key a URL value stands for (the canonical key of a term, a tier's number), or
    /// why it cannot be one.
    pub fn key_of(self, value: &str) -> Result<String, &'static str> {
        match self {
            Facet::Tier => match value.parse::<u8>() {
                Ok(t @ 1..=4) => Ok(t.to_string()),
                _ => Err("expected a tier from 1 to 4"),
            },
            _ => {
                let key = crate::text::canonical_key(value);
                if key.is_empty() {
                    Err("empty value")
                } else {
                    Ok(key)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_name_their_facets() {
        for f in Facet::ALL {
            assert_eq!(Facet::from_param(f.param()), Some(f));
        }
        assert_eq!(Facet::from_all_param("tags"), Some(Facet::Tag));
        assert_eq!(Facet::from_all_param("actors"), Some(Facet::Actor));
        assert_eq!(Facet::from_param("tags"), None);
        assert_eq!(Facet::ALL.map(|f| f as usize), [0, 1, 2, 3, 4, 5]);
        assert_eq!(Facet::from_param("outlet"), Some(Facet::Outlet));
        assert_eq!(Facet::from_all_param("outlets"), None);
        for f in Facet::ALL {
            assert!(f.all_param().is_none() || f.multi_valued(), "{f:?}");
        }
    }

    #[test]
    fn an_event_carries_its_values() {
        let e = Event {
            tags: vec![2, 0],
            outlets: vec![0, 3],
            status: Some(1),
            tier: Some(2),
            sources: 2,
            ..Event::default()
        };
        let values = EventValues::of(&e);
        assert_eq!(values.get(Facet::Tag), [2, 0]);
        assert_eq!(values.get(Facet::Actor), [] as [u32; 0]);
        assert_eq!(values.get(Facet::Status), [1]);
        assert_eq!(values.get(Facet::Outlet), [0, 3]);
        // Tier 2 is term number 1 of the tier table, whose key is "2".
        assert_eq!(values.get(Facet::Tier), [1]);
        assert_eq!(Facet::Tier.terms(&Bundle::default())[1].key, "2");
    }

    #[test]
    fn url_values_become_keys() {
        assert_eq!(
            Facet::Tag.key_of(" Money_Laundering ").unwrap(),
            "money-laundering"
        );
        assert_eq!(Facet::Tag.key_of("  "), Err("empty value"));
        // An outlet's key follows the actors' rules: "The Guardian" is not "Guardian".
        assert_eq!(
            Facet::Outlet.key_of("The  Guardian").unwrap(),
            "the-guardian"
        );
        assert_eq!(Facet::Tier.key_of("01").unwrap(), "1");
        assert!(Facet::Tier.key_of("5").is_err() && Facet::Tier.key_of("x").is_err());
    }
}
