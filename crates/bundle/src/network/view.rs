//! The network page's own state in the URL, beside the filter: how many actors it shows
//! (`top`), the actors chosen (`pick`, repeated: one shows its neighbours, several are
//! investigated together) and the order of the pairs' table (`pairs`). View state, not a
//! filter: the filter's query leaves these out, the app keeps them (`src/view_state.rs`).

use crate::text::canonical_key;

/// The URL parameters this state is written in.
pub const PARAMS: [&str; 3] = ["top", "pick", "pairs"];
/// The actors shown when the URL does not say.
pub const DEFAULT_TOP: usize = 50;
/// The fewest a reader can ask for.
pub const MIN_TOP: usize = 5;
/// The most actors chosen at once.
pub const MAX_PICKS: usize = 8;

/// How the pairs' table is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PairsOrder {
    /// Most shared events first (the default).
    #[default]
    Shared,
    /// By the first actor's name, then the second's.
    Name,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NetworkView {
    /// How many actors are nodes, [`MIN_TOP`] to [`super::MAX_NODES`].
    pub top: usize,
    /// The chosen actors' keys, each once, in the order chosen.
    pub picks: Vec<String>,
    pub pairs: PairsOrder,
}

impl Default for NetworkView {
    fn default() -> Self {
        NetworkView {
            top: DEFAULT_TOP,
            picks: Vec::new(),
            pairs: PairsOrder::Shared,
        }
    }
}

impl NetworkView {
    /// The state a query string (with or without `?`) holds; values that mean nothing are
    /// left out, a `top` out of range is brought into it.
    pub fn of_query(query: &str) -> NetworkView {
        let query = query.strip_prefix('?').unwrap_or(query);
        let mut view = NetworkView::default();
        for (k, v) in form_urlencoded::parse(query.as_bytes()) {
            match &*k {
                "top" => {
                    if let Ok(n) = v.trim().parse::<usize>() {
                        view.top = n.clamp(MIN_TOP, super::MAX_NODES);
                    }
                }
                "pick" => {
                    let key = canonical_key(&v);
                    if !key.is_empty() && !view.picks.contains(&key) && view.picks.len() < MAX_PICKS
                    {
                        view.picks.push(key);
                    }
                }
                "pairs" => match v.trim() {
                    "name" => view.pairs = PairsOrder::Name,
                    "shared" => view.pairs = PairsOrder::Shared,
                    _ => {}
                },
                _ => {}
            }
        }
        view
    }

    /// `query` (without `?`) with this state written in place of any it had; defaults are
    /// left out, so that the page's plain URL stays bare.
    pub fn in_query(&self, query: &str) -> String {
        let query = query.strip_prefix('?').unwrap_or(query);
        let mut out = form_urlencoded::Serializer::new(String::new());
        for (k, v) in form_urlencoded::parse(query.as_bytes()) {
            if !PARAMS.contains(&&*k) {
                out.append_pair(&k, &v);
            }
        }
        if self.top != DEFAULT_TOP {
            let mut n = String::new();
            crate::html::push_int(&mut n, self.top as u64);
            out.append_pair("top", &n);
        }
        for key in &self.picks {
            out.append_pair("pick", key);
        }
        if self.pairs == PairsOrder::Name {
            out.append_pair("pairs", "name");
        }
        out.finish()
    }

    /// This view with `key` chosen too, or no longer chosen when it was.
    pub fn toggled(&self, key: &str) -> NetworkView {
        let mut v = self.clone();
        match v.picks.iter().position(|k| k == key) {
            Some(i) => {
                v.picks.remove(i);
            }
            None if v.picks.len() < MAX_PICKS => v.picks.push(key.to_string()),
            None => {}
        }
        v
    }

    /// This view with no actor chosen.
    pub fn without_picks(&self) -> NetworkView {
        NetworkView {
            picks: Vec::new(),
            ..self.clone()
        }
    }

    /// This view with only `key` chosen.
    pub fn only(&self, key: &str) -> NetworkView {
        NetworkView {
            picks: vec![key.to_string()],
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_it_writes_and_keeps_the_rest_of_the_query() {
        let v = NetworkView {
            top: 80,
            picks: vec!["elon-musk".into(), "donald-trump".into()],
            pairs: PairsOrder::Name,
        };
        let q = v.in_query("tag=ai&top=3&pick=x");
        assert_eq!(
            q,
            "tag=ai&top=80&pick=elon-musk&pick=donald-trump&pairs=name"
        );
        assert_eq!(NetworkView::of_query(&q), v);
        assert_eq!(
            NetworkView::default().in_query("?tag=ai&pairs=name"),
            "tag=ai"
        );
    }

    #[test]
    fn nonsense_is_ignored_and_top_is_kept_in_range() {
        let v = NetworkView::of_query("top=abc&pick=&pick=%20&pairs=zzz");
        assert_eq!(v, NetworkView::default());
        assert_eq!(NetworkView::of_query("top=1").top, MIN_TOP);
        assert_eq!(
            NetworkView::of_query("top=99999").top,
            super::super::MAX_NODES
        );
        let many: String = (0..20).map(|i| format!("pick=a{i}&")).collect();
        assert_eq!(NetworkView::of_query(&many).picks.len(), MAX_PICKS);
        // A pick is a key, as the actor filter's values are.
        assert_eq!(
            NetworkView::of_query("pick=Elon%20Musk&pick=elon-musk").picks,
            ["elon-musk"]
        );
    }

    #[test]
    fn toggling_adds_and_removes() {
        let v = NetworkView::default().toggled("a").toggled("b");
        assert_eq!(v.picks, ["a", "b"]);
        assert_eq!(v.toggled("a").picks, ["b"]);
        assert_eq!(v.only("c").picks, ["c"]);
        assert_eq!(v.without_picks(), NetworkView::default());
    }
}
